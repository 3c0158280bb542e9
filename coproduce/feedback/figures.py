"""Figures for comments, complaints and compliments, per service and across the
organisation, over a chosen period; and the summary of complaints CQC can ask for.

Every figure counts concerns received in the period (both days included), or averages
over them; none says who raised anything, and no words anyone wrote are shown. Each is
read with grouped queries, the same few whatever the number of concerns or services. The
days between two dates come from how many concerns share each date: the average working
days from received to acknowledged is the average working-day number of the days they
were acknowledged less that of the days they were received
(``core.working_days.working_day_number``), so a year of complaints costs a few hundred
rows, one per day, not one per complaint.

- **Acknowledged within 3 working days**: of the complaints acknowledged, or past the day
  they were due to be, those acknowledged on or before it (``Concern.acknowledge_by``).
- **Answered by the agreed date**: the same for the answer date (agreed with the
  complainant, or 6 months after it was received).
- **Upheld, partly upheld, not upheld**: of the complaints answered.
- **Led to a change made**: comments and complaints linked to a "you said, we did" change
  that is made; the days from raised to made, over every source of the changes made in the
  period (``ChangeSource.raised_on`` to the day the change was made).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from coproduce.accounts.models import Service
from coproduce.core.date_ranges import years_from
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.core.working_days import working_day_number
from coproduce.feedback.models import (
    Change,
    ChangeSource,
    ChangeStatus,
    Concern,
    ConcernKind,
    ConcernStatus,
    SourceKind,
    Theme,
    Upheld,
    themes_in_order,
)

# The longest period figures or a summary are read for, in years.
LONGEST_PERIOD_YEARS = 3


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date


def last_twelve_months(today: dt.date) -> Period:
    return Period(years_from(today, -1) + dt.timedelta(days=1), today)


@dataclass(frozen=True)
class Scope:
    """Whose figures: the organisation's, or only those of some of its services."""

    organisation_id: int
    service_ids: frozenset[int] | None  # None: the whole organisation

    @property
    def whole_organisation(self) -> bool:
        return self.service_ids is None


def figures_scope(viewer: Viewer) -> Scope:
    """The organisation for its leaders; for a manager, the services they manage."""
    assert viewer.organisation is not None
    if viewer.has_role(*ORGANISATION_WIDE):
        return Scope(viewer.organisation.pk, None)
    return Scope(viewer.organisation.pk, viewer.services_for("service_manager"))


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Counts:
    """The numbers for one group of concerns: the organisation's, or one service's."""

    comments: int = 0
    complaints: int = 0
    compliments: int = 0
    acknowledge_due: int = 0
    acknowledged_in_time: int = 0
    answer_due: int = 0
    answered: int = 0
    answered_in_time: int = 0
    upheld: int = 0
    partly: int = 0
    not_upheld: int = 0
    open: int = 0
    overdue: int = 0
    safeguarding: int = 0
    about_organisation: int = 0
    comments_and_complaints: int = 0
    led_to_change: int = 0

    @property
    def total(self) -> int:
        return self.comments + self.complaints + self.compliments

    @property
    def acknowledged_in_time_share(self) -> float | None:
        return share(self.acknowledged_in_time, self.acknowledge_due)

    @property
    def answered_in_time_share(self) -> float | None:
        return share(self.answered_in_time, self.answer_due)

    @property
    def upheld_share(self) -> float | None:
        return share(self.upheld, self.answered)

    @property
    def partly_share(self) -> float | None:
        return share(self.partly, self.answered)

    @property
    def not_upheld_share(self) -> float | None:
        return share(self.not_upheld, self.answered)

    @property
    def led_to_change_share(self) -> float | None:
        return share(self.led_to_change, self.comments_and_complaints)


# Counted under another name: a count called ``upheld`` would hide the field of that name
# from the conditions that count it.
PREFIX = "number_of_"
# Counted for each kind in one grouped query; the clocks are read from the complaints' row.
PER_KIND = (
    "all",
    "acknowledge_due",
    "acknowledged_in_time",
    "answer_due",
    "answered",
    "answered_in_time",
    "upheld",
    "partly",
    "not_upheld",
    "open",
    "overdue",
    "safeguarding",
    "about_organisation",
    "led_to_change",
)


def _expressions(organisation_id: int, today: dt.date) -> dict[str, Count]:
    """The conditional counts behind ``Counts``, for a query grouped by kind (so no
    condition asks the kind again for every row)."""
    answered = Q(responded_at__isnull=False)
    still_open = ~Q(status__in=[ConcernStatus.RESPONDED, ConcernStatus.CLOSED])
    made = ChangeSource.objects.filter(
        kind=SourceKind.CONCERN,
        change__organisation_id=organisation_id,
        change__status=ChangeStatus.MADE,
    ).values("object_id")

    def counted(condition: Q | None = None) -> Count:
        return Count("pk", filter=condition)

    expressions = {
        "all": counted(),
        "acknowledge_due": counted(Q(acknowledged_at__isnull=False) | Q(acknowledge_by__lt=today)),
        "acknowledged_in_time": counted(Q(acknowledged_at__date__lte=F("acknowledge_by"))),
        "answer_due": counted(answered | Q(respond_by__lt=today)),
        "answered": counted(answered),
        "answered_in_time": counted(Q(responded_at__date__lte=F("respond_by"))),
        "upheld": counted(answered & Q(upheld=Upheld.UPHELD)),
        "partly": counted(answered & Q(upheld=Upheld.PARTLY)),
        "not_upheld": counted(answered & Q(upheld=Upheld.NOT_UPHELD)),
        "open": counted(still_open),
        "overdue": counted(
            still_open
            & (
                Q(status=ConcernStatus.RECEIVED, acknowledge_by__lt=today)
                | (~Q(status=ConcernStatus.RECEIVED) & Q(respond_by__lt=today))
            )
        ),
        "safeguarding": counted(Q(safeguarding=True)),
        "about_organisation": counted(Q(service__isnull=True)),
        "led_to_change": counted(Q(pk__in=made)),
    }
    return {PREFIX + name: expressions[name] for name in PER_KIND}


def _counts(rows: Iterable[Mapping[str, Any]]) -> Counts:
    """The counts from the rows of one group, a row for each kind."""
    by_kind = {
        row["kind"]: {name: int(row[PREFIX + name] or 0) for name in PER_KIND} for row in rows
    }
    none = dict.fromkeys(PER_KIND, 0)
    complaints = by_kind.get(ConcernKind.COMPLAINT, none)
    comments = by_kind.get(ConcernKind.COMMENT, none)
    compliments = by_kind.get(ConcernKind.COMPLIMENT, none)
    every = (complaints, comments, compliments)
    return Counts(
        comments=comments["all"],
        complaints=complaints["all"],
        compliments=compliments["all"],
        acknowledge_due=complaints["acknowledge_due"],
        acknowledged_in_time=complaints["acknowledged_in_time"],
        answer_due=complaints["answer_due"],
        answered=complaints["answered"],
        answered_in_time=complaints["answered_in_time"],
        upheld=complaints["upheld"],
        partly=complaints["partly"],
        not_upheld=complaints["not_upheld"],
        open=complaints["open"],
        overdue=complaints["overdue"],
        safeguarding=sum(kind["safeguarding"] for kind in every),
        about_organisation=sum(kind["about_organisation"] for kind in every),
        comments_and_complaints=comments["all"] + complaints["all"],
        led_to_change=comments["led_to_change"] + complaints["led_to_change"],
    )


def received_in(scope: Scope, period: Period, kind: str = "") -> QuerySet[Concern]:
    """The concerns received in the period, in the scope (of one kind when given)."""
    concerns = Concern.objects.filter(
        organisation_id=scope.organisation_id, received_on__range=(period.start, period.end)
    )
    if scope.service_ids is not None:
        concerns = concerns.filter(service_id__in=sorted(scope.service_ids))
    if kind:
        concerns = concerns.filter(kind=kind)
    return concerns


def counts_and_themes(
    concerns: QuerySet[Concern], scope: Scope, today: dt.date
) -> tuple[Counts, list[ThemeRow], Counter[str]]:
    """The counts, and how many of each kind have each theme, from one query grouped by
    kind and themes as stored (a few hundred groups at most): every count adds up across
    the groups, so the totals are their sums."""
    rows: list[Mapping[str, Any]] = list(
        concerns.values("kind", "themes")
        .annotate(**_expressions(scope.organisation_id, today))
        .order_by()
    )
    by_kind: dict[str, dict[str, int]] = {}
    for row in rows:
        kind = by_kind.setdefault(row["kind"], dict.fromkeys(PER_KIND, 0))
        for name in PER_KIND:
            kind[name] += int(row[PREFIX + name] or 0)
    summed = [
        {"kind": kind, **{PREFIX + k: v for k, v in n.items()}} for kind, n in by_kind.items()
    ]
    themes, without = theme_rows((row["kind"], row["themes"], row[PREFIX + "all"]) for row in rows)
    return _counts(summed), themes, without


def counts_by_service(
    concerns: QuerySet[Concern], scope: Scope, today: dt.date, service_ids: Iterable[int]
) -> dict[int, Counts]:
    """The counts of each of these services, from one grouped query."""
    grouped: dict[int, list[Mapping[str, Any]]] = {}
    for row in (
        concerns.filter(service_id__in=sorted(service_ids))
        .values("service_id", "kind")
        .annotate(**_expressions(scope.organisation_id, today))
        .order_by()
    ):
        grouped.setdefault(row["service_id"], []).append(row)
    return {service_id: _counts(rows) for service_id, rows in grouped.items()}


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    label: str
    comments: int
    complaints: int
    compliments: int

    @property
    def total(self) -> int:
        return self.comments + self.complaints + self.compliments


def theme_rows(
    groups: Iterable[tuple[str, list[str] | None, int]],
) -> tuple[list[ThemeRow], Counter[str]]:
    """How many of each kind have each theme (a concern with two themes counts under
    both), in the list's order, and how many of each kind have none yet, from how many of
    each kind have each set of themes."""
    found: Counter[tuple[str, str]] = Counter()
    without: Counter[str] = Counter()
    for kind, stored, number in groups:
        chosen = themes_in_order(stored or [])
        if not chosen:
            without[kind] += number
        for theme in chosen:
            found[(kind, theme)] += number
    rows = [
        ThemeRow(
            theme,
            str(label),
            found[(ConcernKind.COMMENT, theme)],
            found[(ConcernKind.COMPLAINT, theme)],
            found[(ConcernKind.COMPLIMENT, theme)],
        )
        for theme, label in Theme.choices
    ]
    return rows, without


@dataclass(frozen=True)
class Days:
    """Average days from one date to another, over ``count`` concerns."""

    average: float | None
    count: int


def _average_gap(
    starts: Iterable[tuple[dt.date, int]],
    ends: Iterable[tuple[dt.date, int]],
    day_number: Callable[[dt.date], int],
) -> Days:
    """The average of end minus start over the same concerns, from how many start and how
    many end on each day; ``day_number`` numbers the days (working days, or all days)."""
    ended = [(day, n) for day, n in ends if n]
    count = sum(n for _day, n in ended)
    if not count:
        return Days(None, 0)
    total = sum(n * day_number(day) for day, n in ended) - sum(
        n * day_number(day) for day, n in starts if n
    )
    return Days(total / count, count)


def complaint_days(complaints: QuerySet[Concern]) -> tuple[Days, Days]:
    """Average working days from received to acknowledged, and average days from
    received to answered, from three queries grouped by day."""
    complaints = complaints.filter(kind=ConcernKind.COMPLAINT)
    received = list(
        complaints.values("received_on")
        .annotate(
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            answered=Count("pk", filter=Q(responded_at__isnull=False)),
        )
        .order_by()
    )

    def by_day(field: str) -> list[tuple[dt.date, int]]:
        return [
            (row["day"], row["n"])
            for row in complaints.filter(**{f"{field}__isnull": False})
            .annotate(day=TruncDate(field))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by()
        ]

    acknowledging = _average_gap(
        ((row["received_on"], row["acknowledged"]) for row in received),
        by_day("acknowledged_at"),
        working_day_number,
    )
    answering = _average_gap(
        ((row["received_on"], row["answered"]) for row in received),
        by_day("responded_at"),
        dt.date.toordinal,
    )
    return acknowledging, answering


def _made_in(scope: Scope, period: Period) -> QuerySet[Change]:
    made = Change.objects.filter(
        organisation_id=scope.organisation_id,
        status=ChangeStatus.MADE,
        made_at__date__range=(period.start, period.end),
    )
    if scope.service_ids is not None:
        made = made.filter(service_id__in=sorted(scope.service_ids))
    return made


def changes_made(scope: Scope, period: Period) -> tuple[int, Days]:
    """How many changes were made in the period, and the average days from when what led
    to each was raised to the day it was made (over all their sources)."""
    made = _made_in(scope, period)
    number = made.count()
    if not number:
        return 0, Days(None, 0)
    rows = list(
        ChangeSource.objects.filter(change__in=made)
        .annotate(made_on=TruncDate("change__made_at"))
        .values("raised_on", "made_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return number, _average_gap(
        ((row["raised_on"], row["n"]) for row in rows),
        ((row["made_on"], row["n"]) for row in rows),
        dt.date.toordinal,
    )


@dataclass(frozen=True)
class Figures:
    period: Period
    counts: Counts
    themes: list[ThemeRow]
    without_theme: Counter[str]
    to_acknowledge: Days
    to_answer: Days
    changes_made: int
    to_change: Days


def figures_for(scope: Scope, period: Period, today: dt.date) -> Figures:
    """The figures of the scope over the period, from six queries."""
    concerns = received_in(scope, period)
    counts, themes, without = counts_and_themes(concerns, scope, today)
    to_acknowledge, to_answer = complaint_days(concerns)
    number, to_change = changes_made(scope, period)
    return Figures(
        period=period,
        counts=counts,
        themes=themes,
        without_theme=without,
        to_acknowledge=to_acknowledge,
        to_answer=to_answer,
        changes_made=number,
        to_change=to_change,
    )


def services_in(scope: Scope) -> QuerySet[Service]:
    """The services the figures are broken down by, by name."""
    services = Service.objects.filter(organisation_id=scope.organisation_id)
    if scope.service_ids is not None:
        services = services.filter(pk__in=sorted(scope.service_ids))
    return services.order_by("name", "pk")


# --- The summary of complaints for CQC ------------------------------------------------


@dataclass(frozen=True)
class ServiceComplaints:
    name: str
    counts: Counts


@dataclass(frozen=True)
class ChangeMade:
    we_will: str
    service_name: str
    made_on: dt.date | None
    complaints: int


@dataclass(frozen=True)
class CqcSummary:
    organisation_name: str
    period: Period
    produced_on: dt.date
    whole_organisation: bool
    counts: Counts
    to_acknowledge: Days
    to_answer: Days
    services_with_complaints: int
    by_service: list[ServiceComplaints]
    themes: list[tuple[str, int]]
    without_theme: int
    changes: list[ChangeMade]


def cqc_summary(
    scope: Scope,
    period: Period,
    today: dt.date,
    *,
    organisation_name: str,
    by_service: bool = True,
) -> CqcSummary:
    """The complaints received in the period: how many, where, about what, how they were
    dealt with, those still open and the changes made because of them. Counts and the
    services' names only: nobody who complained or was supported is named, and nothing
    anyone wrote about a complaint is in it. ``by_service`` reads the table of every
    service with a complaint (for the downloads; the page shows how many there were)."""
    complaints = received_in(scope, period, ConcernKind.COMPLAINT)
    counts, themes, without = counts_and_themes(complaints, scope, today)
    to_acknowledge, to_answer = complaint_days(complaints)
    services: list[ServiceComplaints] = []
    if by_service:
        rows = (
            complaints.values("service_id", "service__name", "kind")
            .annotate(**_expressions(scope.organisation_id, today))
            .order_by("service__name", "service_id")
        )
        services = [ServiceComplaints(row["service__name"] or "", _counts([row])) for row in rows]
        number_of_services = sum(1 for s in services if s.name)
    else:
        number_of_services = (
            complaints.filter(service__isnull=False).values("service_id").distinct().count()
        )
    changes = [
        ChangeMade(
            row["change__we_will"],
            row["change__service__name"] or "",
            timezone.localdate(row["change__made_at"]) if row["change__made_at"] else None,
            row["n"],
        )
        for row in ChangeSource.objects.filter(
            kind=SourceKind.CONCERN,
            object_id__in=complaints.values("pk"),
            change__status=ChangeStatus.MADE,
        )
        .values("change_id", "change__we_will", "change__service__name", "change__made_at")
        .annotate(n=Count("pk"))
        .order_by("change__made_at", "change_id")
    ]
    return CqcSummary(
        organisation_name=organisation_name,
        period=period,
        produced_on=today,
        whole_organisation=scope.whole_organisation,
        counts=counts,
        to_acknowledge=to_acknowledge,
        to_answer=to_answer,
        services_with_complaints=number_of_services,
        by_service=services,
        themes=[(row.label, row.complaints) for row in themes],
        without_theme=without[ConcernKind.COMPLAINT],
        changes=changes,
    )
