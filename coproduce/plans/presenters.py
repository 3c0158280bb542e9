"""Shape a plan for its page: entries by section and the week of "when" entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from coproduce.plans.models import PlanEntry, PlanSection, Weekday


def join_words(words: Sequence[str]) -> str:
    """Join words as "a", "a and b", "a, b and c"."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return _("{rest} and {last}").format(rest=", ".join(words[:-1]), last=words[-1])


def days_in_words(weekdays: Iterable[int]) -> str:
    """Name days of the week in words: "Every day", "Monday to Friday", "Monday and Friday".

    Three or more days in a row read as a span; days apart are listed.
    """
    days = sorted(set(weekdays))
    if len(days) == len(Weekday):
        return _("Every day")
    names = {int(day.value): str(day.label) for day in Weekday}
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(_("{first} to {last}").format(first=names[run[0]], last=names[run[-1]]))
        else:
            words.extend(names[day] for day in run)
    return join_words(words)


class SameWords:
    """Entries of the "when" part with the same words and times on several days, shown once.

    Each day stays its own entry, with its own agreement, versions and place in the
    decisions record; ``entries`` reaches each one. Everything else reads from the first,
    so a template shows the group as it shows one entry, with its days in words.
    """

    def __init__(self, entries: Sequence[PlanEntry]) -> None:
        self.entries = sorted(entries, key=lambda e: (e.weekday, e.pk))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.entries[0], name)

    @property
    def same_days(self) -> bool:
        return True

    def get_weekday_display(self) -> str:
        return days_in_words(e.weekday for e in self.entries if e.weekday is not None)


def _same_words_key(entry: PlanEntry) -> tuple[Any, ...] | None:
    """Entries with the same key read the same on every day; None: never grouped."""
    if entry.section != PlanSection.WHEN or entry.flexible or entry.weekday is None:
        return None
    return (
        entry.text.strip(),
        entry.starts_at,
        entry.ends_at,
        entry.agreement,
        entry.person_comment,
        entry.voice_how,
        entry.voice_helper_id,
    )


def group_same_words(entries: Iterable[PlanEntry]) -> list[PlanEntry | SameWords]:
    """Show entries with the same words on several days once, where the first of them was."""
    order: list[PlanEntry | list[PlanEntry]] = []
    groups: dict[tuple[Any, ...], list[PlanEntry]] = {}
    for entry in entries:
        key = _same_words_key(entry)
        if key is None:
            order.append(entry)
        elif key in groups:
            groups[key].append(entry)
        else:
            groups[key] = [entry]
            order.append(groups[key])
    shown: list[PlanEntry | SameWords] = []
    for item in order:
        if isinstance(item, list):
            shown.append(SameWords(item) if len(item) > 1 else item[0])
        else:
            shown.append(item)
    return shown


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

    @property
    def timed_rows(self) -> list[PlanEntry | SameWords]:
        """The timed entries as a list, the same words on several days in one row."""
        return group_same_words(self.timed)


def by_section(entries: Iterable[PlanEntry]) -> dict[str, list[PlanEntry | SameWords]]:
    """Return the entries of each part; the same words on several days are shown once."""
    grouped: dict[str, list[PlanEntry]] = {section.value: [] for section in PlanSection}
    for entry in entries:
        grouped[entry.section].append(entry)
    # Times in the order of the week; flexible times after them.
    grouped[PlanSection.WHEN.value].sort(
        key=lambda e: (e.flexible or e.weekday is None, e.weekday or 0, e.starts_at or dt.time())
    )
    shown: dict[str, list[PlanEntry | SameWords]] = dict(grouped)  # type: ignore[arg-type]
    shown[PlanSection.WHEN.value] = group_same_words(grouped[PlanSection.WHEN.value])
    return shown


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


def time_range(entry: PlanEntry | SameWords) -> str:
    if entry.starts_at is None or entry.ends_at is None:
        return ""
    return _("%(start)s to %(end)s") % {
        "start": f"{entry.starts_at:%H:%M}",
        "end": f"{entry.ends_at:%H:%M}",
    }
