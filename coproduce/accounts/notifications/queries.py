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
