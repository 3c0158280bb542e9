"""Reach staff profiles and introduction films: scoped, checked, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.models import IntroductionFilm, StaffProfile
from coproduce.people.staff.queries import films_of, staff_profiles_of
from coproduce.people.staff.rules import film_rule, staff_rules


def access_staff_profile(
    viewer: Viewer, staff_id: int, action: str = "view", *, audit: bool = True
) -> StaffProfile:
    """Return the staff profile if the viewer may take ``action``; otherwise 404.

    ``audit`` is off for the photo, fetched with every page that shows the worker.
    """
    if viewer.organisation is None:
        raise not_found()
    profile = (
        staff_profiles_of(viewer.organisation)
        .filter(pk=staff_id)
        .select_related("user", "organisation")
        .prefetch_related("interests", "skills")
        .first()
    )
    if profile is None:
        raise missing(viewer, StaffProfile, staff_id)
    if not staff_rules.test_rule(action, viewer, profile):
        raise refused(viewer, profile, action)
    if audit and profile.user_id != viewer.user.pk:
        audit_read(viewer, profile, f"Opened {profile.user.name}'s staff profile ({action})")
    return profile


def access_film(viewer: Viewer, film_id: int, *, audit: bool = True) -> IntroductionFilm:
    """Return the film if the viewer may see it; otherwise 404.

    The current film belongs to the public profile; older films only to the whole.
    ``audit`` is off for the byte ranges a player fetches after the first.
    """
    if viewer.organisation is None:
        raise not_found()
    film = (
        films_of(viewer.organisation)
        .filter(pk=film_id)
        .select_related("staff", "staff__user", "staff__organisation")
        .first()
    )
    if film is None:
        raise missing(viewer, IntroductionFilm, film_id)
    if not staff_rules.test_rule(film_rule(film), viewer, film.staff):
        raise refused(viewer, film, "watch")
    if audit and film.staff.user_id != viewer.user.pk:
        audit_read(viewer, film, f"Watched {film.staff.user.name}'s introduction film")
    return film
