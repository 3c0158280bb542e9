"""Every write to a person's details and one-page profile.

Each action locks the person's row first, so two saves of the same record take turns;
an edit based on an older version than the one saved raises ``EditConflict`` instead
of overwriting someone else's words.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import Membership, Service, User
from coproduce.accounts.notifications.actions import notifications_send
from coproduce.accounts.queries import service_managers_of
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.core.tenancy import Viewer
from coproduce.people.images import CheckedImage, delete_image, store_image
from coproduce.people.models import (
    DecisionMakingProfile,
    ImportantPerson,
    Interest,
    Person,
    PersonDetails,
    ProfileEntry,
    ProfileEntryRevision,
    ProfileSection,
    WorkerPreference,
)
from coproduce.people.voice import voice_check

PHOTO_FOLDER = "people/photos"
PICTURE_FOLDER = "people/profile"

DECISION_MAKING_FIELDS = (
    "how_i_like_information",
    "how_to_offer_choices",
    "good_times_to_decide",
    "bad_times_to_decide",
    "who_helps_me_decide",
)


class EditConflict(Exception):
    """Someone saved this record after the editor opened it; ``current`` is what they saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("The record changed since the form was opened.")
        self.current = current


class DetailsChanges(TypedDict, total=False):
    """The details an edit may change; a key that is absent is left alone."""

    preferred_name: str
    pronouns: str
    date_of_birth: Any
    photo_consent: bool
    communication_formats: list[str]
    communication_language: str
    how_to_communicate: str
    other_interests: str
    interests: list[Interest]


COMMUNICATION_FIELDS = frozenset(
    {"communication_formats", "communication_language", "how_to_communicate"}
)


def _lock_person(person: Person) -> Person:
    """Lock the person's row for the rest of the transaction: edits to their record queue."""
    return Person.objects.select_for_update().get(pk=person.pk)


def _locked_details(person: Person) -> PersonDetails:
    details = PersonDetails.objects.filter(person=person).first()
    if details is None:
        details = PersonDetails(person=person, version=0)
    return details


def _details_match(details: PersonDetails, person: Person, changes: DetailsChanges) -> bool:
    """Return True when the details already hold every change (a form sent twice)."""
    for key, value in changes.items():
        if key == "interests":
            current = set(details.interests.values_list("pk", flat=True)) if details.pk else set()
            if current != {i.pk for i in changes["interests"]}:
                return False
        elif key == "preferred_name":
            if person.preferred_name != value:
                return False
        elif key == "communication_formats":
            if sorted(details.communication_formats or []) != sorted(
                changes["communication_formats"]
            ):
                return False
        elif getattr(details, key) != value:
            return False
    return True


@transaction.atomic
def person_details_update(
    *,
    actor: User,
    person: Person,
    base_version: int,
    changes: DetailsChanges,
    photo: CheckedImage | None = None,
    remove_photo: bool = False,
) -> PersonDetails:
    """Change the person's details, communication needs or interests.

    Saving communication needs counts as reviewing them (the Accessible Information
    Standard asks for a review date). A photo is kept only with the person's consent:
    withdrawing consent deletes it.
    """
    locked = _lock_person(person)
    details = _locked_details(locked)
    if details.version != base_version:
        if photo is None and not remove_photo and _details_match(details, locked, changes):
            return details
        raise EditConflict(details)

    # The name lives on the person's row, the rest on their details row: ``changed`` names
    # the details' fields (its update_fields) and ``said`` everything, for the audit entry.
    changed: list[str] = []
    said: list[str] = []
    if "preferred_name" in changes and changes["preferred_name"] != locked.preferred_name:
        locked.preferred_name = changes["preferred_name"]
        locked.save(update_fields=["preferred_name"])
        person.preferred_name = locked.preferred_name
        said.append("preferred_name")
    simple = [k for k in changes if k not in {"preferred_name", "interests"}]
    for key in simple:
        value = changes[key]  # type: ignore[literal-required]
        if getattr(details, key) != value:
            setattr(details, key, value)
            changed.append(key)
    if COMMUNICATION_FIELDS & set(changes):
        details.communication_reviewed_on = timezone.localdate()
        changed.append("communication_reviewed_on")

    old_photo = details.photo.name if details.photo else ""
    if photo is not None:
        if not details.photo_consent:
            raise ValidationError({"photo_consent": "A photo needs the person's consent."})
        details.photo.name = store_image(photo, PHOTO_FOLDER)
        changed.append("photo")
    elif old_photo and (remove_photo or not details.photo_consent):
        details.photo.name = ""
        changed.append("photo")

    details.version += 1
    details.updated_at = timezone.now()
    details.updated_by = actor
    if details.pk is None:
        details.save()
    else:
        details.save(update_fields=sorted({*changed, "version", "updated_at", "updated_by"}))
    if "interests" in changes:
        details.interests.set(changes["interests"])
        said.append("interests")
    if old_photo and details.photo.name != old_photo:
        name = old_photo
        # The file goes only once the change is committed, so a rollback keeps it.
        transaction.on_commit(lambda: delete_image(name))

    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=details,
        summary=(
            f"Changed {locked.preferred_name}'s details: {', '.join(said + changed) or 'nothing'}"
        ),
    )
    return details


@transaction.atomic
def worker_preferences_set(
    *,
    actor: User,
    person: Person,
    base_version: int,
    preferences: list[tuple[str, str, str]],
) -> list[WorkerPreference]:
    """Replace what the person wants in a worker: (characteristic, must/nice, value) each."""
    locked = _lock_person(person)
    details = _locked_details(locked)
    if details.version != base_version:
        current = {
            (p.characteristic, p.strength, p.value)
            for p in WorkerPreference.objects.filter(person=locked)
        }
        if current == set(preferences):
            return list(WorkerPreference.objects.filter(person=locked))
        raise EditConflict(details)
    WorkerPreference.objects.filter(person=locked).delete()
    rows = WorkerPreference.objects.bulk_create(
        [
            WorkerPreference(person=locked, characteristic=c, strength=s, value=v)
            for c, s, v in preferences
        ]
    )
    details.version += 1
    details.updated_at = timezone.now()
    details.updated_by = actor
    if details.pk is None:
        details.save()
    else:
        details.save(update_fields=["version", "updated_at", "updated_by"])
    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=locked,
        object_type="people.workerpreference",
        summary=f"Changed what {locked.preferred_name} wants in a worker ({len(rows)} wishes)",
    )
    return rows


@transaction.atomic
def important_person_add(
    *,
    actor: User,
    person: Person,
    name: str,
    relationship: str,
    closeness: str,
    notes: str = "",
) -> ImportantPerson:
    """Add someone to the person's relationship circle; the same form sent twice adds one."""
    locked = _lock_person(person)
    existing = ImportantPerson.objects.filter(
        person=locked, name=name, relationship=relationship, closeness=closeness
    ).first()
    if existing is not None:
        return existing
    important = ImportantPerson.objects.create(
        person=locked, name=name, relationship=relationship, closeness=closeness, notes=notes
    )
    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.CREATE,
        obj=important,
        summary=f"Added someone to {locked.preferred_name}'s relationship circle",
    )
    return important


@transaction.atomic
def important_person_remove(*, actor: User, person: Person, important_person_id: int) -> bool:
    """Take someone out of the circle; return False if they were already gone."""
    locked = _lock_person(person)
    important = ImportantPerson.objects.filter(person=locked, pk=important_person_id).first()
    if important is None:
        return False
    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.DELETE,
        obj=important,
        summary=f"Took someone out of {locked.preferred_name}'s relationship circle",
    )
    important.delete()
    return True


@transaction.atomic
def profile_entry_update(
    *,
    actor: User,
    person: Person,
    section: str,
    base_version: int,
    text: str,
    voice_how: str,
    voice_helper: User | None = None,
    picture: CheckedImage | None = None,
    remove_picture: bool = False,
) -> ProfileEntry:
    """Save one part of the one-page profile as a new version, keeping every old one.

    ``base_version`` is the version the editor started from (0 for a part never written).
    If someone saved in between, raise ``EditConflict``: their words are never overwritten
    unseen. The same form sent twice saves once.
    """
    section = ProfileSection(section).value
    locked = _lock_person(person)
    entry = ProfileEntry.objects.filter(person=locked, section=section).first()
    current_version = entry.version if entry is not None else 0
    if current_version != base_version:
        if (
            entry is not None
            and picture is None
            and not remove_picture
            and entry.text == text
            and entry.voice_how == voice_how
            and entry.voice_helper_id == (voice_helper.pk if voice_helper else None)
        ):
            return entry
        raise EditConflict(entry)
    voice_check(person=locked, voice_how=voice_how, voice_helper=voice_helper, view_given=True)

    now = timezone.now()
    if entry is None:
        entry = ProfileEntry(person=locked, section=section, version=0)
    entry.text = text
    entry.voice_how = voice_how
    entry.voice_helper = voice_helper
    entry.voice_recorded_by = actor
    entry.voice_recorded_at = now
    if picture is not None:
        # Old pictures stay in storage: earlier versions still point at them.
        entry.picture.name = store_image(picture, PICTURE_FOLDER)
    elif remove_picture:
        entry.picture.name = ""
    entry.version += 1
    entry.updated_at = now
    if entry.pk is None:
        entry.save()
    else:
        entry.save(
            update_fields=[
                "text",
                "voice_how",
                "voice_helper",
                "voice_recorded_by",
                "voice_recorded_at",
                "picture",
                "version",
                "updated_at",
            ]
        )
    ProfileEntryRevision.objects.create(
        entry=entry,
        version=entry.version,
        text=entry.text,
        picture=entry.picture.name or "",
        voice_how=entry.voice_how,
        voice_helper=entry.voice_helper,
        voice_recorded_by=actor,
        voice_recorded_at=now,
    )
    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=entry,
        summary=(
            f"Saved version {entry.version} of {locked.preferred_name}'s "
            f'profile part "{entry.get_section_display()}"'
        ),
    )
    return entry


@transaction.atomic
def decision_making_update(
    *,
    actor: User,
    person: Person,
    base_version: int,
    answers: dict[str, str],
    voice_how: str,
    voice_helper: User | None = None,
) -> DecisionMakingProfile:
    """Save how the person likes to make decisions. Only the answers given are changed."""
    locked = _lock_person(person)
    profile = DecisionMakingProfile.objects.filter(person=locked).first()
    current_version = profile.version if profile is not None else 0
    if current_version != base_version:
        if profile is not None and all(getattr(profile, k) == v for k, v in answers.items()):
            return profile
        raise EditConflict(profile)
    unknown = set(answers) - set(DECISION_MAKING_FIELDS)
    if unknown:
        raise ValueError(f"Not a decision-making question: {sorted(unknown)}")
    if profile is None:
        profile = DecisionMakingProfile(person=locked, version=0)
    for key, value in answers.items():
        setattr(profile, key, value)
    view_given = any(getattr(profile, k) for k in DECISION_MAKING_FIELDS)
    voice_check(
        person=locked, voice_how=voice_how, voice_helper=voice_helper, view_given=view_given
    )
    now = timezone.now()
    profile.voice_how = voice_how
    profile.voice_helper = voice_helper
    profile.voice_recorded_by = actor
    profile.voice_recorded_at = now
    profile.version += 1
    profile.updated_at = now
    if profile.pk is None:
        profile.save()
    else:
        profile.save(
            update_fields=[
                *answers.keys(),
                "voice_how",
                "voice_helper",
                "voice_recorded_by",
                "voice_recorded_at",
                "version",
                "updated_at",
            ]
        )
    audit_record(
        actor=actor,
        organisation=locked.organisation,
        action=AuditEntry.Action.UPDATE,
        obj=profile,
        summary=f"Changed how {locked.preferred_name} likes to make decisions",
    )
    return profile


@transaction.atomic
def profile_export_record(*, viewer: Viewer, person: Person, kind: str) -> None:
    """Note in the audit log that a copy of the profile left the platform (PDF or FHIR)."""
    audit_record(
        actor=viewer.user,
        organisation=person.organisation,
        action=AuditEntry.Action.EXPORT,
        obj=person,
        summary=f"Exported {person.preferred_name}'s one-page profile as {kind}",
    )


def person_for_membership(
    *, actor: User, membership: Membership, services: list[Service]
) -> Person:
    """Return the person supported behind a "person" membership, creating their record.

    Called inside the membership's transaction (``coproduce.accounts.actions``).
    """
    user = membership.user
    organisation = membership.organisation
    person = Person.objects.filter(organisation=organisation, user=user).first()
    if person is not None:
        person.services.add(*services)
        return person
    # A user is linked to one person record at most; someone already supported by another
    # organisation gets an unlinked record here rather than losing the other one.
    linked_elsewhere = Person.objects.filter(user=user).exists()
    full_name = user.name
    person = Person.objects.create(
        organisation=organisation,
        user=None if linked_elsewhere else user,
        preferred_name=(full_name.split()[0] if full_name.split() else user.email)[:120],
        full_name=full_name[:200],
    )
    person.services.set(services)
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=person,
        summary=f"Added {person.preferred_name} as a person supported",
    )
    return person


# Telling people about a person's support


def person_managers_tell(
    *,
    actor: User,
    person: Person,
    kind: str,
    target: str,
    key: str,
    params: dict[str, str] | None = None,
) -> int:
    """Tell the managers of the person's services (the actor excepted) that something
    about the person waits for them. Return how many were told."""
    managers = service_managers_of(
        organisation_id=person.organisation_id,
        service_ids=[s.pk for s in person.services.all()],
    )
    return len(
        notifications_send(
            organisation=person.organisation,
            recipients=managers,
            kind=kind,
            target=target,
            key=key,
            params={"name": person.preferred_name, **(params or {})},
            actor=actor,
        )
    )


def person_tell(
    *,
    actor: User,
    person: Person,
    kind: str,
    target: str,
    key: str,
    params: dict[str, str] | None = None,
    also: User | None = None,
) -> int:
    """Tell the person (when they sign in) that something they asked about was answered,
    and ``also`` whoever raised it for them. Return how many were told."""
    recipients = [user for user in (person.user, also) if user is not None]
    return len(
        notifications_send(
            organisation=person.organisation,
            recipients=recipients,
            kind=kind,
            target=target,
            key=key,
            params={"name": person.preferred_name, **(params or {})},
            actor=actor,
        )
    )
