"""Crawl every page each persona can reach from home, in standard and easy read.

Every page reached by same-origin GET links must answer below 400, meet the accessibility
baseline (axe-core, WCAG 2.2 A and AA), log no console or script error, draw nothing from
the server that answers 500 or more, and not scroll sideways at 320 CSS px wide.

New pages are picked up by themselves once a link leads to them. The crawl is bounded,
so that the suite stays within a few minutes as the platform grows:

- each persona opens at most ``PAGES_PER_ROUTE`` page of one URL pattern (one decision,
  not two hundred) and ``MAX_PAGES`` pages per mode; every page it opens is checked for
  its status, console and script errors and server errors, and its links are followed;
- the costly checks (axe-core and reflow) run on the first ``CHECKS_PER_ROUTE`` personas
  to reach a URL pattern in each mode, in the order of ``SUBJECTS``. Run one persona
  alone (``-k org_admin``) to check all of its pages in full.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from conftest import PERSONA_NAMES

from .steps import (
    axe_violations,
    describe_violations,
    page_overflow_at,
    problems_on,
)

pytestmark = pytest.mark.browser

MAX_PAGES = 40
PAGES_PER_ROUTE = 1
CHECKS_PER_ROUTE = 2
PHONE_WIDTH = 320
# Signing out ends the crawl's session; these are actions, not pages.
SKIP_PATH = re.compile(r"(logout|log-out|sign-out|signout)", re.IGNORECASE)
# Downloads are not pages: exports, calendars, documents, media.
FILE_SUFFIX = re.compile(
    r"\.(pdf|csv|xlsx?|ods|docx?|odt|zip|ics|json|xml|txt|png|jpe?g|gif|svg|webp|mp3|mp4|webm|vtt)$",
    re.IGNORECASE,
)
SKIP_PREFIXES = ("/static/", "/media/")

SUBJECTS = [None, *PERSONA_NAMES]


@dataclass
class CrawlReport:
    visited: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def route_of(path: str) -> str:
    """Name the URL pattern a path belongs to, so that one pattern is visited a few times."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name or match.route


def links_on(page: Page, origin: str) -> list[str]:
    """Return the same-origin page links on the current page, without fragments."""
    hrefs = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map((a) => a.href)"
    )
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        if SKIP_PATH.search(parts.path) or FILE_SUFFIX.search(parts.path):
            continue
        if parts.path.startswith(SKIP_PREFIXES):
            continue
        found.append(urlunsplit(("", "", parts.path, parts.query, "")))
    return found


# How often each URL pattern has been through the axe and reflow checks in this run, by
# mode. Later personas still open the page (for its status, errors and links) but leave
# the costly checks to the ones before them once a pattern has had ``CHECKS_PER_ROUTE``.
_route_checks: Counter[tuple[str, str]] = Counter()


def check_page(
    page: Page, path: str, referrer: str | None, report: CrawlReport, *, full: bool
) -> bool:
    """Open one page and record what is wrong with it. Return True when it loaded.

    ``full`` adds the accessibility baseline and the reflow check.
    """
    problems = problems_on(page)
    problems.clear()
    where = f"{path} (linked from {referrer})" if referrer else path
    try:
        response = page.goto(path, wait_until="load")
    except PlaywrightError as error:
        problems.clear()
        if "Download is starting" in error.message:
            return False  # a file behind a plain link: not a page
        report.failures.append(f"{where}: {error.message.splitlines()[0]}")
        return False
    if response is None or response.status >= 400:
        status = response.status if response else "no response"
        report.failures.append(f"{where}: answered {status}")
        problems.clear()  # Chromium logs the error status too: already reported
        return False
    if not response.headers.get("content-type", "").startswith("text/html"):
        problems.clear()
        return False  # a picture, film or document the browser shows by itself
    if full:
        report.checked.append(path)
        violations = axe_violations(page)
        if violations:
            report.failures.append(describe_violations(where, violations))
        overflow = page_overflow_at(page, PHONE_WIDTH)
        if overflow:
            report.failures.append(f"{where}: {overflow}")
    report.failures.extend(f"{where}: {problem}" for problem in problems.all())
    problems.clear()
    return True


def crawl(page: Page, origin: str, start: str, mode: str, report: CrawlReport) -> None:
    """Visit pages breadth first from ``start``, checking each one."""
    queue: deque[tuple[str, str | None]] = deque([(start, None)])
    seen = {start}
    per_route: Counter[str] = Counter()
    while queue and len(report.visited) < MAX_PAGES:
        path, referrer = queue.popleft()
        route = route_of(urlsplit(path).path)
        if per_route[route] >= PAGES_PER_ROUTE:
            continue
        per_route[route] += 1
        report.visited.append(path)
        full = _route_checks[route, mode] < CHECKS_PER_ROUTE
        if full:
            _route_checks[route, mode] += 1
        if not check_page(page, path, referrer, report, full=full):
            continue
        for link in links_on(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append((link, path))


@pytest.mark.parametrize("persona", SUBJECTS, ids=[p or "signed_out" for p in SUBJECTS])
def test_every_page_a_persona_can_reach_meets_the_baseline(
    page_as, live_server, persona: str | None
) -> None:  # type: ignore[no-untyped-def]
    origin = live_server.url
    start = reverse("home") if persona else reverse("account_login")
    reports = {}
    for mode, easy_read in (("standard", False), ("easy read", True)):
        # One page per mode, reused for every visit: a new context costs more than a page.
        reports[mode] = report = CrawlReport()
        crawl(page_as(persona, easy_read=easy_read), origin, start, mode, report)

    failures = [
        f"[{mode}] {failure}" for mode, report in reports.items() for failure in report.failures
    ]
    visited = "\n".join(
        f"  {mode}: {', '.join(report.visited)}\n  of which checked in full: "
        f"{', '.join(report.checked) or 'none'}"
        for mode, report in reports.items()
    )
    assert not failures, (
        f"{len(failures)} problem(s) for {persona or 'a signed-out visitor'}:\n\n"
        + "\n\n".join(failures)
        + f"\n\nPages visited:\n{visited}"
    )
