"""What matching needs in the large demo set: staff profiles with weekly availability (and
one of a dozen shared drawn portraits) for every support worker, and for every person supported their interests, their wishes for a
worker and the weekly times they would like support.

Built in memory and written with ``bulk_create``, like the rest of the large set.
"""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal

from coproduce.accounts.models import Organisation, Service, User
from coproduce.demo.common import BATCH_SIZE
from coproduce.demo.introductions import portrait_pool
from coproduce.matching.models import PreferredTime
from coproduce.people.models import (
    Availability,
    Interest,
    Person,
    PersonDetails,
    Skill,
    StaffProfile,
    WorkerPreference,
)

Gender = StaffProfile.Gender
MUST, NICE = WorkerPreference.Strength.MUST, WorkerPreference.Strength.NICE

GENDERS = ((Gender.WOMAN, 74), (Gender.MAN, 23), (Gender.NON_BINARY, 2), (Gender.NOT_SAID, 1))
OTHER_LANGUAGES = ("Polish", "Urdu", "Punjabi", "Arabic", "Bengali", "British Sign Language")
CONTRACTS = (Decimal("16"), Decimal("20"), Decimal("24"), Decimal("30"), Decimal("37.5"))
# Weekly patterns: (first hour, last hour) of a shift, on 3 to 5 days.
SHIFTS = ((7, 14), (8, 16), (9, 17), (10, 15), (14, 22), (16, 22))
# Some interests are far more common than others, so popular workers emerge.
POPULAR = {
    "walking",
    "cooking",
    "films",
    "tv",
    "pop-music",
    "shopping",
    "cafes",
    "dogs",
    "football",
}
SHARE_SUGGESTED_OUTSIDE = 0.3
# (characteristic, chance a person has it, chance it is a must, values)
WISHES: tuple[tuple[str, float, float, tuple[str, ...]], ...] = (
    ("gender", 0.40, 0.45, ("Woman", "Woman", "Woman, for personal care", "Man")),
    ("drives", 0.25, 0.30, ("",)),
    ("non_smoker", 0.30, 0.40, ("",)),
    ("pets_ok", 0.15, 0.50, ("",)),
    ("age_range", 0.15, 0.10, ("Over 30", "Under 40", "25 to 50")),
    ("language", 0.06, 0.50, ("Urdu", "Polish", "Punjabi", "British Sign Language")),
    ("shared_culture", 0.05, 0.20, ("Muslim", "Catholic", "Sikh")),
)


def _clock(hour: float) -> time:
    return time(int(hour), 30 if hour % 1 else 0)


class MatchingProfiles:
    """Collect the workers and people as the builder makes them; write their profiles."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Each support worker, their first service and the gender their name was drawn for.
        self.workers: list[tuple[User, Service, str]] = []

    def draw_gender(self) -> str:
        """Draw a worker's gender, before their name, so the two agree."""
        return self.rng.choices([g for g, _ in GENDERS], weights=[w for _, w in GENDERS])[0]

    def _sample(self, ids: list[int], weights: list[float], count: int) -> list[int]:
        chosen: list[int] = []
        while len(chosen) < min(count, len(ids)):
            pick = self.rng.choices(ids, weights=weights)[0]
            if pick not in chosen:
                chosen.append(pick)
        return chosen

    def _near(self, service: Service, spread: float) -> tuple[Decimal, Decimal] | tuple[None, None]:
        if service.latitude is None or service.longitude is None:
            return None, None
        lat = float(service.latitude) + self.rng.uniform(-spread, spread)
        lon = float(service.longitude) + self.rng.uniform(-spread * 1.6, spread * 1.6)
        return Decimal(f"{lat:.2f}"), Decimal(f"{lon:.2f}")

    def write(self, organisation: Organisation, people: list[Person]) -> dict[str, int]:
        rng = self.rng
        interests = dict(Interest.objects.order_by("id").values_list("slug", "id"))
        interest_ids = list(interests.values())
        interest_weights = [4.0 if slug in POPULAR else 1.0 for slug in interests]
        skill_ids = list(Skill.objects.order_by("id").values_list("id", flat=True))

        # A dozen drawn portraits, shared by reference: one file each, not one per worker.
        portraits = portrait_pool(organisation)
        profiles: list[StaffProfile] = []
        staff_interests, staff_skills, slots = [], [], []
        for number, (user, service, gender) in enumerate(self.workers):
            contracted = rng.choice(CONTRACTS)
            committed = (contracted * Decimal(rng.uniform(0.3, 1.0))).quantize(Decimal("0.5"))
            lat, lon = self._near(service, 0.04)
            languages = ["English"]
            if rng.random() < 0.15:
                languages.append(rng.choice(OTHER_LANGUAGES))
            profile = StaffProfile(
                organisation=organisation,
                user=user,
                languages=languages,
                drives=rng.random() < 0.55,
                gender=gender,
                birth_year=rng.randint(1960, 2005),
                happy_with_pets=rng.random() < 0.85,
                smoker=rng.random() < 0.18,
                home_latitude=lat,
                home_longitude=lon,
                contracted_hours=contracted,
                committed_hours=min(committed, contracted),
                suggest_outside_my_services=rng.random() < SHARE_SUGGESTED_OUTSIDE,
                photo=portraits[number % len(portraits)],
            )
            profiles.append(profile)
            for interest_id in self._sample(interest_ids, interest_weights, rng.randint(3, 6)):
                staff_interests.append((profile, interest_id))
            for skill_id in rng.sample(skill_ids, min(len(skill_ids), rng.randint(1, 5))):
                staff_skills.append((profile, skill_id))
            first, last = rng.choice(SHIFTS)
            for day in sorted(rng.sample(range(7), rng.randint(3, 5))):
                slots.append(
                    Availability(
                        staff=profile, weekday=day, starts_at=time(first), ends_at=time(last)
                    )
                )

        details: list[PersonDetails] = []
        person_interests, wishes, times = [], [], []
        for person in people:
            detail = PersonDetails(person=person, communication_language="English")
            details.append(detail)
            for interest_id in self._sample(interest_ids, interest_weights, rng.randint(2, 6)):
                person_interests.append((detail, interest_id))
            for characteristic, chance, must, values in WISHES:
                if rng.random() < chance:
                    wishes.append(
                        WorkerPreference(
                            person=person,
                            characteristic=characteristic,
                            value=rng.choice(values),
                            strength=MUST if rng.random() < must else NICE,
                        )
                    )
            for day in sorted(rng.sample(range(7), rng.randint(2, 4))):
                start = rng.choice((8, 9, 10, 13, 14, 17))
                length = rng.choice((2, 2.5, 3, 4))
                times.append(
                    PreferredTime(
                        person=person,
                        weekday=day,
                        starts_at=time(start),
                        ends_at=_clock(min(start + length, 23.5)),
                    )
                )

        # Parents before children: bulk_create copies each saved parent's id into its rows.
        StaffProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
        staff_interest = StaffProfile.interests.through
        staff_interest.objects.bulk_create(
            [staff_interest(staffprofile_id=p.pk, interest_id=i) for p, i in staff_interests],
            batch_size=BATCH_SIZE,
        )
        staff_skill = StaffProfile.skills.through
        staff_skill.objects.bulk_create(
            [staff_skill(staffprofile_id=p.pk, skill_id=i) for p, i in staff_skills],
            batch_size=BATCH_SIZE,
        )
        Availability.objects.bulk_create(slots, batch_size=BATCH_SIZE)
        PersonDetails.objects.bulk_create(details, batch_size=BATCH_SIZE)
        person_interest = PersonDetails.interests.through
        person_interest.objects.bulk_create(
            [person_interest(persondetails_id=d.pk, interest_id=i) for d, i in person_interests],
            batch_size=BATCH_SIZE,
        )
        WorkerPreference.objects.bulk_create(wishes, batch_size=BATCH_SIZE)
        PreferredTime.objects.bulk_create(times, batch_size=BATCH_SIZE)
        return {
            "staff profiles": len(profiles),
            "staff interests": len(staff_interests),
            "staff skills": len(staff_skills),
            "availability slots": len(slots),
            "person details": len(details),
            "person interests": len(person_interests),
            "worker preferences": len(wishes),
            "preferred times": len(times),
        }
