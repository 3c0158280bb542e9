"""Daily check-ins, one-to-ones and "this is not working": who may use them, what they
show, and forms safe to send twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.tests.factories import PersonFactory, SupporterFactory
from coproduce.core.actions import user_preferences_update
from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.plans.checkins import actions
from coproduce.plans.checkins.tests.checkin_helpers import (
    kyle_checks_in,
    kyle_flag,
    kyle_one_to_one,
)
from coproduce.plans.models.checkins import CheckIn, CheckInRevision, NotWorkingFlag, OneToOne
from coproduce.plans.tests.factories import viewer_of

pytestmark = pytest.mark.django_db


def _new_url(p) -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:checkin_new", kwargs={"person_id": p.kyle.pk})


def _list_url(p) -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:checkins", kwargs={"person_id": p.kyle.pk})


# Check-ins


def test_kyle_checks_in_in_his_own_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    page = client.get(_new_url(personas)).content.decode()
    assert "How do you want to be supported today?" in page
    for words in ("Very happy", "Happy", "OK", "Sad", "Very sad"):
        assert f'<span class="app-mood__words">{words}</span>' in page
    response = client.post(
        _new_url(personas),
        {"mood": "sad", "wishes": "Go to the park", "support_today": "Please give me space"},
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get(person=personas.kyle)
    assert check_in.mood == "sad"
    assert check_in.voice_how == VoiceHow.TYPED
    assert check_in.date == timezone.localdate()


def test_check_in_without_a_mood_is_refused_with_a_plain_message(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    page = client_for(personas.person).post(_new_url(personas), {"wishes": "Swim"})
    assert page.status_code == 200
    assert "Choose the face that shows how you feel" in page.content.decode()
    assert not CheckIn.objects.exists()


def test_second_check_in_the_same_day_changes_it_and_keeps_the_first(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    client.post(_new_url(personas), {"mood": "happy", "wishes": "Swim"})
    page = client.get(_new_url(personas)).content.decode()
    assert "You checked in today already" in page
    client.post(_new_url(personas), {"mood": "very_sad", "support_today": "Bad day"})
    check_in = CheckIn.objects.get(person=personas.kyle)
    assert (check_in.mood, check_in.version) == ("very_sad", 2)
    revision = CheckInRevision.objects.get(check_in=check_in)
    assert (revision.mood, revision.wishes) == ("happy", "Swim")


def test_check_in_sent_twice_is_one_record_with_no_history(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    data = {"mood": "ok", "wishes": "Cook"}
    client.post(_new_url(personas), data)
    client.post(_new_url(personas), data)
    assert CheckIn.objects.filter(person=personas.kyle).count() == 1
    assert not CheckInRevision.objects.exists()


def test_worker_checking_in_with_kyle_says_how_he_gave_his_answers(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.worker)
    page = client.post(_new_url(personas), {"mood": "happy"}).content.decode()
    assert "Select how these answers were given" in page
    client.post(_new_url(personas), {"mood": "happy", "voice_how": VoiceHow.SPOKEN})
    check_in = CheckIn.objects.get(person=personas.kyle)
    assert check_in.voice_how == VoiceHow.SPOKEN
    assert check_in.voice_recorded_by == personas.worker


def test_easy_read_check_in_asks_one_question_a_page(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    user_preferences_update(user=personas.person, easy_read=True)
    client = client_for(personas.person)
    first = client.get(_new_url(personas)).content.decode()
    assert "Question 1 of 3" in first
    assert 'name="wishes"' in first and 'type="hidden" name="wishes"' in first
    second = client.post(_new_url(personas), {"step": "0", "mood": "very_happy"}).content.decode()
    assert "Question 2 of 3" in second
    assert "<textarea" in second and 'name="wishes"' in second
    assert 'type="hidden" name="mood" value="very_happy"' in second
    assert not CheckIn.objects.exists()
    third = client.post(
        _new_url(personas), {"step": "1", "mood": "very_happy", "wishes": "Bowling"}
    ).content.decode()
    assert "Question 3 of 3" in third
    done = client.post(
        _new_url(personas),
        {"step": "2", "mood": "very_happy", "wishes": "Bowling", "support_today": ""},
    )
    assert done.status_code == 302
    assert CheckIn.objects.get(person=personas.kyle).wishes == "Bowling"


def test_easy_read_first_page_without_a_face_stays_on_the_first_question(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    user_preferences_update(user=personas.person, easy_read=True)
    page = client_for(personas.person).post(_new_url(personas), {"step": "0"}).content.decode()
    assert "Question 1 of 3" in page
    assert "Choose the face that shows how you feel" in page


def test_check_ins_page_has_a_chart_with_title_and_desc_and_the_same_as_a_table(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    viewer = viewer_of(personas.person, personas.kyle)
    today = timezone.localdate()
    for days_ago, mood in ((2, "very_sad"), (1, "ok"), (0, "very_happy")):
        actions.checkin_record(
            viewer=viewer, person=personas.kyle, mood=mood, day=today - dt.timedelta(days_ago)
        )
    page = client_for(personas.person).get(_list_url(personas)).content.decode()
    assert "My check-ins" in page
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert page.count("<rect") == 3
    assert "<table" in page
    for words in ("Very sad", "OK", "Very happy"):
        assert words in page
    assert reverse("plans:one_to_ones", kwargs={"person_id": personas.kyle.pk}) in page
    assert reverse("plans:not_working_new", kwargs={"person_id": personas.kyle.pk}) in page


def test_supporter_without_the_plan_shared_cannot_see_check_ins(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    ruth = PersonFactory(organisation=personas.organisation, services=[personas.house])
    SupporterFactory(person=ruth, user=personas.supporter, scopes=["profile"])
    url = reverse("plans:checkins", kwargs={"person_id": ruth.pk})
    assert client_for(personas.supporter).get(url).status_code == 404
    assert client_for(personas.supporter).get(_list_url(personas)).status_code == 200


@pytest.mark.parametrize("persona", ["commissioner", "other_worker", "outsider"])
def test_check_ins_are_hidden_from_other_roles_services_and_organisations(
    personas, client_for, persona
) -> None:  # type: ignore[no-untyped-def]
    kyle_checks_in(personas)
    client = client_for(personas.user(persona))
    assert client.get(_list_url(personas)).status_code == 404
    assert client.get(_new_url(personas)).status_code == 404


# Today


def test_todays_team_sees_todays_check_ins_first(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    PersonFactory(
        organisation=personas.organisation, services=[personas.house], preferred_name="Abe"
    )
    kyle_checks_in(personas, mood="sad", wishes="Go bowling", support_today="Give me space")
    page = client_for(personas.worker).get(reverse("plans:today")).content.decode()
    assert "1 of 2 people checked in today." in page
    assert page.index("Kyle") < page.index("Abe")
    assert "Go bowling" in page and "Give me space" in page and "Sad" in page


def test_today_page_keeps_its_query_count_as_people_grow(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    client.get(reverse("plans:today"))
    viewer = viewer_of(personas.manager, personas.kyle)
    for _n in range(12):
        person = PersonFactory(organisation=personas.organisation, services=[personas.house])
        actions.checkin_record(viewer=viewer, person=person, mood="ok", voice_how="spoken")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("plans:today"))
    assert response.content.decode().count("app-today ") == 13


def test_today_page_is_not_for_the_person_or_leads(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    for persona in ("person", "quality_lead", "commissioner", "outsider"):
        assert client_for(personas.user(persona)).get(reverse("plans:today")).status_code == 404


# One-to-ones


def test_kyle_writes_the_agenda_first_and_the_meeting_is_made(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    url = reverse("plans:one_to_one_new", kwargs={"person_id": personas.kyle.pk})
    page = client.get(url).content.decode()
    assert "What do you want to talk about?" in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    today = timezone.localdate()
    data = {
        "idempotency_key": key,
        "agenda": "College\nMy evenings",
        "date_0": today.day,
        "date_1": today.month,
        "date_2": today.year,
        "keyworker": personas.worker.pk,
    }
    first = client.post(url, data)
    client.post(url, data)
    meeting = OneToOne.objects.get(person=personas.kyle)
    assert first["Location"] == reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    detail = client.get(first["Location"]).content.decode()
    assert "College" in detail and "My evenings" in detail


def test_agreed_action_goes_into_the_ledger_as_co_produced(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    client = client_for(personas.worker)
    client.post(url, {"form": "action", "what": "Find a cookery course", "owner": "Wendy"})
    item = meeting.actions.get()
    decision = Decision.objects.get(pk=item.decision_id)
    assert decision.rung == Rung.CO_PRODUCTION
    assert decision.person_took_part
    client.post(url, {"form": "done", "action_id": item.pk, "done": "1"})
    item.refresh_from_db()
    assert item.done


def test_notes_in_kyles_words_and_whether_he_felt_listened_to(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    client_for(personas.person).post(
        url,
        {
            "form": "notes",
            "notes": "I want college",
            "listened": "partly",
            "listened_words": "Rushed",
        },
    )
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.listened, meeting.voice_how) == (
        "I want college",
        "partly",
        VoiceHow.TYPED,
    )
    page = client_for(personas.manager).get(url).content.decode()
    assert "Felt listened to:" in page and "Partly" in page and "Rushed" in page


def test_supporter_sees_one_to_ones_only_with_meetings_shared(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    assert client_for(personas.supporter).get(url).status_code == 404
    personas.kyle.supporters.filter(user=personas.supporter).update(
        scopes=["profile", "plan", "meetings"]
    )
    assert client_for(personas.supporter).get(url).status_code == 200


def test_leads_read_one_to_ones_but_cannot_change_them(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    client = client_for(personas.quality_lead)
    assert client.get(url).status_code == 200
    assert client.post(url, {"form": "action", "what": "x", "owner": "y"}).status_code == 404


# "This is not working"


def test_kyle_flags_a_check_in_and_the_manager_answers(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    check_in = kyle_checks_in(personas, mood="very_sad")
    new_url = reverse("plans:not_working_new", kwargs={"person_id": personas.kyle.pk})
    kyle = client_for(personas.person)
    page = kyle.get(f"{new_url}?from=check_in&id={check_in.pk}").content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    data = {"idempotency_key": key, "what": "Nobody asked me about my day"}
    response = kyle.post(f"{new_url}?from=check_in&id={check_in.pk}", data)
    kyle.post(f"{new_url}?from=check_in&id={check_in.pk}", data)
    flag = NotWorkingFlag.objects.get(person=personas.kyle)
    assert flag.check_in == check_in and flag.is_open

    manager = client_for(personas.manager)
    listing = manager.get(reverse("plans:not_working_open")).content.decode()
    assert "Nobody asked me about my day" in listing
    detail_url = response["Location"]
    refused = manager.post(detail_url, {"answer": ""}).content.decode()
    assert "Write your answer to the person" in refused
    manager.post(detail_url, {"answer": "Wendy will ask you every morning"})
    flag.refresh_from_db()
    assert flag.status == NotWorkingFlag.Status.ANSWERED
    assert flag.answered_by == personas.manager
    decision = Decision.objects.get(pk=flag.decision_id)
    assert decision.rung == Rung.CONSULTATION and decision.person_took_part
    assert "Wendy will ask you every morning" in kyle.get(detail_url).content.decode()
    assert "Nobody asked me" not in manager.get(reverse("plans:not_working_open")).content.decode()


def test_only_a_manager_or_a_quality_lead_answers_a_flag(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    flag = kyle_flag(personas)
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})
    for persona in ("person", "worker", "senior_leader", "org_admin"):
        client = client_for(personas.user(persona))
        assert client.get(url).status_code == 200
        assert client.post(url, {"answer": "No"}).status_code == 404
    flag.refresh_from_db()
    assert flag.is_open


def test_open_flags_list_shows_only_the_managers_services(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.tests.factories import MembershipFactory, UserFactory

    kyle_flag(personas)
    other_manager = UserFactory(name="Nat North")
    MembershipFactory(
        user=other_manager,
        organisation=personas.organisation,
        role="service_manager",
        services=[personas.home_care],
    )
    page = client_for(other_manager).get(reverse("plans:not_working_open")).content.decode()
    assert "My evening visits are too short" not in page
    page = (
        client_for(personas.senior_leader).get(reverse("plans:not_working_open")).content.decode()
    )
    assert "My evening visits are too short" in page


def test_open_flags_list_keeps_its_query_count(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    viewer = viewer_of(personas.person, personas.kyle)
    for n in range(10):
        actions.not_working_flag(viewer=viewer, person=personas.kyle, what=f"Problem {n}")
    client = client_for(personas.manager)
    client.get(reverse("plans:not_working_open"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("plans:not_working_open"))
    assert page.content.decode().count("Problem ") == 10


def test_an_answer_cannot_be_empty(personas) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    flag = kyle_flag(personas)
    with pytest.raises(ValidationError):
        actions.not_working_answer(
            viewer=viewer_of(personas.manager, personas.kyle), flag=flag, answer="  "
        )


def test_a_flag_about_a_worker_offers_kyle_the_change_request(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    flag = actions.not_working_flag(
        viewer=viewer_of(personas.person, personas.kyle),
        person=personas.kyle,
        what="My worker does not listen",
        about_a_worker=True,
    )
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})
    change = reverse("matching:change_request_new", kwargs={"person_id": personas.kyle.pk})
    assert change in client_for(personas.person).get(url).content.decode()
    assert change not in client_for(personas.manager).get(url).content.decode()


def _flag_about_wendy(p):  # type: ignore[no-untyped-def]
    return actions.not_working_flag(
        viewer=viewer_of(p.person, p.kyle),
        person=p.kyle,
        what="Wendy shouts at me when I am slow",
        about_a_worker=True,
    )


def test_what_kyle_says_about_a_worker_is_never_shown_to_workers(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    flag = _flag_about_wendy(personas)
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})

    for persona in ("worker", "other_worker", "quality_checker", "commissioner", "outsider"):
        response = client_for(personas.user(persona)).get(url)
        assert response.status_code == 404, persona
        assert "Wendy shouts" not in response.content.decode()
    for persona in ("person", "supporter", "manager", "quality_lead", "senior_leader"):
        response = client_for(personas.user(persona)).get(url)
        assert response.status_code == 200, persona
        assert "Wendy shouts at me when I am slow" in response.content.decode()


def test_a_flag_not_about_a_worker_is_still_seen_by_kyles_workers(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    flag = kyle_flag(personas)
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})

    assert client_for(personas.worker).get(url).status_code == 200


def test_a_worker_who_writes_down_a_flag_about_a_worker_sees_what_they_wrote(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    flag = actions.not_working_flag(
        viewer=viewer_of(personas.worker, personas.kyle),
        person=personas.kyle,
        what="Kyle says the night worker is rude to him",
        about_a_worker=True,
    )
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})

    assert client_for(personas.worker).get(url).status_code == 200
    assert client_for(personas.other_worker).get(url).status_code == 404


def test_the_answer_to_a_flag_about_a_worker_keeps_the_words_out_of_the_ledger(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    flag = _flag_about_wendy(personas)
    actions.not_working_answer(
        viewer=viewer_of(personas.manager, personas.kyle),
        flag=flag,
        answer="We talked with Wendy about giving you time",
    )
    flag.refresh_from_db()
    decision = Decision.objects.get(pk=flag.decision_id)

    assert "Wendy" not in decision.what
    assert decision.rung == Rung.CONSULTATION
    detail = reverse("decisions:detail", kwargs={"decision_id": decision.pk})
    page = client_for(personas.worker).get(detail)
    assert "Wendy" not in page.content.decode()
    mine = client_for(personas.worker).get(
        reverse("decisions:person_list", kwargs={"person_id": personas.kyle.pk})
    )
    assert "Wendy" not in mine.content.decode()


def test_kyle_flags_a_part_of_his_plan_and_another_persons_entry_is_ignored(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.plans.tests.factories import add_entry

    entry = add_entry(personas.person, personas.kyle, text="Swimming on Tuesdays")
    other = PersonFactory(organisation=personas.organisation, services=[personas.house])
    others_entry = add_entry(personas.worker, other, text="Someone else's plan")
    url = reverse("plans:not_working_new", kwargs={"person_id": personas.kyle.pk})
    kyle = client_for(personas.person)
    assert (
        "Swimming on Tuesdays" in kyle.get(f"{url}?from=plan_entry&id={entry.pk}").content.decode()
    )
    kyle.post(f"{url}?from=plan_entry&id={entry.pk}", {"what": "The pool is closed"})
    kyle.post(f"{url}?from=plan_entry&id={others_entry.pk}", {"what": "Not mine"})
    flags = {f.what: f for f in NotWorkingFlag.objects.filter(person=personas.kyle)}
    assert flags["The pool is closed"].plan_entry == entry
    assert flags["Not mine"].plan_entry is None


def test_easy_read_check_ins_are_one_row_a_day_with_face_and_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    kyle_checks_in(personas, mood="very_happy", wishes="Go bowling")
    user_preferences_update(user=personas.person, easy_read=True)
    page = client_for(personas.person).get(_list_url(personas)).content.decode()
    assert "app-er-row" in page and "<svg" in page
    assert "Very happy</strong>" in page
    assert "Wanted to do: Go bowling" in page
    assert "<table" not in page


def test_an_action_agreed_at_a_one_to_one_says_its_date_in_words(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    action = actions.one_to_one_action_add(
        viewer=viewer_of(personas.worker, personas.kyle),
        meeting=meeting,
        what="Ring the college",
        owner="Wendy",
    )

    words = f"{meeting.date.day} {meeting.date:%B %Y}"
    assert f"One-to-one on {words}, agreed: Ring the college" in action.decision.what
    assert meeting.date.isoformat() not in action.decision.what
