"""The decisions pages: who sees what, recording, easy read, escaping and query counts."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.tests.factories import (
    MembershipFactory,
    PersonFactory,
    ServiceFactory,
    SupporterFactory,
    UserFactory,
)
from coproduce.core.actions import user_preferences_update
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.decisions.tests.factories import DecisionFactory, record_decision

pytestmark = pytest.mark.django_db


def _supporter_without_plan(personas):  # type: ignore[no-untyped-def]
    friend = UserFactory(name="Fran Friend", email="fran@example.test")
    MembershipFactory(user=friend, organisation=personas.organisation, role="supporter")
    SupporterFactory(person=personas.kyle, user=friend, scopes=["profile"])
    return friend


def _service_names(html: str) -> list[str]:
    return re.findall(r'href="/decisions/services/\d+/">([^<]+)</a>', html)


def _form(personas, **overrides):  # type: ignore[no-untyped-def]
    today = timezone.localdate() - dt.timedelta(days=2)
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "what": "Kyle chooses a new keyworker.",
        "decided_on-0": str(today.day),
        "decided_on-1": str(today.month),
        "decided_on-2": str(today.year),
        "person_took_part": "yes",
        "participants": [str(personas.manager.pk)],
        "other_participants": "",
        "person_view": "I want Sam because Sam likes football.",
        "voice_how": VoiceHow.TYPED,
        "voice_helper": "",
        "rung": Rung.CO_PRODUCTION,
    }
    data.update(overrides)
    return data


# Decisions about me


def test_person_sees_decisions_about_them(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.worker, person=personas.kyle, what="Kyle goes swimming on Fridays.")
    response = client_for(personas.person).get(reverse("decisions:mine"))
    assert response.status_code == 200
    assert "Kyle goes swimming on Fridays." in response.content.decode()


def test_supporter_with_plan_sees_the_persons_decisions(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.worker, person=personas.kyle, what="Kyle goes swimming on Fridays.")
    response = client_for(personas.supporter).get(reverse("decisions:mine"))
    html = response.content.decode()
    assert "Kyle's decisions" in html
    assert "Kyle goes swimming on Fridays." in html
    assert AuditEntry.objects.filter(
        actor=personas.supporter, action="read", object_type="people.person"
    ).exists()


def test_supporter_without_plan_scope_sees_nothing_and_gets_404_for_the_person(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    friend = _supporter_without_plan(personas)
    decision = record_decision(personas.worker, person=personas.kyle, what="Secret plan")
    client = client_for(friend)
    response = client.get(reverse("decisions:mine"))
    assert response.status_code == 200
    assert "Secret plan" not in response.content.decode()
    assert "Nobody has shared their decisions with you yet." in response.content.decode()
    assert client.get(reverse("decisions:mine") + f"?person={personas.kyle.pk}").status_code == 404
    assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["worker", "manager", "commissioner", "outsider"])
def test_decisions_about_me_is_404_for_other_roles(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).get(reverse("decisions:mine"))
    assert response.status_code == 404


def test_easy_read_says_how_much_say_the_person_had_and_marks_decisions_without_them(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.worker, person=personas.kyle, rung=Rung.CO_PRODUCTION)
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    user_preferences_update(user=personas.person, easy_read=True)
    html = client_for(personas.person).get(reverse("decisions:mine")).content.decode()
    assert "You helped decide." in html
    assert "You were told." in html
    assert "You were not part of this decision." in html
    assert "govuk-body-l" in html


def test_supporter_easy_read_speaks_about_the_person(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    user_preferences_update(user=personas.supporter, easy_read=True)
    html = client_for(personas.supporter).get(reverse("decisions:mine")).content.decode()
    assert "Kyle was told." in html
    assert "Kyle was not part of this decision." in html


def test_supporter_of_several_people_chooses_whose_decisions_to_see(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    jo = PersonFactory(
        organisation=personas.organisation, preferred_name="Jo", services=[personas.house]
    )
    SupporterFactory(person=jo, user=personas.supporter)
    record_decision(personas.worker, person=jo, what="Jo joins the choir.")
    client = client_for(personas.supporter)
    html = client.get(reverse("decisions:mine")).content.decode()
    assert f"?person={jo.pk}" in html
    html = client.get(reverse("decisions:mine") + f"?person={jo.pk}").content.decode()
    assert "Jo joins the choir." in html


def test_decisions_about_me_has_bounded_queries(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    url = reverse("decisions:mine")
    DecisionFactory(person=personas.kyle, participants=[personas.worker])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        DecisionFactory(
            person=personas.kyle,
            participants=[personas.worker, personas.manager],
            voice_how=VoiceHow.SUPPORTED,
            voice_helper=personas.worker,
            voice_recorded_by=personas.worker,
        )
    with django_assert_max_num_queries(len(few)):
        client.get(url)


# Decisions about a person, for staff


def test_worker_sees_rungs_and_provenance_for_a_person(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(
        personas.worker,
        person=personas.kyle,
        voice_how=VoiceHow.ON_BEHALF,
        voice_helper=personas.supporter,
        rung=Rung.CONSULTATION,
    )
    response = client_for(personas.worker).get(
        reverse("decisions:person_list", args=[personas.kyle.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Consultation" in html
    assert "Given on Kyle&#39;s behalf by Mary (family member)" in html
    assert "recorded by Wendy on" in html
    assert reverse("decisions:record_for_person", args=[personas.kyle.pk]) in html


@pytest.mark.parametrize("persona", ["other_worker", "quality_checker", "commissioner", "outsider"])
def test_person_list_is_404_for_people_without_access(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).get(
        reverse("decisions:person_list", args=[personas.kyle.pk])
    )
    assert response.status_code == 404


def test_person_from_another_organisation_is_404(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.org_admin).get(
        reverse("decisions:person_list", args=[personas.outsider_person.pk])
    )
    assert response.status_code == 404


def test_decision_without_the_person_is_marked_on_the_list(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.COERCION, person_took_part=False
    )
    html = (
        client_for(personas.manager)
        .get(reverse("decisions:person_list", args=[personas.kyle.pk]))
        .content.decode()
    )
    assert "Taken without Kyle" in html


def test_person_list_is_paginated_with_bounded_queries(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    url = reverse("decisions:person_list", args=[personas.kyle.pk])
    DecisionFactory(person=personas.kyle)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(25):
        DecisionFactory(
            person=personas.kyle,
            participants=[personas.worker],
            voice_how=VoiceHow.ON_BEHALF,
            voice_helper=personas.supporter,
            voice_recorded_by=personas.worker,
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert "26 decisions" in response.content.decode()
    assert "Page 1 of 2" in response.content.decode()
    assert client.get(url + "?page=2").status_code == 200


# Recording


def test_worker_records_a_decision_and_sees_a_success_banner(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.worker)
    url = reverse("decisions:record_for_person", args=[personas.kyle.pk])
    response = client.post(url, _form(personas))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])
    page = client.get(response["Location"])
    assert "The decision is recorded in the ledger." in page.content.decode()
    assert decision.person == personas.kyle
    assert decision.rung == Rung.CO_PRODUCTION
    assert list(decision.participants.all()) == [personas.manager]


def test_the_same_form_posted_twice_records_one_decision(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.worker)
    url = reverse("decisions:record_for_person", args=[personas.kyle.pk])
    data = _form(personas)
    first = client.post(url, data)
    second = client.post(url, data)
    assert Decision.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_co_production_without_the_person_is_refused_in_plain_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]),
        _form(personas, person_took_part="no"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "only co-production or co-design if the person took part" in html
    assert not Decision.objects.exists()


def test_missing_answers_are_listed_in_the_error_summary(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]),
        _form(
            personas,
            what="",
            rung="",
            person_took_part="",
            voice_how=VoiceHow.ON_BEHALF,
            **{"decided_on-0": "", "decided_on-1": "", "decided_on-2": ""},
        ),
    )
    html = response.content.decode()
    for message in (
        "Enter what was decided",
        "Enter the date the decision was made",
        "Select yes if they took part in the decision",
        "Select how much say they had",
        "Select who gave this view on their behalf",
    ):
        assert message in html
    assert 'href="#id_what"' in html


def test_the_person_themself_cannot_be_picked_as_their_helper(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    # Kyle is not offered in the list at all, so choosing him is refused as not on the list.
    response = client_for(personas.worker).post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]),
        _form(personas, voice_how=VoiceHow.ON_BEHALF, voice_helper=str(personas.person.pk)),
    )
    assert "Select someone from the list" in response.content.decode()
    assert not Decision.objects.exists()


def test_script_in_text_fields_is_shown_as_text(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.worker)
    script = "<script>alert('x')</script>"
    client.post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]),
        _form(personas, what=script, person_view=script, other_participants=script),
    )
    decision = Decision.objects.get()
    for url in (
        reverse("decisions:detail", args=[decision.pk]),
        reverse("decisions:person_list", args=[personas.kyle.pk]),
    ):
        html = client.get(url).content.decode()
        assert script not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_the_person_may_record_a_decision_about_themself(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    # The person has their own form (test_own_decision.py).
    response = client_for(personas.person).post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]),
        {"idempotency_key": str(uuid.uuid4()), "what": "I go swimming.", "took_part": "was_asked"},
    )
    assert response.status_code == 302
    assert Decision.objects.get().recorded_by == personas.person


@pytest.mark.parametrize(
    "persona", ["supporter", "other_worker", "quality_checker", "commissioner", "outsider"]
)
def test_recording_about_a_person_is_404_for_others(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).post(
        reverse("decisions:record_for_person", args=[personas.kyle.pk]), _form(personas)
    )
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_manager_records_a_decision_about_their_service(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.manager).post(
        reverse("decisions:record_for_service", args=[personas.house.pk]),
        _form(personas, what="Paint the kitchen yellow", voice_how=VoiceHow.SPOKEN),
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert decision.service == personas.house
    assert decision.person is None


@pytest.mark.parametrize("persona", ["worker", "other_worker", "person", "outsider"])
def test_recording_about_a_service_is_404_for_others(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).post(
        reverse("decisions:record_for_service", args=[personas.house.pk]), _form(personas)
    )
    assert response.status_code == 404
    assert not Decision.objects.exists()


# Services


def test_manager_sees_counts_for_their_services_only(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.worker, person=personas.kyle, rung=Rung.CO_PRODUCTION)
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    response = client_for(personas.manager).get(reverse("decisions:service_list"))
    html = response.content.decode()
    assert _service_names(html) == ["Willow House"]
    assert "1 (50%)" in html
    assert "50% (1)" in html


def test_quality_lead_sees_every_service_sorted(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    response = client_for(personas.quality_lead).get(
        reverse("decisions:service_list") + "?sort=without"
    )
    assert _service_names(response.content.decode()) == ["Willow House", "North Home Care"]


@pytest.mark.parametrize("persona", ["worker", "person", "supporter", "commissioner"])
def test_service_list_is_404_for_other_roles(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for(personas.user(persona)).get(reverse("decisions:service_list")).status_code == 404
    )


def test_outsider_sees_only_their_own_services(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.outsider).get(reverse("decisions:service_list"))
    assert _service_names(response.content.decode()) == ["Hillside House"]


def test_service_list_queries_do_not_grow_with_services(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.senior_leader)
    url = reverse("decisions:service_list")
    record_decision(personas.manager, service=personas.house)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(30):
        service = ServiceFactory(organisation=personas.organisation, name=f"House {number:02}")
        person = PersonFactory(organisation=personas.organisation, services=[service])
        DecisionFactory(person=person, person_took_part=number % 2 == 0)
        DecisionFactory(organisation=personas.organisation, service=service)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert "32 services" in response.content.decode()
    assert len(_service_names(response.content.decode())) == 25


def test_worker_sees_decisions_about_their_service(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.manager, service=personas.house, what="New garden furniture")
    record_decision(personas.manager, person=personas.kyle, what="Kyle's new bedroom")
    client = client_for(personas.worker)
    url = reverse("decisions:service_detail", args=[personas.house.pk])
    html = client.get(url).content.decode()
    assert "New garden furniture" in html
    assert "Kyle&#39;s new bedroom" not in html
    html = client.get(url + "?about=people").content.decode()
    assert "Kyle&#39;s new bedroom" in html
    assert reverse("decisions:record_for_service", args=[personas.house.pk]) not in html


@pytest.mark.parametrize(
    "persona", ["other_worker", "person", "supporter", "commissioner", "outsider"]
)
def test_service_detail_is_404_for_others(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.user(persona)).get(
        reverse("decisions:service_detail", args=[personas.house.pk])
    )
    assert response.status_code == 404


def test_service_detail_queries_are_bounded(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.manager)
    url = reverse("decisions:service_detail", args=[personas.house.pk]) + "?about=people"
    DecisionFactory(person=personas.kyle)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        DecisionFactory(person=personas.kyle, participants=[personas.worker])
        DecisionFactory(organisation=personas.organisation, service=personas.house)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


# One decision


@pytest.mark.parametrize(
    "persona",
    ["person", "supporter", "worker", "manager", "quality_lead", "senior_leader", "org_admin"],
)
def test_decision_about_a_person_is_shown_to_those_with_access(
    personas, client_for, persona
) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(personas.worker, person=personas.kyle)
    response = client_for(personas.user(persona)).get(
        reverse("decisions:detail", args=[decision.pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["other_worker", "quality_checker", "commissioner", "outsider"])
def test_decision_about_a_person_is_404_for_others(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(personas.worker, person=personas.kyle)
    response = client_for(personas.user(persona)).get(
        reverse("decisions:detail", args=[decision.pk])
    )
    assert response.status_code == 404


def test_decision_about_a_service_is_for_its_staff_and_leads(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(personas.manager, service=personas.house)
    url = reverse("decisions:detail", args=[decision.pk])
    assert client_for(personas.worker).get(url).status_code == 200
    assert client_for(personas.quality_lead).get(url).status_code == 200
    assert client_for(personas.other_worker).get(url).status_code == 404
    assert client_for(personas.commissioner).get(url).status_code == 404
    assert client_for(personas.outsider).get(url).status_code == 404


def test_opening_a_decision_is_audited(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(personas.worker, person=personas.kyle)
    client_for(personas.supporter).get(reverse("decisions:detail", args=[decision.pk]))
    assert AuditEntry.objects.filter(
        actor=personas.supporter,
        action="read",
        object_type="decisions.decision",
        object_id=str(decision.pk),
    ).exists()


def test_person_sees_a_decision_without_them_marked_in_easy_read(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(
        personas.worker, person=personas.kyle, rung=Rung.EDUCATING, person_took_part=False
    )
    user_preferences_update(user=personas.person, easy_read=True)
    html = (
        client_for(personas.person)
        .get(reverse("decisions:detail", args=[decision.pk]))
        .content.decode()
    )
    assert "Someone explained it to you." in html
    assert "You were not part of this decision." in html


# Home page


def test_home_page_counts_decisions_this_year_and_those_without_the_person(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    record_decision(personas.worker, person=personas.kyle)
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    html = client_for(personas.person).get(reverse("home")).content.decode()
    assert "This year 2 decisions were made about you." in html
    assert "1 was made without you." in html
    html = client_for(personas.supporter).get(reverse("home")).content.decode()
    assert "Kyle: 2 decisions this year" in html
    html = client_for(personas.manager).get(reverse("home")).content.decode()
    assert "2 decisions this year" in html
    assert "1 taken without the person" in html
    html = client_for(personas.commissioner).get(reverse("home")).content.decode()
    assert "decisions this year" not in html
