"""Every write to a person's supporters and what each of them may see.

Each change is the person's decision about their own information, so each goes into the
decisions ledger (with the person's view and how they gave it) and into the audit log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.actions import supporter_membership_ensure
from coproduce.accounts.models import User
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.core.tenancy import Viewer
from coproduce.decisions.actions import consent_decision_record
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import is_the_person
from coproduce.people.supporters.rules import may_change_link
from coproduce.people.supporters.tasks import send_supporter_invitation

SCOPE_ORDER: list[str] = [str(scope) for scope in Supporter.Scope.values]


def ordered_scopes(scopes: Iterable[str]) -> list[str]:
    """Return the known scopes among ``scopes``, once each, in the usual order."""
    chosen = set(scopes)
    return [scope for scope in SCOPE_ORDER if scope in chosen]


def scope_labels(scopes: Iterable[str]) -> str:
    labels = [str(Supporter.Scope(scope).label) for scope in ordered_scopes(scopes)]
    return ", ".join(labels) if labels else _("nothing")


def _voice(viewer: Viewer, person: Person, person_view: str, voice_how: str) -> str:
    """The person typing for themself gives their view in their own words."""
    if not person_view.strip():
        return ""
    if is_the_person(viewer, person):
        return VoiceHow.TYPED
    return voice_how


def _record(
    *,
    viewer: Viewer,
    person: Person,
    link: Supporter,
    what: str,
    person_view: str,
    voice_how: str,
    voice_helper: User | None,
    idempotency_key: uuid.UUID | None,
) -> None:
    how = _voice(viewer, person, person_view, voice_how)
    consent_decision_record(
        viewer=viewer,
        person=person,
        what=what,
        person_view=person_view,
        voice_how=how,
        voice_helper=voice_helper if how in (VoiceHow.SUPPORTED, VoiceHow.ON_BEHALF) else None,
        subject=link,
        idempotency_key=idempotency_key,
    )


def _check_may_change(viewer: Viewer, person: Person, link: Supporter | None = None) -> None:
    if viewer.organisation is None or person.organisation_id != viewer.organisation.pk:
        raise ValidationError(_("This person is not in your organisation."))
    if link is not None and not may_change_link(viewer, link):
        raise ValidationError(_("Supporters cannot change what is shared with them."))


@transaction.atomic
def supporter_scopes_update(
    *,
    viewer: Viewer,
    person: Person,
    link: Supporter,
    scopes: Iterable[str],
    person_view: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Supporter:
    """Change what one supporter may see. Choosing what they already see changes nothing."""
    _check_may_change(viewer, person, link)
    locked = Supporter.objects.select_for_update().get(pk=link.pk, person=person)
    if locked.ended_at is not None:
        raise ValidationError(_("%(name)s is no longer a supporter.") % {"name": locked.user.name})
    new = ordered_scopes(scopes)
    before = ordered_scopes(locked.scopes)
    if new == before:
        return locked
    locked.scopes = new
    locked.save(update_fields=["scopes"])
    supporter_name = locked.user.name
    _record(
        viewer=viewer,
        person=person,
        link=locked,
        what=_("%(person)s chose what %(supporter)s can see: %(now)s (before: %(before)s).")
        % {
            "person": person.preferred_name,
            "supporter": supporter_name,
            "now": scope_labels(new),
            "before": scope_labels(before),
        },
        person_view=person_view,
        voice_how=voice_how,
        voice_helper=voice_helper,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=(
            f"Changed what {supporter_name} can see about {person.preferred_name}: "
            f"{', '.join(new) or 'nothing'} (was {', '.join(before) or 'nothing'})"
        ),
    )
    return locked


@transaction.atomic
def supporter_add(
    *,
    viewer: Viewer,
    person: Person,
    name: str,
    email: str,
    relationship: str,
    scopes: Iterable[str],
    person_view: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Supporter:
    """Ask someone, by name and email, to be the person's supporter, sharing ``scopes``.

    The link waits for their answer and shows them nothing until they say yes
    (``supporter_invitation_answer``); an email tells them how. Asking someone who already
    supports the person, or was already asked, returns the link that exists.
    """
    _check_may_change(viewer, person)
    email = email.strip()
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Write the supporter's name")})
    if person.user is not None and person.user.email.lower() == email.lower():
        raise ValidationError({"email": _("Write the supporter's email, not the person's own")})
    if relationship not in Supporter.Relationship.values:
        raise ValidationError({"relationship": _("Choose how they know the person.")})
    # Lock the person so two twin requests cannot both ask the same supporter.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    user = supporter_membership_ensure(
        actor=viewer.user, organisation=person.organisation, email=email, name=name
    )
    if user.pk == viewer.user.pk and not is_the_person(viewer, person):
        raise ValidationError(_("Supporters cannot add themselves."))
    existing = Supporter.objects.filter(person=person, user=user, ended_at__isnull=True).first()
    if existing is not None:
        return existing
    chosen = ordered_scopes(scopes)
    try:
        with transaction.atomic():
            link = Supporter.objects.create(
                person=person,
                user=user,
                relationship=relationship,
                scopes=chosen,
                started_at=timezone.now(),
                accepted_at=None,
            )
    except IntegrityError:
        return Supporter.objects.get(person=person, user=user, ended_at__isnull=True)
    _record(
        viewer=viewer,
        person=person,
        link=link,
        what=_("%(person)s asked %(supporter)s to be a supporter who can see: %(now)s.")
        % {"person": person.preferred_name, "supporter": user.name, "now": scope_labels(chosen)},
        person_view=person_view,
        voice_how=voice_how,
        voice_helper=voice_helper,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.CREATE,
        obj=link,
        summary=(
            f"Asked {user.name} to be a supporter of {person.preferred_name}, "
            f"seeing {', '.join(chosen) or 'nothing'} once they say yes"
        ),
    )
    transaction.on_commit(partial(send_supporter_invitation.enqueue, link_id=link.pk))
    return link


@transaction.atomic
def supporter_invitation_answer(*, viewer: Viewer, link: Supporter, accept: bool) -> Supporter:
    """The invited supporter says yes (from now on they see what the person shares) or no
    (the link ends). An invitation already answered stays as it is."""
    locked = Supporter.objects.select_for_update().get(pk=link.pk)
    if locked.user_id != viewer.user.pk:
        raise ValidationError(_("Only the person invited can answer."))
    if not locked.is_waiting:
        return locked
    now = timezone.now()
    if accept:
        locked.accepted_at = now
        locked.save(update_fields=["accepted_at"])
    else:
        locked.ended_at = now
        locked.save(update_fields=["ended_at"])
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=(
            f"{'Said yes' if accept else 'Said no'} to being a supporter of "
            f"{locked.person.preferred_name}"
        ),
    )
    return locked


@transaction.atomic
def supporter_withdraw(
    *,
    viewer: Viewer,
    person: Person,
    link: Supporter,
    person_view: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Supporter:
    """End a supporter's link: from now on they see nothing of the person's. A link
    already ended stays as it is."""
    _check_may_change(viewer, person, link)
    locked = Supporter.objects.select_for_update().get(pk=link.pk, person=person)
    if locked.ended_at is not None:
        return locked
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    supporter_name = locked.user.name
    _record(
        viewer=viewer,
        person=person,
        link=locked,
        what=_("%(person)s chose to stop %(supporter)s being a supporter. They now see nothing.")
        % {"person": person.preferred_name, "supporter": supporter_name},
        person_view=person_view,
        voice_how=voice_how,
        voice_helper=voice_helper,
        idempotency_key=idempotency_key,
    )
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        summary=f"Ended {supporter_name}'s link as a supporter of {person.preferred_name}",
    )
    return locked
