"""Who is asked, who may answer, who organises and who sees the results.

- **Asked**: people supported at the survey's services (or anywhere, for the whole
  organisation), their supporters, and staff working there, as the organiser chose.
- **Organise** (write, open, close, write the outcome): senior leaders, quality leads and
  organisation admins; a service manager for a survey they created or one asking only
  services they manage.
- **Results**: leaders always; a service manager for a survey asking any of their
  services; people asked, as the survey allows (always, after they answer, after it
  closes).
- **House meeting**: a worker or manager of a service asked, for a survey that asks
  people supported, holds the tablet while each person answers.

The viewer's place in the audience is an ``Audience`` read once a request
(``coproduce.voice.queries.audience_for``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coproduce.core.roles import FRONT_LINE, ORGANISATION_WIDE, STAFF
from coproduce.core.tenancy import Viewer
from coproduce.voice.models import Respondent, ResultsShown, Survey, SurveyStatus

# Roles that may write and run surveys.
ORGANISERS = ("service_manager", *ORGANISATION_WIDE)


@dataclass(frozen=True)
class Audience:
    """Where the viewer stands: the services they are asked through, by role.

    ``None`` for staff services means every service (organisation-wide roles)."""

    person_id: int | None = None
    person_services: frozenset[int] = frozenset()
    supporter_services: frozenset[int] = frozenset()
    staff_services: frozenset[int] | None = frozenset()
    is_staff: bool = False
    # The first service of each person the viewer supports, for a supporter's breakdown.
    supported_first_service: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Answerer:
    """Who answers, as whom, counted in which breakdown."""

    key: str
    role: str
    user_id: int | None
    person_id: int | None
    service_id: int | None


def _meets(survey_service_ids: frozenset[int], whole: bool, ids: frozenset[int] | None) -> bool:
    if ids is None:
        return True
    if whole:
        return bool(ids)
    return bool(survey_service_ids & ids)


def _first(survey_service_ids: frozenset[int], whole: bool, ids: frozenset[int]) -> int | None:
    if not ids:
        return None
    inside = sorted(ids if whole else survey_service_ids & ids)
    return inside[0] if inside else None


def respondent_for(
    viewer: Viewer, audience: Audience, survey: Survey, survey_service_ids: frozenset[int]
) -> Answerer | None:
    """Return who the viewer answers as, or None if the survey does not ask them.
    A person supported answers as themself first, then as a supporter, then as staff."""
    whole = survey.whole_organisation
    if survey.organisation_id != viewer.organisation_id:
        return None
    if (
        survey.ask_people
        and audience.person_id is not None
        and _meets(survey_service_ids, whole, audience.person_services)
    ):
        return Answerer(
            key=f"person:{audience.person_id}",
            role=Respondent.PERSON,
            user_id=viewer.user.pk,
            person_id=audience.person_id,
            service_id=_first(survey_service_ids, whole, audience.person_services),
        )
    if survey.ask_supporters and _meets(survey_service_ids, whole, audience.supporter_services):
        return Answerer(
            key=f"user:{viewer.user.pk}",
            role=Respondent.SUPPORTER,
            user_id=viewer.user.pk,
            person_id=None,
            service_id=_first(survey_service_ids, whole, audience.supporter_services),
        )
    if survey.ask_staff and audience.is_staff:
        staff = audience.staff_services
        if _meets(survey_service_ids, whole, staff):
            return Answerer(
                key=f"user:{viewer.user.pk}",
                role=Respondent.STAFF,
                user_id=viewer.user.pk,
                person_id=None,
                service_id=_first(survey_service_ids, whole, staff) if staff is not None else None,
            )
    return None


def person_respondent(person_id: int, user_id: int | None, service_id: int | None) -> Answerer:
    """A person supported answering in a house meeting, on the worker's tablet."""
    return Answerer(
        key=f"person:{person_id}",
        role=Respondent.PERSON,
        user_id=user_id,
        person_id=person_id,
        service_id=service_id,
    )


def is_leader(viewer: Viewer) -> bool:
    return viewer.has_role(*ORGANISATION_WIDE)


def may_create(viewer: Viewer) -> bool:
    return viewer.has_role(*ORGANISERS)


def _managed(viewer: Viewer) -> frozenset[int] | None:
    """The services the viewer manages (None: all of them)."""
    if not viewer.has_role("service_manager"):
        return frozenset()
    return viewer.services_for("service_manager")


def may_organise(viewer: Viewer, survey: Survey, survey_service_ids: frozenset[int]) -> bool:
    if survey.organisation_id != viewer.organisation_id:
        return False
    if is_leader(viewer):
        return True
    managed = _managed(viewer)
    if not viewer.has_role("service_manager"):
        return False
    if survey.created_by_id == viewer.user.pk:
        return True
    if managed is None:
        return True
    return (
        not survey.whole_organisation and bool(survey_service_ids) and survey_service_ids <= managed
    )


def oversees_results(viewer: Viewer, survey: Survey, survey_service_ids: frozenset[int]) -> bool:
    """Leaders, and managers of a service asked, see the results at any time."""
    if survey.organisation_id != viewer.organisation_id:
        return False
    if is_leader(viewer) or may_organise(viewer, survey, survey_service_ids):
        return True
    managed = _managed(viewer)
    if not viewer.has_role("service_manager"):
        return False
    return _meets(survey_service_ids, survey.whole_organisation, managed)


def may_see_results(
    viewer: Viewer,
    survey: Survey,
    survey_service_ids: frozenset[int],
    *,
    asked: bool,
    answered: bool,
) -> bool:
    if oversees_results(viewer, survey, survey_service_ids):
        return True
    if not (asked or answered) or survey.status == SurveyStatus.DRAFT:
        return False
    if survey.results_shown == ResultsShown.ALWAYS:
        return True
    if survey.results_shown == ResultsShown.AFTER_ANSWER:
        return answered or survey.status == SurveyStatus.CLOSED
    return survey.status == SurveyStatus.CLOSED


def may_hold_house_meeting(
    viewer: Viewer, survey: Survey, survey_service_ids: frozenset[int], service_id: int
) -> bool:
    """A worker or manager of the service, for a survey asking its people supported."""
    if survey.organisation_id != viewer.organisation_id or not survey.ask_people:
        return False
    if not (survey.whole_organisation or service_id in survey_service_ids):
        return False
    return any(viewer.covers_service(role, service_id) for role in FRONT_LINE) or is_leader(viewer)


STAFF_ROLES = STAFF
