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


@rules.predicate
def supporter_may_see_profile(viewer: Viewer, person: Person) -> bool:
    """A supporter sees the profile only while the person shares "My profile" with them."""
    if person.pk not in viewer.supported_person_ids:
        return False
    link = (
        Supporter.objects.filter(person=person, user=viewer.user, ended_at__isnull=True)
        .only("scopes", "ended_at")
        .first()
    )
    return link is not None and link.allows(Supporter.Scope.PROFILE)


@rules.predicate
def supporter_may_see_plan(viewer: Viewer, person: Person) -> bool:
    """A supporter sees the plan, and the decisions about the person, only while the
    person shares "My support plan" with them."""
    if person.pk not in viewer.supported_person_ids:
        return False
    link = (
        Supporter.objects.filter(person=person, user=viewer.user, ended_at__isnull=True)
        .only("scopes", "ended_at")
        .first()
    )
    return link is not None and link.allows(Supporter.Scope.PLAN)


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


may_read_what_was_said_about_a_worker = (
    is_the_person | supporter_may_see_plan | manages_their_service | is_organisation_wide_lead
)
"""What a person says about a worker (why they want a different worker, "this is not
working" about a worker, and every later kind of feedback about staff) is for the person,
a supporter they share their plan with, the managers of their services and
organisation-wide leads: never for the worker it is about, nor for other workers."""


person_rules = rules.RuleSet()
person_rules.add_rule(
    "view",
    is_the_person | is_their_supporter | works_in_their_service | is_organisation_wide_lead,
)
person_rules.add_rule(
    "record_decision",
    is_the_person | works_in_their_service | is_organisation_wide_lead,
)
# Decisions about a person belong with their plan: supporters see them only with "plan".
person_rules.add_rule(
    "view_decisions",
    is_the_person | supporter_may_see_plan | works_in_their_service | is_organisation_wide_lead,
)
# The one-page profile and communication needs. Supporters read only what the person
# shares; commissioners and quality checkers see no named profile at all.
person_rules.add_rule(
    "view_profile",
    is_the_person | supporter_may_see_profile | works_in_their_service | is_organisation_wide_lead,
)
# The person edits their own; staff of their services edit with them (the provenance
# then says "with support"). Leads read; supporters read.
person_rules.add_rule("edit_profile", is_the_person | works_in_their_service)
# A PDF or FHIR copy leaves the platform: the same people who may read it.
person_rules.add_rule(
    "export_profile",
    is_the_person | supporter_may_see_profile | works_in_their_service | is_organisation_wide_lead,
)


def staff_may_edit_with_person(viewer: Viewer, person: Person) -> bool:
    """Return True when the viewer edits as staff of the person's services, not as the person."""
    return not is_the_person(viewer, person) and works_in_their_service(viewer, person)


@rules.predicate
def supporter_may_see_meetings(viewer: Viewer, person: Person) -> bool:
    """A supporter sees the person's one-to-one meetings only while the person shares
    "My meetings" with them."""
    if person.pk not in viewer.supported_person_ids:
        return False
    link = (
        Supporter.objects.filter(person=person, user=viewer.user, ended_at__isnull=True)
        .only("scopes", "ended_at")
        .first()
    )
    return link is not None and link.allows(Supporter.Scope.MEETINGS)
