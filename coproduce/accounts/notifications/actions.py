"""Telling people: every notification is written here, inside the action that made the
event, so a write that fails half-way tells nobody."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import Notification, Organisation, User
from coproduce.accounts.notifications.kinds import KINDS
from coproduce.accounts.notifications.tasks import send_notification_email


def notifications_send(
    *,
    organisation: Organisation,
    recipients: Iterable[User],
    kind: str,
    target: str,
    key: str,
    params: dict[str, str] | None = None,
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient once per ``key`` (never the actor about their own act), in-app
    now and by email once the caller's transaction commits. Return the new notifications.

    Called from inside the action that made the event, so a write that fails half-way
    tells nobody.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    created: list[Notification] = []
    seen: set[int] = set()
    with transaction.atomic():
        for user in recipients:
            if user.pk in seen or (actor is not None and user.pk == actor.pk):
                continue
            seen.add(user.pk)
            if not user.is_active:
                continue
            notification, is_new = Notification.objects.get_or_create(
                recipient=user,
                key=key[:120],
                defaults={
                    "organisation": organisation,
                    "kind": kind,
                    "params": params or {},
                    "target": target,
                },
            )
            if is_new:
                created.append(notification)
        for notification in created:
            transaction.on_commit(partial(send_notification_email.enqueue, notification.pk))
    return created


def notification_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's notifications as read (reading it twice changes nothing)."""
    if notification.recipient_id != user.pk:
        raise ValueError("A notification is read only by its recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_read_all(*, user: User, organisation: Organisation) -> int:
    """Mark every unread notification of the user in the organisation as read."""
    return Notification.objects.filter(
        recipient=user, organisation=organisation, read_at__isnull=True
    ).update(read_at=timezone.now())
