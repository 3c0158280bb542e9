"""Who may do what with a person's record."""

from __future__ import annotations

import rules

from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter


@rules.predicate
def is_the_person(viewer: Viewer, person: Person) -> bool:
    return viewer.person_id == person.pk


@rules.predicate
def is_their_supporter(viewer: Viewer, person: Person) -> bool:
    return person.pk in viewer.supported_person_ids


def supporter_may(viewer: Viewer, person: Person, scope: str) -> bool:
    """The one consent check: the viewer is a current supporter of the person, in the
    viewer's organisation, and the person shares ``scope`` (a ``Supporter.Scope`` value)
    with them. Every page, action, template, export and list that shows a supporter part
    of a person's record asks this, directly or through ``supporter_shares_scope``."""
    if viewer.organisation is None or person.organisation_id != viewer.organisation.pk:
        return False
    if person.pk not in viewer.supported_person_ids:
        return False
    # Read with the viewer, once a request; a viewer built by hand asks the database.
    shared = viewer.shared_scopes.get(person.pk)
    if shared is None:
        return person_shares_with(person, viewer.user.pk, scope)
    return scope in shared


def person_shares_with(person: Person, user_id: int, scope: str) -> bool:
    """Say whether the person shares ``scope`` with that user through a current link.

    ``supporter_may`` asks it for the viewer; an action asks it for the supporter named as
    the one who confirmed something with the person."""
    links = Supporter.objects.filter(
        person_id=person.pk, user_id=user_id, ended_at__isnull=True
    ).only("scopes", "ended_at")
    return any(link.allows(scope) for link in links)


def supporter_shares_scope(scope: str) -> rules.Predicate:
    """Build a rules predicate (viewer, person) from ``supporter_may`` for a RuleSet."""

    def shares(viewer: Viewer, person: Person) -> bool:
        return supporter_may(viewer, person, scope)

    return rules.predicate(shares, name=f"supporter_may_see_{scope}")


# What a supporter sees follows what the person shares with them.
supporter_may_see_profile = supporter_shares_scope(Supporter.Scope.PROFILE)
supporter_may_see_plan = supporter_shares_scope(Supporter.Scope.PLAN)
supporter_may_see_meetings = supporter_shares_scope(Supporter.Scope.MEETINGS)


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
    return viewer.has_role(*ORGANISATION_WIDE)


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
