"""What people are told about votes, surveys and ideas."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

SURVEY_CLOSING = register(
    NotificationKind(
        code="survey_closing",
        text=_("“%(title)s” closes on %(closes_on)s. You have not answered yet."),
        easy_text=_("“%(title)s” ends soon. You can still answer."),
        subject=_("“%(title)s” closes soon"),
        symbol="vote",
    )
)
SURVEY_OUTCOME = register(
    NotificationKind(
        code="survey_outcome",
        text=_("You answered “%(title)s”. Here is what happens next."),
        easy_text=_("You answered “%(title)s”. See what happens next."),
        subject=_("What happens after “%(title)s”"),
        symbol="tell",
    )
)
IDEA_ANSWERED = register(
    NotificationKind(
        code="idea_answered",
        text=_("%(answerer)s answered your idea “%(title)s”."),
        easy_text=_("There is an answer to your idea “%(title)s”."),
        subject=_("An answer to your idea"),
        symbol="idea",
    )
)
