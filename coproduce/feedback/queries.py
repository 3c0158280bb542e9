"""Reads for comments, complaints and compliments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, DateField, F, Q, QuerySet, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Membership, Service, User
from coproduce.accounts.queries import service_managers_of
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.feedback.models import Change, ChangeStatus, Concern, ConcernKind, ConcernStatus
from coproduce.feedback.rules import LEADS
from coproduce.people.models import Person, Supporter

FEEDBACK = Supporter.Scope.FEEDBACK


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


def people_i_raise_for(viewer: Viewer) -> QuerySet[Person]:
    """Whom the viewer may raise a concern for: the people they support who share "My
    feedback" with them, and (staff) the people at the services they work in."""
    from coproduce.core.roles import ORGANISATION_WIDE
    from coproduce.people.queries import people_where_i_work

    people = Person.objects.filter(organisation=viewer.organisation)
    if viewer.has_role(*ORGANISATION_WIDE):
        return people.order_by("preferred_name", "pk")
    shared = [pk for pk, scopes in viewer.shared_scopes.items() if FEEDBACK in scopes]
    if not viewer.shared_scopes and viewer.supported_person_ids:
        shared = [
            person_id
            for person_id, scopes in Supporter.objects.filter(
                user=viewer.user, person_id__in=viewer.supported_person_ids, ended_at__isnull=True
            ).values_list("person_id", "scopes")
            if FEEDBACK in (scopes or [])
        ]
    at_work = people_where_i_work(viewer).values("pk")
    return (
        people.filter(Q(pk__in=shared) | Q(pk__in=at_work))
        .distinct()
        .order_by("preferred_name", "pk")
    )


def services_to_raise_about(viewer: Viewer) -> QuerySet[Service]:
    """The organisation's services, the viewer's own (or those of whom they support) first
    is left to the form; every service may be named."""
    return Service.objects.filter(organisation=viewer.organisation).order_by("name")


def workers_to_raise_about(organisation_id: int, service_ids: list[int]) -> QuerySet[User]:
    """The workers and managers of these services, by name."""
    from coproduce.accounts.queries import staff_user_ids

    ids = staff_user_ids(
        organisation_id,
        scoped_roles=("support_worker", "service_manager"),
        service_ids=service_ids,
    )
    return User.objects.filter(pk__in=sorted(ids), is_active=True).order_by("name", "pk")


def concerns_raised_by(viewer: Viewer) -> QuerySet[Concern]:
    """What the viewer raised, and what was raised for them (a person supported)."""
    condition = Q(raised_by=viewer.user)
    if viewer.person_id is not None:
        condition |= Q(person_id=viewer.person_id)
    return (
        Concern.objects.filter(organisation=viewer.organisation)
        .filter(condition)
        .select_related("service")
        .order_by("-received_on", "-pk")
    )


def complaints_due(today: dt.date) -> QuerySet[Concern]:
    """Complaints still to acknowledge or answer whose date is near or past (a few days
    ahead, so the working day before a weekend is caught)."""
    soon = today + dt.timedelta(days=7)
    return (
        Concern.objects.filter(kind=ConcernKind.COMPLAINT)
        .filter(
            Q(status=ConcernStatus.RECEIVED, acknowledge_by__lte=soon)
            | Q(
                status__in=[ConcernStatus.ACKNOWLEDGED, ConcernStatus.INVESTIGATING],
                respond_by__lte=soon,
            )
        )
        .select_related("service", "organisation", "handler")
        .order_by("pk")
    )


def reminder_recipients(concern: Concern) -> list[User]:
    """The handler and the managers of the service (or the leads, for a complaint about
    the organisation), never the worker it is about."""
    found: dict[int, User] = {}
    if concern.handler is not None and concern.handler.is_active:
        found[concern.handler.pk] = concern.handler
    if concern.service_id is not None:
        for user in service_managers_of(
            organisation_id=concern.organisation_id, service_ids=[concern.service_id]
        ):
            found.setdefault(user.pk, user)
    found.pop(concern.worker_id or 0, None)
    if not found:
        for user in safeguarding_leads(concern):
            found.setdefault(user.pk, user)
    return [user for user in found.values() if user.is_active]


def changes_in(
    organisation_id: int, *, service_id: int | None = None, status: str = ""
) -> QuerySet[Change]:
    """The organisation's changes, newest first; for one service, its own and those
    across the organisation."""
    changes = Change.objects.filter(organisation_id=organisation_id).select_related("service")
    if service_id is not None:
        changes = changes.filter(Q(service_id=service_id) | Q(service__isnull=True))
    if status:
        changes = changes.filter(status=status)
    return changes.order_by("-created_at", "-pk")


def change_in(organisation_id: int, change_id: int) -> Change | None:
    return (
        Change.objects.filter(organisation_id=organisation_id, pk=change_id)
        .select_related("service", "lead")
        .first()
    )


def service_in(organisation_id: int, service_id: int) -> Service | None:
    return Service.objects.filter(organisation_id=organisation_id, pk=service_id).first()


def open_changes_for(organisation_id: int, service_id: int | None) -> list[Change]:
    """Changes still to be made that a new source could join."""
    changes = Change.objects.filter(
        organisation_id=organisation_id,
        status__in=[ChangeStatus.PLANNED, ChangeStatus.IN_PROGRESS],
    )
    if service_id is not None:
        changes = changes.filter(Q(service_id=service_id) | Q(service__isnull=True))
    return list(changes.order_by("-created_at", "-pk")[:20])


def source_counts(change: Change) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in change.sources.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    return counts
