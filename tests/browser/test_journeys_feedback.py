"""Journeys through complaints: Kyle follows his complaint in easy read on his phone from
the notification that it was acknowledged; Maya finds it in her "to answer" list; Kyle
sends a photo with a complaint from his phone with JavaScript off; Maya starts a change
from Kyle's one-to-one, adds his plan review to it, and Kyle is told. Each page meets the
accessibility baseline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import CDPSession, Page

from coproduce.feedback.tests.feedback_helpers import kyles_acknowledged_complaint

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_kyle_follows_his_complaint_and_maya_finds_it_to_answer(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyles_acknowledged_complaint(browser_personas)
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "notifications")
    kyle.get_by_role("link", name=re.compile("complaint", re.IGNORECASE)).first.click()
    then_i_see_heading(kyle, "Your complaint")
    then_i_see_text(kyle, "We will answer by")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)

    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "to_answer")
    maya.get_by_role("link", name=re.compile("A complaint about Willow House")).first.click()
    then_i_see_text(maya, "Raised by")
    then_i_see_text(maya, "What has happened so far")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_role("link", name="What to do next").click()
    then_i_see_heading(maya, "What to do next")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Write the answer in easy read too")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("The answer", exact=True).fill("We checked the rota. The visits were late.")
    maya.get_by_label("The answer in easy read").fill("You were right. We come at 6pm now.")
    maya.get_by_label("Upheld", exact=True).check()
    maya.get_by_label("Times of visits and support").check()
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Saved.")
    then_i_see_text(maya, "The answer")
    then_the_accessibility_baseline_is_met(maya)


def test_kyle_raises_a_complaint_in_easy_read_on_his_phone(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "feedback:mine")
    then_i_see_heading(kyle, "Tell us what you think")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("link", name="What happens when you tell us").click()
    then_i_see_text(kyle, "within 3 working days")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("link", name="Tell us").click()
    then_i_see_text(kyle, "Step 1 of 4")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Say what happened")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_label("Complaint", exact=True).check()
    kyle.get_by_label("What happened?").fill("Nobody came to help me get up on Sunday.")
    kyle.get_by_label("Unhappy").check()
    kyle.get_by_label("Which service?").select_option(label="Willow House")
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Thank you. We have it.")
    then_i_see_heading(kyle, "Your complaint")
    then_the_accessibility_baseline_is_met(kyle)
    assert Concern.objects.get().what_happened.startswith("Nobody came")


def _scripts_off(page: Page) -> CDPSession:
    """Stop the page running scripts, as on a phone with JavaScript off. (A context made
    with JavaScript off would also stop axe-core, which the baseline needs.)"""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    return cdp


def _baseline_with_scripts_off(page: Page, cdp: CDPSession) -> None:
    """The baseline on the page as it came without scripts; axe-core alone runs."""
    assert page.evaluate("() => !window.htmx")  # none of the page's own scripts ran
    cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
    try:
        then_the_accessibility_baseline_is_met(page)
    finally:
        cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})


def test_kyle_sends_a_photo_with_his_complaint_from_his_phone_without_javascript(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern
    from coproduce.feedback.tests.feedback_helpers import photo_bytes

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    scripts = _scripts_off(kyle)
    when_i_visit(kyle, "feedback:raise")
    then_i_see_text(kyle, "Step 4 of 4")
    _baseline_with_scripts_off(kyle, scripts)
    photo = {"name": "door.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    kyle.get_by_label("Complaint", exact=True).check()
    kyle.get_by_label("What happened?").fill("The front door was left open all night.")
    kyle.get_by_label("Which service?").select_option(label="Willow House")
    kyle.get_by_label("A photo (optional)").set_input_files(photo)
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Say what the photo shows")
    then_i_see_text(kyle, "Please choose your photo again.")
    _baseline_with_scripts_off(kyle, scripts)
    kyle.get_by_label("A photo (optional)").set_input_files(photo)
    kyle.get_by_label("What does the photo show?").fill("Our front door, wide open")
    kyle.get_by_role("button", name="Send").click()
    then_i_see_text(kyle, "Thank you. We have it.")
    then_i_see_heading(kyle, "Your complaint")
    shown = kyle.get_by_role("img", name="Our front door, wide open")
    shown.scroll_into_view_if_needed()
    assert shown.evaluate("(img) => img.complete && img.naturalWidth") == 60
    _baseline_with_scripts_off(kyle, scripts)
    then_the_page_reflows_at_320_px(kyle)
    assert Concern.objects.get().photo_description == "Our front door, wide open"


def test_maya_starts_a_change_from_kyles_one_to_one_and_his_review(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.tests.feedback_helpers import kyles_review
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one

    meeting = kyle_one_to_one(browser_personas)
    kyles_review(browser_personas)
    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "plans:one_to_one", one_to_one_id=meeting.pk)
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_role("link", name="Start a “you said, we did” change from it").click()
    then_i_see_heading(maya, "Start a change")
    then_i_see_text(maya, "It starts from: A one-to-one meeting.")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("You said", exact=True).fill("Kyle wants to go to college.")
    maya.get_by_label("We will", exact=True).fill("Help with college applications")
    maya.get_by_label("We will, in easy read (optional)").fill("We help you get into college.")
    maya.get_by_role("button", name="Start the change").click()
    then_i_see_text(maya, "The change is written.")
    then_i_see_text(maya, re.compile("A one-to-one meeting, "))
    then_the_accessibility_baseline_is_met(maya)
    when_i_visit(maya, "plans:reviews", person_id=browser_personas.kyle.pk)
    maya.get_by_role("link", name=re.compile("Start a “you said, we did” change from it")).click()
    then_i_see_text(maya, "It starts from: A review of a support plan.")
    maya.get_by_role("button", name="Add it to the change: Help with college applications").click()
    then_i_see_text(maya, "Linked.")
    then_i_see_text(maya, re.compile("A review of a support plan, "))
    then_the_accessibility_baseline_is_met(maya)
    when_i_visit(maya, "plans:one_to_one", one_to_one_id=meeting.pk)
    then_i_see_text(maya, "It led to the change: Help with college applications")
    then_the_accessibility_baseline_is_met(maya)

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "notifications")
    then_the_accessibility_baseline_is_met(kyle)
    kyle.get_by_role("link", name=re.compile("We will change it")).first.click()
    then_i_see_text(kyle, "We help you get into college.")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)


def test_maya_reads_the_standard_pages(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    maya = given_i_am_signed_in_as(page_as, "manager")
    for target in ("feedback:mine", "feedback:how", "feedback:raise"):
        when_i_visit(maya, target)
        then_the_accessibility_baseline_is_met(maya)


def test_a_change_from_kyles_complaint_reaches_him_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.tests.feedback_helpers import kyles_complaint

    complaint = kyles_complaint(browser_personas)
    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "feedback:concern", concern_id=complaint.pk)
    maya.get_by_role("link", name=re.compile("you said, we did", re.IGNORECASE)).click()
    then_i_see_heading(maya, "Start a change")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_role("button", name="Start the change").click()
    then_i_see_text(maya, "Say what people said")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("You said", exact=True).fill("Evening visits were often late.")
    maya.get_by_label("We will", exact=True).fill("Evening visits start at the time in your plan")
    maya.get_by_label("We will, in easy read (optional)").fill("We come at the time in your plan.")
    maya.get_by_role("button", name="Start the change").click()
    then_i_see_text(maya, "The change is written.")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Done", exact=True).check()
    maya.get_by_role("button", name="Save and tell everyone who raised it").click()
    then_i_see_text(maya, "Everyone who raised it is told.")
    when_i_visit(maya, "feedback:changes")
    then_the_accessibility_baseline_is_met(maya)

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "notifications")
    kyle.get_by_role("link", name=re.compile("We changed it")).first.click()
    then_i_see_text(kyle, "We come at the time in your plan.")
    then_the_accessibility_baseline_is_met(kyle)
    when_i_visit(kyle, "feedback:service_changes", service_id=browser_personas.house.pk)
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
