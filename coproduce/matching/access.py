"""Reach a person's team choices and change requests: scoped, checked, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.matching.models import ChangeRequest
from coproduce.matching.rules import (
    may_answer_change_request,
    may_answer_offers,
    may_view_change_request,
    team_rules,
)
from coproduce.people.access import person_in_organisation
from coproduce.people.models import Person


def access_team_person(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person whose team the viewer may ``action``; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not team_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the team of")
    audit_read(viewer, person, f"Opened {person.preferred_name}'s team ({action})")
    return person


def access_change_request(viewer: Viewer, request_id: int, action: str = "view") -> ChangeRequest:
    """Return the change request if the viewer may ``action`` it ("view", "answer" for
    its manager, "answer_offers" for the person answering about the workers offered);
    otherwise 404."""
    if viewer.organisation is None:
        raise not_found()
    found = (
        ChangeRequest.objects.filter(organisation=viewer.organisation, pk=request_id)
        .select_related("person", "person__user", "worker", "service")
        .prefetch_related("person__services")
        .first()
    )
    if found is None:
        raise missing(viewer, ChangeRequest, request_id)
    if not may_view_change_request(viewer, found):
        raise refused(viewer, found, action)
    if action == "answer" and not may_answer_change_request(viewer, found):
        raise refused(viewer, found, action)
    if action == "answer_offers" and not may_answer_offers(viewer, found):
        raise refused(viewer, found, action)
    audit_read(
        viewer, found, f"Opened a request to change a worker for {found.person.preferred_name}"
    )
    return found
