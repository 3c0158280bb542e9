"""Journeys through documents: Kyle finds the charter and his house's information from his
home page in easy read on his phone, with a picture beside each point; Maya starts a
policy, writes a new version, compares the two and moves it to easy read. Every page meets
the accessibility baseline in easy read and in standard."""

from __future__ import annotations

import pytest

from coproduce.codesign.tests.document_helpers import charter, draft, house_information

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_visit,
)

pytestmark = pytest.mark.browser
SHOTS = "/tmp/codesign-shots"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    import os

    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_kyle_finds_his_charter_and_service_information_in_easy_read(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    house_information(browser_personas)
    charter(browser_personas)
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "home")
    kyle.get_by_role("link", name="Your rights").first.click()
    then_i_see_heading(kyle, "Your rights")
    then_i_see_text(kyle, "We treat you with respect.")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
    _shot(kyle, "charter-easy-read")
    when_i_visit(kyle, "home")
    kyle.get_by_role("link", name="More things to read").click()
    then_i_see_heading(kyle, "Things to read")
    then_the_accessibility_baseline_is_met(kyle)
    _shot(kyle, "library-easy-read")
    kyle.get_by_role("link", name="Our services").click()
    kyle.get_by_role("link", name="About Willow House").click()
    then_i_see_text(kyle, "Willow House is a home for 6 people.")
    then_the_accessibility_baseline_is_met(kyle)

    mary = given_i_am_signed_in_as(page_as, "supporter")
    when_i_visit(mary, "codesign:library")
    then_i_see_heading(mary, "Things to read")
    then_the_accessibility_baseline_is_met(mary)
    _shot(mary, "library-standard")
    mary.get_by_label("Search for words").fill("day and night")
    mary.get_by_role("button", name="Search").click()
    mary.get_by_role("link", name="About Willow House").click()
    then_i_see_heading(mary, "About Willow House")
    then_the_accessibility_baseline_is_met(mary)
    mary.get_by_role("link", name="Read it in easy read").click()
    then_i_see_text(mary, "Staff are there day and night. You choose who helps you.")
    then_the_accessibility_baseline_is_met(mary)


def test_maya_writes_a_policy_and_compares_its_versions(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.core.plain_language import check_easy_read

    # A worker reads the pronouncing dictionary once (several seconds on a busy machine);
    # the live server shares this process, so the journey meets a warm worker.
    check_easy_read("Warm up.")
    draft(browser_personas, title="Keeping safe in hot weather")
    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "codesign:library")
    maya.get_by_role("link", name="Documents you write").click()
    then_i_see_heading(maya, "Documents you write")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_role("link", name="Start a document").click()
    then_i_see_heading(maya, "Start a document")
    maya.get_by_role("button", name="Start the draft").click()
    then_i_see_text(maya, "There is a problem")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Policy", exact=True).check()
    maya.get_by_label("Title", exact=True).fill("Staying safe online")
    maya.get_by_label("Willow House").check()
    maya.get_by_label("Paragraph 1", exact=True).fill("Never tell anyone your password.")
    maya.get_by_label("Paragraph 1 in easy read").fill("Keep your password secret.")
    maya.get_by_label("Picture beside paragraph 1").select_option("private")
    maya.get_by_role("button", name="Start the draft").click()
    then_i_see_text(maya, "The document is started as a draft.")
    then_the_accessibility_baseline_is_met(maya)
    _shot(maya, "edit")
    maya.get_by_label("Paragraph 1", exact=True).fill(
        "Never tell anyone your password, even staff."
    )
    maya.get_by_label("Paragraph 1 in easy read").fill(
        "Never tell anybody your password even if they say they are from the bank or staff "
        "and ask an advocate."
    )
    maya.get_by_label("What changed in this version?").fill("Staff never ask for it either.")
    maya.get_by_role("button", name="Save a new version").click()
    then_i_see_text(maya, "Saved as version 2.")
    then_i_see_text(maya, "The easy-read check of paragraph 1")
    then_i_see_text(maya, "is a hard word")
    then_the_accessibility_baseline_is_met(maya)
    _shot(maya, "check")
    maya.get_by_role("link", name="Every version, and what changed").click()
    maya.get_by_role("link", name="Compare with version 1").click()
    then_i_see_text(maya, "Version 1 and version 2")
    then_the_accessibility_baseline_is_met(maya)
    _shot(maya, "compare")
    maya.get_by_role("link", name="Staying safe online").click()
    maya.get_by_role("button", name="Write the easy-read version").click()
    then_i_see_text(maya, "Now: Easy-read version being written.")
    then_the_accessibility_baseline_is_met(maya)


def test_kyle_comments_on_a_paragraph_in_easy_read_and_maya_answers(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.codesign.tests.document_helpers import open_policy

    open_policy(browser_personas)
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "codesign:library")
    kyle.get_by_role("link", name="Stay safe when it is hot").click()
    then_i_see_heading(kyle, "Tell us what you think")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("link", name="Say something about point 1").click()
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Choose a comment or different words")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_label("The easy read").check()
    kyle.get_by_label("Different words").check()
    kyle.get_by_label("Your comment or your words").fill("Drink a glass of water every hour.")
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Thank you. The people writing it will answer you.")
    then_the_accessibility_baseline_is_met(kyle)
    _shot(kyle, "comment-easy-read")

    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "codesign:manage")
    maya.get_by_role("link", name="Keeping safe in hot weather").click()
    then_i_see_text(maya, "Drink a glass of water every hour.")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Accept it").check()
    maya.get_by_label("Why? They are told your reason.").fill("Clearer than ours.")
    maya.get_by_role("button", name="Answer").click()
    then_i_see_text(maya, "Answered. They are told.")
    then_the_accessibility_baseline_is_met(maya)

    mary = given_i_am_signed_in_as(page_as, "supporter")
    when_i_visit(mary, "codesign:library")
    mary.get_by_role("link", name="Keeping safe in hot weather").click()
    then_i_see_heading(mary, "Have your say on: Keeping safe in hot weather")
    then_the_accessibility_baseline_is_met(mary)


def test_kyle_the_policy_editor_signs_off_the_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.codesign.tests.document_helpers import easy_read_for_kyle

    easy_read_for_kyle(browser_personas)
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "codesign:library")
    kyle.get_by_role("link", name="Stay safe when it is hot").first.click()
    then_i_see_heading(kyle, "Check the easy read")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Say if you understood it")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_label("I understood it").check()
    kyle.get_by_label("30 minutes").check()
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Thank you. You said you understood it.")
    then_the_accessibility_baseline_is_met(kyle)

    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "codesign:manage")
    maya.get_by_role("link", name="Keeping safe in hot weather").click()
    maya.get_by_role("button", name="Publish it").click()
    then_i_see_text(maya, "Now: Published.")
    then_the_accessibility_baseline_is_met(maya)
