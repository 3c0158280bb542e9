"""Reads for involvement: the organisation's settings, rates and limits, opportunities,
what a person holds and claimed, what waits for a manager's answer, the payroll."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.roles import FRONT_LINE
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.involvement import lifecycle
from coproduce.involvement.models import (
    Activity,
    Benefit,
    ClaimStatus,
    ExpenseClaim,
    ExpenseLimit,
    Interest,
    InterestStatus,
    InvolvementProfile,
    InvolvementRole,
    InvolvementSettings,
    Opportunity,
    PaymentChoice,
    PayrollExport,
    Rate,
    RoleHeld,
    StandardRole,
    TimeRecord,
)
from coproduce.involvement.rules import APPROVE_EVERYWHERE, INVOLVEMENT
from coproduce.people.models import Person

C = ClaimStatus
# Days a manager has to answer before an item shows as late in the "to answer" list.
ANSWER_WITHIN_DAYS = 7


def settings_for(organisation_id: int) -> InvolvementSettings:
    """The organisation's settings, or the defaults (unsaved) when none were set."""
    found = InvolvementSettings.objects.filter(organisation_id=organisation_id).first()
    return found or InvolvementSettings(organisation_id=organisation_id)


def rates_of(organisation_id: int) -> dict[str, Rate]:
    return {r.activity_kind: r for r in Rate.objects.filter(organisation_id=organisation_id)}


def limits_of(organisation_id: int) -> dict[str, int]:
    return {
        limit.kind: limit.limit_pence
        for limit in ExpenseLimit.objects.filter(organisation_id=organisation_id)
    }


def profile_for(person: Person) -> InvolvementProfile:
    """The person's choices, or the defaults (unsaved): paid, benefit not said."""
    found = InvolvementProfile.objects.filter(person=person).first()
    return found or InvolvementProfile(person=person, organisation_id=person.organisation_id)


def added_roles(organisation_id: int) -> QuerySet[InvolvementRole]:
    return InvolvementRole.objects.filter(organisation_id=organisation_id, standard="").order_by(
        "name"
    )


def role_choices(organisation_id: int) -> list[tuple[str, str]]:
    """The roles an opportunity may advertise: the standard five, then those added."""
    choices = [(f"standard:{code}", str(label)) for code, label in StandardRole.choices]
    choices += [(f"role:{role.pk}", role.name) for role in added_roles(organisation_id)]
    return choices


def open_opportunities(organisation_id: int, today: dt.date) -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(organisation_id=organisation_id, is_open=True)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("role", "service")
        .order_by("closes_on", "-created_at", "-pk")
    )


def opportunities_of(organisation_id: int) -> QuerySet[Opportunity]:
    return (
        Opportunity.objects.filter(organisation_id=organisation_id)
        .select_related("role", "service")
        .order_by("-is_open", "-created_at", "-pk")
    )


def opportunity_in(organisation_id: int, opportunity_id: int) -> Opportunity | None:
    return (
        Opportunity.objects.filter(organisation_id=organisation_id, pk=opportunity_id)
        .select_related("role", "service")
        .first()
    )


def interest_of(opportunity: Opportunity, person: Person) -> Interest | None:
    return Interest.objects.filter(opportunity=opportunity, person=person).first()


def interests_of(person: Person) -> QuerySet[Interest]:
    return (
        Interest.objects.filter(person=person)
        .select_related("opportunity", "opportunity__role")
        .order_by("-created_at", "-pk")
    )


def roles_held_by(person: Person, *, today: dt.date) -> QuerySet[RoleHeld]:
    """The roles the person holds today."""
    return (
        RoleHeld.objects.filter(person=person, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("role")
        .order_by("started_on", "pk")
    )


def roles_ended(person: Person, *, today: dt.date) -> QuerySet[RoleHeld]:
    """The roles the person held before, with their dates."""
    return (
        RoleHeld.objects.filter(person=person, ended_on__lt=today)
        .select_related("role")
        .order_by("-ended_on", "-pk")
    )


def role_held_in(organisation_id: int, held_id: int) -> RoleHeld | None:
    return (
        RoleHeld.objects.filter(organisation_id=organisation_id, pk=held_id)
        .select_related("person", "role")
        .first()
    )


def holds_role(person: Person, standard: str, *, today: dt.date) -> bool:
    """Whether the person holds one of the standard roles today (a quality checker
    visits only while they hold the role)."""
    return roles_held_by(person, today=today).filter(role__standard=standard).exists()


def time_of(person: Person) -> QuerySet[TimeRecord]:
    return (
        TimeRecord.objects.filter(person=person)
        .select_related("activity", "recorded_by")
        .order_by("-activity__happened_on", "-pk")
    )


def expenses_of(person: Person) -> QuerySet[ExpenseClaim]:
    return (
        ExpenseClaim.objects.filter(person=person)
        .select_related("activity", "recorded_by")
        .order_by("-activity__happened_on", "-pk")
    )


def recent_activities(organisation_id: int, person: Person) -> QuerySet[Activity]:
    """Activities the person's time or expenses were already recorded against, newest
    first, to claim expenses from."""
    ids = TimeRecord.objects.filter(person=person).values("activity_id")
    return Activity.objects.filter(organisation_id=organisation_id, pk__in=ids).order_by(
        "-happened_on", "-pk"
    )


def week_so_far(
    person: Person, day: dt.date, *, leave_out: int | None = None, waiting_too: bool = False
) -> tuple[int, int]:
    """The pence and minutes of paid work (payments and vouchers) already approved for
    the person in the week of ``day`` (and, with ``waiting_too``, still waiting)."""
    monday, sunday = lifecycle.week_of(day)
    statuses = [C.APPROVED, C.PAID, *([C.SUBMITTED] if waiting_too else [])]
    records = TimeRecord.objects.filter(
        person=person,
        status__in=statuses,
        payment_choice__in=list(lifecycle.COUNTS_AS_PAY),
        activity__happened_on__range=(monday, sunday),
    )
    if leave_out is not None:
        records = records.exclude(pk=leave_out)
    pence = 0
    minutes = 0
    for record in records.select_related("activity"):
        minutes += record.minutes
        if record.amount_pence is not None:
            pence += record.amount_pence
        else:
            pence += expected_pay(record) or 0
    return pence, minutes


def expected_pay(record: TimeRecord) -> int | None:
    """What the record pays at today's rate (None when no rate is set for its kind)."""
    rate = Rate.objects.filter(
        organisation_id=record.organisation_id, activity_kind=record.activity.kind
    ).first()
    if rate is None:
        return None
    return lifecycle.pay_for(
        rate_pence=rate.pence,
        basis=rate.basis,
        minutes=record.minutes,
        payment_choice=record.payment_choice,
    )


def permitted_work_for(
    record: TimeRecord, *, pence: int, waiting_too: bool
) -> lifecycle.PermittedWork | None:
    """For a person on ESA, the week's paid work with this record paying ``pence``;
    None for anyone else, or for volunteering."""
    if profile_for(record.person).benefit != Benefit.ESA:
        return None
    if record.payment_choice not in lifecycle.COUNTS_AS_PAY:
        return None
    limits = settings_for(record.organisation_id)
    day = record.activity.happened_on
    pence_before, minutes_before = week_so_far(
        record.person, day, leave_out=record.pk, waiting_too=waiting_too
    )
    return lifecycle.permitted_work(
        week_starts=lifecycle.week_of(day)[0],
        limit_pence=limits.esa_weekly_limit_pence,
        limit_hours=limits.esa_weekly_hours,
        pence_before=pence_before,
        minutes_before=minutes_before,
        pence_added=pence,
        minutes_added=record.minutes,
    )


def people_approved_by(viewer: Viewer) -> QuerySet[Person] | None:
    """The people whose hours, expenses and interests the viewer answers; None for none."""
    if viewer.organisation is None:
        return None
    everyone = Person.objects.filter(organisation=viewer.organisation)
    if viewer.has_role(*APPROVE_EVERYWHERE):
        return everyone
    if not viewer.has_role("service_manager"):
        return None
    managed = viewer.services_for("service_manager")
    if managed is None:
        return everyone
    return everyone.filter(services__in=sorted(managed)).distinct()


def time_waiting(viewer: Viewer) -> QuerySet[TimeRecord]:
    people = people_approved_by(viewer)
    if people is None:
        return TimeRecord.objects.none()
    return (
        TimeRecord.objects.filter(
            organisation=viewer.organisation, status=C.SUBMITTED, person__in=people.values("pk")
        )
        .select_related("person", "activity")
        .order_by("created_at", "pk")
    )


def expenses_waiting(viewer: Viewer) -> QuerySet[ExpenseClaim]:
    people = people_approved_by(viewer)
    if people is None:
        return ExpenseClaim.objects.none()
    return (
        ExpenseClaim.objects.filter(
            organisation=viewer.organisation, status=C.SUBMITTED, person__in=people.values("pk")
        )
        .select_related("person", "activity")
        .order_by("created_at", "pk")
    )


def interests_waiting(viewer: Viewer) -> QuerySet[Interest]:
    people = people_approved_by(viewer)
    if people is None:
        return Interest.objects.none()
    return (
        Interest.objects.filter(
            organisation=viewer.organisation,
            status=InterestStatus.INTERESTED,
            person__in=people.values("pk"),
        )
        .select_related("person", "opportunity", "opportunity__role")
        .order_by("created_at", "pk")
    )


def involvement_to_answer(viewer: Viewer, *, today: dt.date, limit: int) -> Waiting | None:
    """Hours, expenses and interests waiting for the viewer's answer, oldest first; due a
    week after they were sent. Items name the person and the kind of thing, no amounts.
    The list is the service managers'; senior leaders answer from the involvement page."""
    if not viewer.has_role("service_manager") or people_approved_by(viewer) is None:
        return None
    found: list[ToAnswer] = []
    count = 0
    overdue = 0
    sources = (
        (time_waiting(viewer), "involvement:time", "record_id", _("Hours to approve")),
        (expenses_waiting(viewer), "involvement:expense", "claim_id", _("Expenses to approve")),
        (
            interests_waiting(viewer),
            "involvement:interest",
            "interest_id",
            _("Interested in a role"),
        ),
    )
    for items, url_name, kwarg, summary in sources:
        late_before = today - dt.timedelta(days=ANSWER_WITHIN_DAYS)
        count += items.count()
        overdue += items.filter(created_at__date__lt=late_before).count()
        for item in items[:limit]:
            found.append(
                ToAnswer(
                    kind="involvement",
                    label=_("Involvement"),
                    person_name=item.person.preferred_name,
                    summary=summary,
                    due_on=item.created_at.date() + dt.timedelta(days=ANSWER_WITHIN_DAYS),
                    url=reverse(url_name, kwargs={kwarg: item.pk}),
                    pk=item.pk,
                )
            )
    found.sort(key=lambda item: (item.due_on, item.pk))
    return Waiting("involvement", _("Involvement"), count, overdue, found[:limit])


def people_involved(viewer: Viewer) -> QuerySet[Person]:
    """People who hold a role or recorded time, among those whose involvement the viewer
    answers (everyone in the organisation for those who run the payroll), by name."""
    from coproduce.involvement.rules import sets_money

    if viewer.organisation is None:
        return Person.objects.none()
    if sets_money(viewer):
        scope = Person.objects.filter(organisation=viewer.organisation)
    else:
        approved = people_approved_by(viewer)
        scope = approved if approved is not None else Person.objects.none()
    involved = Q(
        pk__in=RoleHeld.objects.filter(organisation=viewer.organisation).values("person_id")
    )
    involved |= Q(
        pk__in=TimeRecord.objects.filter(organisation=viewer.organisation).values("person_id")
    )
    return scope.filter(involved).distinct().order_by("preferred_name", "pk")


def people_i_help(viewer: Viewer) -> QuerySet[Person]:
    """Whose involvement the viewer may record: the people they support who share "My
    involvement and payments", and (staff) the people of the services they work in."""
    from coproduce.people.queries import people_where_i_work

    if viewer.organisation is None:
        return Person.objects.none()
    shared = [pk for pk, scopes in viewer.shared_scopes.items() if INVOLVEMENT in scopes]
    condition = Q(pk__in=shared)
    if viewer.has_role(*FRONT_LINE):
        condition |= Q(pk__in=people_where_i_work(viewer).values("pk"))
    return (
        Person.objects.filter(organisation=viewer.organisation)
        .filter(condition)
        .exclude(pk=viewer.person_id or 0)
        .distinct()
        .order_by("preferred_name", "pk")
    )


def person_in(organisation_id: int, person_id: int) -> Person | None:
    return Person.objects.filter(organisation_id=organisation_id, pk=person_id).first()


def service_ids_of(person: Person) -> list[int]:
    return list(person.services.values_list("pk", flat=True))


# --- payroll ---------------------------------------------------------------------------


def payable_time(organisation_id: int) -> QuerySet[TimeRecord]:
    """Approved hours not yet exported that pay something (payments and vouchers)."""
    return TimeRecord.objects.filter(
        organisation_id=organisation_id,
        status=C.APPROVED,
        exported_in__isnull=True,
        payment_choice__in=[PaymentChoice.PAY, PaymentChoice.VOUCHERS],
    )


def payable_expenses(organisation_id: int) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(
        organisation_id=organisation_id, status=C.APPROVED, exported_in__isnull=True
    )


@dataclass(frozen=True)
class PayrollWaiting:
    time_count: int
    expense_count: int
    total_pence: int


def payroll_waiting(organisation_id: int) -> PayrollWaiting:
    time = payable_time(organisation_id).aggregate(total=Sum("amount_pence"))
    expenses = payable_expenses(organisation_id).aggregate(total=Sum("amount_pence"))
    return PayrollWaiting(
        time_count=payable_time(organisation_id).count(),
        expense_count=payable_expenses(organisation_id).count(),
        total_pence=(time["total"] or 0) + (expenses["total"] or 0),
    )


def exports_of(organisation_id: int) -> QuerySet[PayrollExport]:
    return PayrollExport.objects.filter(organisation_id=organisation_id).select_related(
        "created_by"
    )


PAYROLL_HEADER = [
    "Export",
    "Person",
    "Person number",
    "Kind",
    "What for",
    "Date",
    "Minutes",
    "Rate (pounds)",
    "Rate basis",
    "Paid as",
    "Amount (pounds)",
    "Approved by",
]


def export_rows(export: PayrollExport) -> list[list[str | int]]:
    """The rows of one export, read back from its own items: the same file every time."""
    from coproduce.involvement.money import pounds_plain

    rows: list[list[str | int]] = []
    for record in export.time.select_related("person", "activity", "answered_by").order_by(
        "person__preferred_name", "person_id", "activity__happened_on", "pk"
    ):
        rows.append(
            [
                export.number,
                record.person.full_name or record.person.preferred_name,
                record.person.pk,
                "hours",
                record.activity.description,
                record.activity.happened_on.isoformat(),
                record.minutes,
                pounds_plain(record.rate_pence or 0),
                record.rate_basis,
                record.payment_choice,
                pounds_plain(record.amount_pence or 0),
                record.answered_by.name if record.answered_by else "",
            ]
        )
    for claim in export.expenses.select_related("person", "activity", "answered_by").order_by(
        "person__preferred_name", "person_id", "activity__happened_on", "pk"
    ):
        rows.append(
            [
                export.number,
                claim.person.full_name or claim.person.preferred_name,
                claim.person.pk,
                f"expenses: {claim.kind}",
                f"{claim.activity.description}: {claim.description}",
                claim.activity.happened_on.isoformat(),
                "",
                "",
                "",
                "repaid",
                pounds_plain(claim.amount_pence),
                claim.answered_by.name if claim.answered_by else "",
            ]
        )
    return rows


def export_in(organisation_id: int, export_id: int) -> PayrollExport | None:
    return PayrollExport.objects.filter(organisation_id=organisation_id, pk=export_id).first()


# --- the person's statement -------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One month of a person's involvement: each approved or paid time record and expense
    claim, with the totals."""

    month: dt.date  # the first day of the month
    time: list[TimeRecord]
    expenses: list[ExpenseClaim]
    minutes: int
    paid_pence: int
    voucher_pence: int
    volunteer_minutes: int
    expenses_pence: int
    waiting: int

    @property
    def total_pence(self) -> int:
        return self.paid_pence + self.voucher_pence + self.expenses_pence


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def statement_for(person: Person, month: dt.date) -> Statement:
    first, last = month_bounds(month)
    done = [C.APPROVED, C.PAID]
    time = list(time_of(person).filter(status__in=done, activity__happened_on__range=(first, last)))
    expenses = list(
        expenses_of(person).filter(status__in=done, activity__happened_on__range=(first, last))
    )
    waiting = (
        time_of(person)
        .filter(status=C.SUBMITTED, activity__happened_on__range=(first, last))
        .count()
        + expenses_of(person)
        .filter(status=C.SUBMITTED, activity__happened_on__range=(first, last))
        .count()
    )
    return Statement(
        month=first,
        time=time,
        expenses=expenses,
        minutes=sum(r.minutes for r in time),
        paid_pence=sum(r.amount_pence or 0 for r in time if r.payment_choice == PaymentChoice.PAY),
        voucher_pence=sum(
            r.amount_pence or 0 for r in time if r.payment_choice == PaymentChoice.VOUCHERS
        ),
        volunteer_minutes=sum(
            r.minutes for r in time if r.payment_choice == PaymentChoice.VOLUNTEER
        ),
        expenses_pence=sum(c.amount_pence for c in expenses),
        waiting=waiting,
    )
