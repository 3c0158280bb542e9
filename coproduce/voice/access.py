"""Reach a survey: scoped to the viewer's organisation and checked against the rules.

``access_survey(viewer, id, action)`` returns a ``Reached`` (the survey, where the viewer
stands and what they may do) or raises the same 404 for "missing" and "not yours".
Actions: ``view`` (asked, answered, or oversees it), ``answer``, ``results``,
``organise``, ``house_meeting``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.roles import FRONT_LINE
from coproduce.core.tenancy import Viewer
from coproduce.voice.models import Survey, SurveyStatus
from coproduce.voice.queries import audience_for, has_answered, survey_service_ids
from coproduce.voice.rules import (
    Answerer,
    Audience,
    may_organise,
    may_see_results,
    oversees_results,
    respondent_for,
)


@dataclass(frozen=True)
class Reached:
    survey: Survey
    service_ids: frozenset[int]
    audience: Audience
    answerer: Answerer | None
    answered: bool
    may_answer: bool
    may_see_results: bool
    may_organise: bool
    oversees: bool


def reach(viewer: Viewer, survey: Survey) -> Reached:
    """Work out where the viewer stands with a survey of their organisation."""
    service_ids = survey_service_ids(survey)
    audience = audience_for(viewer)
    answerer = respondent_for(viewer, audience, survey, service_ids)
    answered = answerer is not None and has_answered(survey, answerer.key)
    return Reached(
        survey=survey,
        service_ids=service_ids,
        audience=audience,
        answerer=answerer,
        answered=answered,
        may_answer=answerer is not None and not answered and survey.status == SurveyStatus.OPEN,
        may_see_results=may_see_results(
            viewer, survey, service_ids, asked=answerer is not None, answered=answered
        ),
        may_organise=may_organise(viewer, survey, service_ids),
        oversees=oversees_results(viewer, survey, service_ids),
    )


def _works_where_asked(viewer: Viewer, reached: Reached) -> bool:
    """A worker or manager of a service whose people supported are asked (they may hold
    a house meeting there)."""
    survey = reached.survey
    if not survey.ask_people or not viewer.has_role(*FRONT_LINE):
        return False
    staff = reached.audience.staff_services
    if staff is None or survey.whole_organisation:
        return True
    return bool(staff & reached.service_ids)


def access_survey(
    viewer: Viewer, survey_id: int, action: str = "view", *, audit: bool = True
) -> Reached:
    """Return the survey and the viewer's standing if they may do ``action``; else 404.

    Opening the results of a survey that is not anonymous (its words may name people) is
    audited; the live refresh of a results page already audited passes ``audit=False``.
    """
    if viewer.organisation is None:
        raise not_found()
    survey = Survey.objects.filter(organisation=viewer.organisation, pk=survey_id).first()
    if survey is None:
        raise missing(viewer, Survey, survey_id)
    reached = reach(viewer, survey)
    allowed = {
        # A survey not open yet is for its organisers only.
        "view": reached.oversees
        or (reached.answerer is not None and survey.status != SurveyStatus.DRAFT)
        or reached.answered
        or (survey.status != SurveyStatus.DRAFT and _works_where_asked(viewer, reached)),
        "answer": reached.answerer is not None and survey.status != SurveyStatus.DRAFT,
        "results": reached.may_see_results,
        "organise": reached.may_organise,
        "house_meeting": viewer.has_role(*FRONT_LINE),
    }.get(action, False)
    if not allowed:
        raise refused(viewer, survey, f"{action} the survey")
    if action == "results" and audit and not survey.anonymous:
        audit_read(viewer, survey, f"Opened the results of “{survey.title}”")
    return reached
