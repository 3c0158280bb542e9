"""The rules a support plan keeps. Each docstring is the rule."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import VoiceHow
from coproduce.decisions.business_rules import person_took_part
from coproduce.decisions.models import Rung
from coproduce.plans.models import Agreement, PlanSection, ReviewLedBy

# Ways of giving a view in which the words are the person's own.
PERSON_WROTE = frozenset({VoiceHow.TYPED, VoiceHow.SPOKEN, VoiceHow.SUPPORTED})


def entry_rung(*, voice_how: str) -> tuple[str, bool]:
    """An entry the person wrote (typed, spoken, or with support) is co-production.
    One observed, or given on their behalf, is consultation. One written without the
    person is informing. Return (rung, whether the person took part)."""
    if voice_how in PERSON_WROTE:
        return Rung.CO_PRODUCTION, True
    if voice_how == VoiceHow.OBSERVED:
        return Rung.CONSULTATION, True
    if voice_how == VoiceHow.ON_BEHALF:
        return Rung.CONSULTATION, False
    return Rung.INFORMING, False


def response_rung(*, answer: str, voice_how: str) -> tuple[str, bool]:
    """The person agreeing an entry, or asking to change it, is co-production. Saying no
    is consultation: they were asked, and the entry stands until it changes. An answer
    given on the person's behalf is consultation without them."""
    took_part = person_took_part(voice_how)
    if not took_part:
        return Rung.CONSULTATION, False
    if answer in (Agreement.AGREED, Agreement.CHANGED):
        return Rung.CO_PRODUCTION, True
    return Rung.CONSULTATION, True


def when_problems(
    *,
    section: str,
    weekday: int | None,
    starts_at: dt.time | None,
    ends_at: dt.time | None,
    flexible: bool,
) -> dict[str, str]:
    """A "when" entry is either flexible or on a weekday from a start time to a later
    end time."""
    if section != PlanSection.WHEN or flexible:
        return {}
    problems: dict[str, str] = {}
    if weekday is None:
        problems["weekday"] = _("Select the day, or say the time is flexible")
    if starts_at is None:
        problems["starts_at"] = _("Enter the time it starts, or say the time is flexible")
    if ends_at is None:
        problems["ends_at"] = _("Enter the time it ends, or say the time is flexible")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems["ends_at"] = _("The time it ends must be after the time it starts")
    return problems


def comment_problems(*, answer: str, comment: str) -> dict[str, str]:
    """Asking for a change says what to change."""
    if answer == Agreement.CHANGED and not comment.strip():
        return {"comment": _("Say what you want to change")}
    return {}


def plan_agreement_problems(*, waiting: int) -> dict[str, str]:
    """A plan is agreed as a whole once every entry has an answer from the person."""
    if waiting:
        return {
            "__all__": _("Some parts of the plan are waiting for an answer. Answer each one first.")
        }
    return {}


# How soon a review comes once something is not working.
REVIEW_SOONER_WITHIN_DAYS = 28


def review_brought_forward(*, review_due_on: dt.date, today: dt.date) -> dt.date:
    """A plan is reviewed sooner when something changes: when a 'this is not working'
    flag is raised about a person, their plan's review is brought forward to within 4
    weeks (never pushed later)."""
    return min(review_due_on, today + dt.timedelta(days=REVIEW_SOONER_WITHIN_DAYS))


def review_rung(*, led_by: str, voice_how: str) -> tuple[str, bool]:
    """A review the person led is co-production; one they led with support is co-design;
    one staff led is consultation. The person took part unless staff led it and the
    words were observed or given on their behalf. Return (rung, whether the person
    took part)."""
    if led_by == ReviewLedBy.PERSON:
        rung = Rung.CO_PRODUCTION
    elif led_by == ReviewLedBy.PERSON_WITH_SUPPORT:
        rung = Rung.CO_DESIGN
    else:
        rung = Rung.CONSULTATION
    took_part = not (
        led_by == ReviewLedBy.STAFF and voice_how in (VoiceHow.ON_BEHALF, VoiceHow.OBSERVED)
    )
    return rung, took_part


FLAG_ANSWER_DAYS = 7


def flag_answer_by(created_at: dt.datetime) -> dt.date:
    """A manager (or a quality lead) answers "this is not working" within 7 days of it
    being said, as a request to change a worker is answered."""
    return timezone.localtime(created_at).date() + dt.timedelta(days=FLAG_ANSWER_DAYS)
