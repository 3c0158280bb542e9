"""Who sees an idea, who sees whose it is, who says "me too" and who answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.voice.ideas.actions import idea_post
from coproduce.voice.ideas.queries import ideas_for, ideas_to_answer
from coproduce.voice.ideas.rules import may_answer, may_me_too, may_see, shows_author
from coproduce.voice.models import Idea, IdeaStatus
from coproduce.voice.queries import audience_for
from coproduce.voice.tests.voice_helpers import kyles_idea

pytestmark = pytest.mark.django_db

EVERYONE = [
    "person",
    "supporter",
    "worker",
    "other_worker",
    "manager",
    "quality_checker",
    "quality_lead",
    "senior_leader",
    "commissioner",
    "org_admin",
    "outsider",
]


def _viewer(personas, name):  # type: ignore[no-untyped-def]
    user = personas.user(name)
    organisation = personas.other_organisation if name == "outsider" else personas.organisation
    return viewer_for(user, organisation)


def _who(personas, idea, rule) -> set[str]:  # type: ignore[no-untyped-def]
    found = set()
    for name in EVERYONE:
        viewer = _viewer(personas, name)
        if rule(viewer, audience_for(viewer), idea):
            found.add(name)
    return found


def _sees(viewer, audience, idea) -> bool:  # type: ignore[no-untyped-def]
    # The rule and the list's query agree.
    listed = ideas_for(viewer, audience).filter(pk=idea.pk).exists()
    assert listed == may_see(viewer, audience, idea), viewer.user
    return listed


LEADERS = {"quality_lead", "senior_leader", "org_admin"}


def test_an_idea_for_willow_house_is_seen_there_and_by_leaders(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    assert _who(personas, idea, _sees) == {"person", "supporter", "worker", "manager"} | LEADERS
    named = _who(personas, idea, lambda v, a, i: shows_author(v, i))
    assert named == {"person", "worker", "manager"} | LEADERS


def test_an_idea_for_the_whole_organisation_is_seen_by_everyone_in_it(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas, service=None)
    assert (
        _who(personas, idea, _sees)
        == {
            "person",
            "supporter",
            "worker",
            "other_worker",
            "manager",
        }
        | LEADERS
    )
    # Staff of other services read "Someone at Riverside Support", not Kyle's name.
    named = _who(personas, idea, lambda v, a, i: shows_author(v, i))
    assert named == {"person"} | LEADERS


def test_an_idea_for_another_service_is_not_seen_at_willow_house(personas) -> None:  # type: ignore[no-untyped-def]
    idea = idea_post(
        viewer=_viewer(personas, "other_worker"),
        title="A second van",
        service=personas.home_care,
    )
    assert _who(personas, idea, _sees) == {"other_worker"} | LEADERS


def test_me_too_is_for_others_who_see_it(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    assert _who(personas, idea, may_me_too) == {"supporter", "worker", "manager"} | LEADERS


def test_leaders_and_the_manager_of_its_service_answer(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    answer = _who(personas, idea, lambda v, a, i: may_answer(v, i))
    assert answer == {"manager"} | LEADERS
    whole = kyles_idea(personas, service=None, title="A new minibus")
    assert _who(personas, whole, lambda v, a, i: may_answer(v, i)) == LEADERS


def test_new_ideas_wait_in_the_managers_to_answer_list(personas) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    idea = kyles_idea(personas)
    old = kyles_idea(personas, title="Pizza on Saturdays")
    Idea.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
    kyles_idea(personas, title="A new minibus", service=None)
    answered = kyles_idea(personas, title="Answered already")
    Idea.objects.filter(pk=answered.pk).update(status=IdeaStatus.YES)

    maya = ideas_to_answer(_viewer(personas, "manager"), today=today, limit=10)
    assert maya is not None
    assert maya.count == 2 and maya.overdue == 1
    assert [item.pk for item in maya.items] == [old.pk, idea.pk]
    assert maya.items[1].due_on == today + dt.timedelta(days=14)
    assert maya.items[0].overdue(today)
    assert str(maya.items[0].summary) == "Kyle put forward an idea"
    assert "Pizza" not in str(maya.items[0].summary)
    # The quality lead answers every new idea, the whole organisation's too.
    lee = ideas_to_answer(_viewer(personas, "quality_lead"), today=today, limit=1)
    assert lee is not None and lee.count == 3 and len(lee.items) == 1
    # Roles without a "to answer" list, and managers elsewhere, have none waiting.
    for name in ("worker", "senior_leader", "person", "supporter", "outsider"):
        assert ideas_to_answer(_viewer(personas, name), today=today, limit=5) is None
    mo = UserFactory(name="Mo Manager", email="mo@example.test")
    MembershipFactory(
        user=mo, organisation=personas.organisation, role="service_manager",
        services=[personas.home_care],
    )  # fmt: skip
    elsewhere = ideas_to_answer(viewer_for(mo, personas.organisation), today=today, limit=5)
    assert elsewhere is not None and elsewhere.count == 0
