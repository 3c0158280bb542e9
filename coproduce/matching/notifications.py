"""What managers and people are told about choosing a team and changing a worker.

Nothing said about a worker (a reason) goes into a notification: the request's own page
decides who reads it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.accounts.notifications.kinds import NotificationKind, register

CHANGE_ASKED = register(
    NotificationKind(
        code="change_request_asked",
        text=_("%(name)s asked to change a worker. Please answer by %(due_on)s."),
        easy_text=_("%(name)s wants to change a worker. Please answer by %(due_on)s."),
        subject=_("%(name)s asked to change a worker"),
        symbol="change",
    )
)
CHANGE_ANSWERED = register(
    NotificationKind(
        code="change_request_answered",
        text=_("There is news about your request to change a worker: read what happens next."),
        easy_text=_("We answered you about changing a worker."),
        subject=_("Your request to change a worker has an answer"),
        symbol="change",
    )
)
CHANGE_OFFER_ANSWERED = register(
    NotificationKind(
        code="change_offer_answered",
        text=_("%(name)s answered about the workers you offered. Please confirm the change."),
        easy_text=_("%(name)s answered about the workers you offered. Please confirm."),
        subject=_("%(name)s answered about the workers you offered"),
        symbol="choose",
    )
)
TEAM_CHOSEN = register(
    NotificationKind(
        code="team_chosen",
        text=_("%(name)s chose workers for their team. Please confirm the team."),
        easy_text=_("%(name)s chose their team. Please say yes or no."),
        subject=_("%(name)s chose workers for their team"),
        symbol="choose",
    )
)
TEAM_CONFIRMED = register(
    NotificationKind(
        code="team_confirmed",
        text=_("Your team is confirmed: the workers you chose will support you."),
        easy_text=_("Your team is ready. The workers you chose will support you."),
        subject=_("Your team is confirmed"),
        symbol="yes",
    )
)
TEAM_NOT_CONFIRMED = register(
    NotificationKind(
        code="team_not_confirmed",
        text=_("Your team could not be confirmed yet. Read why, and what happens next."),
        easy_text=_("We could not make your team yet. Read why."),
        subject=_("Your team could not be confirmed yet"),
        symbol="no",
    )
)
