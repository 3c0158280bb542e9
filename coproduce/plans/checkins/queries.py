"""Reads of check-ins, one-to-ones and flags that pages and other apps reuse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import User
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.people.models import Person
from coproduce.people.queries import people_managed_by
from coproduce.plans.business_rules import FLAG_ANSWER_DAYS, flag_answer_by
from coproduce.plans.models.checkins import CheckIn, NotWorkingFlag, OneToOne, OneToOneAction

LEADS = ORGANISATION_WIDE


def _staff_service_ids(viewer: Viewer) -> set[int] | None:
    """Return the services the viewer works in or manages, or None for all of them."""
    found: set[int] = set()
    for role in ("support_worker", "service_manager"):
        if not viewer.has_role(role):
            continue
        limited = viewer.services_for(role)
        if limited is None:
            return None
        found |= set(limited)
    return found


def todays_check_ins(
    viewer: Viewer, day: dt.date | None = None
) -> list[tuple[Person, CheckIn | None]]:
    """Return the people in the viewer's services, those who checked in today first, each
    with today's check-in (or None). Two queries, however many people."""
    day = day or timezone.localdate()
    people = Person.objects.filter(organisation=viewer.organisation)
    services = _staff_service_ids(viewer)
    if services is not None:
        people = people.filter(services__in=services).distinct()
    people = people.prefetch_related(
        Prefetch(
            "check_ins",
            queryset=CheckIn.objects.filter(date=day).select_related("voice_helper"),
            to_attr="today",
        )
    ).order_by("preferred_name", "pk")
    rows: list[tuple[Person, CheckIn | None]] = [
        (p, p.today[0] if p.today else None) for p in people
    ]
    rows.sort(key=lambda row: row[1] is None)
    return rows


def person_check_ins(person: Person, days: int = 28) -> QuerySet[CheckIn]:
    """Return the person's check-ins of the last ``days`` days, oldest first."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    return (
        CheckIn.objects.filter(person=person, date__gte=since)
        .select_related("voice_helper", "voice_recorded_by")
        .order_by("date")
    )


def todays_check_in(person: Person) -> CheckIn | None:
    return CheckIn.objects.filter(person=person, date=timezone.localdate()).first()


def person_one_to_ones(person: Person) -> QuerySet[OneToOne]:
    return OneToOne.objects.filter(person=person).select_related("keyworker")


def one_to_one_actions(meeting: OneToOne) -> QuerySet[OneToOneAction]:
    return OneToOneAction.objects.filter(one_to_one=meeting)


def open_flags(viewer: Viewer) -> QuerySet[NotWorkingFlag]:
    """Return the open flags of the people the viewer manages (every one for leads)."""
    flags = NotWorkingFlag.objects.filter(
        organisation=viewer.organisation, status=NotWorkingFlag.Status.OPEN
    ).select_related("person", "created_by")
    if not viewer.has_role(*LEADS):
        services = viewer.services_for("service_manager")
        if services is not None:
            flags = flags.filter(person__services__in=services).distinct()
    return flags.order_by("created_at", "id")


def person_flags(person: Person) -> QuerySet[NotWorkingFlag]:
    return NotWorkingFlag.objects.filter(person=person).select_related("answered_by")


def keyworkers_for(person: Person) -> QuerySet[User]:
    """Return the workers and managers of the person's services, by name."""
    service_ids = [s.pk for s in person.services.all()]
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=person.organisation_id,
            memberships__ended_at__isnull=True,
            memberships__role__in=("support_worker", "service_manager"),
        )
        .filter(Q(memberships__services__in=service_ids) | Q(memberships__services__isnull=True))
        .distinct()
        .order_by("name", "pk")
    )


def flag_source(person: Person, kind: str, source_id: str) -> Any:
    """Return the check-in, one-to-one or plan entry of the person a flag is about, or None."""
    from coproduce.plans.models import PlanEntry

    try:
        pk = int(source_id)
    except ValueError:
        return None
    if kind == "check_in":
        return CheckIn.objects.filter(person=person, pk=pk).first()
    if kind == "one_to_one":
        return OneToOne.objects.filter(person=person, pk=pk).first()
    if kind == "plan_entry":
        return PlanEntry.objects.filter(plan__person=person, pk=pk).first()
    return None


def flags_to_answer(viewer: Viewer, *, today: dt.date, limit: int) -> Waiting | None:
    """Open "this is not working" flags the viewer may answer: a manager's for the people
    they manage, a quality lead's everywhere; oldest first (``business_rules.flag_answer_by``).
    What was said stays on the flag's own page."""
    people = people_managed_by(viewer, also=("quality_lead",))
    if people is None:
        return None
    flags = NotWorkingFlag.objects.filter(
        organisation=viewer.organisation,
        status=NotWorkingFlag.Status.OPEN,
        person__in=people.values("pk"),
    )
    count = flags.count()
    # Flags created before this moment of the day, ANSWER_DAYS ago, are overdue.
    overdue_before = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=FLAG_ANSWER_DAYS), dt.time.min)
    )
    overdue = flags.filter(created_at__lt=overdue_before).count() if count else 0
    items = [
        ToAnswer(
            kind="not_working",
            label=_("Something is not working"),
            person_name=flag.person.preferred_name,
            summary=_("%(name)s said something is not working")
            % {"name": flag.person.preferred_name},
            due_on=flag_answer_by(flag.created_at),
            url=reverse("plans:not_working", kwargs={"flag_id": flag.pk}),
            pk=flag.pk,
        )
        for flag in flags.select_related("person").order_by("created_at", "pk")[:limit]
    ]
    return Waiting("not_working", _("Something is not working"), count, overdue, items)
