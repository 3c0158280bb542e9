"""Building the index and people's needs from the database (tiny copy of the large demo)."""

from __future__ import annotations

from datetime import time

import pytest

from coproduce.accounts.models import Membership, Organisation, Role
from coproduce.demo.large import build_large
from coproduce.matching import queries
from coproduce.matching.assign import run
from coproduce.matching.engine import shortlist as engine_shortlist
from coproduce.matching.models import PreferredTime
from coproduce.people.models import Person, PersonDetails, StaffProfile, WorkerPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def northern() -> Organisation:
    build_large(seed=3, scale=0.02, password_hash="!")
    return Organisation.objects.get(slug="northern-care")


def test_large_demo_gives_every_support_worker_a_profile_and_every_person_wishes(
    northern: Organisation,
) -> None:
    workers = Membership.objects.filter(organisation=northern, role=Role.SUPPORT_WORKER)
    profiles = StaffProfile.objects.filter(organisation=northern)
    assert profiles.count() == workers.count()
    assert not profiles.filter(availability__isnull=True).exists()
    assert all(3 <= p.interests.count() <= 6 for p in profiles[:50])
    share_outside = profiles.filter(suggest_outside_my_services=True).count() / profiles.count()
    assert 0.2 < share_outside < 0.4
    people = Person.objects.filter(organisation=northern)
    assert PersonDetails.objects.filter(person__in=people).count() == people.count()
    assert PreferredTime.objects.filter(person__in=people).exists()
    strengths = set(
        WorkerPreference.objects.filter(person__in=people).values_list("strength", flat=True)
    )
    assert strengths == {"must", "nice"}


def test_index_is_built_with_a_fixed_number_of_queries(
    northern: Organisation, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(9):
        index = queries.worker_index(northern)
    workers = Membership.objects.filter(organisation=northern, role=Role.SUPPORT_WORKER)
    assert len(index) == workers.count()
    assert index.organisation_id == northern.pk


def test_needs_carry_services_place_interests_wishes_and_week(northern: Organisation) -> None:
    person = Person.objects.filter(organisation=northern).order_by("id").first()
    assert person is not None
    PreferredTime.objects.filter(person=person).delete()
    PreferredTime.objects.create(person=person, weekday=2, starts_at=time(9), ends_at=time(11))

    (needs,) = queries.person_needs(northern, [person.pk], skills_needed={person.pk: ["autism"]})

    assert needs.service_ids == set(person.services.values_list("id", flat=True))
    assert needs.latitude is not None
    assert needs.interests == set(person.details.interests.values_list("slug", flat=True))
    wishes = WorkerPreference.objects.filter(person=person)
    assert len(needs.musts) + len(needs.nices) == wishes.count()
    assert needs.week.slots == (2 * 48 + 18, 2 * 48 + 19, 2 * 48 + 20, 2 * 48 + 21)
    assert needs.skills == {"autism"}


def test_shortlist_by_person_id_matches_the_engine_and_stays_in_the_organisation(
    northern: Organisation,
) -> None:
    index = queries.worker_index(northern)
    person = Person.objects.filter(organisation=northern).order_by("id").first()
    outsider = Person.objects.exclude(organisation=northern).first()
    assert person is not None and outsider is not None

    found = queries.shortlist(person.pk, index, 4)
    (needs,) = queries.person_needs(northern, [person.pk])

    assert [s.staff_id for s in found] == [s.staff_id for s in engine_shortlist(needs, index, 4)]
    assert set(StaffProfile.objects.filter(pk__in=[s.staff_id for s in found]).values_list(
        "organisation_id", flat=True
    )) <= {northern.pk}  # fmt: skip
    assert queries.shortlist(outsider.pk, index, 4) == []


def test_fair_run_over_the_demo_keeps_capacity(northern: Organisation) -> None:
    index = queries.worker_index(northern)
    people = queries.person_needs(northern)

    fair, greedy, _graph = run(people, index, k=4)

    assert fair.over_capacity() == {}
    assert fair.most_per_worker <= greedy.most_per_worker


def test_cached_index_is_reused_until_forgotten(northern: Organisation) -> None:
    queries.forget_worker_index(northern.pk)
    first = queries.cached_worker_index(northern)
    assert queries.cached_worker_index(northern) is first
    queries.forget_worker_index(northern.pk)
    assert queries.cached_worker_index(northern) is not first
