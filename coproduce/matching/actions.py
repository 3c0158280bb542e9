"""Every write about choosing a team and changing a worker.

Each action locks its row first, so twin submissions take turns and the second finds the
first's record. Choices and outcomes go into the decisions ledger and the audit log.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.decisions.actions import decision_record
from coproduce.decisions.models import Rung
from coproduce.matching.models import (
    ChangeOffer,
    ChangeRequest,
    OfferAnswer,
    TeamAnswer,
    TeamChoice,
)
from coproduce.matching.notifications import (
    CHANGE_ANSWERED,
    CHANGE_ASKED,
    CHANGE_OFFER_ANSWERED,
    TEAM_CHOSEN,
    TEAM_CONFIRMED,
    TEAM_NOT_CONFIRMED,
)
from coproduce.matching.rules import change_request_next, speaks_for_self
from coproduce.people.actions import person_managers_tell, person_tell
from coproduce.people.models import Person
from coproduce.people.rules import is_the_person
from coproduce.people.voice import voice_resolve
from coproduce.plans.actions import EntryWords, plan_entry_add
from coproduce.plans.business_rules import entry_rung
from coproduce.plans.models import PlanSection

if TYPE_CHECKING:
    from coproduce.accounts.models import User

TEAM_KEYS = uuid.UUID("6f1d2a4e-7d0c-4b8e-9a51-3c2f0e5b7a10")


def answer_days() -> int:
    """A manager answers a request to change a worker within this many days (7 unless
    the setting ``CHANGE_REQUEST_ANSWER_DAYS`` says otherwise)."""
    return int(getattr(settings, "CHANGE_REQUEST_ANSWER_DAYS", 7))


def _lock_person(person: Person) -> Person:
    return (
        Person.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=person.pk)
    )


def current_round(person: Person) -> int:
    """The round of choosing the person is in: the latest one, or the first."""
    latest = TeamChoice.objects.filter(person=person).aggregate(r=models.Max("round"))["r"]
    return latest or 1


def _voice(
    *, viewer: Viewer, person: Person, voice_how: str, voice_helper: User | None
) -> tuple[str, User | None]:
    """The person's own sign-in gives their own words; a supporter answers on their
    behalf; staff say how the person gave them."""
    if is_the_person(viewer, person):
        return VoiceHow.TYPED.value, None
    if speaks_for_self(viewer, person):
        return VoiceHow.ON_BEHALF.value, viewer.user
    return voice_resolve(
        viewer=viewer, person=person, voice_how=voice_how, voice_helper=voice_helper
    )


@transaction.atomic
def team_choices_record(
    *,
    viewer: Viewer,
    person: Person,
    answers: Sequence[tuple[User, str, bool]],
    voice_how: str = "",
    voice_helper: User | None = None,
) -> list[TeamChoice]:
    """Save the person's answers about several suggested workers (worker, answer, meet
    first) together: all of them, or, when one cannot be saved, none."""
    return [
        team_choice_record(
            viewer=viewer,
            person=person,
            worker=worker,
            answer=answer,
            meet_first=meet_first,
            voice_how=voice_how,
            voice_helper=voice_helper,
        )
        for worker, answer, meet_first in answers
    ]


@transaction.atomic
def team_choice_record(
    *,
    viewer: Viewer,
    person: Person,
    worker: User,
    answer: str,
    meet_first: bool = False,
    voice_how: str = "",
    voice_helper: User | None = None,
) -> TeamChoice:
    """Save the person's answer about one suggested worker in the current round.

    It goes into the ledger (co-production in their own words or with support,
    consultation when given on their behalf) and, for "yes", into the plan's "who".
    The same answer sent twice keeps one record.
    """
    answer = TeamAnswer(answer).value
    locked = _lock_person(person)
    round_ = current_round(locked)
    existing = (
        TeamChoice.objects.select_for_update()
        .filter(person=locked, worker=worker, round=round_)
        .first()
    )
    if existing is not None and (existing.answer, existing.meet_first) == (answer, meet_first):
        return existing
    how, helper = _voice(
        viewer=viewer, person=locked, voice_how=voice_how, voice_helper=voice_helper
    )
    now = timezone.now()
    choice = existing or TeamChoice(
        organisation=locked.organisation, person=locked, worker=worker, round=round_
    )
    choice.answer = answer
    choice.meet_first = meet_first
    choice.status = TeamChoice.Status.WAITING
    choice.voice_how = how
    choice.voice_helper = helper
    choice.voice_recorded_by = viewer.user
    choice.voice_recorded_at = now
    choice.chosen_by = viewer.user
    choice.updated_at = now
    choice.save()
    rung, took_part = entry_rung(voice_how=how)
    name = worker.name or worker.email
    view = {
        TeamAnswer.YES: _("Yes, I want %(name)s to support me."),
        TeamAnswer.MAYBE: _("Maybe %(name)s."),
        TeamAnswer.NO: _("No, not %(name)s."),
    }[TeamAnswer(answer)] % {"name": name}
    if meet_first:
        view += " " + _("I want to meet them first.")
    choice.decision = decision_record(
        viewer=viewer,
        person=locked,
        what=f"Choosing my team: {view}",
        person_took_part=took_part,
        person_view=view,
        voice_how=how,
        voice_helper=helper,
        rung=rung,
        decided_on=timezone.localdate(),
        subject=choice,
    )
    choice.save(update_fields=["decision"])
    if answer == TeamAnswer.YES:
        plan_entry_add(
            viewer=viewer,
            person=locked,
            section=PlanSection.WHO,
            words=EntryWords(text=_("%(name)s supports me.") % {"name": name}),
            voice_how=how,
            voice_helper=helper,
            idempotency_key=uuid.uuid5(TEAM_KEYS, f"who:{locked.pk}:{worker.pk}:{round_}"),
        )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE if existing is None else AuditEntry.Action.UPDATE,
        obj=choice,
        summary=f"{locked.preferred_name} answered {answer} about {name} (round {round_})",
    )
    if answer == TeamAnswer.YES:
        person_managers_tell(
            actor=viewer.user,
            person=locked,
            kind=TEAM_CHOSEN.code,
            target=reverse("matching:manager_review", kwargs={"person_id": locked.pk}),
            key=f"team:{locked.pk}:{round_}:chosen",
        )
    return choice


@transaction.atomic
def team_review(*, viewer: Viewer, person: Person, confirm: bool, note: str = "") -> int:
    """Confirm the workers the person said yes to, or say in plain words why not.

    Return how many choices were reviewed.
    """
    locked = _lock_person(person)
    round_ = current_round(locked)
    chosen = list(
        TeamChoice.objects.select_for_update()
        .filter(person=locked, round=round_, answer=TeamAnswer.YES)
        .select_related("worker")
    )
    if not chosen:
        raise ValidationError({"confirm": _("Nobody has been chosen yet")})
    if not confirm and not note.strip():
        raise ValidationError({"note": _("Say in plain words why the team cannot be confirmed")})
    now = timezone.now()
    status = TeamChoice.Status.CONFIRMED if confirm else TeamChoice.Status.NOT_CONFIRMED
    for choice in chosen:
        choice.status = status
        choice.manager_note = note.strip()
        choice.reviewed_by = viewer.user
        choice.reviewed_at = now
        choice.save(update_fields=["status", "manager_note", "reviewed_by", "reviewed_at"])
    names = ", ".join(c.worker.name for c in chosen)
    decision_record(
        viewer=viewer,
        person=locked,
        what=(
            f"Team confirmed as {locked.preferred_name} chose: {names}"
            if confirm
            else f"Team not confirmed ({names}): {note.strip()}"
        )[:2000],
        person_took_part=confirm,
        rung=Rung.CO_PRODUCTION if confirm else Rung.INFORMING,
        decided_on=timezone.localdate(),
        idempotency_key=uuid.uuid5(TEAM_KEYS, f"review:{locked.pk}:{round_}:{status}:{note}"),
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=f"{'Confirmed' if confirm else 'Did not confirm'} {locked.preferred_name}'s team",
    )
    person_tell(
        actor=viewer.user,
        person=locked,
        kind=(TEAM_CONFIRMED if confirm else TEAM_NOT_CONFIRMED).code,
        target=reverse("matching:choose", kwargs={"person_id": locked.pk}),
        key=f"team:{locked.pk}:{round_}:{status}",
    )
    return len(chosen)


@transaction.atomic
def change_request_ask(
    *,
    viewer: Viewer,
    person: Person,
    worker: User,
    reason: str = "",
    idempotency_key: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> ChangeRequest:
    """Ask to change a worker. The manager must answer by the due date set now."""
    locked = _lock_person(person)
    if idempotency_key is not None:
        existing = ChangeRequest.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
    today = today or timezone.localdate()
    now = timezone.now()
    request = ChangeRequest.objects.create(
        organisation=locked.organisation,
        person=locked,
        service=locked.services.order_by("pk").first(),
        worker=worker,
        reason=reason.strip(),
        asked_by=viewer.user,
        due_on=today + dt.timedelta(days=answer_days()),
        created_at=now,
        updated_at=now,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=request,
        summary=f"Asked to change a worker for {locked.preferred_name}",
    )
    person_managers_tell(
        actor=viewer.user,
        person=locked,
        kind=CHANGE_ASKED.code,
        target=reverse("matching:change_request", kwargs={"request_id": request.pk}),
        key=f"change_request:{request.pk}:asked",
        params={"due_on": request.due_on.isoformat()},
    )
    return request


@transaction.atomic
def change_request_move(
    *, viewer: Viewer, request: ChangeRequest, to: str, answer: str = ""
) -> ChangeRequest:
    """Move a change request on one step (see ``rules.TRANSITIONS``)."""
    locked = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("person", "person__organisation", "worker")
        .get(pk=request.pk)
    )
    if locked.status == to:
        return locked  # the same step sent twice
    # Once named workers are offered, only ``change_request_confirm`` closes it as changed.
    offered = locked.offers.exists()
    problems = change_request_next(
        locked.status, to, answer, chosen_answers=[] if offered else None
    )
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    locked.status = to
    if answer.strip():
        locked.answer = answer.strip()
    locked.updated_at = now
    fields = ["status", "answer", "updated_at"]
    if locked.is_closed:
        locked.closed_at = now
        fields.append("closed_at")
        changed = to == ChangeRequest.Status.CHANGED
        decision_record(
            viewer=viewer,
            person=locked.person,
            what=(
                f"{locked.person.preferred_name} asked to change a worker: "
                + ("changed" if changed else f"not possible: {locked.answer}")
            )[:2000],
            person_took_part=changed,
            rung=Rung.CO_PRODUCTION if changed else Rung.INFORMING,
            decided_on=timezone.localdate(),
            subject=locked,
        )
    locked.save(update_fields=fields)
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=f"Moved a change request for {locked.person.preferred_name} to {to}",
    )
    change_request_tell_person(viewer=viewer, request=locked)
    return locked


def change_request_tell_person(*, viewer: Viewer, request: ChangeRequest) -> int:
    """Tell the person (and whoever asked for them) that their request moved on a step."""
    return person_tell(
        actor=viewer.user,
        person=request.person,
        kind=CHANGE_ANSWERED.code,
        target=reverse("matching:change_request", kwargs={"request_id": request.pk}),
        key=f"change_request:{request.pk}:{request.status}",
        also=request.asked_by,
    )


@transaction.atomic
def change_request_reminders_queue(*, today: dt.date | None = None) -> int:
    """Queue a reminder to the managers of every open request past its due date, at most
    once a day for each request. Return how many were queued."""
    from coproduce.matching.tasks import send_change_request_reminder

    today = today or timezone.localdate()
    due = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .filter(due_on__lt=today)
        .exclude(status__in=ChangeRequest.CLOSED)
        .filter(models.Q(reminded_on__isnull=True) | models.Q(reminded_on__lt=today))
        .select_related("organisation")
        .order_by("pk")
    )
    queued = 0
    for request in due:
        request.reminded_on = today
        request.save(update_fields=["reminded_on"])
        audit_record(
            actor=None,
            organisation=request.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=request,
            summary=f"Queued a reminder that a change request was due on {request.due_on}",
        )
        transaction.on_commit(partial(send_change_request_reminder.enqueue, request.pk))
        queued += 1
    return queued


def _lock_request(request: ChangeRequest) -> ChangeRequest:
    return (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("person", "person__organisation", "person__user", "worker")
        .get(pk=request.pk)
    )


@transaction.atomic
def change_request_offer(
    *, viewer: Viewer, request: ChangeRequest, workers: Sequence[User], answer: str = ""
) -> ChangeRequest:
    """Offer named workers instead of the one the person asked to change.

    The request moves to "other workers offered" (see ``rules.TRANSITIONS``); more
    workers may be offered while it waits there. A worker offered twice keeps one offer,
    so the same form sent twice changes nothing.
    """
    from coproduce.accounts.models import Membership, Role

    locked = _lock_request(request)
    held = set(locked.offers.values_list("worker_id", flat=True))
    working = set(
        Membership.objects.current()
        .filter(organisation_id=locked.organisation_id, role=Role.SUPPORT_WORKER)
        .values_list("user_id", flat=True)
    )
    if any(w.pk == locked.worker_id or w.pk not in working for w in workers):
        raise ValidationError({"workers": _("Choose workers from the list")})
    new = [w for w in dict.fromkeys(workers) if w.pk not in held]
    words = answer.strip()
    if locked.status == ChangeRequest.Status.OPTIONS_OFFERED:
        if not new and (not words or words == locked.answer):
            return locked  # the same offer sent twice
    else:
        problems = change_request_next(
            locked.status, ChangeRequest.Status.OPTIONS_OFFERED, words, offered=len(new)
        )
        if problems:
            raise ValidationError(problems)
    now = timezone.now()
    ChangeOffer.objects.bulk_create(
        ChangeOffer(
            organisation=locked.organisation,
            request=locked,
            worker=worker,
            offered_by=viewer.user,
            offered_at=now,
            voice_recorded_by=None,
        )
        for worker in new
    )
    locked.status = ChangeRequest.Status.OPTIONS_OFFERED
    if words:
        locked.answer = words
    locked.updated_at = now
    locked.save(update_fields=["status", "answer", "updated_at"])
    names = ", ".join(w.name or w.email for w in new)
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=f"Offered other workers to {locked.person.preferred_name}: {names}"[:500],
    )
    change_request_tell_person(viewer=viewer, request=locked)
    return locked


def _offer_view(answer: str, name: str) -> str:
    """The person's answer about an offered worker, in their words."""
    return {
        OfferAnswer.YES: _("Yes, I want %(name)s to support me."),
        OfferAnswer.MAYBE: _("Maybe %(name)s."),
        OfferAnswer.NO: _("No, not %(name)s."),
        OfferAnswer.MEET_FIRST: _("I want to meet %(name)s first."),
    }[OfferAnswer(answer)] % {"name": name}


@transaction.atomic
def change_offer_answer(
    *,
    viewer: Viewer,
    request: ChangeRequest,
    answers: Sequence[tuple[User, str]],
    voice_how: str = "",
    voice_helper: User | None = None,
) -> list[ChangeOffer]:
    """Save the person's answers (yes, maybe, no, meet first) about some of the workers
    offered; the others wait until they come back. Each new answer goes into the ledger
    with how the person gave it; the same answer sent twice keeps one record.
    """
    locked = _lock_request(request)
    if locked.status != ChangeRequest.Status.OPTIONS_OFFERED:
        raise ValidationError(
            {"__all__": _("This request has moved on, so the answers cannot change now")}
        )
    if not answers:
        raise ValidationError(
            {"__all__": _("Say yes, maybe, no or meet first for at least one worker")}
        )
    offers = {
        o.worker_id: o for o in ChangeOffer.objects.select_for_update().filter(request=locked)
    }
    person = locked.person
    resolved: tuple[str, User | None] | None = None
    saved = []
    for worker, answer in answers:
        answer = OfferAnswer(answer).value
        offer = offers.get(worker.pk)
        if offer is None:
            raise ValidationError({"__all__": _("Answer only about the workers offered")})
        if offer.answer == answer:
            saved.append(offer)
            continue
        if resolved is None:
            resolved = _voice(
                viewer=viewer, person=person, voice_how=voice_how, voice_helper=voice_helper
            )
        how, helper = resolved
        now = timezone.now()
        offer.answer = answer
        offer.answered_by = viewer.user
        offer.answered_at = now
        offer.voice_how = how
        offer.voice_helper = helper
        offer.voice_recorded_by = viewer.user
        offer.voice_recorded_at = now
        rung, took_part = entry_rung(voice_how=how)
        name = worker.name or worker.email
        view = _offer_view(answer, name)
        offer.decision = decision_record(
            viewer=viewer,
            person=person,
            what=f"Changing a worker: {view}",
            person_took_part=took_part,
            person_view=view,
            voice_how=how,
            voice_helper=helper,
            rung=rung,
            decided_on=timezone.localdate(),
            subject=offer,
        )
        offer.save(
            update_fields=[
                "answer", "answered_by", "answered_at", "voice_how", "voice_helper",
                "voice_recorded_by", "voice_recorded_at", "decision",
            ]
        )  # fmt: skip
        audit_record(
            actor=viewer.user,
            organisation=locked.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=offer,
            summary=f"{person.preferred_name} answered {answer} about {name}, offered instead",
        )
        saved.append(offer)
    if saved:
        answered = locked.offers.exclude(answer="").count()
        person_managers_tell(
            actor=viewer.user,
            person=person,
            kind=CHANGE_OFFER_ANSWERED.code,
            target=reverse("matching:change_request", kwargs={"request_id": locked.pk}),
            key=f"change_request:{locked.pk}:answered:{answered}",
        )
    return saved


@transaction.atomic
def change_request_confirm(
    *, viewer: Viewer, request: ChangeRequest, workers: Sequence[User], answer: str = ""
) -> ChangeRequest:
    """Confirm who joins the person's team from the workers they said yes to.

    In one transaction: the request closes as changed (``rules.change_request_next``),
    the chosen workers are confirmed in the person's team for the current round and go
    into the plan's "who", the worker asked about leaves the team, and the ledger records
    it as co-production. Sent twice, the second finds the request closed.
    """
    locked = _lock_request(request)
    if locked.status == ChangeRequest.Status.CHANGED:
        return locked
    wanted = {w.pk for w in workers}
    offers = list(
        ChangeOffer.objects.select_for_update(of=("self",))
        .filter(request=locked)
        .select_related("worker", "voice_helper")
    )
    chosen = [o for o in offers if o.worker_id in wanted]
    if len(chosen) != len(wanted):
        raise ValidationError({"workers": _("Choose workers from the list")})
    problems = change_request_next(
        locked.status,
        ChangeRequest.Status.CHANGED,
        answer,
        chosen_answers=[o.answer for o in chosen],
    )
    if problems:
        raise ValidationError(problems)
    person = _lock_person(locked.person)
    round_ = current_round(person)
    now = timezone.now()
    for offer in chosen:
        offer.confirmed = True
        offer.save(update_fields=["confirmed"])
        choice = TeamChoice.objects.filter(person=person, worker=offer.worker, round=round_).first()
        choice = choice or TeamChoice(
            organisation=person.organisation, person=person, worker=offer.worker, round=round_
        )
        choice.answer = TeamAnswer.YES
        choice.meet_first = False
        choice.status = TeamChoice.Status.CONFIRMED
        choice.manager_note = ""
        choice.reviewed_by = viewer.user
        choice.reviewed_at = now
        choice.voice_how = offer.voice_how
        choice.voice_helper = offer.voice_helper
        choice.voice_recorded_by = offer.voice_recorded_by
        choice.voice_recorded_at = offer.voice_recorded_at
        choice.chosen_by = offer.answered_by
        choice.decision = offer.decision
        choice.updated_at = now
        choice.save()
        name = offer.worker.name or offer.worker.email
        plan_entry_add(
            viewer=viewer,
            person=person,
            section=PlanSection.WHO,
            words=EntryWords(text=_("%(name)s supports me.") % {"name": name}),
            voice_how=offer.voice_how,
            voice_helper=offer.voice_helper,
            idempotency_key=uuid.uuid5(TEAM_KEYS, f"who:{person.pk}:{offer.worker_id}:{round_}"),
        )
    for leaving in TeamChoice.objects.select_for_update().filter(
        person=person, worker_id=locked.worker_id, round=round_
    ):
        leaving.status = TeamChoice.Status.CHANGED
        leaving.updated_at = now
        leaving.save(update_fields=["status", "updated_at"])
    names = ", ".join(o.worker.name or o.worker.email for o in chosen)
    locked.status = ChangeRequest.Status.CHANGED
    if answer.strip():
        locked.answer = answer.strip()
    locked.updated_at = now
    locked.closed_at = now
    locked.save(update_fields=["status", "answer", "updated_at", "closed_at"])
    decision_record(
        viewer=viewer,
        person=person,
        what=(
            f"{person.preferred_name} asked to change {locked.worker.name}: "
            f"changed to {names}, as {person.preferred_name} chose"
        )[:2000],
        person_took_part=True,
        rung=Rung.CO_PRODUCTION,
        decided_on=timezone.localdate(),
        subject=locked,
    )
    audit_record(
        actor=viewer.user,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=f"Confirmed {names} in {person.preferred_name}'s team instead of "
        f"{locked.worker.name}"[:500],
    )
    change_request_tell_person(viewer=viewer, request=locked)
    return locked
