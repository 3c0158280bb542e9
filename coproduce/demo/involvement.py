"""Paid involvement in the small demo: Riverside's rates and limits, opportunities to be a
policy editor and a quality checker, Josie as a policy editor (she gets ESA) with hours
and expenses in every state (paid in the first payroll export, approved and waiting for
the next, waiting for Maya), and Kyle's interest waiting for an answer.

Written straight to the tables, as the rest of the small demo is (the actions would add
audit entries, and the append-only audit log would stop the demo being reset); amounts
come from the same rule the actions use (``involvement.lifecycle.pay_for``).
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from coproduce.accounts.models import Organisation, Service, User
from coproduce.core.models import VoiceHow
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.involvement.actions import RECEIPTS_FOLDER
from coproduce.involvement.lifecycle import pay_for
from coproduce.involvement.models import (
    Activity,
    ActivityKind,
    Benefit,
    ClaimStatus,
    ExpenseClaim,
    ExpenseKind,
    ExpenseLimit,
    Interest,
    InterestStatus,
    InvolvementProfile,
    InvolvementRole,
    Opportunity,
    PaymentChoice,
    PayrollExport,
    Rate,
    RateBasis,
    RoleHeld,
    StandardRole,
    TimeRecord,
)
from coproduce.people.images import check_image, store_image
from coproduce.people.models import Person

C = ClaimStatus
RATES: dict[str, tuple[str, int]] = {
    ActivityKind.MEETING: (RateBasis.HOURLY, 1200),
    ActivityKind.DOCUMENT: (RateBasis.SESSION, 2500),
    ActivityKind.QUALITY_VISIT: (RateBasis.SESSION, 4000),
    ActivityKind.INTERVIEW: (RateBasis.HOURLY, 1500),
    ActivityKind.TRAINING: (RateBasis.HOURLY, 1500),
}
LIMITS: dict[str, int] = {
    ExpenseKind.TRAVEL: 1000,
    ExpenseKind.MEALS: 800,
    ExpenseKind.REPLACEMENT_CARE: 4000,
    ExpenseKind.SUPPORT_WORKER: 4000,
}


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _at(day: dt.date, hour: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def receipt_picture(words: str) -> str:
    """Draw a small till receipt, check and store it as an uploaded photo is."""
    image = Image.new("RGB", (240, 160), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, 235, 155), outline=(120, 120, 120))
    for line, text in enumerate(("WEST YORKSHIRE BUSES", *words.split("\n"))):
        draw.text((14, 14 + line * 22), text, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    checked = check_image(SimpleUploadedFile("receipt.jpg", out.getvalue(), "image/jpeg"))
    return store_image(checked, RECEIPTS_FOLDER)


def _time(
    org: Organisation,
    person: Person,
    activity: Activity,
    *,
    minutes: int,
    status: str,
    by: User,
    approver: User,
    export: PayrollExport | None = None,
) -> TimeRecord:
    basis, pence = RATES[activity.kind]
    answered = status in (C.APPROVED, C.PAID)
    return TimeRecord.objects.create(
        organisation=org,
        person=person,
        activity=activity,
        minutes=minutes,
        payment_choice=PaymentChoice.PAY,
        status=status,
        recorded_by=by,
        created_at=_at(activity.happened_on, 17),
        rate_pence=pence if answered else None,
        rate_basis=basis if answered else "",
        amount_pence=pay_for(
            rate_pence=pence, basis=basis, minutes=minutes, payment_choice=PaymentChoice.PAY
        )
        if answered
        else None,
        answered_by=approver if answered else None,
        answered_at=_at(activity.happened_on + dt.timedelta(days=1)) if answered else None,
        exported_in=export,
    )


def build_involvement(org: Organisation) -> dict[str, int]:
    ada, maya = _user("ada"), _user("maya")
    josie_user = _user("josie")
    josie = Person.objects.get(organisation=org, user=josie_user)
    kyle = Person.objects.get(organisation=org, user=_user("kyle"))
    beech = Service.objects.get(organisation=org, name="Beech House")
    today = timezone.localdate()
    for kind, (basis, pence) in RATES.items():
        Rate.objects.create(
            organisation=org, activity_kind=kind, basis=basis, pence=pence, updated_by=ada
        )
    for expense_kind, limit in LIMITS.items():
        ExpenseLimit.objects.create(
            organisation=org, kind=expense_kind, limit_pence=limit, updated_by=ada
        )
    editor = InvolvementRole.objects.create(
        organisation=org, standard=StandardRole.POLICY_EDITOR, created_by=maya
    )
    checker = InvolvementRole.objects.create(
        organisation=org, standard=StandardRole.QUALITY_CHECKER, created_by=maya
    )
    policies = Opportunity.objects.create(
        organisation=org,
        role=editor,
        title="Help us rewrite our policies",
        what_you_do=(
            "Read our policies with a member of staff, say what is hard to understand and "
            "what should change, and sign off the easy-read version. About two hours a month."
        ),
        what_you_do_easy_read="Read our rules with us. Tell us what to change. We pay you.",
        symbol="document",
        created_by=maya,
        created_at=_at(today - dt.timedelta(days=75)),
    )
    Opportunity.objects.create(
        organisation=org,
        role=checker,
        title="Check the quality of our houses",
        what_you_do=(
            "Visit a house with another quality checker, talk to the people who live there "
            "and tell us what is good and what should be better. Training is given."
        ),
        what_you_do_easy_read="Visit our houses. Talk to people. Tell us what is good.",
        symbol="search",
        closes_on=today + dt.timedelta(days=30),
        created_by=maya,
        created_at=_at(today - dt.timedelta(days=5)),
    )
    josies_interest = Interest.objects.create(
        organisation=org,
        opportunity=policies,
        person=josie,
        why="I want our rules to be in words I can read.",
        status=InterestStatus.AGREED,
        answered_by=maya,
        answered_at=_at(today - dt.timedelta(days=60)),
        voice_how=VoiceHow.TYPED,
        voice_recorded_by=josie_user,
        voice_recorded_at=_at(today - dt.timedelta(days=62)),
        created_at=_at(today - dt.timedelta(days=62)),
    )
    RoleHeld.objects.create(
        organisation=org,
        person=josie,
        role=editor,
        interest=josies_interest,
        started_on=today - dt.timedelta(days=60),
        agreed_by=maya,
    )
    Interest.objects.create(
        organisation=org,
        opportunity=policies,
        person=kyle,
        why="I like reading.",
        voice_how=VoiceHow.TYPED,
        voice_recorded_by=kyle.user,
        voice_recorded_at=_at(today - dt.timedelta(days=2)),
        created_at=_at(today - dt.timedelta(days=2)),
    )
    InvolvementProfile.objects.create(
        organisation=org, person=josie, benefit=Benefit.ESA, updated_by=josie_user
    )

    def activity(kind: str, description: str, days_ago: int) -> Activity:
        return Activity.objects.create(
            organisation=org,
            service=beech,
            kind=kind,
            description=description,
            happened_on=today - dt.timedelta(days=days_ago),
            created_by=josie_user,
        )

    first_meeting = activity(ActivityKind.MEETING, "Meeting: policy group, visitors policy", 35)
    sign_off = activity(ActivityKind.DOCUMENT, "Signed off: the easy-read visitors policy", 12)
    residents = activity(ActivityKind.MEETING, "Meeting: Beech House residents' meeting", 3)
    export = PayrollExport.objects.create(
        organisation=org,
        number=1,
        created_by=ada,
        created_at=_at(today - dt.timedelta(days=28), 10),
    )
    paid = _time(
        org,
        josie,
        first_meeting,
        minutes=120,
        status=C.PAID,
        by=josie_user,
        approver=maya,
        export=export,
    )
    _time(org, josie, sign_off, minutes=150, status=C.APPROVED, by=josie_user, approver=maya)
    _time(org, josie, residents, minutes=90, status=C.SUBMITTED, by=josie_user, approver=maya)
    bus = ExpenseClaim.objects.create(
        organisation=org,
        person=josie,
        activity=first_meeting,
        kind=ExpenseKind.TRAVEL,
        amount_pence=640,
        description="Bus to the head office and back",
        receipt=receipt_picture("Day ticket\nAdult\n£6.40"),
        receipt_description="A bus day ticket for £6.40",
        limit_pence=LIMITS[ExpenseKind.TRAVEL],
        status=C.PAID,
        recorded_by=josie_user,
        answered_by=maya,
        answered_at=_at(first_meeting.happened_on + dt.timedelta(days=1)),
        exported_in=export,
    )
    ExpenseClaim.objects.create(
        organisation=org,
        person=josie,
        activity=residents,
        kind=ExpenseKind.TRAVEL,
        amount_pence=640,
        description="Bus to the meeting and back",
        receipt=receipt_picture("Day ticket\nAdult\n£6.40"),
        receipt_description="A bus day ticket for £6.40",
        limit_pence=LIMITS[ExpenseKind.TRAVEL],
        recorded_by=josie_user,
    )
    PayrollExport.objects.filter(pk=export.pk).update(
        time_count=1, expense_count=1, total_pence=(paid.amount_pence or 0) + bus.amount_pence
    )
    return {
        "involvement roles": 2,
        "opportunities": 2,
        "time records": 3,
        "expenses claims": 2,
    }
