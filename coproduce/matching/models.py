"""What matching needs that no other app holds yet."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
