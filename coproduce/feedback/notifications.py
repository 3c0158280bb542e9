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
CHANGE_PLANNED = register(
    NotificationKind(
        code="change_planned",
        text=_("You said something and we listened. We plan to: %(we_will)s"),
        easy_text=_("You told us something. We will change it."),
        subject=_("You said, we will do"),
        symbol="change",
    )
)
CHANGE_IN_PROGRESS = register(
    NotificationKind(
        code="change_in_progress",
        text=_("We have started the change you asked for: %(we_will)s"),
        easy_text=_("We have started to change it."),
        subject=_("You said, we are doing it"),
        symbol="change",
    )
)
CHANGE_MADE = register(
    NotificationKind(
        code="change_made",
        text=_("You said, we did: %(we_will)s"),
        easy_text=_("You told us. We changed it."),
        subject=_("You said, we did"),
        symbol="yes",
    )
)
CHANGE_NOT_POSSIBLE = register(
    NotificationKind(
        code="change_not_possible",
        text=_("We could not make the change you asked for: %(we_will)s. We say why."),
        easy_text=_("We could not change it. We say why."),
        subject=_("A change we could not make"),
        symbol="no",
    )
)
