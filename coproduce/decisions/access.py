"""Reach a decision, or a service's decisions: scoped, checked against the rules, audited.

For decisions about a person, reach the person with
``coproduce.people.access.access_person(viewer, id, "view_decisions")`` (or
``"record_decision"``).
"""

from __future__ import annotations

from coproduce.accounts.models import Service
from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.decisions.models import Decision
from coproduce.decisions.rules import may_see_decision, service_decision_rules


def access_decision(viewer: Viewer, decision_id: int, action: str = "view") -> Decision:
    """Return the decision if the viewer may see it; otherwise 404."""
    if viewer.organisation is None:
        raise not_found()
    if action != "view":
        raise not_found()
    decision = (
        Decision.objects.filter(organisation=viewer.organisation, pk=decision_id)
        .select_related("person", "service", "recorded_by", "voice_helper", "voice_recorded_by")
        .prefetch_related("person__services", "participants")
        .first()
    )
    if decision is None:
        raise missing(viewer, Decision, decision_id)
    if not may_see_decision(viewer, decision):
        raise refused(viewer, decision, action)
    about = decision.person.preferred_name if decision.person else decision.service.name  # type: ignore[union-attr]
    audit_read(viewer, decision, f"Opened a decision about {about}")
    return decision


def access_service_decisions(viewer: Viewer, service_id: int, action: str = "view") -> Service:
    """Return the service if the viewer may ``view`` or ``record`` its decisions; else 404."""
    if viewer.organisation is None:
        raise not_found()
    service = Service.objects.filter(organisation=viewer.organisation, pk=service_id).first()
    if service is None:
        raise missing(viewer, Service, service_id)
    if not service_decision_rules.test_rule(action, viewer, service):
        raise refused(viewer, service, f"{action} the decisions of")
    audit_read(viewer, service, f"Opened the decisions of {service.name} ({action})")
    return service
