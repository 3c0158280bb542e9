"""A person's own "Tell us about a decision": first person, plain words, no ladder, no
other person's name; staff keep their form."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.tests.factories import (
    MembershipFactory,
    PersonFactory,
    SupporterFactory,
    UserFactory,
)
from coproduce.core.jargon import JARGON
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.decisions.business_rules import OWN_ACCOUNT_RUNGS, own_account_rung
from coproduce.decisions.models import RUNG_DESCRIPTIONS, Decision, Rung

pytestmark = pytest.mark.django_db

LADDER_NAMES = [str(label) for label in Rung.labels] + ["ladder", "rung"]
# The staff form asks "How much say did Kyle have?" beside the ladder.
LADDER_WORDS = [*LADDER_NAMES, "how much say"]


def _url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("decisions:record_for_person", args=[personas.kyle.pk])


def _answers(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "what": "I will go swimming on Tuesdays.",
        "took_part": "helped_decide",
        "my_view": "I love swimming. Tuesdays the pool is quiet.",
        "others_there": "",
        "decided_on-0": "",
        "decided_on-1": "",
        "decided_on-2": "",
    }
    data.update(overrides)
    return data


def _main_text(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return unescape(re.sub(r"<[^>]+>", " ", main))


def _others_nearby(personas):  # type: ignore[no-untyped-def]
    """Ruth lives in Kyle's house; Josie checks quality there; Sol supports Kyle and is
    supported too; Pat was invited by Kyle and has not said yes."""
    ruth_user = UserFactory(name="Ruth Jones", email="ruth@example.test")
    MembershipFactory(user=ruth_user, organisation=personas.organisation, role="person")
    PersonFactory(
        organisation=personas.organisation,
        user=ruth_user,
        preferred_name="Ruth",
        services=[personas.house],
    )
    josie = UserFactory(name="Josie Checker", email="josie@example.test")
    MembershipFactory(
        user=josie,
        organisation=personas.organisation,
        role="quality_checker",
        services=[personas.house],
    )
    sol = UserFactory(name="Sol Friend", email="sol@example.test")
    MembershipFactory(user=sol, organisation=personas.organisation, role="supporter")
    MembershipFactory(user=sol, organisation=personas.organisation, role="person")
    SupporterFactory(person=personas.kyle, user=sol)
    pat = UserFactory(name="Pat Waiting", email="pat@example.test")
    MembershipFactory(user=pat, organisation=personas.organisation, role="supporter")
    SupporterFactory(person=personas.kyle, user=pat, accepted_at=None)
    return {"ruth": ruth_user, "josie": josie, "sol": sol, "pat": pat}


# What the person sees


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_person_form_speaks_to_them_without_ladder_words_or_jargon(
    personas, client_for, easy_read
) -> None:  # type: ignore[no-untyped-def]
    personas.person.easy_read = easy_read
    personas.person.save(update_fields=["easy_read"])
    response = client_for(personas.person).get(_url(personas))
    assert response.status_code == 200
    text = _main_text(response.content.decode())
    for question in ("What was decided?", "Did you take part?", "What did you think?"):
        assert question in text
    lowered = text.lower()
    for word in LADDER_WORDS:
        assert word.lower() not in lowered, word
    for description in RUNG_DESCRIPTIONS.values():
        assert str(description) not in text
    for word in JARGON:
        assert not re.search(rf"\b{re.escape(word)}\b", lowered), word
    assert "Kyle" not in text  # the person is "you", never their own name in the third person


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_person_form_names_only_their_own_team_and_supporters(
    personas, client_for, easy_read
) -> None:  # type: ignore[no-untyped-def]
    _others_nearby(personas)
    personas.person.easy_read = easy_read
    personas.person.save(update_fields=["easy_read"])
    html = client_for(personas.person).get(_url(personas)).content.decode()
    for own in ("Wendy Worker", "Maya Manager", "Mary Brown"):
        assert own in html
    for other in (
        "Ruth",  # another person supported in the same house
        "Josie Checker",  # a quality checker: a person supported employed to check
        "Sol Friend",  # Kyle's supporter, who is a person supported too
        "Pat Waiting",  # invited, has not said yes
        "Omar Other",  # works in another service
        "Lee Lead",
        "Sana Senior",
        "Ada Admin",
        "Quinn Checker",
    ):
        assert other not in html, other


def test_person_with_nobody_to_tick_is_asked_who_was_there_in_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    personas.kyle.services.clear()
    personas.kyle.supporters.all().delete()
    html = client_for(personas.person).get(_url(personas)).content.decode()
    assert 'name="people_there"' not in html
    assert "Who else was there?" in html
    assert 'name="others_there"' in html


# What is saved


def test_person_records_their_own_decision_in_their_own_words(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    response = client.post(
        _url(personas),
        _answers(people_there=[str(personas.worker.pk)], others_there="My mum"),
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])
    assert decision.person == personas.kyle
    assert decision.what == "I will go swimming on Tuesdays."
    assert decision.person_took_part is True
    assert decision.rung == Rung.CO_PRODUCTION
    assert decision.person_view == "I love swimming. Tuesdays the pool is quiet."
    assert decision.voice_how == VoiceHow.TYPED
    assert decision.voice_helper is None
    assert decision.voice_recorded_by == personas.person
    assert decision.recorded_by == personas.person
    assert list(decision.participants.all()) == [personas.worker]
    assert decision.other_participants == "My mum"
    assert decision.decided_on == timezone.localdate()
    assert AuditEntry.objects.filter(
        actor=personas.person, action=AuditEntry.Action.CREATE, object_type="decisions.decision"
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your decision is written down." in page
    assert "In Kyle&#39;s own words, typed" in page or "In Kyle's own words, typed" in page


def test_a_decision_the_person_was_not_part_of_is_marked_as_taken_without_them(
    personas, client_for
) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() - dt.timedelta(days=5)
    client_for(personas.person).post(
        _url(personas),
        _answers(
            took_part="not_part",
            my_view="",
            **{
                "decided_on-0": str(day.day),
                "decided_on-1": str(day.month),
                "decided_on-2": str(day.year),
            },
        ),
    )
    decision = Decision.objects.get()
    assert decision.taken_without_person
    assert decision.rung == Rung.INFORMING
    assert decision.decided_on == day
    assert decision.voice_how == ""
    assert decision.voice_recorded_by is None


@pytest.mark.parametrize(
    ("answer", "took_part", "rung"),
    [
        ("helped_decide", True, Rung.CO_PRODUCTION),
        ("was_asked", True, Rung.CONSULTATION),
        ("not_part", False, Rung.INFORMING),
    ],
)
def test_the_persons_answer_places_the_rung(answer, took_part, rung) -> None:  # type: ignore[no-untyped-def]
    assert own_account_rung(answer) == (took_part, rung)
    assert set(OWN_ACCOUNT_RUNGS) == {"helped_decide", "was_asked", "not_part"}


def test_the_same_form_sent_twice_records_one_decision(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    answers = _answers()
    first = client.post(_url(personas), answers)
    second = client.post(_url(personas), answers)
    assert Decision.objects.count() == 1
    assert first["Location"] == second["Location"]


# Bad input


def test_missing_answers_get_plain_messages(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.person).post(_url(personas), _answers(what=" ", took_part=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Write what was decided" in html
    assert "Select if you took part" in html
    assert "<title>Error:" in html
    assert not Decision.objects.exists()


def test_a_date_in_the_future_gets_a_plain_message(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client_for(personas.person).post(
        _url(personas),
        _answers(
            **{
                "decided_on-0": str(day.day),
                "decided_on-1": str(day.month),
                "decided_on-2": str(day.year),
            }
        ),
    )
    assert response.status_code == 200
    assert "The date the decision was made must be today or in the past" in (
        response.content.decode()
    )
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"took_part": "co_production"},
        {"decided_on-0": "31", "decided_on-1": "2", "decided_on-2": "2026"},
        {"what": "x" * 2001},
        {"idempotency_key": "not-a-key"},
    ],
    ids=["ladder-value", "no-such-day", "too-long", "bad-key"],
)
def test_awkward_answers_are_refused_without_an_error_page(personas, client_for, overrides) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.person).post(_url(personas), _answers(**overrides))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Decision.objects.exists()


def test_someone_not_on_the_list_cannot_be_named(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    others = _others_nearby(personas)
    response = client_for(personas.person).post(
        _url(personas), _answers(people_there=[str(others["ruth"].pk)])
    )
    assert response.status_code == 200
    assert "Select people from the list" in response.content.decode()
    assert not Decision.objects.exists()


# Staff, refused roles, other organisations


def test_staff_keep_their_own_form(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for(personas.worker).get(_url(personas)).content.decode()
    assert "Did Kyle take part in the decision?" in html
    assert "How much say did Kyle have?" in html
    assert "Co-production" in html
    assert 'name="took_part"' not in html


@pytest.mark.parametrize(
    "persona", ["supporter", "other_worker", "quality_checker", "commissioner", "outsider"]
)
def test_refused_roles_and_other_organisations_get_404(personas, client_for, persona) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.user(persona))
    assert client.get(_url(personas)).status_code == 404
    assert client.post(_url(personas), _answers()).status_code == 404
    assert not Decision.objects.exists()


def test_person_of_another_organisation_is_404_for_the_person(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("decisions:record_for_person", args=[personas.outsider_person.pk])
    client = client_for(personas.person)
    assert client.get(url).status_code == 404
    assert client.post(url, _answers()).status_code == 404
    assert not Decision.objects.exists()


# Ladder words stay on staff pages


@pytest.mark.parametrize("persona", ["person", "supporter"])
@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_the_persons_decision_pages_say_the_rung_in_plain_words(
    personas, client_for, persona, easy_read
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.decisions.tests.factories import record_decision

    decision = record_decision(personas.worker, person=personas.kyle, rung=Rung.CONSULTATION)
    user = personas.user(persona)
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    client = client_for(user)
    expected = (
        "You were asked what you think."
        if persona == "person"
        else ("Kyle was asked what they think.")
    )
    for url in (reverse("decisions:mine"), reverse("decisions:detail", args=[decision.pk])):
        text = _main_text(client.get(url).content.decode())
        assert expected in text, url
        lowered = text.lower()
        for word in LADDER_NAMES:
            assert word.lower() not in lowered, (url, word)


def test_staff_still_see_the_rung_of_a_decision(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    from coproduce.decisions.tests.factories import record_decision

    decision = record_decision(personas.worker, person=personas.kyle, rung=Rung.CONSULTATION)
    html = client_for(personas.manager).get(reverse("decisions:detail", args=[decision.pk]))
    text = _main_text(html.content.decode())
    assert "Consultation" in text
    assert "Rung on the ladder" in text
