"""Background work for notifications: one email for each, in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coproduce.accounts.models import Notification
from coproduce.accounts.notifications.kinds import notification_subject, notification_text


def notification_email_text(notification: Notification) -> tuple[str, str]:
    """Return the subject and body of a notification email, in the recipient's page mode
    (easy read or standard); the caller sets their language."""
    user = notification.recipient
    link = settings.SITE_URL.rstrip("/") + reverse(
        "notification_open", kwargs={"notification_id": notification.pk}
    )
    greeting = _("Hello %(name)s,") % {"name": user.get_short_name()}
    what = notification_text(notification, easy_read=user.easy_read)
    how = (
        _("Open this link to see it:")
        if user.easy_read
        else _("Open this link to read more and answer:")
    )
    body = "\n\n".join([greeting, what, how + "\n" + link]) + "\n"
    return notification_subject(notification), body


@task()
def send_notification_email(notification_id: int) -> None:
    """Email one notification to its recipient, once, in their language and page mode."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.is_active:
        return
    user = notification.recipient
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject, body = notification_email_text(notification)
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
