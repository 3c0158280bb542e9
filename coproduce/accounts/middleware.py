"""Attach the organisation and viewer to each request; track sessions; ask for a second factor."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from coproduce.accounts.viewer import viewer_for
from coproduce.core.tenancy import Viewer

SESSION_ORGANISATION_KEY = "organisation_id"


def _current_organisation(request: HttpRequest):  # type: ignore[no-untyped-def]
    from coproduce.accounts.queries import organisations_for_user

    user = request.user
    if not user.is_authenticated:
        return None
    organisations = list(organisations_for_user(user))
    chosen = request.session.get(SESSION_ORGANISATION_KEY)
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    return organisations[0] if organisations else None


class OrganisationMiddleware:
    """Set ``request.organisation`` and ``request.viewer``, both lazily."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        organisation = SimpleLazyObject(lambda: _current_organisation(request))
        request.organisation = organisation  # type: ignore[attr-defined]

        def build_viewer() -> Viewer:
            org = request.organisation  # type: ignore[attr-defined]
            return viewer_for(request.user, org if org else None)  # type: ignore[arg-type]

        request.viewer = SimpleLazyObject(build_viewer)  # type: ignore[attr-defined]

        @functools.cache
        def unread_notifications() -> int:
            from coproduce.accounts.notifications.queries import unread_notification_count

            if not request.user.is_authenticated:
                return 0
            return unread_notification_count(request.viewer)  # type: ignore[attr-defined]

        # Called by the navigation (core cannot ask accounts itself): one count per page.
        request.unread_notifications = unread_notifications  # type: ignore[attr-defined]
        return self.get_response(request)


# Last time this session's row in the session list was refreshed: the session key and
# the time. Refreshing on every request would write to the database on every request.
SESSION_ACTIVITY_KEY = "coproduce_session_seen"
SESSION_ACTIVITY_INTERVAL = 300


class SessionActivityMiddleware:
    """Keep the user's list of sessions ("where you are signed in") up to date.

    Allauth's own middleware writes on every request; this one at most every few
    minutes per session, and at once for a session it has not seen.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from allauth.usersessions import app_settings

        session = request.session
        if app_settings.TRACK_ACTIVITY and session.session_key and request.user.is_authenticated:
            seen = session.get(SESSION_ACTIVITY_KEY) or {}
            now = time.time()
            if (
                seen.get("key") != session.session_key
                or now - seen.get("at", 0) >= SESSION_ACTIVITY_INTERVAL
            ):
                from allauth.usersessions.models import UserSession

                UserSession.objects.create_from_request(request)
                session[SESSION_ACTIVITY_KEY] = {"key": session.session_key, "at": now}
        return self.get_response(request)


# Pages open before the second factor: none of them shows anyone's personal data. The
# organisation's stylesheet and the language switch serve the second-factor pages too.
SECOND_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "core:preferences",
        "core:accessibility",
        "core:symbols",
        "core:theme_css",
        "core:demo_sign_in",
        "set_language",
    }
)
# Pages that set up a second factor; a factor set up on one counts for this session.
SECOND_FACTOR_SETUP_URL_NAMES = frozenset({"mfa_activate_totp", "mfa_add_webauthn"})


class SecondFactorMiddleware:
    """Require a second factor of staff before any page with personal data.

    A member holding a role in ``MFA_REQUIRED_ROLES`` (in the current organisation) is
    sent to set up an authenticator app or passkey if they have none, or to give one if
    this session has not. Allauth's own pages, preferences, the accessibility statement
    and static files stay open. The development-only demo personas are waived.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        known = getattr(request, "_second_factors_before", None)
        if known is not None and request.user.is_authenticated:
            self._count_new_second_factor(request, known)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        from coproduce.accounts.sign_in import second_factor

        user = request.user
        if not user.is_authenticated:
            return None
        if second_factor.session_passed_second_factor(request):
            return None
        if second_factor.demo_waiver_applies(request):
            return None
        if self._is_exempt(request, view_func):
            self._remember_second_factors(request)
            return None
        if not second_factor.second_factor_required(request.viewer):  # type: ignore[attr-defined]
            return None
        if not second_factor.has_second_factor(user):  # type: ignore[arg-type]
            return redirect("mfa_activate_totp")
        target = reverse("mfa_reauthenticate")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _is_exempt(request: HttpRequest, view_func: Callable[..., Any]) -> bool:
        if getattr(view_func, "second_factor_exempt", False):
            return True
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_EXEMPT_URL_NAMES:
            return True
        # Allauth's pages: sign in and out, second factor set-up, password, sessions.
        return getattr(view_func, "__module__", "").startswith("allauth.")

    @staticmethod
    def _remember_second_factors(request: HttpRequest) -> None:
        from coproduce.accounts.sign_in import second_factor

        match = request.resolver_match
        if (
            request.method == "POST"
            and match is not None
            and match.view_name in SECOND_FACTOR_SETUP_URL_NAMES
        ):
            request._second_factors_before = second_factor.second_factor_ids(request.user)  # type: ignore[attr-defined,arg-type]

    @staticmethod
    def _count_new_second_factor(request: HttpRequest, known: set[int]) -> None:
        """Count an authenticator set up in this request as this session's second factor:
        setting one up means typing a code from it, or using the key."""
        from allauth.mfa.models import Authenticator

        from coproduce.accounts.sign_in import second_factor

        new_ids = second_factor.second_factor_ids(request.user) - known  # type: ignore[arg-type]
        if not new_ids:
            return
        authenticator = Authenticator.objects.get(pk=min(new_ids))
        second_factor.add_second_factor_record(
            request.session,
            request.user,  # type: ignore[arg-type]
            authenticator_type=authenticator.type,
            id=authenticator.pk,
            activated=True,
        )
