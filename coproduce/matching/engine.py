"""Score one person against every worker of an organisation, fast.

The organisation's workers are held once in a ``WorkerIndex``: one numpy array per
attribute, with interests, skills, languages and the weekly availability packed into
bitsets of 64-bit words. Scoring one person is then a handful of array operations over all
workers (a hard filter, a weighted score, ``np.argpartition`` for the best few), with no
Python loop over workers. ``exact_top_k`` is the plain-Python reference the fast path is
tested against.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import time

import numpy as np

SLOTS_PER_DAY = 48  # half-hours
WEEK_SLOTS = 7 * SLOTS_PER_DAY
WEEK_WORDS = WEEK_SLOTS // 64 + (WEEK_SLOTS % 64 > 0)  # 6 words of 64 bits
EARTH_RADIUS_KM = 6371.0088

GENDERS = ("woman", "man", "non_binary", "not_said")
CHARACTERISTICS = (
    "gender",
    "age_range",
    "language",
    "drives",
    "non_smoker",
    "pets_ok",
    "shared_culture",
)
# Held by nobody's profile yet, so never used to rule a worker out: shown as something to
# talk about when they meet instead.
UNCHECKED = frozenset({"shared_culture"})


@dataclass(frozen=True)
class Weights:
    """How much each part counts; parts are each between 0 and 1, so the score is too."""

    interests: float = 0.30
    availability: float = 0.25
    nice: float = 0.15
    travel: float = 0.15
    skills: float = 0.10
    capacity: float = 0.05


@dataclass(frozen=True)
class Settings:
    weights: Weights = field(default_factory=Weights)
    # Workers from other services are suggested only when they live this close.
    max_outside_km: float = 15.0
    # Travel counts for nothing at or beyond this distance.
    travel_cutoff_km: float = 20.0
    # Shared interests count fully from this many.
    interests_for_full_marks: int = 4
    # Remaining hours count fully from this many.
    capacity_for_full_marks: float = 20.0


DEFAULT_SETTINGS = Settings()


# --- bitsets --------------------------------------------------------------------------------


def words_for(bits: int) -> int:
    return max(1, (bits + 63) // 64)


def pack_bits(positions: Iterable[int], words: int) -> np.ndarray:
    """Return a uint64 array of ``words`` words with the given bit positions set."""
    out = np.zeros(words, dtype=np.uint64)
    for position in positions:
        out[position // 64] |= np.uint64(1) << np.uint64(position % 64)
    return out


def bits_of(row: np.ndarray) -> list[int]:
    """Return the positions of the set bits of a packed row, lowest first."""
    found = []
    for word_number, word in enumerate(int(w) for w in row):
        while word:
            low = word & -word
            found.append(word_number * 64 + low.bit_length() - 1)
            word ^= low
    return found


def slot_of(weekday: int, at: time) -> int:
    return weekday * SLOTS_PER_DAY + at.hour * 2 + (at.minute >= 30)


def week_slots(times: Iterable[tuple[int, time, time]]) -> list[int]:
    """Return the half-hour slots of the week covered by (weekday, starts_at, ends_at) rows.

    A slot counts when the time covers its start; an end at midnight is written 23:59.
    """
    slots: set[int] = set()
    for weekday, starts_at, ends_at in times:
        first = slot_of(weekday, starts_at)
        last = slot_of(weekday, ends_at)
        if ends_at.minute % 30 or (ends_at.hour, ends_at.minute) == (23, 59):
            last += 1
        slots.update(range(first, min(last, (weekday + 1) * SLOTS_PER_DAY)))
    return sorted(slots)


# --- the people and workers being matched ---------------------------------------------------


@dataclass(frozen=True)
class Preference:
    characteristic: str
    value: str = ""


@dataclass(frozen=True)
class WorkerRow:
    """One worker as plain values; the index is built from these."""

    staff_id: int
    user_id: int
    name: str
    interests: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    gender: str = ""
    birth_year: int | None = None
    drives: bool = False
    smoker: bool = False
    happy_with_pets: bool = True
    latitude: float | None = None
    longitude: float | None = None
    contracted_hours: float = 0.0
    committed_hours: float = 0.0
    suggest_outside: bool = False
    service_ids: frozenset[int] = frozenset()
    week: tuple[int, ...] = ()  # half-hour slots, see ``week_slots``


@dataclass(frozen=True)
class PersonWeek:
    """When a person would like support, as half-hour slots of the week."""

    slots: tuple[int, ...] = ()

    @classmethod
    def from_times(cls, times: Iterable[tuple[int, time, time]]) -> PersonWeek:
        return cls(tuple(week_slots(times)))

    @property
    def hours(self) -> float:
        return len(self.slots) / 2


@dataclass(frozen=True)
class PersonNeeds:
    """What matching knows about one person: where, what they like, what they want."""

    person_id: int
    service_ids: frozenset[int]
    latitude: float | None = None  # degrees, where support happens (their main service)
    longitude: float | None = None
    interests: frozenset[str] = frozenset()
    musts: tuple[Preference, ...] = ()
    nices: tuple[Preference, ...] = ()
    week: PersonWeek = PersonWeek()
    skills: frozenset[str] = frozenset()  # what the "how" of their plan needs


@dataclass(frozen=True)
class Suggestion:
    """One suggested worker and the shared things that explain why."""

    staff_id: int
    user_id: int
    name: str
    score: float
    shared_interests: tuple[str, ...]  # interest slugs, in taxonomy order
    nice_met: tuple[Preference, ...]
    free_slots: tuple[int, ...]  # half-hour slots both are free
    distance_km: float | None
    remaining_hours: float
    skills_met: tuple[str, ...]
    same_service: bool
    to_talk_about: tuple[Preference, ...] = ()  # wishes nobody's profile can show yet


# --- the index ------------------------------------------------------------------------------


def _age_bounds(value: str) -> tuple[int, int] | None:
    """Read "Over 30", "Under 35", "30-50", "30 to 50" or "40s" as inclusive age bounds."""
    text = value.lower()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not numbers:
        return None
    if len(numbers) >= 2:
        return min(numbers[:2]), max(numbers[:2])
    n = numbers[0]
    if "over" in text or "older" in text or "+" in text or "at least" in text:
        return n + ("over" in text), 200
    if "under" in text or "younger" in text or "below" in text:
        return 0, n - 1
    if text.rstrip().endswith("s"):
        return n, n + 9
    return n, n


def _gender_of(value: str) -> str | None:
    text = value.lower()
    for word, gender in (
        ("non-binary", "non_binary"),
        ("non binary", "non_binary"),
        ("nonbinary", "non_binary"),
        ("woman", "woman"),
        ("female", "woman"),
        ("lady", "woman"),
        ("man", "man"),
        ("male", "man"),
    ):
        if re.search(rf"\b{word}\b", text):
            return gender
    return None


class WorkerIndex:
    """An organisation's workers as arrays, built once and scored against many times."""

    def __init__(
        self,
        rows: Sequence[WorkerRow],
        *,
        services: dict[int, tuple[float, float]],
        interest_slugs: Sequence[str],
        skill_slugs: Sequence[str],
        year: int,
        settings: Settings = DEFAULT_SETTINGS,
        organisation_id: int | None = None,
    ) -> None:
        n = len(rows)
        self.organisation_id = organisation_id
        self.settings = settings
        self.year = year
        self.rows = list(rows)
        self.interest_slugs = list(interest_slugs)
        self.skill_slugs = list(skill_slugs)
        self.interest_bit = {slug: i for i, slug in enumerate(self.interest_slugs)}
        self.skill_bit = {slug: i for i, slug in enumerate(self.skill_slugs)}
        languages = sorted({lang.strip().lower() for r in rows for lang in r.languages})
        self.language_bit = {lang: i for i, lang in enumerate(languages)}
        # Service locations in radians, for where a person is supported.
        self.service_location = {
            sid: (math.radians(lat), math.radians(lon)) for sid, (lat, lon) in services.items()
        }

        self.staff_ids = np.fromiter((r.staff_id for r in rows), dtype=np.int64, count=n)
        self.position = {int(s): i for i, s in enumerate(self.staff_ids)}
        iw, sw, lw = (
            words_for(len(self.interest_slugs)),
            words_for(len(self.skill_slugs)),
            words_for(len(languages)),
        )
        self.interests = np.zeros((n, iw), dtype=np.uint64)
        self.skills = np.zeros((n, sw), dtype=np.uint64)
        self.languages = np.zeros((n, lw), dtype=np.uint64)
        self.week = np.zeros((n, WEEK_WORDS), dtype=np.uint64)
        for i, r in enumerate(rows):
            self.interests[i] = pack_bits(
                (self.interest_bit[s] for s in r.interests if s in self.interest_bit), iw
            )
            self.skills[i] = pack_bits(
                (self.skill_bit[s] for s in r.skills if s in self.skill_bit), sw
            )
            self.languages[i] = pack_bits(
                (self.language_bit[lang.strip().lower()] for lang in r.languages), lw
            )
            self.week[i] = pack_bits(r.week, WEEK_WORDS)
        self.lat = np.array(
            [math.radians(r.latitude) if r.latitude is not None else np.nan for r in rows],
            dtype=np.float64,
        )
        self.lon = np.array(
            [math.radians(r.longitude) if r.longitude is not None else np.nan for r in rows],
            dtype=np.float64,
        )
        self.cos_lat = np.cos(self.lat)
        self.remaining = np.array(
            [r.contracted_hours - r.committed_hours for r in rows], dtype=np.float64
        )
        self.gender = np.array(
            [GENDERS.index(r.gender) if r.gender in GENDERS else -1 for r in rows], dtype=np.int8
        )
        self.birth_year = np.array([r.birth_year or 0 for r in rows], dtype=np.int32)
        self.drives = np.array([r.drives for r in rows], dtype=bool)
        self.smoker = np.array([r.smoker for r in rows], dtype=bool)
        self.pets_ok = np.array([r.happy_with_pets for r in rows], dtype=bool)
        self.outside = np.array([r.suggest_outside for r in rows], dtype=bool)
        by_service: dict[int, list[int]] = {}
        for i, r in enumerate(rows):
            for sid in r.service_ids:
                by_service.setdefault(sid, []).append(i)
        self.workers_of_service = {
            sid: np.array(ids, dtype=np.int64) for sid, ids in by_service.items()
        }
        self.outside_positions = np.flatnonzero(self.outside)
        self._pools: dict[
            tuple[frozenset[int], tuple[float, float] | None],
            tuple[np.ndarray, np.ndarray, np.ndarray],
        ] = {}

    def __len__(self) -> int:
        return len(self.staff_ids)

    # --- one person, vectorised ------------------------------------------------------------

    def where_of(self, person: PersonNeeds) -> tuple[float, float] | None:
        """Return the place support happens, in radians: the person's own, else a service's."""
        if person.latitude is not None and person.longitude is not None:
            return math.radians(person.latitude), math.radians(person.longitude)
        for sid in sorted(person.service_ids):
            if sid in self.service_location:
                return self.service_location[sid]
        return None

    def preference_mask(self, preference: Preference, rows: np.ndarray) -> np.ndarray:
        """Return, for the workers at ``rows``, whether each has the characteristic."""
        kind, value = preference.characteristic, preference.value
        if kind == "gender":
            gender = _gender_of(value)
            if gender is None:
                return np.ones(len(rows), dtype=bool)
            return self.gender[rows] == GENDERS.index(gender)
        if kind == "age_range":
            bounds = _age_bounds(value)
            if bounds is None:
                return np.ones(len(rows), dtype=bool)
            born = self.birth_year[rows]
            age = self.year - born
            return (born > 0) & (age >= bounds[0]) & (age <= bounds[1])
        if kind == "language":
            bit = self.language_bit.get(value.strip().lower())
            if bit is None:
                return np.zeros(len(rows), dtype=bool)
            word = self.languages[rows, bit // 64]
            return (word >> np.uint64(bit % 64)) & np.uint64(1) == 1
        if kind == "drives":
            return self.drives[rows]
        if kind == "non_smoker":
            return ~self.smoker[rows]
        if kind == "pets_ok":
            return self.pets_ok[rows]
        return np.ones(len(rows), dtype=bool)  # not held anywhere: never rules anyone out

    def _pool(
        self, service_ids: frozenset[int], where: tuple[float, float] | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (positions, km, same-service flags) of the workers who may work there,
        ascending by position; remembered, as many people share a service."""
        key = (service_ids, where)
        held = self._pools.get(key)
        if held is not None:
            return held
        own = [self.workers_of_service[s] for s in service_ids if s in self.workers_of_service]
        same = np.unique(np.concatenate(own)) if own else np.empty(0, dtype=np.int64)
        outside = np.setdiff1d(self.outside_positions, same, assume_unique=True)
        if where is None:
            outside = outside[:0]
        else:
            outside = outside[self._distance(outside, where) <= self.settings.max_outside_km]
        rows = np.concatenate([same, outside])
        is_same = np.zeros(len(rows), dtype=bool)
        is_same[: len(same)] = True
        order = np.argsort(rows, kind="stable")
        rows, is_same = rows[order], is_same[order]
        km = self._distance(rows, where) if where is not None else np.full(len(rows), np.nan)
        self._pools[key] = (rows, km, is_same)
        return rows, km, is_same

    def candidates(
        self, person: PersonNeeds, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (positions, distances in km, same-service flags) of the eligible workers.

        Eligible: works in one of the person's services, or has agreed to be suggested
        outside them and lives within ``max_outside_km``; and has every "must". ``allowed``
        (one flag per worker) narrows the field further, e.g. to workers with capacity.
        """
        rows, km, is_same = self._pool(person.service_ids, self.where_of(person))
        keep = np.ones(len(rows), dtype=bool) if allowed is None else allowed[rows]
        for must in person.musts:
            keep &= self.preference_mask(must, rows)
        return rows[keep], km[keep], is_same[keep]

    def _distance(self, rows: np.ndarray, where: tuple[float, float]) -> np.ndarray:
        lat, lon = where
        dlat = self.lat[rows] - lat
        dlon = self.lon[rows] - lon
        a = np.sin(dlat / 2) ** 2 + math.cos(lat) * self.cos_lat[rows] * np.sin(dlon / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))

    def person_bits(self, person: PersonNeeds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        interests = pack_bits(
            (self.interest_bit[s] for s in person.interests if s in self.interest_bit),
            self.interests.shape[1],
        )
        skills = pack_bits(
            (self.skill_bit[s] for s in person.skills if s in self.skill_bit),
            self.skills.shape[1],
        )
        week = pack_bits(person.week.slots, WEEK_WORDS)
        return interests, skills, week

    def score(
        self, person: PersonNeeds, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return (positions, scores, distances, same-service flags) of the eligible workers."""
        settings, w = self.settings, self.settings.weights
        rows, km, is_same = self.candidates(person, allowed)
        interests, skills, week = self.person_bits(person)
        score = np.zeros(len(rows), dtype=np.float64)
        if len(rows) == 0:
            return rows, score, km, is_same
        wanted = len(person.interests.intersection(self.interest_bit))
        if wanted:
            shared = np.bitwise_count(self.interests[rows] & interests).sum(axis=1)
            full = min(wanted, settings.interests_for_full_marks)
            score += w.interests * np.minimum(shared, full) / full
        if person.week.slots:
            overlap = np.bitwise_count(self.week[rows] & week).sum(axis=1)
            score += w.availability * overlap / len(person.week.slots)
        checkable = [p for p in person.nices if p.characteristic not in UNCHECKED]
        if checkable:
            met = np.zeros(len(rows), dtype=np.float64)
            for nice in checkable:
                met += self.preference_mask(nice, rows)
            score += w.nice * met / len(checkable)
        travel = np.clip(1.0 - km / settings.travel_cutoff_km, 0.0, 1.0)
        score += w.travel * np.nan_to_num(travel, nan=0.0)
        needed = len(person.skills.intersection(self.skill_bit))
        if needed:
            held = np.bitwise_count(self.skills[rows] & skills).sum(axis=1)
            score += w.skills * held / needed
        capacity = np.clip(self.remaining[rows] / settings.capacity_for_full_marks, 0.0, 1.0)
        score += w.capacity * capacity
        return rows, score, km, is_same

    def top(
        self, person: PersonNeeds, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return the best ``k`` eligible workers, best first; ties go to the lower position."""
        rows, score, km, is_same = self.score(person, allowed)
        chosen = _best(score, k)
        return rows[chosen], score[chosen], km[chosen], is_same[chosen]

    def top_many(
        self, people: Sequence[PersonNeeds], k: int, allowed: np.ndarray | None = None
    ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """Yield (number in ``people``, positions, scores) of each person's best ``k``.

        The same answer as ``top`` for each, faster for many: people supported at the same
        place share one pool of workers, and their scores are computed as one matrix.
        """
        settings, w = self.settings, self.settings.weights
        groups: dict[tuple[frozenset[int], tuple[float, float] | None], list[int]] = {}
        for number, person in enumerate(people):
            groups.setdefault((person.service_ids, self.where_of(person)), []).append(number)
        for (service_ids, where), numbers in groups.items():
            rows, km, _same = self._pool(service_ids, where)
            if allowed is not None:
                keep = allowed[rows]
                rows, km = rows[keep], km[keep]
            group = [people[n] for n in numbers]
            if len(rows) == 0:
                for number in numbers:
                    yield number, rows, np.zeros(0)
                continue
            bits = [self.person_bits(p) for p in group]
            interests = np.stack([b[0] for b in bits])[:, None, :]
            skills = np.stack([b[1] for b in bits])[:, None, :]
            week = np.stack([b[2] for b in bits])[:, None, :]
            wanted = np.array([len(p.interests.intersection(self.interest_bit)) for p in group])
            full = np.minimum(wanted, settings.interests_for_full_marks)[:, None]
            slots = np.array([len(p.week.slots) for p in group])[:, None]
            needed = np.array([len(p.skills.intersection(self.skill_bit)) for p in group])[:, None]
            score = np.zeros((len(group), len(rows)), dtype=np.float64)
            with np.errstate(divide="ignore", invalid="ignore"):
                shared = np.bitwise_count(self.interests[rows][None] & interests).sum(axis=2)
                term = w.interests * np.minimum(shared, full) / full
                score += np.where(full > 0, term, 0.0)
                overlap = np.bitwise_count(self.week[rows][None] & week).sum(axis=2)
                score += np.where(slots > 0, w.availability * overlap / slots, 0.0)
                for g, person in enumerate(group):
                    checkable = [p for p in person.nices if p.characteristic not in UNCHECKED]
                    if checkable:
                        met = np.zeros(len(rows), dtype=np.float64)
                        for nice in checkable:
                            met += self.preference_mask(nice, rows)
                        score[g] += w.nice * met / len(checkable)
                travel = np.clip(1.0 - km / settings.travel_cutoff_km, 0.0, 1.0)
                score += w.travel * np.nan_to_num(travel, nan=0.0)
                held = np.bitwise_count(self.skills[rows][None] & skills).sum(axis=2)
                score += np.where(needed > 0, w.skills * held / needed, 0.0)
            capacity = np.clip(self.remaining[rows] / settings.capacity_for_full_marks, 0.0, 1.0)
            score += w.capacity * capacity
            for g, (number, person) in enumerate(zip(numbers, group, strict=True)):
                if person.musts:
                    keep = np.ones(len(rows), dtype=bool)
                    for must in person.musts:
                        keep &= self.preference_mask(must, rows)
                    mine, mine_score = rows[keep], score[g][keep]
                else:
                    mine, mine_score = rows, score[g]
                chosen = _best(mine_score, k)
                yield number, mine[chosen], mine_score[chosen]

    # --- explaining one suggestion ---------------------------------------------------------

    def suggestion(
        self, person: PersonNeeds, position: int, score: float, km: float, same: bool
    ) -> Suggestion:
        row = self.rows[position]
        interests, skills, week = self.person_bits(person)
        shared = tuple(
            self.interest_slugs[b] for b in bits_of(self.interests[position] & interests)
        )
        skills_met = tuple(self.skill_slugs[b] for b in bits_of(self.skills[position] & skills))
        at = np.array([position])
        nice_met = tuple(
            p
            for p in person.nices
            if p.characteristic not in UNCHECKED and bool(self.preference_mask(p, at)[0])
        )
        unchecked = tuple(
            p for p in (*person.musts, *person.nices) if p.characteristic in UNCHECKED
        )
        return Suggestion(
            staff_id=row.staff_id,
            user_id=row.user_id,
            name=row.name,
            score=float(score),
            shared_interests=shared,
            nice_met=nice_met,
            free_slots=tuple(bits_of(self.week[position] & week)),
            distance_km=None if math.isnan(km) else float(km),
            remaining_hours=float(self.remaining[position]),
            skills_met=skills_met,
            same_service=bool(same),
            to_talk_about=unchecked,
        )


def _best(score: np.ndarray, k: int) -> np.ndarray:
    """Return the places of the ``k`` highest scores, best first; ties go to the earlier."""
    if len(score) > k:
        kth = score[np.argpartition(-score, k - 1)[:k]].min()
        above = np.flatnonzero(score > kth)
        level = np.flatnonzero(score == kth)[: k - len(above)]
        chosen = np.concatenate([above, level])
    else:
        chosen = np.arange(len(score))
    # Candidates are in ascending position, so a stable sort breaks ties by position.
    return chosen[np.argsort(-score[chosen], kind="stable")]


def shortlist(person: PersonNeeds, index: WorkerIndex, k: int = 4) -> list[Suggestion]:
    """Return the ``k`` best-matched eligible workers for the person, best first."""
    rows, scores, km, same = index.top(person, k)
    return [
        index.suggestion(person, int(p), float(s), float(d), bool(f))
        for p, s, d, f in zip(rows, scores, km, same, strict=True)
    ]


# --- the plain-Python reference -------------------------------------------------------------


def _popcount(words: Iterable[int]) -> int:
    return sum(int(w).bit_count() for w in words)


def _exact_has(index: WorkerIndex, row: WorkerRow, preference: Preference) -> bool:
    kind, value = preference.characteristic, preference.value
    if kind == "gender":
        gender = _gender_of(value)
        return gender is None or row.gender == gender
    if kind == "age_range":
        bounds = _age_bounds(value)
        if bounds is None:
            return True
        if not row.birth_year:
            return False
        return bounds[0] <= index.year - row.birth_year <= bounds[1]
    if kind == "language":
        return value.strip().lower() in {lang.strip().lower() for lang in row.languages}
    if kind == "drives":
        return row.drives
    if kind == "non_smoker":
        return not row.smoker
    if kind == "pets_ok":
        return row.happy_with_pets
    return True


def _exact_km(a: tuple[float, float], lat: float | None, lon: float | None) -> float:
    if lat is None or lon is None:
        return math.nan
    la, lo = math.radians(lat), math.radians(lon)
    h = (
        math.sin((la - a[0]) / 2) ** 2
        + math.cos(a[0]) * math.cos(la) * math.sin((lo - a[1]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


def exact_scores(person: PersonNeeds, index: WorkerIndex) -> list[tuple[float, int]]:
    """Score every worker one by one in plain Python; return (score, position) of the eligible."""
    settings, w = index.settings, index.settings.weights
    where = index.where_of(person)
    interests = {s for s in person.interests if s in index.interest_bit}
    skills = {s for s in person.skills if s in index.skill_bit}
    slots = set(person.week.slots)
    checkable = [p for p in person.nices if p.characteristic not in UNCHECKED]
    found = []
    for position, row in enumerate(index.rows):
        km = _exact_km(where, row.latitude, row.longitude) if where else math.nan
        same = bool(row.service_ids & person.service_ids)
        near = not math.isnan(km) and km <= settings.max_outside_km
        if not (same or (row.suggest_outside and near)):
            continue
        if not all(_exact_has(index, row, must) for must in person.musts):
            continue
        score = 0.0
        if interests:
            full = min(len(interests), settings.interests_for_full_marks)
            score += w.interests * min(len(interests & row.interests), full) / full
        if slots:
            score += w.availability * len(slots & set(row.week)) / len(slots)
        if checkable:
            met = sum(_exact_has(index, row, p) for p in checkable)
            score += w.nice * met / len(checkable)
        if not math.isnan(km):
            score += w.travel * min(1.0, max(0.0, 1.0 - km / settings.travel_cutoff_km))
        if skills:
            score += w.skills * len(skills & row.skills) / len(skills)
        remaining = row.contracted_hours - row.committed_hours
        score += w.capacity * min(1.0, max(0.0, remaining / settings.capacity_for_full_marks))
        found.append((score, position))
    return found


def exact_top_k(person: PersonNeeds, index: WorkerIndex, k: int = 4) -> list[tuple[float, int]]:
    """Return the best ``k`` (score, staff id) by exhaustive plain-Python scoring."""
    ranked = sorted(exact_scores(person, index), key=lambda sp: (-sp[0], sp[1]))[:k]
    return [(score, int(index.staff_ids[position])) for score, position in ranked]


def recall_at_k(
    fast: Sequence[Suggestion], exact: Sequence[tuple[float, int]], *, tolerance: float = 1e-9
) -> float:
    """Return the share of the exact top k the fast path found.

    A fast suggestion whose score equals the exact k-th score (within ``tolerance``) counts
    as found: among equal scores either worker is a right answer, and the two paths compute
    distances with different sine functions that may differ in the last bit.
    """
    if not exact:
        return 1.0 if not fast else 0.0
    wanted = {staff_id for _, staff_id in exact}
    floor = exact[-1][0] - tolerance
    found = sum(1 for s in fast if s.staff_id in wanted or s.score >= floor)
    return min(found, len(exact)) / len(exact)
