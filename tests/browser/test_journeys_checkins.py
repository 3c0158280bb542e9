"""Journeys through daily check-ins and "this is not working": Kyle checks in on a phone in
easy read and in the standard page; his worker sees it first thing; Kyle says something is
not working and the manager answers. Each ends with the accessibility baseline."""

from __future__ import annotations

import pytest

from coproduce.plans.checkins.tests.checkin_helpers import kyle_checks_in

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_fill_in,
    when_i_press_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_kyle_checks_in_on_his_phone_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    page.set_viewport_size(PHONE)
    when_i_visit(page, "plans:checkin_new", person_id=browser_personas.kyle.pk)
    then_i_see_text(page, "Question 1 of 3")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("Happy", exact=True).check()
    when_i_press_button(page, "Next")
    then_i_see_text(page, "Question 2 of 3")
    when_i_fill_in(page, "What would you like to do today?", "Go bowling")
    when_i_press_button(page, "Next")
    then_i_see_text(page, "Question 3 of 3")
    when_i_fill_in(page, "Is anything different about your support today?", "Give me space")
    when_i_press_button(page, "Send my check-in")
    then_i_see_heading(page, "My check-ins")
    then_i_see_text(page, "Go bowling")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_checks_in_on_his_phone_in_the_standard_page(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person")
    page.set_viewport_size(PHONE)
    when_i_visit(page, "plans:checkin_new", person_id=browser_personas.kyle.pk)
    then_i_see_heading(page, "How do you want to be supported today?")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    page.get_by_label("Very sad", exact=True).check()
    when_i_fill_in(page, "Is anything different about your support today?", "Bad day")
    when_i_press_button(page, "Send my check-in")
    then_i_see_text(page, "Bad day")
    then_the_accessibility_baseline_is_met(page)


def test_worker_sees_kyles_check_in_on_the_today_page(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle_checks_in(browser_personas, mood="sad", wishes="Go to the park")
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "plans:today")
    then_i_see_text(page, "Go to the park")
    then_i_see_text(page, "1 of 1 people checked in today.")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_says_this_is_not_working_and_the_manager_answers(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle_checks_in(browser_personas, mood="very_sad")
    kyle = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(kyle, "plans:checkins", person_id=browser_personas.kyle.pk)
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("link", name="This is not working").first.click()
    then_i_see_heading(kyle, "This is not working")
    when_i_fill_in(kyle, "What is not working?", "My evening visit is always late")
    when_i_press_button(kyle, "Send")
    then_i_see_text(kyle, "Waiting for an answer")
    flag_url = kyle.url

    manager = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(manager, "plans:not_working_open")
    then_i_see_text(manager, "My evening visit is always late")
    then_the_accessibility_baseline_is_met(manager)
    manager.get_by_role("link", name="My evening visit is always late").click()
    when_i_fill_in(manager, "Your answer to the person", "From Monday the visit starts at 6")
    when_i_press_button(manager, "Send the answer")
    then_i_see_text(manager, "Answered")
    then_the_accessibility_baseline_is_met(manager)

    kyle.goto(flag_url)
    then_i_see_text(kyle, "From Monday the visit starts at 6")
    then_the_accessibility_baseline_is_met(kyle)


TABLE_FITS = """() => {
  const table = document.querySelector("table.app-checkin-table");
  const region = table.closest(".app-table-scroll[role=region][tabindex='0']");
  const page = document.documentElement;
  const right = table.getBoundingClientRect().right;
  return {
    inside_the_page: right <= page.clientWidth,
    inside_a_region: region !== null && region.getBoundingClientRect().right <= page.clientWidth,
    region_named: region !== null && (region.getAttribute("aria-label") || region.getAttribute("aria-labelledby") || "") !== "",
    page_scrolls_sideways: page.scrollWidth > page.clientWidth,
  };
}"""

CHART_FONT = """() => ({
  chart: [...document.querySelectorAll(".app-checkin-chart svg text")].map(t => getComputedStyle(t).fontFamily),
  body: getComputedStyle(document.body).fontFamily,
})"""


@pytest.mark.parametrize("width", [1280, 320])
def test_the_check_ins_table_fits_the_page_or_scrolls_in_its_own_region(
    page_as, browser_personas, width
) -> None:  # type: ignore[no-untyped-def]
    for mood in ("happy", "ok", "very_happy"):
        kyle_checks_in(
            browser_personas,
            mood=mood,
            wishes="Go swimming at the leisure centre and then have chips with my mates",
            support_today="Please remind me about my tablets before I go out, and give me space",
        )
    page = given_i_am_signed_in_as(page_as, "worker")
    page.set_viewport_size({"width": width, "height": 900})
    when_i_visit(page, "plans:checkins", person_id=browser_personas.kyle.pk)
    fits = page.evaluate(TABLE_FITS)

    assert not fits["page_scrolls_sideways"], fits
    assert fits["inside_the_page"] or (fits["inside_a_region"] and fits["region_named"]), fits
    if width == 1280:
        assert fits["inside_the_page"], fits  # on a wide screen nothing needs scrolling
    then_the_accessibility_baseline_is_met(page)


def test_the_check_ins_chart_speaks_in_the_page_font(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle_checks_in(browser_personas, mood="happy")
    page = given_i_am_signed_in_as(page_as, "person")
    page.set_viewport_size({"width": 1280, "height": 900})
    when_i_visit(page, "plans:checkins", person_id=browser_personas.kyle.pk)
    fonts = page.evaluate(CHART_FONT)

    assert fonts["chart"], "the chart has its words"
    assert set(fonts["chart"]) == {fonts["body"]}, fonts
    assert "Arial" in fonts["body"] and "Times" not in fonts["body"], fonts
    then_the_accessibility_baseline_is_met(page)
