"""Every write for votes and surveys: write one, open it, answer it, close it.

Answering is the hot path: one transaction checks the survey is open (sharing its row
lock on PostgreSQL, so closing waits for answers already under way and every answer
after it is refused), records who answered, stores the answers and adds them to the
running totals. A second submission by the same person finds their participation and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.voice.answering import GivenAnswer, answer_rows, check_answers
from coproduce.voice.models import (
    Answer,
    Option,
    Participation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyKind,
)
from coproduce.voice.rules import Answerer
from coproduce.voice.tally import SHARDS, dimensions_of, tally_add

if TYPE_CHECKING:
    from coproduce.accounts.models import Service, User


# The fixed answers of a proposal and of a score, with their pictures.
PROPOSAL_OPTIONS = [
    ("agree", "I agree", "good"),
    ("abstain", "I do not mind either way", "not_sure"),
    ("disagree", "I disagree", "bad"),
    ("block", "I would block it", "stop"),
]
SCORE_OPTIONS = [
    ("1", "Very unhappy", "mood_very_sad"),
    ("2", "Unhappy", "mood_sad"),
    ("3", "OK", "mood_ok"),
    ("4", "Happy", "mood_happy"),
    ("5", "Very happy", "mood_very_happy"),
]


@dataclass
class OptionSpec:
    label: str
    easy_read_label: str = ""
    symbol: str = ""
    is_none: bool = False
    code: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None


@dataclass
class QuestionSpec:
    kind: str
    text: str
    easy_read_text: str = ""
    help_text: str = ""
    required: bool = True
    dots: int = 0
    options: list[OptionSpec] = field(default_factory=list)
    # Asked only when an earlier question's option was chosen: (question index, option index).
    show_if: tuple[int, int] | None = None


class SurveyClosed(Exception):
    """The survey is not open for answers (not yet, or no longer)."""


class AlreadyAnswered(Exception):
    """This person has answered already; the first answer stands."""


def fixed_options(kind: str) -> list[OptionSpec]:
    """Return the answers every proposal or score has (the words are translated when
    shown, through ``coproduce.voice.words``)."""
    if kind == QuestionKind.PROPOSAL:
        return [
            OptionSpec(label, symbol=symbol, code=code) for code, label, symbol in PROPOSAL_OPTIONS
        ]
    if kind == QuestionKind.SCORE:
        return [
            OptionSpec(label, symbol=symbol, code=code) for code, label, symbol in SCORE_OPTIONS
        ]
    return []


def _question_problems(specs: Sequence[QuestionSpec], kind: str) -> dict[str, str]:
    if not specs:
        return {"questions": _("Add at least one question")}
    if kind == SurveyKind.VOTE and len(specs) != 1:
        return {"questions": _("A quick vote asks one question")}
    for index, spec in enumerate(specs, start=1):
        if not spec.text.strip():
            return {"questions": _("Write question %(n)s") % {"n": index}}
        if spec.kind in (QuestionKind.PROPOSAL, QuestionKind.SCORE):
            continue
        if spec.kind in (QuestionKind.OPEN, QuestionKind.SHORT):
            continue
        real = [o for o in spec.options if o.label.strip()]
        if kind == SurveyKind.VOTE and not 2 <= len(real) <= 6:
            return {"questions": _("A quick vote has between 2 and 6 answers")}
        if len(real) < 2:
            return {"questions": _("Question %(n)s needs at least 2 answers") % {"n": index}}
        if spec.kind == QuestionKind.DOTS and spec.dots < 1:
            return {"questions": _("Say how many dots each person shares out")}
        if spec.kind == QuestionKind.MEETING and any(o.starts_at is None for o in real):
            return {"questions": _("Give every meeting time a date and time")}
        if spec.show_if is not None and spec.show_if[0] >= index - 1:
            return {"questions": _("A question can only depend on an earlier one")}
    return {}


@transaction.atomic
def survey_create(
    *,
    viewer: Viewer,
    kind: str,
    title: str,
    closes_at: dt.datetime,
    questions: Sequence[QuestionSpec],
    intro: str = "",
    easy_read_intro: str = "",
    document: str = "",
    document_easy_read: str = "",
    template: str = "",
    whole_organisation: bool = False,
    services: Sequence[Service] = (),
    areas: Sequence[str] = (),
    ask_people: bool = True,
    ask_supporters: bool = False,
    ask_staff: bool = False,
    anonymous: bool = False,
    results_shown: str = "after_answer",
    opens_at: dt.datetime | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Survey:
    """Write a survey and its questions. It opens at ``opens_at`` (None: not yet)."""
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError(_("A survey belongs to an organisation"))
    if idempotency_key is not None:
        existing = Survey.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    # A survey not open yet may be written before its questions; it opens only with them.
    problems = _question_problems(questions, kind) if questions or opens_at else {}
    if not title.strip():
        problems.setdefault("title", _("Write a title"))
    if not (whole_organisation or services):
        problems.setdefault("services", _("Choose who is asked: services, an area or everyone"))
    if not (ask_people or ask_supporters or ask_staff):
        problems.setdefault("ask", _("Choose who answers: people supported, supporters or staff"))
    if closes_at <= (opens_at or timezone.now()):
        problems.setdefault("closes_at", _("The closing date must be after it opens"))
    if problems:
        raise ValidationError(problems)
    survey = Survey(
        organisation=organisation,
        kind=kind,
        title=title.strip(),
        intro=intro.strip(),
        easy_read_intro=easy_read_intro.strip(),
        document=document.strip(),
        document_easy_read=document_easy_read.strip(),
        template=template,
        whole_organisation=whole_organisation,
        areas=list(areas),
        ask_people=ask_people,
        ask_supporters=ask_supporters,
        ask_staff=ask_staff,
        anonymous=anonymous,
        results_shown=results_shown,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            survey.save()
    except IntegrityError:
        existing = Survey.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing
    if services and not whole_organisation:
        survey.services.set(services)
    questions_replace(survey=survey, questions=questions)
    audit_record(
        actor=viewer.user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=survey,
        summary=f"Wrote the {survey.get_kind_display().lower()} “{survey.title}”",
    )
    return survey


def questions_replace(*, survey: Survey, questions: Sequence[QuestionSpec]) -> list[Question]:
    """Replace a survey's questions, before anyone has answered (callers check)."""
    survey.questions.all().delete()
    made: list[Question] = []
    options_made: list[list[Option]] = []
    for position, spec in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=spec.kind,
            text=spec.text.strip(),
            easy_read_text=spec.easy_read_text.strip(),
            help_text=spec.help_text.strip(),
            required=spec.required,
            dots=spec.dots,
        )
        specs = fixed_options(spec.kind) or [o for o in spec.options if o.label.strip()]
        Option.objects.bulk_create(
            [
                Option(
                    question=question,
                    position=index,
                    label=option.label.strip(),
                    easy_read_label=option.easy_read_label.strip(),
                    symbol=option.symbol,
                    is_none=option.is_none,
                    code=option.code,
                    starts_at=option.starts_at,
                    ends_at=option.ends_at,
                )
                for index, option in enumerate(specs)
            ]
        )
        if spec.show_if is not None:
            earlier, option_index = spec.show_if
            question.show_if_option = options_made[earlier][option_index]
            question.save(update_fields=["show_if_option"])
        made.append(question)
        options_made.append(list(Option.objects.filter(question=question).order_by("position")))
    return made


def question_specs_of(survey: Survey) -> list[QuestionSpec]:
    """The survey's questions as specs, to check, edit or copy them."""
    questions = list(survey.questions.prefetch_related("options"))
    option_place: dict[int, tuple[int, int]] = {}
    specs: list[QuestionSpec] = []
    for index, question in enumerate(questions):
        options = list(question.options.all())
        for place, option in enumerate(options):
            option_place[option.pk] = (index, place)
        specs.append(
            QuestionSpec(
                kind=question.kind,
                text=question.text,
                easy_read_text=question.easy_read_text,
                help_text=question.help_text,
                required=question.required,
                dots=question.dots,
                options=[
                    OptionSpec(
                        label=o.label,
                        easy_read_label=o.easy_read_label,
                        symbol=o.symbol,
                        is_none=o.is_none,
                        code=o.code,
                        starts_at=o.starts_at,
                        ends_at=o.ends_at,
                    )
                    for o in options
                ],
                show_if=option_place.get(question.show_if_option_id)
                if question.show_if_option_id
                else None,
            )
        )
    return specs


def question_problems(survey: Survey, specs: Sequence[QuestionSpec]) -> dict[str, str]:
    """What stops these questions being asked, in plain words (empty: nothing)."""
    return _question_problems(specs, survey.kind)


def survey_open(*, viewer: Viewer, survey: Survey, opens_at: dt.datetime | None = None) -> Survey:
    """Open the survey now (or at ``opens_at``). Raise ``ValidationError`` when its
    questions are not ready or it has closed."""
    problems = _question_problems(question_specs_of(survey), survey.kind)
    if problems:
        raise ValidationError(problems)
    if survey.closed_at is not None or survey.closes_at <= (opens_at or timezone.now()):
        raise ValidationError(
            {"closes_at": _("The closing date has passed. Change it before opening.")}
        )
    survey.opens_at = opens_at or timezone.now()
    Survey.objects.filter(pk=survey.pk).update(opens_at=survey.opens_at)
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=survey,
        summary=f"Opened “{survey.title}”",
    )
    return survey


def _lock_open_survey(survey_id: int, *, exclusive: bool) -> bool:
    """Take the survey's row lock (shared for an answer, exclusive for closing) if it is
    still open; return False if it is not. SQLite writes one transaction at a time, so
    there a plain read is enough."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Survey._meta.db_table)
        mode = "UPDATE" if exclusive else "SHARE"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE id = %s AND closed_at IS NULL "  # noqa: S608
                f"AND closes_at > %s AND opens_at <= %s FOR {mode}",
                [survey_id, now, now],
            )
            return cursor.fetchone() is not None
    return Survey.objects.filter(
        pk=survey_id, closed_at__isnull=True, closes_at__gt=now, opens_at__lte=now
    ).exists()


def _participation_recorded(survey_id: int, answerer: Answerer, day: dt.date) -> bool:
    """Record that the answerer has answered; return False if they had already.

    One INSERT that does nothing when the unique key (survey, respondent) is taken: no
    savepoint around an INSERT that may fail, and no model save, on the answer's hot
    path. The same SQL on SQLite and PostgreSQL.
    """
    meta = Participation._meta
    table = connection.ops.quote_name(meta.db_table)
    sql = (
        f"INSERT INTO {table} "  # noqa: S608 (own table name; values are parameters)
        "(id, survey_id, respondent_key, user_id, person_id, answered_on) "
        "VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (survey_id, respondent_key) DO NOTHING RETURNING id"
    )
    params = [
        meta.pk.get_db_prep_value(uuid.uuid4(), connection),  # type: ignore[union-attr]
        survey_id,
        answerer.key,
        answerer.user_id,
        answerer.person_id,
        meta.get_field("answered_on").get_db_prep_value(day, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


@transaction.atomic
def answer_submit(
    *,
    viewer: Viewer,
    survey: Survey,
    answerer: Answerer,
    answers: dict[int, GivenAnswer],
    questions: Sequence[Question] | None = None,
    voice_how: str = VoiceHow.TYPED,
    voice_helper: User | None = None,
    service_area: str = "",
) -> Response:
    """Store one person's answers and add them to the totals, all or nothing.

    Raise ``SurveyClosed`` when the survey is not open, ``AlreadyAnswered`` when this
    answerer has answered (the first answer stands) and ``AnswerProblem`` when an answer
    breaks a rule.
    """
    if questions is None:
        questions = list(survey.questions.prefetch_related("options"))
    kept = check_answers(questions, answers)
    if not _lock_open_survey(survey.pk, exclusive=False):
        raise SurveyClosed()
    today = timezone.localdate()
    if not _participation_recorded(survey.pk, answerer, today):
        raise AlreadyAnswered()
    anonymous = survey.anonymous
    now = timezone.now()
    response = Response.objects.create(
        survey=survey,
        organisation_id=survey.organisation_id,
        person_id=None if anonymous else answerer.person_id,
        user_id=None if anonymous else answerer.user_id,
        role=answerer.role,
        service_id=answerer.service_id,
        area=service_area,
        submitted_on=today,
        created_at=None if anonymous else now,
        voice_how=voice_how,
        voice_helper=None if anonymous else voice_helper,
        voice_recorded_by=None if anonymous else viewer.user,
        # An anonymous answer keeps only its day, so no time joins it to who answered.
        voice_recorded_at=timezone.make_aware(dt.datetime.combine(today, dt.time()))
        if anonymous
        else now,
    )
    rows, additions = answer_rows(questions, kept)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    tally_add(
        survey_id=survey.pk,
        additions=additions,
        dimensions=dimensions_of(
            service_id=answerer.service_id, area=service_area, role=answerer.role
        ),
        shard=random.randrange(SHARDS),
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.CREATE,
        obj=survey,
        summary=(
            f"Answered “{survey.title}”"
            if answerer.user_id == viewer.user.pk
            else f"Recorded an answer to “{survey.title}” in a house meeting"
        ),
    )
    return response


@transaction.atomic
def survey_close(*, viewer: Viewer, survey: Survey) -> Survey:
    """Close the survey now. Answers already under way finish first and are counted;
    any arriving after are refused."""
    _lock_open_survey(survey.pk, exclusive=True)
    now = timezone.now()
    updated = Survey.objects.filter(pk=survey.pk, closed_at__isnull=True).update(closed_at=now)
    if updated:
        survey.closed_at = now
        audit_record(
            actor=viewer.user,
            organisation=viewer.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=survey,
            summary=f"Closed “{survey.title}”",
        )
    else:
        survey.refresh_from_db(fields=["closed_at"])
    return survey
