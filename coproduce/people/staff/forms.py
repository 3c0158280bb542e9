"""Forms for a worker's staff profile (one part at a time), availability and film."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import TimeOfDayField
from coproduce.people.districts import coarse, district_centre, is_district, normalise_district
from coproduce.people.models import Availability, StaffProfile
from coproduce.people.staff import films
from coproduce.people.staff.queries import interest_choices, skill_choices

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(value: Any) -> bool:
    return value == "yes"


class YesNoField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("coerce", yes_no)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("error_messages", {"required": _("Select yes or no")})
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value


class StaffPartForm(forms.Form):
    """One part of a staff profile, with the version it was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    part: str = ""
    title: Any = ""

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        """Return the form's starting values from a saved (or unsaved) profile."""
        return {"version": profile.version}

    def changes(self) -> dict[str, Any]:
        """Return the profile fields and values this part sets."""
        raise NotImplementedError


def _text(label: Any, hint: Any = "", max_length: int = 1000) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AboutForm(StaffPartForm):
    part = "about"
    title = _("Your one-page profile")

    appreciate = _text(
        _("What colleagues appreciate about me"),
        _("For example: I am calm, I listen, I make people laugh."),
    )
    matters_to_me = _text(
        _("What matters to me"), _("For example: my family, my dog, being outdoors.")
    )
    how_i_like_to_work = _text(
        _("How I like to work"),
        _("For example: I like to plan the day together, I am happy to try new things."),
    )

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        return {
            "version": profile.version,
            "appreciate": profile.appreciate,
            "matters_to_me": profile.matters_to_me,
            "how_i_like_to_work": profile.how_i_like_to_work,
        }

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name].strip()
            for name in ("appreciate", "matters_to_me", "how_i_like_to_work")
        }


def interest_field_name(category: str) -> str:
    return "interests_" + slugify(category).replace("-", "_")


class InterestsForm(StaffPartForm):
    """The shared interest taxonomy as one group of checkboxes per category."""

    part = "interests"
    title = _("Your interests")

    other_interests = forms.CharField(
        label=_("Anything else you enjoy"),
        help_text=_("Separate them with commas."),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category_fields: list[str] = []
        other = self.fields.pop("other_interests")
        for category, interests in interest_choices():
            name = interest_field_name(category)
            self.fields[name] = forms.MultipleChoiceField(
                label=category,
                choices=[(str(i.pk), i.name) for i in interests],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.category_fields.append(name)
        self.fields["other_interests"] = other

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": profile.version,
            "other_interests": profile.other_interests,
        }
        if profile.pk:
            for interest in profile.interests.all():
                name = interest_field_name(interest.category)
                initial.setdefault(name, []).append(str(interest.pk))
        return initial

    def changes(self) -> dict[str, Any]:
        ids = [int(pk) for name in self.category_fields for pk in self.cleaned_data.get(name, [])]
        return {
            "interests": ids,
            "other_interests": self.cleaned_data["other_interests"].strip(),
        }


def split_list(text: str) -> list[str]:
    """Split "English, Urdu; BSL" into ["English", "Urdu", "BSL"], dropping repeats."""
    seen: list[str] = []
    for item in re.split(r"[,;\n]", text):
        cleaned = " ".join(item.split())
        if cleaned and cleaned.lower() not in {s.lower() for s in seen}:
            seen.append(cleaned)
    return seen


class SkillsForm(StaffPartForm):
    part = "skills"
    title = _("Your skills, training and languages")

    skills = forms.MultipleChoiceField(
        label=_("Skills and training"),
        help_text=_("Select all that apply."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Languages you speak"),
        help_text=_(
            "Separate them with commas, for example: English, Urdu, British Sign Language."
        ),
        required=False,
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(str(s.pk), s.name) for s in skill_choices()]  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        return {
            "version": profile.version,
            "skills": [str(s.pk) for s in profile.skills.all()] if profile.pk else [],
            "languages": ", ".join(profile.languages or []),
        }

    def changes(self) -> dict[str, Any]:
        return {
            "skills": [int(pk) for pk in self.cleaned_data["skills"]],
            "languages": split_list(self.cleaned_data["languages"]),
        }


class DetailsForm(StaffPartForm):
    part = "details"
    title = _("About you, for matching")

    drives = YesNoField(label=_("Do you drive, with a car you can use for work?"))
    gender = forms.ChoiceField(
        label=_("Gender"),
        help_text=_("Some people ask for a worker of a particular gender."),
        choices=StaffProfile.Gender.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    birth_year = forms.IntegerField(
        label=_("Year you were born"),
        help_text=_(
            "Only the year, for example 1990. Some people ask for a worker of a similar age."
        ),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Enter the year as four numbers, for example 1990")},
    )
    happy_with_pets = YesNoField(label=_("Are you happy to work in a home with pets?"))
    smoker = YesNoField(label=_("Do you smoke?"))

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        return {
            "version": profile.version,
            "drives": profile.drives,
            "gender": profile.gender,
            "birth_year": profile.birth_year,
            "happy_with_pets": profile.happy_with_pets,
            "smoker": profile.smoker,
        }

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is None:
            return None
        this_year = dt.date.today().year
        if year < this_year - 90 or year > this_year - 16:
            raise forms.ValidationError(
                _("Enter a year between %(first)s and %(last)s")
                % {"first": this_year - 90, "last": this_year - 16}
            )
        return year

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "drives": data["drives"],
            "gender": data["gender"] or "",
            "birth_year": data["birth_year"],
            "happy_with_pets": data["happy_with_pets"],
            "smoker": data["smoker"],
        }


class AreaForm(StaffPartForm):
    part = "area"
    title = _("Where you live")

    home_area = forms.CharField(
        label=_("The first half of your postcode"),
        help_text=_(
            "For example LS6. Only this part is kept, never your address. It is used to "
            "suggest work near you."
        ),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    latitude = forms.DecimalField(
        label=_("Latitude (only if your postcode area is not known)"),
        help_text=_("For example 53.82. Two decimal places are enough."),
        required=False,
        min_value=Decimal("49.0"),
        max_value=Decimal("61.0"),
    )
    longitude = forms.DecimalField(
        label=_("Longitude (only if your postcode area is not known)"),
        help_text=_("For example -1.58."),
        required=False,
        min_value=Decimal("-9.0"),
        max_value=Decimal("2.0"),
    )

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        known = district_centre(profile.home_area) if profile.home_area else None
        entered = known is None and profile.home_latitude is not None
        return {
            "version": profile.version,
            "home_area": profile.home_area,
            "latitude": profile.home_latitude if entered else None,
            "longitude": profile.home_longitude if entered else None,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area = normalise_district(data.get("home_area") or "")
        data["home_area"] = area
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if not area:
            data["point"] = (None, None)
            return data
        if not is_district(area):
            self.add_error("home_area", _("Enter the first half of a postcode, like LS6 or BD18"))
            return data
        centre = district_centre(area)
        if centre is not None:
            data["point"] = centre
        elif latitude is not None and longitude is not None:
            data["point"] = (coarse(latitude), coarse(longitude))
        else:
            self.add_error(
                "latitude",
                _(
                    "%(area)s is not on the list of known areas yet. Enter a latitude and "
                    "longitude near you, or ask your manager"
                )
                % {"area": area},
            )
        return data

    def changes(self) -> dict[str, Any]:
        latitude, longitude = self.cleaned_data["point"]
        return {
            "home_area": self.cleaned_data["home_area"],
            "home_latitude": latitude,
            "home_longitude": longitude,
        }


class HoursForm(StaffPartForm):
    part = "hours"
    title = _("Your hours, and who can find you")

    contracted_hours = forms.DecimalField(
        label=_("Contracted hours each week"),
        help_text=_("For example 37.5. Enter 0 if you work flexible hours."),
        min_value=Decimal("0"),
        max_value=Decimal("60"),
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": _("Enter your hours as a number, like 37.5"),
            "max_value": _("Contracted hours must be 60 or fewer"),
            "min_value": _("Contracted hours cannot be less than 0"),
            "max_decimal_places": _("Enter hours to one decimal place, like 37.5"),
            "required": _("Enter your contracted hours"),
        },
    )
    suggest_outside_my_services = YesNoField(
        label=_("Can people from other services see your profile when they choose a new team?"),
        help_text=_(
            "If you say yes, people supported in other services of your organisation can "
            "see your one-page profile, interests, languages and film."
        ),
    )

    @classmethod
    def initial_from(cls, profile: StaffProfile) -> dict[str, Any]:
        return {
            "version": profile.version,
            "contracted_hours": profile.contracted_hours,
            "suggest_outside_my_services": profile.suggest_outside_my_services,
        }

    def changes(self) -> dict[str, Any]:
        return {
            "contracted_hours": self.cleaned_data["contracted_hours"],
            "suggest_outside_my_services": self.cleaned_data["suggest_outside_my_services"],
        }


PART_FORMS: dict[str, type[StaffPartForm]] = {
    form.part: form
    for form in (AboutForm, InterestsForm, SkillsForm, DetailsForm, AreaForm, HoursForm)
}


# Availability


class AvailabilityForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=Availability.Weekday.choices,
        coerce=int,
        error_messages={"required": _("Select a day")},
    )
    starts_at = TimeOfDayField(
        label=_("From"),
        help_text=_("For example 09:00 or 9am"),
        error_messages={
            "required": _("Enter the time you can start"),
            "invalid": _("Enter a time like 09:00 or 9am"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    ends_at = TimeOfDayField(
        label=_("Until"),
        help_text=_("For example 17:00 or 5pm"),
        error_messages={
            "required": _("Enter the time you finish"),
            "invalid": _("Enter a time like 17:00 or 5pm"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def __init__(self, *args: Any, existing: list[Availability] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.existing = existing or []

    def clean(self) -> dict[str, Any]:
        from coproduce.people.staff.actions import availability_problem

        data = super().clean() or {}
        weekday, starts_at, ends_at = (
            data.get("weekday"),
            data.get("starts_at"),
            data.get("ends_at"),
        )
        if weekday is None or starts_at is None or ends_at is None:
            return data
        if any(
            (s.weekday, s.starts_at, s.ends_at) == (weekday, starts_at, ends_at)
            for s in self.existing
        ):
            return data
        problem = availability_problem(
            slots=self.existing, weekday=weekday, starts_at=starts_at, ends_at=ends_at
        )
        if problem:
            self.add_error("ends_at", problem)
        return data


# Film


class FilmUploadForm(forms.Form):
    upload_token = forms.UUIDField(widget=forms.HiddenInput)
    video = forms.FileField(
        label=_("Your film"),
        help_text=_("An MP4 or WebM film, up to 60 seconds long and 50 MB."),
        error_messages={"required": _("Choose your film")},
    )
    captions = forms.FileField(
        label=_("Captions (optional if you write a transcript)"),
        help_text=_("A WebVTT file ending in .vtt, up to 256 KB."),
        required=False,
    )
    transcript = forms.CharField(
        label=_("Transcript (optional if you add captions)"),
        help_text=_("Write down what you say in the film, so people can read it too."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    checked: films.CheckedVideo | None = None
    captions_vtt: bytes | None = None

    @staticmethod
    def new_initial() -> dict[str, Any]:
        return {"upload_token": uuid.uuid4()}

    def clean_video(self) -> UploadedFile:
        upload = self.cleaned_data["video"]
        try:
            self.checked = films.check_video(upload)
        except films.FilmRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload

    def clean_captions(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("captions")
        if not upload:
            return None
        try:
            self.captions_vtt = films.check_captions(upload)
        except films.FilmRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_captions = bool(data.get("captions")) or "captions" in self.errors
        if not has_captions and not (data.get("transcript") or "").strip():
            self.add_error(
                "transcript",
                _("Add captions or write a transcript, so everyone can follow the film"),
            )
        return data
