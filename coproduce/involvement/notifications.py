"""What people are told about their involvement: a manager's answer to their interest,
and hours or expenses approved or sent back (with the reason)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

INTEREST_AGREED = register(
    NotificationKind(
        code="involvement_interest_agreed",
        text=_("You are now a %(role)s. %(manager)s agreed from %(started_on)s."),
        easy_text=_("Good news. You have the role: %(role)s."),
        subject=_("You have a new role"),
        symbol="agree",
    )
)
INTEREST_NOT_NOW = register(
    NotificationKind(
        code="involvement_interest_not_now",
        text=_("Not now, for the role of %(role)s. The reason: %(reason)s"),
        easy_text=_("Not now, for the role: %(role)s. Read why."),
        subject=_("An answer about a role"),
        symbol="wait",
    )
)
CLAIM_APPROVED = register(
    NotificationKind(
        code="involvement_claim_approved",
        text=_("%(what)s was approved. It will be paid with the next payroll."),
        easy_text=_("Your claim is agreed. We will pay you soon."),
        subject=_("Your claim is approved"),
        symbol="yes",
    )
)
TIME_VOLUNTEERED = register(
    NotificationKind(
        code="involvement_time_volunteered",
        text=_("%(what)s was approved. Thank you for giving your time."),
        easy_text=_("Your hours are agreed. Thank you for your time."),
        subject=_("Thank you for your time"),
        symbol="thanks",
    )
)
CLAIM_SENT_BACK = register(
    NotificationKind(
        code="involvement_claim_sent_back",
        text=_("%(what)s was sent back. The reason: %(reason)s"),
        easy_text=_("Your claim was sent back. Read why."),
        subject=_("Your claim was sent back"),
        symbol="change",
    )
)
