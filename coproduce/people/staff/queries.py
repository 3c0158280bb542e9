"""Reads about staff profiles and films, always starting from the organisation."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from django.db.models import Prefetch, QuerySet

from coproduce.accounts.models import Membership, Organisation
from coproduce.core.roles import FRONT_LINE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import (
    Availability,
    Interest,
    IntroductionFilm,
    Person,
    Skill,
    StaffProfile,
)

# The roles whose holders have a staff profile: they work with people in services.
STAFF_PROFILE_ROLES = FRONT_LINE


def staff_profiles_of(organisation: Organisation) -> QuerySet[StaffProfile]:
    return StaffProfile.objects.filter(organisation=organisation)


def own_staff_profile(viewer: Viewer) -> StaffProfile | None:
    """Return the viewer's own staff profile in this organisation, if they wrote one."""
    if viewer.organisation is None:
        return None
    return (
        staff_profiles_of(viewer.organisation)
        .filter(user=viewer.user)
        .prefetch_related("interests", "skills")
        .first()
    )


def staff_service_ids(profile: StaffProfile) -> frozenset[int] | None:
    """Return the services the worker works in, or None when they work across all of them.

    Kept on the profile for the rest of the request: several rules ask.
    """
    if hasattr(profile, "_service_ids"):
        cached: frozenset[int] | None = profile._service_ids
        return cached
    memberships = (
        Membership.objects.current()
        .filter(
            user_id=profile.user_id,
            organisation_id=profile.organisation_id,
            role__in=STAFF_PROFILE_ROLES,
        )
        .prefetch_related("services")
    )
    ids: set[int] = set()
    result: frozenset[int] | None = frozenset()
    for membership in memberships:
        services = {s.pk for s in membership.services.all()}
        if not services:
            result = None
            break
        ids |= services
    else:
        result = frozenset(ids)
    profile._service_ids = result  # type: ignore[attr-defined]
    return result


def person_service_ids(organisation_id: int, person_ids: Iterable[int]) -> frozenset[int]:
    """Return the services the given people of the organisation are supported in."""
    through = Person.services.through
    return frozenset(
        through.objects.filter(
            person_id__in=list(person_ids), person__organisation_id=organisation_id
        ).values_list("service_id", flat=True)
    )


def staff_service_names(profile: StaffProfile) -> list[str]:
    """Return the names of the services the worker works in ("All services" if all)."""
    ids = staff_service_ids(profile)
    services = profile.organisation.services.filter(is_active=True)
    if ids is not None:
        services = services.filter(pk__in=ids)
    return list(services.order_by("name").values_list("name", flat=True))


def current_film(profile: StaffProfile) -> IntroductionFilm | None:
    return profile.films.filter(is_current=True).first()


def film_history(profile: StaffProfile) -> QuerySet[IntroductionFilm]:
    return profile.films.order_by("-uploaded_at", "-pk")


def films_of(organisation: Organisation) -> QuerySet[IntroductionFilm]:
    return IntroductionFilm.objects.filter(staff__organisation=organisation)


def availability_of(profile: StaffProfile) -> QuerySet[Availability]:
    return profile.availability.order_by("weekday", "starts_at")


def interest_choices() -> list[tuple[str, list[Interest]]]:
    """Return the shared interest taxonomy grouped by category, in order."""
    interests = Interest.objects.order_by("category", "name")
    return [(category, list(group)) for category, group in groupby(interests, lambda i: i.category)]


def skill_choices() -> QuerySet[Skill]:
    return Skill.objects.order_by("name")


def staff_profiles_visible_to(viewer: Viewer) -> list[StaffProfile]:
    """Return the staff profiles whose public part the viewer may see, with current films.

    For pages that list workers (a person's team, a shortlist). The rules decide; this
    only narrows the candidates to the organisation first.
    """
    from coproduce.people.staff.rules import staff_rules

    if viewer.organisation is None:
        return []
    candidates = (
        staff_profiles_of(viewer.organisation)
        .select_related("user", "organisation")
        .prefetch_related(
            "interests",
            Prefetch(
                "films",
                queryset=IntroductionFilm.objects.filter(is_current=True),
                to_attr="current",
            ),
        )
        .order_by("user__name", "pk")
    )
    return [p for p in candidates if staff_rules.test_rule("view", viewer, p)]


def staff_service_ids_prefetch(profiles: Iterable[StaffProfile]) -> None:
    """Work out ``staff_service_ids`` for several profiles of one organisation in one query
    and keep it on each, so rules asked about each card cost nothing more."""
    pending = [p for p in profiles if not hasattr(p, "_service_ids")]
    if not pending:
        return
    found: dict[int, set[int] | None] = {p.user_id: set() for p in pending}
    memberships = (
        Membership.objects.current()
        .filter(
            user_id__in=list(found),
            organisation_id=pending[0].organisation_id,
            role__in=STAFF_PROFILE_ROLES,
        )
        .prefetch_related("services")
    )
    for membership in memberships:
        services = {s.pk for s in membership.services.all()}
        held = found.get(membership.user_id)
        if held is None:
            continue  # already across every service
        if not services:
            found[membership.user_id] = None
        else:
            held |= services
    for profile in pending:
        ids = found[profile.user_id]
        profile._service_ids = None if ids is None else frozenset(ids)  # type: ignore[attr-defined]
