"""Journeys for supporters: Kyle asks someone by name and email to be his supporter, and
the person asked says yes on their own invitation page, in standard and easy read."""

from __future__ import annotations

import pytest

from coproduce.accounts.tests.factories import PersonFactory
from coproduce.people.models import Supporter
from coproduce.people.supporters.actions import supporter_add
from coproduce.plans.tests.factories import viewer_of

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_fill_in,
    when_i_follow,
    when_i_press_button,
    when_i_visit,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_kyle_asks_someone_to_be_his_supporter(page_as, browser_personas, easy_read) -> None:  # type: ignore[no-untyped-def]
    kyle = browser_personas.kyle
    page = given_i_am_signed_in_as(page_as, "person", easy_read=easy_read)
    when_i_visit(page, "people:supporter_add", person_id=kyle.pk)
    then_i_see_heading(page, "Add a supporter")
    then_the_accessibility_baseline_is_met(page)

    when_i_fill_in(page, "Their name", "Sid Friend")
    when_i_fill_in(page, "Their email address", "sid@example.test")
    page.get_by_label("Friend", exact=True).check()
    page.get_by_label("My meetings").check()
    when_i_press_button(page, "Ask them")

    then_i_see_text(page, "We asked Sid Friend by email")
    then_i_see_text(page, "Waiting for Sid to say yes")
    then_the_accessibility_baseline_is_met(page)
    assert Supporter.objects.get(person=kyle, user__email="sid@example.test").is_waiting


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_mary_says_yes_to_being_ruths_supporter(page_as, browser_personas, easy_read) -> None:  # type: ignore[no-untyped-def]
    p = browser_personas
    ruth = PersonFactory(organisation=p.organisation, preferred_name="Ruth", services=[p.house])
    link = supporter_add(
        viewer=viewer_of(p.manager, ruth),
        person=ruth,
        name=p.supporter.name,
        email=p.supporter.email,
        relationship="family",
        scopes=["plan"],
        person_view="Please ask Mary",
        voice_how="spoken",
    )
    page = given_i_am_signed_in_as(page_as, "supporter", easy_read=easy_read)
    when_i_visit(page, "home")
    then_i_see_text(page, "Ruth asked you to be their supporter.")
    when_i_follow(page, f"/people/supporting/{link.pk}/")
    then_i_see_heading(page, "Will you be Ruth's supporter?")
    then_i_see_text(page, "My support plan")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)

    when_i_press_button(page, "Yes, I will be a supporter")

    then_i_see_text(page, "Thank you. You are now Ruth's supporter.")
    then_the_accessibility_baseline_is_met(page)
    link.refresh_from_db()
    assert not link.is_waiting
