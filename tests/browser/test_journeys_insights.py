"""Journey for a commissioner: from their home page to the anonymised figures."""

from __future__ import annotations

import pytest

from coproduce.decisions.tests.factories import record_decision

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_click_link,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def test_commissioner_reads_the_figures_for_each_service(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        record_decision(browser_personas.worker, person=browser_personas.kyle)
    page = given_i_am_signed_in_as(page_as, "commissioner")
    when_i_visit(page, "home")
    then_the_accessibility_baseline_is_met(page)
    when_i_click_link(page, "Figures for each service")

    then_i_see_heading(page, "Evidence and outcomes")
    then_i_see_text(page, browser_personas.house.name)
    then_i_see_text(page, "fewer than 5")
    then_the_accessibility_baseline_is_met(page)
    then_the_page_reflows_at_320_px(page)
