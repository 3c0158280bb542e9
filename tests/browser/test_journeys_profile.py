"""Journeys through the About me page: the person changes a part of their one-page
profile in standard and easy read; a worker sees the communication flag."""

from __future__ import annotations

import pytest

from coproduce.people import actions

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_is_in_easy_read,
    then_the_page_reflows_at_320_px,
    when_i_click_link,
    when_i_fill_in,
    when_i_press_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_person_changes_a_good_day_on_their_profile(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle = browser_personas.kyle
    page = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(page, "people:mine")
    then_i_see_heading(page, "About me")
    then_the_accessibility_baseline_is_met(page)

    when_i_click_link(page, "Change a good day for me")
    then_i_see_heading(page, "What makes a good day for you?")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "What makes a good day for you?", "Swimming, then chips.")
    page.get_by_label("I wrote it myself").check()
    when_i_press_button(page, "Save")

    then_i_see_text(page, "Swimming, then chips.")
    then_i_see_text(page, "In Kyle's own words, typed")
    then_the_accessibility_baseline_is_met(page)

    when_i_click_link(page, "Version history")
    then_i_see_heading(page, "Versions of")
    then_the_accessibility_baseline_is_met(page)
    assert kyle.profile_entries.get(section="good_day").version == 1


def test_person_changes_a_part_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "people:mine")
    then_the_page_is_in_easy_read(page)
    then_i_see_text(page, "Please call me Kyle.")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    with page.expect_navigation():
        page.locator("#part-important").get_by_role("link", name="Change this").click()
    then_the_page_is_in_easy_read(page)
    when_i_fill_in(page, "What is important to you?", "My mum. Football.")
    when_i_press_button(page, "Save")
    then_i_see_text(page, "My mum. Football.")
    then_the_accessibility_baseline_is_met(page)


def test_worker_sees_the_communication_flag(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    actions.person_details_update(
        actor=browser_personas.worker,
        person=browser_personas.kyle,
        base_version=0,
        changes={
            "communication_formats": ["easy_read", "pictures"],
            "how_to_communicate": "Short sentences. Show me pictures.",
        },
    )
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "people:list")
    then_i_see_text(page, "Pictures and symbols")
    then_the_accessibility_baseline_is_met(page)

    when_i_click_link(page, "Kyle")
    then_i_see_heading(page, "About Kyle")
    flag = page.get_by_role("region", name="Communication needs")
    assert flag.is_visible()
    assert "Short sentences. Show me pictures." in flag.inner_text()
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
