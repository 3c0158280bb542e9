"""Who is looking, in which organisation, with which roles: the input to every rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation, User

# Roles whose membership can be limited to some services. For other roles, and when no
# services are named, a membership covers the whole organisation.
SERVICE_SCOPED_ROLES = frozenset({"support_worker", "service_manager", "quality_checker"})


@dataclass(frozen=True)
class Viewer:
    """A signed-in user as seen from one organisation."""

    user: User
    organisation: Organisation | None
    roles: frozenset[str] = frozenset()
    # Services each role is limited to; a role missing from the map covers every service.
    role_services: dict[str, frozenset[int]] = field(default_factory=dict)
    person_id: int | None = None
    supported_person_ids: frozenset[int] = frozenset()

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    def covers_service(self, role: str, service_id: int) -> bool:
        """Return True if the viewer holds ``role`` for the service."""
        if role not in self.roles:
            return False
        limited = self.role_services.get(role)
        return limited is None or service_id in limited

    def services_for(self, role: str) -> frozenset[int] | None:
        """Return the service ids the role is limited to, or None for all of them."""
        return self.role_services.get(role)


ANONYMOUS_ROLES: frozenset[str] = frozenset()


def viewer_for(user: User, organisation: Organisation | None) -> Viewer:
    """Build the viewer for a user in an organisation from their current memberships."""
    from coproduce.accounts.models import Membership
    from coproduce.people.models import Person, Supporter

    if organisation is None or not user.is_authenticated:
        return Viewer(user=user, organisation=None)
    memberships = list(
        Membership.objects.current()
        .filter(user=user, organisation=organisation)
        .prefetch_related("services")
    )
    roles = frozenset(m.role for m in memberships)
    role_services: dict[str, frozenset[int]] = {}
    for membership in memberships:
        service_ids = frozenset(s.pk for s in membership.services.all())
        if membership.role in SERVICE_SCOPED_ROLES and service_ids:
            role_services[membership.role] = (
                role_services.get(membership.role, frozenset()) | service_ids
            )
    person_id = None
    if "person" in roles:
        person_id = (
            Person.objects.filter(organisation=organisation, user=user)
            .values_list("pk", flat=True)
            .first()
        )
    supported: frozenset[int] = frozenset()
    if "supporter" in roles:
        supported = frozenset(
            Supporter.objects.filter(
                user=user, ended_at__isnull=True, person__organisation=organisation
            ).values_list("person_id", flat=True)
        )
    return Viewer(
        user=user,
        organisation=organisation,
        roles=roles,
        role_services=role_services,
        person_id=person_id,
        supported_person_ids=supported,
    )
