"""Reads matching needs: an organisation's workers as an index, and what people want.

Each function reads whole tables for one organisation with a fixed, small number of
queries (``values_list``, no model instances), so building the index for 15,000 workers
costs the same few queries as for fifteen.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Membership, Organisation, Role, Service
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.matching import index_keeper
from coproduce.matching.engine import (
    DEFAULT_SETTINGS,
    PersonNeeds,
    PersonWeek,
    Preference,
    Settings,
    Suggestion,
    WorkerIndex,
    WorkerRow,
    week_slots,
)
from coproduce.matching.engine import shortlist as engine_shortlist
from coproduce.matching.models import ChangeOffer, ChangeRequest, PreferredTime, TeamChoice
from coproduce.matching.rules import team_confirm_by
from coproduce.people.models import (
    Availability,
    Interest,
    IntroductionFilm,
    Person,
    PersonDetails,
    Skill,
    StaffProfile,
    WorkerPreference,
)
from coproduce.people.queries import people_managed_by

if TYPE_CHECKING:
    from coproduce.accounts.models import User
    from coproduce.matching.explain import Reason


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def service_locations(organisation: Organisation) -> dict[int, tuple[float, float]]:
    rows = Service.objects.filter(
        organisation=organisation, latitude__isnull=False, longitude__isnull=False
    ).values_list("id", "latitude", "longitude")
    return {sid: (float(lat or 0), float(lon or 0)) for sid, lat, lon in rows}


def worker_index(
    organisation: Organisation, *, today: date | None = None, settings: Settings = DEFAULT_SETTINGS
) -> WorkerIndex:
    """Return the index of the organisation's current support workers who have a profile."""
    today = today or date.today()
    memberships = Membership.objects.current().filter(
        organisation=organisation, role=Role.SUPPORT_WORKER
    )
    working = set(memberships.values_list("user_id", flat=True))
    services: dict[int, set[int]] = defaultdict(set)
    for user_id, service_id in Membership.services.through.objects.filter(
        membership__in=memberships
    ).values_list("membership__user_id", "service_id"):
        services[user_id].add(service_id)
    profiles = StaffProfile.objects.filter(organisation=organisation)
    interests: dict[int, set[str]] = defaultdict(set)
    for staff_id, slug in StaffProfile.interests.through.objects.filter(
        staffprofile__organisation=organisation
    ).values_list("staffprofile_id", "interest__slug"):
        interests[staff_id].add(slug)
    skills: dict[int, set[str]] = defaultdict(set)
    for staff_id, slug in StaffProfile.skills.through.objects.filter(
        staffprofile__organisation=organisation
    ).values_list("staffprofile_id", "skill__slug"):
        skills[staff_id].add(slug)
    times: dict[int, list] = defaultdict(list)
    for staff_id, weekday, starts_at, ends_at in Availability.objects.filter(
        staff__organisation=organisation
    ).values_list("staff_id", "weekday", "starts_at", "ends_at"):
        times[staff_id].append((weekday, starts_at, ends_at))
    rows = [
        WorkerRow(
            staff_id=staff_id,
            user_id=user_id,
            name=name,
            interests=frozenset(interests[staff_id]),
            skills=frozenset(skills[staff_id]),
            languages=frozenset(languages or []),
            gender=gender,
            birth_year=birth_year,
            drives=drives,
            smoker=smoker,
            happy_with_pets=pets,
            latitude=_float(lat),
            longitude=_float(lon),
            contracted_hours=float(contracted),
            committed_hours=float(committed),
            suggest_outside=outside,
            service_ids=frozenset(services[user_id]),
            week=tuple(week_slots(times[staff_id])),
        )
        for (
            staff_id, user_id, name, languages, gender, birth_year, drives, smoker, pets,
            lat, lon, contracted, committed, outside,
        ) in profiles.order_by("id").values_list(
            "id", "user_id", "user__name", "languages", "gender", "birth_year", "drives",
            "smoker", "happy_with_pets", "home_latitude", "home_longitude",
            "contracted_hours", "committed_hours", "suggest_outside_my_services",
        )
        if user_id in working
    ]  # fmt: skip
    return WorkerIndex(
        rows,
        services=service_locations(organisation),
        interest_slugs=list(Interest.objects.order_by("id").values_list("slug", flat=True)),
        skill_slugs=list(Skill.objects.order_by("id").values_list("slug", flat=True)),
        year=today.year,
        settings=settings,
        organisation_id=organisation.pk,
    )


_INDEXES: dict[int, tuple[float, WorkerIndex]] = {}
_INDEXES_LOCK = threading.Lock()


def empty_worker_index(organisation_id: int) -> WorkerIndex:
    """Return an index with no workers, built without a query."""
    return WorkerIndex(
        [],
        services={},
        interest_slugs=[],
        skill_slugs=[],
        year=date.today().year,
        organisation_id=organisation_id,
    )


def cached_worker_index(organisation: Organisation, *, max_age_seconds: float = 600) -> WorkerIndex:
    """Return the organisation's index.

    In a server process the index keeper (``index_keeper``) holds every organisation's
    index, built when the process started and refreshed when staff data changes: this
    only reads it, and an organisation it does not hold yet has no workers to suggest
    until its next refresh. Without a keeper (tests, ``runserver``, management commands)
    the index is built on first use and rebuilt when older than ``max_age_seconds``;
    ``forget_worker_index`` makes a change show at once.
    """
    keeper = index_keeper.running()
    if keeper is not None:
        held_now = keeper.index_for(organisation.pk)
        return empty_worker_index(organisation.pk) if held_now is None else held_now
    now = time.monotonic()
    with _INDEXES_LOCK:
        held = _INDEXES.get(organisation.pk)
    if held is not None and now - held[0] <= max_age_seconds:
        return held[1]
    index = worker_index(organisation)
    with _INDEXES_LOCK:
        _INDEXES[organisation.pk] = (now, index)
    return index


def forget_worker_index(organisation_id: int) -> None:
    """Drop the organisation's index: without a keeper the next use builds it again; with
    one, the keeper's next refresh does (never the request)."""
    keeper = index_keeper.running()
    if keeper is not None:
        keeper.forget(organisation_id)
    with _INDEXES_LOCK:
        _INDEXES.pop(organisation_id, None)


def shortlist(
    person_id: int, index: WorkerIndex, k: int = 4, *, skills_needed: Iterable[str] = ()
) -> list[Suggestion]:
    """Return the ``k`` best-matched workers for one person of the index's organisation.

    An id from another organisation gives an empty list, never someone else's person.
    """
    if index.organisation_id is None:
        raise ValueError("The index was not built for an organisation")
    organisation = Organisation.objects.get(pk=index.organisation_id)
    needs = person_needs(organisation, [person_id], skills_needed={person_id: skills_needed})
    if not needs:
        return []
    return engine_shortlist(needs[0], index, k)


def person_weeks(
    organisation: Organisation, person_ids: Iterable[int] | None = None
) -> dict[int, PersonWeek]:
    """Return when each person would like support (from their preferred times)."""
    rows = PreferredTime.objects.filter(person__organisation=organisation)
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    times: dict[int, list] = defaultdict(list)
    for person_id, weekday, starts_at, ends_at in rows.values_list(
        "person_id", "weekday", "starts_at", "ends_at"
    ):
        times[person_id].append((weekday, starts_at, ends_at))
    return {pid: PersonWeek.from_times(t) for pid, t in times.items()}


def person_needs(
    organisation: Organisation,
    person_ids: Iterable[int] | None = None,
    *,
    skills_needed: Mapping[int, Iterable[str]] | None = None,
) -> list[PersonNeeds]:
    """Return what matching knows about each person of the organisation (or those given).

    Support happens at the person's first service (the one they joined first).
    ``skills_needed`` maps a person id to the skill slugs the "how" of their plan asks for.
    """
    skills_needed = skills_needed or {}
    people = Person.objects.filter(organisation=organisation)
    if person_ids is not None:
        people = people.filter(id__in=list(person_ids))
    ids = list(people.order_by("id").values_list("id", flat=True))
    wanted = set(ids)

    def only(queryset, field: str):  # type: ignore[no-untyped-def]
        return queryset if person_ids is None else queryset.filter(**{f"{field}__in": ids})

    # Each service's place comes with the person's link to it: only the services of the
    # people asked about are read, never all of the organisation's.
    places: dict[int, tuple[float, float]] = {}
    services: dict[int, list[int]] = defaultdict(list)
    for person_id, service_id, service_org, lat, lon in (
        only(Person.services.through.objects.filter(person__organisation=organisation), "person_id")
        .order_by("id")
        .values_list(
            "person_id", "service_id", "service__organisation_id", "service__latitude",
            "service__longitude",
        )
    ):  # fmt: skip
        services[person_id].append(service_id)
        if service_org == organisation.pk and lat is not None and lon is not None:
            places[service_id] = (float(lat), float(lon))
    interests: dict[int, set[str]] = defaultdict(set)
    for person_id, slug in only(
        PersonDetails.interests.through.objects.filter(
            persondetails__person__organisation=organisation
        ),
        "persondetails__person_id",
    ).values_list("persondetails__person_id", "interest__slug"):
        interests[person_id].add(slug)
    musts: dict[int, list[Preference]] = defaultdict(list)
    nices: dict[int, list[Preference]] = defaultdict(list)
    for person_id, characteristic, value, strength in (
        only(WorkerPreference.objects.filter(person__organisation=organisation), "person_id")
        .order_by("id")
        .values_list("person_id", "characteristic", "value", "strength")
    ):
        target = musts if strength == WorkerPreference.Strength.MUST else nices
        target[person_id].append(Preference(characteristic, value))
    weeks = person_weeks(organisation, ids if person_ids is not None else None)
    found = []
    for pid in ids:
        if pid not in wanted:
            continue
        # Where the person is: their first service by id, as elsewhere (the order of the
        # link rows follows the order Django wrote them, which follows a set's order).
        located = [places[s] for s in sorted(services[pid]) if s in places]
        lat, lon = located[0] if located else (None, None)
        found.append(
            PersonNeeds(
                person_id=pid,
                service_ids=frozenset(services[pid]),
                latitude=lat,
                longitude=lon,
                interests=frozenset(interests[pid]),
                musts=tuple(musts[pid]),
                nices=tuple(nices[pid]),
                week=weeks.get(pid, PersonWeek()),
                skills=frozenset(skills_needed.get(pid, ())),
            )
        )
    return found


# --- Choosing a team and changing a worker ---------------------------------------------

REASON_SYMBOLS = {
    "interests": "happy",
    "times": "calendar",
    "distance": "home",
    "wishes": "important",
    "skills": "good",
    "service": "home",
    "talk": "talk",
}


@dataclass(frozen=True)
class TeamCard:
    """One suggested worker as the person sees them."""

    suggestion: Suggestion
    profile: StaffProfile
    film: IntroductionFilm | None
    reasons: list[Reason]

    @property
    def worker_id(self) -> int:
        return self.suggestion.user_id

    @property
    def name(self) -> str:
        # From the profile read for this card, not the index, which may be seconds old.
        return self.profile.user.name

    @property
    def first_name(self) -> str:
        return (self.name or "").split(" ")[0]

    @property
    def initials(self) -> str:
        return "".join(part[:1] for part in (self.name or "?").split()[:2]).upper()


def team_cards(person: Person, *, easy_read: bool = False, k: int = 4) -> list[TeamCard]:
    """Return the person's shortlist as cards, with each worker's public profile and film.

    A fixed number of queries whatever the size of the organisation: the index is held
    (``cached_worker_index``), and profiles, interests and films come in one query each.
    """
    index = cached_worker_index(person.organisation)
    # The person is already in hand: skip ``shortlist``'s organisation look-up.
    needs = person_needs(person.organisation, [person.pk])
    suggestions = engine_shortlist(needs[0], index, k) if needs else []
    if not suggestions:
        return []
    return _cards_for(person, suggestions, easy_read=easy_read)


def _cards_for(person: Person, suggestions: list[Suggestion], *, easy_read: bool) -> list[TeamCard]:
    from coproduce.matching.explain import reasons

    staff_ids = [s.staff_id for s in suggestions]
    profiles = {
        p.pk: p
        for p in StaffProfile.objects.filter(
            organisation_id=person.organisation_id, pk__in=staff_ids
        )
        .select_related("user")
        .prefetch_related("interests")
    }
    films = {
        f.staff_id: f
        for f in IntroductionFilm.objects.filter(staff_id__in=staff_ids, is_current=True)
    }
    return [
        TeamCard(s, profiles[s.staff_id], films.get(s.staff_id), reasons(s, easy_read=easy_read))
        for s in suggestions
        if s.staff_id in profiles
    ]


def worker_cards(person: Person, user_ids: list[int], *, easy_read: bool = False) -> list[TeamCard]:
    """Return cards for named workers of the person's organisation, in the order given,
    with what each shares with the person (workers offered instead of another).

    A worker the index does not hold yet (a profile made seconds ago) has no card until
    the keeper's next refresh; without a keeper it makes the index rebuild once. A worker
    without a profile has no card.
    """
    index = cached_worker_index(person.organisation)
    positions = {row.user_id: n for n, row in enumerate(index.rows)}
    if index_keeper.running() is None and any(uid not in positions for uid in user_ids):
        forget_worker_index(person.organisation_id)
        index = cached_worker_index(person.organisation)
        positions = {row.user_id: n for n, row in enumerate(index.rows)}
    needs = person_needs(person.organisation, [person.pk])
    if not needs or not user_ids:
        return []
    wanted = [positions[uid] for uid in user_ids if uid in positions]
    allowed = np.zeros(len(index), dtype=bool)
    allowed[wanted] = True
    rows, scores, km, same = index.score(needs[0], allowed)
    scored = {
        int(r): (float(sc), float(k), bool(sa))
        for r, sc, k, sa in zip(rows, scores, km, same, strict=True)
    }
    suggestions = [
        index.suggestion(needs[0], at, *scored.get(at, (0.0, float("nan"), False))) for at in wanted
    ]
    return _cards_for(person, suggestions, easy_read=easy_read)


def change_offers(request: ChangeRequest) -> list[ChangeOffer]:
    """Return the workers offered for a change request, first offered first."""
    return list(
        ChangeOffer.objects.filter(request=request).select_related(
            "worker", "voice_helper", "voice_recorded_by"
        )
    )


@dataclass(frozen=True)
class TeamMember:
    """A worker in the person's confirmed team, with their profile for the portrait."""

    worker: User
    profile: StaffProfile | None

    @property
    def first_name(self) -> str:
        return (self.worker.name or "").split(" ")[0]

    @property
    def initials(self) -> str:
        return "".join(part[:1] for part in (self.worker.name or "?").split()[:2]).upper()


def current_team(person: Person, round_: int) -> list[TeamMember]:
    """Return the workers confirmed in the person's team in a round, by name."""
    chosen = list(
        TeamChoice.objects.filter(
            person=person, round=round_, answer="yes", status=TeamChoice.Status.CONFIRMED
        )
        .select_related("worker")
        .order_by("worker__name", "pk")
    )
    profiles = {
        p.user_id: p
        for p in StaffProfile.objects.filter(
            organisation_id=person.organisation_id, user_id__in=[c.worker_id for c in chosen]
        )
    }
    return [TeamMember(c.worker, profiles.get(c.worker_id)) for c in chosen]


def open_change_requests(person: Person) -> list[ChangeRequest]:
    """Return the person's requests to change a worker that are still open."""
    return list(change_requests_of(person).exclude(status__in=ChangeRequest.CLOSED))


def team_choices(person: Person, round_: int) -> dict[int, TeamChoice]:
    """Return the person's answers in a round, by worker user id."""
    return {
        c.worker_id: c
        for c in TeamChoice.objects.filter(person=person, round=round_).select_related(
            "worker", "reviewed_by", "voice_helper", "voice_recorded_by"
        )
    }


def change_requests_of(person: Person) -> QuerySet[ChangeRequest]:
    return ChangeRequest.objects.filter(person=person).select_related("worker")


def change_worker_choices(person: Person) -> QuerySet[User]:
    """Workers the person may ask to change: those of their services and those they chose."""
    service_ids = [s.pk for s in person.services.all()]
    chosen = TeamChoice.objects.filter(person=person, answer="yes").values("worker_id")
    user_model = get_user_model()
    in_services = Membership.objects.current().filter(
        organisation_id=person.organisation_id,
        role=Role.SUPPORT_WORKER,
        services__in=service_ids,
    )
    return (
        user_model.objects.filter(Q(pk__in=in_services.values("user_id")) | Q(pk__in=chosen))
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class ServiceFigures:
    service_id: int | None
    service_name: str
    requests: int
    open: int
    median_days: float | None
    honoured_share: float | None  # changed / closed


def change_figures(
    organisation: Organisation, service_ids: frozenset[int] | None
) -> list[ServiceFigures]:
    """Return the change request figures per service, from one query for every service.

    ``service_ids`` limits them to a manager's services (``None``: the whole organisation).
    """
    rows = ChangeRequest.objects.filter(organisation=organisation)
    if service_ids is not None:
        rows = rows.filter(service_id__in=service_ids)
    grouped: dict[int | None, list[tuple[str, str, Any, Any]]] = defaultdict(list)
    for sid, name, status, created_at, closed_at in rows.values_list(
        "service_id", "service__name", "status", "created_at", "closed_at"
    ):
        grouped[sid].append((name or "", status, created_at, closed_at))
    figures = []
    for service_id, items in grouped.items():
        closed = [i for i in items if i[3] is not None]
        changed = sum(1 for i in closed if i[1] == ChangeRequest.Status.CHANGED)
        days = [(i[3] - i[2]).total_seconds() / 86400 for i in closed]
        figures.append(
            ServiceFigures(
                service_id=service_id,
                service_name=items[0][0],
                requests=len(items),
                open=len(items) - len(closed),
                median_days=round(statistics.median(days), 1) if days else None,
                honoured_share=changed / len(closed) if closed else None,
            )
        )
    return sorted(figures, key=lambda f: f.service_name)


# What waits for a manager (the "to answer" list, ``core.to_answer``)


def change_requests_to_answer(viewer: Viewer, *, today: date, limit: int) -> Waiting | None:
    """Open requests to change a worker of the people the viewer manages, soonest due
    first. The reason stays on the request's own page."""
    people = people_managed_by(viewer)
    if people is None:
        return None
    open_requests = ChangeRequest.objects.filter(
        organisation=viewer.organisation, person__in=people.values("pk")
    ).exclude(status__in=ChangeRequest.CLOSED)
    count = open_requests.count()
    overdue = open_requests.filter(due_on__lt=today).count() if count else 0
    items = [
        ToAnswer(
            kind="change_request",
            label=_("Change a worker"),
            person_name=request.person.preferred_name,
            summary=_("%(name)s asked to change a worker")
            % {"name": request.person.preferred_name},
            status=request.get_status_display(),
            due_on=request.due_on,
            url=reverse("matching:change_request", kwargs={"request_id": request.pk}),
            pk=request.pk,
        )
        for request in open_requests.select_related("person").order_by("due_on", "pk")[:limit]
    ]
    return Waiting("change_request", _("Change a worker"), count, overdue, items)


def teams_to_confirm(viewer: Viewer, *, today: date, limit: int) -> Waiting | None:
    """People who chose workers for their team in their latest round and wait for a
    manager to confirm it (``rules.team_confirm_by``), longest waiting first."""
    people = people_managed_by(viewer)
    if people is None:
        return None
    latest = (
        TeamChoice.objects.filter(person=OuterRef("person")).order_by("-round").values("round")[:1]
    )
    waiting = (
        TeamChoice.objects.filter(
            organisation=viewer.organisation,
            person__in=people.values("pk"),
            answer="yes",
            status=TeamChoice.Status.WAITING,
            round=Subquery(latest),
        )
        .values("person", "person__preferred_name")
        .annotate(since=Min("updated_at"))
        .order_by("since", "person")
    )
    rows = list(waiting)
    items = []
    for row in rows:
        due_on = team_confirm_by(row["since"])
        items.append(
            ToAnswer(
                kind="team",
                label=_("Confirm a team"),
                person_name=row["person__preferred_name"],
                summary=_("%(name)s chose workers for their team")
                % {"name": row["person__preferred_name"]},
                due_on=due_on,
                url=reverse("matching:manager_review", kwargs={"person_id": row["person"]}),
                pk=row["person"],
            )
        )
    overdue = sum(1 for item in items if item.overdue(today))
    return Waiting("team", _("Confirm a team"), len(items), overdue, items[:limit])
