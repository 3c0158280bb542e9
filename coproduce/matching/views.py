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
    ConfirmForm,
    MoveForm,
    OfferAnswerForm,
    OfferAnswerWithPersonForm,
    OfferForm,
    ReviewForm,
    answers,
)
from coproduce.matching.models import ChangeRequest, OfferAnswer, TeamChoice
from coproduce.matching.presenters import change_request_words
from coproduce.matching.rules import (
    TRANSITIONS,
    may_answer_change_request,
    may_answer_offers,
    may_see_reason,
    speaks_for_self,
    team_rules,
)
from coproduce.people.models import Person
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.rules import is_the_person
from coproduce.people.staff import films
from coproduce.people.staff.rules import profiles_viewable

LEADS = ORGANISATION_WIDE
STEPS: list[str] = [
    ChangeRequest.Status.ASKED,
    ChangeRequest.Status.ACKNOWLEDGED,
    ChangeRequest.Status.OPTIONS_OFFERED,
]


def _openable_profiles(viewer: Viewer, cards: list[Any]) -> set[int]:
    """The cards' staff profiles the viewer may open in full (a worker never opens another
    worker's; the person choosing, their supporter and managers do)."""
    return profiles_viewable(viewer, [c.profile for c in cards])


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
    is_self = is_the_person(viewer, person)
    requests = list(queries.change_requests_of(person)[:5])
    return render(
        request,
        "matching/choose.jinja",
        {
            "team_now": queries.current_team(person, round_),
            "open_requests": [r for r in requests if not r.is_closed],
            "request_words": lambda r: change_request_words(r, is_self=is_self),
            "person": person,
            "is_self": is_the_person(viewer, person),
            "may_choose": may_choose,
            "may_ask_change": bool(team_rules.test_rule("ask_change", viewer, person)),
            "may_review": bool(team_rules.test_rule("review", viewer, person)),
            "cards": cards,
            "profile_ids": _openable_profiles(viewer, cards),
            "shown": shown,
            "step": step,
            "form": form,
            "choices": choices,
            "reviewed": reviewed,
            "requests": requests,
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
    offers = queries.change_offers(found)
    yes = [o.worker for o in offers if o.answer == OfferAnswer.YES]
    # With workers who match, the manager offers them by name on the offer page rather
    # than in words only, so the person has someone to answer about.
    held = {o.worker_id for o in offers} | {found.worker_id}
    may_offer = (
        may_answer
        and ChangeRequest.Status.OPTIONS_OFFERED in (TRANSITIONS[found.status] | {found.status})
        and any(c.worker_id not in held for c in queries.team_cards(found.person, k=6))
    )
    confirming = request.method == "POST" and "confirm" in request.POST
    form = (
        MoveForm(
            None if confirming else (request.POST or None),
            current=found.status,
            offered=bool(offers),
            named=may_offer,
        )
        if may_answer
        else None
    )
    confirm_form = (
        ConfirmForm(
            request.POST if confirming else None, yes=yes, person_name=found.person.preferred_name
        )
        if may_answer and yes
        else None
    )
    if confirming and found.is_closed and may_answer_change_request(viewer, found):
        # The same confirmation sent twice: the first closed the request.
        return redirect("matching:change_request", request_id=found.pk)
    if confirming:
        if confirm_form is None:
            raise not_found()
        access_change_request(viewer, request_id, "answer")
        if confirm_form.is_valid():
            chosen = [w for w in yes if str(w.pk) in confirm_form.cleaned_data["workers"]]
            try:
                actions.change_request_confirm(
                    viewer=viewer,
                    request=found,
                    workers=chosen,
                    answer=confirm_form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                _form_errors(confirm_form, exc)
            else:
                messages.success(
                    request,
                    _("Saved. %(name)s's team has changed.")
                    % {"name": found.person.preferred_name},
                )
                return redirect("matching:change_request", request_id=found.pk)
    elif request.method == "POST":
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
            "offers": offers,
            "confirm_form": confirm_form,
            "may_offer": may_offer,
            "may_answer_offers": bool(offers)
            and found.status == ChangeRequest.Status.OPTIONS_OFFERED
            and may_answer_offers(viewer, found),
            "unanswered": sum(1 for o in offers if not o.answer),
        },
    )


@login_required
def change_request_offer(request: HttpRequest, request_id: int) -> HttpResponse:
    """A manager offers named workers who match the person, shown as the person's cards."""
    viewer = _viewer(request)
    found = access_change_request(viewer, request_id, "answer")
    person = found.person
    offers = queries.change_offers(found)
    held = {o.worker_id for o in offers} | {found.worker_id}
    cards = (
        []
        if found.is_closed
        else [c for c in queries.team_cards(person, k=6) if c.worker_id not in held]
    )
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        cards=cards,
        person_name=person.preferred_name,
    )
    if request.method == "POST":
        if not cards:
            # Sent twice, or nobody is left to offer: the request page says where it is.
            return redirect("matching:change_request", request_id=found.pk)
        if form.is_valid():
            chosen = [c.profile.user for c in cards if c.worker_id in form.chosen_ids()]
            try:
                actions.change_request_offer(
                    viewer=viewer,
                    request=found,
                    workers=chosen,
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Saved. %(name)s can now see the workers you offered.")
                    % {"name": person.preferred_name},
                )
                return redirect("matching:change_request", request_id=found.pk)
    return render(
        request,
        "matching/offer.jinja",
        {
            "req": found,
            "person": person,
            "cards": cards,
            "profile_ids": _openable_profiles(viewer, cards),
            "offers": offers,
            "form": form,
            "may_choose": True,
            "duration_text": films.format_duration,
            "symbols": queries.REASON_SYMBOLS,
        },
    )


def _offer_answer_form(
    viewer: Viewer, person: Person, cards: list[Any], easy_read: bool, data: Any = None
) -> Form:
    if speaks_for_self(viewer, person):
        return OfferAnswerForm(data, cards=cards, easy_read=easy_read)
    return OfferAnswerWithPersonForm(
        data,
        cards=cards,
        easy_read=easy_read,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
    )


@login_required
def change_request_answers(request: HttpRequest, request_id: int) -> HttpResponse:
    """The person answers yes, maybe, no or meet first about each worker offered; they may
    answer some now and come back for the rest."""
    viewer = _viewer(request)
    found = access_change_request(viewer, request_id, "answer_offers")
    person = found.person
    easy = _easy(request)
    offers = queries.change_offers(found)
    by_worker = {o.worker_id: o for o in offers}
    cards = queries.worker_cards(person, [o.worker_id for o in offers], easy_read=easy)
    open_ = found.status == ChangeRequest.Status.OPTIONS_OFFERED
    url = reverse("matching:change_request_answers", kwargs={"request_id": found.pk})
    if "step" in request.GET:
        try:
            step = max(0, int(request.GET["step"]))
        except ValueError:
            step = 0
    else:
        # Coming back: start at the first worker not answered yet.
        step = next(
            (n for n, c in enumerate(cards) if not by_worker[c.worker_id].answer), len(cards)
        )
    if not easy:
        step = 0
    shown = (cards[step : step + 1] if easy else cards) if open_ else []
    if request.method == "POST":
        if not shown:
            # Nothing to answer now (the request moved on, or it was sent twice).
            return redirect(url)
        form = _offer_answer_form(viewer, person, shown, easy, request.POST)
        if form.is_valid():
            try:
                actions.change_offer_answer(
                    viewer=viewer,
                    request=found,
                    answers=[(c.profile.user, a) for c, a in form.given()],  # type: ignore[attr-defined]
                    voice_how=form.cleaned_data.get("voice_how", ""),
                    voice_helper=form.cleaned_data.get("voice_helper"),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                if easy and step + 1 < len(cards):
                    return redirect(f"{url}?step={step + 1}")
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(f"{url}?step={len(cards)}" if easy else url)
    else:
        form = _offer_answer_form(viewer, person, shown, easy)
        form.initial = {
            f"answer_{c.worker_id}": by_worker[c.worker_id].answer
            for c in shown
            if by_worker[c.worker_id].answer
        }
    return render(
        request,
        "matching/answers.jinja",
        {
            "req": found,
            "person": person,
            "is_self": is_the_person(viewer, person),
            "cards": cards,
            "profile_ids": _openable_profiles(viewer, cards),
            "shown": shown,
            "step": step,
            "form": form,
            "offers": by_worker,
            "open": open_,
            "may_choose": open_,
            "unanswered": sum(1 for o in offers if not o.answer),
            "duration_text": films.format_duration,
            "symbols": queries.REASON_SYMBOLS,
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
