"""Say in plain words why a worker was suggested, from the things the two share.

Each reason has a ``kind`` the cards can show a picture for, and a sentence. The easy-read
variant uses short sentences with one idea each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.matching.engine import SLOTS_PER_DAY, Preference, Suggestion
from coproduce.people.taxonomy import INTERESTS, SKILLS

INTEREST_NAMES = {slug: name for slug, name, _category in INTERESTS}
SKILL_NAMES = dict(SKILLS)
KM_PER_MILE = 1.609344
MOST_INTERESTS = 3
MOST_TIMES = 3


@dataclass(frozen=True)
class Reason:
    kind: str  # interests, times, distance, wishes, skills, service, talk
    text: str


def _day_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
            _("Saturday"), _("Sunday")]  # fmt: skip


def _part_of_day(slot_in_day: int) -> int:
    """0 morning (before 12), 1 afternoon (12 to 5), 2 evening (from 5)."""
    hour = slot_in_day // 2
    return 0 if hour < 12 else 1 if hour < 17 else 2


def _lower_first(name: str) -> str:
    # "Pop music" reads "pop music" mid-sentence; names like "TV" keep their capitals.
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def join_words(words: Sequence[str]) -> str:
    """Join words as "a", "a and b", "a, b and c"."""
    words = list(words)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return _("{rest} and {last}").format(rest=", ".join(words[:-1]), last=words[-1])


def interest_names(slugs: Sequence[str]) -> list[str]:
    return [_lower_first(_(INTEREST_NAMES.get(slug, slug))) for slug in slugs]


def free_times(slots: Sequence[int]) -> list[tuple[int, int]]:
    """Return (weekday, part of day) pairs both are free, in week order."""
    seen: list[tuple[int, int]] = []
    for slot in sorted(slots):
        key = (slot // SLOTS_PER_DAY, _part_of_day(slot % SLOTS_PER_DAY))
        if key not in seen:
            seen.append(key)
    return seen


def _time_words(weekday: int, part: int, *, plural: bool) -> str:
    day = _day_names()[weekday]
    if plural:
        return [_("{day} mornings"), _("{day} afternoons"), _("{day} evenings")][part].format(
            day=day
        )
    return [_("{day} morning"), _("{day} afternoon"), _("{day} evening")][part].format(day=day)


def miles(km: float) -> int:
    return round(km / KM_PER_MILE)


def distance_sentence(km: float) -> str:
    n = miles(km)
    if n < 1:
        return _("Lives less than a mile away")
    return ngettext("Lives %(n)d mile away", "Lives %(n)d miles away", n) % {"n": n}


def _wish_words(preference: Preference) -> str | None:
    """Return what the worker does that the person hoped for, to follow "They"."""
    kind, value = preference.characteristic, preference.value
    if kind == "drives":
        return _("drive")
    if kind == "non_smoker":
        return _("do not smoke")
    if kind == "pets_ok":
        return _("are happy with pets")
    if kind == "language":
        return _("speak %(language)s") % {"language": value}
    if kind == "age_range":
        return _("are the age you asked for")
    if kind == "gender":
        return _("are the gender you asked for")
    return None


def _easy_wish(preference: Preference) -> str | None:
    kind, value = preference.characteristic, preference.value
    if kind == "drives":
        return _("They drive.")
    if kind == "non_smoker":
        return _("They do not smoke.")
    if kind == "pets_ok":
        return _("They like pets.")
    if kind == "language":
        return _("They speak %(language)s.") % {"language": value}
    if kind == "age_range":
        return _("They are the age you asked for.")
    if kind == "gender":
        return _("They are the gender you asked for.")
    return None


def reasons(suggestion: Suggestion, *, easy_read: bool = False) -> list[Reason]:
    """Return why this worker was suggested, most telling first."""
    found: list[Reason] = []
    names = interest_names(suggestion.shared_interests)
    if names:
        if easy_read:
            found += [
                Reason("interests", _("You both like %(thing)s.") % {"thing": name})
                for name in names[:MOST_INTERESTS]
            ]
        else:
            shown = names[:MOST_INTERESTS]
            more = len(names) - len(shown)
            if more:
                shown.append(ngettext("%(n)d more thing", "%(n)d more things", more) % {"n": more})
            found.append(
                Reason("interests", _("You both love %(things)s") % {"things": join_words(shown)})
            )
    times = free_times(suggestion.free_slots)
    if times:
        if easy_read:
            found += [
                Reason(
                    "times",
                    _("Free on %(time)s.") % {"time": _time_words(d, p, plural=False)},
                )
                for d, p in times[:MOST_TIMES]
            ]
        else:
            words = [_time_words(d, p, plural=True) for d, p in times[:MOST_TIMES]]
            if len(times) > MOST_TIMES:
                words.append(_("other times"))
            found.append(Reason("times", _("Free on %(times)s") % {"times": join_words(words)}))
    if suggestion.distance_km is not None:
        sentence = distance_sentence(suggestion.distance_km)
        found.append(Reason("distance", sentence + ("." if easy_read else "")))
    wishes = [w for w in (_wish_words(p) for p in suggestion.nice_met) if w]
    if wishes:
        if easy_read:
            found += [
                Reason("wishes", sentence)
                for sentence in (_easy_wish(p) for p in suggestion.nice_met)
                if sentence
            ]
        else:
            found.append(
                Reason(
                    "wishes", _("They %(wishes)s, as you hoped") % {"wishes": join_words(wishes)}
                )
            )
    skills = [_lower_first(_(SKILL_NAMES.get(s, s))) for s in suggestion.skills_met]
    if skills:
        if easy_read:
            found.append(Reason("skills", _("They know about %(skill)s.") % {"skill": skills[0]}))
        else:
            found.append(
                Reason("skills", _("Trained in %(skills)s") % {"skills": join_words(skills)})
            )
    if easy_read:
        text = (
            _("They work at your service.")
            if suggestion.same_service
            else _("They work at another service near you.")
        )
    else:
        text = (
            _("Works at your service")
            if suggestion.same_service
            else _("Works at another service near you and is happy to help")
        )
    found.append(Reason("service", text))
    if suggestion.to_talk_about:
        found.append(
            Reason(
                "talk",
                _("Ask them about culture and faith when you meet.")
                if easy_read
                else _("Talk about culture and faith when you meet"),
            )
        )
    return found
