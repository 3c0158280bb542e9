"""Comments, complaints and compliments: one concern's page, for whoever raised it and
those handling it (in easy read for the person)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.feedback import lifecycle
from coproduce.feedback.access import access_concern
from coproduce.feedback.models import ConcernKind, ConcernStatus

# What each status means for the person who raised it, in easy read.
STATUS_SYMBOLS: dict[str, str] = {
    ConcernStatus.RECEIVED: "wait",
    ConcernStatus.ACKNOWLEDGED: "listen",
    ConcernStatus.INVESTIGATING: "search",
    ConcernStatus.RESPONDED: "tell",
    ConcernStatus.CLOSED: "yes",
}


@login_required
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    reached = access_concern(request.viewer, concern_id)  # type: ignore[attr-defined]
    item = reached.concern
    today = timezone.localdate()
    is_complaint = item.kind == ConcernKind.COMPLAINT
    return render(
        request,
        "feedback/concern.jinja",
        {
            "concern": item,
            "reached": reached,
            "events": list(item.events.select_related("by")),
            "is_complaint": is_complaint,
            "symbol": STATUS_SYMBOLS.get(item.status, "info"),
            "acknowledge_late": is_complaint
            and lifecycle.overdue(
                item.acknowledge_by, today, done=item.acknowledged_at is not None
            ),
            "respond_late": is_complaint
            and lifecycle.overdue(item.respond_by, today, done=item.responded_at is not None),
            "raised_late": is_complaint
            and lifecycle.raised_late(item.happened_on, item.received_on),
        },
    )
