"""The managers' and quality leads' "to answer" list, gathered from every app that makes
something to answer (``core.to_answer``). A later app adds its query to ``PROVIDERS``."""

from __future__ import annotations

import datetime as dt

from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import Provider, ToAnswer, Waiting, gather
from coproduce.feedback.queries import complaints_to_answer
from coproduce.involvement.queries import involvement_to_answer
from coproduce.matching.queries import change_requests_to_answer, teams_to_confirm
from coproduce.plans.checkins.queries import flags_to_answer
from coproduce.plans.queries import reviews_to_answer
from coproduce.voice.ideas.queries import ideas_to_answer

PROVIDERS: list[Provider] = [
    complaints_to_answer,
    change_requests_to_answer,
    flags_to_answer,
    teams_to_confirm,
    reviews_to_answer,
    ideas_to_answer,
    involvement_to_answer,
]

# The roles that have a "to answer" list: those who answer what the providers list.
ANSWERING_ROLES = ("service_manager", "quality_lead")


def waiting_for(viewer: Viewer, *, today: dt.date, limit: int) -> list[Waiting]:
    """Each kind that waits for the viewer (an empty kind included), in PROVIDERS order."""
    found = (provider(viewer, today=today, limit=limit) for provider in PROVIDERS)
    return [waiting for waiting in found if waiting is not None]


def to_answer_page(
    viewer: Viewer, *, today: dt.date, page: int, per_page: int, kind: str = ""
) -> tuple[list[Waiting], list[ToAnswer], int]:
    """The kinds with their counts, one page of items (overdue and soonest due first) and
    how many items there are in all, of one kind or of every kind."""
    waiting = waiting_for(viewer, today=today, limit=page * per_page)
    chosen = [w for w in waiting if not kind or w.kind == kind]
    items = gather(chosen, limit=page * per_page)[(page - 1) * per_page :]
    return waiting, items, sum(w.count for w in chosen)
