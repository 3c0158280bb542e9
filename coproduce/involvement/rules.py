"""Who may do what with a person's involvement.

- **Their own**: a person sees and records only their own roles, hours, expenses and
  statement.
- **Helping**: a supporter helps when the person shares "My involvement and payments"
  with them; the workers and managers of the person's services record for them.
- **Approving**: the managers of the person's services agree interests and approve or
  send back hours and expenses; senior leaders may too, across the organisation.
- **Money settings and payroll**: organisation admins and senior leaders set rates,
  limits and the permitted-work limit, and run the payroll export.
- **Advertising**: managers and the organisation-wide leads advertise opportunities.
"""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import supporter_may

INVOLVEMENT = Supporter.Scope.INVOLVEMENT
# Approve for every service, without naming one.
APPROVE_EVERYWHERE = ("senior_leader",)
SETS_MONEY = ("org_admin", "senior_leader")
ADVERTISES = ("service_manager", *ORGANISATION_WIDE)


def _in_organisation(viewer: Viewer, person: Person) -> bool:
    return viewer.organisation is not None and person.organisation_id == viewer.organisation.pk


def is_own(viewer: Viewer, person: Person) -> bool:
    return _in_organisation(viewer, person) and viewer.person_id == person.pk


def supporter_helps(viewer: Viewer, person: Person) -> bool:
    return supporter_may(viewer, person, INVOLVEMENT)


def works_with(viewer: Viewer, person: Person, service_ids: Iterable[int]) -> bool:
    """A worker or manager of one of the person's services."""
    if not _in_organisation(viewer, person):
        return False
    return any(
        viewer.covers_service(role, service_id)
        for role in ("support_worker", "service_manager")
        for service_id in service_ids
    )


def approves_for(viewer: Viewer, person: Person, service_ids: Iterable[int]) -> bool:
    """A manager of one of the person's services, or a senior leader."""
    if not _in_organisation(viewer, person):
        return False
    if viewer.has_role(*APPROVE_EVERYWHERE):
        return True
    return any(viewer.covers_service("service_manager", sid) for sid in service_ids)


def may_record_for(viewer: Viewer, person: Person, service_ids: Iterable[int]) -> bool:
    """Record hours, claim expenses, say they are interested or say their benefit."""
    ids = list(service_ids)
    return (
        is_own(viewer, person) or supporter_helps(viewer, person) or works_with(viewer, person, ids)
    )


def may_see(viewer: Viewer, person: Person, service_ids: Iterable[int]) -> bool:
    """See the person's involvement: roles, hours, expenses, statement, receipts."""
    ids = list(service_ids)
    if may_record_for(viewer, person, ids) or approves_for(viewer, person, ids):
        return True
    return _in_organisation(viewer, person) and viewer.has_role(*SETS_MONEY)


def sets_money(viewer: Viewer) -> bool:
    return viewer.organisation is not None and viewer.has_role(*SETS_MONEY)


def advertises(viewer: Viewer) -> bool:
    return viewer.organisation is not None and viewer.has_role(*ADVERTISES)
