"""Reach a person's supporters and one supporter link: scoped, checked, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.access import person_in_organisation
from coproduce.people.models import Person, Supporter
from coproduce.people.supporters.queries import supporter_link_of
from coproduce.people.supporters.rules import may_change_link, supporters_rules


def access_person_supporters(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person whose supporters the viewer may see or change; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not supporters_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the supporters of")
    audit_read(viewer, person, f"Opened who can see {person.preferred_name}'s things ({action})")
    return person


def access_supporter_link(
    viewer: Viewer,
    person_id: int,
    link_id: int,
    action: str = "change",
    *,
    include_ended: bool = False,
) -> tuple[Person, Supporter]:
    """Return the person and one supporter link the viewer may change; otherwise 404.

    Only current links, unless ``include_ended`` (so a repeated "stop" finds its link).
    """
    person = access_person_supporters(viewer, person_id, action)
    link = supporter_link_of(person, link_id, include_ended=include_ended)
    if link is None:
        raise not_found()
    if action == "change" and not may_change_link(viewer, link):
        raise refused(viewer, link, action)
    return person, link


def access_supporter_invitation(viewer: Viewer, link_id: int) -> Supporter:
    """Return an invitation to be a supporter that waits for the viewer's own answer;
    anything else (someone else's, answered, another organisation's) is a 404."""
    if viewer.organisation is None:
        raise not_found()
    link = (
        Supporter.objects.filter(pk=link_id, person__organisation=viewer.organisation)
        .select_related("person", "person__organisation", "user")
        .first()
    )
    if link is None:
        raise missing(viewer, Supporter, link_id)
    if link.user_id != viewer.user.pk:
        raise refused(viewer, link, "answer")
    if not link.is_waiting:
        raise not_found()
    audit_read(viewer, link, f"Opened the invitation to support {link.person.preferred_name}")
    return link
