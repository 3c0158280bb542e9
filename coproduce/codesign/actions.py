"""Every write for documents: start one, save a new version of its words, move its status,
publish it (telling the people it applies to), and remind owners of reviews.

Each write runs in one transaction with its audit entry; a move is checked against
``lifecycle.TRANSITIONS`` under the document's row lock and kept as a ``DocumentEvent``.
Forms carry an idempotency key, so a form sent twice makes one document or one version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.models import Service
from coproduce.accounts.notifications.actions import notifications_send
from coproduce.codesign import lifecycle
from coproduce.codesign.models import (
    Document,
    DocumentEvent,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    Paragraph,
    SignOff,
    SuggestedBy,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    Topic,
)
from coproduce.codesign.notifications import (
    DOCUMENT_CHANGE_ASKED,
    DOCUMENT_CHANGED,
    DOCUMENT_PUBLISHED,
    DOCUMENT_REVIEW_DUE,
    DOCUMENT_SIGNED_OFF,
    SUGGESTION_ANSWERED,
    SUGGESTION_MADE,
)
from coproduce.codesign.queries import reviews_due, users_told_of
from coproduce.codesign.rules import may_sign_off_easy_read
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.symbols import SYMBOLS
from coproduce.core.tenancy import Viewer
from coproduce.core.voice import HELPER_NEEDED
from coproduce.people.models import Person

S = DocumentStatus
STAFF_ROLES = ("support_worker", "service_manager", "quality_lead", "senior_leader", "org_admin")


class MoveRefused(Exception):
    """The document cannot make that move from where it is."""


@dataclass(frozen=True)
class Words:
    """One paragraph as written: the standard words, the easy-read words, the picture."""

    text: str
    easy_text: str = ""
    symbol: str = ""


def _target(document: Document) -> str:
    return reverse("codesign:document", kwargs={"document_id": document.pk})


def _clean_paragraphs(paragraphs: Iterable[Words]) -> list[Words]:
    kept = []
    for words in paragraphs:
        text, easy = words.text.strip(), words.easy_text.strip()
        if not text and not easy:
            continue
        symbol = words.symbol if words.symbol in SYMBOLS else ""
        kept.append(Words(text=text, easy_text=easy, symbol=symbol))
    return kept


def _check_words(title: str, paragraphs: list[Words]) -> None:
    problems: dict[str, str] = {}
    if not title.strip():
        problems["title"] = _("Give the document a title")
    if not paragraphs:
        problems["paragraphs"] = _("Write at least one paragraph")
    elif any(not words.text for words in paragraphs):
        problems["paragraphs"] = _(
            "Each easy-read paragraph needs the standard words beside it. Write them, or "
            "leave both empty."
        )
    if problems:
        raise ValidationError(problems)


def _write_version(
    *,
    viewer: Viewer,
    document: Document,
    title: str,
    title_easy_read: str,
    paragraphs: Sequence[Words],
    what_changed: str,
    what_changed_easy_read: str,
    idempotency_key: uuid.UUID | None,
) -> DocumentVersion:
    number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        title=title.strip()[:200],
        title_easy_read=title_easy_read.strip()[:200],
        what_changed=what_changed.strip(),
        what_changed_easy_read=what_changed_easy_read.strip(),
        created_by=viewer.user,
        idempotency_key=idempotency_key,
    )
    Paragraph.objects.bulk_create(
        Paragraph(
            version=version,
            position=position,
            text=words.text,
            easy_text=words.easy_text,
            symbol=words.symbol,
        )
        for position, words in enumerate(paragraphs, start=1)
    )
    document.current_version = version
    document.save(update_fields=["current_version"])
    return version


def document_create(
    *,
    viewer: Viewer,
    kind: str,
    title: str,
    paragraphs: Iterable[Words],
    topic: str = Topic.OTHER,
    title_easy_read: str = "",
    services: Iterable[Service] = (),
    whole_organisation: bool = False,
    idempotency_key: uuid.UUID | None = None,
) -> Document:
    """Start a document as a draft, owned by the viewer, with its first version."""
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError(_("A document belongs to an organisation"))
    if idempotency_key is not None:
        existing = Document.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    kept = _clean_paragraphs(paragraphs)
    services = list(services)
    _check_words(title, kept)
    problems: dict[str, str] = {}
    if kind not in DocumentKind.values:
        problems["kind"] = _("Choose what kind of document it is")
    if topic not in Topic.values:
        problems["topic"] = _("Choose a topic")
    if not whole_organisation and not services:
        problems["services"] = _("Choose the services it is for, or the whole organisation")
    if any(service.organisation_id != organisation.pk for service in services):
        problems["services"] = _("Choose from the list")
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                organisation=organisation,
                kind=kind,
                topic=topic,
                owner=viewer.user,
                whole_organisation=whole_organisation,
                idempotency_key=idempotency_key,
            )
            if not whole_organisation:
                document.services.set(services)
            _write_version(
                viewer=viewer,
                document=document,
                title=title,
                title_easy_read=title_easy_read,
                paragraphs=kept,
                what_changed="",
                what_changed_easy_read="",
                idempotency_key=None,
            )
            DocumentEvent.objects.create(document=document, by=viewer.user, to_status=S.DRAFT)
            audit_record(
                actor=viewer.user,
                organisation=organisation,
                action=AuditEntry.Action.CREATE,
                obj=document,
                summary=f"Started a {document.get_kind_display().lower()}",
            )
    except IntegrityError:
        existing = Document.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing
    return document


def version_save(
    *,
    viewer: Viewer,
    document: Document,
    title: str,
    paragraphs: Iterable[Words],
    title_easy_read: str = "",
    what_changed: str = "",
    what_changed_easy_read: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> DocumentVersion:
    """Keep the words as a new version (every version is kept). A published document goes
    back to draft for its new version; readers keep the published one until the new one is
    published. The second and later versions say what changed."""
    kept = _clean_paragraphs(paragraphs)
    _check_words(title, kept)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if idempotency_key is not None:
            existing = locked.versions.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        if locked.versions.exists() and not what_changed.strip():
            raise ValidationError({"what_changed": _("Say what changed in this version")})
        if not lifecycle.may_edit_words(locked.status):
            if not lifecycle.may_move(locked.status, S.DRAFT):
                raise MoveRefused(locked.status)
            _move(viewer=viewer, document=locked, to_status=S.DRAFT, note=_("A new version"))
        version = _write_version(
            viewer=viewer,
            document=locked,
            title=title,
            title_easy_read=title_easy_read,
            paragraphs=kept,
            what_changed=what_changed,
            what_changed_easy_read=what_changed_easy_read,
            idempotency_key=idempotency_key,
        )
        audit_record(
            actor=viewer.user,
            organisation=locked.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary=f"Saved version {version.number}",
        )
    document.refresh_from_db()
    return version


def _move(*, viewer: Viewer | None, document: Document, to_status: str, note: str = "") -> None:
    from_status = document.status
    document.status = to_status
    document.save(update_fields=["status"])
    DocumentEvent.objects.create(
        document=document,
        by=viewer.user if viewer else None,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def document_move(
    *,
    viewer: Viewer,
    document: Document,
    to_status: str,
    note: str = "",
    today: dt.date | None = None,
) -> Document:
    """Move a document one step of its life. Signing off is not a plain move (see
    ``document_sign_off``); publishing needs it signed off and tells the people it applies
    to."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not lifecycle.may_move(locked.status, to_status) or lifecycle.is_sign_off(
            locked.status, to_status
        ):
            raise MoveRefused(f"{locked.status} to {to_status}")
        if to_status == S.PUBLISHED:
            _publish(viewer=viewer, document=locked, note=note, today=today)
        else:
            _move(viewer=viewer, document=locked, to_status=to_status, note=note.strip())
        audit_record(
            actor=viewer.user,
            organisation=locked.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary=f"Moved to {to_status}",
        )
    document.refresh_from_db()
    return document


def _publish(*, viewer: Viewer, document: Document, note: str, today: dt.date | None) -> None:
    if not lifecycle.may_publish(document.status):
        raise MoveRefused(document.status)
    today = today or timezone.localdate()
    version = document.current_version
    if version is None:
        raise MoveRefused("no version")
    earlier = document.published_version
    _move(viewer=viewer, document=document, to_status=S.PUBLISHED, note=note.strip())
    if version.published_at is None:
        version.published_at = timezone.now()
        version.save(update_fields=["published_at"])
    document.published_version = version
    document.review_on = lifecycle.review_on_after(today)
    document.save(update_fields=["published_version", "review_on"])
    if earlier is not None and earlier.pk == version.pk:
        return  # confirmed at review: the words did not change, nobody is told again
    kind = DOCUMENT_CHANGED if earlier is not None else DOCUMENT_PUBLISHED
    notifications_send(
        organisation=document.organisation,
        recipients=users_told_of(document),
        kind=kind.code,
        target=_target(document),
        key=f"document_published:{document.pk}:{version.number}",
        params={
            "title": version.title,
            "what_changed": version.what_changed or version.title,
        },
        actor=viewer.user,
    )


class NotAllowed(Exception):
    """The viewer may not do this (the view has checked already; this guards the action)."""


MAX_SIGN_OFF_MINUTES = 8 * 60


def document_sign_off(
    *,
    viewer: Viewer,
    document: Document,
    understood: bool,
    minutes: int,
    change_this: str = "",
    idempotency_key: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> SignOff:
    """A person in the paid policy editor role read the easy-read version being written:
    "I understood it" signs it off, so it can be published; "change this" keeps it in easy
    read and tells its owner what to change. Either way the time it took is recorded for
    payment (``involvement.actions.time_record``, for a manager to approve), against the
    document's activity."""
    from coproduce.involvement.actions import activity_for, time_record
    from coproduce.involvement.models import ActivityKind
    from coproduce.involvement.queries import profile_for

    today = today or timezone.localdate()
    if not may_sign_off_easy_read(viewer, today=today):
        raise NotAllowed()
    change_this = change_this.strip()
    problems: dict[str, str] = {}
    if not understood and not change_this:
        problems["change_this"] = _("Say what to change")
    if minutes <= 0 or minutes > MAX_SIGN_OFF_MINUTES:
        problems["minutes"] = _("Say how long it took, up to 8 hours")
    if problems:
        raise ValidationError(problems)
    person = Person.objects.get(pk=viewer.person_id or 0, organisation=document.organisation_id)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if idempotency_key is not None:
            existing = locked.sign_offs.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        if locked.status != S.EASY_READ or locked.current_version is None:
            raise MoveRefused(locked.status)
        version = locked.current_version
        activity = activity_for(
            organisation=locked.organisation,
            kind=ActivityKind.DOCUMENT,
            object_id=locked.pk,
            description=version.title,
            happened_on=today,
            service=locked.services.order_by("name", "pk").first(),
            created_by=viewer.user,
        )
        record = time_record(
            viewer=viewer,
            person=person,
            activity_kind=ActivityKind.DOCUMENT,
            description=version.title,
            happened_on=today,
            minutes=minutes,
            payment_choice=profile_for(person).payment_choice,
            note=_("Read the easy-read version %(number)s") % {"number": version.number},
            activity=activity,
        )
        sign_off = SignOff.objects.create(
            document=locked,
            version=version,
            person=person,
            by=viewer.user,
            understood=understood,
            change_this="" if understood else change_this,
            minutes=minutes,
            time_record=record,
            idempotency_key=idempotency_key,
        )
        if understood:
            _move(
                viewer=viewer,
                document=locked,
                to_status=S.SIGNED_OFF,
                note=_("%(name)s understood it") % {"name": person.preferred_name},
            )
        audit_record(
            actor=viewer.user,
            organisation=locked.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary="Signed off the easy read" if understood else "Asked for a change",
        )
        if locked.owner is not None:
            kind = DOCUMENT_SIGNED_OFF if understood else DOCUMENT_CHANGE_ASKED
            notifications_send(
                organisation=locked.organisation,
                recipients=[locked.owner],
                kind=kind.code,
                target=reverse("codesign:edit", kwargs={"document_id": locked.pk}),
                key=f"document_sign_off:{sign_off.pk}",
                params={
                    "name": person.preferred_name,
                    "title": version.title,
                    "what": change_this[:300],
                },
                actor=viewer.user,
            )
    document.refresh_from_db()
    return sign_off


def suggestion_make(
    *,
    viewer: Viewer,
    document: Document,
    position: int,
    kind: str,
    text: str,
    easy_read: bool = False,
    person: Person | None = None,
    voice_how: str = VoiceHow.TYPED,
    idempotency_key: uuid.UUID | None = None,
) -> Suggestion:
    """A comment on one paragraph of the version being written, or other words for it, from
    a person supported, a supporter or a member of staff. ``person``: the person supported
    whose words these are when someone else writes them down, with how they gave them.
    The document's owner is told."""
    text = text.strip()
    problems: dict[str, str] = {}
    if kind not in SuggestionKind.values:
        problems["kind"] = _("Choose a comment or different words")
    if not text:
        problems["text"] = _("Write your comment or your words")
    if person is not None and person.organisation_id != document.organisation_id:
        problems["person"] = _("Choose from the list")
    if person is not None and voice_how not in VoiceHow.values:
        problems["voice_how"] = _("Say how they told you")
    if problems:
        raise ValidationError(problems)
    if viewer.has_role("person") and viewer.person_id is not None and person is None:
        suggested_by = SuggestedBy.PERSON
    elif viewer.has_role("supporter") and not viewer.has_role(*STAFF_ROLES):
        suggested_by = SuggestedBy.SUPPORTER
    else:
        suggested_by = SuggestedBy.STAFF
    own = person is None
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if idempotency_key is not None:
            existing = locked.suggestions.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        if (
            locked.status not in (S.OPEN_FOR_COMMENTS, S.EASY_READ)
            or locked.current_version is None
        ):
            raise MoveRefused(locked.status)
        version = locked.current_version
        if not version.paragraphs.filter(position=position).exists():
            raise ValidationError({"position": _("Choose a paragraph")})
        how = VoiceHow.TYPED if own else voice_how
        suggestion = Suggestion.objects.create(
            document=locked,
            version=version,
            position=position,
            easy_read=easy_read,
            kind=kind,
            text=text,
            suggested_by=suggested_by,
            by=viewer.user,
            person=person,
            voice_how=how,
            voice_helper=viewer.user if not own and how in HELPER_NEEDED else None,
            voice_recorded_by=viewer.user,
            idempotency_key=idempotency_key,
        )
        audit_record(
            actor=viewer.user,
            organisation=locked.organisation,
            action=AuditEntry.Action.CREATE,
            obj=suggestion,
            summary=f"Suggested {kind} on paragraph {position} of document {locked.pk}",
        )
        if locked.owner is not None:
            notifications_send(
                organisation=locked.organisation,
                recipients=[locked.owner],
                kind=SUGGESTION_MADE.code,
                target=reverse("codesign:edit", kwargs={"document_id": locked.pk}),
                key=f"suggestion_made:{suggestion.pk}",
                params={"title": version.title, "position": str(position)},
                actor=viewer.user,
            )
    return suggestion


def suggestion_answer(
    *, viewer: Viewer, suggestion: Suggestion, accept: bool, reason: str
) -> Suggestion:
    """The editor accepts or declines a suggestion, with a reason, and the person who made
    it is told. Accepting other words for a paragraph writes them into a new version."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why")})
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.status != SuggestionStatus.OPEN:
            raise MoveRefused(locked.status)
        document = Document.objects.select_for_update().get(pk=locked.document_id)
        locked.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED
        locked.reason = reason
        locked.answered_by = viewer.user
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "reason", "answered_by", "answered_at"])
        version = document.current_version
        if accept and locked.kind == SuggestionKind.WORDING and version is not None:
            paragraphs = [
                Words(text=p.text, easy_text=p.easy_text, symbol=p.symbol)
                for p in version.paragraphs.all()
            ]
            index = locked.position - 1
            if 0 <= index < len(paragraphs) and lifecycle.may_edit_words(document.status):
                old = paragraphs[index]
                paragraphs[index] = Words(
                    text=old.text if locked.easy_read else locked.text,
                    easy_text=locked.text if locked.easy_read else old.easy_text,
                    symbol=old.symbol,
                )
                _write_version(
                    viewer=viewer,
                    document=document,
                    title=version.title,
                    title_easy_read=version.title_easy_read,
                    paragraphs=paragraphs,
                    what_changed=_("New words for paragraph %(number)s, as suggested")
                    % {"number": locked.position},
                    what_changed_easy_read="",
                    idempotency_key=None,
                )
        audit_record(
            actor=viewer.user,
            organisation=document.organisation,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary="Accepted a suggestion" if accept else "Declined a suggestion",
        )
        told = [user for user in (locked.by, locked.person.user if locked.person else None) if user]
        notifications_send(
            organisation=document.organisation,
            recipients=told,
            kind=SUGGESTION_ANSWERED.code,
            target=reverse("codesign:comment", kwargs={"document_id": document.pk}),
            key=f"suggestion_answered:{locked.pk}",
            params={
                "title": version.title if version else "",
                "answer": str(locked.get_status_display()),
                "reason": reason[:300],
            },
            actor=viewer.user,
        )
    return locked


def reviews_remind(today: dt.date | None = None) -> int:
    """Move each published document whose review date has come to "due for review" and
    tell its owner, once for each review date. Return how many."""
    today = today or timezone.localdate()
    count = 0
    for document in reviews_due(today):
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            if locked.reminded_for == locked.review_on or locked.status not in (
                S.PUBLISHED,
                S.DUE_FOR_REVIEW,
            ):
                continue
            if locked.status == S.PUBLISHED:
                _move(viewer=None, document=locked, to_status=S.DUE_FOR_REVIEW)
            locked.reminded_for = locked.review_on
            locked.save(update_fields=["reminded_for"])
            if locked.owner is not None:
                notifications_send(
                    organisation=locked.organisation,
                    recipients=[locked.owner],
                    kind=DOCUMENT_REVIEW_DUE.code,
                    target=reverse("codesign:edit", kwargs={"document_id": locked.pk}),
                    key=f"document_review:{locked.pk}:{locked.review_on}",
                    params={
                        "title": document.published_version.title
                        if document.published_version
                        else "",
                        "review_on": str(locked.review_on),
                    },
                )
            count += 1
    return count
