"""The rules of a comment, complaint or compliment, each a named function with its test.

- ``TRANSITIONS``: the moves a complaint may make; comments and compliments are received,
  acknowledged and closed.
- ``acknowledge_by``: a complaint is acknowledged within 3 working days of being received
  (weekends and the bank holidays of England and of Wales skipped).
- ``respond_by``: a response is due within 6 months of receipt unless the complainant agreed
  another date.
- ``raised_late``: raised more than 12 months after the events: taken on only with a
  recorded reason.
- ``overdue`` and ``remind_on``: when a due date has passed, and the working day before it
  when the handler and their manager are reminded.
- ``sounds_like_harm``: words that suggest harm or abuse, which go to the safeguarding lead
  and are never handled only as a complaint.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from coproduce.core.working_days import ENGLAND, add_working_days, is_working_day
from coproduce.feedback.models import ConcernKind, ConcernStatus

ACKNOWLEDGE_WITHIN_WORKING_DAYS = 3
RESPOND_WITHIN_MONTHS = 6
LATE_AFTER_MONTHS = 12

S = ConcernStatus
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    ConcernKind.COMPLAINT: {
        S.RECEIVED: frozenset({S.ACKNOWLEDGED}),
        S.ACKNOWLEDGED: frozenset({S.INVESTIGATING, S.RESPONDED}),
        S.INVESTIGATING: frozenset({S.RESPONDED}),
        S.RESPONDED: frozenset({S.CLOSED, S.INVESTIGATING}),
        # Reopened: looked into again, on a new response date.
        S.CLOSED: frozenset({S.INVESTIGATING}),
    },
    ConcernKind.COMMENT: {
        S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.CLOSED}),
        S.ACKNOWLEDGED: frozenset({S.CLOSED}),
        S.CLOSED: frozenset(),
    },
    ConcernKind.COMPLIMENT: {
        S.RECEIVED: frozenset({S.ACKNOWLEDGED, S.CLOSED}),
        S.ACKNOWLEDGED: frozenset({S.CLOSED}),
        S.CLOSED: frozenset(),
    },
}


def may_move(kind: str, from_status: str, to_status: str) -> bool:
    """Whether a concern of this kind may go from one status to the other."""
    return to_status in TRANSITIONS.get(kind, {}).get(from_status, frozenset())


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31 August + 6 is 28 or 29
    February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def acknowledge_by(received_on: dt.date, nation: str = ENGLAND) -> dt.date:
    return add_working_days(received_on, ACKNOWLEDGE_WITHIN_WORKING_DAYS, nation)


def respond_by(received_on: dt.date) -> dt.date:
    """The latest response date unless the complainant agrees another."""
    return add_months(received_on, RESPOND_WITHIN_MONTHS)


def raised_late(happened_on: dt.date | None, received_on: dt.date) -> bool:
    return happened_on is not None and happened_on < add_months(received_on, -LATE_AFTER_MONTHS)


def overdue(due_on: dt.date | None, today: dt.date, *, done: bool) -> bool:
    return due_on is not None and not done and today > due_on


def remind_on(due_on: dt.date, nation: str = ENGLAND) -> dt.date:
    """The working day before a due date, when the handler and their manager are told."""
    day = due_on - dt.timedelta(days=1)
    while not is_working_day(day, nation):
        day -= dt.timedelta(days=1)
    return day


# Words that suggest harm or abuse. A match flags the concern for the safeguarding lead;
# it never decides anything on its own, and a lead can clear it with a reason.
HARM_WORDS = (
    r"abuse[ds]?",
    r"abusing",
    r"hit(s|ting)?\s+(me|him|her|them)",
    r"hurt(s|ing)?\s+(me|him|her|them)",
    r"slap(ped|s)?",
    r"punch(ed|es)?",
    r"kick(ed|s)?\s+(me|him|her|them)",
    r"push(ed|es)?\s+(me|him|her|them)",
    r"grab(bed|s)?",
    r"touch(ed|es)?\s+me",
    r"took\s+(my|his|her|their)\s+money",
    r"stole|stolen|steal(s|ing)?",
    r"locked\s+(me|him|her|them)\s+in",
    r"scared\s+of",
    r"afraid\s+of",
    r"threaten(ed|s|ing)?",
    r"neglect(ed)?",
    r"bruis(e|es|ed)",
    r"not\s+(been\s+)?given\s+(my|his|her|their)\s+(medication|medicine|tablets|food)",
)
HARM = re.compile(r"\b(" + "|".join(HARM_WORDS) + r")\b", re.IGNORECASE)


def sounds_like_harm(*texts: str) -> bool:
    return any(HARM.search(text or "") for text in texts)
