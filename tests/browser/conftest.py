"""Fixtures for browser tests: one Chromium for the run, a fresh context for each test.

Playwright drives Debian's ``/usr/bin/chromium`` (never a downloaded browser) against
pytest-django's ``live_server``. See docs/adr/0005-browser-and-accessibility-tests.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from conftest import Personas, build_personas
from coproduce.accounts.models import User
from coproduce.core.middleware import SESSION_EASY_READ

from .steps import watch

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
BUILT_CSS = Path(settings.BASE_DIR) / "coproduce" / "static" / "app" / "app.css"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots",
        action="store_true",
        default=False,
        help="Save screenshots of the main pages under docs/screenshots/.",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark everything in tests/browser as a browser test, and run browser tests last.

    Playwright's sync API marks an asyncio loop as running on the main thread for as long
    as the browser is open; any test after it that touches async code would see that loop.
    Running the browser tests last keeps every other test in an ordinary thread.
    """
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser_items


@pytest.fixture(scope="session")
def built_assets() -> None:
    if not BUILT_CSS.exists():
        pytest.fail(
            f"{BUILT_CSS} is missing: build the front-end assets first with "
            "`make assets` (or `npm run build`). Browser tests need the real CSS.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def playwright(built_assets: None) -> Iterator[Playwright]:
    # While Playwright is open Django sees the loop above as running and would refuse
    # every ORM call from the test thread; no coroutine ever touches the database here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    with sync_playwright() as instance:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        try:
            yield instance
        finally:
            if previous is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium`.", pytrace=False)
    instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:  # type: ignore[no-untyped-def]
    """Open fresh browser contexts on the live server; all are closed after the test."""
    opened: list[BrowserContext] = []

    def open_context(**kwargs: object) -> BrowserContext:
        options: dict[str, object] = {
            "base_url": live_server.url,
            "viewport": DESKTOP,
            "locale": "en-GB",
            "timezone_id": "Europe/London",
        }
        options.update(kwargs)
        context = browser.new_context(**options)  # type: ignore[arg-type]
        # Short enough that a missing button fails fast, long enough for a busy machine.
        context.set_default_timeout(7_500)
        context.set_default_navigation_timeout(20_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def browser_personas(live_server) -> Personas:  # type: ignore[no-untyped-def]
    """The shared personas, written where the live server can read them."""
    return build_personas()


def session_cookie(user: User | None, *, easy_read: bool = False) -> str:
    """Make a session on the server, signed in as the user when given; return its key."""
    from coproduce.accounts.testing import sign_in_for_tests

    if user is not None:
        client = Client()
        sign_in_for_tests(client, user)
        session = client.session
    else:
        session = import_module(settings.SESSION_ENGINE).SessionStore()
    if easy_read:
        session[SESSION_EASY_READ] = True
    session.save()
    assert session.session_key
    return session.session_key


def add_session(context: BrowserContext, url: str, session_key: str) -> None:
    """Hand the browser the session cookie exactly as the server would set it.

    Chromium counts http://localhost as a secure context, so the production cookie
    (``__Host-sessionid``, Secure, Path=/, no Domain) works over the live server's plain
    HTTP. A ``__Host-`` cookie must not carry a Domain attribute: pass the host and path
    rather than a URL, which Playwright would turn into a domain cookie.
    """
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_key,
                "domain": urlsplit(url).hostname or "localhost",
                "path": "/",
                "secure": settings.SESSION_COOKIE_SECURE,
                "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                "sameSite": "Lax",
            }
        ]
    )


@pytest.fixture
def page_as(
    new_context: Callable[..., BrowserContext], browser_personas: Personas, live_server
) -> Iterator[Callable[..., Page]]:  # type: ignore[no-untyped-def]
    """Return a function giving a page signed in as a persona (or signed out for None).

    ``page_as("person", easy_read=True)`` starts in easy read, as if the person had chosen
    it. Every page is watched: console errors, uncaught script errors and server errors
    fail the test when it ends.
    """
    pages: list[Page] = []

    def open_page(persona: str | None, easy_read: bool = False, **context_options: object) -> Page:
        context = new_context(**context_options)
        user = browser_personas.user(persona) if persona is not None else None
        if user is not None or easy_read:
            add_session(context, live_server.url, session_cookie(user, easy_read=easy_read))
        page = context.new_page()
        watch(page)
        pages.append(page)
        return page

    yield open_page
    from .steps import then_the_browser_saw_no_errors

    for page in pages:
        then_the_browser_saw_no_errors(page)
