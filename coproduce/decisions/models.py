"""The decisions ledger: every decision about a person or a service, and the rung it reached."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import VoiceHow, VoiceProvenance


class Rung(models.TextChoices):
    """The co-production ladder (Think Local Act Personal), lowest rung first."""

    COERCION = "coercion", _("Coercion")
    EDUCATING = "educating", _("Educating")
    INFORMING = "informing", _("Informing")
    CONSULTATION = "consultation", _("Consultation")
    ENGAGEMENT = "engagement", _("Engagement")
    CO_DESIGN = "co_design", _("Co-design")
    CO_PRODUCTION = "co_production", _("Co-production")

    @classmethod
    def order(cls, value: str) -> int:
        """Return the rung's place on the ladder: 0 for coercion up to 6 for co-production."""
        return list(cls.values).index(value)


# What each rung means, in plain words, for staff pages and the form.
RUNG_DESCRIPTIONS: dict[str, str | Promise] = {
    Rung.COERCION: _(
        "The decision was made for the person. They were not asked and had to go along with it."
    ),
    Rung.EDUCATING: _(
        "The decision was already made. Someone explained it so the person would accept it."
    ),
    Rung.INFORMING: _("The person was told what was decided and why. They could not change it."),
    Rung.CONSULTATION: _("The person was asked what they thought. Other people decided."),
    Rung.ENGAGEMENT: _(
        "The person's ideas were listened to and could change the decision, but other "
        "people still decided."
    ),
    Rung.CO_DESIGN: _("The person helped design what happens. Their ideas shaped the decision."),
    Rung.CO_PRODUCTION: _(
        "The person and staff decided together, as equal partners, from start to finish."
    ),
}

# The rung in easy read, said to the person the decision is about.
RUNG_EASY_READ: dict[str, str | Promise] = {
    Rung.COERCION: _("It was decided for you."),
    Rung.EDUCATING: _("Someone explained it to you."),
    Rung.INFORMING: _("You were told."),
    Rung.CONSULTATION: _("You were asked what you think."),
    Rung.ENGAGEMENT: _("Your ideas were heard."),
    Rung.CO_DESIGN: _("You helped plan it."),
    Rung.CO_PRODUCTION: _("You helped decide."),
}

# The same, said to a supporter about the person ("%(name)s" is the person's name).
RUNG_EASY_READ_ABOUT: dict[str, str | Promise] = {
    Rung.COERCION: _("It was decided for %(name)s."),
    Rung.EDUCATING: _("Someone explained it to %(name)s."),
    Rung.INFORMING: _("%(name)s was told."),
    Rung.CONSULTATION: _("%(name)s was asked what they think."),
    Rung.ENGAGEMENT: _("%(name)s's ideas were heard."),
    Rung.CO_DESIGN: _("%(name)s helped plan it."),
    Rung.CO_PRODUCTION: _("%(name)s helped decide."),
}

RUNG_TAG_COLOURS: dict[str, str] = {
    Rung.COERCION: "red",
    Rung.EDUCATING: "orange",
    Rung.INFORMING: "yellow",
    Rung.CONSULTATION: "grey",
    Rung.ENGAGEMENT: "blue",
    Rung.CO_DESIGN: "turquoise",
    Rung.CO_PRODUCTION: "green",
}

# The easy-read picture beside each rung (names from coproduce/core/symbols.py).
RUNG_SYMBOLS: dict[str, str] = {
    Rung.COERCION: "stop",
    Rung.EDUCATING: "talk",
    Rung.INFORMING: "tell",
    Rung.CONSULTATION: "question",
    Rung.ENGAGEMENT: "listen",
    Rung.CO_DESIGN: "idea",
    Rung.CO_PRODUCTION: "together",
}

# The rungs at which the person shapes the decision itself.
SHAPING_RUNGS = frozenset({Rung.CO_DESIGN, Rung.CO_PRODUCTION})


class Decision(VoiceProvenance):
    """One decision about a person or a service: what, who took part, the person's own
    view (with how it was given) and the rung of the ladder it reached."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="decisions"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    service = models.ForeignKey(
        "accounts.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    what = models.TextField(_("What was decided"), max_length=2000)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="decisions_taken_part_in"
    )
    other_participants = models.CharField(
        _("Anyone else who took part"), max_length=500, blank=True
    )
    person_took_part = models.BooleanField(_("The person took part"))
    person_view = models.TextField(_("The person's own view"), max_length=4000, blank=True)
    # No view given, no way of giving it: the provenance is blank with the view.
    voice_how = models.CharField(
        _("How was this view given?"), max_length=16, choices=VoiceHow.choices, blank=True
    )
    # How the helper related to the person when the view was given ("family member").
    voice_helper_note = models.CharField(max_length=60, blank=True)
    rung = models.CharField(_("Rung on the ladder"), max_length=16, choices=Rung.choices)
    decided_on = models.DateField(_("Decided on"))
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Sent with the form, so the same form posted twice records one decision.
    idempotency_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(person__isnull=False, service__isnull=True)
                    | Q(person__isnull=True, service__isnull=False)
                ),
                name="decision_about_a_person_or_a_service",
            ),
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                name="decision_idempotency_key_unique_in_organisation",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "person", "-decided_on"], name="decision_org_person_date"
            ),
            models.Index(
                fields=["organisation", "service", "-decided_on"],
                name="decision_org_service_date",
            ),
            models.Index(fields=["subject_type", "subject_id"], name="decision_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.decided_on}: {self.what[:60]}"

    @property
    def taken_without_person(self) -> bool:
        return not self.person_took_part

    @property
    def rung_order(self) -> int:
        return Rung.order(self.rung)

    @property
    def rung_description(self) -> str:
        return str(RUNG_DESCRIPTIONS[self.rung])

    @property
    def rung_colour(self) -> str:
        return RUNG_TAG_COLOURS[self.rung]

    @property
    def has_view(self) -> bool:
        return bool(self.person_view.strip())
