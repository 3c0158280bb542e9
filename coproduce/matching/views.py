"""Pages for choosing a team, the manager's review, and asking to change a worker."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.access import not_found, require_roles
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.matching import actions, queries
from coproduce.matching.access import access_change_request, access_team_person
from coproduce.matching.forms import (
    ChangeRequestForm,
    ChooseForm,
    ChooseWithPersonForm,
    MoveForm,
    ReviewForm,
    answers,
)
from coproduce.matching.models import ChangeRequest, TeamChoice
from coproduce.matching.rules import (
    TRANSITIONS,
    may_answer_change_request,
    may_see_reason,
    speaks_for_self,
    team_rules,
)
from coproduce.people.models import Person
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.rules import is_the_person
from coproduce.people.staff import films

LEADS = ORGANISATION_WIDE
STEPS: list[str] = [
    ChangeRequest.Status.ASKED,
    ChangeRequest.Status.ACKNOWLEDGED,
    ChangeRequest.Status.OPTIONS_OFFERED,
]


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _easy(request: HttpRequest) -> bool:
    return bool(getattr(request, "easy_read", False))


def _form_errors(form: Form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _choose_form(
    viewer: Viewer, person: Person, cards: list[Any], easy_read: bool, data: Any = None
) -> Form:
    if speaks_for_self(viewer, person):
        return ChooseForm(data, cards=cards, easy_read=easy_read)
    return ChooseWithPersonForm(
        data,
        cards=cards,
        easy_read=easy_read,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
    )


@login_required
def choose(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the suggested workers as cards; save yes, maybe or no for each."""
    viewer = _viewer(request)
    person = access_team_person(viewer, person_id, "view")
    easy = _easy(request)
    may_choose = bool(team_rules.test_rule("choose", viewer, person))
    cards = queries.team_cards(person, easy_read=easy)
    round_ = actions.current_round(person)
    choices = queries.team_choices(person, round_)
    try:
        step = max(0, int(request.GET.get("step", "0")))
    except ValueError:
        step = 0
    # Easy read asks about one worker on each page.
    shown = cards[step : step + 1] if easy else cards
    if request.method == "POST":
        if not may_choose or not shown:
            raise not_found()
        form = _choose_form(viewer, person, shown, easy, request.POST)
        if form.is_valid():
            try:
                actions.team_choices_record(
                    viewer=viewer,
                    person=person,
                    answers=[
                        (card.profile.user, answer, meet)
                        for card, answer, meet in answers(form, shown)
                    ],
                    voice_how=form.cleaned_data.get("voice_how", ""),
                    voice_helper=form.cleaned_data.get("voice_helper"),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                url = reverse("matching:choose", kwargs={"person_id": person.pk})
                if easy and step + 1 < len(cards):
                    return redirect(f"{url}?step={step + 1}")
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(f"{url}?step={len(cards)}" if easy else url)
    else:
        initial: dict[str, object] = {}
        for card in shown:
            held = choices.get(card.worker_id)
            if held is not None:
                initial[f"answer_{card.worker_id}"] = held.answer
                initial[f"meet_{card.worker_id}"] = held.meet_first
        form = _choose_form(viewer, person, shown, easy)
        form.initial = initial
    reviewed = [c for c in choices.values() if c.status != TeamChoice.Status.WAITING]
    return render(
        request,
        "matching/choose.jinja",
        {
            "person": person,
            "is_self": is_the_person(viewer, person),
            "may_choose": may_choose,
            "may_ask_change": bool(team_rules.test_rule("ask_change", viewer, person)),
            "may_review": bool(team_rules.test_rule("review", viewer, person)),
            "cards": cards,
            "shown": shown,
            "step": step,
            "form": form,
            "choices": choices,
            "reviewed": reviewed,
            "requests": list(queries.change_requests_of(person)[:5]),
            "duration_text": films.format_duration,
            "symbols": queries.REASON_SYMBOLS,
        },
    )


@login_required
def manager_review(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the person's answers; a manager of their service confirms the team or says why not."""
    viewer = _viewer(request)
    person = access_team_person(viewer, person_id, "review")
    may_confirm = bool(team_rules.test_rule("confirm", viewer, person))
    choices = queries.team_choices(person, actions.current_round(person))
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        if not may_confirm:
            raise not_found()
        if form.is_valid():
            try:
                actions.team_review(
                    viewer=viewer,
                    person=person,
                    confirm=form.cleaned_data["confirm"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Saved. %(name)s can see it on their page.")
                                 % {"name": person.preferred_name})  # fmt: skip
                return redirect("matching:manager_review", person_id=person.pk)
    return render(
        request,
        "matching/review.jinja",
        {
            "person": person,
            "choices": list(choices.values()),
            "may_confirm": may_confirm,
            "form": form,
        },
    )


@login_required
def change_request_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask to change a worker, at any time, with or without a reason."""
    viewer = _viewer(request)
    person = access_team_person(viewer, person_id, "ask_change")
    workers = queries.change_worker_choices(person)
    form = ChangeRequestForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        made = actions.change_request_ask(
            viewer=viewer,
            person=person,
            worker=form.cleaned_data["worker"],
            reason=form.cleaned_data["reason"],
            idempotency_key=form.cleaned_data["token"],
        )
        messages.success(request, _("Your request is sent. Your manager will answer."))
        return redirect("matching:change_request", request_id=made.pk)
    return render(
        request,
        "matching/change_new.jinja",
        {"person": person, "form": form, "is_self": is_the_person(viewer, person)},
    )


@login_required
def change_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """Show how a change request is going; a manager moves it on."""
    viewer = _viewer(request)
    found = access_change_request(viewer, request_id, "view")
    may_answer = may_answer_change_request(viewer, found) and not found.is_closed
    form = MoveForm(request.POST or None, current=found.status) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise not_found()
        access_change_request(viewer, request_id, "answer")
        if form.is_valid():
            try:
                actions.change_request_move(
                    viewer=viewer,
                    request=found,
                    to=form.cleaned_data["to"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Saved. The person can see the next step."))
                return redirect("matching:change_request", request_id=found.pk)
    reached = STEPS.index(found.status) if found.status in STEPS else len(STEPS)
    return render(
        request,
        "matching/change_request.jinja",
        {
            "req": found,
            "person": found.person,
            "show_reason": may_see_reason(viewer, found),
            "form": form,
            "steps": STEPS,
            "reached": reached,
            "overdue": found.is_overdue(timezone.localdate()),
            "is_self": viewer.person_id == found.person_id,
            "has_next": bool(TRANSITIONS[found.status]),
        },
    )


@require_roles("service_manager", *LEADS)
def change_figures(request: HttpRequest) -> HttpResponse:
    """Requests to change a worker, per service: how many, how fast, how many honoured."""
    viewer = _viewer(request)
    if viewer.organisation is None:
        raise not_found()
    service_ids = None if viewer.has_role(*LEADS) else viewer.services_for("service_manager")
    figures = queries.change_figures(viewer.organisation, service_ids)
    return render(request, "matching/figures.jinja", {"figures": figures})
