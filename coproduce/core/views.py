"""Pages every user shares: preferences, the accessibility statement, errors, audit."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from coproduce.core import actions, queries
from coproduce.core.access import require_roles
from coproduce.core.forms_audit import AuditSearchForm
from coproduce.core.middleware import SESSION_EASY_READ, SESSION_TEXT_ONLY
from coproduce.core.symbols import OPENMOJI_VERSION, SYMBOLS

logger = logging.getLogger(__name__)


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    """Return where to go back to: a path on this site, never another site or a name."""
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    """Switch easy read or text only on or off for this visit (and save it when signed in)."""
    changes = {}
    for key, session_key in (("easy_read", SESSION_EASY_READ), ("text_only", SESSION_TEXT_ONLY)):
        if key in request.POST:
            value = request.POST[key] == "1"
            request.session[session_key] = value
            changes[key] = value
    if request.user.is_authenticated and changes:
        actions.user_preferences_update(user=request.user, **changes)  # type: ignore[arg-type]
    return HttpResponseRedirect(_safe_next(request))


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja")


def symbols(request: HttpRequest) -> HttpResponse:
    """List the pictures used for easy read, who drew them and their licence."""
    return render(
        request,
        "core/symbols.jinja",
        {"symbols": sorted(SYMBOLS.items()), "openmoji_version": OPENMOJI_VERSION},
    )


@require_roles("org_admin")
def audit_log(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = AuditSearchForm(request.GET or None, organisation=viewer.organisation)
    entries = queries.audit_entries(viewer.organisation)
    if form.is_valid():
        entries = queries.filter_audit_entries(entries, **form.cleaned_data)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.jinja", {"form": form, "page": page})


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    """Render an error page in the layout; if that fails too, the plain page.

    An error can come before the middleware has run (a wrong Host header is refused by the
    first middleware, before sign-in is known), so the layout gets what it reads from the
    request, and a page that still cannot render becomes the plain one, never a bare error.
    """
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    try:
        return render(request, template, status=status)
    except Exception:
        logger.exception("The %s page could not be rendered; sent the plain page", status)
        return _plain_error_page(status)


PLAIN_ERROR_HEADINGS = {
    400: _("Sorry, something was wrong with that request"),
    403: _("You cannot see this page"),
    404: _("Page not found"),
}


def _plain_error_page(status: int) -> HttpResponse:
    """The page for when anything else may fail: no request, database or layout.

    Its stylesheet link is left out when static files are broken (no manifest), so the page
    itself still renders.
    """
    from django.template.loader import get_template
    from django.templatetags.static import static

    try:
        stylesheet = static("app/app.css")
    except Exception:
        stylesheet = ""
    html = get_template("core/errors/500.jinja").render(
        {"stylesheet": stylesheet, "heading": PLAIN_ERROR_HEADINGS.get(status)}
    )
    return HttpResponse(html, status=status)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "core/errors/404.jinja", 404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "core/errors/403.jinja", 403)


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "core/errors/400.jinja", 400)


def error_500(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever failed may fail again.
    return _plain_error_page(500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(request, "core/errors/csrf.jinja", 403)
