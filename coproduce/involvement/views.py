"""Involvement pages: opportunities and saying "I am interested"; a person's own page,
recording hours, claiming expenses, their benefit and payment choice, their statement;
one time record or expense claim, answered by a manager; the managers' page, advertising,
answering an interest; the payroll; the organisation's rates and limits."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coproduce.accounts.queries import services_of
from coproduce.core.access import missing, not_found, refused, require_roles
from coproduce.core.models import VoiceHow
from coproduce.core.roles import STAFF
from coproduce.core.spreadsheets import csv_response
from coproduce.involvement import actions, queries
from coproduce.involvement.access import (
    access_expense_claim,
    access_interest,
    access_involved_person,
    access_payroll_export,
    access_time_record,
)
from coproduce.involvement.figures import figures_for
from coproduce.involvement.forms import (
    ExpenseAnswerForm,
    ExpenseForm,
    InterestAnswerForm,
    InterestForm,
    LimitForm,
    OpportunityForm,
    PermittedWorkForm,
    ProfileForm,
    RateForm,
    RoleAddForm,
    TimeAnswerForm,
    TimeForm,
)
from coproduce.involvement.lifecycle import PermittedWork, over_limit
from coproduce.involvement.models import (
    ActivityKind,
    Benefit,
    ClaimStatus,
    ExpenseKind,
    Opportunity,
    PaymentChoice,
    RoleHeld,
)
from coproduce.involvement.money import hours, pounds
from coproduce.involvement.pdf import PDF_CONTENT_TYPE
from coproduce.involvement.pdf import statement_pdf as render_statement_pdf
from coproduce.involvement.rules import advertises, sets_money
from coproduce.people.images import image_response
from coproduce.people.models import Person

PER_PAGE = 25
EVERY_MEMBER_BUT_COMMISSIONERS = (
    "person",
    "supporter",
    "quality_checker",
    *STAFF,
)
MANAGERS_AND_LEADS = ("service_manager", "quality_lead", "senior_leader", "org_admin")
MONEY = ("org_admin", "senior_leader")
# The picture beside each status in easy read.
STATUS_SYMBOLS = {
    ClaimStatus.SUBMITTED: "wait",
    ClaimStatus.APPROVED: "yes",
    ClaimStatus.SENT_BACK: "change",
    ClaimStatus.PAID: "money",
}


def _money(context: dict[str, Any]) -> dict[str, Any]:
    context.update({"pounds": pounds, "hours": hours, "status_symbols": STATUS_SYMBOLS})
    return context


def _errors_to(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            for text in texts:
                form.add_error(name if name in form.fields else None, text)
    else:
        for text in error.messages:
            form.add_error(None, text)


# --- opportunities -----------------------------------------------------------------------


@require_roles(*EVERY_MEMBER_BUT_COMMISSIONERS)
def opportunities(request: HttpRequest) -> HttpResponse:
    """Roles advertised now, and whose involvement the viewer looks after."""
    viewer = request.viewer  # type: ignore[attr-defined]
    today = timezone.localdate()
    found = queries.open_opportunities(viewer.organisation.pk, today)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "involvement/opportunities.jinja",
        {
            "page": page,
            "opportunities": page.object_list,
            "own_person_id": viewer.person_id,
            "helped": list(queries.people_i_help(viewer)[:50]),
            "manages": advertises(viewer),
        },
    )


def _opportunity(viewer: Any, opportunity_id: int) -> Opportunity:
    found = queries.opportunity_in(viewer.organisation.pk, opportunity_id)
    if found is None:
        raise missing(viewer, Opportunity, opportunity_id)
    return found


@require_roles(*EVERY_MEMBER_BUT_COMMISSIONERS)
def opportunity(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    """One opportunity; the person (or whoever helps them) says they are interested."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = _opportunity(viewer, opportunity_id)
    helped = list(queries.people_i_help(viewer)[:200])
    is_person = viewer.person_id is not None
    may_say = item.is_open and (is_person or bool(helped))
    if request.method == "POST" and request.POST.get("close"):
        if not advertises(viewer):
            raise refused(viewer, item, "close the opportunity")
        actions.opportunity_close(viewer=viewer, opportunity=item)
        messages.success(request, _("The opportunity is closed. Nobody new can ask for it."))
        return redirect("involvement:opportunity", opportunity_id=item.pk)
    form = InterestForm(request.POST or None, people=helped, is_person=is_person)
    if request.method == "POST" and may_say and form.is_valid():
        data = form.cleaned_data
        chosen = data.get("for_person") or ""
        person: Person | None
        if chosen:
            person = next(p for p in helped if str(p.pk) == chosen)
            how, helper = data["voice_how"], viewer.user
        else:
            person = queries.person_in(viewer.organisation.pk, viewer.person_id)
            how, helper = VoiceHow.TYPED, None
        if person is None:
            raise not_found()
        try:
            actions.interest_express(
                viewer=viewer,
                opportunity=item,
                person=person,
                why=data.get("why") or "",
                voice_how=how,
                voice_helper=helper,
            )
        except ValidationError as error:
            _errors_to(form, error)
        except actions.NotAllowed:
            raise refused(viewer, item, "say interested in") from None
        else:
            messages.success(request, _("Thank you. A manager will answer soon."))
            return redirect("involvement:person", person_id=person.pk)
    mine = None
    if is_person:
        own = queries.person_in(viewer.organisation.pk, viewer.person_id)
        mine = queries.interest_of(item, own) if own is not None else None
    return render(
        request,
        "involvement/opportunity.jinja",
        {
            "opportunity": item,
            "form": form,
            "may_say": may_say,
            "mine": mine,
            "may_close": item.is_open and advertises(viewer),
        },
    )


# --- a person's involvement --------------------------------------------------------------


@require_roles("person", "supporter", *STAFF)
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "view")
    who = reached.person
    today = timezone.localdate()
    time_page = Paginator(queries.time_of(who), PER_PAGE).get_page(request.GET.get("page"))
    profile = queries.profile_for(who)
    return render(
        request,
        "involvement/person.jinja",
        _money(
            {
                "reached": reached,
                "who": who,
                "profile": profile,
                "roles": list(queries.roles_held_by(who, today=today)),
                "roles_before": list(queries.roles_ended(who, today=today)),
                "interests": list(queries.interests_of(who)[:20]),
                "page": time_page,
                "time": time_page.object_list,
                "expenses": list(queries.expenses_of(who)[:50]),
                "month": today.replace(day=1),
            }
        ),
    )


@require_roles("service_manager", "senior_leader")
def role_end(request: HttpRequest, held_id: int) -> HttpResponse:
    """End a role a person holds, from today; the dates they held it stay on their page."""
    viewer = request.viewer  # type: ignore[attr-defined]
    if request.method != "POST":
        raise not_found()
    held = queries.role_held_in(viewer.organisation.pk, held_id)
    if held is None:
        raise missing(viewer, RoleHeld, held_id)
    try:
        actions.role_end(viewer=viewer, held=held)
    except actions.NotAllowed:
        raise refused(viewer, held, "end the role") from None
    except actions.MoveRefused:
        messages.info(request, _("This role had ended already."))
    else:
        messages.success(request, _("The role has ended. The dates stay on their page."))
    return redirect("involvement:person", person_id=held.person_id)


@require_roles("person", "supporter", *STAFF)
def time_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Record time given to an activity."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "record")
    who = reached.person
    profile = queries.profile_for(who)
    form = TimeForm(
        request.POST or None,
        initial={"payment_choice": profile.payment_choice, "activity_kind": ActivityKind.MEETING},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = actions.time_record(
                viewer=viewer,
                person=who,
                activity_kind=data["activity_kind"],
                description=data["description"],
                happened_on=data["happened_on"],
                minutes=data["total_minutes"],
                payment_choice=data["payment_choice"],
                note=data.get("note") or "",
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Thank you. Your time is sent to be checked."))
            return redirect("involvement:time", record_id=record.pk)
    return render(
        request,
        "involvement/time_new.jinja",
        _money(
            {
                "form": form,
                "who": who,
                "reached": reached,
                "profile": profile,
                "limits": queries.settings_for(viewer.organisation.pk),
            }
        ),
    )


@require_roles("person", "supporter", *STAFF)
def expense_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Claim expenses for an activity, with a photo of the receipt."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "record")
    who = reached.person
    activities = queries.recent_activities(viewer.organisation.pk, who)
    form = ExpenseForm(request.POST or None, request.FILES or None, activities=activities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = actions.expense_claim(
                viewer=viewer,
                person=who,
                activity=data["activity"],
                kind=data["kind"],
                amount_pence=data["amount"],
                description=data["description"],
                receipt=form.checked_receipt,
                receipt_description=data.get("receipt_description") or "",
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            if claim.over_limit:
                messages.warning(
                    request,
                    _(
                        "This is more than the %(limit)s we usually pay for %(kind)s. It is "
                        "sent: a manager will look at it and may ask you about it."
                    )
                    % {
                        "limit": pounds(claim.limit_pence),
                        "kind": claim.get_kind_display().lower(),
                    },
                )
            else:
                messages.success(request, _("Thank you. Your claim is sent to be checked."))
            return redirect("involvement:expense", claim_id=claim.pk)
    limits = queries.limits_of(viewer.organisation.pk)
    return render(
        request,
        "involvement/expense_new.jinja",
        _money(
            {
                "form": form,
                "who": who,
                "reached": reached,
                "has_activities": activities.exists(),
                "limits": [
                    (ExpenseKind(k).label, limits[k]) for k in ExpenseKind.values if k in limits
                ],
            }
        ),
    )


@require_roles("person", "supporter", *STAFF)
def benefit(request: HttpRequest, person_id: int) -> HttpResponse:
    """The benefit the person receives (if they want to say) and how they want to be paid."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "record")
    who = reached.person
    profile = queries.profile_for(who)
    form = ProfileForm(
        request.POST or None,
        initial={"benefit": profile.benefit, "payment_choice": profile.payment_choice},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.profile_update(
                viewer=viewer,
                person=who,
                benefit=form.cleaned_data["benefit"],
                payment_choice=form.cleaned_data["payment_choice"],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("involvement:person", person_id=who.pk)
    limits = queries.settings_for(viewer.organisation.pk)
    return render(
        request,
        "involvement/benefit.jinja",
        _money(
            {"form": form, "who": who, "reached": reached, "limits": limits, "profile": profile}
        ),
    )


def _month(text: str | None, today: dt.date) -> dt.date:
    """A month from ``?month=2026-11``; anything else is this month."""
    try:
        year, month = (int(part) for part in (text or "").split("-", 1))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@require_roles("person", "supporter", *STAFF)
def statement(request: HttpRequest, person_id: int) -> HttpResponse:
    """One month's hours, payments, vouchers and expenses, in plain words and easy read."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "view")
    today = timezone.localdate()
    month = _month(request.GET.get("month"), today)
    if not dt.date(2000, 1, 1) <= month <= today:
        month = today.replace(day=1)
    earlier = (month - dt.timedelta(days=1)).replace(day=1)
    later = (month + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "involvement/statement.jinja",
        _money(
            {
                "reached": reached,
                "who": reached.person,
                "statement": queries.statement_for(reached.person, month),
                "month_words": date_format(month, "F Y"),
                "profile": queries.profile_for(reached.person),
                "limits": queries.settings_for(viewer.organisation.pk),
                "earlier": earlier.strftime("%Y-%m"),
                "later": later.strftime("%Y-%m") if later <= today else "",
            }
        ),
    )


@require_roles("person", "supporter", *STAFF)
def statement_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The month's statement as a tagged PDF, in the viewer's page mode."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_involved_person(viewer, person_id, "view")
    today = timezone.localdate()
    month = _month(request.GET.get("month"), today)
    if not dt.date(2000, 1, 1) <= month <= today:
        month = today.replace(day=1)
    statement = queries.statement_for(reached.person, month)
    content = render_statement_pdf(
        person=reached.person,
        statement=statement,
        profile=queries.profile_for(reached.person),
        limits=queries.settings_for(viewer.organisation.pk),
        easy_read=bool(getattr(request, "easy_read", False)),
    )
    actions.statement_export_record(viewer=viewer, person=reached.person, month=month)
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    filename = f"statement-{reached.person.pk}-{month:%Y-%m}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- one time record, one expense claim -------------------------------------------------


def _warning_for(record: Any, *, waiting_too: bool) -> PermittedWork | None:
    if record.status != ClaimStatus.SUBMITTED:
        return None
    pay = queries.expected_pay(record)
    week = queries.permitted_work_for(record, pence=pay or 0, waiting_too=waiting_too)
    return week if week is not None and week.crosses else None


@require_roles("person", "supporter", *STAFF)
def time(request: HttpRequest, record_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_time_record(viewer, record_id)
    record = reached.record
    answerable = reached.approves and record.status == ClaimStatus.SUBMITTED
    form = TimeAnswerForm(request.POST or None) if answerable else None
    warning = _warning_for(record, waiting_too=not reached.approves)
    if request.method == "POST":
        if form is None:
            messages.info(request, _("This has been answered already."))
            return redirect("involvement:time", record_id=record.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["answer"] == "approve":
                    actions.time_approve(
                        viewer=viewer,
                        record=record,
                        over_permitted_work_confirmed=bool(data.get("confirm_over")),
                    )
                    messages.success(request, _("Approved. It will be paid with the next payroll."))
                else:
                    actions.time_send_back(viewer=viewer, record=record, reason=data["reason"])
                    messages.success(request, _("Sent back. They are told why."))
                return redirect("involvement:time", record_id=record.pk)
            except actions.PermittedWorkWarning as warned:
                warning = warned.week
                form.add_error(
                    "confirm_over",
                    _("Read the warning about permitted work, then tick to approve all the same"),
                )
            except actions.MoveRefused:
                messages.info(request, _("Someone answered it while you were reading."))
                return redirect("involvement:time", record_id=record.pk)
            except ValidationError as error:
                _errors_to(form, error)
    pay = record.amount_pence if record.amount_pence is not None else queries.expected_pay(record)
    return render(
        request,
        "involvement/time.jinja",
        _money(
            {
                "reached": reached,
                "record": record,
                "form": form,
                "warning": warning,
                "pay": pay,
                "profile": queries.profile_for(record.person),
                "Benefit": Benefit,
                "volunteer": record.payment_choice == PaymentChoice.VOLUNTEER,
            }
        ),
    )


@require_roles("person", "supporter", *STAFF)
def expense(request: HttpRequest, claim_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_expense_claim(viewer, claim_id)
    claim = reached.claim
    answerable = reached.approves and claim.status == ClaimStatus.SUBMITTED
    form = ExpenseAnswerForm(request.POST or None) if answerable else None
    if request.method == "POST":
        if form is None:
            messages.info(request, _("This has been answered already."))
            return redirect("involvement:expense", claim_id=claim.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["answer"] == "approve":
                    actions.expense_approve(
                        viewer=viewer,
                        claim=claim,
                        over_limit_reason=data.get("over_limit_reason") or "",
                    )
                    messages.success(request, _("Approved. It will be paid with the next payroll."))
                else:
                    actions.expense_send_back(viewer=viewer, claim=claim, reason=data["reason"])
                    messages.success(request, _("Sent back. They are told why."))
                return redirect("involvement:expense", claim_id=claim.pk)
            except actions.MoveRefused:
                messages.info(request, _("Someone answered it while you were reading."))
                return redirect("involvement:expense", claim_id=claim.pk)
            except ValidationError as error:
                _errors_to(form, error)
    return render(
        request,
        "involvement/expense.jinja",
        _money(
            {
                "reached": reached,
                "claim": claim,
                "form": form,
                "over": over_limit(claim.amount_pence, claim.limit_pence),
            }
        ),
    )


@require_roles("person", "supporter", *STAFF)
def receipt(request: HttpRequest, claim_id: int) -> HttpResponseBase:
    """The photo of a receipt, only to those who may see the claim."""
    reached = access_expense_claim(request.viewer, claim_id)  # type: ignore[attr-defined]
    return image_response(reached.claim.receipt)


# --- managers ---------------------------------------------------------------------------


@require_roles(*MANAGERS_AND_LEADS)
def manage(request: HttpRequest) -> HttpResponse:
    """What waits for the viewer's answer, and the opportunities advertised."""
    viewer = request.viewer  # type: ignore[attr-defined]
    listed = queries.opportunities_of(viewer.organisation.pk)
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "involvement/manage.jinja",
        _money(
            {
                "time_waiting": list(queries.time_waiting(viewer)[:50]),
                "expenses_waiting": list(queries.expenses_waiting(viewer)[:50]),
                "interests_waiting": list(queries.interests_waiting(viewer)[:50]),
                "involved": list(queries.people_involved(viewer)[:200]),
                "page": page,
                "opportunities": page.object_list,
                "sets_money": sets_money(viewer),
            }
        ),
    )


@require_roles(*MANAGERS_AND_LEADS)
def opportunity_new(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = OpportunityForm(
        request.POST or None,
        role_choices=queries.role_choices(viewer.organisation.pk),
        services=services_of(viewer.organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.opportunity_create(
                viewer=viewer,
                role_choice=data["role"],
                title=data["title"],
                what_you_do=data["what_you_do"],
                what_you_do_easy_read=data["what_you_do_easy_read"],
                symbol=data["symbol"],
                service=data.get("service"),
                closes_on=data.get("closes_on"),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The opportunity is advertised."))
            return redirect("involvement:opportunity", opportunity_id=item.pk)
    return render(request, "involvement/opportunity_new.jinja", {"form": form})


@require_roles("service_manager", "senior_leader")
def interest(request: HttpRequest, interest_id: int) -> HttpResponse:
    """Agree that the person holds the role, or say "not now" with the reason."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_interest(viewer, interest_id)
    answerable = item.status == "interested"
    form = InterestAnswerForm(request.POST or None) if answerable else None
    if request.method == "POST":
        if form is None:
            messages.info(request, _("This has been answered already."))
            return redirect("involvement:interest", interest_id=item.pk)
        if form.is_valid():
            try:
                if form.cleaned_data["answer"] == "agree":
                    actions.interest_agree(viewer=viewer, interest=item)
                    messages.success(request, _("Agreed. They are told."))
                else:
                    actions.interest_not_now(
                        viewer=viewer, interest=item, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Answered. They are told why."))
            except actions.MoveRefused:
                messages.info(request, _("Someone answered it while you were reading."))
            except ValidationError as error:
                _errors_to(form, error)
                return render(
                    request, "involvement/interest.jinja", {"interest": item, "form": form}
                )
            return redirect("involvement:interest", interest_id=item.pk)
    return render(request, "involvement/interest.jinja", {"interest": item, "form": form})


@require_roles(*MANAGERS_AND_LEADS)
def figures(request: HttpRequest) -> HttpResponse:
    """Hours, payments and expenses by month, service and person, and the share of people
    supported who hold a role, over the last 12 months."""
    viewer = request.viewer  # type: ignore[attr-defined]
    found = figures_for(viewer, today=timezone.localdate())
    if found is None:
        raise not_found()
    return render(request, "involvement/figures.jinja", _money({"figures": found}))


@require_roles(*MONEY)
def payroll(request: HttpRequest) -> HttpResponse:
    """What waits to be paid, the exports so far, and running the next one."""
    viewer = request.viewer  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            key = uuid.UUID(request.POST.get("idempotency_key", ""))
        except ValueError:
            key = None
        try:
            export = actions.payroll_export(viewer=viewer, idempotency_key=key)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Payroll export %(number)d is ready to download.") % {"number": export.number},
            )
        return redirect("involvement:payroll")
    page = Paginator(queries.exports_of(viewer.organisation.pk), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "involvement/payroll.jinja",
        _money(
            {
                "waiting": queries.payroll_waiting(viewer.organisation.pk),
                "page": page,
                "exports": page.object_list,
                "key": uuid.uuid4(),
            }
        ),
    )


@require_roles(*MONEY)
def payroll_csv(request: HttpRequest, export_id: int) -> HttpResponseBase:
    viewer = request.viewer  # type: ignore[attr-defined]
    export = access_payroll_export(viewer, export_id)
    actions.payroll_download_audit(viewer=viewer, export=export)
    rows: list[list[str | int]] = [list(queries.PAYROLL_HEADER), *queries.export_rows(export)]
    return csv_response(rows, f"payroll-{export.number}.csv")


@require_roles(*MONEY)
def settings(request: HttpRequest) -> HttpResponse:
    """Rates for each kind of activity, expenses limits, the ESA permitted-work limit and
    the organisation's own roles."""
    viewer = request.viewer  # type: ignore[attr-defined]
    org_id = viewer.organisation.pk
    chosen = request.POST.get("form", "") if request.method == "POST" else ""
    rates = queries.rates_of(org_id)
    limits = queries.limits_of(org_id)
    limit_now = queries.settings_for(org_id)

    def bound(name: str) -> Any:
        return request.POST if chosen == name else None

    rate_forms = [
        (
            kind,
            label,
            RateForm(
                bound(f"rate-{kind}"),
                prefix=f"rate-{kind}",
                initial={
                    "basis": rates[kind].basis if kind in rates else "hourly",
                    "amount": pounds(rates[kind].pence)[1:] if kind in rates else "",
                },
            ),
        )
        for kind, label in ActivityKind.choices
    ]
    limit_forms = [
        (
            kind,
            label,
            LimitForm(
                bound(f"limit-{kind}"),
                prefix=f"limit-{kind}",
                initial={"amount": pounds(limits[kind])[1:] if kind in limits else ""},
            ),
        )
        for kind, label in ExpenseKind.choices
    ]
    esa_form = PermittedWorkForm(
        bound("esa"),
        prefix="esa",
        initial={
            "amount": pounds(limit_now.esa_weekly_limit_pence)[1:],
            "hours": limit_now.esa_weekly_hours,
        },
    )
    role_form = RoleAddForm(bound("role"), prefix="role")
    if chosen:
        try:
            done = _save_setting(viewer, chosen, rate_forms, limit_forms, esa_form, role_form)
        except ValidationError as error:
            target = next(
                (f for k, _l, f in [*rate_forms, *limit_forms] if chosen.endswith(k)), role_form
            )
            _errors_to(esa_form if chosen == "esa" else target, error)
            done = False
        if done:
            messages.success(request, _("Saved."))
            return redirect("involvement:settings")
    return render(
        request,
        "involvement/settings.jinja",
        _money(
            {
                "rate_forms": rate_forms,
                "limit_forms": limit_forms,
                "esa_form": esa_form,
                "role_form": role_form,
                "rates": rates,
                "limits": limits,
                "added_roles": list(queries.added_roles(org_id)),
            }
        ),
    )


def _save_setting(
    viewer: Any,
    chosen: str,
    rate_forms: list[Any],
    limit_forms: list[Any],
    esa_form: PermittedWorkForm,
    role_form: RoleAddForm,
) -> bool:
    for kind, _label, form in rate_forms:
        if chosen == f"rate-{kind}":
            if not form.is_valid():
                return False
            actions.rate_set(
                viewer=viewer,
                activity_kind=kind,
                basis=form.cleaned_data["basis"],
                pence=form.cleaned_data["amount"],
            )
            return True
    for kind, _label, form in limit_forms:
        if chosen == f"limit-{kind}":
            if not form.is_valid():
                return False
            actions.limit_set(viewer=viewer, kind=kind, limit_pence=form.cleaned_data["amount"])
            return True
    if chosen == "esa":
        if not esa_form.is_valid():
            return False
        actions.permitted_work_set(
            viewer=viewer,
            limit_pence=esa_form.cleaned_data["amount"],
            hours_a_week=esa_form.cleaned_data["hours"],
        )
        return True
    if chosen == "role":
        if not role_form.is_valid():
            return False
        actions.role_add(
            viewer=viewer,
            name=role_form.cleaned_data["name"],
            description=role_form.cleaned_data.get("description") or "",
        )
        return True
    return False
