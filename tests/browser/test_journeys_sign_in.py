"""Journeys for someone who is not signed in yet: the sign-in page, by mouse and keyboard."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD

from .steps import (
    given_i_am_signed_out,
    then_i_am_on,
    then_i_see_heading,
    then_the_accessibility_baseline_is_met,
    when_i_press_enter,
    when_i_switch_to_easy_read,
    when_i_tab_to,
    when_i_type,
    when_i_visit,
)

pytestmark = pytest.mark.browser

SIGN_IN = re.compile(r"sign in", re.IGNORECASE)
# The password form is the one with a password box; the header has buttons of its own.
PASSWORD_FORM = "form:has(input[type=password])"


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_signed_out_visitor_sees_an_accessible_sign_in_page(page_as, easy_read: bool) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_out(page_as, easy_read=easy_read)
    when_i_visit(page, "account_login")
    then_i_see_heading(page, SIGN_IN)
    then_the_accessibility_baseline_is_met(page)


def test_signed_out_visitor_is_sent_from_home_to_sign_in(page_as) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_out(page_as)
    when_i_visit(page, "home")
    then_i_am_on(page, "account_login")
    then_i_see_heading(page, SIGN_IN)


def test_signed_out_visitor_can_switch_the_sign_in_page_to_easy_read(page_as) -> None:  # type: ignore[no-untyped-def]
    page = given_i_am_signed_out(page_as)
    when_i_visit(page, "account_login")
    when_i_switch_to_easy_read(page)
    then_i_am_on(page, "account_login")
    then_the_accessibility_baseline_is_met(page)


def test_person_signs_in_with_a_password_by_keyboard_alone(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    person = browser_personas.person
    page = given_i_am_signed_out(page_as)
    when_i_visit(page, "account_login")

    when_i_tab_to(page, f"{PASSWORD_FORM} input[type=email], {PASSWORD_FORM} input[name=login]")
    when_i_type(page, person.email)
    when_i_tab_to(page, f"{PASSWORD_FORM} input[type=password]")
    when_i_type(page, PASSWORD)
    when_i_tab_to(page, f"{PASSWORD_FORM} button[type=submit]")
    when_i_press_enter(page)

    then_i_am_on(page, "home")
    then_i_see_heading(page, f"Hello, {person.get_short_name()}")
    then_the_accessibility_baseline_is_met(page)
