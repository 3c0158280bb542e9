"""What matching needs that no other app holds yet."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance
from coproduce.people.models import Availability, Person


class PreferredTime(models.Model):
    """A weekly time when the person would like support.

    Stands in for the "when" of the support plan until the plans app owns it; matching reads
    it only through ``coproduce.matching.queries.person_weeks``.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="preferred_times")
    weekday = models.PositiveSmallIntegerField(choices=Availability.Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "starts_at"]
        verbose_name = _("preferred time")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="preferred_time_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_weekday_display()} {self.starts_at}-{self.ends_at}"


class TeamAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class TeamChoice(VoiceProvenance):
    """The person's answer about one suggested worker in one round of choosing a team.

    A manager then confirms the worker for the team or says in plain words why not.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the manager")
        CONFIRMED = "confirmed", _("Confirmed")
        NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
        # The person asked to change this worker and the manager confirmed someone else.
        CHANGED = "changed", _("Changed at the person's request")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="team_choices")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_choices_about"
    )
    round = models.PositiveSmallIntegerField(default=1)
    answer = models.CharField(max_length=8, choices=TeamAnswer.choices)
    meet_first = models.BooleanField(_("I want to meet them first"), default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    manager_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "worker", "round"], name="one_team_choice_per_worker_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.worker} ({self.answer})"


class ChangeRequest(models.Model):
    """The person asks to change a worker. The lifecycle is in ``rules.change_request_next``.

    ``reason`` is the person's own and is never shown to the worker.
    """

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        ACKNOWLEDGED = "acknowledged", _("Seen by the manager")
        OPTIONS_OFFERED = "options_offered", _("Other workers offered")
        CHANGED = "changed", _("Changed")
        NOT_POSSIBLE = "not_possible", _("Not possible")

    CLOSED = frozenset({Status.CHANGED, Status.NOT_POSSIBLE})

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="change_requests")
    # The service the request belongs to, for the figures; the person's first service.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_requests_about"
    )
    reason = models.TextField(blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ASKED)
    answer = models.TextField(blank=True)  # the manager's words to the person
    due_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person}: change {self.worker} ({self.status})"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def is_overdue(self, today: date) -> bool:
        return not self.is_closed and self.due_on < today


class OfferAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")
    MEET_FIRST = "meet_first", _("I want to meet them first")


class ChangeOffer(VoiceProvenance):
    """A worker the manager offers instead of the one the person asked to change, and the
    person's answer about them (blank until they answer; they may answer one card at a time).

    ``confirmed`` is set when the manager confirms the worker joins the person's team.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="offers")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="change_offers_about"
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offered_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=16, choices=OfferAnswer.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "worker"], name="one_offer_per_worker_and_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request}: offered {self.worker} ({self.answer or 'no answer yet'})"
