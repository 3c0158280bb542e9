"""Who may see and record decisions.

About a person: the person; a supporter they share their plan with; workers and managers
of their services; the quality lead, senior leaders and organisation admins (the rules
``view_decisions`` and ``record_decision`` of ``coproduce.people.rules.person_rules``).

A supporter sees a decision about the person only with the scope of the thing decided
(``DECISION_SCOPES``): one about a one-to-one with "My meetings", one about who supports
the person never, anything else (the plan, the team, a check-in, one recorded by hand)
with "My support plan". Staff and the person see them all.

About a service: its workers see them; its managers, the quality lead, senior leaders and
organisation admins see and record them. Commissioners never see named decisions.
"""

from __future__ import annotations

import rules
from django.contrib.contenttypes.models import ContentType

from coproduce.accounts.models import Service
from coproduce.core.roles import ORGANISATION_WIDE, STAFF
from coproduce.core.tenancy import Viewer
from coproduce.decisions.models import Decision
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import (
    is_organisation_wide_lead,
    is_the_person,
    person_rules,
    supporter_may,
    works_in_their_service,
)

# The scope a supporter needs for a decision about each kind of thing (app_label.model).
# None: never shown to a supporter. Kinds not named here go with the plan.
DECISION_SCOPES: dict[str, str | None] = {
    "plans.onetoone": Supporter.Scope.MEETINGS,
    "plans.onetooneaction": Supporter.Scope.MEETINGS,
    "people.supporter": None,
}
DEFAULT_DECISION_SCOPE = Supporter.Scope.PLAN

# Who sees every decision about a person, whatever it is about.
sees_every_decision_about = is_the_person | works_in_their_service | is_organisation_wide_lead


def decision_scope(decision: Decision) -> str | None:
    """Return the scope a supporter needs to see this decision (None: never)."""
    if decision.subject_type_id is None:
        return DEFAULT_DECISION_SCOPE
    content_type = ContentType.objects.get_for_id(decision.subject_type_id)
    return DECISION_SCOPES.get(
        f"{content_type.app_label}.{content_type.model}", DEFAULT_DECISION_SCOPE
    )


def scopes_shared_with(viewer: Viewer, person: Person) -> set[str]:
    """Return the scopes the person shares with the viewer as their supporter."""
    return {scope for scope in Supporter.Scope if supporter_may(viewer, person, scope)}


STAFF_ROLES = STAFF


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
    person = decision.person
    if person is not None:
        if not person_rules.test_rule("view_decisions", viewer, person):
            return False
        if sees_every_decision_about(viewer, person):
            return True
        scope = decision_scope(decision)
        return scope is not None and supporter_may(viewer, person, scope)
    return service_decision_rules.test_rule("view", viewer, decision.service)


def may_record_for_person(viewer: Viewer, person: object) -> bool:
    return person_rules.test_rule("record_decision", viewer, person)


def may_record_for_service(viewer: Viewer, service: Service) -> bool:
    return service_decision_rules.test_rule("record", viewer, service)
