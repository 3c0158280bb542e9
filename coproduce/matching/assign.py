"""Suggest workers to everyone in an organisation at once, fairly.

Shortlisting each person alone gives the most popular workers to everybody: the same few
names on hundreds of cards, and most of those people then cannot have them. The fair run
gives each person up to ``k`` suggestions so that no worker is suggested more often than
their spare hours allow, choosing the suggestions with the greatest total score.

It is a min-cost flow on a sparse graph: source → person (capacity ``k``) → each of the
person's ``m`` best candidates (capacity 1, cost minus the score) → sink (capacity the
worker's slots). A flow optimum is integral, so it is the best possible set of suggestions
on that graph. ``run`` grows the graph in rounds (see there); ``exact_optimum`` solves the
same problem on the full graph to check how much the sparse graph loses.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from coproduce.matching.engine import PersonNeeds, WorkerIndex

SCORE_SCALE = 1_000_000  # flow costs are integers: scores to six decimal places


@dataclass
class Assignment:
    """Suggestions for everyone: person id → [(staff id, score)], best first."""

    suggestions: dict[int, list[tuple[int, float]]]
    total: float
    slots: dict[int, int] = field(default_factory=dict)  # staff id → most suggestions allowed
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def load(self) -> Counter[int]:
        return Counter(staff for rows in self.suggestions.values() for staff, _ in rows)

    @property
    def most_per_worker(self) -> int:
        return max(self.load.values(), default=0)

    def over_capacity(self) -> dict[int, int]:
        """Return staff id → suggestions beyond their slots, for every worker over."""
        return {
            staff: n - self.slots.get(staff, 0)
            for staff, n in self.load.items()
            if n > self.slots.get(staff, 0)
        }


def capacity_slots(
    index: WorkerIndex,
    *,
    hours_per_person: float = 6.0,
    suggestions_per_place: int = 2,
    most: int = 8,
) -> np.ndarray:
    """Return how many people each worker may be suggested to at once.

    A worker has one place per ``hours_per_person`` spare weekly hours (contracted minus
    committed). A person chooses one of their suggestions, so each place may be offered to
    ``suggestions_per_place`` people; and nobody is offered to more than ``most``.
    """
    places = np.floor(np.maximum(index.remaining, 0.0) / hours_per_person)
    return np.minimum(places * suggestions_per_place, most).astype(np.int64)


@dataclass
class CandidateGraph:
    """Each person's best ``m`` eligible workers, as parallel arrays of edges."""

    person_ids: list[int]
    person: np.ndarray  # person number (position in person_ids) of each edge
    worker: np.ndarray  # worker position in the index
    score: np.ndarray
    upper_bound: float  # every person's best k, ignoring capacity


def candidate_graph(
    people: Sequence[PersonNeeds],
    index: WorkerIndex,
    *,
    m: int = 30,
    k: int = 4,
    allowed: np.ndarray | None = None,
) -> CandidateGraph:
    """Return each person's best ``m`` among the ``allowed`` workers (all when None).

    The upper bound is each person's own best ``k`` among the same workers.
    """
    found: list[tuple[np.ndarray, np.ndarray]] = [(np.empty(0, np.int64), np.empty(0))] * len(
        people
    )
    for number, rows, score in index.top_many(people, m, allowed):
        found[number] = (rows, score)
    persons = [np.full(len(rows), n, dtype=np.int64) for n, (rows, _s) in enumerate(found)]
    workers = [rows for rows, _s in found]
    scores = [score for _r, score in found]
    upper = float(sum(score[:k].sum() for score in scores))
    return CandidateGraph(
        person_ids=[p.person_id for p in people],
        person=np.concatenate(persons) if persons else np.empty(0, np.int64),
        worker=np.concatenate(workers) if workers else np.empty(0, np.int64),
        score=np.concatenate(scores) if scores else np.empty(0),
        upper_bound=upper,
    )


def _suggestions(
    graph: CandidateGraph, chosen: np.ndarray, index: WorkerIndex
) -> tuple[dict[int, list[tuple[int, float]]], float]:
    out: dict[int, list[tuple[int, float]]] = {pid: [] for pid in graph.person_ids}
    for edge in np.flatnonzero(chosen):
        pid = graph.person_ids[graph.person[edge]]
        out[pid].append((int(index.staff_ids[graph.worker[edge]]), float(graph.score[edge])))
    for rows in out.values():
        rows.sort(key=lambda r: (-r[1], r[0]))
    return out, float(graph.score[chosen].sum())


def greedy_assign(
    graph: CandidateGraph, index: WorkerIndex, *, k: int = 4, slots: np.ndarray | None = None
) -> Assignment:
    """Give everyone their own best ``k``, ignoring how often a worker is suggested."""
    chosen = np.zeros(len(graph.score), dtype=bool)
    # Edges are grouped by person, best first, so the first k of each group are the best k.
    starts = np.flatnonzero(np.r_[True, graph.person[1:] != graph.person[:-1]])
    rank = np.arange(len(graph.person)) - np.repeat(
        starts, np.diff(np.r_[starts, len(graph.person)])
    )
    chosen[rank < k] = True
    suggestions, total = _suggestions(graph, chosen, index)
    slots = capacity_slots(index) if slots is None else slots
    return Assignment(suggestions, total, slots=_slots_by_staff(index, slots))


def _slots_by_staff(index: WorkerIndex, slots: np.ndarray) -> dict[int, int]:
    return {int(s): int(n) for s, n in zip(index.staff_ids, slots, strict=True)}


def fair_assign(
    graph: CandidateGraph, index: WorkerIndex, *, k: int = 4, slots: np.ndarray | None = None
) -> Assignment:
    """Choose up to ``k`` suggestions per person, no worker beyond their slots, with the
    greatest total score on the candidate graph (a min-cost flow)."""
    from ortools.graph.python import min_cost_flow

    slots = capacity_slots(index) if slots is None else slots
    people = len(graph.person_ids)
    used = np.unique(graph.worker)
    worker_node = np.full(len(index), -1, dtype=np.int64)
    worker_node[used] = 2 + people + np.arange(len(used))
    source, sink = 0, 1
    supply = k * people
    big = SCORE_SCALE + 1
    cost = big - np.rint(graph.score * SCORE_SCALE).astype(np.int64)

    flow = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([
        np.zeros(people, np.int64),            # source → person
        2 + graph.person,                      # person → worker
        worker_node[used],                     # worker → sink
        [source],                              # unused suggestions
    ])  # fmt: skip
    heads = np.concatenate([
        2 + np.arange(people), worker_node[graph.worker], np.full(len(used), sink), [sink]
    ])  # fmt: skip
    capacities = np.concatenate([
        np.full(people, k), np.ones(len(graph.worker), np.int64), slots[used], [supply]
    ])  # fmt: skip
    costs = np.concatenate([
        np.zeros(people, np.int64), cost, np.zeros(len(used), np.int64), [big]
    ])  # fmt: skip
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.zeros(2 + people + len(used), dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"Min-cost flow did not solve: status {status}")
    edge_arcs = np.arange(people, people + len(graph.worker))
    chosen = flow.flows(edge_arcs) > 0
    suggestions, total = _suggestions(graph, chosen, index)
    return Assignment(suggestions, total, slots=_slots_by_staff(index, slots))


def merge_graphs(first: CandidateGraph, more: CandidateGraph, workers: int) -> CandidateGraph:
    """Return the union of two candidate graphs of the same people, each edge once, grouped
    by person and best first within a person."""
    person = np.concatenate([first.person, more.person])
    worker = np.concatenate([first.worker, more.worker])
    score = np.concatenate([first.score, more.score])
    _keys, once = np.unique(person * workers + worker, return_index=True)
    person, worker, score = person[once], worker[once], score[once]
    order = np.lexsort((worker, -score, person))
    return CandidateGraph(
        person_ids=first.person_ids,
        person=person[order],
        worker=worker[order],
        score=score[order],
        upper_bound=first.upper_bound,
    )


def spare_slots(assignment: Assignment, index: WorkerIndex, slots: np.ndarray) -> np.ndarray:
    used = np.zeros(len(index), dtype=np.int64)
    for staff_id, n in assignment.load.items():
        used[index.position[staff_id]] = n
    return slots - used


def run(
    people: Sequence[PersonNeeds],
    index: WorkerIndex,
    *,
    k: int = 4,
    m: int = 20,
    m_more: int = 10,
    rounds: int = 2,
    slots: np.ndarray | None = None,
) -> tuple[Assignment, Assignment, CandidateGraph]:
    """Return (fair, greedy, the fair run's final candidate graph), with timings.

    The first round's candidates are each person's best ``m`` among workers with a slot:
    a worker with none can never be suggested, so listing them would only crowd out
    someone who can. Popular workers then fill up, so each later round adds everyone's
    best ``m_more`` among the workers still with a slot spare and solves again: that lets
    the flow move a person to a spare worker and give their old place to someone who had
    no other. Greedy takes everyone's own best ``k`` among all eligible workers.
    """
    slots = capacity_slots(index) if slots is None else slots
    seconds: dict[str, float] = {"candidates": 0.0, "flow": 0.0}
    started = time.perf_counter()
    graph = candidate_graph(people, index, m=m, k=k, allowed=slots > 0)
    seconds["candidates"] += time.perf_counter() - started
    started = time.perf_counter()
    fair = fair_assign(graph, index, k=k, slots=slots)
    seconds["flow"] += time.perf_counter() - started
    for _ in range(rounds - 1):
        spare = spare_slots(fair, index, slots) > 0
        if not spare.any():
            break
        started = time.perf_counter()
        more = candidate_graph(people, index, m=m_more, k=k, allowed=spare)
        bigger = merge_graphs(graph, more, len(index))
        seconds["candidates"] += time.perf_counter() - started
        if len(bigger.score) == len(graph.score):
            break
        graph = bigger
        started = time.perf_counter()
        fair = fair_assign(graph, index, k=k, slots=slots)
        seconds["flow"] += time.perf_counter() - started
    fair.seconds = seconds
    started = time.perf_counter()
    greedy = greedy_assign(candidate_graph(people, index, m=k, k=k), index, k=k, slots=slots)
    greedy.seconds = {"all": time.perf_counter() - started}
    return fair, greedy, graph


def exact_optimum(
    people: Sequence[PersonNeeds], index: WorkerIndex, *, k: int = 4, slots: np.ndarray
) -> float:
    """Return the best possible total score over every eligible pair (no top-m cut).

    Solved as a linear programme; the constraint matrix of a bipartite b-matching is
    totally unimodular, so the programme's optimum is the integral optimum.
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_array, vstack

    graph = candidate_graph(people, index, m=len(index) or 1, k=k, allowed=slots > 0)
    edges = len(graph.score)
    if edges == 0:
        return 0.0
    columns = np.arange(edges)
    by_person = coo_array((np.ones(edges), (graph.person, columns)), shape=(len(people), edges))
    by_worker = coo_array((np.ones(edges), (graph.worker, columns)), shape=(len(index), edges))
    result = linprog(
        -graph.score,
        A_ub=vstack([by_person, by_worker]).tocsr(),
        b_ub=np.concatenate([np.full(len(people), k), slots]).astype(float),
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(result.message)
    return float(-result.fun)
