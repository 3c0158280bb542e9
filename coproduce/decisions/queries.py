"""Reads about decisions, always starting from the viewer's organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from coproduce.accounts.models import Membership, Service, User
from coproduce.accounts.queries import staff_user_ids
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import SERVICE_SCOPED_ROLES, Viewer
from coproduce.decisions.models import SHAPING_RUNGS, Decision, Rung
from coproduce.decisions.rules import (
    DECISION_SCOPES,
    DEFAULT_DECISION_SCOPE,
    scopes_shared_with,
    sees_every_decision_about,
)
from coproduce.people.models import Person, Supporter
from coproduce.people.rules import is_the_person, person_rules


def _decisions(viewer: Viewer) -> QuerySet[Decision]:
    if viewer.organisation is None:
        return Decision.objects.none()
    return Decision.objects.filter(organisation=viewer.organisation)


def _for_lists(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related(
        "person", "service", "recorded_by", "voice_helper", "voice_recorded_by"
    ).prefetch_related("participants")


def decisions_about_person(viewer: Viewer, person: Person) -> QuerySet[Decision]:
    """Return the decisions about a person the viewer has already reached, newest first;
    for a supporter, only those about what the person shares with them."""
    decisions = _decisions(viewer).filter(person=person)
    if not sees_every_decision_about(viewer, person):
        decisions = shared_with_supporter(decisions, scopes_shared_with(viewer, person))
    return _for_lists(decisions).order_by("-decided_on", "-id")


def shared_with_supporter(decisions: QuerySet[Decision], scopes: set[str]) -> QuerySet[Decision]:
    """Keep the decisions a supporter with these scopes may see (``DECISION_SCOPES``)."""
    named = {
        label: ContentType.objects.get_by_natural_key(*label.split(".")).pk
        for label in DECISION_SCOPES
    }
    hidden = [pk for label, pk in named.items() if DECISION_SCOPES[label] not in scopes]
    decisions = decisions.exclude(subject_type__in=hidden)
    if DEFAULT_DECISION_SCOPE not in scopes:
        shown = [pk for label, pk in named.items() if DECISION_SCOPES[label] in scopes]
        decisions = decisions.filter(subject_type__in=shown)
    return decisions


def decisions_about_service(viewer: Viewer, service: Service) -> QuerySet[Decision]:
    """Return the decisions about the service itself, newest first."""
    return _for_lists(_decisions(viewer).filter(service=service)).order_by("-decided_on", "-id")


def decisions_about_people_in_service(viewer: Viewer, service: Service) -> QuerySet[Decision]:
    """Return the decisions about people who use the service, newest first."""
    return _for_lists(_decisions(viewer).filter(person__services=service)).order_by(
        "-decided_on", "-id"
    )


def people_sharing_decisions(viewer: Viewer) -> list[Person]:
    """Return the people whose decisions the viewer sees as "about me" or as their
    supporter: themselves, and each person who shares their plan with them."""
    if viewer.organisation is None:
        return []
    ids = set(viewer.supported_person_ids)
    if viewer.person_id is not None:
        ids.add(viewer.person_id)
    if not ids:
        return []
    people = (
        Person.objects.filter(organisation=viewer.organisation, pk__in=ids)
        .prefetch_related("services")
        .order_by("preferred_name", "pk")
    )
    # The person first, then the people they support; the rule decides, as everywhere.
    allowed = [p for p in people if person_rules.test_rule("view_decisions", viewer, p)]
    return sorted(allowed, key=lambda p: p.pk != viewer.person_id)


def services_overseen(viewer: Viewer) -> QuerySet[Service]:
    """Return the services whose decisions the viewer oversees: the services they manage,
    or every service for organisation-wide roles."""
    if viewer.organisation is None:
        return Service.objects.none()
    services = Service.objects.filter(organisation=viewer.organisation)
    if viewer.has_role(*ORGANISATION_WIDE):
        return services
    if "service_manager" not in viewer.roles:
        return Service.objects.none()
    limited = viewer.services_for("service_manager")
    if limited is None:
        return services
    return services.filter(pk__in=limited)


@dataclass
class ServiceDecisionCounts:
    """How decisions about a service and the people who use it went."""

    service: Service
    total: int = 0
    without_person: int = 0
    by_rung: dict[str, int] = field(default_factory=dict)

    @property
    def shaping(self) -> int:
        return sum(self.by_rung.get(rung, 0) for rung in SHAPING_RUNGS)

    @property
    def shaping_percent(self) -> int | None:
        return round(100 * self.shaping / self.total) if self.total else None

    @property
    def without_percent(self) -> int | None:
        return round(100 * self.without_person / self.total) if self.total else None

    def rungs(self) -> list[tuple[str, str, int]]:
        """Return (value, label, count) for each rung, lowest first."""
        return [(value, str(label), self.by_rung.get(value, 0)) for value, label in Rung.choices]


def _counts_by_service(
    viewer: Viewer, services: QuerySet[Service], since: dt.date | None = None
) -> dict[int, dict[str, Any]]:
    """Count decisions per service in one aggregated query.

    A decision about a person counts for each service they use; a decision about a
    service counts for that service.
    """
    decisions = _decisions(viewer)
    if since is not None:
        decisions = decisions.filter(decided_on__gte=since)
    rows = (
        decisions.annotate(counted_service=Coalesce("service_id", "person__services"))
        .filter(counted_service__in=services.values("pk"))
        .values("counted_service")
        .annotate(
            total=Count("pk"),
            without_person=Count("pk", filter=Q(person_took_part=False)),
            **{f"rung_{value}": Count("pk", filter=Q(rung=value)) for value in Rung.values},
        )
        .order_by()
    )
    return {row["counted_service"]: dict(row) for row in rows}


def _service_counts(service: Service, row: dict[str, Any] | None) -> ServiceDecisionCounts:
    if row is None:
        return ServiceDecisionCounts(service=service)
    return ServiceDecisionCounts(
        service=service,
        total=row["total"],
        without_person=row["without_person"],
        by_rung={value: row[f"rung_{value}"] for value in Rung.values},
    )


SORTS = {
    "name": lambda c: (c.service.name.lower(),),
    "without": lambda c: (-(c.without_percent or 0), -c.without_person, c.service.name.lower()),
    "shaping": lambda c: (
        c.shaping_percent if c.shaping_percent is not None else 101,
        c.service.name.lower(),
    ),
    "total": lambda c: (-c.total, c.service.name.lower()),
}


def service_decision_counts(
    viewer: Viewer, *, sort: str = "name", services: QuerySet[Service] | None = None
) -> list[ServiceDecisionCounts]:
    """Return each overseen service with its decision counts (total, taken without the
    person, by rung), sorted. Two queries, however many services there are."""
    services = services if services is not None else services_overseen(viewer)
    services = services.filter(is_active=True).only("pk", "name", "kind", "organisation_id")
    counts = _counts_by_service(viewer, services)
    result = [_service_counts(service, counts.get(service.pk)) for service in services]
    result.sort(key=SORTS.get(sort, SORTS["name"]))
    return result


# Which services a sort ranks before the rest; the rest follow by name (in the database).
RANKED_FIRST = {
    "name": lambda c: False,
    "without": lambda c: c.without_person > 0,
    "shaping": lambda c: c.total > 0,
    "total": lambda c: c.total > 0,
}


class ServiceCountsPages(Sequence[ServiceDecisionCounts]):
    """The overseen services with their counts, sorted as ``service_decision_counts`` sorts
    them, for a paginator: only the services of the page asked for are read.

    The services a sort ranks on their counts (those with decisions, a few) are sorted in
    memory; every other service ties on its counts and so follows by name, read a page at a
    time from the database. At 1,540 services this is one aggregate, one count and one page
    of services, instead of every service built and sorted for each page.
    """

    def __init__(self, viewer: Viewer, sort: str, services: QuerySet[Service]) -> None:
        sort = sort if sort in SORTS else "name"
        services = services.filter(is_active=True).only("pk", "name", "kind", "organisation_id")
        self.counts = _counts_by_service(viewer, services)
        with_counts = [
            _service_counts(service, self.counts[service.pk])
            for service in services.filter(pk__in=list(self.counts))
        ]
        self.ranked = sorted(filter(RANKED_FIRST[sort], with_counts), key=SORTS[sort])
        self.rest = services.exclude(pk__in=[c.service.pk for c in self.ranked]).order_by(
            Lower("name"), "pk"
        )
        self._rest_count: int | None = None

    def _rest_length(self) -> int:
        if self._rest_count is None:
            self._rest_count = self.rest.count()
        return self._rest_count

    def __len__(self) -> int:
        return len(self.ranked) + self._rest_length()

    def count(self) -> int:  # type: ignore[override]
        return len(self)

    @overload
    def __getitem__(self, index: int) -> ServiceDecisionCounts: ...
    @overload
    def __getitem__(self, index: slice) -> list[ServiceDecisionCounts]: ...
    def __getitem__(
        self, index: int | slice
    ) -> ServiceDecisionCounts | list[ServiceDecisionCounts]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else len(self)
        head = self.ranked[start:stop]
        skip = len(self.ranked)
        if stop <= skip:
            return head
        tail = self.rest[max(0, start - skip) : stop - skip]
        return head + [_service_counts(s, self.counts.get(s.pk)) for s in tail]


def service_decision_pages(viewer: Viewer, *, sort: str = "name") -> ServiceCountsPages:
    """The overseen services with their decision counts, sorted, to be paginated."""
    return ServiceCountsPages(viewer, sort, services_overseen(viewer))


def counts_for_service(viewer: Viewer, service: Service) -> ServiceDecisionCounts:
    """Return the decision counts of one service the viewer has already reached."""
    services = Service.objects.filter(organisation=viewer.organisation, pk=service.pk)
    return _service_counts(service, _counts_by_service(viewer, services).get(service.pk))


def participant_candidates(
    viewer: Viewer, *, person: Person | None = None, service: Service | None = None
) -> QuerySet[User]:
    """Return who may be named as taking part in a decision, or as the person's helper:
    staff of the services concerned, organisation-wide staff, and the person's supporters.

    Other people supported are never listed, so the form does not reveal who else the
    organisation supports.
    """
    user_model = get_user_model()
    if viewer.organisation is None:
        return user_model.objects.none()
    if person is not None:
        service_ids = list(person.services.values_list("pk", flat=True))
    else:
        service_ids = [service.pk] if service is not None else []
    # Ids first, each part an indexed look-up, then the users by id (ADR 0019).
    ids = staff_user_ids(
        viewer.organisation.pk,
        scoped_roles=SERVICE_SCOPED_ROLES,
        service_ids=service_ids,
        wide_roles=ORGANISATION_WIDE,
    )
    if person is not None:
        ids.update(
            Supporter.objects.filter(person=person, ended_at__isnull=True).values_list(
                "user_id", flat=True
            )
        )
    condition = Q(pk__in=sorted(ids))
    users = user_model.objects.filter(condition, is_active=True)
    if person is not None and person.user_id is not None:
        users = users.exclude(pk=person.user_id)
    return users.order_by("name", "pk")


def own_decision_people(person: Person) -> QuerySet[User]:
    """Return who a person may name as there when they tell us about a decision: their
    own supporters (who said yes) and the support workers and managers of their own
    services.

    Never another person supported: anyone the organisation supports, or who checks
    quality as a person supported, is left out, and so are staff who are not given the
    person's services by name.
    """
    user_model = get_user_model()
    service_ids = list(person.services.values_list("pk", flat=True))
    team = (
        Membership.objects.current()
        .filter(
            organisation_id=person.organisation_id,
            role__in=["support_worker", "service_manager"],
            services__in=service_ids,
        )
        .values("user_id")
    )
    supporters = Supporter.objects.filter(
        person=person, ended_at__isnull=True, accepted_at__isnull=False
    ).values("user_id")
    supported = Membership.objects.current().filter(
        organisation_id=person.organisation_id, role__in=["person", "quality_checker"]
    )
    return (
        user_model.objects.filter(Q(pk__in=team) | Q(pk__in=supporters), is_active=True)
        .exclude(pk__in=supported.values("user_id"))
        .exclude(person__isnull=False)
        .exclude(pk=person.user_id or 0)
        .order_by("name", "pk")
    )


def _start_of_year() -> dt.date:
    return timezone.localdate().replace(month=1, day=1)


def decision_counts_for_home(viewer: Viewer) -> dict[str, Any]:
    """Return what the home page shows about decisions this year.

    ``me``: decisions about the viewer as a person supported (``total``, ``without``).
    ``shared``: for each person who shares their plan with the viewer, their name, id,
    ``total`` and ``without``. ``services``: for managers and organisation-wide roles,
    decisions about their services and the people who use them (``total``, ``without``).
    Keys are left out when they do not apply.
    """
    result: dict[str, Any] = {}
    if viewer.organisation is None:
        return result
    since = _start_of_year()
    this_year = _decisions(viewer).filter(decided_on__gte=since)
    people = (
        people_sharing_decisions(viewer)
        if (viewer.person_id or viewer.supported_person_ids)
        else []
    )
    if people:
        rows = {
            row["person_id"]: row
            for row in this_year.filter(person__in=people)
            .values("person_id")
            .annotate(total=Count("pk"), without=Count("pk", filter=Q(person_took_part=False)))
            .order_by()
        }
        for person in people:
            row = rows.get(person.pk, {"total": 0, "without": 0})
            if not sees_every_decision_about(viewer, person):
                # A supporter counts only what the person shares with them.
                row = shared_with_supporter(
                    this_year.filter(person=person), scopes_shared_with(viewer, person)
                ).aggregate(
                    total=Count("pk"), without=Count("pk", filter=Q(person_took_part=False))
                )
            entry = {
                "person_id": person.pk,
                "name": person.preferred_name,
                "total": row["total"],
                "without": row["without"],
            }
            if is_the_person(viewer, person):
                result["me"] = entry
            else:
                result.setdefault("shared", []).append(entry)
    if viewer.has_role("service_manager", *ORGANISATION_WIDE):
        services = services_overseen(viewer)
        totals = (
            this_year.annotate(counted_service=Coalesce("service_id", "person__services"))
            .filter(counted_service__in=services.values("pk"))
            .aggregate(
                total=Count("pk", distinct=True),
                without=Count("pk", distinct=True, filter=Q(person_took_part=False)),
            )
        )
        result["services"] = {"total": totals["total"] or 0, "without": totals["without"] or 0}
    return result
