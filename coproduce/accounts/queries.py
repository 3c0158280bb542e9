"""Reads about organisations, services and memberships that other code reuses."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from coproduce.accounts.models import Membership, Organisation, Role, Service, User
from coproduce.core.roles import ALL_SERVICES, SERVICE_SCOPED


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
    staff_roles = sorted(SERVICE_SCOPED)
    if viewer.roles & ALL_SERVICES:
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


def search_services(
    organisation: Organisation, text: str = "", status: str = ""
) -> QuerySet[Service]:
    """Return the organisation's services whose name or area contains ``text``."""
    services = services_of(organisation)
    text = text.strip()
    if text:
        services = services.filter(Q(name__icontains=text) | Q(area__icontains=text))
    if status == "active":
        services = services.filter(is_active=True)
    elif status == "inactive":
        services = services.filter(is_active=False)
    return services.order_by("name", "pk")


def service_name_taken(
    organisation: Organisation, name: str, exclude_id: int | None = None
) -> bool:
    """Return True if another service of the organisation already has this name."""
    services = services_of(organisation).filter(name__iexact=name.strip())
    if exclude_id is not None:
        services = services.exclude(pk=exclude_id)
    return services.exists()


def filter_memberships(
    memberships: QuerySet[Membership],
    *,
    text: str = "",
    role: str = "",
    service: str = "",
    status: str = "",
) -> QuerySet[Membership]:
    """Narrow memberships by name or email, role, the name of a service they cover and
    whether they have ended."""
    text = text.strip()
    if text:
        memberships = memberships.filter(
            Q(user__name__icontains=text) | Q(user__email__icontains=text)
        )
    if role:
        memberships = memberships.filter(role=role)
    service = service.strip()
    if service:
        # A subquery rather than a join: several services can match, and a join would
        # repeat the membership once for each.
        memberships = memberships.filter(
            pk__in=Membership.services.through.objects.filter(
                service__name__icontains=service
            ).values("membership_id")
        )
    if status == "current":
        memberships = memberships.filter(ended_at__isnull=True)
    elif status == "ended":
        memberships = memberships.filter(ended_at__isnull=False)
    # Current first, then by name, so the list reads like a staff directory.
    return memberships.order_by(
        F("ended_at").desc(nulls_first=True), "user__name", "user__email", "pk"
    )


class CurrentThenEnded:
    """The memberships in the people list's order, for a Paginator, read as two lists.

    Current roles come first, in name order, then ended ones, most recent first. Asked as
    one query, PostgreSQL joins and sorts all 29,000 of a large organisation's roles to
    show 25; asked for the current ones alone, it reads them in the order of the users'
    name index and stops after the page (26 ms to under 1 ms on the large demo).
    """

    def __init__(self, memberships: QuerySet[Membership]) -> None:
        self.current = memberships.filter(ended_at__isnull=True).order_by(
            "user__name", "user__email", "pk"
        )
        self.ended = memberships.filter(ended_at__isnull=False).order_by(
            F("ended_at").desc(), "user__name", "user__email", "pk"
        )
        self._current_count: int | None = None

    def current_count(self) -> int:
        if self._current_count is None:
            self._current_count = self.current.count()
        return self._current_count

    def count(self) -> int:
        return self.current_count() + self.ended.count()

    def __getitem__(self, page: slice) -> list[Membership]:
        start, stop = page.start or 0, page.stop
        split = self.current_count()
        rows: list[Membership] = []
        if start < split:
            rows += self.current[start : min(stop, split)]
        if stop > split:
            rows += self.ended[max(start - split, 0) : stop - split]
        return rows


def current_admin_ids(organisation: Organisation, *, lock: bool = False) -> list[int]:
    """Return the ids of the organisation's current org_admin memberships.

    With ``lock``, hold the rows until the transaction ends, so two admins ending each
    other's memberships at once cannot leave the organisation with none.
    """
    admins = Membership.objects.current().filter(organisation=organisation, role=Role.ORG_ADMIN)
    if lock:
        admins = admins.select_for_update()
    return list(admins.values_list("pk", flat=True))


def service_managers_of(*, organisation_id: int, service_ids: list[int]) -> QuerySet[User]:
    """Return the current service managers covering any of the services.

    A manager whose membership names no services covers every service.
    """
    from django.db.models import Q

    return User.objects.filter(
        pk__in=Membership.objects.current()
        .filter(organisation_id=organisation_id, role="service_manager")
        .filter(Q(services__in=service_ids) | Q(services__isnull=True))
        .values("user_id")
    )


def organisation_brand_colour(slug: str) -> str | None:
    """Return the brand colour of the organisation with this slug (None if there is none).

    Public on purpose: the colour is not personal data and is shown on every page.
    """
    return Organisation.objects.filter(slug=slug).values_list("brand_colour", flat=True).first()


def staff_user_ids(
    organisation_id: int,
    *,
    scoped_roles: Iterable[str],
    service_ids: Iterable[int],
    wide_roles: Iterable[str] = (),
) -> set[int]:
    """Return the ids of current members holding ``scoped_roles`` at any of the services
    (or with a membership naming no service, which covers them all), or ``wide_roles``.

    Each part is its own indexed look-up: one query OR-joining users to memberships and
    their services made PostgreSQL read every user of a large organisation (13-30 ms at
    29,000 members), whatever the plan.
    """
    from django.db.models import Exists, OuterRef

    current = Membership.objects.filter(
        organisation_id=organisation_id, ended_at__isnull=True
    ).order_by()
    scoped = current.filter(role__in=list(scoped_roles))
    links = Membership.services.through.objects
    ids = set(
        links.filter(service_id__in=list(service_ids), membership__in=scoped).values_list(
            "membership__user_id", flat=True
        )
    )
    ids.update(
        scoped.filter(~Exists(links.filter(membership_id=OuterRef("pk")))).values_list(
            "user_id", flat=True
        )
    )
    wide = list(wide_roles)
    if wide:
        ids.update(current.filter(role__in=wide).values_list("user_id", flat=True))
    return ids
