"""The dates each kind of typed date may take, counted from today, and what to say otherwise.

A form's ``GovukDateField(within=MEETING)`` and the action that writes the date check the
same range, so an API or a script cannot store a one-to-one in 2099 either. Each range also
gives the example its hint shows ("For example, 9 12 2026"), worked out from today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The field refuses any year before this one as not a real date.
FIRST_YEAR = 1900


def years_from(day: dt.date, years: int) -> dt.date:
    """Return the same day ``years`` later (or earlier); 28 February for 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def example_words(day: dt.date) -> str:
    """Write a date the way the hint asks people to type it: 3 3 2027."""
    return f"{day.day} {day.month} {day.year}"


DateRule = Callable[[dt.date], dt.date]


@dataclass(frozen=True)
class DateRange:
    """From ``earliest(today)`` to ``latest(today)``, both allowed."""

    earliest: DateRule
    latest: DateRule
    too_early: str | Promise
    too_late: str | Promise
    example: DateRule

    def problem(self, day: dt.date, today: dt.date | None = None) -> str | None:
        """Return the plain-words message for a date out of range, or None."""
        today = today or timezone.localdate()
        if day < self.earliest(today):
            return str(self.too_early)
        if day > self.latest(today):
            return str(self.too_late)
        return None

    def example_for(self, today: dt.date | None = None) -> dt.date:
        return self.example(today or timezone.localdate())


def _first_day(today: dt.date) -> dt.date:
    return dt.date(FIRST_YEAR, 1, 1)


def _today(today: dt.date) -> dt.date:
    return today


# A one-to-one is booked ahead, or written up soon after it happened.
MEETING = DateRange(
    earliest=lambda today: today - dt.timedelta(days=90),
    latest=lambda today: years_from(today, 2),
    too_early=_("The meeting can be no more than 3 months ago"),
    too_late=_("The meeting must be in the next 2 years"),
    example=lambda today: today + dt.timedelta(days=7),
)

# An action agreed at a one-to-one is done by a day to come (or one just past, written up
# late).
ACTION_DUE = DateRange(
    earliest=lambda today: today - dt.timedelta(days=90),
    latest=lambda today: years_from(today, 2),
    too_early=_("The date can be no more than 3 months ago"),
    too_late=_("The date must be in the next 2 years"),
    example=lambda today: today + dt.timedelta(days=28),
)

# A review that happened: today or before, back as far as a paper plan kept before the
# platform.
REVIEW_HELD = DateRange(
    earliest=lambda today: years_from(today, -5),
    latest=_today,
    too_early=_("The review must be in the last 5 years"),
    too_late=_("The review date must be today or in the past"),
    example=lambda today: today - dt.timedelta(days=14),
)

# The next review: from today up to 2 years ahead (a plan is reviewed at least yearly).
NEXT_REVIEW = DateRange(
    earliest=_today,
    latest=lambda today: years_from(today, 2),
    too_early=_("The next review must be today or later"),
    too_late=_("The next review must be in the next 2 years"),
    example=lambda today: years_from(today, 1),
)

# A decision already taken: today or before, within the last 10 years.
DECISION = DateRange(
    earliest=lambda today: years_from(today, -10),
    latest=_today,
    too_early=_("The decision must be in the last 10 years"),
    too_late=_("The date the decision was made must be today or in the past"),
    example=lambda today: today - dt.timedelta(days=21),
)

# A date of birth: from 1900 to yesterday. Its example stays the same date every day.
DATE_OF_BIRTH = DateRange(
    earliest=_first_day,
    latest=lambda today: today - dt.timedelta(days=1),
    too_early=_("Date of birth must be 1900 or later"),
    too_late=_("Date of birth must be in the past"),
    example=lambda today: dt.date(1990, 3, 27),
)

# Searching what happened: nothing is recorded in the future.
PAST = DateRange(
    earliest=_first_day,
    latest=_today,
    too_early=_("Enter a date from 1900 or later"),
    too_late=_("Enter today or a date in the past"),
    example=lambda today: today - dt.timedelta(days=7),
)

# A check-in or a progress note tells how a day went: today or a day before, within 2
# years. No form types these dates; the actions check them for whatever else sends one.
DAY_GONE_BY = DateRange(
    earliest=lambda today: years_from(today, -2),
    latest=_today,
    too_early=_("The day must be in the last 2 years"),
    too_late=_("The day must be today or in the past"),
    example=lambda today: today,
)

# A vote or survey opens and closes from today up to a year ahead.
VOICE_DATES = DateRange(
    earliest=_today,
    latest=lambda today: years_from(today, 1),
    too_early=_("The date must be today or later"),
    too_late=_("The date must be within the next year"),
    example=lambda today: today + dt.timedelta(days=14),
)

# The date a complaint's answer is agreed for: from today, up to 2 years ahead.
ANSWER_AGREED = DateRange(
    earliest=_today,
    latest=lambda today: years_from(today, 2),
    too_early=_("The answer date must be today or later"),
    too_late=_("The answer date must be within the next 2 years"),
    example=lambda today: today + dt.timedelta(days=28),
)
