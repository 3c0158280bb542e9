"""Pages of the decisions ledger: decisions about me, about a person, about a service."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.access import not_found, require_roles
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.decisions import queries
from coproduce.decisions.access import access_decision, access_service_decisions
from coproduce.decisions.actions import decision_record, own_decision_record
from coproduce.decisions.forms import DecisionForm, OwnDecisionForm
from coproduce.decisions.models import (
    RUNG_DESCRIPTIONS,
    RUNG_EASY_READ,
    RUNG_EASY_READ_ABOUT,
    RUNG_SYMBOLS,
    Rung,
)
from coproduce.decisions.rules import (
    ORGANISATION_WIDE,
    STAFF_ROLES,
    may_record_for_person,
    may_record_for_service,
)
from coproduce.people.access import access_person
from coproduce.people.rules import is_the_person

PER_PAGE = 20
# Labels stay lazy, so each page shows them in its own language.
LADDER = [
    {"value": value, "label": label, "description": RUNG_DESCRIPTIONS[value]}
    for value, label in Rung.choices
]


def _ladder_words() -> dict[str, Any]:
    return {
        "rung_descriptions": RUNG_DESCRIPTIONS,
        "rung_easy_read": RUNG_EASY_READ,
        "rung_easy_read_about": RUNG_EASY_READ_ABOUT,
        "rung_symbols": RUNG_SYMBOLS,
        "ladder": LADDER,
    }


@require_roles("person", "supporter")
def mine(request: HttpRequest) -> HttpResponse:
    """Decisions about me, or about a person who shares their plan with me."""
    viewer = request.viewer  # type: ignore[attr-defined]
    people = queries.people_sharing_decisions(viewer)
    chosen_id = request.GET.get("person")
    chosen = people[0] if people else None
    if chosen_id:
        chosen = next((p for p in people if str(p.pk) == chosen_id), None)
        if chosen is None:
            raise not_found()
    context: dict[str, Any] = {"people": people, "person": None, **_ladder_words()}
    if chosen is not None:
        person = access_person(viewer, chosen.pk, "view_decisions")
        page = Paginator(queries.decisions_about_person(viewer, person), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(
            {
                "person": person,
                "page": page,
                "is_me": is_the_person(viewer, person),
                "can_record": may_record_for_person(viewer, person),
            }
        )
    return render(request, "decisions/mine.jinja", context)


@require_roles(*STAFF_ROLES)
def person_list(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person = access_person(viewer, person_id, "view_decisions")
    page = Paginator(queries.decisions_about_person(viewer, person), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "decisions/person_list.jinja",
        {
            "person": person,
            "page": page,
            "can_record": may_record_for_person(viewer, person),
            **_ladder_words(),
        },
    )


def _record(
    request: HttpRequest,
    *,
    person: Any = None,
    service: Any = None,
) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    candidates = queries.participant_candidates(viewer, person=person, service=service)
    form_kwargs = {
        "organisation": viewer.organisation,
        "about_name": person.preferred_name if person is not None else None,
        "person_user": person.user if person is not None else None,
        "candidates": candidates,
    }
    if request.method == "POST":
        form = DecisionForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                decision = decision_record(
                    viewer=viewer, person=person, service=service, **form.action_arguments()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The decision is recorded in the ledger."))
                return redirect("decisions:detail", decision_id=decision.pk)
    else:
        form = DecisionForm(initial={"idempotency_key": uuid.uuid4()}, **form_kwargs)
    key = form["idempotency_key"].value()
    if "idempotency_key" in form.errors or not key:
        key = uuid.uuid4()
    return render(
        request,
        "decisions/record.jinja",
        {
            "form": form,
            "person": person,
            "service": service,
            "idempotency_key": key,
            "ladder": LADDER,
        },
    )


def _record_own(request: HttpRequest, person: Any) -> HttpResponse:
    """The person's own form: first person, plain words, no ladder, only their own people."""
    viewer = request.viewer  # type: ignore[attr-defined]
    people = queries.own_decision_people(person)
    if request.method == "POST":
        form = OwnDecisionForm(request.POST, people=people)
        if form.is_valid():
            arguments = form.action_arguments()
            try:
                decision = own_decision_record(viewer=viewer, person=person, **arguments)
            except ValidationError as exc:
                form.add_rule_errors(exc)
            else:
                messages.success(request, _("Thank you. Your decision is written down."))
                return redirect("decisions:detail", decision_id=decision.pk)
    else:
        form = OwnDecisionForm(initial={"idempotency_key": uuid.uuid4()}, people=people)
    key = form["idempotency_key"].value()
    if "idempotency_key" in form.errors or not key:
        key = uuid.uuid4()
    return render(
        request,
        "decisions/record_own.jinja",
        {"form": form, "person": person, "idempotency_key": key},
    )


@login_required
def record_for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person = access_person(viewer, person_id, "record_decision")
    if is_the_person(viewer, person):
        return _record_own(request, person)
    return _record(request, person=person)


@require_roles("service_manager", *ORGANISATION_WIDE)
def record_for_service(request: HttpRequest, service_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    service = access_service_decisions(viewer, service_id, "record")
    return _record(request, service=service)


SORT_CHOICES = [
    ("name", "Service name"),
    ("without", "Most taken without the person"),
    ("shaping", "Least co-produced or co-designed"),
    ("total", "Most decisions"),
]


@require_roles("service_manager", *ORGANISATION_WIDE)
def service_list(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    sort = request.GET.get("sort", "name")
    if sort not in dict(SORT_CHOICES):
        sort = "name"
    rows = queries.service_decision_pages(viewer, sort=sort)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "decisions/service_list.jinja",
        {
            "page": page,
            "sort": sort,
            "sort_choices": [(value, _(label)) for value, label in SORT_CHOICES],
        },
    )


@require_roles("support_worker", "service_manager", *ORGANISATION_WIDE)
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    service = access_service_decisions(viewer, service_id, "view")
    about = "people" if request.GET.get("about") == "people" else "service"
    if about == "people":
        decisions = queries.decisions_about_people_in_service(viewer, service)
        audit_record(
            actor=viewer.user,
            organisation=viewer.organisation,
            action=AuditEntry.Action.READ,
            obj=service,
            summary=f"Listed decisions about people at {service.name}",
        )
    else:
        decisions = queries.decisions_about_service(viewer, service)
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("page"))
    counts = queries.counts_for_service(viewer, service)
    return render(
        request,
        "decisions/service_detail.jinja",
        {
            "service": service,
            "about": about,
            "page": page,
            "counts": counts,
            "can_record": may_record_for_service(viewer, service),
            **_ladder_words(),
        },
    )


@login_required
def detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    decision = access_decision(viewer, decision_id)
    is_me = decision.person_id is not None and decision.person_id == viewer.person_id
    person_side = is_me or (
        decision.person_id is not None and decision.person_id in viewer.supported_person_ids
    )
    return render(
        request,
        "decisions/detail.jinja",
        {
            "decision": decision,
            "is_me": is_me,
            "person_side": person_side,
            "staff": viewer.has_role(*STAFF_ROLES),
            **_ladder_words(),
        },
    )
