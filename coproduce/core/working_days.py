"""Working days: Monday to Friday, skipping the bank holidays of England and of Wales.

The statutory clocks (a complaint acknowledged within 3 working days, a quality action due
in so many working days) count here. The bank holidays come from ``holidays`` (the Open
World Holidays Framework, kept up to date with each year's proclamations, including days
moved to a Monday when they fall at a weekend), never from a list written by hand.
England and Wales share their bank holidays today; each nation is still asked for by
name, so a change to one of them reaches only its own services.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

ENGLAND = "ENG"
WALES = "WLS"
NATIONS = (ENGLAND, WALES)


@lru_cache(maxsize=64)
def _bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    if nation not in NATIONS:
        raise ValueError(f"Unknown nation {nation!r}")
    return frozenset(holidays.country_holidays("GB", subdiv=nation, years=year))


def is_working_day(day: dt.date, nation: str = ENGLAND) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation, day.year)


def add_working_days(start: dt.date, days: int, nation: str = ENGLAND) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted):
    received on a Friday, 3 working days is the Wednesday after."""
    if days < 0:
        raise ValueError("Count working days forwards")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date, nation: str = ENGLAND) -> int:
    """How many working days after ``start`` up to and including ``end`` (0 when ``end``
    is not after ``start``): the days a complaint took to be acknowledged."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            count += 1
    return count


# Working days are numbered from the first day of this year (earlier days count back).
NUMBERED_FROM_YEAR = 2000


@lru_cache(maxsize=256)
def _numbers_in_year(nation: str, year: int) -> tuple[int, ...]:
    """For each day of the year, how many of its working days fall on or before it."""
    numbers, count = [], 0
    day = dt.date(year, 1, 1)
    while day.year == year:
        count += is_working_day(day, nation)
        numbers.append(count)
        day += dt.timedelta(days=1)
    return tuple(numbers)


@lru_cache(maxsize=256)
def _before_year(nation: str, year: int) -> int:
    if year == NUMBERED_FROM_YEAR:
        return 0
    if year > NUMBERED_FROM_YEAR:
        return _before_year(nation, year - 1) + _numbers_in_year(nation, year - 1)[-1]
    return _before_year(nation, year + 1) - _numbers_in_year(nation, year)[-1]


def working_day_number(day: dt.date, nation: str = ENGLAND) -> int:
    """The working day's number, counted from 1 January 2000: the working days after one
    date up to another are the difference of their numbers, so figures over thousands of
    complaints add numbers instead of walking every day between each pair of dates."""
    return (
        _before_year(nation, day.year)
        + _numbers_in_year(nation, day.year)[day.timetuple().tm_yday - 1]
    )
