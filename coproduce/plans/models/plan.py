"""The co-produced support plan: what, where, who, when and how, in the person's words.

Each entry carries how the person's words were given (voice provenance) and whether the
person agreed it. Every version of an entry is kept in ``PlanEntryRevision``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import VoiceHow, VoiceProvenance

REVIEW_EVERY_MONTHS = 12


def a_year_from(day: dt.date) -> dt.date:
    """Return the same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def default_review_due_on() -> dt.date:
    """A plan is reviewed at least every 12 months."""
    return a_year_from(timezone.localdate())


class PlanSection(models.TextChoices):
    """The five parts of a support plan."""

    WHAT = "what", _("What")
    WHERE = "where", _("Where")
    WHO = "who", _("Who")
    WHEN = "when", _("When")
    HOW = "how", _("How")


# The question each part answers, for staff pages.
SECTION_QUESTIONS = {
    PlanSection.WHAT: _("What I want to do and achieve"),
    PlanSection.WHERE: _("Where I want my support"),
    PlanSection.WHO: _("Who I want to support me"),
    PlanSection.WHEN: _("When I want my support"),
    PlanSection.HOW: _("How I want to be supported"),
}

SECTION_SYMBOLS = {
    PlanSection.WHAT: "important",
    PlanSection.WHERE: "home",
    PlanSection.WHO: "people",
    PlanSection.WHEN: "calendar",
    PlanSection.HOW: "help",
}


class Agreement(models.TextChoices):
    """Whether the person agreed an entry of their plan."""

    NOT_YET_AGREED = "not_yet_agreed", _("Not yet agreed")
    AGREED = "agreed", _("Agreed")
    CHANGED = "changed", _("Wants it changed")
    DISAGREED = "disagreed", _("Disagreed")


AGREEMENT_TAG_COLOURS: dict[str, str] = {
    Agreement.NOT_YET_AGREED: "yellow",
    Agreement.AGREED: "green",
    Agreement.CHANGED: "blue",
    Agreement.DISAGREED: "red",
}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SupportPlan(VoiceProvenance):
    """One person's support plan. The provenance fields say how the person agreed it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being written")
        AGREED = "agreed", _("Agreed")

    class AgreedHow(models.TextChoices):
        TICK = "tick", _("Ticked to say yes")
        RECORDED_YES = "recorded_yes", _("Said yes, and it was recorded")
        SUPPORTER = "supporter", _("A supporter confirmed it with them")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="support_plans"
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="support_plan"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_how = models.CharField(max_length=16, choices=AgreedHow.choices, blank=True)
    # Blank until the person agrees the plan.
    voice_how = models.CharField(
        _("How was this view given?"), max_length=16, choices=VoiceHow.choices, blank=True
    )
    review_due_on = models.DateField(default=default_review_due_on)
    # When the managers were last reminded that the review is coming or overdue.
    review_reminded_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organisation", "review_due_on"])]

    def __str__(self) -> str:
        return f"Support plan of {self.person_id}"

    @property
    def review_overdue(self) -> bool:
        return self.review_due_on < timezone.localdate()


class PlanEntry(VoiceProvenance):
    """One entry of a plan, in the person's words, and whether the person agreed it.

    ``version`` rises by one on every change (text or response); an edit based on an
    older version is a conflict.
    """

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField(max_length=8, choices=PlanSection.choices)
    text = models.TextField(max_length=2000)
    # Blank when staff wrote the entry without the person.
    voice_how = models.CharField(
        _("How was this view given?"), max_length=16, choices=VoiceHow.choices, blank=True
    )
    # "What" entries: how the person will know it is working.
    how_i_will_know = models.TextField(max_length=1000, blank=True)
    # "When" entries: a weekly time, or flexible.
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    flexible = models.BooleanField(default=False)
    agreement = models.CharField(
        max_length=16, choices=Agreement.choices, default=Agreement.NOT_YET_AGREED
    )
    person_comment = models.TextField(max_length=2000, blank=True)
    # How the person gave their answer, and who recorded it.
    response_how = models.CharField(max_length=16, choices=VoiceHow.choices, blank=True)
    response_helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response_at = models.DateTimeField(null=True, blank=True)
    # The latest ledger entry about this entry.
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_entries",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Sent with the add form, so the same form posted twice adds one entry.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["section", "weekday", "starts_at", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "idempotency_key"], name="plan_entry_idempotency_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="plan_entry_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:60]}"

    @property
    def agreement_colour(self) -> str:
        return AGREEMENT_TAG_COLOURS[self.agreement]

    @property
    def is_agreed(self) -> bool:
        return self.agreement == Agreement.AGREED


class PlanEntryRevision(VoiceProvenance):
    """One kept version of a plan entry: its words, its agreement, who changed it."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        EDITED = "edited", _("Changed")
        RESPONSE = "response", _("Answered")

    entry = models.ForeignKey(PlanEntry, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField(max_length=2000)
    voice_how = models.CharField(max_length=16, choices=VoiceHow.choices, blank=True)
    how_i_will_know = models.TextField(max_length=1000, blank=True)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    flexible = models.BooleanField(default=False)
    agreement = models.CharField(max_length=16, choices=Agreement.choices)
    person_comment = models.TextField(max_length=2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "version"], name="one_plan_entry_revision_per_version"
            )
        ]

    @classmethod
    def of(
        cls, entry: PlanEntry, *, kind: str, changed_by_id: int | None, changed_at: Any
    ) -> PlanEntryRevision:
        """The entry as it stands, unsaved: the actions save one, the demo writes many."""
        return cls(
            entry=entry,
            version=entry.version,
            kind=kind,
            text=entry.text,
            voice_how=entry.voice_how,
            voice_helper_id=entry.voice_helper_id,
            voice_recorded_by_id=entry.voice_recorded_by_id,
            voice_recorded_at=entry.voice_recorded_at,
            how_i_will_know=entry.how_i_will_know,
            weekday=entry.weekday,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
            flexible=entry.flexible,
            agreement=entry.agreement,
            person_comment=entry.person_comment,
            changed_by_id=changed_by_id,
            changed_at=changed_at,
        )


class ProgressNote(VoiceProvenance):
    """A note of how an entry of the plan is going."""

    entry = models.ForeignKey(PlanEntry, on_delete=models.CASCADE, related_name="progress_notes")
    text = models.TextField(max_length=2000)
    noted_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-noted_on", "-id"]


class ReviewLedBy(models.TextChoices):
    """Who led a review meeting of the plan."""

    PERSON = "person", _("The person led it")
    PERSON_WITH_SUPPORT = "person_with_support", _("The person led it with support")
    STAFF = "staff", _("Staff led it, because the person chose not to lead")


class PlanReview(VoiceProvenance):
    """A review meeting of the plan, led by the person where they choose, in their words."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(default=timezone.localdate)
    led_by = models.CharField(max_length=20, choices=ReviewLedBy.choices)
    who_took_part = models.TextField(max_length=1000, blank=True)
    what_is_working = models.TextField(max_length=2000, blank=True)
    what_is_not_working = models.TextField(max_length=2000, blank=True)
    what_will_change = models.TextField(max_length=2000, blank=True)
    next_review_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Sent with the form, so the same form posted twice records one review.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "idempotency_key"], name="plan_review_idempotency_key_unique"
            )
        ]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.next_review_on is None and self.held_on is not None:
            self.next_review_on = a_year_from(self.held_on)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
