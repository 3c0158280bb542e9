"""Reach staff profiles, films and supporter links: scoped, checked, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.access import person_in_organisation
from coproduce.people.models import IntroductionFilm, Person, StaffProfile, Supporter
from coproduce.people.queries_staff import films_of, staff_profiles_of, supporter_link_of
from coproduce.people.rules_staff import film_rule, staff_rules
from coproduce.people.rules_supporters import may_change_link, supporters_rules


def access_staff_profile(viewer: Viewer, staff_id: int, action: str = "view") -> StaffProfile:
    """Return the staff profile if the viewer may take ``action``; otherwise 404."""
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
    if profile.user_id != viewer.user.pk:
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


def access_person_supporters(viewer: Viewer, person_id: int, action: str = "view") -> Person:
    """Return the person whose supporters the viewer may see or change; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not supporters_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the supporters of")
    audit_read(viewer, person, f"Opened who can see {person.preferred_name}'s things ({action})")
    return person


def access_supporter_link(
    viewer: Viewer,
    person_id: int,
    link_id: int,
    action: str = "change",
    *,
    include_ended: bool = False,
) -> tuple[Person, Supporter]:
    """Return the person and one supporter link the viewer may change; otherwise 404.

    Only current links, unless ``include_ended`` (so a repeated "stop" finds its link).
    """
    person = access_person_supporters(viewer, person_id, action)
    link = supporter_link_of(person, link_id, include_ended=include_ended)
    if link is None:
        raise not_found()
    if action == "change" and not may_change_link(viewer, link):
        raise refused(viewer, link, action)
    return person, link
