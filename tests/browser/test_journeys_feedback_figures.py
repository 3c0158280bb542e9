"""Journeys through the feedback figures and the summary of complaints for CQC: Lee, a
quality lead, finds the figures from "Comments and complaints", chooses a period (a wrong
one first), reads them in both page modes and downloads the summary; Maya ticks the
themes of a complaint as she acknowledges it. Each page meets the accessibility baseline
in standard and easy-read modes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coproduce.accounts.viewer import viewer_for
from coproduce.feedback.actions import concern_acknowledge, concern_respond
from coproduce.feedback.tests.feedback_helpers import kyles_complaint

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_an_error_summary,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_click_link,
    when_i_fill_in,
    when_i_press_button,
    when_i_switch_to_easy_read,
    when_i_switch_to_standard_page,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _complaints_at_willow(personas) -> None:  # type: ignore[no-untyped-def]
    maya = viewer_for(personas.manager, personas.organisation)
    answered = kyles_complaint(personas)
    concern_acknowledge(viewer=maya, concern=answered, themes=["visit_times"])
    concern_respond(
        viewer=maya,
        concern=answered,
        response="We checked the rota. The visits were late.",
        response_easy_read="You were right.",
        upheld="upheld",
    )
    kyles_complaint(personas, what_happened="Nobody came on Sunday.")


def _fill_period(page, start: dt.date, end: dt.date) -> None:  # type: ignore[no-untyped-def]
    for legend, day in (("From", start), ("To", end)):
        when_i_fill_in(page, "Day", str(day.day), within=legend)
        when_i_fill_in(page, "Month", str(day.month), within=legend)
        when_i_fill_in(page, "Year", str(day.year), within=legend)


def test_lee_reads_the_figures_and_downloads_the_cqc_summary(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    _complaints_at_willow(browser_personas)
    lee = given_i_am_signed_in_as(page_as, "quality_lead")
    when_i_visit(lee, "feedback:mine")
    when_i_click_link(
        lee, "Figures: how many were raised, what about, and how quickly complaints were answered"
    )
    then_i_see_heading(lee, "Figures: comments, complaints and compliments")
    then_i_see_text(lee, "Acknowledged within 3 working days")
    then_i_see_text(lee, "Willow House")
    then_the_accessibility_baseline_is_met(lee)

    today = timezone.localdate()
    _fill_period(lee, today, today - dt.timedelta(days=7))
    when_i_press_button(lee, "Show the figures")
    then_i_see_an_error_summary(lee)
    then_i_see_text(lee, "The last day must be the same as or after the first day")
    then_the_accessibility_baseline_is_met(lee)
    _fill_period(lee, today - dt.timedelta(days=30), today)
    when_i_press_button(lee, "Show the figures")
    then_i_see_text(lee, "2 complaints, 0 comments and 0 compliments.")
    then_i_see_text(lee, "Times of visits and support")
    then_the_accessibility_baseline_is_met(lee)
    when_i_switch_to_easy_read(lee)
    then_i_see_heading(lee, "Figures: comments, complaints and compliments")
    then_the_accessibility_baseline_is_met(lee)
    then_the_page_reflows_at_320_px(lee)

    when_i_click_link(lee, "The summary of complaints for CQC")
    then_i_see_heading(lee, "Summary of complaints for CQC")
    then_i_see_text(lee, "Complaints received")
    then_the_accessibility_baseline_is_met(lee)
    when_i_switch_to_standard_page(lee)
    then_the_accessibility_baseline_is_met(lee)
    with lee.expect_download() as download:
        lee.get_by_role("link", name="Download the summary (PDF)").click()
    assert download.value.suggested_filename.endswith(f"-to-{today.isoformat()}.pdf")
    with lee.expect_download() as download:
        lee.get_by_role("link", name="Download the summary (CSV, for a spreadsheet)").click()
    assert download.value.suggested_filename.endswith(".csv")
    _fill_period(lee, today - dt.timedelta(days=30), today + dt.timedelta(days=1))
    when_i_press_button(lee, "Show the summary")
    then_i_see_text(lee, "Enter today or a date in the past")
    then_the_accessibility_baseline_is_met(lee)


def test_maya_ticks_the_themes_as_she_acknowledges_a_complaint(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern

    complaint = kyles_complaint(browser_personas)
    for easy_read in (False, True):
        maya = given_i_am_signed_in_as(page_as, "manager", easy_read=easy_read)
        when_i_visit(maya, "feedback:handle", concern_id=complaint.pk)
        then_i_see_text(maya, "Themes")
        then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Times of visits and support").check()
    maya.get_by_label("Activities and going out").check()
    when_i_press_button(maya, "Acknowledge it")
    then_i_see_text(maya, "Saved.")
    then_the_accessibility_baseline_is_met(maya)
    assert Concern.objects.get(pk=complaint.pk).themes == ["visit_times", "activities"]
    when_i_visit(maya, "feedback:figures")
    then_i_see_text(maya, "The services you manage")
    then_the_accessibility_baseline_is_met(maya)
