"""Page preferences (easy read, text only), the client address for audit, and no-store."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from coproduce.core.audit import client_ip, current_ip

SESSION_EASY_READ = "easy_read"
SESSION_TEXT_ONLY = "text_only"


def easy_read_preference(request: HttpRequest) -> bool:
    """Return True when the page should be shown in easy read.

    The session toggle wins (anyone can switch for this visit); otherwise the signed-in
    user's saved preference.
    """
    value = request.session.get(SESSION_EASY_READ)
    if value is not None:
        return bool(value)
    user = request.user
    return bool(user.is_authenticated and user.easy_read)


def text_only_preference(request: HttpRequest) -> bool:
    value = request.session.get(SESSION_TEXT_ONLY)
    if value is not None:
        return bool(value)
    user = request.user
    return bool(user.is_authenticated and user.text_only)


class PreferencesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(client_ip(request))
        try:
            request.easy_read = easy_read_preference(request)  # type: ignore[attr-defined]
            request.text_only = text_only_preference(request)  # type: ignore[attr-defined]
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class NoStoreMiddleware:
    """Forbid caching of every page shown to a signed-in user: they carry personal data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Cache-Control", "").startswith("public"):
            # The view vouched that the response holds nothing personal (a theme colour).
            return response
        if "no-store" in response.get("Cache-Control", ""):
            # Already forbidden from every cache (a photo says "private, no-store").
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A view may already forbid storing more strictly ("private, no-store").
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store"
        elif "Cache-Control" not in response:
            response["Cache-Control"] = "no-cache, private"
        return response
