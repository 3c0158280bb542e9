"""Journeys through ideas: Kyle, in easy read on his phone, puts forward an idea with a
picture; Mary, his mum, says "me too"; Maya, who manages Willow House, answers "Yes, we
will"; Kyle sees the answer and is told. Every page meets the accessibility baseline, in
easy read and in the standard page."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from coproduce.accounts.models import Notification
from coproduce.voice.models import Idea, IdeaStatus

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_an_error_summary,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_fill_in,
    when_i_press_button,
    when_i_switch_to_easy_read,
    when_i_switch_to_standard_page,
    when_i_visit,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TITLE = "A film night every Friday"


def _drawing() -> dict[str, object]:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (240, 200, 40)).save(out, "PNG")
    return {"name": "popcorn.png", "mimeType": "image/png", "buffer": out.getvalue()}


def test_kyle_puts_forward_an_idea_mary_says_me_too_and_maya_answers(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    p = browser_personas

    # Kyle, in easy read on his phone, finds ideas from Have your say.
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size(PHONE)
    when_i_visit(kyle, "voice:mine")
    then_the_accessibility_baseline_is_met(kyle)
    with kyle.expect_navigation():
        kyle.get_by_role("link", name="See ideas").click()
    then_i_see_heading(kyle, "Ideas")
    then_i_see_text(kyle, "There are no ideas yet.")
    then_the_accessibility_baseline_is_met(kyle)
    with kyle.expect_navigation():
        kyle.get_by_role("link", name="Tell us your idea").first.click()

    # Step 1: what is your idea.
    then_i_see_heading(kyle, "Tell us your idea")
    then_i_see_text(kyle, "Step 1 of 3.")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
    when_i_press_button(kyle, "Next")
    then_i_see_an_error_summary(kyle)
    then_i_see_text(kyle, "Write your idea in a few words")
    then_the_accessibility_baseline_is_met(kyle)
    when_i_fill_in(kyle, "What is your idea?", TITLE)
    when_i_fill_in(kyle, "Tell us more (if you like)", "With popcorn. We take turns to choose.")
    kyle.get_by_label("Willow House", exact=True).check()
    when_i_press_button(kyle, "Next")

    # Step 2: a picture, if he likes. A picture needs words saying what it shows.
    then_i_see_heading(kyle, "A picture, if you like")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_label("A picture (if you like)").set_input_files(_drawing())
    when_i_press_button(kyle, "Next")
    then_i_see_text(kyle, "Say what the picture shows")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_label("A picture (if you like)").set_input_files(_drawing())
    when_i_fill_in(kyle, "What does the picture show?", "A bowl of popcorn")
    when_i_press_button(kyle, "Next")

    # Step 3: check and send.
    then_i_see_heading(kyle, "Check your idea and send it")
    then_i_see_text(kyle, TITLE)
    then_i_see_text(kyle, "Your picture shows: A bowl of popcorn")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
    kyle.get_by_label("I did, in my own words").check()
    when_i_press_button(kyle, "Send my idea")
    then_i_see_text(kyle, "Thank you. Your idea is sent.")
    then_i_see_heading(kyle, TITLE)
    then_i_see_text(kyle, "No answer yet.")
    expect(kyle.get_by_role("img", name="A bowl of popcorn")).to_be_visible()
    then_the_accessibility_baseline_is_met(kyle)
    idea = Idea.objects.get(organisation=p.organisation)
    assert idea.picture and idea.person == p.kyle

    # Mary, his mum, sees it without Kyle's name and says "me too", once.
    mary = given_i_am_signed_in_as(page_as, "supporter")
    when_i_visit(mary, "voice:ideas")
    then_i_see_text(mary, "Someone at Willow House")
    then_the_accessibility_baseline_is_met(mary)
    with mary.expect_navigation():
        mary.get_by_role("link", name=TITLE).click()
    then_the_accessibility_baseline_is_met(mary)
    when_i_press_button(mary, "Me too")
    then_i_see_text(mary, "Thank you. You said “me too”.")
    then_i_see_text(mary, "1 person said “me too”.")
    expect(mary.get_by_role("button", name=re.compile("Me too"))).to_have_count(0)
    then_the_accessibility_baseline_is_met(mary)
    when_i_switch_to_easy_read(mary)
    then_i_see_text(mary, "You said “me too”. Thank you.")
    then_the_accessibility_baseline_is_met(mary)

    # Maya finds it in her "to answer" list and answers it.
    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "to_answer")
    then_i_see_text(maya, "Kyle put forward an idea")
    then_the_accessibility_baseline_is_met(maya)
    with maya.expect_navigation():
        maya.get_by_role("link", name="Kyle put forward an idea").click()
    then_i_see_heading(maya, TITLE)
    then_the_accessibility_baseline_is_met(maya)
    with maya.expect_navigation():
        maya.get_by_role("link", name="Answer this idea").click()
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("We cannot do it", exact=True).check()
    when_i_press_button(maya, "Send the answer")
    then_i_see_an_error_summary(maya)
    then_i_see_text(maya, "Say why it is not possible")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Yes, we will do it", exact=True).check()
    when_i_fill_in(
        maya, "Your answer in words", "Film night starts next Friday at 7pm. Kyle chooses first."
    )
    when_i_press_button(maya, "Send the answer")
    then_i_see_text(maya, "Your answer is saved.")
    then_i_see_text(maya, "Answered by Maya")
    then_the_accessibility_baseline_is_met(maya)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.YES and idea.me_too_count == 1

    # Kyle is told, and reads the answer in easy read and on the standard page.
    assert Notification.objects.filter(recipient=p.person, kind="idea_answered").exists()
    when_i_visit(kyle, "notifications")
    then_i_see_text(kyle, f"There is an answer to your idea “{TITLE}”.")
    then_the_accessibility_baseline_is_met(kyle)
    when_i_visit(kyle, "voice:idea", idea_id=idea.pk)
    then_i_see_text(kyle, "Yes. We will do it.")
    then_i_see_text(kyle, "Film night starts next Friday at 7pm.")
    then_i_see_text(kyle, "1 person said “me too”.")
    then_the_accessibility_baseline_is_met(kyle)
    when_i_switch_to_standard_page(kyle)
    then_i_see_text(kyle, "Yes, we will do it")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
    when_i_visit(kyle, "voice:ideas")
    then_i_see_text(kyle, "Your idea")
    then_the_accessibility_baseline_is_met(kyle)


def test_the_standard_form_and_the_list_in_both_modes(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    """Wendy puts forward an idea on the one-page form; a bad picture gets a message."""
    wendy = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(wendy, "voice:idea_new")
    then_i_see_heading(wendy, "Put forward an idea")
    then_the_accessibility_baseline_is_met(wendy)
    when_i_fill_in(wendy, "What is your idea?", "Pictures on the house meeting agenda")
    wendy.get_by_label("A picture (if you like)").set_input_files(
        {"name": "agenda.png", "mimeType": "image/png", "buffer": b"not a picture at all"}
    )
    when_i_fill_in(wendy, "What does the picture show?", "An agenda with pictures")
    when_i_press_button(wendy, "Send my idea")
    then_i_see_an_error_summary(wendy)
    then_i_see_text(wendy, "The picture must be a JPEG, PNG or WebP image")
    then_the_accessibility_baseline_is_met(wendy)
    wendy.get_by_label("A picture (if you like)").set_input_files(_drawing())
    when_i_press_button(wendy, "Send my idea")
    then_i_see_text(wendy, "Thank you. Your idea is sent.")
    then_the_accessibility_baseline_is_met(wendy)
    when_i_visit(wendy, "voice:ideas")
    then_i_see_text(wendy, "Your idea")
    then_the_accessibility_baseline_is_met(wendy)
    when_i_switch_to_easy_read(wendy)
    then_the_accessibility_baseline_is_met(wendy)
    when_i_visit(wendy, "voice:idea_new")
    then_i_see_text(wendy, "Step 1 of 3.")
    then_the_accessibility_baseline_is_met(wendy)
