"""Every write to check-ins, one-to-ones and "this is not working" flags.

A one-to-one's agreed actions and a manager's answer to a flag go into the decisions
ledger. Each write locks the person's row first, so writes about one person take turns.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.date_ranges import ACTION_DUE, DAY_GONE_BY, MEETING
from coproduce.core.models import AuditEntry
from coproduce.core.tenancy import Viewer
from coproduce.decisions.actions import decision_record
from coproduce.decisions.business_rules import person_took_part
from coproduce.decisions.models import Rung
from coproduce.people.actions import person_managers_tell, person_tell
from coproduce.people.models import Person
from coproduce.people.rules import is_the_person
from coproduce.people.voice import voice_resolve
from coproduce.plans.actions import plan_review_bring_forward
from coproduce.plans.business_rules import flag_answer_by
from coproduce.plans.models.checkins import (
    CheckIn,
    CheckInRevision,
    Mood,
    NotWorkingFlag,
    OneToOne,
    OneToOneAction,
)
from coproduce.plans.notifications import NOT_WORKING_ANSWERED, NOT_WORKING_RAISED

if TYPE_CHECKING:
    from coproduce.accounts.models import User
    from coproduce.plans.models import PlanEntry


def _lock_person(person: Person) -> Person:
    return (
        Person.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=person.pk)
    )


def _check(problems: dict[str, Any]) -> None:
    if problems:
        raise ValidationError(problems)


# Check-ins


@transaction.atomic
def checkin_record(
    *,
    viewer: Viewer,
    person: Person,
    mood: str,
    wishes: str = "",
    support_today: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
    day: dt.date | None = None,
) -> tuple[CheckIn, bool]:
    """Record today's check-in, or change it if the person already checked in today.

    Return the check-in and True when it was new. A change keeps the earlier answers as
    a revision; the same answers sent twice change nothing.
    """
    day = day or timezone.localdate()
    locked = _lock_person(person)
    problems: dict[str, Any] = {}
    if mood not in Mood.values:
        problems["mood"] = _("Choose the face that shows how you feel")
    day_problem = DAY_GONE_BY.problem(day)
    if day_problem:
        problems["day"] = day_problem
    _check(problems)
    how, helper = voice_resolve(
        viewer=viewer, person=locked, voice_how=voice_how, voice_helper=voice_helper
    )
    wishes, support_today = wishes.strip(), support_today.strip()
    now = timezone.now()
    existing = CheckIn.objects.select_for_update().filter(person=locked, date=day).first()
    if existing is not None:
        if (existing.mood, existing.wishes, existing.support_today) == (
            mood,
            wishes,
            support_today,
        ):
            return existing, False
        CheckInRevision.objects.create(
            check_in=existing,
            version=existing.version,
            mood=existing.mood,
            wishes=existing.wishes,
            support_today=existing.support_today,
            voice_how=existing.voice_how,
            changed_by=existing.voice_recorded_by,
            changed_at=existing.updated_at,
        )
        existing.mood, existing.wishes, existing.support_today = mood, wishes, support_today
        existing.voice_how, existing.voice_helper = how, helper
        existing.voice_recorded_by, existing.voice_recorded_at = viewer.user, now
        existing.version += 1
        existing.updated_at = now
        existing.save(
            update_fields=[
                "mood",
                "wishes",
                "support_today",
                "voice_how",
                "voice_helper",
                "voice_recorded_by",
                "voice_recorded_at",
                "version",
                "updated_at",
            ]
        )
        check_in, created = existing, False
    else:
        check_in = CheckIn.objects.create(
            organisation=locked.organisation,
            person=locked,
            date=day,
            mood=mood,
            wishes=wishes,
            support_today=support_today,
            voice_how=how,
            voice_helper=helper,
            voice_recorded_by=viewer.user,
            voice_recorded_at=now,
            created_at=now,
            updated_at=now,
        )
        created = True
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        obj=check_in,
        summary=f"{'Recorded' if created else 'Changed'} {locked.preferred_name}'s check-in "
        f"for {day.day} {day:%B %Y}",
    )
    return check_in, created


# One-to-ones


@transaction.atomic
def one_to_one_create(
    *,
    viewer: Viewer,
    person: Person,
    keyworker: User,
    day: dt.date,
    agenda: str,
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> OneToOne:
    """Start a one-to-one with the person's agenda: the person says first what to talk about."""
    locked = _lock_person(person)
    if idempotency_key is not None:
        existing = OneToOne.objects.filter(person=locked, idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    agenda = agenda.strip()
    problems: dict[str, Any] = {}
    if not agenda:
        problems["agenda"] = _("Write what you want to talk about")
    date_problem = MEETING.problem(day)
    if date_problem:
        problems["date"] = date_problem
    _check(problems)
    how, helper = voice_resolve(
        viewer=viewer, person=locked, voice_how=voice_how, voice_helper=voice_helper
    )
    meeting = OneToOne.objects.create(
        organisation=locked.organisation,
        person=locked,
        keyworker=keyworker,
        date=day,
        agenda=agenda,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=viewer.user,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=meeting,
        summary=f"Started a one-to-one for {locked.preferred_name} on {day.day} {day:%B %Y}",
    )
    return meeting


@transaction.atomic
def one_to_one_update(
    *,
    viewer: Viewer,
    meeting: OneToOne,
    notes: str,
    listened: str = "",
    listened_words: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
) -> OneToOne:
    """Save the notes of the meeting in the person's words and whether they felt listened to."""
    locked = _lock_person(meeting.person)
    notes = notes.strip()
    problems: dict[str, Any] = {}
    if listened and listened not in OneToOne.Listened.values:
        problems["listened"] = _("Choose yes, partly or no")
    _check(problems)
    how, helper = voice_resolve(
        viewer=viewer,
        person=locked,
        voice_how=voice_how,
        voice_helper=voice_helper,
        view_given=bool(notes),
    )
    meeting.notes = notes
    meeting.listened = listened
    meeting.listened_words = listened_words.strip()
    meeting.voice_how, meeting.voice_helper = how, helper
    meeting.voice_recorded_by, meeting.voice_recorded_at = viewer.user, timezone.now()
    meeting.save(
        update_fields=[
            "notes",
            "listened",
            "listened_words",
            "voice_how",
            "voice_helper",
            "voice_recorded_by",
            "voice_recorded_at",
        ]
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=meeting,
        summary=f"Wrote the notes of {locked.preferred_name}'s one-to-one",
    )
    return meeting


@transaction.atomic
def one_to_one_action_add(
    *,
    viewer: Viewer,
    meeting: OneToOne,
    what: str,
    owner: str,
    due_on: dt.date | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> OneToOneAction:
    """Add an action agreed at the meeting and put it in the decisions ledger."""
    locked = _lock_person(meeting.person)
    if idempotency_key is not None:
        existing = OneToOneAction.objects.filter(
            one_to_one=meeting, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    what, owner = what.strip(), owner.strip()
    problems: dict[str, Any] = {}
    if not what:
        problems["what"] = _("Write what will be done")
    if not owner:
        problems["owner"] = _("Write who will do it")
    if due_on is not None and (due_problem := ACTION_DUE.problem(due_on)):
        problems["due_on"] = due_problem
    _check(problems)
    action = OneToOneAction.objects.create(
        one_to_one=meeting, what=what, owner=owner, due_on=due_on, idempotency_key=idempotency_key
    )
    # Agreed with the person in their own meeting: co-produced when their words are kept.
    took_part = person_took_part(meeting.voice_how) or is_the_person(viewer, locked)
    action.decision = decision_record(
        viewer=viewer,
        person=locked,
        what=f"One-to-one on {meeting.date.day} {meeting.date:%B %Y}, agreed: {what} ({owner})"[
            :2000
        ],
        person_took_part=took_part,
        participants=[meeting.keyworker],
        rung=Rung.CO_PRODUCTION if took_part else Rung.CONSULTATION,
        decided_on=min(meeting.date, timezone.localdate()),
        subject=action,
        idempotency_key=(
            uuid.uuid5(idempotency_key, "one-to-one-action") if idempotency_key else None
        ),
    )
    action.save(update_fields=["decision"])
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=action,
        summary=f"Agreed an action at {locked.preferred_name}'s one-to-one",
    )
    return action


@transaction.atomic
def one_to_one_action_mark(*, viewer: Viewer, action: OneToOneAction, done: bool) -> None:
    """Mark an agreed action done, or not done yet."""
    action.done = done
    action.save(update_fields=["done"])
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=action,
        summary=f"Marked a one-to-one action {'done' if done else 'not done'}",
    )


# "This is not working"


@transaction.atomic
def not_working_flag(
    *,
    viewer: Viewer,
    person: Person,
    what: str,
    about_a_worker: bool = False,
    check_in: CheckIn | None = None,
    one_to_one: OneToOne | None = None,
    plan_entry: PlanEntry | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> NotWorkingFlag:
    """Say "this is not working": a request a manager of the person's services answers."""
    locked = _lock_person(person)
    if idempotency_key is not None:
        existing = NotWorkingFlag.objects.filter(
            person=locked, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    what = what.strip()
    if not what:
        _check({"what": _("Write what is not working")})
    flag = NotWorkingFlag.objects.create(
        organisation=locked.organisation,
        person=locked,
        what=what,
        about_a_worker=about_a_worker,
        check_in=check_in,
        one_to_one=one_to_one,
        plan_entry=plan_entry,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=flag,
        summary=f"{locked.preferred_name}: this is not working",
    )
    # Something changed: the plan is reviewed sooner (business_rules.review_brought_forward).
    plan_review_bring_forward(person=locked, actor=viewer.user)
    person_managers_tell(
        actor=viewer.user,
        person=locked,
        kind=NOT_WORKING_RAISED.code,
        target=reverse("plans:not_working", kwargs={"flag_id": flag.pk}),
        key=f"not_working:{flag.pk}:raised",
        params={"due_on": flag_answer_by(flag.created_at).isoformat()},
    )
    return flag


@transaction.atomic
def not_working_answer(*, viewer: Viewer, flag: NotWorkingFlag, answer: str) -> NotWorkingFlag:
    """Answer a flag and close it. The answer is a decision about the person's support."""
    locked = _lock_person(flag.person)
    current = NotWorkingFlag.objects.select_for_update().get(pk=flag.pk)
    answer = answer.strip()
    if not current.is_open:
        return current
    if not answer:
        _check({"answer": _("Write your answer to the person")})
    now = timezone.now()
    current.answer = answer
    current.status = NotWorkingFlag.Status.ANSWERED
    current.answered_by = viewer.user
    current.answered_at = now
    # The person raised it in their own words; the manager answered it: consultation. What
    # was said about a worker stays on the flag (checkins.rules.may_read_flag): workers
    # read the ledger, so it records only that it was answered.
    what = (
        f"This is not working (about a worker): answered by {viewer.user.get_short_name()}"
        if current.about_a_worker
        else f"This is not working: {current.what}. Answer: {answer}"
    )
    current.decision = decision_record(
        viewer=viewer,
        person=locked,
        what=what[:2000],
        person_took_part=True,
        rung=Rung.CONSULTATION,
        decided_on=timezone.localdate(),
        subject=current,
        idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"not-working-answer-{current.pk}"),
    )
    current.save(update_fields=["answer", "status", "answered_by", "answered_at", "decision"])
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        summary=f'Answered {locked.preferred_name}\'s "this is not working"',
    )
    person_tell(
        actor=viewer.user,
        person=locked,
        kind=NOT_WORKING_ANSWERED.code,
        target=reverse("plans:not_working", kwargs={"flag_id": current.pk}),
        key=f"not_working:{current.pk}:answered",
        params={
            "answerer": viewer.user.get_short_name(),
            "said_on": timezone.localtime(current.created_at).date().isoformat(),
        },
        also=current.created_by,
    )
    return current
