"""The demo persona sign-in page: a development copy only, never when DEBUG is off."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coproduce.core.access import not_found
from coproduce.demo.personas import (
    DEMO_PASSWORD,
    HILLSIDE,
    PERSONAS,
    PERSONAS_BY_KEY,
    RIVERSIDE,
    persona_user,
)

# The second-factor check lets a demo sign-in through, but only while the page is enabled.
SESSION_DEMO_SIGN_IN = "coproduce_demo_sign_in"


@require_http_methods(["GET", "POST"])
def demo_sign_in(request: HttpRequest) -> HttpResponse:
    """List the demo personas; sign in as the one chosen."""
    # The URL exists only when enabled; refusing here too guards against a stray route.
    if not settings.DEMO_SIGN_IN_ENABLED:
        raise not_found()
    if request.method == "POST":
        key = request.POST.get("persona", "")
        if key not in PERSONAS_BY_KEY:
            raise not_found()
        user = persona_user(key)
        if user is None:
            messages.warning(
                request, _("That person is not in the database yet. Load the demo first.")
            )
            return redirect("core:demo_sign_in")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Set after login(): logging in starts a fresh session.
        request.session[SESSION_DEMO_SIGN_IN] = True
        return redirect("home")
    return render(
        request,
        "core/demo_sign_in.jinja",
        {
            "groups": [
                (_("Riverside Support"), [p for p in PERSONAS if p.organisation_slug == RIVERSIDE]),
                (_("Hillside Care"), [p for p in PERSONAS if p.organisation_slug == HILLSIDE]),
            ],
            "demo_password": DEMO_PASSWORD,
        },
    )
