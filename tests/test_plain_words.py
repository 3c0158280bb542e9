"""The pages people supported and their supporters read say no word twice in a row.

The small demo is loaded and each of its person-side personas opens home and follows the
links from it, page by page, in standard and in easy read. The words of each page's main
content must not hold a doubled word ("your your", "the the"); numbers are left alone
("2 2 2027" is a date).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from conftest import signed_in_client

pytestmark = pytest.mark.django_db

DOUBLED_WORD = re.compile(r"\b([^\W\d_]+) \1\b", re.IGNORECASE)
PERSON_SIDE = ("kyle@riverside.example", "ruth@riverside.example", "mary@riverside.example")
MOST_PAGES = 60
# Pages of one kind (the same path but for ids) are read at most this many times.
MOST_OF_A_KIND = 2
# Links that leave the pages people read: signing out, files, the admin.
SKIP = re.compile(r"^/(accounts|admin|static|media|api)/|\.(pdf|json|ics|png|jpg|vtt)$|fhir|export")


# Tags that end a run of words: a doubled word is looked for within one run.
BLOCKS = frozenset(
    [
        "p",
        "li",
        "th",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
        "div",
        "dt",
        "dd",
        "label",
        "legend",
        "button",
        "option",
        "summary",
        "br",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "form",
        "fieldset",
    ]
)


class _Page(HTMLParser):
    """Collect the words of <main> and the links on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.words: list[str] = []
        self._in_main = 0
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)
        if tag == "main":
            self._in_main += 1
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag in BLOCKS:
            self.words.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main -= 1
        if tag in ("script", "style", "template"):
            self._hidden -= 1
        if tag in BLOCKS:
            self.words.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_main and not self._hidden:
            self.words.append(data)

    def runs(self) -> list[str]:
        return [" ".join(run.split()) for run in " ".join(self.words).split("\n")]


def _doubled(*runs: str) -> list[str]:
    return [run for run in runs if DOUBLED_WORD.search(run)]


def _walk(email: str, easy_read: bool) -> dict[str, list[str]]:
    from coproduce.accounts.models import User

    user = User.objects.get(email=email)
    user.easy_read = easy_read
    user.save(update_fields=["easy_read"])
    client = signed_in_client(user)
    queue, seen, problems = ["/"], {"/"}, {}
    kinds: dict[str, int] = {}
    read = 0
    while queue and read < MOST_PAGES:
        url = queue.pop(0)
        kind = re.sub(r"\d+", "N", url)
        if kinds.get(kind, 0) >= MOST_OF_A_KIND:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        read += 1
        response = client.get(url, follow=True)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = _Page()
        page.feed(response.content.decode())
        doubled = _doubled(*page.runs())
        if doubled:
            problems[url] = doubled
        for href in page.links:
            link, _fragment = urldefrag(href)
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or SKIP.search(link):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert read > 10, f"{email} found too few pages to read"
    return problems


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
@pytest.mark.parametrize("email", PERSON_SIDE)
def test_person_side_pages_say_no_word_twice(email: str, easy_read: bool) -> None:
    call_command("demo", stdout=StringIO())
    problems = _walk(email, easy_read)
    assert not problems, problems


def test_the_check_finds_a_doubled_word_but_not_numbers() -> None:
    assert _doubled("Talk to your your worker")
    assert _doubled("The the plan")
    assert not _doubled("On 2 2 2027 at 10 10")
    assert not _doubled("one-to-one and one to one")
