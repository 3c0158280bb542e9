"""Writes for organisers: change a survey's details and questions, write its outcome, run
it again, and queue the reminders before it closes.

Questions lock once anyone has answered: the check and the change happen under the
survey's row lock, so an answer arriving at the same moment either comes first (and the
change is refused) or waits for the new questions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.core.tenancy import Viewer
from coproduce.voice.actions import (
    QuestionSpec,
    question_problems,
    question_specs_of,
    questions_replace,
    survey_create,
)
from coproduce.voice.models import Option, Participation, QuestionKind, Survey, SurveyStatus

if TYPE_CHECKING:
    from coproduce.accounts.models import Service

# Reminders go to those who have not answered this long before a survey closes.
REMIND_BEFORE = dt.timedelta(hours=24)


class QuestionsLocked(Exception):
    """Someone has answered: the questions can no longer change."""


@dataclass
class Details:
    """What an organiser can set about a survey, apart from its questions."""

    title: str
    closes_at: dt.datetime
    intro: str = ""
    easy_read_intro: str = ""
    document: str = ""
    document_easy_read: str = ""
    whole_organisation: bool = False
    services: Sequence[Service] = ()
    areas: Sequence[str] = ()
    ask_people: bool = True
    ask_supporters: bool = False
    ask_staff: bool = False
    anonymous: bool = False
    results_shown: str = "after_answer"
    opens_at: dt.datetime | None = None


def _lock(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def has_answers(survey: Survey) -> bool:
    return Participation.objects.filter(survey=survey).exists()


def survey_new(
    *,
    viewer: Viewer,
    kind: str,
    details: Details,
    questions: Sequence[QuestionSpec] = (),
    template: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> Survey:
    """Write a survey not open yet (or opening on ``details.opens_at``)."""
    return survey_create(
        viewer=viewer,
        kind=kind,
        title=details.title,
        closes_at=details.closes_at,
        questions=questions,
        intro=details.intro,
        easy_read_intro=details.easy_read_intro,
        document=details.document,
        document_easy_read=details.document_easy_read,
        template=template,
        whole_organisation=details.whole_organisation,
        services=details.services,
        areas=details.areas,
        ask_people=details.ask_people,
        ask_supporters=details.ask_supporters,
        ask_staff=details.ask_staff,
        anonymous=details.anonymous,
        results_shown=details.results_shown,
        opens_at=details.opens_at,
        idempotency_key=idempotency_key,
    )


@transaction.atomic
def survey_details_set(*, viewer: Viewer, survey: Survey, details: Details) -> Survey:
    """Change the details. Once anyone has answered, whether it is anonymous and when
    results are shown stay as they were promised."""
    survey = _lock(survey)
    problems: dict[str, str] = {}
    answered = has_answers(survey)
    if answered and details.anonymous != survey.anonymous:
        problems["anonymous"] = _(
            "People have answered already, so whether answers are anonymous cannot change"
        )
    if answered and details.results_shown != survey.results_shown:
        problems["results_shown"] = _(
            "People have answered already, so when results are shown cannot change"
        )
    if not details.title.strip():
        problems["title"] = _("Write a title")
    if not (details.whole_organisation or details.services):
        problems["services"] = _("Choose who is asked: services, an area or everyone")
    if not (details.ask_people or details.ask_supporters or details.ask_staff):
        problems["ask"] = _("Choose who answers: people supported, supporters or staff")
    started = survey.opens_at if survey.status != SurveyStatus.DRAFT else None
    opens_at = started or details.opens_at
    if details.closes_at <= (opens_at or timezone.now()):
        problems["closes_at"] = _("The closing date must be after it opens")
    if problems:
        raise ValidationError(problems)
    survey.title = details.title.strip()
    survey.intro = details.intro.strip()
    survey.easy_read_intro = details.easy_read_intro.strip()
    survey.document = details.document.strip()
    survey.document_easy_read = details.document_easy_read.strip()
    survey.whole_organisation = details.whole_organisation
    survey.areas = list(details.areas)
    survey.ask_people = details.ask_people
    survey.ask_supporters = details.ask_supporters
    survey.ask_staff = details.ask_staff
    survey.anonymous = details.anonymous
    survey.results_shown = details.results_shown
    if survey.status == SurveyStatus.DRAFT:
        survey.opens_at = details.opens_at
    if details.closes_at != survey.closes_at:
        survey.reminder_sent_at = None
    survey.closes_at = details.closes_at
    survey.save()
    survey.services.set([] if details.whole_organisation else list(details.services))
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=survey,
        summary=f"Changed the details of “{survey.title}”",
    )
    return survey


@transaction.atomic
def survey_questions_set(
    *, viewer: Viewer, survey: Survey, questions: Sequence[QuestionSpec]
) -> Survey:
    """Replace the questions; refused with ``QuestionsLocked`` once anyone has answered."""
    survey = _lock(survey)
    if has_answers(survey):
        raise QuestionsLocked()
    problems = question_problems(survey, questions)
    if problems and (questions or survey.status != SurveyStatus.DRAFT):
        raise ValidationError(problems)
    questions_replace(survey=survey, questions=questions)
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=survey,
        summary=f"Changed the questions of “{survey.title}”",
    )
    return survey


def meeting_slots(survey: Survey) -> list[Option]:
    """The times a meeting-time poll offered, in order."""
    return list(
        Option.objects.filter(
            question__survey=survey, question__kind=QuestionKind.MEETING, starts_at__isnull=False
        ).order_by("starts_at", "pk")
    )


@transaction.atomic
def outcome_write(
    *,
    viewer: Viewer,
    survey: Survey,
    outcome: str,
    outcome_easy_read: str,
    chosen_slot: Option | None = None,
) -> Survey:
    """Write what happens next, once the survey has closed, and tell everyone who
    answered (once: changing the words later tells nobody twice)."""
    from coproduce.voice.organise.tasks import tell_outcome

    survey = _lock(survey)
    problems: dict[str, str] = {}
    if survey.status != SurveyStatus.CLOSED:
        problems["outcome"] = _("Close it before writing the outcome")
    elif not outcome.strip():
        problems["outcome"] = _("Write what happens next")
    if survey.status == SurveyStatus.CLOSED and not outcome_easy_read.strip():
        problems["outcome_easy_read"] = _("Write what happens next in easy read too")
    if chosen_slot is not None and chosen_slot.pk not in {o.pk for o in meeting_slots(survey)}:
        problems["chosen_slot"] = _("Choose one of the meeting times that were offered")
    if problems:
        raise ValidationError(problems)
    first = not survey.outcome
    survey.outcome = outcome.strip()
    survey.outcome_easy_read = outcome_easy_read.strip()
    survey.outcome_at = timezone.now()
    survey.outcome_by = viewer.user
    survey.chosen_slot = chosen_slot
    survey.save(
        update_fields=["outcome", "outcome_easy_read", "outcome_at", "outcome_by", "chosen_slot"]
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=survey,
        summary=f"Wrote the outcome of “{survey.title}”",
    )
    if first:
        transaction.on_commit(partial(tell_outcome.enqueue, survey.pk, viewer.user.pk))
    return survey


@transaction.atomic
def survey_run_again(
    *, viewer: Viewer, survey: Survey, idempotency_key: uuid.UUID | None = None
) -> Survey:
    """A copy of the survey, not open yet, asking the same people the same questions,
    closing as long after it opens as the first one did."""
    length = survey.closes_at - (survey.opens_at or survey.created_at)
    services = list(survey.services.all())
    return survey_create(
        viewer=viewer,
        kind=survey.kind,
        title=survey.title,
        closes_at=timezone.now() + max(length, dt.timedelta(days=1)),
        questions=question_specs_of(survey),
        intro=survey.intro,
        easy_read_intro=survey.easy_read_intro,
        document=survey.document,
        document_easy_read=survey.document_easy_read,
        template=survey.template,
        whole_organisation=survey.whole_organisation,
        services=services,
        areas=survey.areas,
        ask_people=survey.ask_people,
        ask_supporters=survey.ask_supporters,
        ask_staff=survey.ask_staff,
        anonymous=survey.anonymous,
        results_shown=survey.results_shown,
        opens_at=None,
        idempotency_key=idempotency_key,
    )


def reminders_queue(now: dt.datetime | None = None) -> int:
    """Queue the reminder for every open survey closing within 24 hours that has not had
    one. Each survey is claimed with one conditional update, so two runs never send twice.
    Return how many were queued."""
    from coproduce.voice.organise.tasks import send_closing_reminders

    now = now or timezone.now()
    due = list(
        Survey.objects.filter(
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + REMIND_BEFORE,
            reminder_sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    queued = 0
    for survey_id in due:
        with transaction.atomic():
            claimed = Survey.objects.filter(pk=survey_id, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                transaction.on_commit(partial(send_closing_reminders.enqueue, survey_id))
                queued += 1
    return queued
