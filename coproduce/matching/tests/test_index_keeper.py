"""The worker index kept by a server process: built when the process starts, refreshed
when staff data changes, and only read by requests."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import Personas
from coproduce.accounts.actions import (
    membership_end,
    membership_invite,
    membership_update,
    service_create,
    service_update,
)
from coproduce.accounts.models import Membership, Role
from coproduce.matching import index_keeper, queries
from coproduce.matching.index_keeper import IndexKeeper, fingerprints
from coproduce.matching.tests.team_helpers import suggested_worker
from coproduce.people.actions import person_details_update
from coproduce.people.models import Interest, Skill, StaffProfile
from coproduce.people.staff.actions import (
    availability_add,
    availability_remove,
    staff_profile_ensure,
    staff_profile_update,
)

pytestmark = pytest.mark.django_db

SHARED_GARDENING = "You both love gardening"


def _choose_url(p: Personas) -> str:
    return reverse("matching:choose", kwargs={"person_id": p.kyle.pk})


@pytest.fixture
def keeper() -> Iterator[Callable[[], IndexKeeper]]:
    """Start this process's keeper as a server process does, without the thread: tests
    call its refresh step themselves."""
    yield lambda: index_keeper.start(background=False)
    index_keeper.stop()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every index build (by organisation id); the builds still happen."""
    made: list[int] = []
    real = queries.worker_index

    def counted(organisation: Any, **kwargs: Any) -> Any:
        made.append(organisation.pk)
        return real(organisation, **kwargs)

    monkeypatch.setattr(queries, "worker_index", counted)
    return made


def _kyle_likes_gardening(p: Personas) -> None:
    person_details_update(
        actor=p.person,
        person=p.kyle,
        base_version=0,
        changes={"interests": [Interest.objects.get(slug="gardening")]},
    )


def _update(worker: Any, p: Personas, part: str, **changes: Any) -> StaffProfile:
    profile = StaffProfile.objects.get(user=worker, organisation=p.organisation)
    return staff_profile_update(
        actor=worker,
        organisation=p.organisation,
        part=part,
        expected_version=profile.version,
        changes=changes,
    )


def test_keeper_builds_every_organisations_index_when_it_starts(
    personas: Personas, keeper: Callable[[], IndexKeeper], builds: list[int]
) -> None:
    sally = suggested_worker(personas)

    started = keeper()

    held = started.index_for(personas.organisation.pk)
    assert held is not None
    assert [row.user_id for row in held.rows] == [sally.pk]
    assert builds == [personas.organisation.pk]
    # The other provider has no staff profiles: nothing to build for it.
    assert started.index_for(personas.other_organisation.pk) is None
    assert index_keeper.running() is started


def test_a_request_with_a_keeper_running_never_builds_the_index(
    personas: Personas, client_for: Any, keeper: Callable[[], IndexKeeper], builds: list[int]
) -> None:
    suggested_worker(personas)
    keeper()
    builds.clear()
    queries.forget_worker_index(personas.organisation.pk)

    page = client_for(personas.person).get(_choose_url(personas))

    assert page.status_code == 200
    assert "Sally Suggested" in page.text
    assert builds == []


def test_a_new_interest_saved_by_the_worker_reaches_the_shortlist_at_the_next_refresh(
    personas: Personas, client_for: Any, keeper: Callable[[], IndexKeeper], builds: list[int]
) -> None:
    _kyle_likes_gardening(personas)
    sally = suggested_worker(personas)
    started = keeper()
    client = client_for(personas.person)
    assert "Sally Suggested" in client.get(_choose_url(personas)).text
    assert SHARED_GARDENING not in client.get(_choose_url(personas)).text

    _update(sally, personas, "interests", interests=[Interest.objects.get(slug="gardening")])
    # Until the refresh, requests keep reading the index held: none builds one.
    assert SHARED_GARDENING not in client.get(_choose_url(personas)).text

    assert started.refresh() == [personas.organisation.pk]
    assert SHARED_GARDENING in client.get(_choose_url(personas)).text
    assert builds == [personas.organisation.pk] * 2  # at start and at the refresh


def test_a_worker_added_after_the_start_is_suggested_after_the_next_refresh(
    personas: Personas, client_for: Any, keeper: Callable[[], IndexKeeper], builds: list[int]
) -> None:
    started = keeper()
    client = client_for(personas.person)
    nobody = "There is nobody to suggest yet. Your manager will help."
    assert nobody in client.get(_choose_url(personas)).text

    suggested_worker(personas)  # forgets the index: the keeper rebuilds, the request not
    assert nobody in client.get(_choose_url(personas)).text
    assert builds == []

    assert started.refresh() == [personas.organisation.pk]
    assert "Sally Suggested" in client.get(_choose_url(personas)).text


def test_offered_workers_missing_from_the_index_wait_for_the_refresh(
    personas: Personas, keeper: Callable[[], IndexKeeper], builds: list[int]
) -> None:
    sally = suggested_worker(personas)
    started = keeper()
    tom = suggested_worker(personas, name="Tom Twostep")
    builds.clear()

    assert [c.worker_id for c in queries.worker_cards(personas.kyle, [tom.pk, sally.pk])] == [
        sally.pk
    ]
    assert builds == []
    started.refresh()
    assert [c.worker_id for c in queries.worker_cards(personas.kyle, [tom.pk, sally.pk])] == [
        tom.pk,
        sally.pk,
    ]


def test_nothing_changed_means_no_rebuild(
    personas: Personas, keeper: Callable[[], IndexKeeper]
) -> None:
    suggested_worker(personas)
    started = keeper()
    held = started.index_for(personas.organisation.pk)

    assert started.refresh() == []
    assert started.index_for(personas.organisation.pk) is held


def test_forgetting_with_a_keeper_rebuilds_at_the_next_refresh(
    personas: Personas, keeper: Callable[[], IndexKeeper]
) -> None:
    suggested_worker(personas)
    started = keeper()
    held = started.index_for(personas.organisation.pk)

    queries.forget_worker_index(personas.organisation.pk)

    assert started.index_for(personas.organisation.pk) is held
    assert started.refresh() == [personas.organisation.pk]
    assert started.index_for(personas.organisation.pk) is not held


def test_a_failed_refresh_keeps_the_index_held_and_tries_again(
    personas: Personas, keeper: Callable[[], IndexKeeper], monkeypatch: pytest.MonkeyPatch
) -> None:
    sally = suggested_worker(personas)
    started = keeper()
    held = started.index_for(personas.organisation.pk)
    _update(sally, personas, "details", drives=True)

    def broken(organisation: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(queries, "worker_index", broken)
        assert started.refresh_safely() == []
    assert started.index_for(personas.organisation.pk) is held
    assert started.refresh_safely() == [personas.organisation.pk]
    rebuilt = started.index_for(personas.organisation.pk)
    assert rebuilt is not None and rebuilt.drives.tolist() == [True]


def test_the_background_thread_refreshes_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = IndexKeeper(refresh_seconds=0.01)
    ran = threading.Event()

    def refresh() -> list[int]:
        ran.set()
        return []

    monkeypatch.setattr(kept, "refresh", refresh)
    kept.start()
    try:
        assert ran.wait(5)
    finally:
        kept.stop(timeout=5)


# --- the fingerprint sees every kind of change the index reads --------------------------


def _add_slot(sally: Any, p: Personas, weekday: int = 1) -> Any:
    return availability_add(
        actor=sally,
        organisation=p.organisation,
        weekday=weekday,
        starts_at=dt.time(9),
        ends_at=dt.time(12),
    )


def _membership(user: Any, p: Personas) -> Membership:
    return Membership.objects.get(user=user, organisation=p.organisation, role=Role.SUPPORT_WORKER)


CHANGES: dict[str, Callable[[Personas, Any, Any], Any]] = {
    "details": lambda p, sally, _: _update(sally, p, "details", drives=True, birth_year=1990),
    "interests": lambda p, sally, _: _update(
        sally, p, "interests", interests=[Interest.objects.get(slug="gardening")]
    ),
    "skills": lambda p, sally, _: _update(
        sally, p, "skills", skills=list(Skill.objects.all()[:1]), languages=["Welsh"]
    ),
    "home area": lambda p, sally, _: _update(
        sally, p, "area", home_latitude=Decimal("53.80"), home_longitude=Decimal("-1.55")
    ),
    "hours": lambda p, sally, _: _update(sally, p, "hours", contracted_hours=Decimal("20")),
    "availability added": lambda p, sally, _: _add_slot(sally, p, weekday=2),
    "availability removed": lambda p, sally, slot: availability_remove(
        actor=sally, organisation=p.organisation, slot_id=slot.pk
    ),
    "a new profile": lambda p, sally, _: staff_profile_ensure(
        organisation=p.organisation, user=p.worker
    ),
    "a new support worker": lambda p, sally, _: membership_invite(
        actor=p.org_admin,
        organisation=p.organisation,
        email="new.worker@example.test",
        name="New Worker",
        role=Role.SUPPORT_WORKER,
        services=[p.house],
    ),
    "a worker's services": lambda p, sally, _: membership_update(
        actor=p.org_admin,
        membership=_membership(sally, p),
        role=Role.SUPPORT_WORKER,
        services=[p.house, p.home_care],
    ),
    "a worker's role": lambda p, sally, _: membership_update(
        actor=p.org_admin,
        membership=_membership(sally, p),
        role=Role.SERVICE_MANAGER,
        services=[p.house],
    ),
    "a worker leaving": lambda p, sally, _: membership_end(
        actor=p.org_admin, membership=_membership(sally, p)
    ),
    "a service moving": lambda p, sally, _: service_update(
        actor=p.org_admin,
        service=p.house,
        name=p.house.name,
        kind=p.house.kind,
        latitude=Decimal("53.79000"),
        longitude=Decimal("-1.54000"),
    ),
    "a new service": lambda p, sally, _: service_create(
        actor=p.org_admin, organisation=p.organisation, name="Elm House", kind="supported_living"
    ),
    "an interest linked directly": lambda p, sally, _: StaffProfile.objects.get(
        user=sally
    ).interests.add(Interest.objects.get(slug="cooking")),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_fingerprint_changes_with_everything_the_index_reads(
    personas: Personas, change: str
) -> None:
    sally = suggested_worker(personas)
    slot = _add_slot(sally, personas)
    before = fingerprints()
    assert before == fingerprints()  # the same data, the same fingerprint

    CHANGES[change](personas, sally, slot)

    assert fingerprints()[personas.organisation.pk] != before[personas.organisation.pk]


def test_the_fingerprint_is_read_with_a_fixed_number_of_queries(personas: Personas) -> None:
    suggested_worker(personas)
    with CaptureQueriesContext(connection) as few:
        fingerprints()
    for n in range(5):
        suggested_worker(personas, name=f"Worker{n} Test")
    with CaptureQueriesContext(connection) as more:
        fingerprints()
    assert len(few) == len(more) == 9


# --- what a person needs reads only their own services ----------------------------------


def test_one_persons_needs_read_their_services_places_not_every_service(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = personas
    service_update(
        actor=p.org_admin,
        service=p.house,
        name=p.house.name,
        kind=p.house.kind,
        latitude=Decimal("53.80000"),
        longitude=Decimal("-1.55000"),
    )

    def every_service(organisation: Any) -> Any:
        raise AssertionError("read every service of the organisation")

    monkeypatch.setattr(queries, "service_locations", every_service)
    with CaptureQueriesContext(connection) as few:
        [needs] = queries.person_needs(p.organisation, [p.kyle.pk])
    for n in range(20):
        service_create(
            actor=p.org_admin,
            organisation=p.organisation,
            name=f"Service {n}",
            kind="home_care",
            latitude=Decimal("52.00000"),
            longitude=Decimal("-1.00000"),
        )
    with CaptureQueriesContext(connection) as more:
        queries.person_needs(p.organisation, [p.kyle.pk])

    assert (needs.latitude, needs.longitude) == (53.8, -1.55)
    assert len(few) == len(more)
