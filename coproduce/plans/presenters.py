"""Shape a plan for its page: entries by section and the week of "when" entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from coproduce.plans.models import PlanEntry, PlanSection, Weekday


@dataclass
class WeekDay:
    value: int
    label: str
    entries: list[PlanEntry] = field(default_factory=list)


@dataclass
class Week:
    """The "when" entries: a column per day, the timed ones in order, the flexible ones."""

    days: list[WeekDay]
    timed: list[PlanEntry]
    flexible: list[PlanEntry]

    @property
    def is_empty(self) -> bool:
        return not self.timed and not self.flexible


def by_section(entries: Iterable[PlanEntry]) -> dict[str, list[PlanEntry]]:
    grouped: dict[str, list[PlanEntry]] = {section.value: [] for section in PlanSection}
    for entry in entries:
        grouped[entry.section].append(entry)
    # Times in the order of the week; flexible times after them.
    grouped[PlanSection.WHEN.value].sort(
        key=lambda e: (e.flexible or e.weekday is None, e.weekday or 0, e.starts_at or dt.time())
    )
    return grouped


def week_of(entries: Iterable[PlanEntry]) -> Week:
    """Return the "when" entries laid out as a week, Monday first."""
    days = [WeekDay(value=int(day.value), label=str(day.label)) for day in Weekday]
    timed: list[PlanEntry] = []
    flexible: list[PlanEntry] = []
    for entry in entries:
        if entry.section != PlanSection.WHEN:
            continue
        if entry.flexible or entry.weekday is None:
            flexible.append(entry)
            continue
        timed.append(entry)
    timed.sort(key=lambda e: (e.weekday, e.starts_at, e.pk))
    for entry in timed:
        days[entry.weekday].entries.append(entry)  # type: ignore[index]
    return Week(days=days, timed=timed, flexible=flexible)


def time_range(entry: PlanEntry) -> str:
    if entry.starts_at is None or entry.ends_at is None:
        return ""
    return f"{entry.starts_at:%H:%M} to {entry.ends_at:%H:%M}"
