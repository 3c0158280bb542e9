"""Journeys through choosing a team: Kyle chooses from matched cards in the standard page
and in easy read, asks to change a worker and follows it, and the manager answers; the
manager offers two workers, Kyle answers over two visits, the manager confirms and Kyle
sees his team now. Each ends with the accessibility baseline."""

from __future__ import annotations

import pytest

from coproduce.matching.models import ChangeRequest, TeamChoice
from coproduce.matching.tests.team_helpers import kyle_change_request, suggested_worker

from .steps import (
    given_i_am_signed_in_as,
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

PHONE = {"width": 390, "height": 844}


def test_kyle_chooses_his_team_from_the_cards(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    suggested_worker(browser_personas, name="Sally Suggested")
    suggested_worker(browser_personas, name="Tom Twostep")
    page = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(page, "matching:choose", person_id=browser_personas.kyle.pk)
    then_i_see_heading(page, "Choose my team")
    then_i_see_text(page, "What you have in common")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_role("group", name="Do you want Sally Suggested in your team?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("I want to meet Sally first").check()
    page.get_by_role("group", name="Do you want Tom Twostep in your team?").get_by_label(
        "Maybe"
    ).check()
    when_i_press_button(page, "Save answers")
    then_i_see_text(page, "Thank you. Your answers are saved.")
    assert TeamChoice.objects.filter(person=browser_personas.kyle).count() == 2
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_chooses_his_team_in_easy_read_on_his_phone(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    suggested_worker(browser_personas, name="Sally Suggested")
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    page.set_viewport_size(PHONE)
    when_i_visit(page, "matching:choose", person_id=browser_personas.kyle.pk)
    then_i_see_heading(page, "Do you want Sally to support you?")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    page.get_by_label("Yes", exact=True).check()
    when_i_press_button(page, "Next")
    then_i_see_heading(page, "Your answers")
    then_i_see_text(page, "Sally: Yes.")
    then_the_accessibility_baseline_is_met(page)


def test_kyle_asks_to_change_a_worker_and_sees_progress(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(page, "matching:change_request_new", person_id=browser_personas.kyle.pk)
    then_i_see_heading(page, "Ask to change a worker")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("Wendy Worker").check()
    when_i_fill_in(page, "Why? (you do not have to say)", "Visits feel rushed")
    when_i_press_button(page, "Send")
    then_i_see_text(page, "Your request is sent. Your manager will answer.")
    then_i_see_heading(page, "Changing a worker: Wendy Worker")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_kyle_follows_his_request_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    request = kyle_change_request(browser_personas)
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    page.set_viewport_size(PHONE)
    when_i_visit(page, "matching:change_request", request_id=request.pk)
    then_i_see_text(page, "You asked for a new worker. Done ✓")
    then_i_see_text(page, "Your manager will read it soon.")
    then_the_accessibility_baseline_is_met(page)


def test_manager_answers_a_change_request(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    request = kyle_change_request(browser_personas)
    page = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(page, "matching:change_request", request_id=request.pk)
    then_i_see_text(page, "We do not get on.")
    then_the_accessibility_baseline_is_met(page)
    page.get_by_label("Offer other workers to meet").check()
    when_i_fill_in(page, "What to tell the person", "You could meet Sally on Tuesday.")
    when_i_press_button(page, "Save")
    then_i_see_text(page, "Saved. The person can see the next step.")
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.OPTIONS_OFFERED
    when_i_visit(page, "matching:change_figures")
    then_i_see_heading(page, "Requests to change a worker")
    then_the_accessibility_baseline_is_met(page)


def test_manager_confirms_kyles_team(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.viewer import viewer_for
    from coproduce.matching.actions import team_choice_record

    p = browser_personas
    sally = suggested_worker(p, name="Sally Suggested")
    team_choice_record(
        viewer=viewer_for(p.person, p.organisation), person=p.kyle, worker=sally, answer="yes"
    )
    page = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(page, "matching:manager_review", person_id=p.kyle.pk)
    then_i_see_heading(page, "Kyle's team choices")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
    page.get_by_label("Yes, confirm the team").check()
    when_i_press_button(page, "Save")
    then_i_see_text(page, "Saved. Kyle can see it on their page.")
    assert TeamChoice.objects.get(person=p.kyle).status == TeamChoice.Status.CONFIRMED


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_manager_offers_two_workers_and_kyle_answers_over_two_visits(  # type: ignore[no-untyped-def]
    page_as, browser_personas, easy_read
) -> None:
    from coproduce.people.staff.tests.staff_helpers import profile_with_photo

    p = browser_personas
    request = kyle_change_request(p)
    sally = suggested_worker(p, name="Sally Suggested")
    suggested_worker(p, name="Tom Twostep")
    profile_with_photo(p, sally)

    # The manager offers two workers who match, on the cards Kyle will see.
    manager = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(manager, "matching:change_request", request_id=request.pk)
    when_i_click_link(manager, "Offer named workers who match")
    then_i_see_heading(manager, "Offer other workers to Kyle")
    then_i_see_text(manager, "What you have in common")
    then_the_accessibility_baseline_is_met(manager)
    manager.get_by_label("Offer Sally Suggested to Kyle").check()
    manager.get_by_label("Offer Tom Twostep to Kyle").check()
    when_i_press_button(manager, "Offer these workers")
    then_i_see_text(manager, "Saved. Kyle can now see the workers you offered.")
    then_the_accessibility_baseline_is_met(manager)

    # Kyle answers about Sally, leaves, and comes back for Tom.
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=easy_read)
    if easy_read:
        kyle.set_viewport_size(PHONE)
    when_i_visit(kyle, "matching:change_request", request_id=request.pk)
    then_the_accessibility_baseline_is_met(kyle)
    if easy_read:
        kyle.get_by_role("button", name="See the new workers").click()
        then_i_see_heading(kyle, "Do you want Sally to support you?")
        then_the_accessibility_baseline_is_met(kyle)
        then_the_page_reflows_at_320_px(kyle)
        kyle.get_by_label("Yes", exact=True).check()
        when_i_press_button(kyle, "Next")
        when_i_visit(kyle, "matching:change_request_answers", request_id=request.pk)
        then_i_see_heading(kyle, "Do you want Tom to support you?")
        kyle.get_by_label("I want to meet them first").check()
        when_i_press_button(kyle, "Next")
        then_i_see_heading(kyle, "Your answers")
        then_i_see_text(kyle, "Sally: Yes.")
        then_i_see_text(kyle, "Tom: I want to meet them first.")
    else:
        kyle.get_by_role("button", name="Answer about the workers offered").click()
        then_i_see_heading(kyle, "The workers you could have")
        then_the_accessibility_baseline_is_met(kyle)
        kyle.get_by_role("group", name="Do you want Sally Suggested in your team?").get_by_label(
            "Yes"
        ).check()
        when_i_press_button(kyle, "Save answers")
        then_i_see_text(kyle, "Thank you. Your answers are saved.")
        then_i_see_text(kyle, "1 worker has no answer yet.")
        when_i_visit(kyle, "matching:change_request_answers", request_id=request.pk)
        kyle.get_by_role("group", name="Do you want Tom Twostep in your team?").get_by_label(
            "I want to meet them first"
        ).check()
        when_i_press_button(kyle, "Save answers")
        then_i_see_text(kyle, "Thank you. Your answers are saved.")
    then_the_accessibility_baseline_is_met(kyle)
    answers = dict(request.offers.values_list("worker__name", "answer"))
    assert answers == {"Sally Suggested": "yes", "Tom Twostep": "meet_first"}

    # The manager confirms Sally, the worker Kyle said yes to.
    when_i_visit(manager, "matching:change_request", request_id=request.pk)
    then_i_see_text(manager, "Workers offered")
    then_the_accessibility_baseline_is_met(manager)
    manager.get_by_role("group", name="Who joins Kyle's team?").get_by_label(
        "Sally Suggested"
    ).check()
    when_i_press_button(manager, "Confirm the change")
    then_i_see_text(manager, "Saved. Kyle's team has changed.")
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.CHANGED
    assert TeamChoice.objects.get(person=p.kyle, worker=sally).status == "confirmed"

    # Kyle sees his team now, and how to ask for another change.
    when_i_visit(kyle, "matching:choose", person_id=p.kyle.pk)
    then_i_see_heading(kyle, "Your team now")
    then_i_see_text(kyle, "Sally Suggested")
    portrait = kyle.get_by_role("img", name="Picture of Sally")
    assert portrait.is_visible()
    assert portrait.evaluate("img => img.complete && img.naturalWidth > 0")
    then_i_see_text(kyle, "You asked to change Wendy Worker. It is done: you have a new worker.")
    then_the_accessibility_baseline_is_met(kyle)
    then_the_page_reflows_at_320_px(kyle)
