"""Every rule of the complaint's clock and life, on real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from coproduce.core.working_days import WALES
from coproduce.feedback.lifecycle import (
    acknowledge_by,
    add_months,
    may_move,
    overdue,
    raised_late,
    remind_on,
    respond_by,
    sounds_like_harm,
)
from coproduce.feedback.models import ConcernKind, ConcernStatus

S = ConcernStatus


def test_a_complaint_moves_only_forwards_or_is_reopened() -> None:
    complaint = ConcernKind.COMPLAINT
    assert may_move(complaint, S.RECEIVED, S.ACKNOWLEDGED)
    assert not may_move(complaint, S.RECEIVED, S.RESPONDED)
    assert may_move(complaint, S.ACKNOWLEDGED, S.INVESTIGATING)
    assert may_move(complaint, S.INVESTIGATING, S.RESPONDED)
    assert may_move(complaint, S.RESPONDED, S.CLOSED)
    assert may_move(complaint, S.CLOSED, S.INVESTIGATING)  # reopened
    assert not may_move(complaint, S.CLOSED, S.RECEIVED)
    assert not may_move(ConcernKind.COMPLIMENT, S.RECEIVED, S.INVESTIGATING)
    assert may_move(ConcernKind.COMPLIMENT, S.RECEIVED, S.CLOSED)


def test_acknowledged_within_3_working_days_across_a_weekend() -> None:
    assert acknowledge_by(dt.date(2027, 2, 5)) == dt.date(2027, 2, 10)  # Friday → Wednesday


def test_acknowledged_within_3_working_days_across_christmas_in_wales() -> None:
    # Wednesday 23 December 2026: Thu 24, then Tue 29, Wed 30 (25th and Monday 28th are
    # bank holidays).
    assert acknowledge_by(dt.date(2026, 12, 23), WALES) == dt.date(2026, 12, 30)


def test_the_response_is_due_within_6_months() -> None:
    assert respond_by(dt.date(2027, 1, 15)) == dt.date(2027, 7, 15)
    assert respond_by(dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)


def test_months_count_back_as_well() -> None:
    assert add_months(dt.date(2028, 2, 29), -12) == dt.date(2027, 2, 28)


def test_raised_more_than_12_months_after_the_events_is_late() -> None:
    received = dt.date(2027, 3, 10)
    assert raised_late(dt.date(2026, 3, 9), received)
    assert not raised_late(dt.date(2026, 3, 10), received)
    assert not raised_late(None, received)


def test_overdue_only_after_the_due_date_and_while_not_done() -> None:
    due = dt.date(2027, 2, 10)
    assert not overdue(due, due, done=False)
    assert overdue(due, dt.date(2027, 2, 11), done=False)
    assert not overdue(due, dt.date(2027, 2, 11), done=True)


def test_the_reminder_comes_the_working_day_before() -> None:
    assert remind_on(dt.date(2027, 2, 10)) == dt.date(2027, 2, 9)
    assert remind_on(dt.date(2027, 2, 8)) == dt.date(2027, 2, 5)  # Monday → Friday
    assert remind_on(dt.date(2026, 12, 29)) == dt.date(2026, 12, 24)  # over Christmas


@pytest.mark.parametrize(
    "words",
    [
        "A worker slapped me",
        "He took my money from my purse",
        "I am scared of the night worker",
        "They pushed him into the chair",
        "I was not given my medication all weekend",
    ],
)
def test_words_of_harm_go_to_safeguarding(words: str) -> None:
    assert sounds_like_harm(words)


@pytest.mark.parametrize(
    "words",
    ["The tea was cold", "I would like more trips out", "Wendy hit the right note at karaoke"],
)
def test_everyday_words_do_not(words: str) -> None:
    assert not sounds_like_harm(words)
