"""Concerns for tests: Kyle's complaint about Willow House, acknowledged by Maya."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coproduce.accounts.viewer import viewer_for
from coproduce.feedback.actions import concern_acknowledge, concern_raise
from coproduce.feedback.models import About, Concern, ConcernKind, RaisedBy


def kyles_complaint(personas: Any, **overrides: Any) -> Concern:
    """Kyle complains that his evening visit was late three times this week."""
    arguments: dict[str, Any] = {
        "kind": ConcernKind.COMPLAINT,
        "about": About.SERVICE,
        "service": personas.house,
        "person": personas.kyle,
        "raiser": RaisedBy.PERSON,
        "what_happened": "My evening visit was late three times this week. I missed football.",
        "how_i_feel": "sad",
        "what_would_help": "Come at 6pm like my plan says.",
        "happened_on": dt.date.today() - dt.timedelta(days=3),
    }
    arguments.update(overrides)
    return concern_raise(viewer=viewer_for(personas.person, personas.organisation), **arguments)


def kyles_acknowledged_complaint(personas: Any) -> Concern:
    complaint = kyles_complaint(personas, worker=personas.worker, about=About.WORKER)
    return concern_acknowledge(
        viewer=viewer_for(personas.manager, personas.organisation),
        concern=complaint,
        note="Maya offered to talk it through with Kyle on Thursday.",
    )


def concern_kwargs(p: Any) -> dict[str, int]:
    return {"concern_id": kyles_acknowledged_complaint(p).pk}
