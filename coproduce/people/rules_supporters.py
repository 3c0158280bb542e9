"""Who may see and change what a person shares with their supporters, and what a
supporter may see.

- The person chooses their supporters and what each may see. Workers and managers of
  the person's services may make the change with them (the provenance says how the
  person gave their view). Organisation admins may look, because they invite supporters.
- A supporter never changes their own link, even if they also work in the service.
- ``supporter_may(viewer, person, scope)`` is the one check every app uses before it shows
  a supporter part of a person's record.
"""

from __future__ import annotations

import rules

from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import is_the_person, works_in_their_service


def supporter_may(viewer: Viewer, person: Person, scope: str) -> bool:
    """Return True when the viewer is a current supporter of the person and the person
    shares ``scope`` (a ``Supporter.Scope`` value) with them."""
    if viewer.organisation is None or person.organisation_id != viewer.organisation.pk:
        return False
    if person.pk not in viewer.supported_person_ids:
        return False
    links = Supporter.objects.filter(
        person_id=person.pk, user_id=viewer.user.pk, ended_at__isnull=True
    ).only("scopes", "ended_at")
    return any(link.allows(scope) for link in links)


def supporter_shares_scope(scope: str) -> rules.Predicate:
    """Build a rules predicate (viewer, person) from ``supporter_may`` for a RuleSet."""

    def shares(viewer: Viewer, person: Person) -> bool:
        return supporter_may(viewer, person, scope)

    return rules.predicate(shares, name=f"supporter_may_{scope}")


@rules.predicate
def is_organisation_admin(viewer: Viewer, person: Person) -> bool:
    return viewer.has_role("org_admin")


supporters_rules = rules.RuleSet()
supporters_rules.add_rule("view", is_the_person | works_in_their_service | is_organisation_admin)
supporters_rules.add_rule("change", is_the_person | works_in_their_service)


def acts_for_themself(viewer: Viewer, person: Person) -> bool:
    """Return True when the person makes the change themself (not staff with them)."""
    return viewer.person_id == person.pk


def may_change_link(viewer: Viewer, link: Supporter) -> bool:
    """A supporter never changes what is shared with them, whatever other role they hold."""
    return link.user_id != viewer.user.pk
