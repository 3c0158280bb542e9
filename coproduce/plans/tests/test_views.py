"""The support plan pages: who sees them, what they show, and forms safe to send twice."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coproduce.core.actions import user_preferences_update
from coproduce.core.models import VoiceHow
from coproduce.plans.actions import EntryWords, plan_entry_respond, plan_entry_update
from coproduce.plans.models import Agreement, PlanEntry, SupportPlan
from coproduce.plans.tests.factories import add_entry, add_when_entry, viewer_of

pytestmark = pytest.mark.django_db


def _plan_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:plan", kwargs={"person_id": personas.kyle.pk})


# The plan page


def test_worker_sees_the_five_sections_with_voice_agreement_and_ledger_link(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Learn to cook pasta")
    page = client_for(personas.worker).get(_plan_url(personas)).content.decode()
    for heading in ("What", "Where", "Who", "When", "How"):
        assert f'id="section-{heading.lower()}"' in page
    assert "Learn to cook pasta" in page
    assert "Not yet agreed with Kyle" in page
    assert reverse("decisions:detail", kwargs={"decision_id": entry.decision_id}) in page
    assert reverse("plans:entry_edit", kwargs={"entry_id": entry.pk}) in page


def test_entry_in_the_persons_words_shows_its_voice_badge(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.person, personas.kyle, text="I want to see my brother")
    page = client_for(personas.supporter).get(_plan_url(personas)).content.decode()
    assert "In Kyle&#39;s own words, typed" in page or "In Kyle's own words, typed" in page
    assert "Kyle agreed this" in page


def test_week_grid_and_its_list_show_the_when_entries(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_when_entry(personas.worker, personas.kyle, weekday=2)
    add_entry(personas.worker, personas.kyle, section="when", text="Shopping", flexible=True)
    page = client_for(personas.manager).get(_plan_url(personas)).content.decode()
    assert "app-week-grid" in page
    assert "The same times as a list" in page
    assert "10:00 to 12:00" in page
    assert "Wednesday" in page
    assert "The time is flexible" in page


def test_easy_read_plan_shows_one_entry_per_row_with_agreement_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.person, personas.kyle, text="Go bowling")
    add_entry(personas.worker, personas.kyle, text="Take my tablets at 8")
    user_preferences_update(user=personas.supporter, easy_read=True)
    page = client_for(personas.supporter).get(_plan_url(personas)).content.decode()
    assert "Kyle agreed this ✓" in page
    assert "Not yet agreed with Kyle" in page
    assert page.count("app-er-row") >= 2


def test_easy_read_plan_speaks_to_the_person(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.person, personas.kyle, text="Go bowling")
    user_preferences_update(user=personas.person, easy_read=True)
    page = client_for(personas.person).get(_plan_url(personas)).content.decode()
    assert "My plan" in page
    assert "You agreed this ✓" in page


def test_a_script_in_an_entry_is_shown_as_text(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle, text="<script>alert('x')</script>")
    page = client_for(personas.worker).get(_plan_url(personas)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_plan_page_queries_do_not_grow_with_entries(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    client = client_for(personas.worker)
    url = _plan_url(personas)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        add_entry(
            personas.worker,
            personas.kyle,
            text=f"Entry {n}",
            voice_how=VoiceHow.SUPPORTED,
            voice_helper=personas.supporter,
        )
        add_when_entry(personas.worker, personas.kyle, weekday=n % 7)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


@pytest.mark.parametrize("name", ["other_worker", "quality_checker", "commissioner", "outsider"])
def test_people_outside_kyles_support_get_404_for_the_plan(personas, client_for, name) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    assert client_for(personas.user(name)).get(_plan_url(personas)).status_code == 404


def test_supporter_without_the_plan_scope_gets_404_everywhere(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    link = personas.kyle.supporters.get()
    link.scopes = ["profile"]
    link.save(update_fields=["scopes"])
    client = client_for(personas.supporter)
    for url in (
        _plan_url(personas),
        reverse("plans:agree", kwargs={"person_id": personas.kyle.pk}),
        reverse("plans:entry_respond", kwargs={"entry_id": entry.pk}),
        reverse("plans:entry_history", kwargs={"entry_id": entry.pk}),
    ):
        assert client.get(url).status_code == 404, url


# Adding and changing entries


def _add_url(personas, section: str = "what") -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:entry_add", kwargs={"person_id": personas.kyle.pk, "section": section})


def test_worker_proposes_an_entry_that_waits_for_kyle(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        _add_url(personas),
        {
            "idempotency_key": str(uuid.uuid4()),
            "text": "Try the swimming club",
            "how_i_will_know": "I go every week",
            "voice_how": "without",
        },
    )
    assert response.status_code == 302
    entry = PlanEntry.objects.get()
    assert entry.agreement == Agreement.NOT_YET_AGREED
    assert entry.voice_how == ""
    assert entry.how_i_will_know == "I go every week"
    assert entry.created_by == personas.worker


def test_kyle_adds_his_own_entry_without_provenance_questions(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    page = client.get(_add_url(personas, "how")).content.decode()
    assert "How did Kyle give these words?" not in page
    response = client.post(
        _add_url(personas, "how"),
        {"idempotency_key": str(uuid.uuid4()), "text": "Knock before you come in"},
    )
    assert response.status_code == 302
    entry = PlanEntry.objects.get()
    assert entry.agreement == Agreement.AGREED
    assert entry.voice_how == VoiceHow.TYPED


def test_the_add_form_sent_twice_adds_one_entry(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.worker)
    data = {"idempotency_key": str(uuid.uuid4()), "text": "Cinema", "voice_how": "without"}
    client.post(_add_url(personas), data)
    client.post(_add_url(personas), data)
    assert PlanEntry.objects.count() == 1


def test_a_when_entry_without_times_shows_the_problem(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        _add_url(personas, "when"),
        {"idempotency_key": str(uuid.uuid4()), "text": "Swimming", "voice_how": "without"},
    )
    assert response.status_code == 200
    assert "Select the day, or say the time is flexible" in response.content.decode()
    assert not PlanEntry.objects.exists()


def test_an_unknown_section_is_not_found(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(personas.worker).get(_add_url(personas, "why")).status_code == 404


@pytest.mark.parametrize("name", ["supporter", "quality_lead", "other_worker", "outsider"])
def test_only_kyle_and_his_staff_add_entries(personas, client_for, name) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(name)).post(
        _add_url(personas),
        {"idempotency_key": str(uuid.uuid4()), "text": "x", "voice_how": "without"},
    )
    assert response.status_code == 404
    assert not PlanEntry.objects.exists()


def test_a_stale_edit_shows_both_versions_side_by_side(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming on Tuesdays")
    plan_entry_update(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Mondays"),
    )
    response = client_for(personas.manager).post(
        reverse("plans:entry_edit", kwargs={"entry_id": entry.pk}),
        {"base_version": "1", "text": "Swimming on Fridays", "voice_how": "without"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Swimming on Mondays" in page
    assert "Swimming on Fridays" in page
    assert 'name="base_version" value="2"' in page
    entry.refresh_from_db()
    assert entry.text == "Swimming on Mondays"


def test_worker_changes_an_entry(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming")
    response = client_for(personas.worker).post(
        reverse("plans:entry_edit", kwargs={"entry_id": entry.pk}),
        {"base_version": "1", "text": "Swimming with Sam", "voice_how": VoiceHow.SPOKEN},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Swimming with Sam"
    assert entry.version == 2


@pytest.mark.parametrize("name", ["supporter", "senior_leader", "outsider"])
def test_others_cannot_change_entries(personas, client_for, name) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    response = client_for(personas.user(name)).post(
        reverse("plans:entry_edit", kwargs={"entry_id": entry.pk}),
        {"base_version": "1", "text": "Changed", "voice_how": "without"},
    )
    assert response.status_code == 404


# Answers


def _respond_url(entry: PlanEntry) -> str:
    return reverse("plans:entry_respond", kwargs={"entry_id": entry.pk})


def test_kyle_agrees_an_entry(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    response = client_for(personas.person).post(
        _respond_url(entry), {"base_version": "1", "answer": "agreed"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.agreement == Agreement.AGREED


def test_easy_read_asks_one_question_per_page(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming")
    user_preferences_update(user=personas.person, easy_read=True)
    client = client_for(personas.person)
    first = client.get(_respond_url(entry)).content.decode()
    assert "Is this right?" in first
    assert 'value="agreed"' in first
    assert "I want to change it" in first
    assert 'name="comment"' not in first
    second = client.post(_respond_url(entry), {"base_version": "1", "answer": "changed"})
    assert second.status_code == 200
    page = second.content.decode()
    assert 'name="comment"' in page
    assert 'name="answer" value="changed"' in page
    done = client.post(
        _respond_url(entry),
        {"base_version": "1", "answer": "changed", "comment": "On Saturdays please"},
    )
    assert done.status_code == 302
    entry.refresh_from_db()
    assert entry.agreement == Agreement.CHANGED
    assert entry.person_comment == "On Saturdays please"


def test_easy_read_asks_a_supporter_how_kyle_answered(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    user_preferences_update(user=personas.supporter, easy_read=True)
    client = client_for(personas.supporter)
    page = client.post(_respond_url(entry), {"base_version": "1", "answer": "agreed"})
    assert 'name="voice_how"' in page.content.decode()
    done = client.post(
        _respond_url(entry),
        {
            "base_version": "1",
            "answer": "agreed",
            "voice_how": VoiceHow.SUPPORTED,
            "voice_helper": str(personas.supporter.pk),
        },
    )
    assert done.status_code == 302
    entry.refresh_from_db()
    assert entry.response_how == VoiceHow.SUPPORTED
    assert entry.response_helper == personas.supporter


def test_an_answer_to_a_changed_entry_asks_to_read_it_again(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    plan_entry_update(
        viewer=viewer_of(personas.worker, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="New words"),
    )
    response = client_for(personas.person).post(
        _respond_url(entry), {"base_version": "1", "answer": "agreed"}, follow=True
    )
    assert "changed since you opened it" in response.content.decode()
    entry.refresh_from_db()
    assert entry.agreement == Agreement.NOT_YET_AGREED


@pytest.mark.parametrize("name", ["quality_lead", "other_worker", "outsider"])
def test_others_cannot_answer(personas, client_for, name) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    response = client_for(personas.user(name)).post(
        _respond_url(entry), {"base_version": "1", "answer": "agreed"}
    )
    assert response.status_code == 404


# Agreeing the plan


def test_kyle_ticks_to_agree_his_plan(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    plan_entry_respond(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=entry,
        base_version=1,
        answer=Agreement.AGREED,
    )
    plan = SupportPlan.objects.get()
    url = reverse("plans:agree", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.person)
    assert "Yes, this is my plan" in client.get(url).content.decode()
    response = client.post(
        url, {"base_version": str(plan.version), "agreed_how": "tick", "confirm": "on"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.AGREED


def test_agree_page_says_when_parts_wait_for_an_answer(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    page = client_for(personas.worker).get(
        reverse("plans:agree", kwargs={"person_id": personas.kyle.pk})
    )
    assert "waiting for an answer" in page.content.decode()


def test_worker_records_kyles_spoken_yes(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.person, personas.kyle)
    plan = SupportPlan.objects.get()
    response = client_for(personas.worker).post(
        reverse("plans:agree", kwargs={"person_id": personas.kyle.pk}),
        {"base_version": str(plan.version), "agreed_how": "recorded_yes", "confirm": "on"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.voice_how == VoiceHow.SPOKEN
    assert plan.voice_recorded_by == personas.worker


# Versions


def test_history_compares_two_versions_with_labelled_changes(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming on Tuesdays")
    plan_entry_update(
        viewer=viewer_of(personas.worker, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Fridays"),
    )
    url = reverse("plans:entry_history", kwargs={"entry_id": entry.pk})
    page = client_for(personas.quality_lead).get(f"{url}?from=1&to=2").content.decode()
    assert "<ins>" in page
    assert "<del>" in page
    assert "[added:" in page
    assert "[removed:" in page
    assert "Version 2" in page


def test_history_with_an_unknown_version_is_not_found(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    url = reverse("plans:entry_history", kwargs={"entry_id": entry.pk})
    assert client_for(personas.worker).get(f"{url}?from=1&to=9").status_code == 404


# Overdue reviews


def test_manager_sees_overdue_reviews_of_their_service_only(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    SupportPlan.objects.update(review_due_on=dt.date(2020, 1, 1))
    url = reverse("plans:overdue_reviews")
    page = client_for(personas.manager).get(url).content.decode()
    assert "Kyle" in page
    assert "Kyle" not in client_for(personas.outsider).get(url).content.decode()
    assert client_for(personas.worker).get(url).status_code == 404


def test_the_ledger_link_of_an_entry_opens_for_kyle_and_his_supporter(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Try the swimming club")
    url = reverse("decisions:detail", kwargs={"decision_id": entry.decision_id})
    for user in (personas.person, personas.supporter, personas.worker):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert "Try the swimming club" in response.content.decode()


def test_history_queries_do_not_grow_with_versions(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Version 1")
    worker = viewer_of(personas.worker, personas.kyle)
    client = client_for(personas.manager)
    url = reverse("plans:entry_history", kwargs={"entry_id": entry.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 12):
        plan_entry_update(
            viewer=worker,
            entry=entry,
            base_version=n - 1,
            words=EntryWords(text=f"Version {n}"),
            voice_how=VoiceHow.SUPPORTED,
            voice_helper=personas.supporter,
        )
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_overdue_reviews_queries_do_not_grow_with_plans(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.tests.factories import PersonFactory

    add_entry(personas.worker, personas.kyle)
    SupportPlan.objects.update(review_due_on=dt.date(2020, 1, 1))
    client = client_for(personas.quality_lead)
    url = reverse("plans:overdue_reviews")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        person = PersonFactory(
            organisation=personas.organisation, preferred_name=f"P{n}", services=[personas.house]
        )
        add_entry(personas.worker, person)
    SupportPlan.objects.update(review_due_on=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("/plans/people/") == 9


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("5pm", "17:00"),
        ("5:30pm", "17:30"),
        ("17:00", "17:00"),
        ("9am", "09:00"),
        ("9.15", "09:15"),
    ],
)
def test_a_when_entry_takes_times_as_people_write_them(
    personas, client_for, written, expected
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        _add_url(personas, "when"),
        {
            "idempotency_key": str(uuid.uuid4()),
            "text": "Swimming",
            "voice_how": "without",
            "weekday": "1",
            "starts_at": written,
            "ends_at": "11pm",
        },
    )
    assert response.status_code == 302
    assert PlanEntry.objects.get().starts_at.strftime("%H:%M") == expected


def test_a_time_nobody_writes_names_the_field_once(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        _add_url(personas, "when"),
        {
            "idempotency_key": str(uuid.uuid4()),
            "text": "Swimming",
            "voice_how": "without",
            "weekday": "1",
            "starts_at": "teatime",
            "ends_at": "11pm",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    # Once in the error summary and once beside the box, each naming the field once.
    assert page.count("Enter the start time like 10am, 5:30pm or 17:00") == 2
    assert not PlanEntry.objects.exists()
