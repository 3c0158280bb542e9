"""The home page, the "to answer" list and the viewer's notifications: pages gathered from
every app below."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.accounts.models import Notification
from coproduce.accounts.notifications.actions import notification_read, notifications_read_all
from coproduce.accounts.notifications.kinds import notification_symbol, notification_text
from coproduce.accounts.notifications.queries import (
    notification_in_organisation,
    notifications_for,
)
from coproduce.core.access import missing, not_found, number_or_404, refused, require_roles
from coproduce.core.tenancy import Viewer
from coproduce.site.home import home_context
from coproduce.site.to_answer import ANSWERING_ROLES, to_answer_page

PER_PAGE = 25


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _easy(request: HttpRequest) -> bool:
    return bool(getattr(request, "easy_read", False))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if viewer.organisation is None:
        return render(request, "core/no_organisation.jinja", status=403)
    context = home_context(viewer)
    context["unread_count"] = request.unread_notifications()  # type: ignore[attr-defined]
    return render(request, "core/home.jinja", context)


@login_required
@require_roles(*ANSWERING_ROLES)
def to_answer(request: HttpRequest) -> HttpResponse:
    """What waits for the viewer's answer, overdue first, then the soonest due."""
    viewer = _viewer(request)
    page_number = number_or_404(request.GET.get("page") or "1")
    kind = request.GET.get("kind", "")
    today = timezone.localdate()
    waiting, items, total = to_answer_page(
        viewer, today=today, page=page_number, per_page=PER_PAGE, kind=kind
    )
    if kind and kind not in {w.kind for w in waiting}:
        raise not_found()
    pages = max(1, math.ceil(total / PER_PAGE))
    if page_number > pages:
        raise not_found()
    return render(
        request,
        "core/to_answer.jinja",
        {
            "waiting": waiting,
            "items": items,
            "total": total,
            "kind": kind,
            "today": today,
            "page_number": page_number,
            "pages": pages,
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The viewer's notifications in this organisation, newest first, new ones marked."""
    viewer = _viewer(request)
    if viewer.organisation is None:
        raise not_found()
    page = Paginator(notifications_for(viewer), PER_PAGE).get_page(request.GET.get("page"))
    easy = _easy(request)
    rows: list[dict[str, Any]] = [
        {
            "notification": n,
            "text": notification_text(n, easy_read=easy),
            "symbol": notification_symbol(n),
        }
        for n in page.object_list
    ]
    return render(
        request,
        "core/notifications.jinja",
        {
            "page": page,
            "rows": rows,
            "any_unread": any(not r["notification"].is_read for r in rows),
        },
    )


@login_required
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one of the viewer's notifications as read and go to the page it is about."""
    viewer = _viewer(request)
    notification = notification_in_organisation(viewer, notification_id)
    if notification is None:
        raise missing(viewer, Notification, notification_id)
    if notification.recipient_id != viewer.user.pk:
        raise refused(viewer, notification, "open")
    notification_read(user=viewer.user, notification=notification)
    target = notification.target
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith(
        "/"
    ):
        return redirect("notifications")
    return redirect(target)


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if viewer.organisation is None:
        raise not_found()
    count = notifications_read_all(user=viewer.user, organisation=viewer.organisation)
    if count:
        messages.success(request, _("All your notifications are marked as read"))
    return redirect("notifications")
