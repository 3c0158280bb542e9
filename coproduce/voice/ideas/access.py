"""Reach an idea: scoped to the viewer's organisation and checked against the rules.

``access_idea(viewer, id, action)`` returns a ``ReachedIdea`` (the idea and what the
viewer may do with it) or raises the same 404 for "missing" and "not yours". Actions:
``view`` (and ``picture``), ``me_too``, ``answer``.

Opening an idea (or its answer form) while seeing whose it is (leaders, staff of its
service) is audited: it names the person. Its picture, shown on the page already audited,
is not audited again.
"""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.voice.ideas.queries import idea_in, said_me_too
from coproduce.voice.ideas.rules import (
    is_mine,
    may_answer,
    may_me_too,
    may_see,
    shows_author,
)
from coproduce.voice.models import Idea
from coproduce.voice.queries import audience_for
from coproduce.voice.rules import Audience


@dataclass(frozen=True)
class ReachedIdea:
    idea: Idea
    audience: Audience
    mine: bool
    shows_author: bool
    may_me_too: bool
    said_me_too: bool
    may_answer: bool


def access_idea(
    viewer: Viewer, idea_id: int, action: str = "view", *, audit: bool = True
) -> ReachedIdea:
    """Return the idea and the viewer's standing if they may do ``action``; else 404."""
    if viewer.organisation is None:
        raise not_found()
    idea = idea_in(viewer, idea_id)
    if idea is None:
        raise missing(viewer, Idea, idea_id)
    audience = audience_for(viewer)
    if not may_see(viewer, audience, idea):
        raise refused(viewer, idea, f"{action} the idea")
    mine = is_mine(viewer, idea)
    reached = ReachedIdea(
        idea=idea,
        audience=audience,
        mine=mine,
        shows_author=shows_author(viewer, idea),
        may_me_too=may_me_too(viewer, audience, idea),
        said_me_too=False if mine else said_me_too(idea, viewer),
        may_answer=may_answer(viewer, idea),
    )
    allowed = {
        "view": True,
        "picture": True,
        "me_too": reached.may_me_too,
        "answer": reached.may_answer,
    }.get(action, False)
    if not allowed:
        raise refused(viewer, idea, f"{action} the idea")
    if action == "picture" and not idea.picture:
        raise not_found()
    if action in ("view", "answer") and audit and reached.shows_author and not mine:
        audit_read(viewer, idea, f"Opened the idea “{idea.title}”")
    return reached
