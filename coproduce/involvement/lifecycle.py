"""The rules of paying for involvement, each a named function with its test.

- ``TRANSITIONS``: time records and expense claims are waiting, then approved or sent
  back (with the reason; the person records it again); an approved one is paid by the
  next payroll export.
- ``INTEREST_TRANSITIONS``: an interest is agreed or "not now" (with a reason), or the
  person withdraws it; after "not now" or withdrawing they may say they are interested again.
- ``pay_for``: an hourly rate pays for the minutes given, rounded once to the nearest
  penny (half a penny up); a session rate pays one session.
- ``week_of``: permitted work is counted by the week, Monday to Sunday.
- ``permitted_work``: for a person on ESA, whether a payment would take the week over the
  limit: more than the pounds allowed, or 16 hours or more (it must stay under 16).
  Payments and vouchers count; volunteering unpaid and expenses repaid do not.
- ``over_limit``: an expense claim over the organisation's limit for its kind is approved
  only with a reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coproduce.involvement.models import ClaimStatus, InterestStatus, PaymentChoice, RateBasis

C = ClaimStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    C.SUBMITTED: frozenset({C.APPROVED, C.SENT_BACK}),
    C.SENT_BACK: frozenset(),
    C.APPROVED: frozenset({C.PAID}),
    C.PAID: frozenset(),
}
I = InterestStatus  # noqa: E741
INTEREST_TRANSITIONS: dict[str, frozenset[str]] = {
    I.INTERESTED: frozenset({I.AGREED, I.NOT_NOW, I.WITHDRAWN}),
    I.NOT_NOW: frozenset({I.INTERESTED}),
    I.WITHDRAWN: frozenset({I.INTERESTED}),
    I.AGREED: frozenset(),
}
# What counts as work for ESA's permitted-work limit.
COUNTS_AS_PAY = frozenset({PaymentChoice.PAY, PaymentChoice.VOUCHERS})
MINUTES_IN_AN_HOUR = 60


def may_move(from_status: str, to_status: str) -> bool:
    """Whether a time record or expense claim may go from one status to the other."""
    return to_status in TRANSITIONS.get(from_status, frozenset())


def interest_may_move(from_status: str, to_status: str) -> bool:
    return to_status in INTEREST_TRANSITIONS.get(from_status, frozenset())


def pay_for(*, rate_pence: int, basis: str, minutes: int, payment_choice: str) -> int:
    """The pence a time record pays: nothing for volunteering; the session rate once; or
    the hourly rate for the minutes, rounded once to the nearest penny, half up."""
    if payment_choice not in COUNTS_AS_PAY:
        return 0
    if basis == RateBasis.SESSION:
        return rate_pence
    return (rate_pence * minutes + MINUTES_IN_AN_HOUR // 2) // MINUTES_IN_AN_HOUR


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week the day falls in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@dataclass(frozen=True)
class PermittedWork:
    """A week's paid work with one more payment, against the ESA permitted-work limit."""

    week_starts: dt.date
    limit_pence: int
    limit_hours: int
    pence_before: int
    minutes_before: int
    pence_added: int
    minutes_added: int

    @property
    def pence(self) -> int:
        return self.pence_before + self.pence_added

    @property
    def minutes(self) -> int:
        return self.minutes_before + self.minutes_added

    @property
    def over_pounds(self) -> bool:
        return self.pence > self.limit_pence

    @property
    def over_hours(self) -> bool:
        return self.minutes >= self.limit_hours * MINUTES_IN_AN_HOUR

    @property
    def crosses(self) -> bool:
        return self.over_pounds or self.over_hours


def permitted_work(
    *,
    week_starts: dt.date,
    limit_pence: int,
    limit_hours: int,
    pence_before: int,
    minutes_before: int,
    pence_added: int,
    minutes_added: int,
) -> PermittedWork:
    """The week's paid work with this payment: over the limit when it is more than the
    pounds allowed, or reaches the hours (permitted work must stay under 16 hours)."""
    return PermittedWork(
        week_starts=week_starts,
        limit_pence=limit_pence,
        limit_hours=limit_hours,
        pence_before=pence_before,
        minutes_before=minutes_before,
        pence_added=pence_added,
        minutes_added=minutes_added,
    )


def over_limit(amount_pence: int, limit_pence: int | None) -> bool:
    """A claim is over the limit when a limit is set and the claim is more than it."""
    return limit_pence is not None and amount_pence > limit_pence
