"""Every page a persona may use is reachable by links from their home page.

For each persona, follow every same-site link from home (a few pages of each URL pattern)
and compare the URL names reached with the URL-by-role policy (``test_url_policy.POLICY``):
each GET page the persona is allowed, and that has an object to show (every policy
entry's builder runs first, so Kyle has a change request, a flag, a one-to-one...), must
be among them. A page reached only by a form (``REACHED_BY_FORM``) says so here, with why.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve
from test_url_policy import POLICY

from conftest import PERSONA_NAMES, Personas, signed_in_client

pytestmark = pytest.mark.django_db

# Pages a link never leads to, by design: each one is the answer to a form or a choice.
REACHED_BY_FORM: dict[str, str] = {
    "plans:agree": "offered on the plan only once nothing waits for the person's answer",
}
SKIP = re.compile(r"(logout|sign-out|/static/|/media/|/i18n/)")
FILE = re.compile(r"\.(pdf|csv|json|ics|vtt|png|jpe?g|svg|mp4|webm|css)(\?|$)", re.IGNORECASE)
PER_ROUTE = 8
MAX_PAGES = 600


# Where a page draws a file from: pictures, films, their captions, style sheets.
RESOURCES = {"img": "src", "video": "poster", "source": "src", "track": "src", "link": "href"}


class _Links(HTMLParser):
    """The page links to follow, and the files and downloads a page offers (reached, but
    not opened: a PDF is a download, not a page with links)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            is_file = "download" in found or FILE.search(found["href"] or "")
            (self.files if is_file else self.hrefs).append(found["href"] or "")
        elif tag in RESOURCES and found.get(RESOURCES[tag]):
            self.files.append(found[RESOURCES[tag]] or "")
        if found.get("hx-get"):
            # A fragment the page itself asks for (live results), reached with the page.
            self.files.append(found["hx-get"] or "")


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def reachable_from_home(client, broken: list[str] | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    """The URL names a signed-in client reaches by following links from home; a link
    that answers 400 or more is added to ``broken``."""
    reached: set[str] = set()
    broken = broken if broken is not None else []
    queue: deque[str] = deque(["/"])
    seen = {"/"}
    per_route: Counter[str] = Counter()
    opened = 0
    while queue and opened < MAX_PAGES:
        path = queue.popleft()
        name = _route(urlsplit(path).path)
        if name is None or per_route[name] >= PER_ROUTE:
            continue
        per_route[name] += 1
        opened += 1
        response = client.get(path)
        if response.status_code in (301, 302):
            reached.add(name)
            target = urlsplit(response["Location"])
            if not target.netloc and target.path not in seen:
                seen.add(target.path)
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
            continue
        if response.status_code != 200:
            broken.append(f"{path} answered {response.status_code}")
            continue
        reached.add(name)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.files:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc in ("", "testserver") and (found := _route(parts.path)):
                reached.add(found)
        for href in parser.hrefs:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc not in ("", "testserver") or SKIP.search(parts.path):
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return reached


@pytest.fixture
def personas_with_everything(personas: Personas) -> Personas:
    for rule in POLICY.values():
        rule.kwargs(personas)
    return personas


@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_every_allowed_page_is_reachable_from_home(
    personas_with_everything: Personas, persona: str
) -> None:
    p = personas_with_everything
    allowed = {
        name
        for name, rule in POLICY.items()
        if rule.method == "GET" and persona in rule.allowed and not rule.sign_in
    }
    broken: list[str] = []
    reached = reachable_from_home(signed_in_client(p.user(persona)), broken)
    missing = sorted(allowed - reached - set(REACHED_BY_FORM))
    assert missing == [], f"{persona} cannot reach by links from home: {missing}"
    assert broken == [], f"{persona} follows links that do not work: {broken}"
