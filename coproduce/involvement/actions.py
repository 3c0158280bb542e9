"""Every write for involvement: roles, opportunities and interests; activities; hours and
expenses and their answers; the organisation's rates, limits and permitted-work limit;
the person's benefit and payment choice; the payroll export.

Each action is one transaction and is audited. Forms carry an idempotency key, so sending
twice makes one record. Answers are made under the row's lock and checked against
``lifecycle``; the person is told in their own page mode and language.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.notifications.actions import notifications_send
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.symbols import SYMBOLS
from coproduce.core.tenancy import Viewer
from coproduce.involvement import lifecycle
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
    InvolvementSettings,
    Opportunity,
    PaymentChoice,
    PayrollExport,
    Rate,
    RateBasis,
    RoleHeld,
    StandardRole,
    TimeRecord,
)
from coproduce.involvement.money import hours, pounds
from coproduce.involvement.notifications import (
    CLAIM_APPROVED,
    CLAIM_SENT_BACK,
    INTEREST_AGREED,
    INTEREST_NOT_NOW,
    TIME_VOLUNTEERED,
)
from coproduce.involvement.queries import (
    payable_expenses,
    payable_time,
    permitted_work_for,
    rates_of,
    service_ids_of,
)
from coproduce.involvement.rules import advertises, approves_for, may_record_for, sets_money

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation, Service, User
    from coproduce.people.images import CheckedImage
    from coproduce.people.models import Person

C = ClaimStatus
RECEIPTS_FOLDER = "involvement/receipts"


class MoveRefused(Exception):
    """The record cannot make that move from where it is (someone answered first)."""


class NotAllowed(Exception):
    """The viewer may not make this write (the view checked already: a programming error
    or a race with a change of role)."""


class PermittedWorkWarning(Exception):
    """Approving would take a person on ESA over the week's permitted-work limit: the
    approver must see it and say they want to go on."""

    def __init__(self, week: lifecycle.PermittedWork) -> None:
        super().__init__("over the permitted-work limit")
        self.week = week


def _organisation(viewer: Viewer) -> Organisation:
    if viewer.organisation is None:
        raise NotAllowed()
    return viewer.organisation


def _audit(viewer: Viewer, action: str, obj: models.Model, summary: str) -> None:
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=action,
        obj=obj,
        summary=summary,
    )


def _existing[M: models.Model](
    model: type[M], organisation: Organisation, key: uuid.UUID | None
) -> M | None:
    if key is None:
        return None
    return model._default_manager.filter(organisation=organisation, idempotency_key=key).first()


def _save_once[M: models.Model](
    obj: M, model: type[M], organisation: Organisation, key: uuid.UUID | None
) -> M:
    """Save a new row; when the same key was saved meanwhile, return that one instead."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        existing = _existing(model, organisation, key)
        if existing is None:
            raise
        return existing
    return obj


def _person_user(person: Person) -> list[User]:
    return [person.user] if person.user is not None and person.user.is_active else []


def _check_person(organisation: Organisation, person: Person) -> None:
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("Choose someone from the list")})


# --- roles and opportunities -----------------------------------------------------------


@transaction.atomic
def role_add(*, viewer: Viewer, name: str, description: str = "") -> InvolvementRole:
    """Add a role of the organisation's own beside the standard five."""
    organisation = _organisation(viewer)
    if not sets_money(viewer) and not advertises(viewer):
        raise NotAllowed()
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the role a name")})
    taken = {str(label).lower() for label in StandardRole.labels}
    if (
        name.lower() in taken
        or InvolvementRole.objects.filter(
            organisation=organisation, standard="", name__iexact=name
        ).exists()
    ):
        raise ValidationError({"name": _("There is a role with that name already")})
    role = InvolvementRole.objects.create(
        organisation=organisation,
        name=name,
        description=description.strip(),
        created_by=viewer.user,
    )
    _audit(viewer, AuditEntry.Action.CREATE, role, f"Added the involvement role {name}")
    return role


def role_for_choice(*, viewer: Viewer, choice: str) -> InvolvementRole:
    """The role a form's choice names: a standard role (made the first time it is used)
    or one the organisation added."""
    organisation = _organisation(viewer)
    kind, _sep, value = choice.partition(":")
    if kind == "standard" and value in StandardRole.values:
        role, _created = InvolvementRole.objects.get_or_create(
            organisation=organisation, standard=value, defaults={"created_by": viewer.user}
        )
        return role
    if kind == "role" and value.isdigit():
        found = InvolvementRole.objects.filter(
            organisation=organisation, standard="", pk=int(value)
        ).first()
        if found is not None:
            return found
    raise ValidationError({"role": _("Choose a role from the list")})


@transaction.atomic
def opportunity_create(
    *,
    viewer: Viewer,
    role_choice: str,
    title: str,
    what_you_do: str,
    what_you_do_easy_read: str,
    symbol: str = "people",
    service: Service | None = None,
    closes_on: dt.date | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Opportunity:
    """Advertise a role, in plain words and easy read, with a picture."""
    organisation = _organisation(viewer)
    if not advertises(viewer):
        raise NotAllowed()
    existing = _existing(Opportunity, organisation, idempotency_key)
    if existing is not None:
        return existing
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = _("Give the opportunity a title")
    if not what_you_do.strip():
        problems["what_you_do"] = _("Say what the person will do")
    if not what_you_do_easy_read.strip():
        problems["what_you_do_easy_read"] = _("Say what the person will do, in easy read")
    if symbol not in SYMBOLS:
        problems["symbol"] = _("Choose a picture from the list")
    if service is not None and service.organisation_id != organisation.pk:
        problems["service"] = _("Choose a service from the list")
    if problems:
        raise ValidationError(problems)
    role = role_for_choice(viewer=viewer, choice=role_choice)
    opportunity = Opportunity(
        organisation=organisation,
        role=role,
        service=service,
        title=title.strip(),
        what_you_do=what_you_do.strip(),
        what_you_do_easy_read=what_you_do_easy_read.strip(),
        symbol=symbol,
        closes_on=closes_on,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    saved = _save_once(opportunity, Opportunity, organisation, idempotency_key)
    if saved is opportunity:
        _audit(viewer, AuditEntry.Action.CREATE, saved, f"Advertised {saved.title}")
    return saved


@transaction.atomic
def opportunity_close(*, viewer: Viewer, opportunity: Opportunity) -> Opportunity:
    if not advertises(viewer) or opportunity.organisation_id != _organisation(viewer).pk:
        raise NotAllowed()
    if opportunity.is_open:
        opportunity.is_open = False
        opportunity.save(update_fields=["is_open"])
        _audit(viewer, AuditEntry.Action.UPDATE, opportunity, f"Closed {opportunity.title}")
    return opportunity


@transaction.atomic
def interest_express(
    *,
    viewer: Viewer,
    opportunity: Opportunity,
    person: Person,
    why: str = "",
    voice_how: str = VoiceHow.TYPED,
    voice_helper: User | None = None,
) -> Interest:
    """The person says they are interested (themself, or through whoever helps them,
    with how they said it). Saying it twice keeps one interest; after "not now" or
    withdrawing, it is asked again."""
    organisation = _organisation(viewer)
    _check_person(organisation, person)
    if opportunity.organisation_id != organisation.pk:
        raise ValidationError({"opportunity": _("Choose an opportunity from the list")})
    if not may_record_for(viewer, person, service_ids_of(person)):
        raise NotAllowed()
    if voice_how not in VoiceHow.values:
        raise ValidationError({"voice_how": _("Say how they told you")})
    if not opportunity.is_open:
        raise ValidationError(_("This opportunity has closed"))
    existing = (
        Interest.objects.select_for_update().filter(opportunity=opportunity, person=person).first()
    )
    if existing is not None:
        if lifecycle.interest_may_move(existing.status, InterestStatus.INTERESTED):
            existing.status = InterestStatus.INTERESTED
            existing.why = why.strip()
            existing.voice_how = voice_how
            existing.voice_helper = voice_helper
            existing.voice_recorded_by = viewer.user
            existing.voice_recorded_at = timezone.now()
            existing.answered_by = None
            existing.answered_at = None
            existing.reason = ""
            existing.save(
                update_fields=[
                    "status",
                    "why",
                    "voice_how",
                    "voice_helper",
                    "voice_recorded_by",
                    "voice_recorded_at",
                    "answered_by",
                    "answered_at",
                    "reason",
                ]
            )
            _audit(viewer, AuditEntry.Action.UPDATE, existing, "Interested again in a role")
        return existing
    interest = Interest(
        organisation=organisation,
        opportunity=opportunity,
        person=person,
        why=why.strip(),
        voice_how=voice_how,
        voice_helper=voice_helper,
        voice_recorded_by=viewer.user,
    )
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:
        return Interest.objects.get(opportunity=opportunity, person=person)
    _audit(viewer, AuditEntry.Action.CREATE, interest, f"Interested in {opportunity.title}")
    return interest


def _lock[M: models.Model](model: type[M], pk: int) -> M:
    return model._default_manager.select_for_update().get(pk=pk)


def _interest_target(interest: Interest) -> str:
    return reverse("involvement:person", kwargs={"person_id": interest.person_id})


@transaction.atomic
def interest_agree(
    *, viewer: Viewer, interest: Interest, started_on: dt.date | None = None
) -> RoleHeld:
    """A manager agrees: the person holds the role from ``started_on``."""
    if not approves_for(viewer, interest.person, service_ids_of(interest.person)):
        raise NotAllowed()
    locked = _lock(Interest, interest.pk)
    if not lifecycle.interest_may_move(locked.status, InterestStatus.AGREED):
        raise MoveRefused()
    started_on = started_on or timezone.localdate()
    opportunity = locked.opportunity
    held = RoleHeld.objects.filter(
        person_id=locked.person_id, role_id=opportunity.role_id, ended_on__isnull=True
    ).first()
    if held is None:
        held = RoleHeld.objects.create(
            organisation_id=locked.organisation_id,
            person_id=locked.person_id,
            role_id=opportunity.role_id,
            interest=locked,
            started_on=started_on,
            agreed_by=viewer.user,
        )
    locked.status = InterestStatus.AGREED
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_by", "answered_at"])
    role = opportunity.role.title
    _audit(viewer, AuditEntry.Action.UPDATE, locked, f"Agreed: holds the role {role}")
    _audit(viewer, AuditEntry.Action.CREATE, held, f"Holds the role {role} from {started_on}")
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=INTEREST_AGREED.code,
        target=_interest_target(locked),
        key=f"involvement_interest_agreed:{locked.pk}:{held.pk}",
        params={
            "role": role,
            "manager": viewer.user.name,
            "started_on": started_on.isoformat(),
        },
        actor=viewer.user,
    )
    return held


@transaction.atomic
def role_end(*, viewer: Viewer, held: RoleHeld, ended_on: dt.date | None = None) -> RoleHeld:
    """The person no longer holds the role from the day after ``ended_on`` (today if not
    given); the dates they held it are kept."""
    if not approves_for(viewer, held.person, service_ids_of(held.person)):
        raise NotAllowed()
    locked = _lock(RoleHeld, held.pk)
    if locked.ended_on is not None:
        raise MoveRefused()
    ended_on = ended_on or timezone.localdate()
    if ended_on < locked.started_on:
        raise ValidationError({"ended_on": _("The role cannot end before it started")})
    locked.ended_on = ended_on
    locked.save(update_fields=["ended_on"])
    _audit(
        viewer,
        AuditEntry.Action.UPDATE,
        locked,
        f"{held.person.preferred_name} held the role {held.role.title} until {ended_on}",
    )
    return locked


@transaction.atomic
def interest_not_now(*, viewer: Viewer, interest: Interest, reason: str) -> Interest:
    """A manager says "not now", with the reason the person is told."""
    if not approves_for(viewer, interest.person, service_ids_of(interest.person)):
        raise NotAllowed()
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so the person knows")})
    locked = _lock(Interest, interest.pk)
    if not lifecycle.interest_may_move(locked.status, InterestStatus.NOT_NOW):
        raise MoveRefused()
    locked.status = InterestStatus.NOT_NOW
    locked.reason = reason.strip()
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "reason", "answered_by", "answered_at"])
    _audit(viewer, AuditEntry.Action.UPDATE, locked, "Said not now to an interest in a role")
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=INTEREST_NOT_NOW.code,
        target=_interest_target(locked),
        key=f"involvement_interest_not_now:{locked.pk}:{locked.answered_at.isoformat()}",
        params={"role": locked.opportunity.role.title, "reason": locked.reason[:200]},
        actor=viewer.user,
    )
    return locked


# --- activities, hours and expenses ------------------------------------------------------


def activity_for(
    *,
    organisation: Organisation,
    kind: str,
    description: str,
    happened_on: dt.date,
    object_id: int | None = None,
    service: Service | None = None,
    created_by: User | None = None,
) -> Activity:
    """The activity for a meeting, document or visit by its kind and id (the same one
    every time), or a new one written by hand (no id). Called inside the caller's
    transaction."""
    if kind not in ActivityKind.values:
        raise ValidationError({"activity_kind": _("Choose what kind of activity it was")})
    if not description.strip():
        raise ValidationError({"description": _("Say what the activity was")})
    if object_id is not None:
        activity, _created = Activity.objects.get_or_create(
            organisation=organisation,
            kind=kind,
            object_id=object_id,
            defaults={
                "description": description.strip()[:200],
                "happened_on": happened_on,
                "service": service,
                "created_by": created_by,
            },
        )
        return activity
    return Activity.objects.create(
        organisation=organisation,
        kind=kind,
        description=description.strip()[:200],
        happened_on=happened_on,
        service=service,
        created_by=created_by,
    )


def _first_service(person: Person) -> Service | None:
    return person.services.order_by("name", "pk").first()


@transaction.atomic
def time_record(
    *,
    viewer: Viewer,
    person: Person,
    activity_kind: str,
    description: str,
    happened_on: dt.date,
    minutes: int,
    payment_choice: str,
    note: str = "",
    activity: Activity | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> TimeRecord:
    """Record time the person gave to an activity, for a manager to approve."""
    organisation = _organisation(viewer)
    _check_person(organisation, person)
    if not may_record_for(viewer, person, service_ids_of(person)):
        raise NotAllowed()
    existing = _existing(TimeRecord, organisation, idempotency_key)
    if existing is not None:
        return existing
    problems: dict[str, str] = {}
    if minutes <= 0:
        problems["minutes"] = _("Say how long it took")
    elif minutes > 24 * 60:
        problems["minutes"] = _("One record can be 24 hours at most")
    if payment_choice not in PaymentChoice.values:
        problems["payment_choice"] = _("Choose how you want to be paid")
    if happened_on > timezone.localdate():
        problems["happened_on"] = _("The date must be today or in the past")
    if problems:
        raise ValidationError(problems)
    if activity is None:
        activity = activity_for(
            organisation=organisation,
            kind=activity_kind,
            description=description,
            happened_on=happened_on,
            service=_first_service(person),
            created_by=viewer.user,
        )
    elif activity.organisation_id != organisation.pk:
        raise ValidationError({"activity": _("Choose an activity from the list")})
    record = TimeRecord(
        organisation=organisation,
        person=person,
        activity=activity,
        minutes=minutes,
        payment_choice=payment_choice,
        note=note.strip(),
        recorded_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    saved = _save_once(record, TimeRecord, organisation, idempotency_key)
    if saved is record:
        _audit(
            viewer,
            AuditEntry.Action.CREATE,
            saved,
            f"Recorded {hours(minutes)} for {person.preferred_name}: {activity.description}",
        )
    return saved


@transaction.atomic
def time_approve(
    *, viewer: Viewer, record: TimeRecord, over_permitted_work_confirmed: bool = False
) -> TimeRecord:
    """Approve hours at the organisation's rate for the activity's kind, kept with the
    record. A person on ESA whose week would go over the permitted-work limit is approved
    only once the approver has seen the warning and confirmed."""
    if not approves_for(viewer, record.person, service_ids_of(record.person)):
        raise NotAllowed()
    locked = (
        TimeRecord.objects.select_for_update(of=("self",))
        .select_related("activity", "person")
        .get(pk=record.pk)
    )
    if not lifecycle.may_move(locked.status, C.APPROVED):
        raise MoveRefused()
    amount = 0
    rate = rates_of(locked.organisation_id).get(locked.activity.kind)
    if locked.payment_choice != PaymentChoice.VOLUNTEER:
        if rate is None:
            raise ValidationError(
                _(
                    "There is no rate for %(kind)s yet. An organisation admin or senior "
                    "leader sets it in the involvement settings."
                )
                % {"kind": locked.activity.get_kind_display().lower()}
            )
        amount = lifecycle.pay_for(
            rate_pence=rate.pence,
            basis=rate.basis,
            minutes=locked.minutes,
            payment_choice=locked.payment_choice,
        )
    week = permitted_work_for(locked, pence=amount, waiting_too=False)
    crosses = week is not None and week.crosses
    if crosses and not over_permitted_work_confirmed:
        assert week is not None
        raise PermittedWorkWarning(week)
    locked.status = C.APPROVED
    locked.rate_pence = rate.pence if rate is not None else None
    locked.rate_basis = rate.basis if rate is not None else ""
    locked.amount_pence = amount
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.approved_over_permitted_work = crosses
    locked.save(
        update_fields=[
            "status",
            "rate_pence",
            "rate_basis",
            "amount_pence",
            "answered_by",
            "answered_at",
            "approved_over_permitted_work",
        ]
    )
    summary = (
        f"Approved {hours(locked.minutes)} for {locked.person.preferred_name}: "
        f"{pounds(amount)} ({locked.get_payment_choice_display().lower()})"
    )
    if crosses:
        summary += ", over the ESA permitted-work limit, confirmed"
    _audit(viewer, AuditEntry.Action.UPDATE, locked, summary)
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=TIME_VOLUNTEERED.code if amount == 0 else CLAIM_APPROVED.code,
        target=reverse("involvement:time", kwargs={"record_id": locked.pk}),
        key=f"involvement_time_approved:{locked.pk}",
        params={"what": _("Your time for %(what)s") % {"what": locked.activity.description}},
        actor=viewer.user,
    )
    return locked


@transaction.atomic
def time_send_back(*, viewer: Viewer, record: TimeRecord, reason: str) -> TimeRecord:
    """Send hours back with the reason; the person is told and may record them again."""
    if not approves_for(viewer, record.person, service_ids_of(record.person)):
        raise NotAllowed()
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is sent back")})
    locked = (
        TimeRecord.objects.select_for_update(of=("self",))
        .select_related("activity", "person")
        .get(pk=record.pk)
    )
    if not lifecycle.may_move(locked.status, C.SENT_BACK):
        raise MoveRefused()
    locked.status = C.SENT_BACK
    locked.sent_back_reason = reason.strip()
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "sent_back_reason", "answered_by", "answered_at"])
    _audit(viewer, AuditEntry.Action.UPDATE, locked, "Sent back a time record")
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=CLAIM_SENT_BACK.code,
        target=reverse("involvement:time", kwargs={"record_id": locked.pk}),
        key=f"involvement_time_sent_back:{locked.pk}",
        params={
            "what": _("Your time for %(what)s") % {"what": locked.activity.description},
            "reason": locked.sent_back_reason[:200],
        },
        actor=viewer.user,
    )
    return locked


def expense_limit(organisation_id: int, kind: str) -> int | None:
    found = ExpenseLimit.objects.filter(organisation_id=organisation_id, kind=kind).first()
    return found.limit_pence if found is not None else None


@transaction.atomic
def expense_claim(
    *,
    viewer: Viewer,
    person: Person,
    activity: Activity,
    kind: str,
    amount_pence: int,
    description: str,
    receipt: CheckedImage | None = None,
    receipt_description: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> ExpenseClaim:
    """Claim money spent to take part, with a photo of the receipt (checked and stored
    under a name the app chooses). A claim over the limit is still sent: a manager
    approves it only with a reason."""
    from coproduce.people.images import delete_image, store_image

    organisation = _organisation(viewer)
    _check_person(organisation, person)
    if not may_record_for(viewer, person, service_ids_of(person)):
        raise NotAllowed()
    existing = _existing(ExpenseClaim, organisation, idempotency_key)
    if existing is not None:
        return existing
    problems: dict[str, str] = {}
    if activity.organisation_id != organisation.pk:
        problems["activity"] = _("Choose an activity from the list")
    if kind not in ExpenseKind.values:
        problems["kind"] = _("Choose what the money was for")
    if amount_pence <= 0:
        problems["amount"] = _("Say how much it cost, for example 4.50")
    if not description.strip():
        problems["description"] = _("Say what you paid for")
    if receipt is not None and not receipt_description.strip():
        problems["receipt_description"] = _("Say what the photo shows")
    if problems:
        raise ValidationError(problems)
    stored = store_image(receipt, RECEIPTS_FOLDER) if receipt is not None else ""
    claim = ExpenseClaim(
        organisation=organisation,
        person=person,
        activity=activity,
        kind=kind,
        amount_pence=amount_pence,
        description=description.strip(),
        receipt=stored,
        receipt_description=receipt_description.strip() if stored else "",
        limit_pence=expense_limit(organisation.pk, kind),
        recorded_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    saved = _save_once(claim, ExpenseClaim, organisation, idempotency_key)
    if saved is not claim:
        delete_image(stored)
        return saved
    _audit(
        viewer,
        AuditEntry.Action.CREATE,
        saved,
        f"Claimed {pounds(amount_pence)} {saved.get_kind_display().lower()} expenses for "
        f"{person.preferred_name}",
    )
    return saved


@transaction.atomic
def expense_approve(
    *, viewer: Viewer, claim: ExpenseClaim, over_limit_reason: str = ""
) -> ExpenseClaim:
    """Approve a claim; one over the organisation's limit needs the reason."""
    if not approves_for(viewer, claim.person, service_ids_of(claim.person)):
        raise NotAllowed()
    locked = (
        ExpenseClaim.objects.select_for_update(of=("self",))
        .select_related("activity", "person")
        .get(pk=claim.pk)
    )
    if not lifecycle.may_move(locked.status, C.APPROVED):
        raise MoveRefused()
    if (
        lifecycle.over_limit(locked.amount_pence, locked.limit_pence)
        and not over_limit_reason.strip()
    ):
        raise ValidationError(
            {
                "over_limit_reason": _(
                    "This claim is over the limit of %(limit)s for %(kind)s. Say why it is "
                    "approved all the same, or send it back."
                )
                % {"limit": pounds(locked.limit_pence), "kind": locked.get_kind_display().lower()}
            }
        )
    locked.status = C.APPROVED
    locked.over_limit_reason = over_limit_reason.strip()
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "over_limit_reason", "answered_by", "answered_at"])
    summary = f"Approved {pounds(locked.amount_pence)} expenses for {locked.person.preferred_name}"
    if locked.over_limit_reason:
        summary += f", over the limit: {locked.over_limit_reason}"
    _audit(viewer, AuditEntry.Action.UPDATE, locked, summary)
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=CLAIM_APPROVED.code,
        target=reverse("involvement:expense", kwargs={"claim_id": locked.pk}),
        key=f"involvement_expense_approved:{locked.pk}",
        params={"what": _("Your expenses of %(amount)s") % {"amount": pounds(locked.amount_pence)}},
        actor=viewer.user,
    )
    return locked


@transaction.atomic
def expense_send_back(*, viewer: Viewer, claim: ExpenseClaim, reason: str) -> ExpenseClaim:
    if not approves_for(viewer, claim.person, service_ids_of(claim.person)):
        raise NotAllowed()
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is sent back")})
    locked = (
        ExpenseClaim.objects.select_for_update(of=("self",))
        .select_related("activity", "person")
        .get(pk=claim.pk)
    )
    if not lifecycle.may_move(locked.status, C.SENT_BACK):
        raise MoveRefused()
    locked.status = C.SENT_BACK
    locked.sent_back_reason = reason.strip()
    locked.answered_by = viewer.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "sent_back_reason", "answered_by", "answered_at"])
    _audit(viewer, AuditEntry.Action.UPDATE, locked, "Sent back an expenses claim")
    notifications_send(
        organisation=locked.organisation,
        recipients=_person_user(locked.person),
        kind=CLAIM_SENT_BACK.code,
        target=reverse("involvement:expense", kwargs={"claim_id": locked.pk}),
        key=f"involvement_expense_sent_back:{locked.pk}",
        params={
            "what": _("Your expenses of %(amount)s") % {"amount": pounds(locked.amount_pence)},
            "reason": locked.sent_back_reason[:200],
        },
        actor=viewer.user,
    )
    return locked


# --- the person's choices ----------------------------------------------------------------


@transaction.atomic
def profile_update(
    *, viewer: Viewer, person: Person, benefit: str, payment_choice: str
) -> InvolvementProfile:
    """Record the benefit the person receives (if they want to say) and how they want to
    be paid; new hours are recorded with this choice."""
    organisation = _organisation(viewer)
    _check_person(organisation, person)
    if not may_record_for(viewer, person, service_ids_of(person)):
        raise NotAllowed()
    problems: dict[str, str] = {}
    if benefit not in Benefit.values:
        problems["benefit"] = _("Choose one answer")
    if payment_choice not in PaymentChoice.values:
        problems["payment_choice"] = _("Choose how you want to be paid")
    if problems:
        raise ValidationError(problems)
    profile, _created = InvolvementProfile.objects.select_for_update().get_or_create(
        person=person, defaults={"organisation": organisation}
    )
    profile.benefit = benefit
    profile.payment_choice = payment_choice
    profile.updated_by = viewer.user
    profile.updated_at = timezone.now()
    profile.save(update_fields=["benefit", "payment_choice", "updated_by", "updated_at"])
    _audit(
        viewer,
        AuditEntry.Action.UPDATE,
        profile,
        f"Recorded {person.preferred_name}'s benefit and payment choice",
    )
    return profile


# --- the organisation's settings ---------------------------------------------------------


@transaction.atomic
def rate_set(*, viewer: Viewer, activity_kind: str, basis: str, pence: int) -> Rate:
    organisation = _organisation(viewer)
    if not sets_money(viewer):
        raise NotAllowed()
    if activity_kind not in ActivityKind.values or basis not in RateBasis.values:
        raise ValidationError(_("Choose the kind of activity and how it is paid"))
    rate, _created = Rate.objects.select_for_update().get_or_create(
        organisation=organisation,
        activity_kind=activity_kind,
        defaults={"basis": basis, "pence": pence, "updated_by": viewer.user},
    )
    rate.basis = basis
    rate.pence = pence
    rate.updated_by = viewer.user
    rate.updated_at = timezone.now()
    rate.save(update_fields=["basis", "pence", "updated_by", "updated_at"])
    _audit(
        viewer,
        AuditEntry.Action.UPDATE,
        rate,
        f"Rate for {activity_kind}: {pounds(pence)} {RateBasis(basis).label}",
    )
    return rate


@transaction.atomic
def limit_set(*, viewer: Viewer, kind: str, limit_pence: int) -> ExpenseLimit:
    organisation = _organisation(viewer)
    if not sets_money(viewer):
        raise NotAllowed()
    if kind not in ExpenseKind.values:
        raise ValidationError(_("Choose the kind of expense"))
    limit, _created = ExpenseLimit.objects.select_for_update().get_or_create(
        organisation=organisation,
        kind=kind,
        defaults={"limit_pence": limit_pence, "updated_by": viewer.user},
    )
    limit.limit_pence = limit_pence
    limit.updated_by = viewer.user
    limit.updated_at = timezone.now()
    limit.save(update_fields=["limit_pence", "updated_by", "updated_at"])
    _audit(viewer, AuditEntry.Action.UPDATE, limit, f"Limit for {kind}: {pounds(limit_pence)}")
    return limit


@transaction.atomic
def permitted_work_set(
    *, viewer: Viewer, limit_pence: int, hours_a_week: int
) -> InvolvementSettings:
    """Set the ESA permitted-work limit: the pounds a week, and the hours to stay under."""
    organisation = _organisation(viewer)
    if not sets_money(viewer):
        raise NotAllowed()
    if not 1 <= hours_a_week <= 168:
        raise ValidationError({"hours": _("Hours a week must be between 1 and 168")})
    found, _created = InvolvementSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    found.esa_weekly_limit_pence = limit_pence
    found.esa_weekly_hours = hours_a_week
    found.updated_by = viewer.user
    found.updated_at = timezone.now()
    found.save(
        update_fields=["esa_weekly_limit_pence", "esa_weekly_hours", "updated_by", "updated_at"]
    )
    _audit(
        viewer,
        AuditEntry.Action.UPDATE,
        found,
        f"Permitted-work limit: {pounds(limit_pence)} and under {hours_a_week} hours a week",
    )
    return found


# --- payroll ----------------------------------------------------------------------------


@transaction.atomic
def payroll_export(*, viewer: Viewer, idempotency_key: uuid.UUID | None = None) -> PayrollExport:
    """Export everything approved and not yet exported, and mark it exported, in one
    transaction: each item joins exactly one export, so nothing is paid twice, and
    anything approved while this runs waits for the next one."""
    organisation = _organisation(viewer)
    if not sets_money(viewer):
        raise NotAllowed()
    existing = _existing(PayrollExport, organisation, idempotency_key)
    if existing is not None:
        return existing
    # Lock the organisation's settings row so two exports run one after the other, and
    # the items, so an answer in flight waits.
    try:
        with transaction.atomic():
            InvolvementSettings.objects.get_or_create(organisation=organisation)
    except IntegrityError:
        pass  # made by an export running at the same moment: lock it below
    InvolvementSettings.objects.select_for_update().get(organisation=organisation)
    existing = _existing(PayrollExport, organisation, idempotency_key)
    if existing is not None:
        return existing
    time_ids = list(payable_time(organisation.pk).select_for_update().values_list("pk", flat=True))
    expense_ids = list(
        payable_expenses(organisation.pk).select_for_update().values_list("pk", flat=True)
    )
    if not time_ids and not expense_ids:
        raise ValidationError(_("Nothing is waiting to be paid"))
    number = (
        PayrollExport.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    export = PayrollExport.objects.create(
        organisation=organisation,
        number=number,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    time_done = TimeRecord.objects.filter(
        pk__in=time_ids, status=C.APPROVED, exported_in__isnull=True
    ).update(exported_in=export, status=C.PAID)
    expenses_done = ExpenseClaim.objects.filter(
        pk__in=expense_ids, status=C.APPROVED, exported_in__isnull=True
    ).update(exported_in=export, status=C.PAID)
    if not time_done and not expenses_done:
        # Another export took everything first (a database without row locks): nothing
        # is left for this one, and the rolled-back transaction leaves no empty export.
        raise ValidationError(_("Nothing is waiting to be paid"))
    total = sum(pence or 0 for pence in export.time.values_list("amount_pence", flat=True)) + sum(
        export.expenses.values_list("amount_pence", flat=True)
    )
    export.time_count = time_done
    export.expense_count = expenses_done
    export.total_pence = total
    export.save(update_fields=["time_count", "expense_count", "total_pence"])
    _audit(
        viewer,
        AuditEntry.Action.EXPORT,
        export,
        f"Payroll export {number}: {time_done} time records and {expenses_done} expenses "
        f"claims, {pounds(total)}",
    )
    return export


def payroll_download_audit(*, viewer: Viewer, export: PayrollExport) -> None:
    """Each download of a payroll file is audited: it names people and what they are paid."""
    _audit(viewer, AuditEntry.Action.EXPORT, export, f"Downloaded payroll export {export.number}")


def statement_export_record(*, viewer: Viewer, person: Person, month: dt.date) -> None:
    """A statement printed as a PDF is audited: it names what the person was paid."""
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.EXPORT,
        obj=person,
        summary=f"Printed {person.preferred_name}'s involvement statement for {month:%B %Y}",
    )
