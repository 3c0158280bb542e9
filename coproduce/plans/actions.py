"""Every write to a support plan.

Each action locks the person's row first, so changes to one plan take turns. An edit or
an answer based on an older version of an entry than the one saved raises
``EntryConflict`` instead of overwriting someone else's words. Every change goes into
the decisions ledger (with its rung on the ladder) and the audit log.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.date_ranges import DAY_GONE_BY, NEXT_REVIEW, REVIEW_HELD
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.decisions.actions import decision_record
from coproduce.decisions.models import Rung
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import is_the_person, person_shares_with
from coproduce.people.voice import voice_check, voice_resolve
from coproduce.plans.business_rules import (
    comment_problems,
    entry_rung,
    plan_agreement_problems,
    response_rung,
    review_brought_forward,
    review_rung,
    when_problems,
)
from coproduce.plans.models import (
    Agreement,
    PlanEntry,
    PlanEntryRevision,
    PlanReview,
    PlanSection,
    ProgressNote,
    ReviewLedBy,
    SupportPlan,
    a_year_from,
)

if TYPE_CHECKING:
    from coproduce.accounts.models import User


class EntryConflict(Exception):
    """Someone saved this entry after the form was opened; ``current`` is what they saved."""

    def __init__(self, current: PlanEntry) -> None:
        super().__init__("The plan entry changed since the form was opened.")
        self.current = current


@dataclass(frozen=True)
class EntryWords:
    """What an entry says: its text and, by section, how the person will know it is
    working or when it happens."""

    text: str
    how_i_will_know: str = ""
    weekday: int | None = None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    flexible: bool = False

    def for_section(self, section: str) -> EntryWords:
        """Drop the answers that do not belong to the section."""
        is_when = section == PlanSection.WHEN
        timed = is_when and not self.flexible
        return EntryWords(
            text=self.text.strip(),
            how_i_will_know=self.how_i_will_know.strip() if section == PlanSection.WHAT else "",
            weekday=self.weekday if timed else None,
            starts_at=self.starts_at if timed else None,
            ends_at=self.ends_at if timed else None,
            flexible=self.flexible if is_when else False,
        )

    def matches(self, entry: PlanEntry) -> bool:
        return (
            entry.text == self.text
            and entry.how_i_will_know == self.how_i_will_know
            and entry.weekday == self.weekday
            and entry.starts_at == self.starts_at
            and entry.ends_at == self.ends_at
            and entry.flexible == self.flexible
        )


def _lock_person(person: Person) -> Person:
    """Lock the person's row for the rest of the transaction: changes to their plan queue."""
    return (
        # of=("self",): the person's sign-in is an outer join, which PostgreSQL cannot lock.
        Person.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=person.pk)
    )


def _plan_for(person: Person) -> SupportPlan:
    plan = SupportPlan.objects.filter(person=person).first()
    if plan is None:
        plan = SupportPlan.objects.create(organisation=person.organisation, person=person)
    return plan


def _check(problems: dict[str, Any]) -> None:
    if problems:
        raise ValidationError(problems)


def _ledger_key(key: uuid.UUID | None, step: str) -> uuid.UUID | None:
    return uuid.uuid5(key, step) if key is not None else None


def _keep_revision(entry: PlanEntry, *, kind: str, actor: User) -> None:
    PlanEntryRevision.of(
        entry, kind=kind, changed_by_id=actor.pk, changed_at=entry.updated_at
    ).save()


def _plan_changed(plan: SupportPlan) -> None:
    """A plan that changes after it was agreed waits to be agreed again."""
    plan.version += 1
    fields = ["version"]
    if plan.status == SupportPlan.Status.AGREED:
        plan.status = SupportPlan.Status.DRAFT
        fields.append("status")
    plan.save(update_fields=fields)


def _ledger_what(entry: PlanEntry, verb: str) -> str:
    return f"Support plan, {entry.get_section_display()} ({verb}): {entry.text}"[:2000]


@transaction.atomic
def plan_entry_add(
    *,
    viewer: Viewer,
    person: Person,
    section: str,
    words: EntryWords,
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> PlanEntry:
    """Add an entry to the person's plan, creating the plan with its first entry.

    The person's own entries are agreed; anyone else's wait for the person's answer.
    With an ``idempotency_key`` already used on the plan, return that entry instead.
    """
    section = PlanSection(section).value
    locked = _lock_person(person)
    plan = _plan_for(locked)
    if idempotency_key is not None:
        existing = PlanEntry.objects.filter(plan=plan, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    words = words.for_section(section)
    problems: dict[str, Any] = {}
    if not words.text:
        problems["text"] = _("Enter what this part of the plan says")
    problems.update(
        when_problems(
            section=section,
            weekday=words.weekday,
            starts_at=words.starts_at,
            ends_at=words.ends_at,
            flexible=words.flexible,
        )
    )
    _check(problems)
    how, helper = voice_resolve(
        viewer=viewer,
        person=locked,
        voice_how=voice_how,
        voice_helper=voice_helper,
        how_optional=True,
    )
    now = timezone.now()
    entry = PlanEntry.objects.create(
        plan=plan,
        section=section,
        text=words.text,
        how_i_will_know=words.how_i_will_know,
        weekday=words.weekday,
        starts_at=words.starts_at,
        ends_at=words.ends_at,
        flexible=words.flexible,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=viewer.user if how else None,
        voice_recorded_at=now,
        agreement=Agreement.AGREED if is_the_person(viewer, locked) else Agreement.NOT_YET_AGREED,
        created_by=viewer.user,
        created_at=now,
        updated_at=now,
        idempotency_key=idempotency_key,
    )
    rung, took_part = entry_rung(voice_how=how)
    entry.decision = decision_record(
        viewer=viewer,
        person=locked,
        what=_ledger_what(entry, "added"),
        person_took_part=took_part,
        person_view=entry.text if how else "",
        voice_how=how,
        voice_helper=helper,
        rung=rung,
        decided_on=timezone.localdate(),
        subject=entry,
        idempotency_key=_ledger_key(idempotency_key, "add"),
    )
    entry.save(update_fields=["decision"])
    _keep_revision(entry, kind=PlanEntryRevision.Kind.ADDED, actor=viewer.user)
    _plan_changed(plan)
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=entry,
        summary=(
            f"Added to {locked.preferred_name}'s support plan ({entry.get_section_display()}, "
            f"{entry.get_agreement_display().lower()})"
        ),
    )
    return entry


@transaction.atomic
def plan_entry_update(
    *,
    viewer: Viewer,
    entry: PlanEntry,
    base_version: int,
    words: EntryWords,
    voice_how: str = "",
    voice_helper: User | None = None,
) -> PlanEntry:
    """Save a change to an entry as a new version, keeping every old one.

    ``base_version`` is the version the editor started from. If someone saved in
    between, raise ``EntryConflict``: their words are never overwritten unseen. The same
    form sent twice saves once. A change by anyone but the person waits for their answer.
    """
    locked_person = _lock_person(entry.plan.person)
    current = (
        PlanEntry.objects.select_for_update(of=("self",)).select_related("plan").get(pk=entry.pk)
    )
    words = words.for_section(current.section)
    if current.version != base_version:
        if words.matches(current):
            return current
        raise EntryConflict(current)
    problems: dict[str, Any] = {}
    if not words.text:
        problems["text"] = _("Enter what this part of the plan says")
    problems.update(
        when_problems(
            section=current.section,
            weekday=words.weekday,
            starts_at=words.starts_at,
            ends_at=words.ends_at,
            flexible=words.flexible,
        )
    )
    _check(problems)
    how, helper = voice_resolve(
        viewer=viewer,
        person=locked_person,
        voice_how=voice_how,
        voice_helper=voice_helper,
        how_optional=True,
    )
    now = timezone.now()
    is_person = is_the_person(viewer, locked_person)
    current.text = words.text
    current.how_i_will_know = words.how_i_will_know
    current.weekday = words.weekday
    current.starts_at = words.starts_at
    current.ends_at = words.ends_at
    current.flexible = words.flexible
    current.voice_how = how
    current.voice_helper = helper
    current.voice_recorded_by = viewer.user if how else None
    current.voice_recorded_at = now
    current.agreement = Agreement.AGREED if is_person else Agreement.NOT_YET_AGREED
    # The person's answer was about the old words; it stays with the old version.
    current.person_comment = ""
    current.response_how = ""
    current.response_helper = None
    current.response_recorded_by = None
    current.response_at = None
    current.version += 1
    current.updated_at = now
    rung, took_part = entry_rung(voice_how=how)
    current.decision = decision_record(
        viewer=viewer,
        person=locked_person,
        what=_ledger_what(current, "changed"),
        person_took_part=took_part,
        person_view=current.text if how else "",
        voice_how=how,
        voice_helper=helper,
        rung=rung,
        decided_on=timezone.localdate(),
        subject=current,
    )
    current.save(
        update_fields=[
            "text",
            "how_i_will_know",
            "weekday",
            "starts_at",
            "ends_at",
            "flexible",
            "voice_how",
            "voice_helper",
            "voice_recorded_by",
            "voice_recorded_at",
            "agreement",
            "person_comment",
            "response_how",
            "response_helper",
            "response_recorded_by",
            "response_at",
            "version",
            "updated_at",
            "decision",
        ]
    )
    _keep_revision(current, kind=PlanEntryRevision.Kind.EDITED, actor=viewer.user)
    _plan_changed(current.plan)
    audit_record(
        actor=viewer.user,
        organisation=locked_person.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        summary=(
            f"Saved version {current.version} of an entry in {locked_person.preferred_name}'s "
            f"support plan ({current.get_section_display()})"
        ),
    )
    return current


ANSWERS = frozenset({Agreement.AGREED, Agreement.CHANGED, Agreement.DISAGREED})


@transaction.atomic
def plan_entry_respond(
    *,
    viewer: Viewer,
    entry: PlanEntry,
    base_version: int,
    answer: str,
    comment: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
) -> PlanEntry:
    """Record the person's answer to an entry: they agree, want it changed, or disagree.

    The person answers for themself; a supporter or a member of staff records how the
    person gave the answer. An answer to an older version raises ``EntryConflict``; the
    same answer sent twice is saved once.
    """
    if answer not in ANSWERS:
        raise ValidationError({"answer": _("Select an answer")})
    locked_person = _lock_person(entry.plan.person)
    current = PlanEntry.objects.select_for_update(of=("self",)).get(pk=entry.pk)
    comment = comment.strip()
    if current.version != base_version:
        if current.agreement == answer and current.person_comment == comment:
            return current
        raise EntryConflict(current)
    _check(comment_problems(answer=answer, comment=comment))
    how, helper = voice_resolve(
        viewer=viewer, person=locked_person, voice_how=voice_how, voice_helper=voice_helper
    )
    now = timezone.now()
    current.agreement = answer
    current.person_comment = comment
    current.response_how = how
    current.response_helper = helper
    current.response_recorded_by = viewer.user
    current.response_at = now
    current.version += 1
    current.updated_at = now
    rung, took_part = response_rung(answer=answer, voice_how=how)
    verb = {
        Agreement.AGREED: "agreed",
        Agreement.CHANGED: "asked for a change",
        Agreement.DISAGREED: "disagreed",
    }[Agreement(answer)]
    current.decision = decision_record(
        viewer=viewer,
        person=locked_person,
        what=_ledger_what(current, f"{locked_person.preferred_name} {verb}"),
        person_took_part=took_part,
        person_view=comment,
        voice_how=how if comment else "",
        voice_helper=helper if comment else None,
        rung=rung,
        decided_on=timezone.localdate(),
        subject=current,
    )
    current.save(
        update_fields=[
            "agreement",
            "person_comment",
            "response_how",
            "response_helper",
            "response_recorded_by",
            "response_at",
            "version",
            "updated_at",
            "decision",
        ]
    )
    _keep_revision(current, kind=PlanEntryRevision.Kind.RESPONSE, actor=viewer.user)
    audit_record(
        actor=viewer.user,
        organisation=locked_person.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        summary=(
            f"Recorded {locked_person.preferred_name}'s answer to an entry of their support "
            f"plan: {current.get_agreement_display().lower()}"
        ),
    )
    return current


# How each way of agreeing is recorded as the person's voice.
AGREED_HOW_VOICE = {
    SupportPlan.AgreedHow.TICK: VoiceHow.TYPED,
    SupportPlan.AgreedHow.RECORDED_YES: VoiceHow.SPOKEN,
    SupportPlan.AgreedHow.SUPPORTER: VoiceHow.SUPPORTED,
}


@transaction.atomic
def plan_agree(
    *,
    viewer: Viewer,
    person: Person,
    base_version: int,
    agreed_how: str,
    voice_helper: User | None = None,
) -> SupportPlan:
    """Record that the person agreed their whole plan, in their own way: a tick of their
    own, a yes recorded by staff, or a supporter confirming it with them.

    The same form sent twice agrees once; a plan changed since the form was opened is
    not agreed unseen (``ValidationError``).
    """
    how_value = SupportPlan.AgreedHow(agreed_how)
    locked = _lock_person(person)
    plan = _plan_for(locked)
    if plan.version != base_version:
        if plan.status == SupportPlan.Status.AGREED and plan.agreed_how == how_value:
            return plan
        raise ValidationError(
            {"__all__": _("The plan changed since you opened this page. Read it again first.")}
        )
    is_person = is_the_person(viewer, locked)
    if how_value == SupportPlan.AgreedHow.TICK and not is_person:
        raise ValidationError({"agreed_how": _("Only the person can tick to agree their plan")})
    helper = voice_helper
    if how_value == SupportPlan.AgreedHow.SUPPORTER:
        if helper is None and locked.pk in viewer.supported_person_ids:
            helper = viewer.user
        # The supporter who confirmed it must be one the person shares their plan with.
        if helper is None or not person_shares_with(locked, helper.pk, Supporter.Scope.PLAN):
            raise ValidationError(
                {"voice_helper": _("Select the supporter who confirmed it with them")}
            )
    else:
        helper = None
    voice_how = AGREED_HOW_VOICE[how_value].value
    voice_check(person=locked, voice_how=voice_how, voice_helper=helper, view_given=True)
    waiting = PlanEntry.objects.filter(plan=plan, agreement=Agreement.NOT_YET_AGREED).count()
    _check(plan_agreement_problems(waiting=waiting))
    now = timezone.now()
    plan.status = SupportPlan.Status.AGREED
    plan.agreed_at = now
    plan.agreed_how = how_value.value
    plan.voice_how = voice_how
    plan.voice_helper = helper
    plan.voice_recorded_by = viewer.user
    plan.voice_recorded_at = now
    plan.version += 1
    decision_record(
        viewer=viewer,
        person=locked,
        what=f"{locked.preferred_name} agreed their support plan ({how_value.label})",
        person_took_part=True,
        rung=Rung.CO_PRODUCTION,
        decided_on=timezone.localdate(),
        subject=plan,
    )
    plan.save(
        update_fields=[
            "status",
            "agreed_at",
            "agreed_how",
            "voice_how",
            "voice_helper",
            "voice_recorded_by",
            "voice_recorded_at",
            "version",
        ]
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=plan,
        summary=f"{locked.preferred_name} agreed their support plan ({how_value.label})",
    )
    return plan


# A plan's managers hear about its review at most once in this many days.
REMIND_EVERY_DAYS = 7
REMIND_BEFORE_DAYS = 30


@transaction.atomic
def plan_review_reminders_queue(*, today: dt.date | None = None) -> int:
    """Queue a reminder to the managers of every plan whose review is due within 30 days
    or overdue, at most once a week for each plan. Return how many were queued."""
    from coproduce.plans.tasks import send_review_reminder

    today = today or timezone.localdate()
    due = (
        SupportPlan.objects.select_for_update(of=("self",))
        .filter(review_due_on__lte=today + dt.timedelta(days=REMIND_BEFORE_DAYS))
        .filter(
            models.Q(review_reminded_on__isnull=True)
            | models.Q(review_reminded_on__lte=today - dt.timedelta(days=REMIND_EVERY_DAYS))
        )
        .select_related("organisation")
        .order_by("pk")
    )
    queued = 0
    for plan in due:
        plan.review_reminded_on = today
        plan.save(update_fields=["review_reminded_on"])
        audit_record(
            actor=None,
            organisation=plan.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=plan,
            summary=f"Queued a reminder that the plan review is due on {plan.review_due_on}",
        )
        transaction.on_commit(partial(send_review_reminder.enqueue, plan.pk))
        queued += 1
    return queued


@transaction.atomic
def progress_note_add(
    *,
    viewer: Viewer,
    entry: PlanEntry,
    text: str,
    voice_how: str = "",
    voice_helper: User | None = None,
    noted_on: dt.date | None = None,
) -> ProgressNote:
    """Note how an entry of the plan is going, with how the words were given.

    The caller has already checked that the viewer may change the plan.
    """
    person = entry.plan.person
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Enter how it is going")})
    if noted_on is not None and (day_problem := DAY_GONE_BY.problem(noted_on)):
        raise ValidationError({"noted_on": day_problem})
    how, helper = voice_resolve(
        viewer=viewer,
        person=person,
        voice_how=voice_how,
        voice_helper=voice_helper,
        how_optional=True,
    )
    if not how:
        # A progress note is the person's view of how it is going: it says how it was given.
        raise ValidationError({"voice_how": _("Select how the person gave this view")})
    note = ProgressNote.objects.create(
        entry=entry,
        text=text,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=viewer.user,
        noted_on=noted_on or timezone.localdate(),
    )
    audit_record(
        actor=viewer.user,
        organisation=person.organisation,
        action=AuditEntry.Action.CREATE,
        obj=note,
        summary=f"Noted progress on an entry of {person.preferred_name}'s support plan",
    )
    return note


def plan_export_record(*, viewer: Viewer, person: Person, kind: str) -> None:
    """Note in the audit log that a copy of the plan left the platform (PDF or FHIR)."""
    audit_record(
        actor=viewer.user,
        organisation=person.organisation,
        action=AuditEntry.Action.EXPORT,
        obj=person,
        summary=f"Exported {person.preferred_name}'s support plan as {kind}",
    )


@transaction.atomic
def plan_review_record(
    *,
    viewer: Viewer,
    person: Person,
    held_on: dt.date,
    led_by: str,
    who_took_part: str = "",
    what_is_working: str = "",
    what_is_not_working: str = "",
    what_will_change: str = "",
    next_review_on: dt.date | None = None,
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> PlanReview:
    """Record a review meeting of the person's plan and set the date of the next one.

    The same form sent twice records one review. The review goes into the decisions
    ledger with a rung that says who led it (see ``business_rules.review_rung``).
    """
    led = ReviewLedBy(led_by)
    locked = _lock_person(person)
    plan = _plan_for(locked)
    if idempotency_key is not None:
        existing = PlanReview.objects.filter(plan=plan, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    how, helper = voice_resolve(
        viewer=viewer,
        person=locked,
        voice_how=voice_how,
        voice_helper=voice_helper,
        how_optional=True,
    )
    if not how:
        _check({"voice_how": _("Select how these words were given")})
    held_problem = REVIEW_HELD.problem(held_on)
    if held_problem:
        _check({"held_on": held_problem})
    if next_review_on is not None and (next_problem := NEXT_REVIEW.problem(next_review_on)):
        _check({"next_review_on": next_problem})
    next_on = next_review_on or a_year_from(held_on)
    if next_on <= held_on:
        _check({"next_review_on": _("The next review must be after this one")})
    now = timezone.now()
    review = PlanReview.objects.create(
        plan=plan,
        held_on=held_on,
        led_by=led.value,
        who_took_part=who_took_part.strip(),
        what_is_working=what_is_working.strip(),
        what_is_not_working=what_is_not_working.strip(),
        what_will_change=what_will_change.strip(),
        next_review_on=next_on,
        recorded_by=viewer.user,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=viewer.user,
        voice_recorded_at=now,
        idempotency_key=idempotency_key,
    )
    plan.review_due_on = next_on
    plan.review_reminded_on = None
    plan.save(update_fields=["review_due_on", "review_reminded_on"])
    rung, took_part = review_rung(led_by=led.value, voice_how=how)
    decision_record(
        viewer=viewer,
        person=locked,
        what=(
            f"Review of {locked.preferred_name}'s support plan ({led.label}). "
            f"What will change: {review.what_will_change or '-'}"
        )[:2000],
        person_took_part=took_part,
        other_participants=review.who_took_part[:500],
        person_view=review.what_will_change,
        voice_how=how,
        voice_helper=helper,
        rung=rung,
        decided_on=held_on,
        subject=review,
        idempotency_key=_ledger_key(idempotency_key, "review"),
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=review,
        summary=f"Recorded a review of {locked.preferred_name}'s support plan",
    )
    return review


def plan_review_bring_forward(*, person: Person, actor: User | None) -> SupportPlan | None:
    """Bring the person's plan review forward after something stopped working.

    Run inside the caller's transaction, with the person's row locked.
    """
    plan = SupportPlan.objects.filter(person=person).first()
    if plan is None:
        return None
    due = review_brought_forward(review_due_on=plan.review_due_on, today=timezone.localdate())
    if due == plan.review_due_on:
        return plan
    plan.review_due_on = due
    plan.review_reminded_on = None
    plan.save(update_fields=["review_due_on", "review_reminded_on"])
    audit_record(
        actor=actor,
        organisation=person.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=plan,
        summary=f"Brought the plan review forward to {due}: something is not working",
    )
    return plan
