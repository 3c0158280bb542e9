"""Writes to the decisions ledger. Other apps call ``decision_record`` to add their decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.core.tenancy import Viewer
from coproduce.decisions.business_rules import (
    OWN_ACCOUNT_RUNGS,
    ProposedDecision,
    consent_rung,
    decision_problems,
    own_account_rung,
)
from coproduce.decisions.models import Decision, Rung
from coproduce.people.rules import is_the_person
from coproduce.people.voice import voice_helper_note, voice_resolve

if TYPE_CHECKING:
    from coproduce.accounts.models import Service, User
    from coproduce.people.models import Person


@transaction.atomic
def decision_record(
    *,
    viewer: Viewer,
    person: Person | None = None,
    service: Service | None = None,
    what: str,
    person_took_part: bool,
    participants: Sequence[User] = (),
    other_participants: str = "",
    person_view: str = "",
    voice_how: str = "",
    voice_helper: User | None = None,
    rung: str,
    decided_on: dt.date,
    subject: models.Model | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Decision:
    """Put a decision about a person or a service into the ledger and audit it.

    The caller has already checked that the viewer may record it (see
    ``coproduce.decisions.rules``). Raise ``ValidationError`` ({field: message}) when a
    rule in ``business_rules`` is broken. With an ``idempotency_key`` already used in the
    organisation, return that decision instead of recording a second one.
    """
    organisation = viewer.organisation
    if organisation is None:
        raise ValidationError("A decision is recorded within an organisation.")
    if idempotency_key is not None:
        existing = _decision_with_key(organisation.pk, idempotency_key)
        if existing is not None:
            return existing
    proposed = ProposedDecision(
        organisation=organisation,
        person=person,
        service=service,
        what=what,
        person_took_part=person_took_part,
        participants=list(participants),
        person_view=person_view,
        voice_how=voice_how,
        voice_helper=voice_helper,
        rung=rung,
        decided_on=decided_on,
    )
    problems = decision_problems(proposed)
    if problems:
        raise ValidationError(problems)

    view_given = proposed.view_given
    now = timezone.now()
    decision = Decision(
        organisation=organisation,
        person=person,
        service=service,
        what=what.strip(),
        other_participants=other_participants.strip(),
        person_took_part=person_took_part,
        person_view=person_view.strip(),
        voice_how=voice_how if view_given else "",
        voice_helper=voice_helper if view_given else None,
        voice_helper_note=voice_helper_note(helper=voice_helper, person=person)
        if view_given and voice_helper is not None
        else "",
        voice_recorded_by=viewer.user if view_given else None,
        voice_recorded_at=now,
        rung=rung,
        decided_on=decided_on,
        recorded_by=viewer.user,
        created_at=now,
        idempotency_key=idempotency_key,
    )
    if subject is not None:
        decision.subject_type = ContentType.objects.get_for_model(subject)
        decision.subject_id = subject.pk
    try:
        # A savepoint, so a twin request that won the race leaves this transaction usable.
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        if idempotency_key is None:
            raise
        existing = _decision_with_key(organisation.pk, idempotency_key)
        if existing is None:
            raise
        return existing
    if participants:
        decision.participants.set(participants)
    about = person.preferred_name if person is not None else service.name if service else ""
    audit_record(
        actor=viewer.user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=decision,
        summary=(
            f"Recorded a decision about {about} ({Rung(rung).label}"
            f"{', without them' if not person_took_part else ''})"
        ),
    )
    return decision


def consent_decision_record(
    *,
    viewer: Viewer,
    person: Person,
    what: str,
    person_view: str,
    voice_how: str,
    voice_helper: User | None,
    subject: models.Model,
    idempotency_key: uuid.UUID | None = None,
) -> Decision:
    """Put a change to what the person shares into the ledger: their own decision, on the
    rung ``consent_rung`` gives, decided today."""
    return decision_record(
        viewer=viewer,
        person=person,
        what=what,
        person_took_part=True,
        person_view=person_view,
        voice_how=voice_how,
        voice_helper=voice_helper,
        rung=consent_rung(viewer=viewer, person=person, voice_how=voice_how),
        decided_on=timezone.localdate(),
        subject=subject,
        idempotency_key=idempotency_key,
    )


def own_decision_record(
    *,
    viewer: Viewer,
    person: Person,
    what: str,
    took_part: str,
    people_there: Sequence[User] = (),
    others_there: str = "",
    my_view: str = "",
    decided_on: dt.date | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> Decision:
    """Put a decision the person tells us about themself into the ledger.

    ``took_part`` is their own answer (``business_rules.OWN_ACCOUNT_RUNGS``), which places
    the rung with ``own_account_rung``; their view is in their own words, typed. With no
    date, it was decided today.
    """
    if not is_the_person(viewer, person):
        raise ValidationError("Only the person themself tells us about a decision this way.")
    if took_part not in OWN_ACCOUNT_RUNGS:
        raise ValidationError({"took_part": _("Select if you took part")})
    person_took_part, rung = own_account_rung(took_part)
    view_given = bool(my_view.strip())
    voice_how, _helper = voice_resolve(
        viewer=viewer, person=person, voice_how="", voice_helper=None, view_given=view_given
    )
    return decision_record(
        viewer=viewer,
        person=person,
        what=what,
        person_took_part=person_took_part,
        participants=people_there,
        other_participants=others_there,
        person_view=my_view,
        voice_how=voice_how,
        rung=rung,
        decided_on=decided_on or timezone.localdate(),
        idempotency_key=idempotency_key,
    )


def _decision_with_key(organisation_id: int, key: uuid.UUID) -> Decision | None:
    return (
        Decision.objects.select_for_update()
        .filter(organisation_id=organisation_id, idempotency_key=key)
        .first()
    )
