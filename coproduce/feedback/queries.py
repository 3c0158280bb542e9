"""Reads for comments, complaints and compliments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, DateField, F, Q, QuerySet, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Membership, User
from coproduce.accounts.queries import service_managers_of
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.feedback.models import Concern, ConcernKind, ConcernStatus
from coproduce.feedback.rules import LEADS


def safeguarding_leads(concern: Concern) -> list[User]:
    """Who is told at once about a concern that sounds like harm: the organisation's
    leads and the managers of its service (never the worker it is about)."""
    leads = User.objects.filter(
        pk__in=Membership.objects.current()
        .filter(organisation_id=concern.organisation_id, role__in=LEADS)
        .values("user_id"),
        is_active=True,
    )
    found = {user.pk: user for user in leads}
    if concern.service_id is not None:
        for user in service_managers_of(
            organisation_id=concern.organisation_id, service_ids=[concern.service_id]
        ):
            found.setdefault(user.pk, user)
    found.pop(concern.worker_id or 0, None)
    return list(found.values())


def concerns_of(organisation_id: int) -> QuerySet[Concern]:
    return Concern.objects.filter(organisation_id=organisation_id)


def _handled_by(viewer: Viewer) -> QuerySet[Concern] | None:
    """The concerns the viewer handles (None: they handle none): a lead's across the
    organisation, a manager's at the services they manage, never one about themself."""
    concerns = Concern.objects.filter(organisation=viewer.organisation).exclude(
        worker_id=viewer.user.pk
    )
    if viewer.has_role(*LEADS):
        return concerns
    if not viewer.has_role("service_manager"):
        return None
    managed = viewer.services_for("service_manager")
    if managed is None:
        return concerns
    return concerns.filter(Q(service_id__in=managed) | Q(handler_id=viewer.user.pk))


def complaints_to_answer(viewer: Viewer, *, today: dt.date, limit: int) -> Waiting | None:
    """Complaints waiting for the viewer: to acknowledge (due 3 working days after they
    arrived) or to answer (due on the agreed date), soonest due first; overdue first. The
    item names neither who complained nor what about."""
    complaints = _handled_by(viewer)
    if complaints is None:
        return None
    waiting = (
        complaints.filter(kind=ConcernKind.COMPLAINT)
        .exclude(status__in=[ConcernStatus.RESPONDED, ConcernStatus.CLOSED])
        .annotate(
            due=Case(
                When(status=ConcernStatus.RECEIVED, then=F("acknowledge_by")),
                default=F("respond_by"),
                output_field=DateField(),
            )
        )
    )
    count = waiting.count()
    overdue = waiting.filter(due__lt=today).count() if count else 0
    items = [
        ToAnswer(
            kind="complaint",
            label=_("Complaint"),
            person_name=concern.service.name if concern.service else "",
            summary=(
                _("A complaint about %(place)s to acknowledge")
                if concern.status == ConcernStatus.RECEIVED
                else _("A complaint about %(place)s to answer")
            )
            % {"place": concern.service.name if concern.service else _("the organisation")},
            due_on=concern.due,
            url=reverse("feedback:concern", kwargs={"concern_id": concern.pk}),
            pk=concern.pk,
            status=concern.get_status_display(),
        )
        for concern in waiting.select_related("service").order_by("due", "pk")[:limit]
    ]
    return Waiting("complaint", _("Complaint"), count, overdue, items)
