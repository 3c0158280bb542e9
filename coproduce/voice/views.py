"""Answering votes and surveys, their results, and house meetings.

- ``mine``: what asks me, what I answered, what closed (people, supporters, staff).
- ``detail``: one survey as the person asked sees it: answer it, thank you, results when
  allowed, the outcome.
- ``answer``: every question on one page; in easy read one question a page, kept in the
  session until "Send my answers".
- ``results`` and ``results_live``: totals, chart, table and summary, refreshed by htmx
  without a reload; ``results_csv`` and ``results_xlsx``.
- ``house_meeting`` and ``house_meeting_answer``: a worker holds one tablet while each
  person answers in turn, seeing nobody's earlier answers.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.models import Service
from coproduce.core.access import not_found, number_or_404, refused, require_roles
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.roles import FRONT_LINE, MANAGERS_AND_LEADS, ORGANISATION_WIDE, STAFF
from coproduce.core.spreadsheets import csv_response, xlsx_response
from coproduce.people.models import Person
from coproduce.people.queries import own_person, voice_helpers_for_person
from coproduce.voice.access import Reached, access_survey
from coproduce.voice.actions import AlreadyAnswered, SurveyClosed, answer_submit
from coproduce.voice.answering import AnswerProblem, GivenAnswer, check_answer, shown_questions
from coproduce.voice.forms import (
    HouseMeetingVoiceForm,
    OwnAnswerVoiceForm,
    answer_from_post,
    answer_from_session,
    answer_to_session,
    answers_from_post,
    field_name,
)
from coproduce.voice.models import Question, QuestionKind, Respondent, Survey
from coproduce.voice.queries import (
    answered_keys,
    audience_for,
    earlier_runs,
    has_answered,
    outcomes_where_i_work,
    people_at,
    person_at,
    service_area,
    service_of,
    surveys_for_house_meetings,
    surveys_for_me,
    surveys_overseen,
)
from coproduce.voice.results import (
    SMALL_GROUP,
    breakdown_groups,
    change_over_time,
    results_from_totals,
    survey_questions,
    survey_results,
)
from coproduce.voice.rules import (
    Answerer,
    may_create,
    may_hold_house_meeting,
    person_respondent,
)
from coproduce.voice.tally import totals_by_dimension
from coproduce.voice.words import (
    MEETING_LABELS,
    MEETING_SYMBOLS,
    option_label,
    question_text,
    survey_intro,
)

ASKED_ROLES = ("person", "supporter", *STAFF)
BREAKDOWNS = ("service", "area", "role")
GROUPS_PER_PAGE = 25
# How often the open results page asks for new totals, in seconds (and so at most how
# often a screen reader hears that they changed).
LIVE_EVERY = 10


def _session_key(survey: Survey, answerer_key: str) -> str:
    return f"voice:{survey.pk}:{answerer_key}"


def _words(survey: Survey, easy_read: bool) -> dict[str, Any]:
    return {
        "intro": survey_intro(survey, easy_read),
        "document": (
            survey.document_easy_read
            if easy_read and survey.document_easy_read
            else survey.document
        ),
    }


def _question_view(
    question: Question, given: GivenAnswer | None, easy_read: bool
) -> dict[str, Any]:
    """What a template needs to show one question and what was answered."""
    chosen = set(given.option_ids) if given else set()
    values = given.values if given else {}
    options = [
        {
            "option": option,
            "label": option_label(option, easy_read),
            "symbol": option.symbol,
            "chosen": option.pk in chosen,
            "value": values.get(option.pk, ""),
        }
        for option in question.options.all()
    ]
    return {
        "question": question,
        "name": field_name(question),
        "text": question_text(question, easy_read),
        "kind": question.kind,
        "options": options,
        "text_value": given.text if given else "",
        "places": list(range(1, len(options) + 1)),
        "meeting_values": [
            (value, MEETING_LABELS[value], MEETING_SYMBOLS[value]) for value in (2, 1, 0)
        ],
        "depends_on": question.show_if_option,
    }


@require_roles(*ASKED_ROLES)
def mine(request: HttpRequest) -> HttpResponse:
    """Votes and surveys asking me, the ones I answered, and the ones that closed."""
    viewer = request.viewer  # type: ignore[attr-defined]
    audience = audience_for(viewer)
    found = surveys_for_me(viewer, audience)
    now = timezone.now()
    return render(
        request,
        "voice/mine.jinja",
        {
            "open": found["open"],
            "answered": found["answered"],
            "closed": found["closed"],
            "for_meetings": surveys_for_house_meetings(viewer, audience),
            "outcomes_at_work": outcomes_where_i_work(viewer, audience),
            # Leaders and managers: what is open now where they oversee, to watch live.
            "overseen_open": list(
                surveys_overseen(viewer)
                .filter(opens_at__lte=now, closes_at__gt=now, closed_at__isnull=True)
                .order_by("closes_at", "pk")[:10]
            )
            if viewer.has_role(*MANAGERS_AND_LEADS)
            else [],
            "may_create": may_create(viewer),
        },
    )


def _detail_context(request: HttpRequest, reached: Reached) -> dict[str, Any]:
    easy_read = getattr(request, "easy_read", False)
    survey = reached.survey
    context: dict[str, Any] = {
        "survey": survey,
        "reached": reached,
        **_words(survey, easy_read),
        "outcome": (
            survey.outcome_easy_read if easy_read and survey.outcome_easy_read else survey.outcome
        ),
    }
    if reached.may_see_results:
        context["results"] = survey_results(survey, easy_read=easy_read)
    return context


@login_required
def detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_survey(viewer, survey_id, "view")
    context = _detail_context(request, reached)
    context["meeting_services"] = _meeting_services(viewer, reached)
    return render(request, "voice/detail.jinja", context)


def _meeting_services(viewer: Any, reached: Reached) -> list[Service]:
    """The services where the viewer may hold a house meeting for this survey."""
    survey = reached.survey
    if not survey.is_open or not survey.ask_people or not viewer.has_role(*FRONT_LINE):
        return []
    from coproduce.voice.queries import house_meeting_services

    services = house_meeting_services(viewer)
    if not survey.whole_organisation:
        services = services.filter(pk__in=reached.service_ids)
    return list(services[:20])


def _closed_or_done(
    request: HttpRequest, reached: Reached, answered_url: str
) -> HttpResponse | None:
    if reached.answered:
        messages.info(request, _("You have answered this already. Thank you."))
        return redirect(answered_url)
    if not reached.survey.is_open:
        messages.info(request, _("This has closed. You cannot answer it now."))
        return redirect(answered_url)
    return None


@login_required
def answer(request: HttpRequest, survey_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_survey(viewer, survey_id, "answer")
    detail_url = reverse("voice:detail", kwargs={"survey_id": survey_id})
    done = _closed_or_done(request, reached, detail_url)
    if done is not None:
        return done
    assert reached.answerer is not None
    return _answer_flow(
        request,
        reached,
        reached.answerer,
        done_url=detail_url,
        form_url=reverse("voice:answer", kwargs={"survey_id": survey_id}),
    )


def _answer_flow(
    request: HttpRequest,
    reached: Reached,
    answerer: Answerer,
    *,
    done_url: str,
    form_url: str,
    person: Person | None = None,
    service: Service | None = None,
) -> HttpResponse:
    """Show and save the answer form, for the viewer or for a person in a house meeting."""
    easy_read = getattr(request, "easy_read", False)
    survey = reached.survey
    questions = survey_questions(survey)
    key = _session_key(survey, answerer.key)
    stored: dict[str, Any] = request.session.get(key, {})
    so_far = {int(k): answer_from_session(int(k), v) for k, v in stored.items()}
    voice_form: HouseMeetingVoiceForm | OwnAnswerVoiceForm | None = None
    # A POST that names no helper is checked without the list of who may have helped;
    # the list is read only if the form is shown again.
    helpers_left_out = False
    if person is not None:
        voice_form = HouseMeetingVoiceForm(request.POST or None)
    elif answerer.role == Respondent.PERSON and answerer.person_id is not None:
        helpers_left_out = request.method == "POST" and not request.POST.get("voice_helper")
        voice_form = _own_answer_form(
            request, survey, answerer.person_id, with_helpers=not helpers_left_out
        )
    problems: dict[int, str] = {}
    paged = easy_read
    shown = shown_questions(questions, so_far)
    step = 0
    if paged:
        raw_step = request.POST.get("step") if request.method == "POST" else request.GET.get("step")
        step = number_or_404(raw_step) if raw_step else 0
        step = min(step, len(shown))
    # A quick vote in easy read is sent from its one page; a survey goes on to "check
    # your answers" (and a house meeting always does: it asks how the person answered).
    single = len(shown) == 1 and person is None
    if request.method == "POST":
        submit_now = not paged or "send" in request.POST or step >= len(shown)
        if paged and not submit_now:
            question = shown[step]
            try:
                given = check_answer(question, answer_from_post(question, request.POST))
            except AnswerProblem as problem:
                problems[question.pk] = problem.message
                so_far[question.pk] = answer_from_post_safe(question, request.POST)
            else:
                so_far[question.pk] = given
                if single:
                    submit_now = True
                else:
                    stored[str(question.pk)] = answer_to_session(given)
                    request.session[key] = stored
                    shown = shown_questions(questions, so_far)
                    return redirect(f"{form_url}?step={min(step + 1, len(shown))}")
        if submit_now:
            if paged:
                answers = so_far
            else:
                answers, problems = answers_from_post(questions, request.POST)
                shown = shown_questions(questions, answers)
                problems = {
                    pk: message for pk, message in problems.items() if pk in {q.pk for q in shown}
                }
                so_far = answers
            if voice_form is not None and not voice_form.is_valid():
                problems.setdefault(0, "")
            if not problems:
                how: str = VoiceHow.TYPED
                helper: Any = None
                if isinstance(voice_form, OwnAnswerVoiceForm):
                    how, helper = voice_form.how_and_helper()
                elif voice_form is not None:
                    how = voice_form.cleaned_data["voice_how"]
                    helper = request.user if how == VoiceHow.SUPPORTED else None
                try:
                    answer_submit(
                        viewer=request.viewer,  # type: ignore[attr-defined]
                        survey=survey,
                        answerer=answerer,
                        answers={pk: a for pk, a in answers.items() if not a.is_empty},
                        questions=questions,
                        voice_how=how,
                        voice_helper=helper,  # type: ignore[arg-type]
                        service_area=_area_of(answerer.service_id, service),
                    )
                except AnswerProblem as problem:
                    problems[problem.question_id] = problem.message
                except SurveyClosed:
                    request.session.pop(key, None)
                    messages.error(
                        request,
                        _("Sorry, this closed before your answers arrived. They were not counted."),
                    )
                    return redirect(done_url)
                except AlreadyAnswered:
                    request.session.pop(key, None)
                    messages.info(request, _("You have answered this already. Thank you."))
                    return redirect(done_url)
                else:
                    request.session.pop(key, None)
                    if person is not None:
                        messages.success(
                            request,
                            _("Thank you, %(name)s. Your answers are counted.")
                            % {"name": person.preferred_name},
                        )
                    else:
                        messages.success(request, _("Thank you. Your answers are counted."))
                    return redirect(done_url)
                problems.pop(0, None)
                if paged and problems:
                    first = next(iter(problems))
                    step = next((i for i, q in enumerate(shown) if q.pk == first), 0)
    if helpers_left_out and answerer.person_id is not None:
        # The form is shown again, so now it lists who may have helped.
        voice_form = _own_answer_form(request, survey, answerer.person_id, with_helpers=True)
        voice_form.is_valid()
    on_check_page = paged and step >= len(shown)
    page_questions = shown if not paged else ([] if on_check_page else [shown[step]])
    context = {
        "survey": survey,
        **_words(survey, easy_read),
        "questions": [_question_view(q, so_far.get(q.pk), easy_read) for q in page_questions],
        "problems": problems,
        "error_list": [
            {"text": message, "href": f"#{_anchor(q)}"}
            for q in page_questions
            if (message := problems.get(q.pk))
        ]
        + [
            {"text": str(error), "href": f"#id_{name}"}
            for name in ("voice_how", "voice_helper")
            for error in (voice_form.errors.get(name, []) if voice_form is not None else [])
        ],
        "step": step,
        "steps": len(shown),
        "on_check_page": on_check_page,
        "check_rows": [
            _check_row(q, so_far.get(q.pk), easy_read, form_url, i) for i, q in enumerate(shown)
        ]
        if on_check_page
        else [],
        "form_url": form_url,
        "done_url": done_url,
        "person": person,
        "service": service,
        "voice_form": voice_form,
        "paged": paged,
        "single": single,
    }
    return render(request, "voice/answer.jinja", context, status=200)


def _own_answer_form(
    request: HttpRequest, survey: Survey, person_id: int, *, with_helpers: bool
) -> OwnAnswerVoiceForm:
    """How a person answering for themself gave their answers, and who helped. Finding
    who may have helped takes several queries (their supporters, the staff of their
    services), so an answer sent without naming one is checked without them: on the
    answer's hot path that was a third of a person's POST."""
    helpers = None
    if with_helpers:
        own = own_person(request.viewer)  # type: ignore[attr-defined]
        helpers = voice_helpers_for_person(own) if own is not None else None
    return OwnAnswerVoiceForm(request.POST or None, helpers=helpers, anonymous=survey.anonymous)


def answer_from_post_safe(question: Question, data: Any) -> GivenAnswer:
    try:
        return answer_from_post(question, data)
    except AnswerProblem:
        return GivenAnswer(question.pk)


def _anchor(question: Question) -> str:
    if question.kind in (QuestionKind.OPEN, QuestionKind.SHORT):
        return f"{field_name(question)}-text"
    if question.kind in (QuestionKind.RANKED, QuestionKind.DOTS, QuestionKind.MEETING):
        first = next(iter(question.options.all()), None)
        return f"{field_name(question)}-o{first.pk}" if first else field_name(question)
    return f"{field_name(question)}-1"


def _check_row(
    question: Question, given: GivenAnswer | None, easy_read: bool, form_url: str, index: int
) -> dict[str, Any]:
    """One line of "check your answers"."""
    labels = {o.pk: option_label(o, easy_read) for o in question.options.all()}
    shown: list[str] = []
    if given is not None and not given.is_empty:
        if question.kind == QuestionKind.RANKED:
            shown = [
                f"{place}. {labels[pk]}"
                for pk, place in sorted(given.values.items(), key=lambda kv: kv[1])
            ]
        elif question.kind == QuestionKind.DOTS:
            shown = [f"{labels[pk]}: {dots}" for pk, dots in given.values.items()]
        elif question.kind == QuestionKind.MEETING:
            shown = [f"{labels[pk]}: {MEETING_LABELS[value]}" for pk, value in given.values.items()]
        else:
            shown = [labels[pk] for pk in given.option_ids if pk in labels]
        if given.text:
            shown.append(given.text)
    return {
        "text": question_text(question, easy_read),
        "answers": shown or [_("No answer")],
        "change_url": f"{form_url}?step={index}",
    }


def _area_of(service_id: int | None, service: Service | None) -> str:
    return service.area if service is not None else service_area(service_id)


# Results


def _results_context(request: HttpRequest, reached: Reached) -> dict[str, Any]:
    easy_read = getattr(request, "easy_read", False)
    survey = reached.survey
    questions = survey_questions(survey)
    results = survey_results(
        survey, questions=questions, easy_read=easy_read, with_words=reached.oversees
    )
    return {
        "survey": survey,
        "reached": reached,
        "results": results,
        "live_every": LIVE_EVERY,
        "live": survey.is_open,
    }


@login_required
def results(request: HttpRequest, survey_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_survey(viewer, survey_id, "results")
    context = _results_context(request, reached)
    questions = [result.question for result in context["results"].questions]
    by = request.GET.get("by", "")
    context["by"] = by if by in BREAKDOWNS and reached.oversees else ""
    context["small_group"] = SMALL_GROUP
    if reached.oversees and reached.survey.template:
        context["over_time"] = change_over_time(reached.survey, earlier_runs(reached.survey))
    if context["by"]:
        breakdown = breakdown_groups(reached.survey, context["by"])
        page = Paginator(breakdown.groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
        found = totals_by_dimension(reached.survey.pk, [g.dimension for g in page.object_list])
        context["breakdown"] = breakdown
        context["groups_page"] = page
        context["group_results"] = [
            (
                group,
                results_from_totals(reached.survey, questions, found.get(group.dimension, {})),
            )
            for group in page.object_list
        ]
    return render(request, "voice/results.jinja", context)


@login_required
def results_live(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The results region alone, for htmx to swap in; announces a change once."""
    viewer = request.viewer  # type: ignore[attr-defined]
    # The page that asks for this every few seconds was audited when it opened.
    reached = access_survey(viewer, survey_id, "results", audit=False)
    context = _results_context(request, reached)
    since = request.GET.get("since", "")
    context["changed"] = since.isdigit() and int(since) != context["results"].responses
    return render(request, "voice/_results_live.jinja", context)


def _result_rows(reached: Reached) -> list[list[Any]]:
    results = survey_results(reached.survey, with_words=reached.oversees)
    rows: list[list[Any]] = [
        [
            _("Question"),
            _("Answer"),
            _("Count"),
            _("Per cent"),
            _("Points"),
            _("Yes"),
            _("Maybe"),
            _("No"),
        ]
    ]
    for result in results.questions:
        if result.options:
            for option in result.options:
                rows.append(
                    [
                        result.text,
                        option.label,
                        option.count,
                        option.share,
                        option.points,
                        option.yes,
                        option.maybe,
                        option.no,
                    ]
                )
        rows.append([result.text, _("Answered this question"), result.answered, "", "", "", "", ""])
        for words in result.words:
            rows.append([result.text, words, "", "", "", "", "", ""])
    rows.append([_("Everyone"), _("Answers"), results.responses, "", "", "", "", ""])
    return rows


def _export(
    request: HttpRequest, survey_id: int, kind: str
) -> HttpResponse | StreamingHttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_survey(viewer, survey_id, "results")
    if not reached.oversees:
        raise refused(viewer, reached.survey, "download the results of")
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.EXPORT,
        obj=reached.survey,
        summary=f"Downloaded the results of “{reached.survey.title}” ({kind})",
    )
    rows = _result_rows(reached)
    filename = f"results-{reached.survey.pk}.{kind}"
    if kind == "xlsx":
        return xlsx_response(rows, filename, sheet_title=_("Results"))
    return csv_response(rows, filename)


@require_roles("service_manager", *ORGANISATION_WIDE)
def results_csv(request: HttpRequest, survey_id: int) -> HttpResponse | StreamingHttpResponse:
    return _export(request, survey_id, "csv")


@require_roles("service_manager", *ORGANISATION_WIDE)
def results_xlsx(request: HttpRequest, survey_id: int) -> HttpResponse | StreamingHttpResponse:
    return _export(request, survey_id, "xlsx")


# House meetings


def _meeting(request: HttpRequest, survey_id: int, service_id: int) -> tuple[Reached, Service]:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_survey(viewer, survey_id, "house_meeting")
    service = service_of(viewer, service_id)
    if service is None or not may_hold_house_meeting(
        viewer, reached.survey, reached.service_ids, service.pk
    ):
        raise refused(viewer, reached.survey, "hold a house meeting for")
    if not reached.survey.is_open:
        raise not_found()
    return reached, service


@require_roles(*FRONT_LINE)
def house_meeting(request: HttpRequest, survey_id: int, service_id: int) -> HttpResponse:
    """Who at the service has answered (names only, never what they said)."""
    reached, service = _meeting(request, survey_id, service_id)
    people = people_at(reached.survey, service)
    answered = answered_keys(reached.survey, [f"person:{p.pk}" for p in people])
    return render(
        request,
        "voice/house_meeting.jinja",
        {
            "survey": reached.survey,
            "service": service,
            "people": [(p, f"person:{p.pk}" in answered) for p in people],
        },
    )


@require_roles(*FRONT_LINE)
def house_meeting_answer(
    request: HttpRequest, survey_id: int, service_id: int, person_id: int
) -> HttpResponse:
    reached, service = _meeting(request, survey_id, service_id)
    person = person_at(reached.survey, service, person_id)
    if person is None:
        raise not_found()
    meeting_url = reverse(
        "voice:house_meeting", kwargs={"survey_id": survey_id, "service_id": service_id}
    )
    if has_answered(reached.survey, f"person:{person.pk}"):
        messages.info(
            request, _("%(name)s has answered already.") % {"name": person.preferred_name}
        )
        return redirect(meeting_url)
    answerer = person_respondent(person.pk, person.user_id, service.pk)
    return _answer_flow(
        request,
        reached,
        answerer,
        done_url=meeting_url,
        form_url=reverse(
            "voice:house_meeting_answer",
            kwargs={"survey_id": survey_id, "service_id": service_id, "person_id": person_id},
        ),
        person=person,
        service=service,
    )
