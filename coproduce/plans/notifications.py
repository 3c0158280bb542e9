"""What managers and people are told about "this is not working".

What was said stays on the flag's page (it may be about a worker).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

NOT_WORKING_RAISED = register(
    NotificationKind(
        code="not_working_raised",
        text=_("%(name)s said something is not working. Please answer by %(due_on)s."),
        easy_text=_("%(name)s said something is not working. Please answer by %(due_on)s."),
        subject=_("%(name)s said something is not working"),
        symbol="problem",
    )
)
NOT_WORKING_ANSWERED = register(
    NotificationKind(
        code="not_working_answered",
        text=_("%(answerer)s answered what was said on %(said_on)s about something not working."),
        easy_text=_("%(answerer)s answered you about what is not working."),
        subject=_("There is an answer about what is not working"),
        symbol="say",
    )
)
