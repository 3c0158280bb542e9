"""Involvement for tests: Riverside's rates and limits, Kyle as a policy editor with his
hours for a meeting and his travel expenses with a photo of the receipt."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from coproduce.accounts.viewer import viewer_for
from coproduce.involvement import actions
from coproduce.involvement.models import (
    ActivityKind,
    Benefit,
    ExpenseClaim,
    ExpenseKind,
    Interest,
    Opportunity,
    PaymentChoice,
    RateBasis,
    TimeRecord,
)
from coproduce.people.images import check_image


def set_rates(p: Any) -> None:
    """£12 an hour for meetings, £25 a session for documents; travel up to £10."""
    ada = viewer_for(p.org_admin, p.organisation)
    actions.rate_set(
        viewer=ada, activity_kind=ActivityKind.MEETING, basis=RateBasis.HOURLY, pence=1200
    )
    actions.rate_set(
        viewer=ada, activity_kind=ActivityKind.DOCUMENT, basis=RateBasis.SESSION, pence=2500
    )
    actions.limit_set(viewer=ada, kind=ExpenseKind.TRAVEL, limit_pence=1000)


def policy_editor_opportunity(p: Any) -> Opportunity:
    return actions.opportunity_create(
        viewer=viewer_for(p.manager, p.organisation),
        role_choice="standard:policy_editor",
        title="Help us rewrite the visitors policy",
        what_you_do="Read the visitors policy with us and tell us what to change.",
        what_you_do_easy_read="Read our rules about visitors. Tell us what to change.",
        symbol="document",
        service=p.house,
    )


def kyles_interest(p: Any) -> Interest:
    return actions.interest_express(
        viewer=viewer_for(p.person, p.organisation),
        opportunity=policy_editor_opportunity(p),
        person=p.kyle,
        why="I know what visitors need.",
    )


def kyle_on_esa(p: Any) -> None:
    actions.profile_update(
        viewer=viewer_for(p.person, p.organisation),
        person=p.kyle,
        benefit=Benefit.ESA,
        payment_choice=PaymentChoice.PAY,
    )


def last_wednesday() -> dt.date:
    today = timezone.localdate()
    return today - dt.timedelta(days=today.weekday() + 5)


def kyles_meeting_hours(p: Any, *, minutes: int = 120, **overrides: Any) -> TimeRecord:
    """Kyle records two hours at the residents' meeting last Wednesday."""
    set_rates(p)
    arguments: dict[str, Any] = {
        "person": p.kyle,
        "activity_kind": ActivityKind.MEETING,
        "description": "Meeting: residents' meeting",
        "happened_on": last_wednesday(),
        "minutes": minutes,
        "payment_choice": PaymentChoice.PAY,
    }
    arguments.update(overrides)
    return actions.time_record(viewer=viewer_for(p.person, p.organisation), **arguments)


def receipt_upload(name: str = "ticket.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (60, 30), (240, 240, 230)).save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def kyles_travel(p: Any, *, amount_pence: int = 640) -> ExpenseClaim:
    """Kyle's bus fare to the meeting, with a photo of the ticket."""
    record = kyles_meeting_hours(p)
    return actions.expense_claim(
        viewer=viewer_for(p.person, p.organisation),
        person=p.kyle,
        activity=record.activity,
        kind=ExpenseKind.TRAVEL,
        amount_pence=amount_pence,
        description="Bus there and back",
        receipt=check_image(receipt_upload()),
        receipt_description="A bus ticket for £6.40",
    )


def time_kwargs(p: Any) -> dict[str, int]:
    return {"record_id": kyles_meeting_hours(p).pk}


def expense_kwargs(p: Any) -> dict[str, int]:
    return {"claim_id": kyles_travel(p).pk}


def interest_kwargs(p: Any) -> dict[str, int]:
    return {"interest_id": kyles_interest(p).pk}


def opportunity_kwargs(p: Any) -> dict[str, int]:
    return {"opportunity_id": policy_editor_opportunity(p).pk}


def kyle_kwargs(p: Any) -> dict[str, int]:
    return {"person_id": p.kyle.pk}


def export_kwargs(p: Any) -> dict[str, int]:
    """Maya approves Kyle's hours and travel; Ada runs the payroll."""
    claim = kyles_travel(p)
    maya = viewer_for(p.manager, p.organisation)
    record = TimeRecord.objects.get(activity=claim.activity)
    actions.time_approve(viewer=maya, record=record)
    actions.expense_approve(viewer=maya, claim=claim)
    export = actions.payroll_export(viewer=viewer_for(p.org_admin, p.organisation))
    return {"export_id": export.pk}


def josie_at_willow(p: Any) -> Any:
    """Josie, who lives at Willow House (Maya manages it), is a policy editor and gets
    ESA; 15 hours at £12 are approved this week already. Return her user."""
    from coproduce.accounts.tests.factories import MembershipFactory, PersonFactory, UserFactory

    user = UserFactory(name="Josie Patel", email="josie@example.test")
    MembershipFactory(user=user, organisation=p.organisation, role="person")
    josie = PersonFactory(
        organisation=p.organisation, user=user, preferred_name="Josie", services=[p.house]
    )
    set_rates(p)
    maya = viewer_for(p.manager, p.organisation)
    interest = actions.interest_express(
        viewer=viewer_for(user, p.organisation),
        opportunity=policy_editor_opportunity(p),
        person=josie,
    )
    actions.interest_agree(viewer=maya, interest=interest)
    actions.profile_update(
        viewer=viewer_for(user, p.organisation),
        person=josie,
        benefit=Benefit.ESA,
        payment_choice=PaymentChoice.PAY,
    )
    today = timezone.localdate()
    earlier = actions.time_record(
        viewer=viewer_for(user, p.organisation),
        person=josie,
        activity_kind=ActivityKind.DOCUMENT,
        description="Reading the visitors policy",
        happened_on=today - dt.timedelta(days=today.weekday()),
        minutes=15 * 60,
        payment_choice=PaymentChoice.PAY,
    )
    actions.rate_set(
        viewer=viewer_for(p.org_admin, p.organisation),
        activity_kind=ActivityKind.DOCUMENT,
        basis=RateBasis.HOURLY,
        pence=1200,
    )
    actions.time_approve(viewer=maya, record=earlier)
    return user


def held_kwargs(p: Any) -> dict[str, int]:
    held = actions.interest_agree(
        viewer=viewer_for(p.manager, p.organisation), interest=kyles_interest(p)
    )
    return {"held_id": held.pk}
