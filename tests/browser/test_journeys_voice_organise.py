"""Journeys through organising votes: Maya writes a quick vote for Willow House from
nothing, opens it, closes it and writes the outcome, which Kyle reads in easy read; Lee
starts "Evaluating my service" from the ready-made questions; a meeting-time poll's
chosen time reaches Kyle as a calendar invitation. Each page meets the accessibility
baseline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from coproduce.accounts.models import Notification
from coproduce.voice.models import Survey
from coproduce.voice.notifications import SURVEY_OUTCOME
from coproduce.voice.tests.voice_helpers import answer_as, choose, meeting_chosen

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
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _closing_date(page, days: int = 10) -> None:  # type: ignore[no-untyped-def]
    day = timezone.localdate() + dt.timedelta(days=days)
    page.fill("#id_closes_on-0", str(day.day))
    page.fill("#id_closes_on-1", str(day.month))
    page.fill("#id_closes_on-2", str(day.year))


def test_maya_writes_opens_closes_and_tells_everyone(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(page, "home")
    page.get_by_role("link", name="Votes and surveys").first.click()
    then_i_see_heading(page, "Votes and surveys")
    then_i_see_text(page, "There are no votes or surveys yet")
    then_the_accessibility_baseline_is_met(page)
    when_i_click_link(page, "Start a vote or survey")
    then_i_see_heading(page, "Start a vote or survey")
    then_the_accessibility_baseline_is_met(page)
    when_i_click_link(page, "A quick vote")
    then_i_see_heading(page, "Who is asked, and when")
    # Nothing filled in: a plain message, and nothing written.
    when_i_press_button(page, "Save and go on")
    then_i_see_an_error_summary(page)
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "Title", "What shall we cook on Sunday?")
    page.get_by_label("Willow House").check()
    _closing_date(page)
    when_i_press_button(page, "Save and go on")
    then_i_see_heading(page, "The questions")
    then_the_accessibility_baseline_is_met(page)
    page.fill("#q-0-text", "What shall we cook on Sunday?")
    page.fill("#q-0-easy", "What shall we cook?")
    page.fill("#q-0-o-0-label", "A roast dinner")
    page.select_option("#q-0-o-0-symbol", "cooking")
    page.fill("#q-0-o-1-label", "Pizza")
    page.select_option("#q-0-o-1-symbol", "cafe")
    page.get_by_role("button", name="Save the questions").last.click()
    then_i_see_text(page, "The questions are saved.")
    then_i_see_heading(page, "What shall we cook on Sunday?")
    then_the_accessibility_baseline_is_met(page)
    when_i_press_button(page, "Open it now")
    then_i_see_text(page, "It is open. The people asked can answer now.")
    survey = Survey.objects.get(title="What shall we cook on Sunday?")
    answer_as(browser_personas.person, browser_personas, survey, choose(survey, 1))
    when_i_click_link(page, "Watch the results come in")
    then_i_see_text(page, "1 answer")
    page.go_back()
    page.reload()
    when_i_press_button(page, "Close it now")
    then_i_see_heading(page, "What happens next")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(
        page, "What happens next", "Most people chose pizza. We make it together on Sunday."
    )
    when_i_fill_in(page, "What happens next, in easy read", "We are making pizza on Sunday.")
    when_i_press_button(page, "Save and tell everyone")
    then_i_see_text(page, "Everyone who answered is being told.")
    then_the_accessibility_baseline_is_met(page)
    assert Notification.objects.filter(
        kind=SURVEY_OUTCOME.code, recipient=browser_personas.person
    ).exists()

    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "notifications")
    kyle.get_by_role("link", name=re.compile("What shall we cook on Sunday")).first.click()
    then_i_see_text(kyle, "We are making pizza on Sunday.")
    then_the_accessibility_baseline_is_met(kyle)


def test_lee_starts_evaluating_my_service_from_ready_made_questions(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "quality_lead")
    when_i_visit(page, "voice:new")
    when_i_click_link(page, "Evaluating my service")
    then_i_see_heading(page, "Who is asked, and when")
    page.get_by_label("The whole organisation").check()
    page.get_by_label("Yes, anonymous").check()
    _closing_date(page, days=21)
    when_i_press_button(page, "Save and go on")
    then_i_see_text(page, "Check the questions, then open it when you are ready.")
    when_i_click_link(page, "Check the questions")
    then_i_see_heading(page, "The questions")
    assert page.input_value("#q-0-text") == "I choose who supports me"
    then_the_accessibility_baseline_is_met(page)


def test_kyle_adds_the_chosen_meeting_time_to_his_calendar(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    poll = meeting_chosen(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "voice:detail", survey_id=poll.pk)
    then_i_see_text(page, "We meet on Tuesday.")
    then_the_accessibility_baseline_is_met(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Put it in my calendar").click()
    assert download.value.suggested_filename == f"meeting-{poll.pk}.ics"


def test_the_organisers_pages_meet_the_baseline_in_easy_read_and_on_a_phone(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.voice.tests.voice_helpers import closed_vote_kwargs, quick_vote

    draft = quick_vote(browser_personas, title="Not open yet", opens_at=None)
    closed = closed_vote_kwargs(browser_personas)["survey_id"]
    page = given_i_am_signed_in_as(page_as, "manager", easy_read=True)
    page.set_viewport_size({"width": 390, "height": 844})
    for target, kwargs in (
        ("voice:manage", {}),
        ("voice:new", {}),
        ("voice:organise", {"survey_id": draft.pk}),
        ("voice:edit", {"survey_id": draft.pk}),
        ("voice:questions", {"survey_id": draft.pk}),
        ("voice:organise", {"survey_id": closed}),
        ("voice:outcome", {"survey_id": closed}),
        ("voice:results", {"survey_id": closed}),
    ):
        when_i_visit(page, target, **kwargs)
        then_the_accessibility_baseline_is_met(page)
        then_the_page_reflows_at_320_px(page)
