"""The rules every decision in the ledger keeps. Each docstring is the rule.

``decision_problems`` runs them all and returns {field name: message} in plain words,
so a form can show each message beside its question.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from coproduce.core.date_ranges import DECISION
from coproduce.core.models import VoiceHow
from coproduce.core.voice import voice_helper_candidates, voice_problems
from coproduce.decisions.models import SHAPING_RUNGS, Rung
from coproduce.people.rules import is_the_person

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation, Service, User
    from coproduce.core.tenancy import Viewer
    from coproduce.people.models import Person

ALL = "__all__"

# Ways of giving a view in which the person took part themselves: their own words (typed,
# spoken, or with support) or, for someone who does not use words, observed.
PERSON_TOOK_PART = frozenset(
    {VoiceHow.TYPED, VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.OBSERVED}
)


def person_took_part(voice_how: str) -> bool:
    """The person took part in a decision when their view was typed or spoken by them,
    given with support, or observed; not when it was given on their behalf or not given."""
    return voice_how in PERSON_TOOK_PART


@dataclass
class ProposedDecision:
    """A decision about to go into the ledger."""

    organisation: Organisation
    what: str
    person_took_part: bool
    rung: str
    decided_on: dt.date | None
    person: Person | None = None
    service: Service | None = None
    participants: Sequence[User] = field(default_factory=list)
    person_view: str = ""
    voice_how: str = ""
    voice_helper: User | None = None

    @property
    def view_given(self) -> bool:
        return bool(self.person_view.strip())


Problem = tuple[str, str] | None


def rule_about_one_person_or_service(d: ProposedDecision) -> Problem:
    """A decision is about one person or one service: never both, never neither."""
    if (d.person is None) == (d.service is None):
        return ALL, _("Say whether the decision is about a person or about a service")
    return None


def rule_about_someone_in_the_organisation(d: ProposedDecision) -> Problem:
    """The person or service a decision is about belongs to the organisation recording it."""
    about = d.person if d.person is not None else d.service
    if about is not None and about.organisation_id != d.organisation.pk:
        return ALL, _("This decision can only be recorded by their own organisation")
    return None


def rule_says_what_was_decided(d: ProposedDecision) -> Problem:
    """A decision says what was decided."""
    if not d.what.strip():
        return "what", _("Enter what was decided")
    return None


def rule_has_a_rung(d: ProposedDecision) -> Problem:
    """A decision says how far up the co-production ladder it reached."""
    if d.rung not in Rung.values:
        return "rung", _("Select how much say the person had")
    return None


def rule_has_a_date_not_in_the_future(d: ProposedDecision) -> Problem:
    """A decision is recorded once it has been taken: its date is not in the future, and
    within the last 10 years (``core.date_ranges.DECISION``)."""
    if d.decided_on is None:
        return "decided_on", _("Enter the date the decision was made")
    problem = DECISION.problem(d.decided_on)
    if problem:
        return "decided_on", problem
    return None


def rule_shaping_rungs_need_the_person(d: ProposedDecision) -> Problem:
    """A decision recorded as co-production or co-design must have the person taking part."""
    if d.rung in SHAPING_RUNGS and not d.person_took_part:
        if d.service is not None:
            return "rung", _(
                "A decision is only co-production or co-design if people who use the service "
                "took part. Choose another rung, or say that they took part"
            )
        return "rung", _(
            "A decision is only co-production or co-design if the person took part. "
            "Choose another rung, or say that they took part"
        )
    return None


def rule_participants_belong_to_the_organisation(d: ProposedDecision) -> Problem:
    """Everyone named as taking part belongs to the organisation."""
    ids = {user.pk for user in d.participants}
    if not ids:
        return None
    found = voice_helper_candidates(d.organisation).filter(pk__in=ids).count()
    if found != len(ids):
        return "participants", _("Select people from the list")
    return None


DECISION_RULES: list[Callable[[ProposedDecision], Problem]] = [
    rule_about_one_person_or_service,
    rule_about_someone_in_the_organisation,
    rule_says_what_was_decided,
    rule_has_a_rung,
    rule_has_a_date_not_in_the_future,
    rule_shaping_rungs_need_the_person,
    rule_participants_belong_to_the_organisation,
]


def decision_problems(d: ProposedDecision) -> dict[str, Any]:
    """Return every broken rule as {field name: message}, the first per field.

    The person's own view follows the voice provenance rules of ``coproduce.core.voice``.
    """
    problems: dict[str, Any] = {}
    for rule in DECISION_RULES:
        problem = rule(d)
        if problem is not None:
            problems.setdefault(problem[0], problem[1])
    person_user = d.person.user if d.person is not None else None
    for name, message in voice_problems(
        how=d.voice_how,
        helper=d.voice_helper,
        person_user=person_user,
        organisation=d.organisation,
        view_given=d.view_given,
    ).items():
        problems.setdefault(name, message)
    return problems


def consent_rung(*, viewer: Viewer, person: Person, voice_how: str) -> str:
    """Return the ladder rung of a change to what a person shares.

    The rule: a change the person makes themself is co-production. Staff making it with
    them reach co-design when the person's view was in their own words or given with
    support, and consultation when it was observed or given on their behalf.
    """
    if is_the_person(viewer, person):
        return Rung.CO_PRODUCTION
    if voice_how in (VoiceHow.TYPED, VoiceHow.SPOKEN, VoiceHow.SUPPORTED):
        return Rung.CO_DESIGN
    return Rung.CONSULTATION


# How a person says they took part, on their own "Tell us about a decision" form.
OWN_HELPED_DECIDE = "helped_decide"
OWN_WAS_ASKED = "was_asked"
OWN_NOT_PART = "not_part"

# Each answer gives the rung whose easy-read sentence (``RUNG_EASY_READ``) says the same
# thing back to the person: "You helped decide.", "You were asked what you think.",
# "You were told."
OWN_ACCOUNT_RUNGS: dict[str, tuple[bool, str]] = {
    OWN_HELPED_DECIDE: (True, Rung.CO_PRODUCTION),
    OWN_WAS_ASKED: (True, Rung.CONSULTATION),
    OWN_NOT_PART: (False, Rung.INFORMING),
}


def own_account_rung(took_part: str) -> tuple[bool, str]:
    """Return whether the person took part, and the rung, of a decision the person tells
    us about themself.

    The rule: the person is never asked about the ladder; their own answer places it. "I
    helped decide" is co-production, as a change a person makes themself is
    (``consent_rung``). "I was asked what I think" is consultation: they took part, others
    decided. "I was not part of it" is informing, taken without them: they know what was
    decided, and nothing they said shows it was forced on them. Staff who know more
    record the decision on their own form.
    """
    return OWN_ACCOUNT_RUNGS[took_part]
