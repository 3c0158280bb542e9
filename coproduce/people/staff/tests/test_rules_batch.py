"""``profiles_viewable`` is the "view" rule of staff profiles asked for a page of cards at
once: it must agree with ``staff_rules`` for every persona and every profile."""

from __future__ import annotations

import pytest

from conftest import PERSONA_NAMES, Personas
from coproduce.accounts.viewer import viewer_for
from coproduce.matching.tests.team_helpers import suggested_worker
from coproduce.people.models import StaffProfile
from coproduce.people.staff.rules import profiles_viewable, staff_rules

pytestmark = pytest.mark.django_db


def test_the_batch_agrees_with_the_rule_for_every_persona(personas: Personas) -> None:
    p = personas
    suggested_worker(p)  # works in Kyle's house
    outside = suggested_worker(p, name="Olive Outside", suggest_outside_my_services=True)
    outside.memberships.get().services.set([p.home_care])
    suggested_worker(p, name="Hal Home")
    for profile in StaffProfile.objects.filter(user__name="Hal Home"):
        profile.user.memberships.get().services.set([p.home_care])
    profiles = list(StaffProfile.objects.filter(organisation=p.organisation))
    assert len(profiles) == 3
    for name in PERSONA_NAMES:
        viewer = viewer_for(p.user(name), p.organisation)
        expected = {
            profile.pk
            for profile in StaffProfile.objects.filter(organisation=p.organisation)
            if staff_rules.test_rule("view", viewer, profile)
        }
        assert profiles_viewable(viewer, list(StaffProfile.objects.filter(
            organisation=p.organisation))) == expected, name  # fmt: skip
    # Someone in the checks: the person sees the house's and the outside worker, not Hal.
    kyle = viewer_for(p.person, p.organisation)
    seen = {StaffProfile.objects.get(pk=pk).user.name for pk in profiles_viewable(kyle, profiles)}
    assert seen == {"Sally Suggested", "Olive Outside"}
