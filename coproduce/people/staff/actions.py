"""Every write to staff profiles, availability and introduction films."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.accounts.models import Organisation, User
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.people.images import CheckedImage, delete_image, store_image
from coproduce.people.models import Availability, IntroductionFilm, StaffProfile
from coproduce.people.staff.films import CheckedVideo

STAFF_PHOTO_FOLDER = "staff/photos"

# The parts of a staff profile a worker changes one at a time, and their fields.
PROFILE_PARTS: dict[str, tuple[str, ...]] = {
    "about": ("appreciate", "matters_to_me", "how_i_like_to_work"),
    "interests": ("interests", "other_interests"),
    "skills": ("skills", "languages"),
    "details": ("drives", "gender", "birth_year", "happy_with_pets", "smoker"),
    "area": ("home_area", "home_latitude", "home_longitude"),
    "hours": ("contracted_hours", "suggest_outside_my_services"),
}
MANY_TO_MANY = frozenset({"interests", "skills"})


class StaffProfileConflict(Exception):
    """Someone saved the profile after this form was opened: nothing was changed."""

    def __init__(self, current: StaffProfile) -> None:
        super().__init__("The staff profile changed since the form was opened.")
        self.current = current


@transaction.atomic
def staff_profile_ensure(*, organisation: Organisation, user: User) -> StaffProfile:
    """Return the user's staff profile in the organisation, creating an empty one."""
    profile = StaffProfile.objects.filter(organisation=organisation, user=user).first()
    if profile is not None:
        return profile
    try:
        with transaction.atomic():
            profile = StaffProfile.objects.create(organisation=organisation, user=user)
    except IntegrityError:
        # A twin request created it first.
        return StaffProfile.objects.get(organisation=organisation, user=user)
    audit_record(
        actor=user,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=profile,
        summary=f"Started a staff profile for {user.name}",
    )
    return profile


@transaction.atomic
def staff_profile_update(
    *,
    actor: User,
    organisation: Organisation,
    part: str,
    expected_version: int,
    changes: dict[str, Any],
) -> StaffProfile:
    """Change one part of the actor's own staff profile.

    Raise ``StaffProfileConflict`` when the profile's version is no longer the one the
    form was opened with: the later of two savers sees what changed and loses nothing.
    """
    fields = PROFILE_PARTS[part]
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"Fields outside the {part!r} part: {sorted(unknown)}")
    ensured = staff_profile_ensure(organisation=organisation, user=actor)
    profile = StaffProfile.objects.select_for_update().get(pk=ensured.pk)
    if profile.version != expected_version:
        if _already_saved(profile, changes):
            # The same form sent twice: the first one saved it.
            return profile
        raise StaffProfileConflict(profile)
    plain = [name for name in changes if name not in MANY_TO_MANY]
    for name in plain:
        setattr(profile, name, changes[name])
    profile.version += 1
    profile.updated_at = timezone.now()
    profile.save(update_fields=[*plain, "version", "updated_at"])
    for name in MANY_TO_MANY & set(changes):
        getattr(profile, name).set(changes[name])
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.UPDATE,
        obj=profile,
        summary=f"Changed their staff profile ({part}), now version {profile.version}",
    )
    return profile


def _already_saved(profile: StaffProfile, changes: dict[str, Any]) -> bool:
    for name, value in changes.items():
        if name in MANY_TO_MANY:
            current = set(getattr(profile, name).values_list("pk", flat=True))
            if current != {getattr(item, "pk", item) for item in value}:
                return False
        elif getattr(profile, name) != value:
            return False
    return True


def _time(value: dt.time) -> str:
    return value.strftime("%H:%M")


def availability_problem(
    *, slots: Iterable[Availability], weekday: int, starts_at: dt.time, ends_at: dt.time
) -> str | None:
    """Return what is wrong with a new weekly slot, in plain words, or None.

    The rule: a slot ends after it starts, and a worker's slots on one day do not overlap.
    """
    if ends_at <= starts_at:
        return _(
            "The end time must be after the start time. For a night, add two times: "
            "one until midnight (23:59) and one from 00:00."
        )
    for slot in slots:
        if slot.weekday == weekday and slot.starts_at < ends_at and slot.ends_at > starts_at:
            return _(
                "This time overlaps a time you already gave: %(day)s %(start)s to %(end)s."
            ) % {
                "day": slot.get_weekday_display(),
                "start": _time(slot.starts_at),
                "end": _time(slot.ends_at),
            }
    return None


@transaction.atomic
def availability_add(
    *,
    actor: User,
    organisation: Organisation,
    weekday: int,
    starts_at: dt.time,
    ends_at: dt.time,
) -> Availability:
    """Add a weekly slot to the actor's own availability.

    The same slot sent twice is added once. Raise ``ValidationError`` when it breaks the
    slot rule.
    """
    ensured = staff_profile_ensure(organisation=organisation, user=actor)
    profile = StaffProfile.objects.select_for_update().get(pk=ensured.pk)
    slots = list(profile.availability.all())
    for slot in slots:
        if (slot.weekday, slot.starts_at, slot.ends_at) == (weekday, starts_at, ends_at):
            return slot
    problem = availability_problem(
        slots=slots, weekday=weekday, starts_at=starts_at, ends_at=ends_at
    )
    if problem:
        raise ValidationError(problem)
    slot = Availability.objects.create(
        staff=profile, weekday=weekday, starts_at=starts_at, ends_at=ends_at
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=slot,
        summary=(
            f"Added availability: {slot.get_weekday_display()} "
            f"{_time(starts_at)} to {_time(ends_at)}"
        ),
    )
    return slot


@transaction.atomic
def availability_remove(*, actor: User, organisation: Organisation, slot_id: int) -> bool:
    """Remove one of the actor's own weekly slots. Return False if it was already gone."""
    slot = (
        Availability.objects.select_for_update()
        .filter(pk=slot_id, staff__user=actor, staff__organisation=organisation)
        .first()
    )
    if slot is None:
        return False
    summary = (
        f"Removed availability: {slot.get_weekday_display()} "
        f"{_time(slot.starts_at)} to {_time(slot.ends_at)}"
    )
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.DELETE,
        obj=slot,
        summary=summary,
    )
    slot.delete()
    return True


@transaction.atomic
def introduction_film_add(
    *,
    actor: User,
    organisation: Organisation,
    video: UploadedFile,
    checked: CheckedVideo,
    captions_vtt: bytes | None,
    transcript: str,
    upload_token: uuid.UUID,
) -> IntroductionFilm:
    """Store a checked film as the actor's current introduction film.

    The film before it is kept, no longer current. The same form posted twice (the same
    ``upload_token``) stores one film.
    """
    if not captions_vtt and not transcript.strip():
        raise ValidationError(_("Add captions or a written transcript"))
    ensured = staff_profile_ensure(organisation=organisation, user=actor)
    profile = StaffProfile.objects.select_for_update().get(pk=ensured.pk)
    existing = profile.films.filter(upload_token=upload_token).first()
    if existing is not None:
        return existing
    for old in profile.films.filter(is_current=True):
        old.is_current = False
        old.save(update_fields=["is_current"])
    stem = uuid.uuid4().hex
    film = IntroductionFilm(
        staff=profile,
        content_type=checked.container.content_type,
        size_bytes=checked.size_bytes,
        duration_seconds=checked.duration_seconds,
        transcript=transcript.strip(),
        is_current=True,
        uploaded_at=timezone.now(),
        upload_token=upload_token,
    )
    saved = []
    try:
        video.seek(0)
        film.video.save(f"{stem}.{checked.container.extension}", video, save=False)
        saved.append(film.video)
        if captions_vtt:
            film.captions.save(f"{stem}.vtt", ContentFile(captions_vtt), save=False)
            saved.append(film.captions)
        if checked.poster_jpeg:
            film.poster.save(f"{stem}.jpg", ContentFile(checked.poster_jpeg), save=False)
            saved.append(film.poster)
        film.save()
    except Exception:
        # The database rolls back; the stored files would otherwise be left behind.
        for stored in saved:
            stored.delete(save=False)
        raise
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.CREATE,
        obj=film,
        summary=(
            f"Uploaded an introduction film ({checked.container.extension}, "
            f"{Decimal(checked.duration_seconds):.0f} seconds)"
        ),
    )
    return film


@transaction.atomic
def staff_photo_set(
    *, actor: User, organisation: Organisation, photo: CheckedImage
) -> StaffProfile:
    """Store a checked picture as the actor's staff profile photo; the one before is removed."""
    ensured = staff_profile_ensure(organisation=organisation, user=actor)
    profile = StaffProfile.objects.select_for_update().get(pk=ensured.pk)
    old = profile.photo.name if profile.photo else ""
    profile.photo.name = store_image(photo, STAFF_PHOTO_FOLDER)
    profile.save(update_fields=["photo"])
    # Removed only once the new photo is committed, so a rollback leaves the old one; and
    # kept while another profile shows the same file (the large demo shares a few).
    if old and not StaffProfile.objects.filter(photo=old).exists():
        transaction.on_commit(lambda: delete_image(old))
    audit_record(
        actor=actor,
        organisation=organisation,
        action=AuditEntry.Action.UPDATE,
        obj=profile,
        summary="Changed the staff profile photo",
    )
    return profile
