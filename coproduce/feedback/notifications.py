"""What people are told about comments, complaints and compliments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

CONCERN_SAFEGUARDING = register(
    NotificationKind(
        code="concern_safeguarding",
        text=_("A concern about %(service)s may be about harm or abuse. Look at it today."),
        easy_text=_("Someone may be being hurt. Look at this today."),
        subject=_("A concern that may be about harm or abuse"),
        symbol="warning",
    )
)
CONCERN_ACKNOWLEDGED = register(
    NotificationKind(
        code="concern_acknowledged",
        text=_(
            "We have your complaint about %(service)s. %(handler)s will look into it and answer "
            "by %(respond_on)s. You can ask to talk about how it will be handled."
        ),
        easy_text=_("We have your complaint. We will answer by %(respond_on)s."),
        subject=_("We have your complaint"),
        symbol="listen",
    )
)
CONCERN_RESPONDED = register(
    NotificationKind(
        code="concern_responded",
        text=_("There is a written answer to your complaint about %(service)s."),
        easy_text=_("There is an answer to your complaint."),
        subject=_("The answer to your complaint"),
        symbol="tell",
    )
)
COMPLIMENT_RECEIVED = register(
    NotificationKind(
        code="compliment_received",
        text=_("Someone paid you a compliment: “%(words)s”"),
        easy_text=_("Someone said something kind about you."),
        subject=_("A compliment for you"),
        symbol="thanks",
    )
)
CONCERN_DUE = register(
    NotificationKind(
        code="concern_due",
        text=_("A complaint about %(service)s is due for its next step on %(due_on)s."),
        easy_text=_("A complaint needs an answer soon."),
        subject=_("A complaint is due"),
        symbol="calendar",
    )
)
CONCERN_OVERDUE = register(
    NotificationKind(
        code="concern_overdue",
        text=_(
            "A complaint about %(service)s was due for its next step on %(due_on)s. It is late."
        ),
        easy_text=_("A complaint is late. Please answer it."),
        subject=_("A complaint is late"),
        symbol="warning",
    )
)
