""" "You said, we did": every write for a change (start it, link what people said to it,
move it on with a progress note), and who may make them.

A change is started by a leader, or by a manager for a service they manage. Linking a
source records what was said and when; at every status a change reaches, everyone who
raised a linked source is told once, in their own page mode and language (the
notification key names the change and the status). "Not possible" needs the reason.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.notifications.actions import notifications_send
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.feedback.models import Change, ChangeNote, ChangeSource, ChangeStatus
from coproduce.feedback.notifications import (
    CHANGE_IN_PROGRESS,
    CHANGE_MADE,
    CHANGE_NOT_POSSIBLE,
    CHANGE_PLANNED,
)
from coproduce.feedback.sources import Source, source_of

if TYPE_CHECKING:
    from coproduce.accounts.models import Service, User

KIND_FOR_STATUS = {
    ChangeStatus.PLANNED: CHANGE_PLANNED,
    ChangeStatus.IN_PROGRESS: CHANGE_IN_PROGRESS,
    ChangeStatus.MADE: CHANGE_MADE,
    ChangeStatus.NOT_POSSIBLE: CHANGE_NOT_POSSIBLE,
}
MOVES: dict[str, frozenset[str]] = {
    ChangeStatus.PLANNED: frozenset(
        {ChangeStatus.IN_PROGRESS, ChangeStatus.MADE, ChangeStatus.NOT_POSSIBLE}
    ),
    ChangeStatus.IN_PROGRESS: frozenset({ChangeStatus.MADE, ChangeStatus.NOT_POSSIBLE}),
    ChangeStatus.MADE: frozenset(),
    ChangeStatus.NOT_POSSIBLE: frozenset({ChangeStatus.PLANNED}),
}


def may_start_change(viewer: Viewer, service_id: int | None) -> bool:
    if viewer.has_role(*ORGANISATION_WIDE):
        return True
    if service_id is None or not viewer.has_role("service_manager"):
        return False
    return viewer.covers_service("service_manager", service_id)


def may_manage_change(viewer: Viewer, change: Change) -> bool:
    if change.organisation_id != viewer.organisation_id:
        return False
    return change.lead_id == viewer.user.pk or may_start_change(viewer, change.service_id)


def _raisers(change: Change) -> list[User]:
    found: dict[int, User] = {}
    for link in change.sources.all():
        source = source_of(change.organisation_id, link.kind, link.object_id)
        for user in source.raisers if source else []:
            found.setdefault(user.pk, user)
    return list(found.values())


def _tell(viewer: Viewer, change: Change) -> None:
    kind = KIND_FOR_STATUS[change.status]  # type: ignore[index]
    notifications_send(
        organisation=change.organisation,
        recipients=_raisers(change),
        kind=kind.code,
        target=reverse("feedback:change", kwargs={"change_id": change.pk}),
        key=f"change:{change.pk}:{change.status}",
        params={"we_will": change.we_will},
        actor=viewer.user,
    )


@transaction.atomic
def change_start(
    *,
    viewer: Viewer,
    you_said: str,
    we_will: str,
    you_said_easy_read: str = "",
    we_will_easy_read: str = "",
    service: Service | None = None,
    lead: User | None = None,
    due_on: dt.date | None = None,
    sources: Sequence[Source] = (),
    idempotency_key: uuid.UUID | None = None,
) -> Change:
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError(_("A change belongs to an organisation"))
    if idempotency_key is not None:
        existing = Change.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    problems: dict[str, str] = {}
    if not you_said.strip():
        problems["you_said"] = _("Say what people said")
    if not we_will.strip():
        problems["we_will"] = _("Say what will be done")
    if service is not None and service.organisation_id != organisation.pk:
        problems["service"] = _("Choose a service from the list")
    if not may_start_change(viewer, service.pk if service else None):
        problems.setdefault(
            "service",
            _("Choose a service you manage, or ask a leader for a change across the organisation"),
        )
    if due_on is not None and due_on < timezone.localdate():
        problems["due_on"] = _("The date must be today or later")
    if problems:
        raise ValidationError(problems)
    change = Change(
        organisation=organisation,
        service=service,
        you_said=you_said.strip(),
        you_said_easy_read=you_said_easy_read.strip(),
        we_will=we_will.strip(),
        we_will_easy_read=we_will_easy_read.strip(),
        lead=lead or viewer.user,
        due_on=due_on,
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:
        existing = Change.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing
    for source in sources:
        _link(change, source)
    ChangeNote.objects.create(change=change, by=viewer.user, status=change.status)
    audit_record(
        actor=viewer.user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=change,
        summary=f"Started the change “{change.we_will}”",
    )
    _tell(viewer, change)
    return change


def _link(change: Change, source: Source) -> bool:
    _made, created = ChangeSource.objects.get_or_create(
        change=change,
        kind=source.kind,
        object_id=source.object_id,
        defaults={"raised_on": source.raised_on},
    )
    return created


@transaction.atomic
def change_link(*, viewer: Viewer, change: Change, source: Source) -> Change:
    """Link one more source; whoever raised it is told where the change stands."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if _link(change, source):
        audit_record(
            actor=viewer.user,
            organisation=viewer.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=change,
            summary=f"Linked a {source.kind} to the change “{change.we_will}”",
        )
        _tell(viewer, change)
    return change


@transaction.atomic
def change_move(
    *, viewer: Viewer, change: Change, status: str, note: str = "", reason: str = ""
) -> Change:
    """Move the change on (or write a progress note where it is); tell everyone who
    raised a linked source at each new status."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if status != change.status and status not in MOVES.get(change.status, frozenset()):
        raise ValidationError({"status": _("It cannot go from where it is to that")})
    if status == ChangeStatus.NOT_POSSIBLE and not reason.strip():
        raise ValidationError({"reason": _("Say why it cannot be done")})
    if status == change.status and not note.strip():
        raise ValidationError({"note": _("Write what has happened")})
    moved = status != change.status
    change.status = status
    if status == ChangeStatus.NOT_POSSIBLE:
        change.not_possible_reason = reason.strip()
    change.made_at = timezone.now() if status == ChangeStatus.MADE else None
    change.save()
    ChangeNote.objects.create(change=change, by=viewer.user, status=status, text=note.strip())
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=change,
        summary=f"Change “{change.we_will}”: {status}",
    )
    if moved:
        _tell(viewer, change)
    return change
