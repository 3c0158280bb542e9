"""Paid involvement: roles and the opportunities that advertise them, hours and expenses,
the organisation's rates and limits, and the payroll exports that pay them.

Money is whole pence in ``PositiveIntegerField`` columns, never floats (ADR 0022). An
``Activity`` is a kind and an id with a plain description, so a meeting, a document
signed off or a quality visit becomes something to record time against without a foreign
key to each app. A payment keeps hold of its activity and payroll export (``RESTRICT``):
neither can be deleted while a payment names it, yet removing an organisation removes them
together.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance

# ESA permitted work: up to £195.50 a week, and under 16 hours (a setting per organisation).
ESA_WEEKLY_LIMIT_PENCE = 19550
ESA_WEEKLY_HOURS = 16


class StandardRole(models.TextChoices):
    POLICY_EDITOR = "policy_editor", _("Policy editor")
    QUALITY_CHECKER = "quality_checker", _("Quality checker")
    INTERVIEW_PANEL = "interview_panel", _("Interview panel member")
    GROUP_MEMBER = "group_member", _("Group member")
    TRAINER = "trainer", _("Trainer")


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("A meeting")
    DOCUMENT = "document", _("Reading or signing off a document")
    QUALITY_VISIT = "quality_visit", _("A quality check visit")
    INTERVIEW = "interview", _("An interview panel")
    TRAINING = "training", _("Giving training")
    OTHER = "other", _("Something else")


class RateBasis(models.TextChoices):
    HOURLY = "hourly", _("For each hour")
    SESSION = "session", _("For each session")


class ExpenseKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    REPLACEMENT_CARE = "replacement_care", _("Replacement care")
    SUPPORT_WORKER = "support_worker", _("A support worker")
    MEALS = "meals", _("Meals")


class Benefit(models.TextChoices):
    NONE = "none", _("I do not get benefits")
    ESA = "esa", _("Employment and Support Allowance (ESA)")
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit")
    OTHER = "other", _("Another benefit")
    NOT_SAID = "not_said", _("I prefer not to say")


class PaymentChoice(models.TextChoices):
    PAY = "pay", _("Be paid")
    VOUCHERS = "vouchers", _("Have vouchers")
    VOLUNTEER = "volunteer", _("Volunteer without pay")


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting to be checked")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")
    PAID = "paid", _("Sent to be paid")


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    AGREED = "agreed", _("Agreed")
    NOT_NOW = "not_now", _("Not now")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class InvolvementSettings(models.Model):
    """The organisation's permitted-work limit for ESA. A missing row means the defaults."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    esa_weekly_limit_pence = models.PositiveIntegerField(default=ESA_WEEKLY_LIMIT_PENCE)
    # Permitted work must stay under this many hours a week.
    esa_weekly_hours = models.PositiveSmallIntegerField(default=ESA_WEEKLY_HOURS)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "involvement settings"

    def __str__(self) -> str:
        return f"Involvement settings of {self.organisation_id}"


class Rate(models.Model):
    """What the organisation pays for one kind of activity, by the hour or the session."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    activity_kind = models.CharField(max_length=16, choices=ActivityKind.choices)
    basis = models.CharField(max_length=8, choices=RateBasis.choices)
    pence = models.PositiveIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "activity_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "activity_kind"], name="involvement_one_rate_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_kind}: {self.pence}p {self.basis}"


class ExpenseLimit(models.Model):
    """The most the organisation repays for one claim of a kind without a reason."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ExpenseKind.choices)
    limit_pence = models.PositiveIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="involvement_one_limit_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: up to {self.limit_pence}p"


class InvolvementRole(models.Model):
    """A paid or voluntary role: one of the standard five by code, or one the organisation
    added by name."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    standard = models.CharField(max_length=24, choices=StandardRole.choices, blank=True)
    name = models.CharField(max_length=120, blank=True)
    description = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "standard", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "standard"],
                condition=~Q(standard=""),
                name="involvement_standard_role_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=Q(standard=""),
                name="involvement_added_role_name_once",
            ),
            models.CheckConstraint(
                condition=~Q(standard="", name=""), name="involvement_role_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return str(StandardRole(self.standard).label) if self.standard else self.name


class Opportunity(models.Model):
    """A role advertised, in plain words and easy read, with a picture (a symbol name)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(InvolvementRole, on_delete=models.RESTRICT, related_name="+")
    # The service it is for; empty for one across the organisation.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=150)
    what_you_do = models.TextField()
    what_you_do_easy_read = models.TextField()
    symbol = models.CharField(max_length=40, default="people")
    closes_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="involvement_opportunity_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["organisation", "is_open", "closes_on"])]

    def __str__(self) -> str:
        return self.title


class Interest(VoiceProvenance):
    """A person says they are interested in an opportunity (themself, or through a
    supporter or worker, with how they said it); a manager agrees or says "not now" with
    a reason the person is told."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    why = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "person"], name="involvement_interest_once"
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Interest {self.pk}"


class RoleHeld(models.Model):
    """A person holds a role from the day it was agreed until it ends."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(InvolvementRole, on_delete=models.RESTRICT, related_name="+")
    interest = models.ForeignKey(
        Interest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = "role held"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(ended_on__isnull=True),
                name="involvement_role_held_once",
            )
        ]
        indexes = [models.Index(fields=["organisation", "ended_on"])]

    def __str__(self) -> str:
        return f"Role {self.role_id} held by {self.person_id}"


class Activity(models.Model):
    """Something a person's time is recorded against: a meeting, a document signed off, a
    quality visit, by its kind and (once those apps exist) its own id."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=ActivityKind.choices)
    # The meeting's, document's or visit's id in its own app; empty when written by hand.
    object_id = models.BigIntegerField(null=True, blank=True)
    description = models.CharField(max_length=200)
    happened_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "object_id"],
                condition=Q(object_id__isnull=False),
                name="involvement_one_activity_per_object",
            )
        ]

    def __str__(self) -> str:
        return self.description


class PayrollExport(models.Model):
    """One payroll run: everything approved and not yet paid, at the moment it ran."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    time_count = models.PositiveIntegerField(default=0)
    expense_count = models.PositiveIntegerField(default=0)
    total_pence = models.PositiveIntegerField(default=0)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="involvement_export_number_once"
            ),
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="involvement_export_one_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"Payroll export {self.number}"


class TimeRecord(models.Model):
    """Time a person gave to an activity, recorded by them or their worker, approved or
    sent back by a manager. The rate, basis and amount are kept as approved."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.RESTRICT, related_name="+")
    role_held = models.ForeignKey(
        RoleHeld, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    minutes = models.PositiveIntegerField()
    payment_choice = models.CharField(max_length=16, choices=PaymentChoice.choices)
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when approved.
    rate_pence = models.PositiveIntegerField(null=True, blank=True)
    rate_basis = models.CharField(max_length=8, choices=RateBasis.choices, blank=True)
    amount_pence = models.PositiveIntegerField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_back_reason = models.TextField(blank=True)
    # The approver was shown that this crossed the ESA permitted-work limit and went on.
    approved_over_permitted_work = models.BooleanField(default=False)
    exported_in = models.ForeignKey(
        PayrollExport, on_delete=models.RESTRICT, null=True, blank=True, related_name="time"
    )
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="involvement_time_one_per_key",
            ),
            models.CheckConstraint(condition=Q(minutes__gt=0), name="involvement_time_minutes"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"Time record {self.pk}"


class ExpenseClaim(models.Model):
    """Money a person spent to take part, with a photo of the receipt, checked against
    the organisation's limit for its kind."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.RESTRICT, related_name="+")
    kind = models.CharField(max_length=16, choices=ExpenseKind.choices)
    amount_pence = models.PositiveIntegerField()
    description = models.CharField(max_length=300)
    # The stored name of the checked receipt photo, served only through an access check.
    receipt = models.CharField(max_length=200, blank=True)
    receipt_description = models.CharField(max_length=200, blank=True)
    # The organisation's limit when it was claimed, and whether the claim was over it.
    limit_pence = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_back_reason = models.TextField(blank=True)
    # Why a claim over the limit was approved all the same.
    over_limit_reason = models.TextField(blank=True)
    exported_in = models.ForeignKey(
        PayrollExport, on_delete=models.RESTRICT, null=True, blank=True, related_name="expenses"
    )
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="involvement_expense_one_per_key",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="involvement_expense_amount"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self) -> str:
        return f"Expense claim {self.pk}"

    @property
    def over_limit(self) -> bool:
        return self.limit_pence is not None and self.amount_pence > self.limit_pence


class InvolvementProfile(models.Model):
    """What the person chose: the benefit they receive (if they want to say) and how they
    want to be paid. Recorded by them, their supporter or their worker."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="involvement_profile"
    )
    benefit = models.CharField(max_length=16, choices=Benefit.choices, default=Benefit.NOT_SAID)
    payment_choice = models.CharField(
        max_length=16, choices=PaymentChoice.choices, default=PaymentChoice.PAY
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Involvement profile of {self.person_id}"
