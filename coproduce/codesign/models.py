"""Documents written with the people they are for: policies, easy-read guides, the rights
and responsibilities charter, service information.

A ``Document`` has an owner, the services it applies to (or the whole organisation), a
picture topic and a status that moves draft → open for comments → easy-read version →
signed off → published → due for review, each move in ``lifecycle.py``. Its words live in
``DocumentVersion`` rows, every version kept: a version is a list of ``Paragraph`` rows,
each holding the standard words and, in the same row, the easy-read words and the picture
beside them, so the two versions stay aligned paragraph by paragraph.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("Policy")
    EASY_READ_GUIDE = "easy_read_guide", _("Easy-read guide")
    CHARTER = "charter", _("Rights and responsibilities charter")
    SERVICE_INFORMATION = "service_information", _("Service information")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN_FOR_COMMENTS = "open_for_comments", _("Open for comments")
    EASY_READ = "easy_read", _("Easy-read version being written")
    SIGNED_OFF = "signed_off", _("Signed off")
    PUBLISHED = "published", _("Published")
    DUE_FOR_REVIEW = "due_for_review", _("Due for review")


class Topic(models.TextChoices):
    """What a document is about, each shown in the library with its picture."""

    RIGHTS = "rights", _("Your rights")
    SERVICES = "services", _("Our services")
    VOTING = "voting", _("Voting")
    SAFE = "safe", _("Staying safe and well")
    INTERNET = "internet", _("The internet")
    MONEY = "money", _("Money")
    HEALTH = "health", _("Health")
    HAVING_A_SAY = "having_a_say", _("Having your say")
    OTHER = "other", _("Other")


# The picture for each topic: a symbol name from ``core/symbols.py``.
TOPIC_SYMBOLS: dict[str, str] = {
    Topic.RIGHTS: "decision",
    Topic.SERVICES: "home",
    Topic.VOTING: "vote",
    Topic.SAFE: "safe",
    Topic.INTERNET: "computer",
    Topic.MONEY: "money",
    Topic.HEALTH: "health",
    Topic.HAVING_A_SAY: "say",
    Topic.OTHER: "document",
}


class Document(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=DocumentKind.choices)
    topic = models.CharField(max_length=16, choices=Topic.choices, default=Topic.OTHER)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Empty ``services`` with ``whole_organisation`` set: it applies to everyone.
    whole_organisation = models.BooleanField(default=False)
    services = models.ManyToManyField(Service, blank=True, related_name="+")
    status = models.CharField(
        max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    # The version being written, and the one readers see (they differ while a new
    # version of a published document is written).
    current_version = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_version = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_on = models.DateField(null=True, blank=True)
    # The review date the owner was last reminded of, so each date reminds once.
    reminded_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="codesign_document_one_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "topic"]),
            models.Index(fields=["status", "review_on"]),
        ]

    def __str__(self) -> str:
        return f"Document {self.pk}"


class DocumentVersion(models.Model):
    """One version of a document's words, never changed once a newer one exists."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    title_easy_read = models.CharField(max_length=200, blank=True)
    # "What changed" from the version before, in plain words and in easy read.
    what_changed = models.TextField(blank=True)
    what_changed_easy_read = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="codesign_version_number_once"
            ),
            models.UniqueConstraint(
                fields=["document", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="codesign_version_one_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class Paragraph(models.Model):
    """One point of a version: the standard words, and beside them in the same row the
    easy-read words with their picture (an OpenMoji symbol name)."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveIntegerField()
    text = models.TextField()
    easy_text = models.TextField(blank=True)
    symbol = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="codesign_paragraph_position_once"
            )
        ]

    def __str__(self) -> str:
        return f"Paragraph {self.position} of version {self.version_id}"


class DocumentEvent(models.Model):
    """One move of a document's status: who, when, from and to, and why."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=DocumentStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=DocumentStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "at", "pk"]

    def __str__(self) -> str:
        return f"Document {self.document_id}: {self.from_status} to {self.to_status}"


class SuggestionKind(models.TextChoices):
    COMMENT = "comment", _("A comment")
    WORDING = "wording", _("Different words")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not taken up")


class SuggestedBy(models.TextChoices):
    PERSON = "person", _("A person supported")
    SUPPORTER = "supporter", _("A supporter")
    STAFF = "staff", _("A member of staff")


class Suggestion(VoiceProvenance):
    """A comment on one paragraph, or other words for it, with how it was given and who
    gave it; the editor accepts or declines it with a reason, and the suggester is told."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="suggestions")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    easy_read = models.BooleanField(default=False)
    kind = models.CharField(max_length=12, choices=SuggestionKind.choices)
    text = models.TextField()
    suggested_by = models.CharField(max_length=12, choices=SuggestedBy.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The person supported whose words these are, when a supporter or worker wrote them.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["document", "position", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="codesign_suggestion_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} on document {self.document_id}"


class SignOff(models.Model):
    """A person supported in the paid editor role read the easy-read version: "I understood
    it", or "change this" with what."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sign_offs")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    understood = models.BooleanField()
    change_this = models.TextField(blank=True)
    minutes = models.PositiveIntegerField()
    # The time recorded for payment, for a manager to approve.
    time_record = models.ForeignKey(
        "involvement.TimeRecord", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="codesign_sign_off_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"Sign-off of document {self.document_id} by {self.person_id}"


class Credit(models.Model):
    """A person supported who shaped a document, named on it ("written with Josie and Kyle")
    only once they agreed."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    agreed_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "asked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "person"], name="codesign_credit_once")
        ]

    def __str__(self) -> str:
        return f"Credit of {self.person_id} on document {self.document_id}"
