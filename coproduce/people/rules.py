"""Who may do what with a person's record."""

from __future__ import annotations

import rules

from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person


@rules.predicate
def is_the_person(viewer: Viewer, person: Person) -> bool:
    return viewer.person_id == person.pk


@rules.predicate
def is_their_supporter(viewer: Viewer, person: Person) -> bool:
    return person.pk in viewer.supported_person_ids


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
person_rules.add_rule(
    "record_decision",
    is_the_person | works_in_their_service | is_organisation_wide_lead,
)
