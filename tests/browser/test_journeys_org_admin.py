"""Journeys for the organisation admin: the audit log, and people and roles in an
organisation with more services than a page of checkboxes should hold."""

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


def _many_services(organisation, count: int = 35) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.tests.factories import ServiceFactory

    for number in range(count):
        ServiceFactory(organisation=organisation, name=f"Elm Court {number:02}")


def test_org_admin_invites_by_typing_service_names_in_a_big_organisation(
    page_as, browser_personas
) -> None:  # type: ignore[no-untyped-def]
    """Past 30 services the invite form asks for names, not a box for each service; a name
    it cannot find is named in the error, and the admin puts it right."""
    _many_services(browser_personas.organisation)
    page = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(page, "accounts:invite")
    then_i_see_heading(page, "Invite someone")
    assert page.locator("main input[type=checkbox][name=services]").count() == 0

    when_i_fill_in(page, "Full name", "Priya Shah")
    when_i_fill_in(page, "Email address", "priya@example.test")
    page.get_by_label("Support worker", exact=True).check()
    when_i_fill_in(page, "Services", "Elm Court 03\nElm Cort 07")
    when_i_press_button(page, "Send invitation")
    then_i_see_an_error_summary(page)
    then_i_see_text(page, "We could not find a service called 'Elm Cort 07'.")
    then_the_accessibility_baseline_is_met(page)

    when_i_fill_in(page, "Services", "Elm Court 03\nelm court 07")
    when_i_press_button(page, "Send invitation")
    then_i_see_text(page, "Priya Shah has been invited.")
    then_the_accessibility_baseline_is_met(page)


def test_org_admin_finds_people_by_typing_part_of_a_service_name(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    _many_services(browser_personas.organisation)
    page = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(page, "accounts:membership_list")
    then_i_see_heading(page, "People and roles")
    assert page.locator("main select[name=service]").count() == 0

    when_i_fill_in(page, "Service name contains", "willow")
    when_i_press_button(page, "Search")
    assert "service=willow" in page.url
    then_i_see_text(page, browser_personas.worker.name)
    then_the_accessibility_baseline_is_met(page)

    when_i_fill_in(page, "Service name contains", "nowhere at all")
    when_i_press_button(page, "Search")
    then_i_see_text(page, "No service has a name containing")
    then_the_accessibility_baseline_is_met(page)
