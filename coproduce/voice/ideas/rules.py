"""Who may put forward, see, say "me too" to and answer an idea.

- **Put forward**: people supported, supporters and staff (``IDEA_ROLES``). A person
  supported puts forward their own idea, in their own words or with someone's help; a
  worker or manager may put one forward for a person at a service they work in.
- **See**: leaders see every idea of the organisation. People supported and supporters
  see ideas about their services (a supporter: the services of the people they support)
  and ideas about the whole organisation; staff see ideas about the services they work
  in and the whole organisation's. Everyone sees the ideas they put forward, and a person
  the ideas put forward for them.
- **Whose idea**: the author's name is shown to leaders and to staff of the idea's
  service; everyone else reads "Someone at Willow House".
- **Me too**: anyone who sees an idea, once, except whoever put it forward and the
  person it is from.
- **Answer**: senior leaders, quality leads and organisation admins, and a manager of the
  idea's service.

The viewer's services are read once a request into an ``Audience``
(``coproduce.voice.queries.audience_for``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coproduce.core.roles import FRONT_LINE, ORGANISATION_WIDE, STAFF
from coproduce.core.tenancy import Viewer
from coproduce.voice.models import Respondent
from coproduce.voice.rules import Audience

if TYPE_CHECKING:
    from coproduce.voice.models import Idea

# Who may use the ideas pages: the people surveys can ask.
IDEA_ROLES = ("person", "supporter", *STAFF)
# Who answers ideas, besides a manager of the idea's service.
IDEA_LEADERS = ORGANISATION_WIDE
ANSWER_ROLES = ("service_manager", *IDEA_LEADERS)
# Days a leader or manager has to answer a new idea (the "to answer" list).
ANSWER_DAYS = 14


def may_use_ideas(viewer: Viewer) -> bool:
    return viewer.organisation is not None and viewer.has_role(*IDEA_ROLES)


def is_leader(viewer: Viewer) -> bool:
    return viewer.has_role(*IDEA_LEADERS)


def poster_role(viewer: Viewer) -> str:
    """Whom the viewer speaks as when they put forward their own idea: a person supported
    first, then a supporter, then staff."""
    if viewer.person_id is not None and viewer.has_role("person"):
        return Respondent.PERSON
    if viewer.has_role("supporter") and not viewer.has_role(*STAFF):
        return Respondent.SUPPORTER
    if viewer.has_role(*STAFF):
        return Respondent.STAFF
    return Respondent.SUPPORTER


def may_post_for_people(viewer: Viewer) -> bool:
    """Workers and managers put forward ideas for the people at their services."""
    return viewer.has_role(*FRONT_LINE)


def _service_seen(audience: Audience, service_id: int) -> bool:
    if service_id in audience.person_services or service_id in audience.supporter_services:
        return True
    if not audience.is_staff:
        return False
    staff = audience.staff_services
    return staff is None or service_id in staff


def is_mine(viewer: Viewer, idea: Idea) -> bool:
    """The viewer put the idea forward, or it is the viewer's own idea (put forward for
    them by a worker)."""
    if idea.author_id is not None and idea.author_id == viewer.user.pk:
        return True
    return idea.person_id is not None and idea.person_id == viewer.person_id


def may_see(viewer: Viewer, audience: Audience, idea: Idea) -> bool:
    if idea.organisation_id != viewer.organisation_id or not may_use_ideas(viewer):
        return False
    if is_leader(viewer) or is_mine(viewer, idea):
        return True
    if idea.person_id is not None and idea.person_id in viewer.supported_person_ids:
        return True
    if idea.service_id is None:
        return True
    return _service_seen(audience, idea.service_id)


def shows_author(viewer: Viewer, idea: Idea) -> bool:
    """Leaders, and staff of the idea's service, see whose idea it is."""
    if idea.organisation_id != viewer.organisation_id:
        return False
    if is_leader(viewer) or is_mine(viewer, idea):
        return True
    if idea.service_id is None:
        return False
    return any(viewer.covers_service(role, idea.service_id) for role in FRONT_LINE)


def may_me_too(viewer: Viewer, audience: Audience, idea: Idea) -> bool:
    return may_see(viewer, audience, idea) and not is_mine(viewer, idea)


def may_answer(viewer: Viewer, idea: Idea) -> bool:
    if idea.organisation_id != viewer.organisation_id:
        return False
    if is_leader(viewer):
        return True
    return idea.service_id is not None and viewer.covers_service("service_manager", idea.service_id)
