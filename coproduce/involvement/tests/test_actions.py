"""Involvement through its actions: roles and interests, hours and expenses, the
permitted-work warning and the payroll export."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from conftest import Personas
from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.involvement import actions
from coproduce.involvement.models import (
    ActivityKind,
    Benefit,
    ClaimStatus,
    ExpenseClaim,
    InterestStatus,
    PaymentChoice,
    RoleHeld,
    StandardRole,
    TimeRecord,
)
from coproduce.involvement.queries import holds_role, statement_for
from coproduce.involvement.tests.involvement_helpers import (
    kyle_on_esa,
    kyles_interest,
    kyles_meeting_hours,
    kyles_travel,
    last_wednesday,
    policy_editor_opportunity,
)
from coproduce.people.models import Supporter

pytestmark = pytest.mark.django_db
C = ClaimStatus


def _maya(p: Personas):  # type: ignore[no-untyped-def]
    return viewer_for(p.manager, p.organisation)


def test_an_opportunity_sent_twice_is_advertised_once(personas: Personas) -> None:
    key = uuid.uuid4()
    first = actions.opportunity_create(
        viewer=_maya(personas),
        role_choice="standard:quality_checker",
        title="Check our houses",
        what_you_do="Visit houses and say what is good.",
        what_you_do_easy_read="Visit houses. Say what is good.",
        idempotency_key=key,
    )
    again = actions.opportunity_create(
        viewer=_maya(personas),
        role_choice="standard:quality_checker",
        title="Check our houses",
        what_you_do="Visit houses and say what is good.",
        what_you_do_easy_read="Visit houses. Say what is good.",
        idempotency_key=key,
    )
    assert first.pk == again.pk
    assert first.role.standard == StandardRole.QUALITY_CHECKER


def test_a_worker_cannot_advertise(personas: Personas) -> None:
    with pytest.raises(actions.NotAllowed):
        actions.opportunity_create(
            viewer=viewer_for(personas.worker, personas.organisation),
            role_choice="standard:trainer",
            title="Train new staff",
            what_you_do="Tell new staff what good support is.",
            what_you_do_easy_read="Tell new staff about good support.",
        )


def test_an_added_role_can_be_advertised_and_names_are_not_taken_twice(personas: Personas) -> None:
    ada = viewer_for(personas.org_admin, personas.organisation)
    role = actions.role_add(viewer=ada, name="Website tester")
    with pytest.raises(ValidationError):
        actions.role_add(viewer=ada, name="website tester")
    with pytest.raises(ValidationError):
        actions.role_add(viewer=ada, name="Trainer")
    opportunity = actions.opportunity_create(
        viewer=_maya(personas),
        role_choice=f"role:{role.pk}",
        title="Test our website",
        what_you_do="Try the website and tell us what is hard.",
        what_you_do_easy_read="Use the website. Tell us what is hard.",
    )
    assert opportunity.role == role


def test_saying_interested_twice_keeps_one_and_a_manager_agrees(personas: Personas) -> None:
    interest = kyles_interest(personas)
    again = actions.interest_express(
        viewer=viewer_for(personas.person, personas.organisation),
        opportunity=interest.opportunity,
        person=personas.kyle,
    )
    assert again.pk == interest.pk

    held = actions.interest_agree(viewer=_maya(personas), interest=interest)

    assert held.role.standard == StandardRole.POLICY_EDITOR
    assert holds_role(personas.kyle, StandardRole.POLICY_EDITOR, today=held.started_on)
    told = Notification.objects.get(recipient=personas.person)
    assert told.kind == "involvement_interest_agreed"
    with pytest.raises(actions.MoveRefused):
        actions.interest_agree(viewer=_maya(personas), interest=interest)
    assert RoleHeld.objects.count() == 1


def test_not_now_needs_a_reason_and_kyle_is_told_it(personas: Personas) -> None:
    interest = kyles_interest(personas)
    with pytest.raises(ValidationError):
        actions.interest_not_now(viewer=_maya(personas), interest=interest, reason=" ")

    actions.interest_not_now(
        viewer=_maya(personas), interest=interest, reason="We have enough editors this time."
    )

    interest.refresh_from_db()
    assert interest.status == InterestStatus.NOT_NOW
    told = Notification.objects.get(recipient=personas.person)
    assert "enough editors" in told.params["reason"]


def test_a_supporter_says_interested_for_kyle_only_when_he_shares_involvement(
    personas: Personas,
) -> None:
    opportunity = policy_editor_opportunity(personas)
    mary = viewer_for(personas.supporter, personas.organisation)
    with pytest.raises(actions.NotAllowed):
        actions.interest_express(viewer=mary, opportunity=opportunity, person=personas.kyle)
    Supporter.objects.filter(person=personas.kyle).update(scopes=["involvement"])
    mary = viewer_for(personas.supporter, personas.organisation)

    interest = actions.interest_express(
        viewer=mary,
        opportunity=opportunity,
        person=personas.kyle,
        voice_how=VoiceHow.SPOKEN,
        voice_helper=personas.supporter,
    )

    assert interest.voice_recorded_by == personas.supporter
    assert interest.voice_how == VoiceHow.SPOKEN


def test_hours_are_approved_at_the_rate_kept_with_them_and_audited(personas: Personas) -> None:
    record = kyles_meeting_hours(personas, minutes=90)

    approved = actions.time_approve(viewer=_maya(personas), record=record)

    assert approved.status == C.APPROVED
    assert (approved.rate_pence, approved.rate_basis, approved.amount_pence) == (
        1200,
        "hourly",
        1800,
    )
    entry = AuditEntry.objects.filter(object_id=str(record.pk), actor=personas.manager).latest("pk")
    assert "£18.00" in entry.summary
    with pytest.raises(actions.MoveRefused):
        actions.time_approve(viewer=_maya(personas), record=record)


def test_a_worker_records_hours_for_kyle_and_a_worker_elsewhere_cannot(personas: Personas) -> None:
    wendy = viewer_for(personas.worker, personas.organisation)
    record = actions.time_record(
        viewer=wendy,
        person=personas.kyle,
        activity_kind=ActivityKind.MEETING,
        description="Meeting: residents' meeting",
        happened_on=last_wednesday(),
        minutes=60,
        payment_choice=PaymentChoice.VOUCHERS,
    )
    assert record.recorded_by == personas.worker
    with pytest.raises(actions.NotAllowed):
        actions.time_record(
            viewer=viewer_for(personas.other_worker, personas.organisation),
            person=personas.kyle,
            activity_kind=ActivityKind.MEETING,
            description="Meeting",
            happened_on=last_wednesday(),
            minutes=60,
            payment_choice=PaymentChoice.PAY,
        )
    with pytest.raises(actions.NotAllowed):
        actions.time_approve(viewer=wendy, record=record)


def test_hours_sent_twice_are_one_record(personas: Personas) -> None:
    key = uuid.uuid4()
    first = kyles_meeting_hours(personas, idempotency_key=key)
    second = kyles_meeting_hours(personas, idempotency_key=key)
    assert first.pk == second.pk
    assert TimeRecord.objects.count() == 1


def test_sending_back_needs_a_reason_and_tells_kyle(personas: Personas) -> None:
    record = kyles_meeting_hours(personas)
    with pytest.raises(ValidationError):
        actions.time_send_back(viewer=_maya(personas), record=record, reason="")
    actions.time_send_back(viewer=_maya(personas), record=record, reason="The meeting was 1 hour.")
    record.refresh_from_db()
    assert record.status == C.SENT_BACK
    assert Notification.objects.get(recipient=personas.person).kind == "involvement_claim_sent_back"


def test_approving_warns_before_crossing_the_esa_limit_and_goes_on_when_confirmed(
    personas: Personas,
) -> None:
    kyle_on_esa(personas)
    # £180 already approved this week: 15 hours at £12.
    earlier = kyles_meeting_hours(personas, minutes=15 * 60)
    actions.time_approve(viewer=_maya(personas), record=earlier)
    record = kyles_meeting_hours(personas, minutes=60)

    with pytest.raises(actions.PermittedWorkWarning) as warned:
        actions.time_approve(viewer=_maya(personas), record=record)

    week = warned.value.week
    assert (week.pence, week.minutes) == (19200, 16 * 60)
    assert week.over_hours and not week.over_pounds
    record.refresh_from_db()
    assert record.status == C.SUBMITTED

    actions.time_approve(viewer=_maya(personas), record=record, over_permitted_work_confirmed=True)
    record.refresh_from_db()
    assert record.status == C.APPROVED and record.approved_over_permitted_work
    entry = AuditEntry.objects.filter(object_id=str(record.pk)).latest("pk")
    assert "ESA permitted-work limit" in entry.summary


def test_no_warning_for_universal_credit_or_for_volunteering(personas: Personas) -> None:
    actions.profile_update(
        viewer=viewer_for(personas.person, personas.organisation),
        person=personas.kyle,
        benefit=Benefit.UNIVERSAL_CREDIT,
        payment_choice=PaymentChoice.PAY,
    )
    big = kyles_meeting_hours(personas, minutes=20 * 60)
    actions.time_approve(viewer=_maya(personas), record=big)
    kyle_on_esa(personas)
    unpaid = kyles_meeting_hours(personas, minutes=60, payment_choice=PaymentChoice.VOLUNTEER)
    approved = actions.time_approve(viewer=_maya(personas), record=unpaid)
    assert approved.amount_pence == 0
    told = Notification.objects.filter(recipient=personas.person).latest("pk")
    assert told.kind == "involvement_time_volunteered"


def test_hours_need_a_rate_before_they_are_approved(personas: Personas) -> None:
    record = kyles_meeting_hours(
        personas, activity_kind=ActivityKind.INTERVIEW, description="Interview panel"
    )
    with pytest.raises(ValidationError) as refused:
        actions.time_approve(viewer=_maya(personas), record=record)
    assert "no rate" in str(refused.value)


def test_an_expense_over_the_limit_is_approved_only_with_a_reason(personas: Personas) -> None:
    claim = kyles_travel(personas, amount_pence=1450)
    assert claim.over_limit and claim.limit_pence == 1000
    assert claim.receipt.startswith("involvement/receipts/")
    with pytest.raises(ValidationError) as refused:
        actions.expense_approve(viewer=_maya(personas), claim=claim)
    assert "over the limit of £10.00" in str(refused.value)

    approved = actions.expense_approve(
        viewer=_maya(personas), claim=claim, over_limit_reason="The buses were on strike: a taxi."
    )
    assert approved.status == C.APPROVED


def test_the_payroll_export_takes_everything_approved_once(personas: Personas) -> None:
    claim = kyles_travel(personas)
    record = TimeRecord.objects.get(activity=claim.activity)
    volunteered = kyles_meeting_hours(personas, payment_choice=PaymentChoice.VOLUNTEER)
    waiting = kyles_meeting_hours(personas, minutes=30)
    for item in (record, volunteered):
        actions.time_approve(viewer=_maya(personas), record=item)
    actions.expense_approve(viewer=_maya(personas), claim=claim)
    ada = viewer_for(personas.org_admin, personas.organisation)
    key = uuid.uuid4()

    export = actions.payroll_export(viewer=ada, idempotency_key=key)

    assert actions.payroll_export(viewer=ada, idempotency_key=key).pk == export.pk
    assert (export.number, export.time_count, export.expense_count) == (1, 1, 1)
    assert export.total_pence == 2400 + 640
    record.refresh_from_db()
    claim.refresh_from_db()
    assert record.exported_in == export and record.status == C.PAID
    assert claim.exported_in == export and claim.status == C.PAID
    assert TimeRecord.objects.get(pk=volunteered.pk).exported_in is None
    with pytest.raises(ValidationError):
        actions.payroll_export(viewer=ada)

    actions.time_approve(viewer=_maya(personas), record=waiting)
    second = actions.payroll_export(viewer=ada)
    assert (second.number, second.time_count, second.total_pence) == (2, 1, 600)
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, actor=personas.org_admin).count()
        == 2
    )


def test_only_admins_and_senior_leaders_set_money_and_run_payroll(personas: Personas) -> None:
    for user in (personas.manager, personas.worker, personas.quality_lead):
        viewer = viewer_for(user, personas.organisation)
        with pytest.raises(actions.NotAllowed):
            actions.payroll_export(viewer=viewer)
        with pytest.raises(actions.NotAllowed):
            actions.rate_set(viewer=viewer, activity_kind="meeting", basis="hourly", pence=1)
    sana = viewer_for(personas.senior_leader, personas.organisation)
    settings = actions.permitted_work_set(viewer=sana, limit_pence=20000, hours_a_week=16)
    assert settings.esa_weekly_limit_pence == 20000


def test_another_organisation_cannot_touch_kyles_involvement(personas: Personas) -> None:
    record = kyles_meeting_hours(personas)
    olu = viewer_for(personas.outsider, personas.other_organisation)
    with pytest.raises(actions.NotAllowed):
        actions.time_approve(viewer=olu, record=record)
    with pytest.raises(ValidationError):
        actions.time_record(
            viewer=olu,
            person=personas.kyle,
            activity_kind=ActivityKind.MEETING,
            description="Meeting",
            happened_on=last_wednesday(),
            minutes=60,
            payment_choice=PaymentChoice.PAY,
        )


def test_the_statement_counts_pay_vouchers_volunteering_and_expenses(personas: Personas) -> None:
    claim = kyles_travel(personas)
    paid = TimeRecord.objects.get(activity=claim.activity)
    vouchers = kyles_meeting_hours(personas, minutes=60, payment_choice=PaymentChoice.VOUCHERS)
    unpaid = kyles_meeting_hours(personas, minutes=30, payment_choice=PaymentChoice.VOLUNTEER)
    kyles_meeting_hours(personas, minutes=45)
    for item in (paid, vouchers, unpaid):
        actions.time_approve(viewer=_maya(personas), record=item)
    actions.expense_approve(viewer=_maya(personas), claim=claim)

    statement = statement_for(personas.kyle, last_wednesday())

    assert statement.paid_pence == 2400
    assert statement.voucher_pence == 1200
    assert statement.volunteer_minutes == 30
    assert statement.expenses_pence == 640
    assert statement.total_pence == 4240
    assert statement.waiting == 1
    assert ExpenseClaim.objects.count() == 1
