"""The audit log and the voice provenance every recorded view carries."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAppendOnlyError(Exception):
    """An audit entry may be written once and never changed or removed."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AuditAppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """Who read or wrote what, when and from where. Append-only (a database trigger too)."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        CREATE = "create", _("Create")
        UPDATE = "update", _("Update")
        DELETE = "delete", _("Delete")
        SIGN_IN = "sign_in", _("Sign in")
        SIGN_OUT = "sign_out", _("Sign out")
        EXPORT = "export", _("Export")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        REFUSED = "refused", _("Refused")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["organisation", "object_type", "object_id"]),
            models.Index(fields=["organisation", "actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditAppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:  # type: ignore[override]
        raise AuditAppendOnlyError("Audit entries cannot be deleted.")


class VoiceHow(models.TextChoices):
    """How a person's view came to be written down."""

    TYPED = "typed", _("Typed in their own words")
    SPOKEN = "spoken", _("Spoken in their own words and written down")
    SUPPORTED = "supported", _("With support from someone")
    OBSERVED = "observed", _("Observed (the person does not use words)")
    ON_BEHALF = "on_behalf", _("Given on their behalf by a supporter")


class VoiceProvenance(models.Model):
    """Fields that say how a person's view was captured and who recorded it.

    Mix into any model that holds a person's view. ``voice_supported_by`` names the
    person who helped (for "with support") or who spoke for them ("on their behalf").
    """

    voice_how = models.CharField(
        _("How was this view given?"), max_length=16, choices=VoiceHow.choices
    )
    voice_helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Who helped or spoke for them"),
    )
    voice_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    voice_recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def in_own_words(self) -> bool:
        return self.voice_how in {VoiceHow.TYPED, VoiceHow.SPOKEN}

    def voice_badge_parts(
        self, person_name: str | None = None, helper_note: str | None = None
    ) -> Any:
        """Return the words of the provenance badge (see ``coproduce.core.voice``)."""
        from coproduce.core.voice import voice_badge_parts

        return voice_badge_parts(self, person_name, helper_note)
