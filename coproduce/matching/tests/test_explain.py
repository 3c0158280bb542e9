"""Plain-word reasons for a suggestion, and their easy-read variant."""

from __future__ import annotations

import itertools
import re

from coproduce.matching.engine import Preference, Suggestion
from coproduce.matching.explain import distance_sentence, free_times, join_words, reasons


def _suggestion(**fields: object) -> Suggestion:
    base: dict[str, object] = {
        "staff_id": 1,
        "user_id": 2,
        "name": "Wendy",
        "score": 0.7,
        "shared_interests": (),
        "nice_met": (),
        "free_slots": (),
        "distance_km": None,
        "remaining_hours": 10.0,
        "skills_met": (),
        "same_service": True,
    }
    base.update(fields)
    return Suggestion(**base)  # type: ignore[arg-type]


def texts(suggestion: Suggestion, *, easy_read: bool = False) -> list[str]:
    return [r.text for r in reasons(suggestion, easy_read=easy_read)]


def test_shared_interests_read_as_things_you_both_love() -> None:
    found = texts(_suggestion(shared_interests=("gardening", "dogs")))
    assert found[0] == "You both love gardening and dogs"


def test_many_interests_are_cut_short_with_a_count() -> None:
    found = texts(_suggestion(shared_interests=("gardening", "dogs", "cooking", "films", "tv")))
    assert found[0] == "You both love gardening, dogs, cooking and 2 more things"


def test_free_times_group_into_parts_of_days() -> None:
    tuesday = 48
    morning = tuple(range(tuesday + 18, tuesday + 22))  # 9:00 to 11:00
    found = texts(_suggestion(free_slots=morning))
    assert "Free on Tuesday mornings" in found
    assert free_times((tuesday + 26, tuesday + 36)) == [(1, 1), (1, 2)]


def test_distance_reads_in_miles() -> None:
    assert distance_sentence(3.3) == "Lives 2 miles away"
    assert distance_sentence(1.7) == "Lives 1 mile away"
    assert distance_sentence(0.4) == "Lives less than a mile away"
    assert "Lives 2 miles away" in texts(_suggestion(distance_km=3.3))


def test_wishes_met_and_skills_are_named() -> None:
    found = texts(
        _suggestion(
            nice_met=(Preference("drives"), Preference("language", "Polish")),
            skills_met=("autism", "epilepsy"),
        )
    )
    assert "They drive and speak Polish, as you hoped" in found
    assert "Trained in autism and epilepsy" in found


def test_where_they_work_is_said() -> None:
    assert "Works at your service" in texts(_suggestion())
    assert "Works at another service near you and is happy to help" in texts(
        _suggestion(same_service=False)
    )


def test_culture_is_left_to_talk_about_when_they_meet() -> None:
    found = texts(_suggestion(to_talk_about=(Preference("shared_culture", "Sikh"),)))
    assert found[-1] == "Talk about culture and faith when you meet"


def test_easy_read_uses_one_short_sentence_per_idea() -> None:
    suggestion = _suggestion(
        shared_interests=("gardening", "dogs"),
        free_slots=(48 + 18,),
        distance_km=3.3,
        nice_met=(Preference("drives"), Preference("non_smoker")),
        skills_met=("autism",),
    )
    found = texts(suggestion, easy_read=True)
    assert found == [
        "You both like gardening.",
        "You both like dogs.",
        "Free on Tuesday morning.",
        "Lives 2 miles away.",
        "They drive.",
        "They do not smoke.",
        "They know about autism.",
        "They work at your service.",
    ]
    assert all(len(sentence.split()) <= 8 for sentence in found)


def test_reasons_have_kinds_for_pictures() -> None:
    kinds = [r.kind for r in reasons(_suggestion(shared_interests=("dogs",), distance_km=1.0))]
    assert kinds == ["interests", "distance", "service"]


def test_words_join_with_and() -> None:
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b", "c"]) == "a, b and c"


WISHES = (
    Preference("drives"),
    Preference("non_smoker"),
    Preference("pets_ok"),
    Preference("language", "Polish"),
    Preference("age_range", "30-50"),
    Preference("gender", "woman"),
)
# What a wish sentence may say after "They", one clause each: a verb first.
WISH_CLAUSES = re.compile(
    r"^They (drive|do not smoke|are happy with pets|like pets|speak Polish|are the age you asked for"
    r"|are the gender you asked for)((, | and )(drive|do not smoke|are happy with pets"
    r"|speak Polish|are the age you asked for|are the gender you asked for))*"
    r"(, as you hoped|\.)$"
)
DOUBLED_WORD = re.compile(r"\b([^\W\d]+) \1\b", re.IGNORECASE)


def _every_wish_mix() -> list[tuple[Preference, ...]]:
    return [mix for size in (1, 2, 3) for mix in itertools.combinations(WISHES, size)]


def test_every_mix_of_wishes_reads_as_a_sentence_in_both_modes() -> None:
    for mix in _every_wish_mix():
        for easy_read in (False, True):
            found = [
                r.text
                for r in reasons(_suggestion(nice_met=mix, distance_km=2.0), easy_read=easy_read)
            ]
            wishes = [
                r.text
                for r in reasons(_suggestion(nice_met=mix), easy_read=easy_read)
                if r.kind == "wishes"
            ]
            assert len(wishes) == (len(mix) if easy_read else 1), (mix, wishes)
            for sentence in found:
                assert sentence[0].isupper(), sentence
                assert not sentence.startswith("Also"), sentence
                assert not DOUBLED_WORD.search(sentence), sentence
            for sentence in wishes:
                assert WISH_CLAUSES.match(sentence), sentence


def test_three_wishes_join_with_commas_and_and() -> None:
    found = texts(_suggestion(nice_met=WISHES[:3]))
    assert "They drive, do not smoke and are happy with pets, as you hoped" in found
    assert "They are the age you asked for, as you hoped" in texts(
        _suggestion(nice_met=(WISHES[4],))
    )
