"""People supported and the supporters they choose to share with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service


class Person(models.Model):
    """Someone the organisation supports. May or may not sign in themselves."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    preferred_name = models.CharField(_("Please call me"), max_length=120)
    full_name = models.CharField(max_length=200, blank=True)
    services = models.ManyToManyField(Service, blank=True, related_name="people")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["preferred_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.preferred_name


class Supporter(models.Model):
    """A family member, friend or advocate, and what the person agreed to share with them."""

    class Relationship(models.TextChoices):
        FAMILY = "family", _("Family member")
        FRIEND = "friend", _("Friend")
        ADVOCATE = "advocate", _("Advocate")

    class Scope(models.TextChoices):
        PROFILE = "profile", _("My profile")
        PLAN = "plan", _("My support plan")
        ROTA = "rota", _("My visits and rota")
        FEEDBACK = "feedback", _("My feedback")
        MEETINGS = "meetings", _("My meetings")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="supporters")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supporting"
    )
    relationship = models.CharField(max_length=16, choices=Relationship.choices)
    scopes = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "user"],
                condition=Q(ended_at__isnull=True),
                name="one_current_supporter_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} supports {self.person}"

    def allows(self, scope: str) -> bool:
        return self.ended_at is None and scope in self.scopes
