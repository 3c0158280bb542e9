"""Every write for comments, complaints and compliments: raise one, and each move of its
life (acknowledge, look into it, answer, close, reopen), with the response date agreed.

Each move is checked against ``lifecycle.TRANSITIONS`` under the concern's row lock, kept
as a ``ConcernEvent`` and audited; the complainant is told at acknowledgement and at the
answer, in their own page mode and language; a concern that sounds like harm tells the
safeguarding leads in the same transaction. Raising carries the form's idempotency key, so
sending twice makes one concern; a photo sent with it is kept only with the concern it
belongs to.
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
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.feedback import lifecycle
from coproduce.feedback.models import (
    About,
    Concern,
    ConcernEvent,
    ConcernKind,
    ConcernStatus,
    RaisedBy,
    Theme,
    Upheld,
    themes_in_order,
)
from coproduce.feedback.notifications import (
    COMPLIMENT_RECEIVED,
    CONCERN_ACKNOWLEDGED,
    CONCERN_RESPONDED,
    CONCERN_SAFEGUARDING,
)
from coproduce.feedback.queries import safeguarding_leads
from coproduce.people.images import CheckedImage, delete_image, store_image

if TYPE_CHECKING:
    from coproduce.accounts.models import Service, User
    from coproduce.people.models import Person

S = ConcernStatus
PHOTO_FOLDER = "concerns"


class MoveRefused(Exception):
    """The concern cannot make that move from where it is."""


def _target(concern: Concern) -> str:
    return reverse("feedback:concern", kwargs={"concern_id": concern.pk})


def _place(concern: Concern) -> str:
    if concern.service is not None:
        return concern.service.name
    return concern.organisation.name


def _by_key(organisation_id: int, key: uuid.UUID | None) -> Concern | None:
    if key is None:
        return None
    return Concern.objects.filter(organisation_id=organisation_id, idempotency_key=key).first()


def concern_raise(
    *,
    viewer: Viewer,
    kind: str,
    what_happened: str,
    about: str = About.SERVICE,
    service: Service | None = None,
    worker: User | None = None,
    person: Person | None = None,
    raiser: str = RaisedBy.PERSON,
    how_i_feel: str = "",
    what_would_help: str = "",
    happened_on: dt.date | None = None,
    voice_how: str = VoiceHow.TYPED,
    voice_helper: User | None = None,
    photo: CheckedImage | None = None,
    photo_description: str = "",
    nation: str = lifecycle.ENGLAND,
    idempotency_key: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> Concern:
    """Raise a comment, complaint or compliment. A complaint cannot be anonymous.

    A photo (checked by ``people.images.check_image``, so it carries no place or camera)
    needs a few words on what it shows. It is stored before the concern is written and
    removed again when the concern is not (a problem, a failed write) or was written
    already by the same form sent before: no photo is left without its concern, and no
    concern names a photo that was not stored.
    """
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError(_("A concern belongs to an organisation"))
    existing = _by_key(organisation.pk, idempotency_key)
    if existing is not None:
        return existing
    photo_description = photo_description.strip()
    problems: dict[str, str] = {}
    if kind not in ConcernKind.values:
        problems["kind"] = _("Choose a comment, a complaint or a compliment")
    if not what_happened.strip():
        problems["what_happened"] = _("Say what happened")
    if kind == ConcernKind.COMPLAINT and raiser == RaisedBy.ANONYMOUS:
        problems["raiser"] = _(
            "A complaint needs a name so that we can answer it. Comments and compliments "
            "can be anonymous."
        )
    if about == About.SERVICE and service is None:
        problems["service"] = _("Choose the service it is about")
    if about == About.WORKER and worker is None:
        problems["worker"] = _("Choose the worker it is about")
    for name, thing in (("service", service), ("person", person)):
        if thing is not None and thing.organisation_id != organisation.pk:
            problems[name] = _("Choose from the list")
    if photo is not None and not photo_description:
        problems["photo_description"] = _("Say what the photo shows")
    if problems:
        raise ValidationError(problems)
    today = today or timezone.localdate()
    anonymous = raiser == RaisedBy.ANONYMOUS
    harm = lifecycle.sounds_like_harm(what_happened, what_would_help)
    now = timezone.now()
    concern = Concern(
        organisation=organisation,
        kind=kind,
        about=about,
        service=service,
        worker=worker,
        raised_by=None if anonymous else viewer.user,
        person=None if anonymous else person,
        raiser=raiser,
        what_happened=what_happened.strip(),
        how_i_feel=how_i_feel,
        what_would_help=what_would_help.strip(),
        happened_on=happened_on,
        safeguarding=harm,
        safeguarding_flagged_at=now if harm else None,
        received_on=today,
        acknowledge_by=lifecycle.acknowledge_by(today, nation)
        if kind == ConcernKind.COMPLAINT
        else None,
        respond_by=lifecycle.respond_by(today) if kind == ConcernKind.COMPLAINT else None,
        voice_how=voice_how,
        voice_helper=None if anonymous else voice_helper,
        voice_recorded_by=None if anonymous else viewer.user,
        photo_description=photo_description[:200] if photo is not None else "",
        idempotency_key=idempotency_key,
    )
    stored = store_image(photo, PHOTO_FOLDER) if photo is not None else ""
    concern.photo.name = stored
    try:
        written = _concern_write(viewer=viewer, concern=concern)
    except BaseException:
        delete_image(stored)
        raise
    if stored and written.photo.name != stored:
        # The same form sent twice at once: the first send keeps its own photo.
        delete_image(stored)
    return written


@transaction.atomic
def _concern_write(*, viewer: Viewer, concern: Concern) -> Concern:
    """Save the raised concern with its first event, its audit entry and whom it tells,
    or return the concern the same form made first."""
    organisation = concern.organisation
    try:
        with transaction.atomic():
            concern.save()
    except IntegrityError:
        existing = _by_key(organisation.pk, concern.idempotency_key)
        if existing is None:
            raise
        return existing
    ConcernEvent.objects.create(concern=concern, by=concern.raised_by, to_status=S.RECEIVED)
    audit_record(
        actor=viewer.user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=concern,
        summary=f"Raised a {concern.get_kind_display().lower()}"
        + (" with a photo" if concern.photo else ""),
    )
    if concern.safeguarding:
        notifications_send(
            organisation=organisation,
            recipients=safeguarding_leads(concern),
            kind=CONCERN_SAFEGUARDING.code,
            target=_target(concern),
            key=f"concern_safeguarding:{concern.pk}",
            params={"service": _place(concern)},
            actor=viewer.user,
        )
    if concern.kind == ConcernKind.COMPLIMENT and concern.worker is not None:
        notifications_send(
            organisation=organisation,
            recipients=[concern.worker],
            kind=COMPLIMENT_RECEIVED.code,
            target=_target(concern),
            key=f"compliment:{concern.pk}",
            params={"words": concern.what_happened[:200]},
            actor=viewer.user,
        )
    return concern


def _lock(concern: Concern) -> Concern:
    return (
        Concern.objects.select_for_update(of=("self",))
        .select_related("service", "organisation")
        .get(pk=concern.pk)
    )


def _move(viewer: Viewer, concern: Concern, to_status: str, note: str = "") -> Concern:
    if not lifecycle.may_move(concern.kind, concern.status, to_status):
        raise MoveRefused()
    ConcernEvent.objects.create(
        concern=concern,
        by=viewer.user,
        from_status=concern.status,
        to_status=to_status,
        note=note.strip(),
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=concern,
        summary=f"Moved {concern.get_kind_display().lower()} {concern.pk} from "
        f"{concern.status} to {to_status}",
    )
    concern.status = to_status
    return concern


def _checked_themes(themes: Sequence[str] | None) -> list[str] | None:
    """The themes in the list's order, or None to leave them as they are; a theme not on
    the list is refused, whoever sends it."""
    if themes is None:
        return None
    if any(theme not in Theme.values for theme in themes):
        raise ValidationError({"themes": _("Choose themes from the list")})
    return themes_in_order(themes)


def _set_themes(viewer: Viewer, concern: Concern, themes: list[str] | None) -> None:
    """Keep the themes chosen, as one of the concern's events, audited (nothing when they
    are the same)."""
    if themes is None or themes == list(concern.themes or []):
        return
    words = ", ".join(str(Theme(theme).label) for theme in themes) or _("none")
    ConcernEvent.objects.create(
        concern=concern, by=viewer.user, note=_("Themes: %(themes)s") % {"themes": words}
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=concern,
        summary=f"Themes of {concern.get_kind_display().lower()} {concern.pk}: "
        f"{', '.join(themes) or 'none'}",
    )
    concern.themes = themes


@transaction.atomic
def concern_acknowledge(
    *,
    viewer: Viewer,
    concern: Concern,
    note: str = "",
    respond_by: dt.date | None = None,
    late_reason: str = "",
    themes: Sequence[str] | None = None,
) -> Concern:
    """Acknowledge it (offering to talk about how it will be handled and when an answer
    is likely), with the themes it is about if they are known yet. A complaint raised
    more than 12 months after the events is taken on only with a recorded reason."""
    concern = _lock(concern)
    chosen = _checked_themes(themes)
    today = timezone.localdate()
    if (
        concern.kind == ConcernKind.COMPLAINT
        and lifecycle.raised_late(concern.happened_on, concern.received_on)
        and not late_reason.strip()
    ):
        raise ValidationError(
            {
                "late_reason": _(
                    "This happened more than 12 months before it was raised. Say why it is "
                    "being taken on."
                )
            }
        )
    if respond_by is not None and respond_by < today:
        raise ValidationError({"respond_by": _("The answer date must be today or later")})
    _move(viewer, concern, S.ACKNOWLEDGED, note)
    _set_themes(viewer, concern, chosen)
    concern.acknowledged_at = timezone.now()
    concern.late_reason = late_reason.strip()
    if concern.handler_id is None:
        concern.handler = viewer.user
    if respond_by is not None:
        concern.respond_by = respond_by
        concern.respond_by_agreed = True
    concern.save()
    if concern.kind == ConcernKind.COMPLAINT and concern.raised_by is not None:
        notifications_send(
            organisation=concern.organisation,
            recipients=[concern.raised_by],
            kind=CONCERN_ACKNOWLEDGED.code,
            target=_target(concern),
            key=f"concern_acknowledged:{concern.pk}",
            params={
                "service": _place(concern),
                "handler": concern.handler.name if concern.handler else "",
                "respond_on": concern.respond_by.isoformat() if concern.respond_by else "",
            },
            actor=viewer.user,
        )
    return concern


@transaction.atomic
def concern_investigate(*, viewer: Viewer, concern: Concern, note: str = "") -> Concern:
    """Start looking into it, or look into it again (reopened)."""
    concern = _lock(concern)
    reopening = concern.status in (S.RESPONDED, S.CLOSED)
    _move(viewer, concern, S.INVESTIGATING, note)
    if reopening:
        concern.closed_at = None
    concern.save()
    return concern


@transaction.atomic
def respond_by_agree(
    *, viewer: Viewer, concern: Concern, respond_by: dt.date, reason: str
) -> Concern:
    """The complainant agreed another answer date (an extension, with the reason for the
    delay)."""
    concern = _lock(concern)
    if concern.kind != ConcernKind.COMPLAINT or concern.status in (S.RESPONDED, S.CLOSED):
        raise MoveRefused()
    if respond_by < timezone.localdate():
        raise ValidationError({"respond_by": _("The answer date must be today or later")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the answer needs more time")})
    ConcernEvent.objects.create(
        concern=concern,
        by=viewer.user,
        note=_("Answer date agreed: %(date)s. %(reason)s")
        % {"date": respond_by.isoformat(), "reason": reason.strip()},
    )
    concern.respond_by = respond_by
    concern.respond_by_agreed = True
    concern.delay_reason = reason.strip()
    concern.save(update_fields=["respond_by", "respond_by_agreed", "delay_reason"])
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=concern,
        summary=f"Agreed a new answer date for complaint {concern.pk}",
    )
    return concern


@transaction.atomic
def concern_respond(
    *,
    viewer: Viewer,
    concern: Concern,
    response: str,
    response_easy_read: str,
    upheld: str,
    themes: Sequence[str] | None = None,
) -> Concern:
    """Send the written answer, in plain words and in easy read, and tell the
    complainant. By now the complaint has at least one theme: those chosen here, or
    those chosen when it was acknowledged."""
    concern = _lock(concern)
    chosen = _checked_themes(themes)
    problems: dict[str, str] = {}
    if not response.strip():
        problems["response"] = _(
            "Write the answer: how it was looked at, what was found and what will be done"
        )
    if not response_easy_read.strip():
        problems["response_easy_read"] = _("Write the answer in easy read too")
    if upheld not in Upheld.values:
        problems["upheld"] = _("Say whether the complaint was upheld")
    if not (chosen if chosen is not None else concern.themes):
        problems["themes"] = _("Choose at least one theme")
    if problems:
        raise ValidationError(problems)
    _move(viewer, concern, S.RESPONDED)
    _set_themes(viewer, concern, chosen)
    concern.response = response.strip()
    concern.response_easy_read = response_easy_read.strip()
    concern.upheld = upheld
    concern.responded_at = timezone.now()
    concern.save()
    if concern.raised_by is not None:
        notifications_send(
            organisation=concern.organisation,
            recipients=[concern.raised_by],
            kind=CONCERN_RESPONDED.code,
            target=_target(concern),
            key=f"concern_responded:{concern.pk}:{concern.events.count()}",
            params={"service": _place(concern)},
            actor=viewer.user,
        )
    return concern


@transaction.atomic
def concern_close(*, viewer: Viewer, concern: Concern, note: str = "") -> Concern:
    concern = _lock(concern)
    _move(viewer, concern, S.CLOSED, note)
    concern.closed_at = timezone.now()
    concern.save()
    return concern


def reminders_send(today: dt.date | None = None) -> int:
    """Remind the handler and the service's managers the working day before a complaint
    is due to be acknowledged or answered, and again once it is late; each reminder once
    per due date (the notification key says which). Return how many complaints were
    reminded about."""
    from coproduce.feedback.notifications import CONCERN_DUE, CONCERN_OVERDUE
    from coproduce.feedback.queries import complaints_due, reminder_recipients

    today = today or timezone.localdate()
    reminded = 0
    for concern in complaints_due(today):
        acknowledging = concern.status == S.RECEIVED
        due_on = concern.acknowledge_by if acknowledging else concern.respond_by
        if due_on is None:
            continue
        late = today > due_on
        if not late and today < lifecycle.remind_on(due_on):
            continue
        kind = CONCERN_OVERDUE if late else CONCERN_DUE
        with transaction.atomic():
            made = notifications_send(
                organisation=concern.organisation,
                recipients=reminder_recipients(concern),
                kind=kind.code,
                target=_target(concern),
                key=f"{kind.code}:{concern.pk}:{'ack' if acknowledging else 'answer'}:{due_on}",
                params={"service": _place(concern), "due_on": due_on.isoformat()},
            )
        reminded += bool(made)
    return reminded


def cqc_summary_export_record(*, viewer: Viewer, start: dt.date, end: dt.date, kind: str) -> None:
    """Keep in the audit log that the summary of complaints left the platform."""
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.EXPORT,
        object_type="feedback.cqc_summary",
        summary=f"Downloaded the summary of complaints from {start} to {end} ({kind})",
    )
