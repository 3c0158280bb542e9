"""Who may see and change a worker's staff profile and introduction film.

A staff profile has a public part (the one-page profile, interests, languages and film)
and a whole (hours, availability, skills, home area, the details matching uses).

- The public part is for the people supported in the services where the worker works,
  and their supporters; and, when the worker agreed to be suggested outside their
  services, for people supported (and supporters) choosing a new team anywhere in the
  organisation.
- The whole is for the worker, the managers of a service they work in, and the
  organisation-wide leads (quality lead, senior leader, organisation admin).
- Only the worker changes their own profile. Commissioners see nothing.
"""

from __future__ import annotations

import rules

from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import IntroductionFilm, StaffProfile
from coproduce.people.staff.queries import (
    person_service_ids,
    staff_service_ids,
    staff_service_ids_prefetch,
)

ORGANISATION_WIDE_LEADS = ORGANISATION_WIDE


@rules.predicate
def is_own_profile(viewer: Viewer, profile: StaffProfile) -> bool:
    return viewer.user.pk == profile.user_id


@rules.predicate
def supported_where_they_work(viewer: Viewer, profile: StaffProfile) -> bool:
    """The viewer is (or supports) someone supported in a service the worker works in."""
    people = set(viewer.supported_person_ids)
    if viewer.person_id is not None:
        people.add(viewer.person_id)
    if not people:
        return False
    services = person_service_ids(profile.organisation_id, people)
    if not services:
        return False
    worker_services = staff_service_ids(profile)
    if worker_services is None:
        return True
    return bool(worker_services & services)


@rules.predicate
def choosing_a_new_team(viewer: Viewer, profile: StaffProfile) -> bool:
    """A worker who agreed to be suggested outside their services is seen by anyone
    supported in the organisation, and their supporters, when they choose a new team."""
    if not profile.suggest_outside_my_services:
        return False
    return viewer.person_id is not None or bool(viewer.supported_person_ids)


@rules.predicate
def manages_them(viewer: Viewer, profile: StaffProfile) -> bool:
    """The viewer manages a service the worker works in."""
    if "service_manager" not in viewer.roles:
        return False
    managed = viewer.services_for("service_manager")
    worker_services = staff_service_ids(profile)
    if managed is None or worker_services is None:
        return True
    return bool(managed & worker_services)


@rules.predicate
def is_organisation_wide_lead(viewer: Viewer, profile: StaffProfile) -> bool:
    return viewer.has_role(*ORGANISATION_WIDE_LEADS)


staff_rules = rules.RuleSet()
staff_rules.add_rule(
    "view",
    is_own_profile
    | supported_where_they_work
    | choosing_a_new_team
    | manages_them
    | is_organisation_wide_lead,
)
staff_rules.add_rule("view_all", is_own_profile | manages_them | is_organisation_wide_lead)
staff_rules.add_rule("change", is_own_profile)


def film_rule(film: IntroductionFilm) -> str:
    """Return the staff rule a film is reached by: the current film is part of the public
    profile; an old one only of the whole."""
    return "view" if film.is_current else "view_all"


def profiles_viewable(viewer: Viewer, profiles: list[StaffProfile]) -> set[int]:
    """The ids of the profiles ``viewer`` may open (``staff_rules`` "view"), for a page of
    cards: the same rule, with the services read once for all of them."""
    if not profiles:
        return set()
    staff_service_ids_prefetch(profiles)
    people = set(viewer.supported_person_ids)
    if viewer.person_id is not None:
        people.add(viewer.person_id)
    services = person_service_ids(profiles[0].organisation_id, people) if people else frozenset()
    shown: set[int] = set()
    for profile in profiles:
        worker_services = staff_service_ids(profile)
        where_they_work = bool(services) and (
            worker_services is None or bool(worker_services & services)
        )
        if (
            is_own_profile(viewer, profile)
            or where_they_work
            or choosing_a_new_team(viewer, profile)
            or manages_them(viewer, profile)
            or is_organisation_wide_lead(viewer, profile)
        ):
            shown.add(profile.pk)
    return shown
