"""What the layout needs on every page: organisation, navigation, preferences."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from coproduce.core.navigation import navigation_for


def layout(request: HttpRequest) -> dict[str, Any]:
    viewer = getattr(request, "viewer", None)
    organisation = getattr(request, "organisation", None)
    return {
        "viewer": viewer,
        "organisation": organisation if organisation else None,
        "easy_read": getattr(request, "easy_read", False),
        "text_only": getattr(request, "text_only", False),
        "navigation": navigation_for(request),
    }
