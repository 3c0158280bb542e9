"""What a notification says: each kind registered once, by the app that sends it.

A kind has a standard sentence, an easy-read sentence and an email subject, each a lazy
translation with named placeholders filled from the notification's ``params``. Keys
ending in ``_on`` hold ISO dates and are shown in words ("9 December") in the reader's
language. Apps register their kinds in their own ``notifications.py``, imported by their
``AppConfig.ready``, so any process can show any notification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from coproduce.core.jinja2 import date_uk

if TYPE_CHECKING:
    from coproduce.accounts.models import Notification


@dataclass(frozen=True)
class NotificationKind:
    code: str
    text: str | Promise
    easy_text: str | Promise
    subject: str | Promise
    # The symbol shown beside the easy-read sentence (``core.symbols``).
    symbol: str = "tell"


KINDS: dict[str, NotificationKind] = {}


def register(kind: NotificationKind) -> NotificationKind:
    """Register a kind once; registering the same code again with other words is a bug."""
    existing = KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.code!r} is registered twice")
    KINDS[kind.code] = kind
    return kind


def _params(params: dict[str, Any]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for key, value in params.items():
        if key.endswith("_on") and isinstance(value, str):
            try:
                shown[key] = date_uk(dt.date.fromisoformat(value))
                continue
            except ValueError:
                pass
        shown[key] = str(value)
    return shown


def _fill(words: str | Promise, params: dict[str, Any]) -> str:
    try:
        return str(words) % _params(params)
    except (KeyError, TypeError, ValueError):
        # A kind whose words changed since the notification was made: say it plainly.
        return _("There is news for you.")


def notification_text(notification: Notification, *, easy_read: bool = False) -> str:
    """The sentence the reader sees, in the active language."""
    kind = KINDS.get(notification.kind)
    if kind is None:
        return _("There is news for you.")
    return _fill(kind.easy_text if easy_read else kind.text, notification.params)


def notification_subject(notification: Notification) -> str:
    kind = KINDS.get(notification.kind)
    if kind is None:
        return _("There is news for you on Coproduce")
    return _fill(kind.subject, notification.params)


def notification_symbol(notification: Notification) -> str:
    kind = KINDS.get(notification.kind)
    return kind.symbol if kind else "tell"
