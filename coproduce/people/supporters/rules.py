"""Who may see and change what a person shares with their supporters, and what a
supporter may see.

- The person chooses their supporters and what each may see. Workers and managers of
  the person's services may make the change with them (the provenance says how the
  person gave their view). Organisation admins may look, because they invite supporters.
- A supporter never changes their own link, even if they also work in the service.
- ``people.rules.supporter_may(viewer, person, scope)`` is the one check every app uses
  before it shows a supporter part of a person's record (re-exported here).
"""

from __future__ import annotations

import rules

from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import (
    is_the_person,
    supporter_may,
    supporter_shares_scope,
    works_in_their_service,
)

__all__ = ["supporter_may", "supporter_shares_scope"]


@rules.predicate
def is_organisation_admin(viewer: Viewer, person: Person) -> bool:
    return viewer.has_role("org_admin")


supporters_rules = rules.RuleSet()
supporters_rules.add_rule("view", is_the_person | works_in_their_service | is_organisation_admin)
supporters_rules.add_rule("change", is_the_person | works_in_their_service)


def may_change_link(viewer: Viewer, link: Supporter) -> bool:
    """A supporter never changes what is shared with them, whatever other role they hold."""
    return link.user_id != viewer.user.pk


# The scopes a person is offered: only those with pages behind them. "My visits and rota"
# and "My feedback" join when the rota and the feedback pages exist.
OFFERED_SCOPES: tuple[str, ...] = (
    Supporter.Scope.PROFILE,
    Supporter.Scope.PLAN,
    Supporter.Scope.MEETINGS,
    Supporter.Scope.INVOLVEMENT,
)


def offered_scope_choices() -> list[tuple[str, str]]:
    """Return (value, label) for each scope a person may share today."""
    return [(scope.value, str(scope.label)) for scope in Supporter.Scope if scope in OFFERED_SCOPES]
