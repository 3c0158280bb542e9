"""Who may do what with a person's record."""

from __future__ import annotations

import rules

from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter


@rules.predicate
def is_the_person(viewer: Viewer, person: Person) -> bool:
    return viewer.person_id == person.pk


@rules.predicate
def is_their_supporter(viewer: Viewer, person: Person) -> bool:
    return person.pk in viewer.supported_person_ids


def supporter_shares(scope: str) -> rules.Predicate:
    """Build a predicate: the viewer is a current supporter the person shares ``scope`` with."""

    def shares(viewer: Viewer, person: Person) -> bool:
        if person.pk not in viewer.supported_person_ids:
            return False
        links = Supporter.objects.filter(
            person=person, user=viewer.user, ended_at__isnull=True
        ).only("scopes", "ended_at")
        return any(link.allows(scope) for link in links)

    return rules.predicate(shares, name=f"supporter_shares_{scope}")


shares_their_plan = supporter_shares("plan")


@rules.predicate
def works_in_their_service(viewer: Viewer, person: Person) -> bool:
    service_ids = {s.pk for s in person.services.all()}
    return any(
        viewer.covers_service(role, sid)
        for role in ("support_worker", "service_manager")
        for sid in service_ids
    )


@rules.predicate
def manages_their_service(viewer: Viewer, person: Person) -> bool:
    return any(viewer.covers_service("service_manager", s.pk) for s in person.services.all())


@rules.predicate
def is_organisation_wide_lead(viewer: Viewer, person: Person) -> bool:
    return viewer.has_role("quality_lead", "senior_leader", "org_admin")


person_rules = rules.RuleSet()
person_rules.add_rule(
    "view",
    is_the_person | is_their_supporter | works_in_their_service | is_organisation_wide_lead,
)
# Decisions about a person are part of their plan: supporters see them only with "plan".
person_rules.add_rule(
    "view_decisions",
    is_the_person | shares_their_plan | works_in_their_service | is_organisation_wide_lead,
)
person_rules.add_rule(
    "record_decision",
    is_the_person | works_in_their_service | is_organisation_wide_lead,
)
