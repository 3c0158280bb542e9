"""Every write for ideas: put one forward, say "me too", answer it.

Putting an idea forward carries the form's idempotency key, so pressing "Send" twice makes
one idea. "Me too" is once each (a unique row), and the idea's count is added to in the
database (``F()``) in the same transaction. An answer tells whoever put the idea forward,
and the person it is from when they sign in, in their own language and page mode.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.notifications.actions import notifications_send
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.people.images import CheckedImage, store_image
from coproduce.people.queries import own_person
from coproduce.people.voice import voice_check
from coproduce.voice.ideas.rules import poster_role
from coproduce.voice.models import Idea, IdeaStatus, MeToo, Respondent
from coproduce.voice.notifications import IDEA_ANSWERED

if TYPE_CHECKING:
    from coproduce.accounts.models import Service, User
    from coproduce.people.models import Person

PICTURE_FOLDER = "ideas"
ANSWERED_STATUSES = frozenset({IdeaStatus.THINKING, IdeaStatus.YES, IdeaStatus.NOT_POSSIBLE})
# Where an idea stands, in the audit log's words.
AUDIT_STATUS = {
    IdeaStatus.THINKING: "thinking about it",
    IdeaStatus.YES: "yes, we will",
    IdeaStatus.NOT_POSSIBLE: "not possible",
}
# How a worker may say a person gave the idea they put forward for them.
FOR_PERSON_HOW = frozenset(
    {VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.OBSERVED, VoiceHow.ON_BEHALF}
)
# How a person may say they gave their own idea.
OWN_HOW = frozenset({VoiceHow.TYPED, VoiceHow.SUPPORTED})


def idea_picture_store(picture: CheckedImage) -> str:
    """Keep a checked picture for an idea still being written (easy read asks for the
    picture before the idea is sent); return its stored name."""
    return store_image(picture, PICTURE_FOLDER)


def _existing(viewer: Viewer, key: uuid.UUID | None) -> Idea | None:
    if key is None:
        return None
    return Idea.objects.filter(organisation=viewer.organisation, idempotency_key=key).first()


def _problems(*, title: str, has_picture: bool, picture_description: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not title:
        problems["title"] = _("Write your idea in a few words")
    if has_picture and not picture_description:
        problems["picture_description"] = _("Say what the picture shows")
    return problems


@transaction.atomic
def idea_post(
    *,
    viewer: Viewer,
    title: str,
    text: str = "",
    service: Service | None = None,
    picture: CheckedImage | None = None,
    picture_name: str = "",
    picture_description: str = "",
    for_person: Person | None = None,
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Idea:
    """Put an idea forward: the viewer's own, or (a worker's) one for ``for_person``.

    A person's own idea is "in my own words" (typed) or "someone helped me" (supported,
    naming who). A worker's idea for a person says how the person gave it; when the
    worker helped or spoke for them, the worker is the helper. ``picture_name`` is a
    picture already kept by ``idea_picture_store``.
    """
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError(_("An idea belongs to an organisation"))
    existing = _existing(viewer, idempotency_key)
    if existing is not None:
        return existing
    title = title.strip()
    text = text.strip()
    picture_description = picture_description.strip()
    person: Person | None = None
    if for_person is not None:
        if for_person.organisation_id != organisation.pk:
            raise ValidationError({"for_person": _("Choose someone from the list")})
        person = for_person
        role: str = Respondent.PERSON
        if voice_how not in FOR_PERSON_HOW:
            raise ValidationError({"voice_how": _("Say how they gave their idea")})
        voice_helper = (
            viewer.user if voice_how in (VoiceHow.SUPPORTED, VoiceHow.ON_BEHALF) else None
        )
    else:
        role = poster_role(viewer)
        if role == Respondent.PERSON:
            person = own_person(viewer)
            voice_how = voice_how or VoiceHow.TYPED
            if voice_how not in OWN_HOW:
                raise ValidationError({"voice_how": _("Say who wrote the idea")})
            if voice_how == VoiceHow.TYPED:
                voice_helper = None
        else:
            voice_how, voice_helper = VoiceHow.TYPED, None
    problems = _problems(
        title=title,
        has_picture=picture is not None or bool(picture_name),
        picture_description=picture_description,
    )
    if problems:
        raise ValidationError(problems)
    if person is not None:
        voice_check(person=person, voice_how=voice_how, voice_helper=voice_helper, view_given=True)
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("Choose a place from the list")})
    now = timezone.now()
    idea = Idea(
        organisation=organisation,
        service=service,
        author=viewer.user,
        person=person,
        role=role,
        title=title[:120],
        text=text,
        picture_description=picture_description[:200] if (picture or picture_name) else "",
        voice_how=voice_how,
        voice_helper=voice_helper,
        voice_recorded_by=viewer.user,
        voice_recorded_at=now,
        created_at=now,
        idempotency_key=idempotency_key,
    )
    if picture is not None:
        idea.picture.name = store_image(picture, PICTURE_FOLDER)
    elif picture_name:
        idea.picture.name = picture_name
    try:
        with transaction.atomic():
            idea.save()
    except IntegrityError:
        # The same form sent twice at once: the first one made the idea.
        again = _existing(viewer, idempotency_key)
        if again is None:
            raise
        return again
    audit_record(
        actor=viewer.user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=idea,
        summary=(
            f"Put forward the idea “{idea.title}”"
            if person is None or person.user_id == viewer.user.pk
            else f"Put forward {person.preferred_name}'s idea “{idea.title}”"
        ),
    )
    return idea


@transaction.atomic
def idea_me_too(*, viewer: Viewer, idea: Idea) -> bool:
    """Say "me too" to an idea. Return False when the viewer had said it already (once
    each) or it is their own idea."""
    if idea.author_id == viewer.user.pk or (
        idea.person_id is not None and idea.person_id == viewer.person_id
    ):
        return False
    try:
        with transaction.atomic():
            MeToo.objects.create(idea=idea, user=viewer.user)
    except IntegrityError:
        return False
    Idea.objects.filter(pk=idea.pk).update(me_too_count=F("me_too_count") + 1)
    idea.refresh_from_db(fields=["me_too_count"])
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.CREATE,
        obj=idea,
        summary=f"Said “me too” to the idea “{idea.title}”",
    )
    return True


@transaction.atomic
def idea_answer(*, viewer: Viewer, idea: Idea, status: str, answer: str) -> Idea:
    """Answer an idea with where it stands and words; "not possible" says why. Whoever
    put it forward (and the person it is from) is told. Callers check the viewer may
    answer (``rules.may_answer``)."""
    answer = answer.strip()
    problems: dict[str, str] = {}
    if status not in ANSWERED_STATUSES:
        problems["status"] = _("Choose an answer")
    elif status == IdeaStatus.NOT_POSSIBLE and not answer:
        problems["answer"] = _("Say why it is not possible")
    if problems:
        raise ValidationError(problems)
    # The row alone is locked (a join would not lock on PostgreSQL's nullable side).
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    if current.status == status and current.answer == answer:
        return current
    now = timezone.now()
    current.status = status
    current.answer = answer
    current.answered_by = viewer.user
    current.answered_at = now
    current.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=current,
        summary=f"Answered the idea “{current.title}”: {AUDIT_STATUS[IdeaStatus(status)]}",
    )
    recipients = [
        user
        for user in (current.author, current.person.user if current.person else None)
        if user is not None
    ]
    notifications_send(
        organisation=current.organisation,
        recipients=recipients,
        kind=IDEA_ANSWERED.code,
        target=reverse("voice:idea", kwargs={"idea_id": current.pk}),
        key=f"idea:{current.pk}:answered:{now.isoformat()}",
        params={"answerer": viewer.user.get_short_name(), "title": current.title},
        actor=viewer.user,
    )
    return current
