"""What people are told about documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

DOCUMENT_PUBLISHED = register(
    NotificationKind(
        code="document_published",
        text=_("There is a new document for you to read: %(title)s."),
        easy_text=_("There is something new for you to read."),
        subject=_("A new document for you"),
        symbol="read",
    )
)
DOCUMENT_CHANGED = register(
    NotificationKind(
        code="document_changed",
        text=_("%(title)s has changed. What changed: %(what_changed)s"),
        easy_text=_("Something you can read has changed. See what is new."),
        subject=_("A document for you has changed"),
        symbol="change",
    )
)
DOCUMENT_REVIEW_DUE = register(
    NotificationKind(
        code="document_review_due",
        text=_("%(title)s is due for review on %(review_on)s. Check it is still right."),
        easy_text=_("A document needs checking. Is it still right?"),
        subject=_("A document is due for review"),
        symbol="calendar",
    )
)
DOCUMENT_CHANGE_ASKED = register(
    NotificationKind(
        code="document_change_asked",
        text=_("%(name)s read the easy-read version of %(title)s and asked for a change: %(what)s"),
        easy_text=_("Someone asked for a change to the easy read."),
        subject=_("A change to the easy read is asked for"),
        symbol="change",
    )
)
DOCUMENT_SIGNED_OFF = register(
    NotificationKind(
        code="document_signed_off",
        text=_("%(name)s signed off the easy-read version of %(title)s. It can be published."),
        easy_text=_("The easy read is signed off."),
        subject=_("The easy read is signed off"),
        symbol="yes",
    )
)
SUGGESTION_MADE = register(
    NotificationKind(
        code="suggestion_made",
        text=_("Someone commented on paragraph %(position)s of %(title)s."),
        easy_text=_("Someone said something about a document you write."),
        subject=_("A comment on a document you write"),
        symbol="say",
    )
)
SUGGESTION_ANSWERED = register(
    NotificationKind(
        code="suggestion_answered",
        text=_("Your comment on %(title)s: %(answer)s. Why: %(reason)s"),
        easy_text=_("We read what you said about a document. See our answer."),
        subject=_("An answer to your comment"),
        symbol="listen",
    )
)
