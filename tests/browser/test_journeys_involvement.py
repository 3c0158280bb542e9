"""Journeys through paid involvement: Josie records her hours for a meeting and claims her
bus fare with a photo of the ticket, in easy read on her phone, and is warned that the
payment would take her over ESA's permitted-work limit; Maya is warned too before she
approves; Ada's payroll export pays it. Kyle asks to be a policy editor and Maya answers.
Every page meets the accessibility baseline in standard and easy read."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from coproduce.involvement.models import ExpenseClaim, TimeRecord
from coproduce.involvement.tests.involvement_helpers import (
    josie_at_willow,
    kyles_interest,
    receipt_upload,
)

from .steps import (
    given_i_am_signed_in_as,
    then_i_see_heading,
    then_i_see_text,
    then_the_accessibility_baseline_is_met,
    then_the_page_reflows_at_320_px,
    when_i_switch_to_easy_read,
    when_i_switch_to_standard_page,
    when_i_visit,
)

pytestmark = pytest.mark.browser


def _both_modes(page: Page, *, easy_read_first: bool = False) -> None:
    """The baseline on the page as it is, and again in the other page mode, and back."""
    then_the_accessibility_baseline_is_met(page)
    if easy_read_first:
        when_i_switch_to_standard_page(page)
        then_the_accessibility_baseline_is_met(page)
        when_i_switch_to_easy_read(page)
    else:
        when_i_switch_to_easy_read(page)
        then_the_accessibility_baseline_is_met(page)
        when_i_switch_to_standard_page(page)


def test_josies_meeting_hours_and_bus_fare_reach_the_payroll_with_an_esa_warning(
    page_as, browser_personas, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    browser_personas.josie = josie_at_willow(browser_personas)
    ticket = tmp_path / "ticket.jpg"
    ticket.write_bytes(receipt_upload().read())
    today = timezone.localdate()

    josie = given_i_am_signed_in_as(page_as, "josie", easy_read=True)
    josie.set_viewport_size({"width": 390, "height": 844})
    josie_id = TimeRecord.objects.get().person_id
    when_i_visit(josie, "involvement:person", person_id=josie_id)
    then_i_see_heading(josie, "Your jobs and money")
    then_i_see_text(josie, "Your job: Policy editor")
    _both_modes(josie, easy_read_first=True)
    josie.get_by_role("link", name="Tell us your hours").first.click()
    then_i_see_heading(josie, "Tell us your hours")
    then_i_see_text(josie, "Each week you can earn up to £195.50.")
    _both_modes(josie, easy_read_first=True)
    then_the_page_reflows_at_320_px(josie)
    josie.get_by_role("button", name="Send").click()
    then_i_see_text(josie, "Say what it was")
    then_the_accessibility_baseline_is_met(josie)
    josie.get_by_label("A meeting", exact=True).check()
    josie.get_by_label("What was it?").fill("Meeting: residents' meeting 3 Dec")
    josie.get_by_label("Day").fill(str(today.day))
    josie.get_by_label("Month").fill(str(today.month))
    josie.get_by_label("Year").fill(str(today.year))
    josie.get_by_label("Hours", exact=True).fill("2")
    josie.get_by_label("Be paid", exact=True).check()
    josie.get_by_role("button", name="Send").click()
    then_i_see_text(josie, "Thank you. Your time is sent to be checked.")
    then_i_see_text(josie, "This payment could change your ESA.")
    _both_modes(josie, easy_read_first=True)
    record = TimeRecord.objects.get(activity__description__startswith="Meeting: residents")
    assert record.person_id == josie_id

    when_i_visit(josie, "involvement:expense_new", person_id=record.person_id)
    then_i_see_heading(josie, "Get money back")
    _both_modes(josie, easy_read_first=True)
    josie.get_by_label("Which activity was it for?").select_option(
        label="Meeting: residents' meeting 3 Dec"
    )
    josie.get_by_label("Travel", exact=True).check()
    josie.get_by_label("How much did it cost, in pounds?").fill("6.40")
    josie.get_by_label("What did you pay for?").fill("Bus there and back")
    josie.get_by_label("A photo of the receipt").set_input_files(str(ticket))
    josie.get_by_label("What does the photo show?").fill("A bus day ticket for £6.40")
    josie.get_by_role("button", name="Send").click()
    then_i_see_text(josie, "Thank you. Your claim is sent to be checked.")
    josie.get_by_role("img", name="A bus day ticket for £6.40").wait_for()
    _both_modes(josie, easy_read_first=True)
    claim = ExpenseClaim.objects.get()

    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "to_answer")
    maya.get_by_role("link", name=re.compile("Hours to approve")).first.click()
    then_i_see_text(maya, "over the permitted-work limit (up to £195.50")
    _both_modes(maya)
    maya.get_by_label("Approve", exact=True).check()
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "tick to approve all the same")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Approve", exact=True).check()
    maya.get_by_label("I have seen the warning and I approve it all the same").check()
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Approved. It will be paid with the next payroll.")
    _both_modes(maya)
    when_i_visit(maya, "involvement:expense", claim_id=claim.pk)
    then_i_see_text(maya, "The receipt")
    _both_modes(maya)
    maya.get_by_label("Approve", exact=True).check()
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Approved. It will be paid with the next payroll.")

    when_i_visit(maya, "involvement:person", person_id=josie_id)
    then_i_see_text(maya, "Policy editor, since")
    _both_modes(maya)

    ada = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(ada, "home")
    ada.get_by_role("link", name="Involvement").first.click()
    then_i_see_heading(ada, "Involvement")
    _both_modes(ada)
    ada.get_by_role("link", name="Payroll").first.click()
    then_i_see_text(ada, "2 time records and 1 expenses claims")
    _both_modes(ada)
    ada.get_by_role("button", name="Export for payroll").click()
    then_i_see_text(ada, "Payroll export 1 is ready to download.")
    then_the_accessibility_baseline_is_met(ada)
    with ada.expect_download() as download:
        ada.get_by_role("link", name="Export 1 (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))
    josies = [row for row in rows if row[2] == str(josie_id)]
    assert [row[3] for row in josies] == ["hours", "hours", "expenses: travel"]
    assert [josies[1][4], josies[1][10]] == ["Meeting: residents' meeting 3 Dec", "24.00"]
    assert josies[2][10] == "6.40"

    when_i_visit(josie, "involvement:statement", person_id=record.person_id)
    then_i_see_heading(josie, "What we paid you")
    then_i_see_text(josie, "We pay back £6.40 you spent.")
    _both_modes(josie, easy_read_first=True)


def test_kyle_asks_to_be_a_policy_editor_and_maya_says_not_now(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.involvement.tests.involvement_helpers import policy_editor_opportunity

    policy_editor_opportunity(browser_personas)
    kyle = given_i_am_signed_in_as(page_as, "person", easy_read=True)
    kyle.set_viewport_size({"width": 390, "height": 844})
    when_i_visit(kyle, "involvement:opportunities")
    then_i_see_heading(kyle, "Jobs you can do with us")
    _both_modes(kyle, easy_read_first=True)
    kyle.get_by_role("link", name="Help us rewrite the visitors policy").first.click()
    then_i_see_text(kyle, "Read our rules about visitors.")
    _both_modes(kyle, easy_read_first=True)
    kyle.get_by_label("Why are you interested? (optional)").fill("I read every letter.")
    kyle.get_by_role("button", name="I want to do this").click()
    then_i_see_text(kyle, "Thank you. A manager will answer soon.")
    when_i_visit(kyle, "involvement:benefit", person_id=browser_personas.kyle.pk)
    then_i_see_heading(kyle, "Benefits and how we pay you")
    _both_modes(kyle, easy_read_first=True)
    kyle.get_by_label("Universal Credit", exact=True).check()
    kyle.get_by_role("button", name="Save").click()
    then_i_see_text(kyle, "Saved.")
    when_i_visit(kyle, "involvement:statement", person_id=browser_personas.kyle.pk)
    then_i_see_text(kyle, "We tell the Government what we pay you.")
    _both_modes(kyle, easy_read_first=True)

    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "involvement:manage")
    maya.get_by_role("link", name=re.compile("Kyle: Help us rewrite")).click()
    then_i_see_heading(maya, "Kyle is interested")
    _both_modes(maya)
    maya.get_by_label("Not now", exact=True).check()
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Say why, so the person knows")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Not now", exact=True).check()
    maya.get_by_label("If not now: why? The person is told this.").fill(
        "We have two editors now. We ask again in March."
    )
    maya.get_by_role("button", name="Send the answer").click()
    then_i_see_text(maya, "Answered. They are told why.")

    when_i_visit(kyle, "involvement:person", person_id=browser_personas.kyle.pk)
    then_i_see_text(kyle, "We ask again in March.")
    _both_modes(kyle, easy_read_first=True)


def test_maya_advertises_and_ada_sets_rates(page_as, browser_personas) -> None:  # type: ignore[no-untyped-def]
    kyles_interest(browser_personas)
    maya = given_i_am_signed_in_as(page_as, "manager")
    when_i_visit(maya, "involvement:opportunity_new")
    then_i_see_heading(maya, "Advertise an opportunity")
    _both_modes(maya)
    maya.get_by_role("button", name="Advertise it").click()
    then_i_see_text(maya, "Give the opportunity a title")
    then_the_accessibility_baseline_is_met(maya)
    maya.get_by_label("Which role?").select_option(label="Quality checker")
    maya.get_by_label("Title").fill("Check our houses")
    maya.get_by_label("What the person will do", exact=True).fill("Visit houses and tell us.")
    maya.get_by_label("What the person will do, in easy read").fill("Visit houses. Tell us.")
    maya.get_by_role("button", name="Advertise it").click()
    then_i_see_text(maya, "The opportunity is advertised.")
    _both_modes(maya)

    when_i_visit(maya, "involvement:manage")
    maya.get_by_role("link", name="Figures").click()
    then_i_see_heading(maya, "Involvement figures")
    _both_modes(maya)

    ada = given_i_am_signed_in_as(page_as, "org_admin")
    when_i_visit(ada, "involvement:settings")
    then_i_see_heading(ada, "Rates and limits")
    _both_modes(ada)
    ada.locator("#id_rate-interview-amount").fill("lots")
    ada.get_by_role("button", name="Save the rate").nth(3).click()
    then_i_see_text(ada, "Enter an amount in pounds, like 4.50")
    then_the_accessibility_baseline_is_met(ada)
