"""Shape a staff profile for pages: the rows of each part, in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from coproduce.people.models import Availability, StaffProfile
from coproduce.people.staff.queries import availability_of

NOT_GIVEN = "—"


@dataclass(frozen=True)
class Row:
    label: str
    value: str


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def interest_names(profile: StaffProfile) -> list[str]:
    if not profile.pk:
        return []
    return [i.name for i in profile.interests.all()]


def skill_names(profile: StaffProfile) -> list[str]:
    if not profile.pk:
        return []
    return [s.name for s in profile.skills.all()]


def _join(items: list[str]) -> str:
    return ", ".join(items) if items else NOT_GIVEN


def _hours(value: Any) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return _("%(hours)s hours a week") % {"hours": text}


def part_rows(profile: StaffProfile, part: str) -> list[Row]:
    """Return the label and saved value of every question in one part of the profile."""
    if part == "about":
        return [
            Row(_("What colleagues appreciate about me"), profile.appreciate or NOT_GIVEN),
            Row(_("What matters to me"), profile.matters_to_me or NOT_GIVEN),
            Row(_("How I like to work"), profile.how_i_like_to_work or NOT_GIVEN),
        ]
    if part == "interests":
        return [
            Row(_("Interests"), _join(interest_names(profile))),
            Row(_("Anything else I enjoy"), profile.other_interests or NOT_GIVEN),
        ]
    if part == "skills":
        return [
            Row(_("Skills and training"), _join(skill_names(profile))),
            Row(_("Languages"), _join(list(profile.languages or []))),
        ]
    if part == "details":
        return [
            Row(_("Drives for work"), yes_no(profile.drives)),
            Row(_("Gender"), profile.get_gender_display() or NOT_GIVEN),
            Row(_("Year born"), str(profile.birth_year) if profile.birth_year else NOT_GIVEN),
            Row(_("Happy with pets"), yes_no(profile.happy_with_pets)),
            Row(_("Smokes"), yes_no(profile.smoker)),
        ]
    if part == "area":
        if profile.home_area and profile.home_latitude is not None:
            area = _("%(area)s (around %(lat)s, %(lng)s)") % {
                "area": profile.home_area,
                "lat": profile.home_latitude,
                "lng": profile.home_longitude,
            }
        else:
            area = profile.home_area or NOT_GIVEN
        return [Row(_("Postcode area"), area)]
    if part == "hours":
        return [
            Row(_("Contracted hours"), _hours(profile.contracted_hours)),
            Row(_("Hours already in the rota"), _hours(profile.committed_hours)),
            Row(
                _("Can be suggested to people in other services"),
                yes_no(profile.suggest_outside_my_services),
            ),
        ]
    raise KeyError(part)


@dataclass(frozen=True)
class Day:
    name: str
    slots: list[Availability]


def week(profile: StaffProfile) -> list[Day]:
    """Return the seven days of the week with the worker's slots on each."""
    slots = list(availability_of(profile)) if profile.pk else []
    return [
        Day(str(label), [s for s in slots if s.weekday == value])
        for value, label in Availability.Weekday.choices
    ]


def slot_text(slot: Availability) -> str:
    return _("%(start)s to %(end)s") % {
        "start": slot.starts_at.strftime("%H:%M"),
        "end": slot.ends_at.strftime("%H:%M"),
    }
