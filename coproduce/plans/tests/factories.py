"""Plan entries set up through the real actions, for tests and the URL policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coproduce.accounts.models import User
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person
from coproduce.plans.actions import EntryWords, plan_entry_add
from coproduce.plans.models import PlanEntry


def viewer_of(user: User, person: Person) -> Viewer:
    return viewer_for(user, person.organisation)


def add_entry(
    user: User,
    person: Person,
    *,
    section: str = "what",
    text: str = "I want to go swimming every week.",
    voice_how: str = "",
    voice_helper: User | None = None,
    **words: Any,
) -> PlanEntry:
    """Add an entry as ``user`` (staff without the person unless ``voice_how`` is given)."""
    return plan_entry_add(
        viewer=viewer_of(user, person),
        person=person,
        section=section,
        words=EntryWords(text=text, **words),
        voice_how=voice_how,
        voice_helper=voice_helper,
    )


def add_when_entry(user: User, person: Person, weekday: int = 1) -> PlanEntry:
    return add_entry(
        user,
        person,
        section="when",
        text="Swimming at the leisure centre",
        weekday=weekday,
        starts_at=dt.time(10, 0),
        ends_at=dt.time(12, 0),
    )


def kyle_entry_kwargs(p: Any) -> dict[str, int]:
    """URL arguments for an entry of Kyle's plan that his worker proposed."""
    return {"entry_id": add_entry(p.worker, p.kyle).pk}


def kyle_entry_with_history_kwargs(p: Any) -> dict[str, int]:
    entry = add_entry(p.worker, p.kyle, voice_how=VoiceHow.SPOKEN)
    return {"entry_id": entry.pk}
