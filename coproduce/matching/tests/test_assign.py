"""The organisation-wide fair run: capacity kept, near-optimal, fairer than greedy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from coproduce.matching.assign import (
    candidate_graph,
    capacity_slots,
    exact_optimum,
    fair_assign,
    greedy_assign,
    run,
)
from coproduce.matching.tests.populations import random_population


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10_000), m=st.integers(min_value=2, max_value=30))
def test_no_worker_is_suggested_beyond_their_capacity(seed: int, m: int) -> None:
    index, people = random_population(seed, workers=60, people=40)

    fair, _greedy, _graph = run(people, index, k=4, m=m)

    assert fair.over_capacity() == {}
    assert all(len(rows) <= 4 for rows in fair.suggestions.values())
    for rows in fair.suggestions.values():
        assert len({staff for staff, _ in rows}) == len(rows)


@pytest.mark.parametrize("seed", range(6))
def test_fair_run_is_within_two_percent_of_the_exact_optimum(seed: int) -> None:
    index, people = random_population(seed, workers=150, people=50)
    slots = capacity_slots(index)

    fair, _greedy, _graph = run(people, index, k=4, m=20, m_more=10)
    best = exact_optimum(people, index, k=4, slots=slots)

    assert fair.total >= 0.98 * best
    assert fair.total <= best + 1e-6


@pytest.mark.parametrize("seed", range(4))
def test_a_second_round_never_lowers_the_total(seed: int) -> None:
    index, people = random_population(seed, workers=100, people=80, services=3)

    one, _greedy, _graph = run(people, index, k=4, m=5, rounds=1)
    two, _greedy, _graph = run(people, index, k=4, m=5, m_more=5, rounds=2)

    assert two.total >= one.total - 1e-9
    assert two.over_capacity() == {}


@pytest.mark.parametrize("seed", range(4))
def test_one_suggestion_each_matches_an_assignment_over_capacity_slots(seed: int) -> None:
    """With one suggestion per person the flow is an assignment problem, solved exactly by
    linear_sum_assignment once each worker is copied once per slot."""
    index, people = random_population(seed, workers=40, people=30)
    slots = capacity_slots(index)
    graph = candidate_graph(people, index, m=len(index), k=1)
    columns = np.repeat(np.arange(len(index)), slots)
    gain = np.zeros((len(people), len(columns)))
    for p, w, s in zip(graph.person, graph.worker, graph.score, strict=True):
        gain[p, columns == w] = s
    rows, cols = linear_sum_assignment(gain, maximize=True)
    best = gain[rows, cols].sum()

    fair = fair_assign(graph, index, k=1, slots=slots)

    assert fair.total == pytest.approx(best, abs=1e-5)


def test_fair_run_spreads_suggestions_where_greedy_piles_them_up() -> None:
    index, people = random_population(11, workers=100, people=120, services=2)

    fair, greedy, _graph = run(people, index, k=4)

    assert greedy.over_capacity()
    assert fair.most_per_worker < greedy.most_per_worker
    assert fair.most_per_worker <= max(fair.slots.values())
    assert greedy.total >= fair.total  # greedy ignores capacity, so it is an upper bound


def test_greedy_gives_each_person_their_own_best_four() -> None:
    index, people = random_population(2, workers=80, people=10)
    graph = candidate_graph(people, index, m=30, k=4)

    greedy = greedy_assign(graph, index, k=4)

    for person in people:
        top = index.top(person, 4)[0]  # among every eligible worker, full or not
        assert [s for s, _ in greedy.suggestions[person.person_id]] == [
            int(index.staff_ids[p]) for p in top
        ]


def test_capacity_slots_follow_spare_hours() -> None:
    index, _people = random_population(4, workers=50, people=1)
    slots = capacity_slots(index, hours_per_person=6.0, suggestions_per_place=2, most=3)
    expected = np.minimum(np.floor(np.maximum(index.remaining, 0) / 6.0) * 2, 3)
    assert (slots == expected).all()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_the_fair_run_suggests_only_eligible_workers(seed: int) -> None:
    index, people = random_population(seed, workers=60, people=30)

    fair, greedy, _graph = run(people, index, k=4, m=5, m_more=5)

    for person in people:
        eligible = {int(index.staff_ids[p]) for p in index.candidates(person)[0]}
        assert {s for s, _ in fair.suggestions[person.person_id]} <= eligible
        assert {s for s, _ in greedy.suggestions[person.person_id]} <= eligible
