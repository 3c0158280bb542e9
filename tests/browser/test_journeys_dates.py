"""Journeys with a typed date: Kyle asks for a one-to-one in 2099, is told in plain words
that a meeting is in the next 2 years, and books it for next week, in standard and easy
read. Each page ends with the accessibility baseline."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from coproduce.plans.models.checkins import OneToOne

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_an_error_summary,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _type_date(page, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    page.locator('input[name="date-0"]').fill(str(day.day))
    page.locator('input[name="date-1"]').fill(str(day.month))
    page.locator('input[name="date-2"]').fill(str(day.year))


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_kyle_is_told_a_meeting_in_2099_is_too_far_and_books_next_week(
    page_as, browser_personas, easy_read
) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=easy_read)
    when_i_visit(page, "plans:one_to_one_new", person_id=browser_personas.kyle.pk)
    next_week = timezone.localdate() + dt.timedelta(days=7)
    then_i_see_text(page, f"For example, {next_week.day} {next_week.month} {next_week.year}")
    then_the_accessibility_baseline_is_met(page)
    page.locator('textarea[name="agenda"]').fill("Going to college")
    _type_date(page, dt.date(2099, 3, 3))
    page.locator('select[name="keyworker"]').select_option(str(browser_personas.worker.pk))
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    then_i_see_an_error_summary(page)
    then_i_see_text(page, "The meeting must be in the next 2 years")
    if os.environ.get("SCREENSHOTS_TO"):
        mode = "easy-read" if easy_read else "standard"
        page.screenshot(
            path=f"{os.environ['SCREENSHOTS_TO']}/one-to-one-2099-{mode}.png", full_page=True
        )
    then_the_accessibility_baseline_is_met(page)
    assert not OneToOne.objects.exists()
    _type_date(page, next_week)
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    then_i_see_text(page, "Going to college")
    assert OneToOne.objects.get().date == next_week
    then_the_accessibility_baseline_is_met(page)
