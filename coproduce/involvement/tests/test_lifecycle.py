"""The rules of paying for involvement, on real numbers and dates."""

from __future__ import annotations

import datetime as dt

from coproduce.involvement import lifecycle
from coproduce.involvement.models import ClaimStatus, InterestStatus, PaymentChoice, RateBasis
from coproduce.involvement.money import hours, parse_pounds, pounds

C = ClaimStatus


def test_a_claim_is_approved_or_sent_back_and_then_paid_once() -> None:
    assert lifecycle.may_move(C.SUBMITTED, C.APPROVED)
    assert lifecycle.may_move(C.SUBMITTED, C.SENT_BACK)
    assert lifecycle.may_move(C.APPROVED, C.PAID)
    assert not lifecycle.may_move(C.PAID, C.APPROVED)
    assert not lifecycle.may_move(C.SENT_BACK, C.APPROVED)
    assert not lifecycle.may_move(C.APPROVED, C.SENT_BACK)


def test_an_interest_said_not_now_may_be_asked_again_but_an_agreed_one_is_done() -> None:
    assert lifecycle.interest_may_move(InterestStatus.NOT_NOW, InterestStatus.INTERESTED)
    assert not lifecycle.interest_may_move(InterestStatus.AGREED, InterestStatus.NOT_NOW)


def test_an_hourly_rate_pays_the_minutes_rounded_once_half_a_penny_up() -> None:
    pay = PaymentChoice.PAY
    assert (
        lifecycle.pay_for(rate_pence=1200, basis=RateBasis.HOURLY, minutes=90, payment_choice=pay)
        == 1800
    )
    # £12.25 for 50 minutes is 1020.83p: 1021p.
    assert (
        lifecycle.pay_for(rate_pence=1225, basis=RateBasis.HOURLY, minutes=50, payment_choice=pay)
        == 1021
    )
    # £0.01 for 30 minutes is half a penny: rounded up to 1p.
    assert (
        lifecycle.pay_for(rate_pence=1, basis=RateBasis.HOURLY, minutes=30, payment_choice=pay) == 1
    )


def test_a_session_rate_pays_once_and_volunteering_pays_nothing() -> None:
    session = RateBasis.SESSION
    assert (
        lifecycle.pay_for(rate_pence=2500, basis=session, minutes=240, payment_choice="pay") == 2500
    )
    assert (
        lifecycle.pay_for(rate_pence=2500, basis=session, minutes=240, payment_choice="vouchers")
        == 2500
    )
    assert (
        lifecycle.pay_for(rate_pence=2500, basis=session, minutes=240, payment_choice="volunteer")
        == 0
    )


def test_a_week_runs_monday_to_sunday() -> None:
    assert lifecycle.week_of(dt.date(2026, 12, 3)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))
    assert lifecycle.week_of(dt.date(2026, 12, 6)) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))


def _week(
    pence_before: int, minutes_before: int, pence: int, minutes: int
) -> lifecycle.PermittedWork:
    return lifecycle.permitted_work(
        week_starts=dt.date(2026, 11, 30),
        limit_pence=19550,
        limit_hours=16,
        pence_before=pence_before,
        minutes_before=minutes_before,
        pence_added=pence,
        minutes_added=minutes,
    )


def test_permitted_work_allows_exactly_the_limit_in_pounds_but_not_a_penny_more() -> None:
    assert not _week(18000, 300, 1550, 60).crosses
    over = _week(18000, 300, 1551, 60)
    assert over.crosses and over.over_pounds and not over.over_hours


def test_permitted_work_must_stay_under_16_hours() -> None:
    assert not _week(0, 15 * 60, 100, 59).crosses
    sixteen = _week(0, 15 * 60, 100, 60)
    assert sixteen.crosses and sixteen.over_hours and not sixteen.over_pounds


def test_a_claim_over_the_limit_needs_a_reason_and_no_limit_means_none_is_over() -> None:
    assert lifecycle.over_limit(1001, 1000)
    assert not lifecycle.over_limit(1000, 1000)
    assert not lifecycle.over_limit(10**6, None)


def test_pounds_typed_become_exact_pence_and_back() -> None:
    assert parse_pounds("195.50") == 19550
    assert parse_pounds("£12") == 1200
    assert parse_pounds("1,234.5") == 123450
    assert parse_pounds("0.10") == 10
    for wrong in ("12.345", "-3", "ten", "", "1e3", "£"):
        assert parse_pounds(wrong) is None
    assert pounds(19550) == "£195.50"
    assert pounds(5) == "£0.05"
    assert hours(90) == "1 hour 30 minutes"
    assert hours(120) == "2 hours"
