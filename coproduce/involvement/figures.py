"""Involvement figures: hours, payments and expenses by month, by service and by person,
and the share of people supported who hold an involvement role, over the last 12 months.

Counted from approved and paid records only (what waits may still be sent back). Hours
and payments fall in the month and service of their activity; vouchers count as payment;
volunteered hours count as hours. Managers see the services they manage; the
organisation-wide leads see every service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from coproduce.accounts.models import Service
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.involvement.models import ClaimStatus, ExpenseClaim, RoleHeld, TimeRecord
from coproduce.people.models import Person

DONE = [ClaimStatus.APPROVED, ClaimStatus.PAID]
MONTHS = 12


@dataclass(frozen=True)
class Row:
    label: str
    minutes: int
    pay_pence: int
    expenses_pence: int
    people: int = 0


@dataclass(frozen=True)
class ServiceShare:
    service: str
    people: int
    holding_a_role: int
    minutes: int
    pay_pence: int
    expenses_pence: int

    @property
    def percent(self) -> int | None:
        if not self.people:
            return None
        return round(100 * self.holding_a_role / self.people)


@dataclass(frozen=True)
class Figures:
    since: dt.date
    months: list[Row]
    services: list[ServiceShare]
    people: list[Row]
    people_supported: int
    holding_a_role: int

    @property
    def percent(self) -> int | None:
        if not self.people_supported:
            return None
        return round(100 * self.holding_a_role / self.people_supported)


def first_month(today: dt.date) -> dt.date:
    """The first day of the month 11 months before this one: 12 months with this one."""
    month_index = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return dt.date(month_index // 12, month_index % 12 + 1, 1)


def services_seen(viewer: Viewer) -> QuerySet[Service] | None:
    """The services whose figures the viewer reads; None for none."""
    if viewer.organisation is None:
        return None
    services = Service.objects.filter(organisation=viewer.organisation).order_by("name", "pk")
    if viewer.has_role(*ORGANISATION_WIDE):
        return services
    if not viewer.has_role("service_manager"):
        return None
    managed = viewer.services_for("service_manager")
    return services if managed is None else services.filter(pk__in=sorted(managed))


def figures_for(viewer: Viewer, *, today: dt.date, people_limit: int = 50) -> Figures | None:
    services = services_seen(viewer)
    if services is None:
        return None
    since = first_month(today)
    service_ids = list(services.values_list("pk", flat=True))
    time = TimeRecord.objects.filter(
        organisation=viewer.organisation,
        status__in=DONE,
        activity__happened_on__gte=since,
        activity__happened_on__lte=today,
        activity__service_id__in=service_ids,
    )
    expenses = ExpenseClaim.objects.filter(
        organisation=viewer.organisation,
        status__in=DONE,
        activity__happened_on__gte=since,
        activity__happened_on__lte=today,
        activity__service_id__in=service_ids,
    )

    def by(field: str, label: str) -> tuple[dict[object, dict[str, int]], dict[object, str]]:
        totals: dict[object, dict[str, int]] = {}
        labels: dict[object, str] = {}
        for row in time.values(field, label).annotate(
            minutes=Sum("minutes"), pay=Sum("amount_pence"), people=Count("person", distinct=True)
        ):
            key = row[field]
            labels[key] = str(row[label])
            totals[key] = {
                "minutes": row["minutes"] or 0,
                "pay": row["pay"] or 0,
                "expenses": 0,
                "people": row["people"],
            }
        for row in expenses.values(field, label).annotate(total=Sum("amount_pence")):
            key = row[field]
            labels.setdefault(key, str(row[label]))
            totals.setdefault(key, {"minutes": 0, "pay": 0, "expenses": 0, "people": 0})
            totals[key]["expenses"] = row["total"] or 0
        return totals, labels

    month_totals: dict[dt.date, dict[str, int]] = {}
    for row in (
        time.annotate(month=TruncMonth("activity__happened_on"))
        .values("month")
        .annotate(
            minutes=Sum("minutes"), pay=Sum("amount_pence"), people=Count("person", distinct=True)
        )
    ):
        month = _as_date(row["month"])
        month_totals[month] = {
            "minutes": row["minutes"] or 0,
            "pay": row["pay"] or 0,
            "expenses": 0,
            "people": row["people"],
        }
    for spent in (
        expenses.annotate(month=TruncMonth("activity__happened_on"))
        .values("month")
        .annotate(total=Sum("amount_pence"))
    ):
        month = _as_date(spent["month"])
        month_totals.setdefault(month, {"minutes": 0, "pay": 0, "expenses": 0, "people": 0})
        month_totals[month]["expenses"] = spent["total"] or 0
    months = []
    month = since
    while month <= today:
        found = month_totals.get(month, {"minutes": 0, "pay": 0, "expenses": 0, "people": 0})
        months.append(
            Row(
                date_format(month, "F Y"),
                found["minutes"],
                found["pay"],
                found["expenses"],
                found["people"],
            )
        )
        month = (month + dt.timedelta(days=32)).replace(day=1)

    service_totals, _labels = by("activity__service_id", "activity__service__name")
    people_at = Person.objects.filter(organisation=viewer.organisation, services__in=service_ids)
    holders = RoleHeld.objects.filter(
        organisation=viewer.organisation, started_on__lte=today
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    counts = {
        row["services"]: row
        for row in people_at.values("services").annotate(
            people=Count("pk", distinct=True),
            holding=Count("pk", distinct=True, filter=Q(pk__in=holders.values("person_id"))),
        )
    }
    shares = []
    for service in services:
        totals = service_totals.get(service.pk, {"minutes": 0, "pay": 0, "expenses": 0})
        count = counts.get(service.pk, {"people": 0, "holding": 0})
        if not (count["people"] or totals["minutes"] or totals["expenses"]):
            continue
        shares.append(
            ServiceShare(
                service.name,
                count["people"],
                count["holding"],
                totals["minutes"],
                totals["pay"],
                totals["expenses"],
            )
        )

    person_totals, person_labels = by("person_id", "person__preferred_name")
    people = sorted(
        (
            Row(person_labels[key], t["minutes"], t["pay"], t["expenses"])
            for key, t in person_totals.items()
        ),
        key=lambda row: (-row.minutes, row.label),
    )[:people_limit]
    everyone = people_at.distinct()
    return Figures(
        since=since,
        months=months,
        services=shares,
        people=people,
        people_supported=everyone.count(),
        holding_a_role=everyone.filter(pk__in=holders.values("person_id")).count(),
    )


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
