"""Screenshots of the main pages for the README and reviews: `make screenshots`.

Skipped unless pytest is given ``--screenshots``. Each shot is saved under
docs/screenshots/ as ``<name>-<persona>[-easy-read][-phone].png``: 1280 px wide, or
390 px for the phone shots, the full page down to ``MAX_HEIGHT``. Add a page by adding
a ``Shot``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from conftest import PERSONA_NAMES, Personas
from coproduce.matching.tests import team_helpers as _team

from .steps import url_for, when_i_visit

pytestmark = pytest.mark.browser

OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"
DESKTOP_WIDTH = 1280
PHONE_WIDTH = 390
MAX_HEIGHT = 2000


@dataclass(frozen=True)
class Shot:
    name: str
    persona: str | None  # None: signed out
    target: str | Callable[[Personas], str]  # URL name, path, or a path from the personas
    easy_read: bool = False
    phone: bool = False
    # Something to set up first, for pages that show what waits (a request, a flag).
    setup: Callable[[Personas], object] | None = None

    @property
    def filename(self) -> str:
        parts = [self.name]
        if self.persona:
            parts.append(self.persona.replace("_", "-"))
        if self.easy_read:
            parts.append("easy-read")
        if self.phone:
            parts.append("phone")
        return "-".join(parts) + ".png"


def kyles(url_name: str) -> Callable[[Personas], str]:
    """Return a target for a page about Kyle, the person supported."""
    return lambda personas: reverse(url_name, kwargs={"person_id": personas.kyle.pk})


def something_waits(personas: Personas) -> None:
    """Kyle asks to change a worker and says something is not working; Maya answers the
    second, so both of them have something to read."""
    from coproduce.accounts.viewer import viewer_for
    from coproduce.matching.tests.team_helpers import kyle_change_request
    from coproduce.plans.checkins.actions import not_working_answer
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_flag

    kyle_change_request(personas)
    kyle_flag(personas)
    answered = kyle_flag(personas)
    not_working_answer(
        viewer=viewer_for(personas.manager, personas.organisation),
        flag=answered,
        answer="We will make your evening visits longer from Monday.",
    )


def both_modes(
    name: str, persona: str | None, target: str | Callable[[Personas], str], **kwargs: Any
) -> list[Shot]:
    return [Shot(name, persona, target, easy_read=mode, **kwargs) for mode in (False, True)]


SHOTS: list[Shot] = [
    *both_modes("sign-in", None, "account_login"),
    *both_modes("accessibility", None, "core:accessibility"),
    *[shot for persona in PERSONA_NAMES for shot in both_modes("home", persona, "home")],
    *both_modes("about-me", "person", "people:mine"),
    *both_modes("decisions-about-me", "person", "decisions:mine"),
    *both_modes("decisions-about-me", "supporter", "decisions:mine"),
    *both_modes("support-plan", "person", kyles("plans:plan")),
    *both_modes("today", "worker", "plans:today"),
    *both_modes("my-profile", "worker", "people:my_staff_profile"),
    *both_modes("decisions", "manager", "decisions:service_list"),
    *both_modes("services", "org_admin", "accounts:service_list"),
    *both_modes("people-and-roles", "org_admin", "accounts:membership_list"),
    *both_modes("audit-log", "org_admin", "core:audit_log"),
    *both_modes("to-answer", "manager", "to_answer", setup=something_waits),
    *both_modes("home-with-news", "manager", "home", setup=something_waits),
    *both_modes("notifications", "manager", "notifications", setup=something_waits),
    *both_modes("notifications", "person", "notifications", setup=something_waits),
    *both_modes("about-kyle", "manager", kyles("people:profile")),
    *both_modes("check-ins", "person", kyles("plans:checkins"), setup=something_waits),
    *both_modes("team", "person", kyles("matching:choose")),
    *both_modes("tell-us-about-a-decision", "person", kyles("decisions:record_for_person")),
    *both_modes(
        "answer-the-workers-offered",
        "person",
        lambda p: reverse("matching:change_request_answers", kwargs=_team.kyle_offers_kwargs(p)),
    ),
    *both_modes(
        "offer-workers",
        "manager",
        lambda p: reverse("matching:change_request_offer", kwargs=_team.kyle_request_kwargs(p)),
    ),
    *both_modes(
        "profile-history",
        "person",
        lambda p: reverse(
            "people:profile_history", kwargs={"person_id": p.kyle.pk, "section": "good_day"}
        ),
    ),
    *both_modes("home", "person", "home", phone=True),
    *both_modes("support-plan", "person", kyles("plans:plan"), phone=True),
]


@pytest.fixture
def screenshots_wanted(request: pytest.FixtureRequest) -> None:
    if not request.config.getoption("--screenshots", default=False):
        pytest.skip("screenshots are taken only with --screenshots (make screenshots)")


def save_png(png: bytes, path: Path) -> None:
    """Save a screenshot with a 256-colour palette: a fraction of the size, text still crisp."""
    image = Image.open(BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.filename for shot in SHOTS])
def test_screenshot(screenshots_wanted, page_as, browser_personas, shot: Shot) -> None:  # type: ignore[no-untyped-def]
    width = PHONE_WIDTH if shot.phone else DESKTOP_WIDTH
    page = page_as(
        shot.persona,
        easy_read=shot.easy_read,
        viewport={"width": width, "height": 844 if shot.phone else 900},
        device_scale_factor=1,
    )
    if shot.setup is not None:
        shot.setup(browser_personas)
    target = shot.target(browser_personas) if callable(shot.target) else url_for(shot.target)
    when_i_visit(page, target)
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), MAX_HEIGHT)
    png = page.screenshot(
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
        animations="disabled",
    )
    OUT.mkdir(parents=True, exist_ok=True)
    save_png(png, OUT / shot.filename)
