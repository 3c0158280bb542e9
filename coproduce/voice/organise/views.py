"""Organisers' pages: the votes and surveys they run, writing one (from a ready-made set
or from nothing), its details and questions, opening and closing it, its outcome, running
it again, and the calendar invitation for the meeting time a poll chose.

- ``manage``: the list, by status, with how many have answered.
- ``new``: choose what to write, then its details.
- ``organise``: one survey's page for its organisers: where it stands and what to do next.
- ``edit`` and ``questions``: change the details; write the questions (locked once anyone
  has answered).
- ``open`` and ``close`` (POST), ``outcome``, ``run_again`` (POST), ``invitation`` (.ics).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coproduce.core.access import not_found, require_roles
from coproduce.voice.access import Reached, access_survey
from coproduce.voice.actions import question_specs_of, survey_close, survey_open
from coproduce.voice.models import QuestionKind, Survey, SurveyKind, SurveyStatus
from coproduce.voice.organise.actions import (
    QuestionsLocked,
    has_answers,
    meeting_slots,
    outcome_write,
    survey_details_set,
    survey_new,
    survey_questions_set,
    survey_run_again,
)
from coproduce.voice.organise.checks import easy_read_checks
from coproduce.voice.organise.forms import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    QUESTION_KINDS,
    SYMBOL_CHOICES,
    DetailsForm,
    OptionRow,
    OutcomeForm,
    QuestionRow,
    padded,
    rows_from_post,
    rows_from_specs,
    show_if_choices,
    specs_from_rows,
)
from coproduce.voice.organise.invitations import invitation_ics
from coproduce.voice.organise.queries import answer_counts, surveys_to_manage
from coproduce.voice.queries import earlier_runs
from coproduce.voice.ready_made import BY_CODE, READY_MADE
from coproduce.voice.rules import ORGANISERS

PER_PAGE = 25
STATUSES = (
    ("", gettext_lazy("All")),
    ("draft", gettext_lazy("Not open yet")),
    ("open", gettext_lazy("Open")),
    ("closed", gettext_lazy("Closed")),
)
# Where an action's problem belongs on the details form.
FIELD_OF = {"closes_at": "closes_on", "ask": "ask", "services": "services"}


def _organised(request: HttpRequest, survey_id: int) -> Reached:
    return access_survey(request.viewer, survey_id, "organise")  # type: ignore[attr-defined]


def _hub(survey: Survey) -> HttpResponse:
    return redirect("voice:organise", survey_id=survey.pk)


def _errors_to_form(form: Form, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        target = FIELD_OF.get(name, name)
        for text in texts:
            form.add_error(target if target in form.fields else None, text)


@require_roles(*ORGANISERS)
def manage(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    status = request.GET.get("status", "")
    status = status if status in {s for s, _label in STATUSES} else ""
    page = Paginator(surveys_to_manage(viewer, status), PER_PAGE).get_page(request.GET.get("page"))
    counts = answer_counts(s.pk for s in page.object_list)
    return render(
        request,
        "voice/organise/manage.jinja",
        {
            "page": page,
            "rows": [(s, counts.get(s.pk, 0)) for s in page.object_list],
            "status": status,
            "statuses": [(value, str(label)) for value, label in STATUSES],
        },
    )


@require_roles(*ORGANISERS)
def new(request: HttpRequest) -> HttpResponse:
    """Choose what to write; then its details (the questions come next)."""
    viewer = request.viewer  # type: ignore[attr-defined]
    source = request.POST if request.method == "POST" else request.GET
    template = BY_CODE.get(str(source.get("template", "")))
    kind = str(source.get("kind", ""))
    if template is None and kind not in SurveyKind.values:
        return render(
            request,
            "voice/organise/new_choose.jinja",
            {"ready_made": READY_MADE, "kinds": SurveyKind.choices},
        )
    initial: dict[str, Any] = {"kind": template.kind if template else kind}
    if template is not None:
        initial.update(
            title=str(template.title),
            intro=str(template.intro),
            easy_read_intro=str(template.easy_read_intro),
        )
    form = DetailsForm(
        request.POST or None, viewer=viewer, initial=initial, choose_kind=template is None
    )
    if request.method == "POST" and form.is_valid():
        chosen_kind = template.kind if template else form.cleaned_data["kind"]
        try:
            survey = survey_new(
                viewer=viewer,
                kind=chosen_kind,
                details=form.details(),
                questions=template.question_specs() if template else (),
                template=template.code if template else "",
                idempotency_key=form.cleaned_data.get("idempotency_key"),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            if template is not None:
                messages.success(
                    request, _("Written. Check the questions, then open it when you are ready.")
                )
                return _hub(survey)
            messages.success(request, _("Written. Now write the questions."))
            return redirect("voice:questions", survey_id=survey.pk)
    return render(
        request,
        "voice/organise/details.jinja",
        {
            "form": form,
            "survey": None,
            "template": template,
            "kind": initial["kind"],
            "action": reverse("voice:new"),
        },
    )


def _audience_words(survey: Survey) -> list[str]:
    asked = [
        str(label)
        for on, label in (
            (survey.ask_people, _("people supported")),
            (survey.ask_supporters, _("supporters")),
            (survey.ask_staff, _("staff")),
        )
        if on
    ]
    if survey.whole_organisation:
        where = _("the whole organisation")
    elif survey.areas:
        where = ", ".join(survey.areas)
    else:
        where = ", ".join(s.name for s in survey.services.all()[:10])
    who = ", ".join(asked)
    return [who[:1].upper() + who[1:], where]


@login_required
def organise(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    counts = answer_counts([survey.pk])
    questions = list(survey.questions.prefetch_related("options"))
    return render(
        request,
        "voice/organise/organise.jinja",
        {
            "survey": survey,
            "reached": reached,
            "answers": counts.get(survey.pk, 0),
            "questions": questions,
            "locked": has_answers(survey),
            "audience": _audience_words(survey),
            "earlier": earlier_runs(survey),
            "checks": easy_read_checks(survey, questions),
            "is_draft": survey.status == SurveyStatus.DRAFT,
            "new_key": uuid.uuid4(),
        },
    )


@login_required
def edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    viewer = request.viewer  # type: ignore[attr-defined]
    form = DetailsForm(request.POST or None, viewer=viewer, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_details_set(viewer=viewer, survey=survey, details=form.details())
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The details are saved."))
            return _hub(survey)
    return render(
        request,
        "voice/organise/details.jinja",
        {
            "form": form,
            "survey": survey,
            "template": None,
            "kind": survey.kind,
            "locked": has_answers(survey),
            "action": reverse("voice:edit", kwargs={"survey_id": survey.pk}),
        },
    )


def _editor_action(data: Any, rows: list[QuestionRow]) -> str:
    """Apply an editor button (add, remove, move up, more answers) to the rows; return
    "save" when the questions are to be saved."""
    action = str(data.get("action", "save"))
    if action == "refresh":
        return "refresh"
    if action == "add" and len(rows) < MAX_QUESTIONS:
        rows.append(QuestionRow(kind=str(data.get("new_kind", QuestionKind.CHOICE))))
        if rows[-1].kind not in {k for k, _label in QUESTION_KINDS}:
            rows[-1].kind = QuestionKind.CHOICE
        return "add"
    name, _sep, number = action.partition("-")
    index = int(number) if number.isdigit() else -1
    if not 0 <= index < len(rows):
        return "save"
    if name == "remove":
        rows.pop(index)
        for row in rows:
            row.show_if = ""
    elif name == "up" and index > 0:
        rows[index - 1], rows[index] = rows[index], rows[index - 1]
        for row in rows:
            row.show_if = ""
    elif name == "more":
        rows[index].options.append(OptionRow())
        rows[index].options = rows[index].options[:MAX_OPTIONS]
    else:
        return "save"
    return name


@login_required
def questions(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    viewer = request.viewer  # type: ignore[attr-defined]
    locked = has_answers(survey)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and not locked:
        rows = rows_from_post(request.POST)
        action = _editor_action(request.POST, rows)
        if action == "save":
            specs, problems = specs_from_rows(rows)
            if not problems:
                try:
                    survey_questions_set(viewer=viewer, survey=survey, questions=specs)
                except QuestionsLocked:
                    messages.error(
                        request, _("Someone answered while you were writing. The questions stay.")
                    )
                    return _hub(survey)
                except ValidationError as error:
                    problems = [
                        {"text": text, "href": "#questions"}
                        for texts in error.message_dict.values()
                        for text in texts
                    ]
                else:
                    messages.success(request, _("The questions are saved."))
                    return _hub(survey)
    else:
        rows = rows_from_specs(question_specs_of(survey))
        if not rows and survey.kind == SurveyKind.VOTE:
            rows = [QuestionRow(kind=QuestionKind.CHOICE)]
    rows = padded(rows)
    return render(
        request,
        "voice/organise/questions.jinja",
        {
            "survey": survey,
            "rows": [(i, row, show_if_choices(rows, i)) for i, row in enumerate(rows)],
            "count": len(rows),
            "kinds": QUESTION_KINDS,
            "symbols": SYMBOL_CHOICES,
            "locked": locked,
            "error_list": problems,
            "max_options": MAX_OPTIONS,
            "questions_view": list(survey.questions.prefetch_related("options")) if locked else [],
        },
    )


@require_POST
@login_required
def open_survey(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    if survey.status != SurveyStatus.DRAFT:
        messages.info(request, _("It is open already."))
        return _hub(survey)
    try:
        survey_open(viewer=request.viewer, survey=survey)  # type: ignore[attr-defined]
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("It is open. The people asked can answer now."))
    return _hub(survey)


@require_POST
@login_required
def close_survey(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    if survey.status == SurveyStatus.CLOSED:
        messages.info(request, _("It has closed already."))
    else:
        survey_close(viewer=request.viewer, survey=survey)  # type: ignore[attr-defined]
        messages.success(request, _("It is closed. Now write what happens next."))
    return redirect("voice:outcome", survey_id=survey.pk)


@login_required
def outcome(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    survey = reached.survey
    slots = meeting_slots(survey)
    initial = {
        "outcome": survey.outcome,
        "outcome_easy_read": survey.outcome_easy_read,
        "chosen_slot": str(survey.chosen_slot_id or ""),
    }
    form = OutcomeForm(request.POST or None, slots=slots, initial=initial)
    if request.method == "POST" and survey.status == SurveyStatus.CLOSED and form.is_valid():
        first = not survey.outcome
        try:
            outcome_write(
                viewer=request.viewer,  # type: ignore[attr-defined]
                survey=survey,
                outcome=form.cleaned_data["outcome"],
                outcome_easy_read=form.cleaned_data["outcome_easy_read"],
                chosen_slot=form.chosen(),
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("The outcome is saved. Everyone who answered is being told.")
                if first
                else _("The outcome is saved."),
            )
            return _hub(survey)
    return render(
        request,
        "voice/organise/outcome.jinja",
        {"survey": survey, "form": form, "closed": survey.status == SurveyStatus.CLOSED},
    )


@require_POST
@login_required
def run_again(request: HttpRequest, survey_id: int) -> HttpResponse:
    reached = _organised(request, survey_id)
    key = request.POST.get("idempotency_key", "")
    try:
        idempotency_key = uuid.UUID(key) if key else None
    except ValueError:
        idempotency_key = None
    copy = survey_run_again(
        viewer=request.viewer,  # type: ignore[attr-defined]
        survey=reached.survey,
        idempotency_key=idempotency_key,
    )
    messages.success(
        request, _("A new copy is written. Check the dates, then open it when you are ready.")
    )
    return _hub(copy)


@login_required
def invitation(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The chosen meeting time as a calendar file, for anyone who may see the survey."""
    reached = access_survey(request.viewer, survey_id, "view")  # type: ignore[attr-defined]
    slot = reached.survey.chosen_slot
    if slot is None or slot.starts_at is None:
        raise not_found()
    response = HttpResponse(invitation_ics(reached.survey, slot), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{reached.survey.pk}.ics"'
    return response
