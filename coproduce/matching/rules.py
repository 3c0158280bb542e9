"""Who may choose a team, review it, and ask to change a worker; and the change lifecycle.

- The person, a supporter the person shares "My support plan" with, and the workers and
  managers of the person's services (sitting with them) choose the team.
- Managers of the person's services confirm the team and answer change requests;
  workers never confirm or close. Organisation-wide leads read.
- The person or a supporter with "plan" asks to change a worker.
- Nobody outside the organisation, and no commissioner, sees any of it.
- The worker a change request is about never sees its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.tenancy import Viewer
from coproduce.matching.models import ChangeRequest, OfferAnswer
from coproduce.people.models import Person
from coproduce.people.rules import (
    is_organisation_wide_lead,
    is_the_person,
    manages_their_service,
    may_read_what_was_said_about_a_worker,
    works_in_their_service,
)
from coproduce.people.rules import supporter_may_see_plan as supporter_with_plan

team_rules = rules.RuleSet()
team_rules.add_rule(
    "view",
    is_the_person | supporter_with_plan | works_in_their_service | is_organisation_wide_lead,
)
team_rules.add_rule("choose", is_the_person | supporter_with_plan | works_in_their_service)
team_rules.add_rule("review", manages_their_service | is_organisation_wide_lead)
team_rules.add_rule("confirm", manages_their_service)
team_rules.add_rule("ask_change", is_the_person | supporter_with_plan)


def speaks_for_self(viewer: Viewer, person: Person) -> bool:
    """The person, or their supporter, answers in their own right (a supporter's answers
    are given on the person's behalf); staff sit with the person and say how the person
    gave their view."""
    return bool(
        is_the_person(viewer, person)
        or (
            person.pk in viewer.supported_person_ids
            and not viewer.has_role("support_worker", "service_manager")
        )
    )


S = ChangeRequest.Status

# The whole lifecycle: from each status, where a manager may move a request next.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.ASKED: frozenset({S.ACKNOWLEDGED, S.OPTIONS_OFFERED, S.NOT_POSSIBLE}),
    S.ACKNOWLEDGED: frozenset({S.OPTIONS_OFFERED, S.CHANGED, S.NOT_POSSIBLE}),
    S.OPTIONS_OFFERED: frozenset({S.CHANGED, S.NOT_POSSIBLE}),
    S.CHANGED: frozenset(),
    S.NOT_POSSIBLE: frozenset(),
}


def change_request_next(
    current: str,
    to: str,
    answer: str,
    *,
    offered: int = 0,
    chosen_answers: Sequence[str] | None = None,
) -> dict[str, str]:
    """A change request moves only along TRANSITIONS; "not possible" needs the reason in
    plain words, and offering options names the workers (``offered``) or says who they
    are. Once workers are offered (``chosen_answers`` is not None), it closes as changed
    only with at least one chosen worker, each one the person said yes to.
    Return {field: message}."""
    if to not in TRANSITIONS.get(current, frozenset()):
        return {"to": _("This request cannot move to that step now")}
    if to == S.NOT_POSSIBLE and not answer.strip():
        return {"answer": _("Say in plain words why the change is not possible")}
    if to == S.OPTIONS_OFFERED and not offered and not answer.strip():
        return {"answer": _("Say which other workers the person can meet")}
    if to == S.CHANGED and chosen_answers is not None:
        if not chosen_answers:
            return {"workers": _("Choose who joins the team")}
        if any(a != OfferAnswer.YES for a in chosen_answers):
            return {"workers": _("Choose only workers the person said yes to")}
    return {}


def may_answer_offers(viewer: Viewer, request: ChangeRequest) -> bool:
    """The person answers about the workers offered, with whoever may choose their team
    beside them; never the worker they asked to change."""
    if viewer.user.pk == request.worker_id:
        return False
    return bool(team_rules.test_rule("choose", viewer, request.person))


def may_view_change_request(viewer: Viewer, request: ChangeRequest) -> bool:
    return bool(team_rules.test_rule("view", viewer, request.person))


def may_answer_change_request(viewer: Viewer, request: ChangeRequest) -> bool:
    return bool(manages_their_service(viewer, request.person))


def may_see_reason(viewer: Viewer, request: ChangeRequest) -> bool:
    """The reason is for the person, their supporter, managers and leads: never the worker
    it is about, and not other workers either."""
    if viewer.user.pk == request.worker_id:
        return False
    return bool(may_read_what_was_said_about_a_worker(viewer, request.person))


TEAM_CONFIRM_DAYS = 7


def team_confirm_by(chosen_at: dt.datetime) -> dt.date:
    """A manager confirms the team a person chose (or says why not) within 7 days of their
    choice, as they answer a request to change a worker."""
    return timezone.localtime(chosen_at).date() + dt.timedelta(days=TEAM_CONFIRM_DAYS)
