"""Given / when / then steps for browser journeys.

A journey reads as the steps a person takes and ends with the accessibility baseline::

    page = given_i_am_signed_in_as(page_as, "person")
    when_i_visit(page, "home")
    when_i_switch_to_easy_read(page)
    then_i_see_heading(page, "Hello, Kyle")
    then_the_accessibility_baseline_is_met(page)

Each step takes the Playwright page first. Steps assert; a failure message says what a
person would have met on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, Response, expect

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE_WIDTH = 320  # WCAG 1.4.10 Reflow: 1280 CSS px at 400% zoom

_axe_source: str | None = None


# --- what the browser saw -------------------------------------------------------------


@dataclass
class BrowserProblems:
    """Errors a page met: console errors, uncaught script errors, server errors."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"script error: {text}" for text in self.page_errors]
            + [f"server error: {text}" for text in self.server_errors]
        )

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.server_errors.clear()


_problems: WeakKeyDictionary[Page, BrowserProblems] = WeakKeyDictionary()


def watch(page: Page) -> BrowserProblems:
    """Record console errors, uncaught script errors and responses of 500 or more."""
    problems = BrowserProblems()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            problems.console_errors.append(f"{message.text} ({where or page.url})")

    def on_response(response: Response) -> None:
        if response.status >= 500:
            problems.server_errors.append(f"{response.status} from {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(f"{error} ({page.url})"))
    page.on("response", on_response)
    _problems[page] = problems
    return problems


def problems_on(page: Page) -> BrowserProblems:
    return _problems.setdefault(page, BrowserProblems())


# --- given ----------------------------------------------------------------------------


def given_i_am_signed_in_as(page_as: Any, persona: str, *, easy_read: bool = False) -> Page:
    """Open a browser signed in as one of the personas in conftest.py."""
    return page_as(persona, easy_read=easy_read)


def given_i_am_signed_out(page_as: Any, *, easy_read: bool = False) -> Page:
    return page_as(None, easy_read=easy_read)


# --- when -----------------------------------------------------------------------------


def url_for(target: str, **kwargs: Any) -> str:
    """Return a path: ``target`` is a path ("/accessibility/") or a URL name ("home")."""
    if target.startswith("/"):
        return target
    return reverse(target, kwargs=kwargs or None)


def when_i_visit(page: Page, target: str, *, expect_status: int = 200, **kwargs: Any) -> Response:
    """Open a page by URL name or path and check the status it answered with."""
    path = url_for(target, **kwargs)
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response from {path}"
    assert response.status == expect_status, (
        f"{path} answered {response.status}, expected {expect_status}"
    )
    if expect_status >= 400:
        # Chromium logs every document that answers with an error: expected here.
        _forget_console_error(page, f"status of {expect_status}")
    return response


def _forget_console_error(page: Page, fragment: str) -> None:
    problems = problems_on(page)
    problems.console_errors[:] = [t for t in problems.console_errors if fragment not in t]


EASY_READ_TOGGLE = "easy-read-toggle"  # data-testid of the header's page-mode button


def when_i_switch_to_easy_read(page: Page) -> None:
    """Press the header's "Easy read" button."""
    toggle = page.get_by_test_id(EASY_READ_TOGGLE)
    expect(toggle).to_have_text(re.compile("easy read", re.IGNORECASE))
    with page.expect_navigation():
        toggle.click()
    then_the_page_is_in_easy_read(page)


def when_i_switch_to_standard_page(page: Page) -> None:
    """Press the header's "Standard page" button."""
    toggle = page.get_by_test_id(EASY_READ_TOGGLE)
    expect(toggle).to_have_text(re.compile("standard", re.IGNORECASE))
    with page.expect_navigation():
        toggle.click()
    then_the_page_is_standard(page)


def when_i_click_link(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name).first.click()


def when_i_follow(page: Page, href: str) -> None:
    """Follow the first link to exactly this address, whatever its words."""
    with page.expect_navigation():
        page.locator(f'a[href="{href}"]').first.click()


def when_i_fill_in(page: Page, label: str, value: str, *, within: str | None = None) -> None:
    """Fill the box with this label; ``within`` names its fieldset, as in a date's "Day"."""
    scope = page.get_by_role("group", name=within, exact=True) if within else page
    scope.get_by_label(label, exact=True).fill(value)


def when_i_press_button(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def when_i_tab_to(page: Page, selector: str, *, max_tabs: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has focus.

    At every stop the focused element must show a visible focus indicator.
    """
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        then_focus_is_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached within {max_tabs} presses of Tab")


def when_i_type(page: Page, text: str) -> None:
    """Type into the focused element, key by key."""
    page.keyboard.type(text)


def when_i_press_enter(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


# --- then -----------------------------------------------------------------------------


def then_i_see_heading(page: Page, text: str | re.Pattern[str], *, level: int = 1) -> None:
    expect(page.get_by_role("heading", level=level).first).to_contain_text(text)


def then_i_see_text(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.locator("main").first).to_contain_text(text)


def then_i_see_an_error_summary(page: Page) -> None:
    """Assert the page leads with an error summary, has focus on it, and says so in its title."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error:"))


def then_i_am_on(page: Page, target: str, **kwargs: Any) -> None:
    expected = url_for(target, **kwargs)
    assert urlsplit(page.url).path == expected, f"on {page.url}, expected {expected}"


def then_the_page_is_in_easy_read(page: Page) -> None:
    expect(page.locator("body")).to_have_class(re.compile(r"\bapp-easy-read\b"))


def then_the_page_is_standard(page: Page) -> None:
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bapp-easy-read\b"))


FOCUS_STYLE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {ok: false, what: "nothing (focus is on the page itself)"};
  }
  const style = getComputedStyle(el);
  const transparent = (c) => c === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(c);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !transparent(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  const shown = box.width > 0 && box.height > 0;
  const name = el.getAttribute("aria-label") || el.name || el.id
    || (el.innerText || el.value || "").trim().slice(0, 40);
  return {
    ok: (outline || shadow) && shown,
    what: `<${el.tagName.toLowerCase()}> "${name}"`,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    shadow: style.boxShadow,
    shown,
  };
}
"""


def then_focus_is_visible(page: Page) -> None:
    """Assert the focused element is on screen with an outline or box-shadow (WCAG 2.4.7)."""
    focus = page.evaluate(FOCUS_STYLE_JS)
    assert focus["ok"], (
        f"focus is not visible on {page.url}: {focus['what']} "
        f"(outline {focus.get('outline')}, box-shadow {focus.get('shadow')}, "
        f"on screen {focus.get('shown')})"
    )


def then_the_browser_saw_no_errors(page: Page) -> None:
    problems = problems_on(page).all()
    assert not problems, "The browser met errors:\n  " + "\n  ".join(problems)


def then_the_page_reflows_at_320_px(page: Page) -> None:
    """Assert nothing scrolls sideways at 320 CSS px wide (WCAG 1.4.10 Reflow)."""
    overflow = page_overflow_at(page, PHONE_WIDTH)
    assert overflow is None, f"{page.url} {overflow}"


def page_overflow_at(page: Page, width: int) -> str | None:
    """Return a description of sideways scrolling at ``width``, or None when none."""
    original = page.viewport_size
    page.set_viewport_size({"width": width, "height": 800})
    try:
        sizes = page.evaluate(
            """() => {
              const root = document.documentElement;
              const wide = [];
              if (root.scrollWidth > root.clientWidth) {
                for (const el of document.body.querySelectorAll("*")) {
                  const r = el.getBoundingClientRect();
                  if (r.right > root.clientWidth + 1 && r.width > 0) {
                    wide.push(el.tagName.toLowerCase()
                      + (el.id ? "#" + el.id : "")
                      + (el.className && typeof el.className === "string"
                          ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
                    if (wide.length >= 5) break;
                  }
                }
              }
              return {scroll: root.scrollWidth, client: root.clientWidth, wide};
            }"""
        )
    finally:
        if original:
            page.set_viewport_size(original)
    if sizes["scroll"] <= sizes["client"]:
        return None
    return (
        f"scrolls sideways at {width} px: content is {sizes['scroll']} px wide "
        f"in {sizes['client']} px; widest elements: {', '.join(sizes['wide']) or '?'}"
    )


# --- the accessibility baseline -------------------------------------------------------


def _axe() -> str:
    global _axe_source
    if _axe_source is None:
        if not AXE_SCRIPT.exists():
            raise AssertionError(f"{AXE_SCRIPT} is missing: run `npm ci` first.")
        _axe_source = AXE_SCRIPT.read_text(encoding="utf-8")
    return _axe_source


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations for the WCAG tags.

    The script is evaluated through the DevTools protocol, which the page's Content
    Security Policy does not govern, so the policy stays as strict as in production.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe())
    return page.evaluate(
        """async (tags) => {
          const results = await window.axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
          });
          return results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({
              target: n.target.map(String).join(" "),
              summary: n.failureSummary,
            })),
          }));
        }""",
        AXE_TAGS,
    )


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{url}: {len(violations)} accessibility violation(s) ({', '.join(AXE_TAGS)})"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"      {node['target']}  — {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"      … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def then_the_accessibility_baseline_is_met(page: Page) -> None:
    """Assert axe-core finds no WCAG 2.2 A or AA violation on the page as it is now."""
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)
