"""Reads of support plans that pages and other apps reuse."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.plans.models import PlanEntry, PlanEntryRevision, SupportPlan


def plan_entries(plan: SupportPlan | None) -> QuerySet[PlanEntry] | list[PlanEntry]:
    """Return the entries of a plan with everything their badges show."""
    if plan is None:
        return []
    return PlanEntry.objects.filter(plan=plan).select_related(
        "voice_helper", "voice_recorded_by", "response_helper", "response_recorded_by"
    )


def entry_revisions(entry: PlanEntry) -> QuerySet[PlanEntryRevision]:
    return PlanEntryRevision.objects.filter(entry=entry).select_related(
        "voice_helper", "voice_recorded_by", "changed_by"
    )


def plan_entry_fresh(entry: PlanEntry) -> PlanEntry:
    """Return the entry as saved now (after a conflict), with its badge's users."""
    return (
        PlanEntry.objects.filter(pk=entry.pk)
        .select_related("voice_helper", "voice_recorded_by")
        .get()
    )


def overdue_reviews(viewer: Viewer, today: dt.date | None = None) -> QuerySet[SupportPlan]:
    """Return the plans whose review date has passed, for the people the viewer manages
    (every plan for organisation-wide leads)."""
    today = today or timezone.localdate()
    plans = SupportPlan.objects.filter(
        organisation=viewer.organisation, review_due_on__lt=today
    ).select_related("person")
    if not viewer.has_role(*ORGANISATION_WIDE):
        services = viewer.services_for("service_manager")
        if services is not None:
            plans = plans.filter(person__services__in=services).distinct()
    return plans.order_by("review_due_on", "person__preferred_name")
