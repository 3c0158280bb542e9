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
    # What each of those people shares with the viewer (``Supporter.Scope`` values), read
    # with them, so consent checks on a page ask the database once, not once a check.
    shared_scopes: dict[int, frozenset[str]] = field(default_factory=dict)

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
