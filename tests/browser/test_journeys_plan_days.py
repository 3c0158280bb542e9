"""A plan with the same words on several days: shown once with its days, each day still
reachable, in the standard page and easy read; the page meets the accessibility baseline
and reflows at 320 px."""

from __future__ import annotations

import datetime as dt

import pytest

from coproduce.plans.tests.factories import add_entry

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_visit,
)

pytestmark = pytest.mark.browser

MORNING = "Morning visit: getting up and breakfast."


def _every_morning(personas):  # type: ignore[no-untyped-def]
    for day in range(7):
        add_entry(
            personas.worker,
            personas.kyle,
            section="when",
            text=MORNING,
            weekday=day,
            starts_at=dt.time(8),
            ends_at=dt.time(9),
        )


def test_worker_changes_one_day_of_an_every_day_visit(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    _every_morning(browser_personas)
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "plans:plan", person_id=browser_personas.kyle.pk)
    then_i_see_text(page, "Every day, 08:00 to 09:00")
    assert page.locator(".app-plan-entry", has_text=MORNING).count() == 1
    page.get_by_text("Answer, change or see one day").click()
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    page.get_by_role("link", name="Change for Wednesday").click()
    then_i_see_heading(page, "Change this part of the plan")
    then_the_accessibility_baseline_is_met(page)


def test_kyle_sees_an_every_day_visit_once_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    _every_morning(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "plans:plan", person_id=browser_personas.kyle.pk)
    then_i_see_text(page, "Every day, 08:00 to 09:00")
    then_i_see_text(page, "Is this right? Choose a day:")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
