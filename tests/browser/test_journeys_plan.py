"""Journeys through the support plan: Kyle answers a part his worker suggested, in easy
read; a worker proposes a part; versions compared word by word. Each page meets the
accessibility baseline and reflows at 320 px."""

from __future__ import annotations

import pytest

from coproduce.core.models import VoiceHow
from coproduce.plans.actions import EntryWords, plan_entry_update
from coproduce.plans.tests.factories import add_entry, add_when_entry, viewer_of

from .steps import (
    given_i_am_signed_in_as,
    problems_on,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_fill_in,
    when_i_press_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _kyles_plan(personas):  # type: ignore[no-untyped-def]
    add_entry(personas.person, personas.kyle, text="Go swimming every week.")
    add_when_entry(personas.worker, personas.kyle, weekday=1)
    return add_entry(personas.worker, personas.kyle, section="how", text="A reminder on my phone.")


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_supporter_reads_kyles_plan(page_as, browser_personas, easy_read) -> None:  # type: ignore[no-untyped-def]
    _kyles_plan(browser_personas)
    page = given_i_am_signed_in_as(page_as, "supporter", easy_read=easy_read)
    when_i_visit(page, "plans:plan", person_id=browser_personas.kyle.pk)
    then_i_see_text(page, "Not yet agreed with Kyle")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_says_yes_to_a_suggested_part_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    entry = _kyles_plan(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "plans:entry_respond", entry_id=entry.pk)
    then_i_see_heading(page, "Is this right?")
    then_the_accessibility_baseline_is_met(page)
    when_i_press_button(page, "Yes")
    then_i_see_heading(page, "My plan")
    then_i_see_text(page, "You agreed this ✓")


def test_kyle_asks_for_a_change_one_question_at_a_time(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    entry = _kyles_plan(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "plans:entry_respond", entry_id=entry.pk)
    when_i_press_button(page, "I want to change it")
    then_i_see_heading(page, "What do you want to change?")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "What do you want to change, or why is it not right?", "A text, please")
    when_i_press_button(page, "Next")
    then_i_see_text(page, "You want to change this.")


def test_worker_proposes_a_time_and_sees_it_in_the_week(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "plans:entry_add", person_id=browser_personas.kyle.pk, section="when")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "What happens at this time?", "Cooking tea")
    page.get_by_label("Day").select_option(label="Thursday")
    when_i_fill_in(page, "Starts at", "17:00")
    when_i_fill_in(page, "Ends at", "18:30")
    page.get_by_label("Kyle was not there: this is a suggestion for them to answer").check()
    when_i_press_button(page, "Save")
    then_i_see_text(page, "17:00 to 18:30")
    then_the_accessibility_baseline_is_met(page)


def test_worker_compares_two_versions_of_a_part(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    personas = browser_personas
    entry = add_entry(
        personas.worker, personas.kyle, text="Swimming on Tuesdays", voice_how=VoiceHow.SPOKEN
    )
    plan_entry_update(
        viewer=viewer_of(personas.worker, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Fridays"),
    )
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, f"/plans/entries/{entry.pk}/history/?from=1&to=2")
    then_i_see_text(page, "What changed from version 1 to version 2")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_two_people_change_the_same_part_and_nothing_is_lost(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    personas = browser_personas
    entry = add_entry(personas.worker, personas.kyle, text="Swimming on Tuesdays")
    page = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(page, "plans:entry_edit", entry_id=entry.pk)
    then_the_accessibility_baseline_is_met(page)
    # Kyle saves first, while the manager's form is open.
    plan_entry_update(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Mondays"),
    )
    when_i_fill_in(page, "What does Kyle want to do or achieve?", "Swimming on Fridays")
    page.get_by_label("Kyle was not there: this is a suggestion for them to answer").check()
    when_i_press_button(page, "Save")
    # The conflict page answers 409 on purpose; Chromium logs that as an error.
    problems = problems_on(page)
    problems.console_errors[:] = [e for e in problems.console_errors if "409" not in e]
    then_i_see_heading(page, "Someone else changed this while you were editing")
    then_i_see_text(page, "Swimming on Mondays")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_agrees_his_whole_plan(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    add_entry(browser_personas.person, browser_personas.kyle, text="Go swimming every week.")
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "plans:plan", person_id=browser_personas.kyle.pk)
    page.get_by_role("link", name="Say yes to the plan").click()
    then_i_see_heading(page, "Say yes to the plan")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("Yes, this is my plan").check()
    when_i_press_button(page, "Agree the plan")
    then_i_see_text(page, "This plan is agreed.")
