"""Supporters and consent: who may see and change what a person shares, every change in
the decisions ledger and the audit log, and what a supporter then sees."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from conftest import Personas
from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry
from coproduce.decisions.business_rules import consent_rung
from coproduce.decisions.models import Decision, Rung
from coproduce.people.models import Supporter
from coproduce.people.supporters.actions import supporter_add
from coproduce.people.supporters.rules import supporter_may

pytestmark = pytest.mark.django_db


def mary_link(personas: Personas) -> Supporter:
    return personas.kyle.supporters.get(user=personas.supporter)


def list_url(personas: Personas) -> str:
    return reverse("people:supporters", kwargs={"person_id": personas.kyle.pk})


def scopes_url(personas: Personas, link: Supporter | None = None) -> str:
    link = link or mary_link(personas)
    return reverse(
        "people:supporter_scopes", kwargs={"person_id": personas.kyle.pk, "link_id": link.pk}
    )


def withdraw_url(personas: Personas) -> str:
    return reverse(
        "people:supporter_withdraw",
        kwargs={"person_id": personas.kyle.pk, "link_id": mary_link(personas).pk},
    )


def add_url(personas: Personas) -> str:
    return reverse("people:supporter_add", kwargs={"person_id": personas.kyle.pk})


def another_supporter(personas: Personas, name: str = "Sid Friend"):  # type: ignore[no-untyped-def]
    user = UserFactory(name=name, email=f"{name.split()[0].lower()}@example.test")
    MembershipFactory(user=user, organisation=personas.organisation, role="supporter")
    return user


def decisions_about_kyle(personas: Personas):  # type: ignore[no-untyped-def]
    return Decision.objects.filter(person=personas.kyle)


# Seeing the page


def test_person_sees_who_can_see_their_things(personas, client_for):
    response = client_for(personas.person).get(list_url(personas))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Who can see my things" in page
    assert "Mary Brown" in page and "Can see" in page and "Cannot see" in page


def test_easy_read_shows_one_card_per_supporter_with_ticks(personas, client_for):
    client = client_for(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    page = client.get(list_url(personas)).content.decode()
    assert "Who can see my things" in page
    assert page.count('class="app-er-card"') == 1
    assert "Mary can see:" in page
    assert "My profile" in page and "✓" in page and "✗" in page
    assert "Stop Mary seeing my things" in page


@pytest.mark.parametrize("persona", ["worker", "manager", "org_admin"])
def test_staff_of_their_service_and_the_admin_see_the_page(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(list_url(personas)).status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["supporter", "other_worker", "quality_checker", "quality_lead", "commissioner", "outsider"],
)
def test_others_get_404(personas, client_for, persona):
    client = client_for(personas.user(persona))
    assert client.get(list_url(personas)).status_code == 404
    assert client.get(scopes_url(personas)).status_code == 404
    assert client.post(scopes_url(personas), {"scopes": ["profile"]}).status_code == 404


def test_org_admin_sees_but_cannot_change(personas, client_for):
    client = client_for(personas.org_admin)
    page = client.get(list_url(personas)).content.decode()
    assert "Add a supporter" not in page
    assert client.get(scopes_url(personas)).status_code == 404
    assert client.get(add_url(personas)).status_code == 404


def test_supporters_page_costs_the_same_with_more_supporters(
    personas, client_for, django_assert_max_num_queries
):
    viewer = viewer_for(personas.person, personas.organisation)
    for number in range(5):
        supporter_add(
            viewer=viewer,
            person=personas.kyle,
            name=f"Sup{number} Friend",
            email=f"sup{number}@example.test",
            relationship="friend",
            scopes=["plan"],
        )
    client = client_for(personas.person)
    with django_assert_max_num_queries(12):
        assert client.get(list_url(personas)).status_code == 200


# Changing what a supporter may see


def test_person_changes_scopes_and_it_goes_into_the_ledger_and_audit(personas, client_for):
    response = client_for(personas.person).post(
        scopes_url(personas),
        {
            "idempotency_key": str(uuid.uuid4()),
            "scopes": ["profile", "meetings"],
            "person_view": "Mum can help with my meetings.",
        },
    )
    assert response.status_code == 302
    link = mary_link(personas)
    assert link.scopes == ["profile", "meetings"]
    decision = decisions_about_kyle(personas).get()
    assert decision.rung == Rung.CO_PRODUCTION
    assert decision.person_took_part
    assert decision.person_view == "Mum can help with my meetings."
    assert decision.voice_how == "typed"
    assert decision.recorded_by == personas.person
    assert decision.subject == link
    assert "My meetings" in decision.what
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, object_type="people.supporter", object_id=str(link.pk)
    ).exists()


def test_worker_changes_scopes_with_kyle_recording_how_he_said_it(personas, client_for):
    response = client_for(personas.worker).post(
        scopes_url(personas),
        {
            "idempotency_key": str(uuid.uuid4()),
            "scopes": ["profile"],
            "person_view": "Kyle said: only my profile now.",
            "voice_how": "spoken",
        },
    )
    assert response.status_code == 302
    assert mary_link(personas).scopes == ["profile"]
    decision = decisions_about_kyle(personas).get()
    assert (decision.rung, decision.voice_how) == (Rung.CO_DESIGN, "spoken")
    assert decision.recorded_by == personas.worker


def test_staff_must_write_down_what_the_person_said(personas, client_for):
    response = client_for(personas.worker).post(
        scopes_url(personas), {"idempotency_key": str(uuid.uuid4()), "scopes": ["profile"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write down what the person said or showed" in page
    assert mary_link(personas).scopes == ["profile", "plan"]
    assert not decisions_about_kyle(personas).exists()


def test_support_from_someone_needs_their_name(personas, client_for):
    response = client_for(personas.manager).post(
        scopes_url(personas),
        {
            "idempotency_key": str(uuid.uuid4()),
            "scopes": [],
            "person_view": "Kyle nodded.",
            "voice_how": "supported",
        },
    )
    assert "Select who helped them give this view" in response.content.decode()
    assert not decisions_about_kyle(personas).exists()


def test_choosing_the_same_scopes_changes_nothing(personas, client_for):
    client = client_for(personas.person)
    data = {"idempotency_key": str(uuid.uuid4()), "scopes": ["plan", "profile"]}
    assert client.post(scopes_url(personas), data).status_code == 302
    assert not decisions_about_kyle(personas).exists()


def test_scopes_form_sent_twice_records_one_decision(personas, client_for):
    client = client_for(personas.person)
    data = {"idempotency_key": str(uuid.uuid4()), "scopes": ["meetings"]}
    client.post(scopes_url(personas), data)
    client.post(scopes_url(personas), data)
    assert decisions_about_kyle(personas).count() == 1


def test_supporter_cannot_change_their_own_scopes_even_as_a_worker(personas, client_for):
    # Mary also works at Willow House: she still may not change what Kyle shares with her.
    MembershipFactory(
        user=personas.supporter,
        organisation=personas.organisation,
        role="support_worker",
        services=[personas.house],
    )
    client = client_for(personas.supporter)
    assert client.get(list_url(personas)).status_code == 200
    assert client.get(scopes_url(personas)).status_code == 404
    response = client.post(
        scopes_url(personas), {"scopes": ["profile", "plan", "rota", "feedback", "meetings"]}
    )
    assert response.status_code == 404
    assert client.get(withdraw_url(personas)).status_code == 404
    assert mary_link(personas).scopes == ["profile", "plan"]


# Withdrawing a supporter


def test_person_stops_a_supporter_seeing_anything(personas, client_for):
    client = client_for(personas.person)
    assert "Stop Mary seeing your things?" in client.get(withdraw_url(personas)).content.decode()
    url = withdraw_url(personas)
    data = {"idempotency_key": str(uuid.uuid4())}
    assert client.post(url, data).status_code == 302
    link = Supporter.objects.get(person=personas.kyle, user=personas.supporter)
    assert link.ended_at is not None
    decision = decisions_about_kyle(personas).get()
    assert decision.rung == Rung.CO_PRODUCTION and "stop Mary Brown" in decision.what
    assert AuditEntry.objects.filter(
        object_type="people.supporter", object_id=str(link.pk)
    ).exists()
    # Sent twice: still one decision, and the page simply goes back to the list.
    again = client.post(url, data)
    assert again.status_code == 302
    assert decisions_about_kyle(personas).count() == 1
    # Mary now sees nothing of Kyle's.
    mary = viewer_for(personas.supporter, personas.organisation)
    assert not supporter_may(mary, personas.kyle, "profile")


# Adding a supporter


def test_the_add_page_shows_nobody_elses_name_or_email(personas, client_for):
    another_supporter(personas)
    elsewhere = UserFactory(name="Far Away", email="far@example.test")
    MembershipFactory(user=elsewhere, organisation=personas.other_organisation, role="supporter")

    page = client_for(personas.person).get(add_url(personas)).content.decode()

    for words in ("Sid Friend", "sid@example.test", "Mary Brown", "mary@example.test", "Far Away"):
        assert words not in page
    assert 'name="email"' in page


def test_person_asks_a_supporter_by_name_and_email(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.person)
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "name": "Sid Friend",
        "email": "Sid@Example.test",
        "relationship": "friend",
        "scopes": ["meetings"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(add_url(personas), data).status_code == 302
    assert client.post(add_url(personas), data).status_code == 302  # sent twice: one link

    link = Supporter.objects.get(person=personas.kyle, user__email="sid@example.test")
    assert link.is_waiting and link.scopes == ["meetings"]
    assert decisions_about_kyle(personas).count() == 1
    [message] = mail.outbox
    assert message.to == ["sid@example.test"]
    assert "Kyle would like you to be their supporter" in message.subject
    assert reverse("people:supporter_invitation", kwargs={"link_id": link.pk}) in message.body
    assert message.body.count("http://") + message.body.count("https://") == 1


def test_an_invited_supporter_sees_nothing_until_they_say_yes(personas, client_for):
    link = supporter_add(
        viewer=viewer_for(personas.person, personas.organisation),
        person=personas.kyle,
        name="Sid Friend",
        email="sid@example.test",
        relationship="friend",
        scopes=["profile", "plan"],
    )
    sid = client_for(link.user)
    profile = reverse("people:profile", kwargs={"person_id": personas.kyle.pk})
    assert sid.get(profile).status_code == 404
    home = sid.get(reverse("home")).content.decode()
    invitation = reverse("people:supporter_invitation", kwargs={"link_id": link.pk})
    assert invitation in home

    page = sid.get(invitation).content.decode()
    assert "Will you be Kyle&#39;s supporter?" in page or "Will you be Kyle's supporter?" in page
    assert sid.post(invitation, {"answer": "yes"}).status_code == 302

    assert sid.get(profile).status_code == 200
    assert sid.get(invitation).status_code == 404  # answered


def test_an_invited_supporter_who_says_no_sees_nothing(personas, client_for):
    link = supporter_add(
        viewer=viewer_for(personas.person, personas.organisation),
        person=personas.kyle,
        name="Sid Friend",
        email="sid@example.test",
        relationship="friend",
        scopes=["plan"],
    )
    sid = client_for(link.user)
    invitation = reverse("people:supporter_invitation", kwargs={"link_id": link.pk})

    sid.post(invitation, {"answer": "no"})

    link.refresh_from_db()
    assert link.ended_at is not None
    plan = reverse("plans:plan", kwargs={"person_id": personas.kyle.pk})
    assert sid.get(plan).status_code == 404


def test_only_the_invited_person_can_answer(personas, client_for):
    link = supporter_add(
        viewer=viewer_for(personas.person, personas.organisation),
        person=personas.kyle,
        name="Sid Friend",
        email="sid@example.test",
        relationship="friend",
        scopes=["plan"],
    )
    invitation = reverse("people:supporter_invitation", kwargs={"link_id": link.pk})

    for persona in ("person", "supporter", "worker", "manager", "outsider"):
        response = client_for(personas.user(persona)).post(invitation, {"answer": "yes"})
        assert response.status_code == 404, persona
    link.refresh_from_db()
    assert link.is_waiting


def test_the_person_cannot_ask_themself(personas, client_for):
    response = client_for(personas.person).post(
        add_url(personas),
        {
            "idempotency_key": str(uuid.uuid4()),
            "name": "Kyle",
            "email": personas.person.email,
            "relationship": "friend",
            "scopes": ["plan"],
        },
    )
    assert response.status_code == 200
    assert "not the person&#39;s own" in response.content.decode() or (
        "not the person's own" in response.content.decode()
    )
    assert not Supporter.objects.filter(user=personas.person).exists()


def test_adding_the_same_supporter_twice_through_the_action_makes_one_link(personas):
    viewer = viewer_for(personas.person, personas.organisation)
    key = uuid.uuid4()
    first, second = (
        supporter_add(
            viewer=viewer,
            person=personas.kyle,
            name="Sid Friend",
            email="sid@example.test",
            relationship="friend",
            scopes=["plan"],
            idempotency_key=key,
        )
        for _ in range(2)
    )
    assert first.pk == second.pk
    assert decisions_about_kyle(personas).count() == 1


# What a supporter may see


def test_supporter_may_only_with_the_scope(personas):
    mary = viewer_for(personas.supporter, personas.organisation)
    assert supporter_may(mary, personas.kyle, "profile")
    assert supporter_may(mary, personas.kyle, "plan")
    assert not supporter_may(mary, personas.kyle, "rota")
    worker = viewer_for(personas.worker, personas.organisation)
    assert not supporter_may(worker, personas.kyle, "profile")
    outsider = viewer_for(personas.outsider, personas.other_organisation)
    assert not supporter_may(outsider, personas.kyle, "profile")


def test_supporter_without_the_profile_scope_gets_404_on_the_profile_page(personas, client_for):
    profile_url = reverse("people:profile", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.supporter)
    assert client.get(profile_url).status_code == 200
    client_for(personas.person).post(
        scopes_url(personas), {"idempotency_key": str(uuid.uuid4()), "scopes": ["plan"]}
    )
    assert client.get(profile_url).status_code == 404


@pytest.mark.parametrize(
    ("how", "rung"),
    [
        ("typed", Rung.CO_DESIGN),
        ("spoken", Rung.CO_DESIGN),
        ("supported", Rung.CO_DESIGN),
        ("observed", Rung.CONSULTATION),
        ("on_behalf", Rung.CONSULTATION),
    ],
)
def test_consent_changes_by_staff_reach_the_rung_their_voice_allows(personas, how, rung):
    worker = viewer_for(personas.worker, personas.organisation)
    assert consent_rung(viewer=worker, person=personas.kyle, voice_how=how) == rung
    kyle = viewer_for(personas.person, personas.organisation)
    assert consent_rung(viewer=kyle, person=personas.kyle, voice_how="") == Rung.CO_PRODUCTION


@pytest.mark.django_db
def test_read_only_viewer_gets_no_links_to_change_supporters(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("people:supporters", kwargs={"person_id": personas.kyle.pk})
    html = client_for(personas.org_admin).get(url).content.decode()
    assert "/withdraw/" not in html
    assert "/supporters/add/" not in html
    worker_html = client_for(personas.worker).get(url).content.decode()
    assert "/withdraw/" in worker_html


def test_a_person_is_offered_only_scopes_with_pages_behind_them(personas, client_for):
    add_page = client_for(personas.person).get(add_url(personas)).content.decode()
    list_page = client_for(personas.person).get(list_url(personas)).content.decode()

    for page in (add_page, list_page):
        assert "My meetings" in page and "My support plan" in page and "My profile" in page
        assert "My visits and rota" not in page
        assert "My feedback" not in page


def test_who_helped_is_chosen_among_the_persons_supporters_and_staff(
    personas: Personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    """In an organisation of thousands, the form lists the people around the person (their
    supporters, the staff of their services, staff who cover every service), never every
    member; and the same number of queries however many members there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coproduce.accounts.tests.factories import ServiceFactory

    elsewhere = ServiceFactory(organisation=personas.organisation, name="Far Away House")
    url = reverse("people:supporter_add", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.manager)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    strangers = [UserFactory(name=f"Stranger {n}") for n in range(15)]
    for stranger in strangers:
        MembershipFactory(user=stranger, organisation=personas.organisation,
                          role="support_worker", services=[elsewhere])  # fmt: skip
    everywhere = UserFactory(name="Avery Anywhere")
    MembershipFactory(user=everywhere, organisation=personas.organisation, role="support_worker")
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()

    assert len(after) == len(before)
    assert personas.worker.name in page
    assert personas.supporter.name in page
    assert "Avery Anywhere" in page  # a worker whose membership covers every service
    assert "Stranger" not in page
    assert personas.other_worker.name not in page  # Hillside House, not Kyle's
