"""Check-ins for Ruth and Kyle over the last three weeks, and one one-to-one for Kyle.

Each says what its person would: Kyle is 18 and goes to college and The Hub; Ruth is 91,
at home in Moortown with her cat Pickles, her garden and her daughter Susan.

Rows are written directly, as in ``plans.py``: the actions would add audit entries, and the
append-only audit log would stop the demo being reset. The rows are the ones the actions
would write; each agreed action of the one-to-one has its entry in the decisions ledger.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.people.models import Person
from coproduce.plans.models.checkins import CheckIn, Mood, OneToOne, OneToOneAction

DAYS = 21
WISHES = [
    "Go swimming",
    "Cook pasta for tea",
    "Go to college",
    "See my brother",
    "Watch the football",
    "Go to the shops",
    "Stay in and listen to music",
]
SUPPORT = [
    "",
    "",
    "",
    "I'm having a bad day, please give me space",
    "Please remind me about my tablets",
    "I want to go out on my own today",
]
# Ruth's own: an older woman at home, her days in her words (see ``profiles.py``).
RUTH_WISHES = [
    "Sit out in the garden if it stays fine",
    "Have a bath and wash my hair",
    "Ring Susan after my breakfast",
    "Listen to the afternoon play on the radio",
    "Bake scones for when Pat pops round",
    "Have a quiet day in my chair with Pickles",
    "Deadhead the roses by the back door",
]
RUTH_SUPPORT = [
    "",
    "",
    "",
    "Take your time with me this morning, I am stiff",
    "Please read my letters out to me",
    "Please check Pickles has water and food",
    "Help me down the back step into the garden",
]


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _person(org: Organisation, key: str) -> Person:
    return Person.objects.get(organisation=org, user=_user(key))


def _check_ins(
    rng: random.Random,
    org: Organisation,
    person: Person,
    by: User,
    how: str,
    *,
    wishes: list[str],
    support: list[str],
) -> list[CheckIn]:
    today = timezone.localdate()
    moods = list(Mood.values)
    rows = []
    for days_ago in range(DAYS - 1, -1, -1):
        if rng.random() < 0.15:
            continue  # some days nobody checks in
        day = today - dt.timedelta(days=days_ago)
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, rng.randint(0, 59))))
        rows.append(
            CheckIn(
                organisation=org,
                person=person,
                date=day,
                mood=rng.choices(moods, weights=[3, 5, 4, 2, 1])[0],
                wishes=rng.choice(wishes),
                support_today=rng.choice(support),
                voice_how=how,
                voice_recorded_by=by,
                voice_recorded_at=at,
                created_at=at,
                updated_at=at,
            )
        )
    return CheckIn.objects.bulk_create(rows)


def build_check_ins(org: Organisation, *, seed: int = 13) -> dict[str, int]:
    """Create the check-ins and the one-to-one; return how many of each were made."""
    rng = random.Random(seed)
    kyle_user, omar, wendy = _user("kyle"), _user("omar"), _user("wendy")
    kyle, ruth = _person(org, "kyle"), _person(org, "ruth")
    made = len(
        _check_ins(rng, org, kyle, kyle_user, VoiceHow.TYPED, wishes=WISHES, support=SUPPORT)
    )
    made += len(
        _check_ins(rng, org, ruth, omar, VoiceHow.SPOKEN, wishes=RUTH_WISHES, support=RUTH_SUPPORT)
    )
    day = timezone.localdate() - dt.timedelta(days=6)
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
    meeting = OneToOne.objects.create(
        organisation=org,
        person=kyle,
        keyworker=wendy,
        date=day,
        agenda="Going to college in September\nMy evening visits\nSeeing my brother more",
        notes="I want to do the cooking course at college. Evening visits feel rushed.",
        voice_how=VoiceHow.TYPED,
        voice_recorded_by=kyle_user,
        voice_recorded_at=at,
        listened=OneToOne.Listened.YES,
        listened_words="Wendy let me say everything",
        created_by=kyle_user,
        created_at=at,
    )
    for what, owner, due in (
        ("Find out about the cooking course", "Wendy", 14),
        ("Ask my brother which Saturday is good", "Kyle", 7),
    ):
        action = OneToOneAction.objects.create(
            one_to_one=meeting, what=what, owner=owner, due_on=day + dt.timedelta(days=due)
        )
        action.decision = Decision.objects.create(
            organisation=org,
            person=kyle,
            what=f"One-to-one on {day.day} {day:%B %Y}, agreed: {what} ({owner})",
            person_took_part=True,
            rung=Rung.CO_PRODUCTION,
            decided_on=day,
            recorded_by=wendy,
            created_at=at,
            subject_type=ContentType.objects.get_for_model(OneToOneAction),
            subject_id=action.pk,
        )
        action.save(update_fields=["decision"])
    return {"check-ins": made, "one-to-ones": 1, "one-to-one actions": 2}


# The large demo: a year of check-ins.

# Each person who signs in checks in on about this share of days.
SHARE_OF_DAYS_CHECKED_IN = 0.55
YEAR = 365


def write_year_of_check_ins(
    organisation: Organisation, people: list[Person], *, seed: int, days: int = YEAR
) -> dict[str, int]:
    """Write a year of check-ins for the people who sign in, in batches; return the count.

    Rows are made a batch at a time, not all in memory: a large organisation has about
    1.5 million. ``people`` are saved already (their ids are set).
    """
    from coproduce.demo.common import BATCH_SIZE

    rng = random.Random(f"checkins:{seed}:{organisation.slug}")
    moods = list(Mood.values)
    today = timezone.localdate()
    start = today - dt.timedelta(days=days - 1)
    batch: list[CheckIn] = []
    written = 0
    for person in people:
        if person.user_id is None:
            continue
        # Each person has their own usual mood, so their charts differ.
        weights = [rng.randint(1, 6) for _ in moods]
        day = start
        while day <= today:
            if rng.random() < SHARE_OF_DAYS_CHECKED_IN:
                at = timezone.make_aware(dt.datetime.combine(day, dt.time(8, rng.randint(0, 59))))
                batch.append(
                    CheckIn(
                        organisation=organisation,
                        person_id=person.pk,
                        date=day,
                        mood=rng.choices(moods, weights=weights)[0],
                        wishes=rng.choice(WISHES),
                        support_today=rng.choice(SUPPORT),
                        voice_how=VoiceHow.TYPED,
                        voice_recorded_by_id=person.user_id,
                        voice_recorded_at=at,
                        created_at=at,
                        updated_at=at,
                    )
                )
                if len(batch) >= BATCH_SIZE:
                    CheckIn.objects.bulk_create(batch, batch_size=BATCH_SIZE)
                    written += len(batch)
                    batch = []
            day += dt.timedelta(days=1)
    if batch:
        CheckIn.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        written += len(batch)
    return {"check-ins": written}
