"""Comments, complaints and compliments, on their statutory clocks.

A ``Concern`` is one comment, complaint or compliment about a service, a worker or the
organisation, raised by the person, a supporter, an advocate, a worker on someone's behalf
(with its provenance) or, for comments and compliments, anonymously. A complaint moves
through received → acknowledged → investigating → responded → closed (and can be
reopened), every move in ``lifecycle.py`` and kept as a ``ConcernEvent``; its due dates
are worked out there from working days (``core.working_days``).

Who raised it is kept apart from who may see it: the rules in ``rules.py`` show the
complainant only to those handling it, and never to the worker complained about.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance


class ConcernKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    COMPLAINT = "complaint", _("Complaint")
    COMPLIMENT = "compliment", _("Compliment")


class About(models.TextChoices):
    SERVICE = "service", _("A service")
    WORKER = "worker", _("A worker or a team")
    ORGANISATION = "organisation", _("The organisation")


class RaisedBy(models.TextChoices):
    PERSON = "person", _("The person supported")
    SUPPORTER = "supporter", _("A supporter")
    ADVOCATE = "advocate", _("An advocate")
    STAFF = "staff", _("A worker, on the person's behalf")
    ANONYMOUS = "anonymous", _("Someone who did not give their name")


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Being looked into")
    RESPONDED = "responded", _("Answered")
    CLOSED = "closed", _("Closed")


class Upheld(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY = "partly", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


class Theme(models.TextChoices):
    """What a concern is about, chosen by whoever handles it: the one list the figures and
    the CQC summary count by. ``Concern.themes`` keeps the codes in this order."""

    CARE_AND_SUPPORT = "care_and_support", _("Care and support")
    STAFF_ATTITUDE = "staff_attitude", _("How staff treat people")
    COMMUNICATION = "communication", _("Being listened to and kept informed")
    CHOICE_AND_CONTROL = "choice_and_control", _("Choice and control")
    VISIT_TIMES = "visit_times", _("Times of visits and support")
    STAFFING = "staffing", _("Staffing and knowing the staff")
    MONEY = "money", _("Money and charges")
    HOME = "home", _("The home and its upkeep")
    FOOD = "food", _("Food and drink")
    ACTIVITIES = "activities", _("Activities and going out")
    HEALTH = "health", _("Health and medicines")
    SAFETY = "safety", _("Feeling safe")
    DIGNITY = "dignity", _("Dignity, respect and privacy")
    OTHER = "other", _("Something else")


# The codes in the list's order, read once (``Theme.values`` is worked out at each use).
THEME_ORDER: tuple[str, ...] = tuple(Theme.values)


def themes_in_order(codes: Iterable[str]) -> list[str]:
    """The known theme codes among ``codes``, each once, in the list's order (so the same
    themes are always stored the same way and group together when counted)."""
    chosen = set(codes)
    return [theme for theme in THEME_ORDER if theme in chosen]


class Concern(VoiceProvenance):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ConcernKind.choices)
    about = models.CharField(max_length=16, choices=About.choices, default=About.SERVICE)
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The worker (or a member of a team) it is about: never shown who raised a complaint.
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who raised it (empty when anonymous) and whose concern it is (a person supported).
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raiser = models.CharField(max_length=16, choices=RaisedBy.choices)

    # The words, as the easy-read steps ask for them.
    what_happened = models.TextField()
    how_i_feel = models.CharField(max_length=40, blank=True)  # a symbol: "sad", "bad"
    what_would_help = models.TextField(blank=True)
    photo = models.ImageField(upload_to="concerns/", blank=True)
    photo_description = models.CharField(max_length=200, blank=True)
    themes = models.JSONField(default=list, blank=True)

    # When it happened; more than 12 months before it was raised, it is taken on only with
    # a recorded reason.
    happened_on = models.DateField(null=True, blank=True)
    late_reason = models.TextField(blank=True)
    # It sounds like harm or abuse: the safeguarding lead is told, whatever else happens.
    safeguarding = models.BooleanField(default=False)
    safeguarding_flagged_at = models.DateTimeField(null=True, blank=True)

    # The complaint's clock (comments and compliments are acknowledged, never timed).
    status = models.CharField(
        max_length=16, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED
    )
    received_on = models.DateField(default=timezone.localdate)
    acknowledge_by = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateField(null=True, blank=True)
    # The response period the complainant agreed to (and any extension they agreed).
    respond_by_agreed = models.BooleanField(default=False)
    delay_reason = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    upheld = models.CharField(max_length=16, choices=Upheld.choices, blank=True)
    # The written response: how it was looked at, what was found, what will be done.
    response = models.TextField(blank=True)
    response_easy_read = models.TextField(blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="feedback_concern_one_per_key",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint", raiser="anonymous"),
                name="feedback_complaint_not_anonymous",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "kind", "status", "acknowledge_by"]),
            models.Index(fields=["organisation", "kind", "status", "respond_by"]),
            models.Index(fields=["service", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class ConcernEvent(models.Model):
    """One move of a concern, or a note on it: who, when, from and to which status."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=16, choices=ConcernStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ConcernStatus.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["concern", "at", "pk"]

    def __str__(self) -> str:
        return f"Concern {self.concern_id}: {self.from_status} to {self.to_status}"


class ChangeStatus(models.TextChoices):
    PLANNED = "planned", _("We plan to do it")
    IN_PROGRESS = "in_progress", _("We are doing it")
    MADE = "made", _("Done")
    NOT_POSSIBLE = "not_possible", _("We cannot do it")


class SourceKind(models.TextChoices):
    CONCERN = "concern", _("A comment, complaint or compliment")
    IDEA = "idea", _("An idea")
    SURVEY = "survey", _("A vote or survey")
    FLAG = "flag", _("“This is not working”")
    ONE_TO_ONE = "one_to_one", _("A one-to-one meeting")
    PLAN_REVIEW = "plan_review", _("A review of a support plan")


class Change(models.Model):
    """ "You said, we did": what will be done, why, who leads it, by when, and where it
    stands, linked to what people said that led to it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The service it changes; empty for a change across the organisation.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    you_said = models.TextField()
    you_said_easy_read = models.TextField(blank=True)
    we_will = models.CharField(max_length=300)
    we_will_easy_read = models.CharField(max_length=300, blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.PLANNED
    )
    not_possible_reason = models.TextField(blank=True)
    made_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="feedback_change_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["organisation", "service", "status"])]

    def __str__(self) -> str:
        return self.we_will


class ChangeSource(models.Model):
    """One thing people said that led to a change: a concern, an idea, a vote or survey's
    outcome, a "this is not working" flag, a suggestion at a one-to-one meeting, what a
    plan review said will change. ``raised_on`` is when it was said, for the days from
    raised to made."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    object_id = models.BigIntegerField()
    raised_on = models.DateField()

    class Meta:
        ordering = ["change", "raised_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "kind", "object_id"], name="feedback_change_source_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} for change {self.change_id}"


class ChangeNote(models.Model):
    """Progress on a change, with where it stood then."""

    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="notes")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ChangeStatus.choices)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["change", "at", "pk"]

    def __str__(self) -> str:
        return f"Change {self.change_id}: {self.status}"
