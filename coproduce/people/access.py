"""Reach a person's record: scoped to the organisation, checked against the rules, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, ProfileSection
from coproduce.people.rules import person_rules


def person_in_organisation(viewer: Viewer, person_id: int) -> Person:
    """Return the person from the viewer's organisation, or 404; no rule is checked here.

    Every ``access_*`` function about a person starts from this, then tests its own rule.
    """
    if viewer.organisation is None:
        raise not_found()
    person = (
        Person.objects.filter(organisation=viewer.organisation, pk=person_id)
        .select_related("user", "organisation")
        .prefetch_related("services")
        .first()
    )
    if person is None:
        raise missing(viewer, Person, person_id)
    return person


def access_person(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person if the viewer may take ``action``; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not person_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, action)
    audit_read(viewer, person, f"Opened {person.preferred_name}'s record ({action})")
    return person


def access_profile_section(section: str) -> ProfileSection:
    """Return the one-page-profile part named in a URL; an unknown name is a 404."""
    try:
        return ProfileSection(section)
    except ValueError:
        raise not_found() from None
