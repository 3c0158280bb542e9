"""Working days skip weekends and the bank holidays of England and of Wales."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coproduce.core.working_days import (
    ENGLAND,
    WALES,
    add_working_days,
    is_working_day,
    working_day_number,
    working_days_between,
)


def test_a_weekend_is_skipped() -> None:
    friday = dt.date(2027, 2, 5)
    assert add_working_days(friday, 3) == dt.date(2027, 2, 10)  # Mon, Tue, Wed


@pytest.mark.parametrize("nation", [ENGLAND, WALES])
def test_christmas_and_the_boxing_day_moved_to_monday_are_skipped(nation: str) -> None:
    # Thursday 24 December 2026; Christmas is Friday, Boxing Day (Saturday) moves to Monday.
    christmas_eve = dt.date(2026, 12, 24)
    assert not is_working_day(dt.date(2026, 12, 25), nation)
    assert not is_working_day(dt.date(2026, 12, 28), nation)
    assert add_working_days(christmas_eve, 3, nation) == dt.date(2026, 12, 31)


def test_easter_monday_is_skipped() -> None:
    # Thursday 25 March 2027; Good Friday 26th and Easter Monday 29th are bank holidays.
    assert add_working_days(dt.date(2027, 3, 25), 1) == dt.date(2027, 3, 30)


def test_days_between_count_only_working_days() -> None:
    assert working_days_between(dt.date(2027, 2, 5), dt.date(2027, 2, 10)) == 3
    assert working_days_between(dt.date(2027, 2, 10), dt.date(2027, 2, 5)) == 0
    assert working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 31)) == 3


def test_an_unknown_nation_is_refused() -> None:
    with pytest.raises(ValueError):
        is_working_day(dt.date(2027, 1, 4), "SCT")


def test_working_day_numbers_step_over_christmas_and_a_weekend() -> None:
    # Thursday 24 December 2026, then Tuesday 29th to Thursday 31st: 3 working days.
    assert (
        working_day_number(dt.date(2026, 12, 31)) - working_day_number(dt.date(2026, 12, 24)) == 3
    )
    # A Saturday has the Friday's number: no working day between them.
    assert working_day_number(dt.date(2027, 2, 6)) == working_day_number(dt.date(2027, 2, 5))


@given(
    st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.integers(min_value=0, max_value=800),
    st.sampled_from([ENGLAND, WALES]),
)
def test_the_difference_of_numbers_is_the_working_days_between(
    start: dt.date, days: int, nation: str
) -> None:
    end = start + dt.timedelta(days=days)
    assert working_day_number(end, nation) - working_day_number(start, nation) == (
        working_days_between(start, end, nation)
    )
