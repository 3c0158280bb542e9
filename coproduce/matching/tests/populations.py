"""Random small populations of workers and people, for property and recall tests."""

from __future__ import annotations

import random
from datetime import time

from coproduce.matching.engine import (
    PersonNeeds,
    PersonWeek,
    Preference,
    WorkerIndex,
    WorkerRow,
    week_slots,
)
from coproduce.people.taxonomy import INTERESTS, SKILLS

INTEREST_SLUGS = [slug for slug, _name, _category in INTERESTS]
SKILL_SLUGS = [slug for slug, _name in SKILLS]
LANGUAGES = ["English", "Urdu", "Polish", "Punjabi", "Welsh"]
CENTRE = (53.80, -1.55)
VALUES = {
    "gender": ["Woman", "Man", "Woman, for personal care", "Non-binary"],
    "age_range": ["Over 30", "Under 35", "25 to 50", "40s"],
    "language": LANGUAGES,
    "drives": [""],
    "non_smoker": [""],
    "pets_ok": [""],
    "shared_culture": ["Muslim"],
}


def _times(rng: random.Random, blocks: int) -> list[tuple[int, time, time]]:
    found = []
    for _ in range(blocks):
        day = rng.randrange(7)
        start = rng.randrange(12, 40)  # half-hours: 6:00 to 20:00
        end = min(47, start + rng.randrange(2, 16))
        found.append((day, time(start // 2, 30 * (start % 2)), time(end // 2, 30 * (end % 2))))
    return found


def random_population(
    seed: int, *, workers: int = 60, people: int = 20, services: int = 5, year: int = 2026
) -> tuple[WorkerIndex, list[PersonNeeds]]:
    rng = random.Random(seed)
    places = {
        sid: (CENTRE[0] + rng.uniform(-0.2, 0.2), CENTRE[1] + rng.uniform(-0.3, 0.3))
        for sid in range(1, services + 1)
    }
    rows = []
    for n in range(workers):
        home = rng.choice(list(places))
        lat, lon = places[home]
        known = rng.random() < 0.95
        rows.append(
            WorkerRow(
                staff_id=1000 + n,
                user_id=5000 + n,
                name=f"Worker {n}",
                interests=frozenset(rng.sample(INTEREST_SLUGS, rng.randint(0, 6))),
                skills=frozenset(rng.sample(SKILL_SLUGS, rng.randint(0, 4))),
                languages=frozenset(["English", *rng.sample(LANGUAGES, rng.randint(0, 2))]),
                gender=rng.choice(["woman", "man", "non_binary", "not_said", ""]),
                birth_year=rng.choice([None, *range(1960, 2006)]),
                drives=rng.random() < 0.5,
                smoker=rng.random() < 0.2,
                happy_with_pets=rng.random() < 0.8,
                latitude=round(lat + rng.uniform(-0.08, 0.08), 2) if known else None,
                longitude=round(lon + rng.uniform(-0.12, 0.12), 2) if known else None,
                contracted_hours=rng.choice([0.0, 16.0, 24.0, 37.5]),
                committed_hours=rng.choice([0.0, 8.0, 16.0, 20.0]),
                suggest_outside=rng.random() < 0.3,
                service_ids=frozenset(rng.sample(list(places), rng.choice([1, 1, 1, 2]))),
                week=tuple(week_slots(_times(rng, rng.randint(0, 6)))),
            )
        )
    index = WorkerIndex(
        rows,
        services=places,
        interest_slugs=INTEREST_SLUGS,
        skill_slugs=SKILL_SLUGS,
        year=year,
    )
    needs = []
    for n in range(people):
        wishes = rng.sample(list(VALUES), rng.randint(0, 4))
        prefs = [Preference(kind, rng.choice(VALUES[kind])) for kind in wishes]
        musts = tuple(p for p in prefs if rng.random() < 0.3)
        needs.append(
            PersonNeeds(
                person_id=n + 1,
                service_ids=frozenset(rng.sample(list(places), rng.choice([1, 1, 2]))),
                interests=frozenset(rng.sample(INTEREST_SLUGS, rng.randint(0, 6))),
                musts=musts,
                nices=tuple(p for p in prefs if p not in musts),
                week=PersonWeek.from_times(_times(rng, rng.randint(0, 5))),
                skills=frozenset(rng.sample(SKILL_SLUGS, rng.randint(0, 2))),
            )
        )
    return index, needs
