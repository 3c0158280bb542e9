"""The pages about one person supported, named once by the app that serves each, so a
person's page links to all of them without the people app knowing the apps above it.

Each app registers its pages in ``AppConfig.ready`` with the rule that lets a viewer
open them; ``pages_for`` returns the ones this viewer may open for this person, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from coproduce.core.tenancy import Viewer


@dataclass(frozen=True)
class PersonPage:
    url_name: str  # takes ``person_id``
    label: str | Promise  # for staff and supporters: "Support plan"
    own_label: str | Promise  # for the person: "My support plan"
    may_open: Callable[[Viewer, Any], bool]
    symbol: str
    order: int


PAGES: dict[str, PersonPage] = {}


def register(page: PersonPage) -> PersonPage:
    PAGES[page.url_name] = page
    return page


def pages_for(viewer: Viewer, person: Any, *, is_self: bool) -> list[dict[str, Any]]:
    """The pages about ``person`` that ``viewer`` may open: label, href and symbol."""
    found = []
    for page in sorted(PAGES.values(), key=lambda p: p.order):
        if not page.may_open(viewer, person):
            continue
        found.append(
            {
                "label": str(page.own_label if is_self else page.label),
                "href": reverse(page.url_name, kwargs={"person_id": person.pk}),
                "symbol": page.symbol,
                "url_name": page.url_name,
            }
        )
    return found
