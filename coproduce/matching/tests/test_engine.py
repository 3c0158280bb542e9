"""The fast scorer: hard filters, recall against the plain-Python reference, bitsets."""

from __future__ import annotations

from datetime import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.matching.engine import (
    PersonNeeds,
    PersonWeek,
    Preference,
    WorkerIndex,
    WorkerRow,
    _exact_has,
    _exact_km,
    bits_of,
    exact_top_k,
    pack_bits,
    recall_at_k,
    shortlist,
    week_slots,
)
from coproduce.matching.tests.populations import INTEREST_SLUGS, SKILL_SLUGS, random_population

seeds = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=seeds, k=st.integers(min_value=1, max_value=6))
def test_no_suggestion_breaks_a_must_or_eligibility(seed: int, k: int) -> None:
    index, people = random_population(seed, workers=80, people=15)
    for person in people:
        where = index.where_of(person)
        for suggestion in shortlist(person, index, k):
            row = index.rows[index.position[suggestion.staff_id]]
            assert all(_exact_has(index, row, must) for must in person.musts)
            same = bool(row.service_ids & person.service_ids)
            assert suggestion.same_service == same
            if not same:
                assert row.suggest_outside
                assert where is not None
                km = _exact_km(where, row.latitude, row.longitude)
                assert km <= index.settings.max_outside_km


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=seeds)
def test_fast_shortlist_finds_the_exact_top_four(seed: int) -> None:
    index, people = random_population(seed, workers=120, people=20)
    for person in people:
        fast = shortlist(person, index, 4)
        exact = exact_top_k(person, index, 4)
        assert recall_at_k(fast, exact) == 1.0
        assert len(fast) == len(exact)
        assert [round(s.score, 9) for s in fast] == [round(score, 9) for score, _ in exact]


def test_shortlist_is_best_first_and_at_most_k() -> None:
    index, people = random_population(3, workers=200, people=10)
    for person in people:
        found = shortlist(person, index, 4)
        assert len(found) <= 4
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True)


def _worker(staff_id: int, **fields: object) -> WorkerRow:
    base: dict[str, object] = {
        "user_id": staff_id + 100,
        "name": f"Worker {staff_id}",
        "latitude": 53.80,
        "longitude": -1.55,
        "service_ids": frozenset({1}),
        "contracted_hours": 30.0,
        "committed_hours": 10.0,
    }
    base.update(fields)
    return WorkerRow(staff_id=staff_id, **base)  # type: ignore[arg-type]


def _index(*rows: WorkerRow) -> WorkerIndex:
    return WorkerIndex(
        rows,
        services={1: (53.80, -1.55), 2: (54.50, -1.00)},
        interest_slugs=INTEREST_SLUGS,
        skill_slugs=SKILL_SLUGS,
        year=2026,
    )


def test_a_must_rules_workers_out_and_a_nice_only_ranks_them() -> None:
    index = _index(
        _worker(1, gender="man", drives=True),
        _worker(2, gender="woman", drives=False),
        _worker(3, gender="woman", drives=True),
    )
    person = PersonNeeds(
        person_id=1,
        service_ids=frozenset({1}),
        musts=(Preference("gender", "Woman, for personal care"),),
        nices=(Preference("drives"),),
    )

    found = shortlist(person, index, 4)

    assert [s.staff_id for s in found] == [3, 2]
    assert found[0].nice_met == (Preference("drives"),)


def test_workers_elsewhere_are_suggested_only_if_they_agreed_and_live_near() -> None:
    index = _index(
        _worker(1, service_ids=frozenset({2}), suggest_outside=False),
        _worker(2, service_ids=frozenset({2}), suggest_outside=True),
        _worker(3, service_ids=frozenset({2}), suggest_outside=True, latitude=54.5, longitude=-1.0),
    )
    person = PersonNeeds(person_id=1, service_ids=frozenset({1}))

    found = shortlist(person, index, 4)

    assert [s.staff_id for s in found] == [2]
    assert found[0].same_service is False


def test_shared_interests_free_times_and_skills_are_reported() -> None:
    index = _index(
        _worker(
            1,
            interests=frozenset({"gardening", "dogs", "cooking"}),
            skills=frozenset({"autism"}),
            week=tuple(week_slots([(1, time(9), time(12))])),
        ),
    )
    person = PersonNeeds(
        person_id=1,
        service_ids=frozenset({1}),
        interests=frozenset({"dogs", "gardening", "films"}),
        week=PersonWeek.from_times([(1, time(10), time(14))]),
        skills=frozenset({"autism", "epilepsy"}),
    )

    (found,) = shortlist(person, index, 4)

    assert found.shared_interests == ("gardening", "dogs")  # taxonomy order
    assert found.free_slots == tuple(range(48 + 20, 48 + 24))  # Tuesday 10:00 to 12:00
    assert found.skills_met == ("autism",)
    assert found.distance_km == 0.0


def test_age_ranges_in_words_are_understood() -> None:
    index = _index(
        _worker(1, birth_year=2000),  # 26
        _worker(2, birth_year=1980),  # 46
        _worker(3, birth_year=None),
    )

    def chosen(value: str) -> list[int]:
        person = PersonNeeds(
            person_id=1, service_ids=frozenset({1}), musts=(Preference("age_range", value),)
        )
        return sorted(s.staff_id for s in shortlist(person, index, 4))

    assert chosen("Over 30") == [2]
    assert chosen("Under 35") == [1]
    assert chosen("25 to 50") == [1, 2]
    assert chosen("40s") == [2]


def test_shared_culture_rules_nobody_out_and_is_left_to_talk_about() -> None:
    index = _index(_worker(1))
    person = PersonNeeds(
        person_id=1, service_ids=frozenset({1}), musts=(Preference("shared_culture", "Sikh"),)
    )

    (found,) = shortlist(person, index, 4)

    assert found.to_talk_about == (Preference("shared_culture", "Sikh"),)


def test_bitsets_round_trip_across_words() -> None:
    positions = [0, 5, 63, 64, 200, 335]
    packed = pack_bits(positions, 6)
    assert packed.dtype == np.uint64
    assert bits_of(packed) == positions


def test_week_slots_cover_half_hours_and_end_of_day() -> None:
    assert week_slots([(0, time(9), time(10, 30))]) == [18, 19, 20]
    assert week_slots([(0, time(9, 15), time(9, 45))]) == [18, 19]
    assert week_slots([(6, time(23), time(23, 59))]) == [6 * 48 + 46, 6 * 48 + 47]


def test_recall_counts_an_equal_score_as_found() -> None:
    index = _index(_worker(1), _worker(2))
    person = PersonNeeds(person_id=1, service_ids=frozenset({1}))
    fast = shortlist(person, index, 1)
    assert recall_at_k(fast, [(fast[0].score, 2)]) == 1.0
    assert recall_at_k(fast, [(fast[0].score + 0.1, 2)]) == 0.0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=seeds, k=st.integers(min_value=1, max_value=30), limit=st.booleans())
def test_scoring_many_at_once_gives_what_scoring_one_by_one_gives(
    seed: int, k: int, limit: bool
) -> None:
    index, people = random_population(seed, workers=100, people=30, services=3)
    allowed = (np.arange(len(index)) % 3 > 0) if limit else None

    together = {n: (rows, scores) for n, rows, scores in index.top_many(people, k, allowed)}

    assert sorted(together) == list(range(len(people)))
    for number, person in enumerate(people):
        rows, scores, _km, _same = index.top(person, k, allowed)
        assert together[number][0].tolist() == rows.tolist()
        assert together[number][1].tolist() == scores.tolist()
