"""The "to answer" list: what waits for a manager or quality lead, from every app.

Each app that makes something someone must answer (a request to change a worker, "this is
not working", a team to confirm, a plan review, and later complaints and quality actions)
offers a query returning a ``Waiting``: how many items wait for the viewer and the first
few, soonest due first. The site's "to answer" page and the home page gather them with
``gather``; nothing here knows the apps.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class ToAnswer:
    """One thing waiting for an answer."""

    kind: str  # a stable code: "change_request", "not_working", "team", "plan_review"
    label: str | Promise  # what kind of thing it is, in words: "Change a worker"
    person_name: str
    summary: str | Promise  # one plain sentence; never a reason or words about a worker
    due_on: dt.date
    url: str
    pk: int  # for a stable order of things due the same day
    status: str | Promise = ""  # where it stands, in words: "Other workers offered"

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today


@dataclass(frozen=True)
class Waiting:
    """How many of one kind wait for the viewer, and the first ``limit`` of them."""

    kind: str
    label: str | Promise
    count: int
    overdue: int
    items: list[ToAnswer] = field(default_factory=list)


# A provider answers "what of this kind waits for this viewer?" given the viewer, today
# and how many items to return (at most).
Provider = Callable[..., Waiting | None]


def gather(waiting: Iterable[Waiting | None], *, limit: int) -> list[ToAnswer]:
    """Merge every kind's items, soonest due first (overdue first), and keep ``limit``."""
    streams = [w.items for w in waiting if w is not None]
    merged = heapq.merge(*streams, key=lambda item: (item.due_on, item.kind, item.pk))
    return list(itertools.islice(merged, limit))
