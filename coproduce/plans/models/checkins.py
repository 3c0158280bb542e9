"""Daily check-ins, one-to-one meetings and "this is not working" flags.

Imported by ``coproduce.plans.models``; kept apart so the support plan's own models stay
readable. See docs/adr/0013-daily-check-ins-and-one-to-ones.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import VoiceHow, VoiceProvenance


class Mood(models.TextChoices):
    """Five faces, happiest first. Each is shown with its picture AND its words."""

    VERY_HAPPY = "very_happy", _("Very happy")
    HAPPY = "happy", _("Happy")
    OK = "ok", _("OK")
    SAD = "sad", _("Sad")
    VERY_SAD = "very_sad", _("Very sad")


MOOD_SYMBOLS: dict[str, str] = {
    Mood.VERY_HAPPY: "mood_very_happy",
    Mood.HAPPY: "mood_happy",
    Mood.OK: "mood_ok",
    Mood.SAD: "mood_sad",
    Mood.VERY_SAD: "mood_very_sad",
}

# Height of a mood on the chart: 5 for very happy down to 1 for very sad.
MOOD_SCORES: dict[str, int] = {
    Mood.VERY_HAPPY: 5,
    Mood.HAPPY: 4,
    Mood.OK: 3,
    Mood.SAD: 2,
    Mood.VERY_SAD: 1,
}


class CheckIn(VoiceProvenance):
    """ "How do you want to be supported today?": one a person a day.

    A second check-in the same day changes this one; the earlier answers are kept in
    ``CheckInRevision``.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="check_ins"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField(default=timezone.localdate)
    mood = models.CharField(max_length=12, choices=Mood.choices)
    wishes = models.TextField(_("What I would like to do today"), max_length=1000, blank=True)
    support_today = models.TextField(
        _("Anything different about my support today"), max_length=1000, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="one_check_in_a_day")
        ]
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return f"Check-in of {self.person_id} on {self.date}"

    @property
    def mood_symbol(self) -> str:
        return MOOD_SYMBOLS[self.mood]

    @property
    def mood_score(self) -> int:
        return MOOD_SCORES[self.mood]


class CheckInRevision(models.Model):
    """The answers of a check-in before it was changed later the same day."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    mood = models.CharField(max_length=12, choices=Mood.choices)
    wishes = models.TextField(max_length=1000, blank=True)
    support_today = models.TextField(max_length=1000, blank=True)
    voice_how = models.CharField(max_length=16, choices=VoiceHow.choices, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Check-in {self.check_in_id}, version {self.version}"


class OneToOne(VoiceProvenance):
    """A one-to-one meeting between the person and their keyworker, led by the person.

    The provenance fields say how the notes (in the person's words) were given.
    """

    class Listened(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="one_to_ones"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="one_to_ones"
    )
    keyworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="one_to_ones_keyworking"
    )
    date = models.DateField(default=timezone.localdate)
    agenda = models.TextField(_("What I want to talk about"), max_length=2000)
    notes = models.TextField(max_length=4000, blank=True)
    voice_how = models.CharField(
        _("How were the notes given?"), max_length=16, choices=VoiceHow.choices, blank=True
    )
    listened = models.CharField(max_length=8, choices=Listened.choices, blank=True)
    listened_words = models.TextField(max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="one_to_one_idempotency_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"One-to-one of {self.person_id} on {self.date}"


class OneToOneAction(models.Model):
    """Something agreed at a one-to-one: what, who does it, by when, and whether it is done."""

    one_to_one = models.ForeignKey(OneToOne, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=500)
    owner = models.CharField(_("Who will do it"), max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["done", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["one_to_one", "idempotency_key"], name="one_to_one_action_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.what[:60]


class NotWorkingFlag(models.Model):
    """ "This is not working": a request a manager of the person's services must answer.

    It may come from a check-in, a one-to-one or an entry of the plan (at most one), or
    stand alone.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="not_working_flags"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="not_working_flags"
    )
    check_in = models.ForeignKey(
        CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    one_to_one = models.ForeignKey(
        OneToOne, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    plan_entry = models.ForeignKey(
        "plans.PlanEntry", on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    what = models.TextField(_("What is not working"), max_length=2000)
    about_a_worker = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="not_working_idempotency_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(answer=""), name="not_working_answer_to_close"
            ),
        ]

    def __str__(self) -> str:
        return f"Not working ({self.person_id}): {self.what[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
