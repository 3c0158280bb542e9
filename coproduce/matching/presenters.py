"""Plain words for a request to change a worker, as the person or staff read them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from coproduce.matching.models import ChangeRequest

S = ChangeRequest.Status


def change_request_words(req: ChangeRequest, *, is_self: bool) -> str:
    """Say who asked to change whom and where the request has got to, in one sentence
    pair: "You asked to change Eric Fletcher. Your manager has read it."."""
    worker = req.worker.name or req.worker.email
    if is_self:
        asked = _("You asked to change %(worker)s.") % {"worker": worker}
        where = {
            S.ASKED: _("Your manager has not read it yet."),
            S.ACKNOWLEDGED: _("Your manager has read it."),
            S.OPTIONS_OFFERED: _("Your manager has offered other workers. Say what you think."),
            S.CHANGED: _("It is done: you have a new worker."),
            S.NOT_POSSIBLE: _("Your manager could not change it."),
        }
    else:
        asked = _("%(name)s asked to change %(worker)s.") % {
            "name": req.person.preferred_name,
            "worker": worker,
        }
        where = {
            S.ASKED: _("The manager has not read it yet."),
            S.ACKNOWLEDGED: _("The manager has read it."),
            S.OPTIONS_OFFERED: _("The manager has offered other workers."),
            S.CHANGED: _("It is done: there is a new worker."),
            S.NOT_POSSIBLE: _("The manager could not change it."),
        }
    return f"{asked} {where[S(req.status)]}"
