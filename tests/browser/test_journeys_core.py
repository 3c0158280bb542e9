"""Journeys through the pages every member shares: home and the accessibility statement."""

from __future__ import annotations

import pytest

from conftest import PERSONA_NAMES

from .steps import (
    given_i_am_signed_in_as,
    given_i_am_signed_out,
    then_i_see_heading,
    then_the_accessibility_baseline_is_met,
    then_the_page_is_in_easy_read,
    when_i_switch_to_easy_read,
    when_i_switch_to_standard_page,
    when_i_visit,
)

pytestmark = pytest.mark.browser

STATEMENT_HEADING = {False: "Accessibility statement", True: "Using this website"}


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_each_persona_reads_their_home_in_standard_and_easy_read(
    page_as, browser_personas, persona: str
) -> None:  # type: ignore[no-untyped-def]
    first_name = browser_personas.user(persona).get_short_name()
    page = given_i_am_signed_in_as(page_as, persona)
    when_i_visit(page, "home")
    then_i_see_heading(page, f"Hello, {first_name}")
    then_the_accessibility_baseline_is_met(page)

    when_i_switch_to_easy_read(page)
    then_i_see_heading(page, first_name)
    then_the_accessibility_baseline_is_met(page)


def test_easy_read_stays_on_from_page_to_page_until_switched_off(page_as) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    when_i_visit(page, "home")
    then_the_page_is_in_easy_read(page)
    when_i_visit(page, "core:accessibility")
    then_the_page_is_in_easy_read(page)
    when_i_switch_to_standard_page(page)
    then_i_see_heading(page, STATEMENT_HEADING[False])
    then_the_accessibility_baseline_is_met(page)


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_signed_out_visitor_reads_the_accessibility_statement(page_as, easy_read: bool) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_out(page_as, easy_read=easy_read)
    when_i_visit(page, "core:accessibility")
    then_i_see_heading(page, STATEMENT_HEADING[easy_read])
    then_the_accessibility_baseline_is_met(page)


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_person_reads_the_accessibility_statement(page_as, easy_read: bool) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "person", easy_read=easy_read)
    when_i_visit(page, "core:accessibility")
    then_i_see_heading(page, STATEMENT_HEADING[easy_read])
    then_the_accessibility_baseline_is_met(page)
