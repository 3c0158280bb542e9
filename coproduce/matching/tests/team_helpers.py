"""Builders for the team pages' tests and the URL policy: real actions, real personas."""

from __future__ import annotations

from typing import Any

from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.matching.actions import change_request_ask
from coproduce.matching.models import ChangeRequest
from coproduce.people.models import StaffProfile


def viewer_of(user: Any, organisation: Any) -> Any:
    return viewer_for(user, organisation)


def kyle_change_request(p: Any, *, reason: str = "We do not get on.") -> ChangeRequest:
    """Kyle asks to change Wendy, the worker persona of his house."""
    return change_request_ask(
        viewer=viewer_for(p.person, p.organisation),
        person=p.kyle,
        worker=p.worker,
        reason=reason,
    )


def kyle_request_kwargs(p: Any) -> dict[str, int]:
    return {"request_id": kyle_change_request(p).pk}


def suggested_worker(p: Any, name: str = "Sally Suggested", **profile: Any) -> Any:
    """Add a support worker of Kyle's house with a profile the shortlist can suggest."""
    from coproduce.matching.queries import forget_worker_index

    user = UserFactory(name=name, email=f"{name.split()[0].lower()}@example.test")
    MembershipFactory(user=user, organisation=p.organisation, role="support_worker",
                      services=[p.house])  # fmt: skip
    defaults = {
        "matters_to_me": "Being outdoors and cooking together.",
        "contracted_hours": 30,
        "committed_hours": 10,
    }
    defaults.update(profile)
    StaffProfile.objects.create(organisation=p.organisation, user=user, **defaults)
    forget_worker_index(p.organisation.pk)
    return user


def kyle_request_with_offers(p: Any, names: tuple[str, ...] = ("Sally Suggested", "Tom Twostep")):  # type: ignore[no-untyped-def]
    """Kyle asks to change Wendy, and the manager offers two matching workers instead."""
    from coproduce.matching.actions import change_request_offer

    workers = [suggested_worker(p, name=name) for name in names]
    request = change_request_offer(
        viewer=viewer_for(p.manager, p.organisation),
        request=kyle_change_request(p),
        workers=workers,
        answer="You could meet them at the house on Tuesday.",
    )
    return request, workers


def kyle_offers_kwargs(p: Any) -> dict[str, int]:
    return {"request_id": kyle_request_with_offers(p)[0].pk}
