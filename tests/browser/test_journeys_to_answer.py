"""Journeys for what waits for an answer: Kyle asks to change a worker; Maya, who manages
his house, is told, finds it on her "to answer" list and answers; Kyle hears back."""

from __future__ import annotations

import pytest

from coproduce.matching.tests.team_helpers import kyle_change_request
from coproduce.plans.checkins.tests.checkin_helpers import kyle_flag

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_click_link,
    when_i_fill_in,
    when_i_press_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_the_manager_is_told_answers_from_the_list_and_kyle_hears_back(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    kyle_change_request(browser_personas)
    kyle_flag(browser_personas)
    page = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(page, "home")
    then_i_see_text(page, "2 things are waiting for your answer")
    then_the_accessibility_baseline_is_met(page)

    when_i_click_link(page, "Notifications (2 new)")
    then_i_see_heading(page, "Notifications")
    then_i_see_text(page, "Kyle asked to change a worker")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_click_link(page, "To answer")
    then_i_see_heading(page, "To answer")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    when_i_click_link(page, "Kyle said something is not working")
    when_i_fill_in(page, "Your answer to the person", "We will make your evening visits longer")
    when_i_press_button(page, "Send the answer")
    then_i_see_text(page, "Your answer is sent")

    when_i_visit(page, "to_answer")
    then_i_see_text(page, "1 thing to answer")

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(kyle, "home")
    when_i_click_link(kyle, "You have 1 new message. Read it here.")
    then_i_see_heading(kyle, "News for you")
    then_i_see_text(kyle, "Maya answered you about what is not working.")
    then_the_accessibility_baseline_is_met(kyle)
    when_i_click_link(kyle, "Maya answered you about what is not working.")
    then_i_see_text(kyle, "We will make your evening visits longer")
