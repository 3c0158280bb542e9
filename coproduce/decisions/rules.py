"""Who may see and record decisions.

About a person: the person; a supporter they share their plan with; workers and managers
of their services; the quality lead, senior leaders and organisation admins (the rules
``view_decisions`` and ``record_decision`` of ``coproduce.people.rules.person_rules``).

About a service: its workers see them; its managers, the quality lead, senior leaders and
organisation admins see and record them. Commissioners never see named decisions.
"""

from __future__ import annotations

import rules

from coproduce.accounts.models import Service
from coproduce.core.tenancy import Viewer
from coproduce.decisions.models import Decision
from coproduce.people.rules import person_rules

ORGANISATION_WIDE = ("quality_lead", "senior_leader", "org_admin")
STAFF_ROLES = ("support_worker", "service_manager", *ORGANISATION_WIDE)


@rules.predicate
def works_in_the_service(viewer: Viewer, service: Service) -> bool:
    return viewer.covers_service("support_worker", service.pk) or viewer.covers_service(
        "service_manager", service.pk
    )


@rules.predicate
def manages_the_service(viewer: Viewer, service: Service) -> bool:
    return viewer.covers_service("service_manager", service.pk)


@rules.predicate
def leads_the_organisation(viewer: Viewer, service: Service) -> bool:
    return viewer.has_role(*ORGANISATION_WIDE)


service_decision_rules = rules.RuleSet()
service_decision_rules.add_rule("view", works_in_the_service | leads_the_organisation)
service_decision_rules.add_rule("record", manages_the_service | leads_the_organisation)


def may_see_decision(viewer: Viewer, decision: Decision) -> bool:
    """Return True if the viewer may see this decision (its person or service must be loaded)."""
    if decision.person_id is not None:
        return person_rules.test_rule("view_decisions", viewer, decision.person)
    return service_decision_rules.test_rule("view", viewer, decision.service)


def may_record_for_person(viewer: Viewer, person: object) -> bool:
    return person_rules.test_rule("record_decision", viewer, person)


def may_record_for_service(viewer: Viewer, service: Service) -> bool:
    return service_decision_rules.test_rule("record", viewer, service)
