"""Check-ins, one-to-ones and flags set up through the real actions, for tests and the URL
policy."""

from __future__ import annotations

from typing import Any

from coproduce.plans.checkins import actions
from coproduce.plans.models.checkins import CheckIn, NotWorkingFlag, OneToOne
from coproduce.plans.tests.factories import viewer_of


def kyle_checks_in(p: Any, mood: str = "happy", **words: str) -> CheckIn:
    check_in, _created = actions.checkin_record(
        viewer=viewer_of(p.person, p.kyle), person=p.kyle, mood=mood, **words
    )
    return check_in


def kyle_one_to_one(p: Any) -> OneToOne:
    from django.utils import timezone

    return actions.one_to_one_create(
        viewer=viewer_of(p.person, p.kyle),
        person=p.kyle,
        keyworker=p.worker,
        day=timezone.localdate(),
        agenda="Going to college\nMy evenings",
    )


def kyle_flag(p: Any) -> NotWorkingFlag:
    return actions.not_working_flag(
        viewer=viewer_of(p.person, p.kyle), person=p.kyle, what="My evening visits are too short"
    )


def kyle_one_to_one_kwargs(p: Any) -> dict[str, int]:
    return {"one_to_one_id": kyle_one_to_one(p).pk}


def kyle_flag_kwargs(p: Any) -> dict[str, int]:
    return {"flag_id": kyle_flag(p).pk}
