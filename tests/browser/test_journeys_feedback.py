"""Journeys through complaints: Kyle follows his complaint in easy read on his phone from
the notification that it was acknowledged; Maya finds it in her "to answer" list. Each
page meets the accessibility baseline."""

from __future__ import annotations

import re

import pytest

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
