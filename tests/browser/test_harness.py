"""The checks themselves: each one fails on a page built to break it.

A check that cannot fail is not a check. These pages are set straight into the browser,
with no server, so they stay fast.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .steps import (
    then_focus_is_visible,
    then_the_accessibility_baseline_is_met,
    then_the_browser_saw_no_errors,
    then_the_page_reflows_at_320_px,
    watch,
)

CLEAN = """<!doctype html><html lang="en"><head><title>Clean</title></head>
<body><main><h1>A clean page</h1><p>Nothing wrong here.</p>
<button style="outline: 3px solid #fd0">Press me</button></main></body></html>"""


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page)
    yield page
    context.close()


def test_baseline_passes_a_clean_page(blank_page: Page) -> None:
    blank_page.set_content(CLEAN)
    then_the_accessibility_baseline_is_met(blank_page)


def test_baseline_names_the_rule_and_the_element_that_fail(blank_page: Page) -> None:
    blank_page.set_content(
        CLEAN.replace("<p>Nothing wrong here.</p>", '<img id="chart" src="data:,">')
    )
    with pytest.raises(AssertionError) as failure:
        then_the_accessibility_baseline_is_met(blank_page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "#chart" in message
    assert "[critical]" in message


def test_baseline_catches_low_contrast(blank_page: Page) -> None:
    blank_page.set_content(CLEAN.replace("<p>", '<p style="color:#bbb">'))
    with pytest.raises(AssertionError, match="color-contrast"):
        then_the_accessibility_baseline_is_met(blank_page)


def test_reflow_check_finds_content_wider_than_a_phone(blank_page: Page) -> None:
    blank_page.set_content(CLEAN.replace("<p>", '<p id="wide" style="width: 600px">'))
    with pytest.raises(AssertionError, match=r"scrolls sideways at 320 px.*p#wide"):
        then_the_page_reflows_at_320_px(blank_page)
    assert blank_page.viewport_size == {"width": 1280, "height": 900}


def test_reflow_check_passes_a_page_that_wraps(blank_page: Page) -> None:
    blank_page.set_content(CLEAN)
    then_the_page_reflows_at_320_px(blank_page)


def test_focus_check_fails_when_the_outline_is_removed(blank_page: Page) -> None:
    blank_page.set_content(CLEAN.replace("outline: 3px solid #fd0", "outline: none"))
    blank_page.keyboard.press("Tab")
    with pytest.raises(AssertionError, match="focus is not visible"):
        then_focus_is_visible(blank_page)


def test_focus_check_passes_a_visible_outline(blank_page: Page) -> None:
    blank_page.set_content(CLEAN)
    blank_page.keyboard.press("Tab")
    then_focus_is_visible(blank_page)


def test_console_and_script_errors_are_caught(blank_page: Page) -> None:
    blank_page.set_content(CLEAN)
    blank_page.evaluate("() => console.error('broken')")
    blank_page.evaluate("() => setTimeout(() => { throw new Error('uncaught'); })")
    blank_page.wait_for_timeout(100)
    with pytest.raises(AssertionError) as failure:
        then_the_browser_saw_no_errors(blank_page)
    assert "console error: broken" in str(failure.value)
    assert "script error: " in str(failure.value)
    assert "uncaught" in str(failure.value)
