"""Build the viewer (``coproduce.core.tenancy.Viewer``) of a request from the database."""

from __future__ import annotations

from coproduce.accounts.models import Membership, Organisation, User
from coproduce.core.tenancy import SERVICE_SCOPED_ROLES, Viewer
from coproduce.people.queries import person_id_of_user, scopes_shared_with_user


def viewer_for(user: User, organisation: Organisation | None) -> Viewer:
    """Build the viewer for a user in an organisation from their current memberships."""
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
    shared = scopes_shared_with_user(user, organisation.pk) if "supporter" in roles else {}
    return Viewer(
        user=user,
        organisation=organisation,
        roles=roles,
        role_services=role_services,
        person_id=person_id_of_user(user, organisation.pk) if "person" in roles else None,
        supported_person_ids=frozenset(shared),
        shared_scopes=shared,
    )
