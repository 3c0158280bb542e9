"""Reads of support plans that pages and other apps reuse."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.people.queries import people_managed_by
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


# A review due within this many days is on the managers' "to answer" list.
REVIEW_SOON_DAYS = 28


def reviews_to_answer(viewer: Viewer, *, today: dt.date, limit: int) -> Waiting | None:
    """Support plans of the people the viewer manages whose review is due within
    ``REVIEW_SOON_DAYS`` days or overdue, soonest first."""
    people = people_managed_by(viewer)
    if people is None:
        return None
    plans = SupportPlan.objects.filter(
        organisation=viewer.organisation,
        person__in=people.values("pk"),
        review_due_on__lte=today + dt.timedelta(days=REVIEW_SOON_DAYS),
    )
    count = plans.count()
    overdue = plans.filter(review_due_on__lt=today).count() if count else 0
    items = [
        ToAnswer(
            kind="plan_review",
            label=_("Plan review"),
            person_name=plan.person.preferred_name,
            summary=_("%(name)s's support plan review is due")
            % {"name": plan.person.preferred_name},
            due_on=plan.review_due_on,
            url=reverse("plans:reviews", kwargs={"person_id": plan.person_id}),
            pk=plan.pk,
        )
        for plan in plans.select_related("person").order_by("review_due_on", "pk")[:limit]
    ]
    return Waiting("plan_review", _("Plan review"), count, overdue, items)
