"""Journeys for the organisation admin: the audit log."""

from __future__ import annotations

import pytest

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_an_error_summary,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    when_i_fill_in,
    when_i_press_button,
    when_i_press_enter,
    when_i_tab_to,
    when_i_type,
    when_i_visit,
)

pytestmark = pytest.mark.browser

SEARCH_FORM = "main form[method=get]"


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_org_admin_reads_the_audit_log(page_as, easy_read: bool) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "org_admin", easy_read=easy_read)
    when_i_visit(page, "core:audit_log")
    then_i_see_heading(page, "Audit log")
    then_the_accessibility_baseline_is_met(page)


def test_org_admin_searches_the_audit_log_by_keyboard_alone(page_as) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(page, "core:audit_log")

    when_i_tab_to(page, f"{SEARCH_FORM} input[name=actor_email]")
    when_i_type(page, "nobody@example.test")
    when_i_tab_to(page, f"{SEARCH_FORM} button")
    when_i_press_enter(page)

    assert "actor_email=nobody%40example.test" in page.url
    then_i_see_heading(page, "Audit log")
    then_i_see_text(page, "No entries match your search.")
    then_the_accessibility_baseline_is_met(page)


def test_org_admin_searching_a_bad_date_is_told_what_to_fix(page_as) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(page, "core:audit_log")
    when_i_fill_in(page, "Day", "31", within="From")
    when_i_fill_in(page, "Month", "2", within="From")
    when_i_fill_in(page, "Year", "2024", within="From")
    when_i_press_button(page, "Search the log")
    then_i_see_an_error_summary(page)
    then_i_see_heading(page, "Audit log")
    then_the_accessibility_baseline_is_met(page)
