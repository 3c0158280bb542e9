"""Reads of the viewer's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from coproduce.accounts.models import Notification
from coproduce.core.tenancy import Viewer


def notifications_for(viewer: Viewer) -> QuerySet[Notification]:
    """The viewer's own notifications in their current organisation, newest first."""
    return Notification.objects.filter(
        recipient=viewer.user, organisation=viewer.organisation
    ).order_by("-created_at", "-pk")


def unread_notification_count(viewer: Viewer) -> int:
    if viewer.organisation is None:
        return 0
    return Notification.objects.filter(
        recipient=viewer.user, organisation=viewer.organisation, read_at__isnull=True
    ).count()


def notification_in_organisation(viewer: Viewer, notification_id: int) -> Notification | None:
    """A notification of the viewer's organisation, whoever it is for (the view refuses
    someone else's, and the refusal is recorded)."""
    if viewer.organisation is None:
        return None
    return (
        Notification.objects.filter(organisation=viewer.organisation, pk=notification_id)
        .select_related("recipient")
        .first()
    )
