"""One-page profiles for the people in the small demo: Ruth, Kyle and Josie.

- Ruth (91, home care): large print and read aloud; parts spoken in her own words and
  written down by Omar, others written with his support.
- Kyle (18, Willow House): easy read and pictures; written with Wendy, his keyworker,
  and one part changed since, so its history shows two versions.
- Josie (Beech House): typed every part herself.

Rows are written directly, as the rest of the small demo is: the actions would add audit
entries, and the append-only audit log would then stop the demo being reset. The rows are
the ones the actions would write: every part has its kept revision, versions count up.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.core.models import VoiceHow
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.people.models import (
    DecisionMakingProfile,
    ImportantPerson,
    Interest,
    Person,
    PersonDetails,
    ProfileEntry,
    ProfileEntryRevision,
    WorkerPreference,
)

Part = tuple[str, str, str]  # section, text, how


def _born(years: int, days: int) -> dt.date:
    """Return a birth date that makes someone ``years`` old, ``days`` past their birthday."""
    today = timezone.localdate() - dt.timedelta(days=days)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _user(org: Organisation, key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _person(org: Organisation, key: str) -> Person:
    return Person.objects.get(organisation=org, user=_user(org, key))


def _profile(
    *,
    person: Person,
    actor: User,
    helper: User | None,
    details: dict[str, object],
    interests: list[str],
    parts: list[Part],
    circle: list[tuple[str, str, str]],
    decisions: dict[str, str],
    decisions_how: str,
    wishes: list[tuple[str, str, str]],
) -> int:
    now = timezone.now()
    row = PersonDetails.objects.create(
        person=person,
        communication_reviewed_on=timezone.localdate(),
        updated_at=now,
        updated_by=actor,
        **details,  # type: ignore[arg-type]
    )
    row.interests.set(Interest.objects.filter(slug__in=interests))
    WorkerPreference.objects.bulk_create(
        WorkerPreference(person=person, characteristic=c, strength=s, value=v) for c, s, v in wishes
    )
    for section, text, how in parts:
        voice = {
            "voice_how": how,
            "voice_helper": helper if how == VoiceHow.SUPPORTED else None,
            "voice_recorded_by": actor,
            "voice_recorded_at": now,
        }
        entry, created = ProfileEntry.objects.get_or_create(
            person=person, section=section, defaults={"text": text, **voice}
        )
        if not created:
            entry.text = text
            entry.version += 1
            for key, value in voice.items():
                setattr(entry, key, value)
            entry.save()
        ProfileEntryRevision.objects.create(entry=entry, version=entry.version, text=text, **voice)
    ImportantPerson.objects.bulk_create(
        ImportantPerson(person=person, name=name, relationship=relationship, closeness=closeness)
        for name, relationship, closeness in circle
    )
    DecisionMakingProfile.objects.create(
        person=person,
        voice_how=decisions_how,
        voice_helper=helper if decisions_how == VoiceHow.SUPPORTED else None,
        voice_recorded_by=actor,
        voice_recorded_at=now,
        **decisions,
    )
    return len(parts)


def build_person_profiles(org: Organisation) -> dict[str, int]:
    """Write the one-page profiles of Ruth, Kyle and Josie; return how many parts were saved."""
    omar, wendy = _user(org, "omar"), _user(org, "wendy")
    spoken, supported, typed = VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.TYPED
    parts = 0

    parts += _profile(
        person=_person(org, "ruth"),
        actor=omar,
        helper=omar,
        details={
            "pronouns": "she/her",
            "date_of_birth": _born(91, 40),
            "communication_formats": ["large_print", "read_aloud"],
            "communication_language": "English",
            "how_to_communicate": (
                "Sit where I can see your face and speak clearly: I do not hear well on my "
                "left side. Read my letters out to me, and print anything I keep in big letters."
            ),
            "other_interests": "The radio, especially the afternoon play",
        },
        interests=["gardening", "classical-music", "baking", "history", "cats"],
        parts=[
            ("like_admire", "People say I am sharp as a tack and I always have a story.", spoken),
            ("important", "My cat Pickles, my garden, and staying in my own home.", spoken),
            (
                "how_to_support",
                "Knock and call out before you come in. Let me do what I can myself, "
                "even if it takes a while. Put the kettle on.",
                spoken,
            ),
            ("good_day", "Sunshine, a walk round the garden, and Susan rings.", supported),
            ("bad_day", "Being rushed. New faces without warning.", supported),
            ("do_not_talk", "My late husband Arthur, unless I bring him up.", spoken),
        ],
        circle=[
            ("Susan", "Daughter", "closest"),
            ("Pat", "Neighbour", "close"),
            ("Omar", "Home care worker", "paid"),
        ],
        decisions={
            "how_i_like_information": "Written down in big letters, and read out to me.",
            "how_to_offer_choices": "Two or three choices at most, and leave them with me.",
            "good_times_to_decide": "Mornings, after my breakfast.",
            "bad_times_to_decide": "Late in the day when I am tired.",
            "who_helps_me_decide": "My daughter Susan, for anything big.",
        },
        decisions_how=spoken,
        wishes=[
            ("gender", "must", "Woman, for personal care"),
            ("non_smoker", "must", ""),
            ("pets_ok", "must", ""),
            ("age_range", "nice", "Over 30"),
        ],
    )

    kyle = _person(org, "kyle")
    parts += _profile(
        person=kyle,
        actor=wendy,
        helper=wendy,
        details={
            "pronouns": "he/him",
            "date_of_birth": _born(18, 75),
            "communication_formats": ["easy_read", "pictures"],
            "communication_language": "English",
            "how_to_communicate": (
                "Use short sentences. Show me a picture or the real thing. "
                "Give me time to answer: I will tell you."
            ),
            "other_interests": "Leeds United, buses",
        },
        interests=["football", "video-games", "trains", "swimming", "films", "hip-hop"],
        parts=[
            ("like_admire", "I am funny. I am kind to my friends.", supported),
            ("important", "My mum. Football. My phone. Seeing my friends at The Hub.", supported),
            (
                "how_to_support",
                "Tell me what is happening today. Show me pictures. Do not shout.",
                supported,
            ),
            ("good_day", "Swimming. Then chips.", supported),
            ("bad_day", "Plans change and nobody tells me. Loud places.", supported),
            ("do_not_talk", "My old school.", supported),
            ("good_day", "Swimming. Then chips with my mates. Football on TV.", supported),
        ],
        circle=[
            ("Mary", "Mum", "closest"),
            ("Gary", "Dad", "close"),
            ("Jordan", "Best friend", "close"),
            ("Wendy", "Keyworker", "paid"),
        ],
        decisions={
            "how_i_like_information": "Easy read with pictures.",
            "how_to_offer_choices": "Show me two things and let me point.",
            "good_times_to_decide": "After lunch.",
            "bad_times_to_decide": "When I am worried.",
            "who_helps_me_decide": "My mum and Wendy.",
        },
        decisions_how=supported,
        wishes=[
            ("drives", "must", ""),
            ("gender", "nice", "Man"),
            ("age_range", "nice", "Under 35"),
        ],
    )

    josie_user = _user(org, "josie")
    parts += _profile(
        person=_person(org, "josie"),
        actor=josie_user,
        helper=None,
        details={
            "pronouns": "she/her",
            "date_of_birth": _born(34, 200),
            "communication_formats": ["easy_read"],
            "communication_language": "English",
            "how_to_communicate": "Talk to me like anyone else. If I look worried, ask me.",
        },
        interests=["dancing", "musicals", "cooking", "shopping", "volunteering"],
        parts=[
            ("like_admire", "I am a good friend and I tell it how it is.", typed),
            ("important", "My job checking services. My family. Dancing on Fridays.", typed),
            ("how_to_support", "Help me plan my money for the week. Then leave me to it.", typed),
            ("good_day", "Work, then dance class, then a takeaway with my sister.", typed),
            ("bad_day", "When people talk about me and not to me.", typed),
            ("do_not_talk", "My weight.", typed),
        ],
        circle=[
            ("Priya", "Mum", "closest"),
            ("Nisha", "Sister", "closest"),
            ("Amara", "Friend from dance class", "close"),
        ],
        decisions={
            "how_i_like_information": "Easy read, and time to think.",
            "how_to_offer_choices": "Tell me all the choices. I will pick.",
            "who_helps_me_decide": "My sister Nisha, if I ask her.",
        },
        decisions_how=typed,
        wishes=[
            ("non_smoker", "must", ""),
            ("language", "nice", "Gujarati"),
            ("gender", "nice", "Woman"),
        ],
    )
    return {"profile parts": parts}
