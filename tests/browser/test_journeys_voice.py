"""Journeys through votes and surveys: Kyle answers a quick vote and a survey in easy read
on his phone; Sana watches the totals move on her open results page as answers arrive;
Wendy holds a house meeting on one tablet. Each ends with the accessibility baseline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coproduce.voice.models import Response
from coproduce.voice.tests.voice_helpers import answer_as, choose, house_survey, quick_vote

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


def test_kyle_votes_in_easy_read_on_his_phone(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    page.set_viewport_size(PHONE)
    when_i_visit(page, "voice:mine")
    then_i_see_heading(page, "Have your say")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_role("link", name=re.compile("Answer now")).first.click()
    then_i_see_heading(page, "Where shall we go?")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    when_i_press_button(page, "Send my vote")
    then_i_see_text(page, "Choose an answer")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("The zoo", exact=True).check()
    when_i_press_button(page, "Send my vote")
    then_i_see_text(page, "Thank you. Your answers are counted.")
    then_i_see_text(page, "You answered. Thank you.")
    # After answering, Kyle sees what people said.
    then_i_see_text(page, "1 answer")
    then_the_accessibility_baseline_is_met(page)
    assert Response.objects.filter(survey=vote).count() == 1


def test_kyle_answers_a_survey_one_question_a_page(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    survey = house_survey(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    page.set_viewport_size(PHONE)
    when_i_visit(page, "voice:answer", survey_id=survey.pk)
    then_i_see_text(page, "Question 1 of 2")
    page.get_by_label("Happy", exact=True).check()
    then_the_accessibility_baseline_is_met(page)
    when_i_press_button(page, "Next")
    page.get_by_label("No", exact=True).check()
    when_i_press_button(page, "Next")
    # Saying "No" brings in the question that asks what would help.
    then_i_see_text(page, "Question 3 of 3")
    then_the_accessibility_baseline_is_met(page)
    when_i_fill_in(page, "What would help you feel listened to?", "Pictures on the agenda")
    when_i_press_button(page, "Next")
    then_i_see_heading(page, "Check your answers")
    then_i_see_text(page, "Pictures on the agenda")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    when_i_press_button(page, "Send my answers")
    then_i_see_text(page, "Thank you. Your answers are counted.")
    then_the_accessibility_baseline_is_met(page)


def test_kyle_answers_in_the_standard_page(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    survey = house_survey(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person")
    page.set_viewport_size(PHONE)
    when_i_visit(page, "voice:answer", survey_id=survey.pk)
    then_i_see_heading(page, "Our house meetings")
    then_the_accessibility_baseline_is_met(page)
    when_i_press_button(page, "Send my answers")
    then_i_see_text(page, "There is a problem")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("Very happy", exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    when_i_press_button(page, "Send my answers")
    then_i_see_text(page, "Thank you. Your answers are counted.")
    then_the_accessibility_baseline_is_met(page)


def test_sana_sees_the_totals_move_as_answers_arrive(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(browser_personas)
    page = given_i_am_signed_in_as(page_as, "senior_leader")
    when_i_visit(page, "voice:results", survey_id=vote.pk)
    count = page.locator("#responses-count")
    expect(count).to_have_attribute("data-count", "0")
    then_the_accessibility_baseline_is_met(page)
    answer_as(browser_personas.person, browser_personas, vote, choose(vote, 1))
    answer_as(browser_personas.supporter, browser_personas, vote, choose(vote, 1))
    # No reload: htmx asks for the new totals every few seconds.
    expect(count).to_have_attribute("data-count", "2", timeout=25_000)
    then_i_see_text(page, "The zoo has the most answers: 2 of 2 (100%).")
    expect(page.locator("#results-announcement")).to_contain_text("2 answers so far.")
    then_the_accessibility_baseline_is_met(page)
    page.goto(page.url + "?by=role#breakdown")
    then_i_see_text(page, "No group has 5 answers yet.")
    then_the_accessibility_baseline_is_met(page)


def test_wendy_holds_a_house_meeting_on_one_tablet(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(browser_personas)
    page = given_i_am_signed_in_as(page_as, "worker")
    when_i_visit(page, "voice:mine")
    page.get_by_role("link", name=vote.title).click()
    then_the_accessibility_baseline_is_met(page)
    page.get_by_role("link", name=re.compile("Start a house meeting")).click()
    then_i_see_heading(page, re.compile("House meeting"))
    then_the_accessibility_baseline_is_met(page)
    page.get_by_role("link", name="Kyle answers now").click()
    then_i_see_text(page, "Kyle is answering")
    page.get_by_label("A football match", exact=True).check()
    page.get_by_label("I helped them give their answers").check()
    then_the_accessibility_baseline_is_met(page)
    when_i_press_button(page, "Send Kyle's answers")
    then_i_see_text(page, "Thank you, Kyle. Your answers are counted.")
    then_i_see_text(page, "has answered")
    then_the_accessibility_baseline_is_met(page)
