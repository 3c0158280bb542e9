"""Staff profiles for the demo: one-page profiles, interests, skills, languages, home areas
and weekly availability for every support worker and manager (their portraits and films
are in ``introductions.py``).

Rows are written directly, as the rest of the small demo is: an action would add audit
entries, and the append-only audit log would then stop the demo being reset.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from coproduce.accounts.models import Membership, Organisation, User
from coproduce.demo.names import gender_of_first_name
from coproduce.people.districts import district_centre
from coproduce.people.models import Availability, Interest, Skill, StaffProfile
from coproduce.people.staff.actions import availability_problem

# The named workers' own words; everyone else gets a profile from the pools below.
NAMED: dict[str, dict[str, Any]] = {
    "wendy@riverside.example": {
        "appreciate": "I am calm and patient, and I always make time for a chat.",
        "matters_to_me": "My two children, my dog Bramble, and being outdoors.",
        "how_i_like_to_work": (
            "I like to plan the day together. I will try anything once, "
            "and I am happy to go at your pace."
        ),
        "interests": ["walking", "dogs", "baking", "musicals", "gardening"],
        "other_interests": "Quizzes, Strictly Come Dancing",
        "skills": ["autism", "learning-disability", "pbs", "medication", "first-aid"],
        "languages": ["English", "Makaton"],
        "home_area": "LS6",
        "drives": True,
        "gender": StaffProfile.Gender.WOMAN,
        "birth_year": 1988,
        "contracted_hours": Decimal("37.5"),
        "suggest_outside_my_services": True,
        "week": [(day, "08:00", "15:00") for day in range(5)],
    },
    "omar@riverside.example": {
        "appreciate": "I am reliable and I notice the little things.",
        "matters_to_me": "My family, my faith and Leeds United.",
        "how_i_like_to_work": "I like to know how you want things done, then do them well.",
        "interests": ["football", "cooking", "cars", "faith"],
        "other_interests": "",
        "skills": ["dementia", "moving-handling", "medication", "diabetes", "safeguarding"],
        "languages": ["English", "Urdu", "Punjabi"],
        "home_area": "LS7",
        "drives": True,
        "gender": StaffProfile.Gender.MAN,
        "birth_year": 1979,
        "contracted_hours": Decimal("30"),
        "suggest_outside_my_services": False,
        "week": [(day, "07:00", "13:00") for day in (0, 1, 2, 5, 6)],
    },
}

# The named staff with a generated profile: their gender agrees with who they are.
PERSONA_GENDERS = {"maya@riverside.example": StaffProfile.Gender.WOMAN}

APPRECIATE = [
    "I am cheerful and I listen.",
    "I am organised and I keep my promises.",
    "I am good at calming things down.",
    "I make people laugh.",
    "I am patient and kind.",
]
MATTERS = [
    "My family and my friends.",
    "Keeping fit and eating well.",
    "Music, and seeing live bands.",
    "My garden and my allotment.",
    "Travelling and trying new food.",
]
HOW_I_WORK = [
    "I like to agree the plan for the day first.",
    "I like to get to know people slowly.",
    "I like to be busy and out and about.",
    "I like clear routines, and I am happy to change them when you want.",
]
OTHER_LANGUAGES = ["Polish", "Urdu", "Punjabi", "Arabic", "British Sign Language", "Welsh"]
AREAS = ["LS3", "LS4", "LS6", "LS7", "LS8", "LS12", "LS16", "LS17"]
SHIFTS = [
    [(day, "08:00", "14:00") for day in range(5)],
    [(day, "14:00", "22:00") for day in range(5)],
    [(day, "09:00", "17:00") for day in (0, 2, 4, 5)],
    [(day, "07:00", "15:00") for day in (3, 4, 5, 6)],
]


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _staff_users(organisation: Organisation) -> list[User]:
    ids = (
        Membership.objects.current()
        .filter(organisation=organisation, role__in=("support_worker", "service_manager"))
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids).order_by("email"))


def _generated(
    rng: random.Random, interests: list[str], skills: list[str], gender: str
) -> dict[str, Any]:
    languages = ["English"]
    if rng.random() < 0.35:
        languages.append(rng.choice(OTHER_LANGUAGES))
    return {
        "appreciate": rng.choice(APPRECIATE),
        "matters_to_me": rng.choice(MATTERS),
        "how_i_like_to_work": rng.choice(HOW_I_WORK),
        "interests": rng.sample(interests, 4),
        "other_interests": "",
        "skills": rng.sample(skills, 3),
        "languages": languages,
        "home_area": rng.choice(AREAS),
        "drives": rng.random() < 0.6,
        "gender": gender,
        "birth_year": rng.randint(1965, 2003),
        "contracted_hours": Decimal(rng.choice(["16", "24", "30", "37.5"])),
        "suggest_outside_my_services": rng.random() < 0.5,
        "week": rng.choice(SHIFTS),
    }


def _write_profile(user: User, organisation: Organisation, spec: dict[str, Any]) -> None:
    area = str(spec["home_area"])
    latitude, longitude = district_centre(area) or (None, None)
    profile = StaffProfile.objects.create(
        organisation=organisation,
        user=user,
        appreciate=spec["appreciate"],
        matters_to_me=spec["matters_to_me"],
        how_i_like_to_work=spec["how_i_like_to_work"],
        other_interests=spec["other_interests"],
        languages=spec["languages"],
        drives=spec["drives"],
        gender=spec["gender"],
        birth_year=spec["birth_year"],
        home_area=area,
        home_latitude=latitude,
        home_longitude=longitude,
        contracted_hours=spec["contracted_hours"],
        suggest_outside_my_services=spec["suggest_outside_my_services"],
        updated_at=user.date_joined,
    )
    profile.interests.set(Interest.objects.filter(slug__in=spec["interests"]))
    profile.skills.set(Skill.objects.filter(slug__in=spec["skills"]))
    slots = [(weekday, _time(start), _time(end)) for weekday, start, end in spec["week"]]
    for weekday, starts_at, ends_at in slots:
        # The same slot rule the worker's own form keeps.
        problem = availability_problem(
            slots=profile.availability.all(), weekday=weekday, starts_at=starts_at, ends_at=ends_at
        )
        if problem:
            raise ValueError(f"Demo availability for {user.email}: {problem}")
        Availability.objects.create(
            staff=profile, weekday=weekday, starts_at=starts_at, ends_at=ends_at
        )


def _gender_of(user: User, genders: dict[str, str]) -> str:
    """Return the gender a worker's profile records: the one their name was drawn for."""
    gender = genders.get(user.email) or PERSONA_GENDERS.get(user.email)
    if gender is None:
        gender = gender_of_first_name((user.name or "").split(" ")[0])
    if gender is None:
        raise ValueError(f"Demo worker {user.email} has a name that says no gender")
    return gender


def build_staff_profiles(
    organisation: Organisation, *, seed: int = 1, genders: dict[str, str] | None = None
) -> dict[str, int]:
    """Write a staff profile for every worker and manager of the organisation; return counts.

    ``genders`` gives, by email, the gender each generated worker's name was drawn for.
    """
    rng = random.Random(seed)
    genders = genders or {}
    interests = sorted(Interest.objects.values_list("slug", flat=True))
    skills = sorted(Skill.objects.values_list("slug", flat=True))
    counts = {"staff profiles": 0}
    for user in _staff_users(organisation):
        spec = NAMED.get(user.email) or _generated(
            rng, interests, skills, _gender_of(user, genders)
        )
        _write_profile(user, organisation, spec)
        counts["staff profiles"] += 1
    return counts
