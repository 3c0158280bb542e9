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
