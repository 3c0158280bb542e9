"""Journeys through pages a person supported reaches from their home: telling us about a
decision on their own form, and the versions of their profile and plan, in standard and
easy read, and what they meet when someone saved first. Each page meets the accessibility baseline and reflows at 320 px."""

from __future__ import annotations

import pytest

from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.people.tests.profile_helpers import write_part
from coproduce.plans.actions import EntryWords, plan_entry_update
from coproduce.plans.tests.factories import add_entry, viewer_of

from .steps import (
    given_i_am_signed_in_as,
    problems_on,
    then_i_see_an_error_summary,
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

MODES = pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])


@MODES
def test_person_tells_us_about_a_decision_on_their_own_form(
    page_as, browser_personas, easy_read
) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=easy_read)
    when_i_visit(page, "decisions:mine")
    when_i_click_link(page, "Tell us about a decision")
    then_i_see_heading(page, "Tell us about a decision")
    if easy_read:
        then_the_page_is_in_easy_read(page)
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_press_button(page, "Send")
    then_i_see_an_error_summary(page)
    then_i_see_text(page, "Write what was decided")
    then_the_accessibility_baseline_is_met(page)

    when_i_fill_in(page, "What was decided?", "I will go swimming on Tuesdays.")
    page.get_by_label("Yes, I helped decide").check()
    when_i_fill_in(page, "What did you think?", "The pool is quiet on Tuesdays.")
    page.get_by_label("Wendy Worker").check()
    when_i_press_button(page, "Send")

    then_i_see_heading(page, "A decision about me")
    then_i_see_text(page, "I will go swimming on Tuesdays.")
    then_the_accessibility_baseline_is_met(page)
    decision = Decision.objects.get()
    assert decision.rung == Rung.CO_PRODUCTION
    assert decision.voice_how == VoiceHow.TYPED


@pytest.mark.parametrize("persona", ["person", "supporter"])
def test_versions_of_a_profile_part_in_easy_read(page_as, browser_personas, persona) -> None:  # type: ignore[no-untyped-def]
    kyle = browser_personas.kyle
    write_part(kyle, browser_personas.person, "good_day", "Swimming.")
    write_part(kyle, browser_personas.person, "good_day", "Swimming and chips.")
    page = given_i_am_signed_in_as(page_as, persona, easy_read=True)
    when_i_visit(page, "people:profile_history", person_id=kyle.pk, section="good_day")
    then_the_page_is_in_easy_read(page)
    then_i_see_text(page, "These are the words now.")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_click_link(page, "What changed in version 2")
    then_i_see_heading(page, "What changed in")
    then_i_see_text(page, "Before: version 1")
    then_i_see_text(page, "After: version 2")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


@pytest.mark.parametrize("persona", ["person", "supporter"])
def test_versions_of_a_plan_part_in_easy_read(page_as, browser_personas, persona) -> None:  # type: ignore[no-untyped-def]
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
    page = given_i_am_signed_in_as(page_as, persona, easy_read=True)
    when_i_visit(page, "plans:entry_history", entry_id=entry.pk)
    then_the_page_is_in_easy_read(page)
    then_i_see_text(page, "Swimming on Fridays")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_click_link(page, "What changed in version 2")
    then_i_see_text(page, "What changed from version 1 to version 2")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


def test_person_meets_someone_elses_change_in_easy_read(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyle = browser_personas.kyle
    write_part(kyle, browser_personas.person, "good_day", "Swimming.")
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "people:profile_part_edit", person_id=kyle.pk, section="good_day")
    # Wendy saves first, while Kyle's form is open.
    write_part(kyle, browser_personas.worker, "good_day", "Swimming and chips.", how="spoken")
    when_i_fill_in(page, "What makes a good day for you?", "Swimming, then the park.")
    page.get_by_label("I wrote it myself").check()
    when_i_press_button(page, "Save")
    # The page answers 409 on purpose; Chromium logs that as an error.
    problems = problems_on(page)
    problems.console_errors[:] = [e for e in problems.console_errors if "409" not in e]
    then_the_page_is_in_easy_read(page)
    then_i_see_heading(page, "Someone else changed this")
    then_i_see_text(page, "Nothing is lost. Your words are in the form.")
    then_i_see_text(page, "Swimming and chips.")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)


@pytest.mark.parametrize("persona", ["person", "supporter"])
@MODES
def test_decisions_read_in_plain_words_without_ladder_names(
    page_as, browser_personas, persona, easy_read
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.decisions.tests.factories import record_decision

    record_decision(browser_personas.worker, person=browser_personas.kyle, rung=Rung.CONSULTATION)
    page = given_i_am_signed_in_as(page_as, persona, easy_read=easy_read)
    when_i_visit(page, "decisions:mine")
    words = (
        "You were asked what you think."
        if persona == "person"
        else ("Kyle was asked what they think.")
    )
    then_i_see_text(page, words)
    then_the_accessibility_baseline_is_met(page)
    if easy_read:
        when_i_click_link(page, "More about this decision")
    else:
        page.locator(".app-decision a").first.click()
    then_i_see_text(page, words)
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
