"""Anonymised figures per service, from what the platform records: no name, no person.

Every count goes through ``rules.shown_count``: below 5 it reads "fewer than 5".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from coproduce.accounts.models import Service
from coproduce.decisions.models import Decision, Rung
from coproduce.insights.rules import shown_count
from coproduce.matching.models import ChangeRequest
from coproduce.plans.models import CheckIn, Mood


@dataclass
class ServiceFigures:
    """One service's figures; each value is a count, or None for "fewer than 5"."""

    service: Service
    decisions_by_rung: dict[str, int | None] = field(default_factory=dict)
    decisions_without_person: int | None = None
    change_requests_asked: int | None = None
    change_requests_honoured: int | None = None
    moods: dict[str, int | None] = field(default_factory=dict)


def figures_since() -> dt.date:
    """Figures cover the last twelve months."""
    return timezone.localdate() - dt.timedelta(days=365)


def service_figures(services: list[Service]) -> list[ServiceFigures]:
    """Return the figures of these services (one page of them) in four grouped queries."""
    since = figures_since()
    ids = [s.pk for s in services]
    # A decision counts for its own service, or for the services of the person it is about.
    decisions = (
        Decision.objects.filter(decided_on__gte=since)
        .annotate(counted=Coalesce("service_id", "person__services"))
        .filter(counted__in=ids)
        .order_by()
        .values("counted")
    )
    by_rung: dict[tuple[int, str], int] = {
        (row["counted"], row["rung"]): row["n"]
        for row in decisions.values("counted", "rung").annotate(n=Count("pk", distinct=True))
    }
    without: dict[int, int] = {
        row["counted"]: row["n"]
        for row in decisions.filter(person_took_part=False).annotate(n=Count("pk", distinct=True))
    }
    requests = {
        row["service_id"]: row
        for row in ChangeRequest.objects.filter(service_id__in=ids, created_at__date__gte=since)
        .order_by()
        .values("service_id")
        .annotate(
            asked=Count("pk"), honoured=Count("pk", filter=Q(status=ChangeRequest.Status.CHANGED))
        )
    }
    moods: dict[tuple[int, str], int] = {
        (row["service"], row["mood"]): row["n"]
        for row in CheckIn.objects.filter(person__services__in=ids, date__gte=since)
        .annotate(service=F("person__services"))
        .order_by()
        .values("service", "mood")
        # A check-in meets each of its person's services once: no DISTINCT (and no sort of
        # every check-in of the page's services) is needed.
        .annotate(n=Count("pk"))
    }
    figures = []
    for service in services:
        asked = requests.get(service.pk, {"asked": 0, "honoured": 0})
        figures.append(
            ServiceFigures(
                service=service,
                decisions_by_rung={
                    rung: shown_count(by_rung.get((service.pk, rung), 0)) for rung in Rung.values
                },
                decisions_without_person=shown_count(without.get(service.pk, 0)),
                change_requests_asked=shown_count(asked["asked"]),
                change_requests_honoured=shown_count(asked["honoured"]),
                moods={mood: shown_count(moods.get((service.pk, mood), 0)) for mood in Mood.values},
            )
        )
    return figures
