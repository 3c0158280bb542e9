"""Reads about organisations, services and memberships that other code reuses."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduce.accounts.models import Membership, Organisation, Service, User


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    """Return the organisations the user currently belongs to."""
    return Organisation.objects.filter(
        memberships__user=user, memberships__ended_at__isnull=True
    ).distinct()


def services_of(organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.filter(organisation=organisation)


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .prefetch_related("services")
    )


def services_for_viewer(viewer) -> QuerySet[Service]:  # type: ignore[no-untyped-def]
    """Return the services the viewer works in or oversees (none for other roles)."""
    organisation = viewer.organisation
    if organisation is None:
        return Service.objects.none()
    services = Service.objects.filter(organisation=organisation, is_active=True)
    staff_roles = ["support_worker", "service_manager", "quality_checker"]
    org_wide = {"quality_lead", "senior_leader", "org_admin", "commissioner"}
    if viewer.roles & org_wide:
        return services
    held = [role for role in staff_roles if role in viewer.roles]
    if not held:
        return Service.objects.none()
    ids: set[int] = set()
    for role in held:
        limited = viewer.services_for(role)
        if limited is None:
            return services
        ids |= limited
    return services.filter(pk__in=ids)
