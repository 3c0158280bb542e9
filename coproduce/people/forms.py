"""Forms for a person's details, communication needs and one-page profile.

Each edit form carries ``base_version``, the version of the record it was opened on, so
a save can tell whether someone else changed the record in the meantime. Questions are
worded for whoever is editing: "you" for the person, their name for anyone else.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import DATE_OF_BIRTH
from coproduce.core.forms import GovukDateField
from coproduce.core.models import VoiceHow
from coproduce.core.voice import VoiceForm
from coproduce.people.actions import DECISION_MAKING_FIELDS
from coproduce.people.images import CheckedImage, check_image
from coproduce.people.models import (
    CommunicationFormat,
    ImportantPerson,
    Interest,
    ProfileSection,
    WorkerPreference,
)


class VersionedForm(forms.Form):
    """A form that remembers which version of the record it was opened on."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    # Groups of fields asked one page at a time in easy read; None: ask all at once.
    easy_read_steps: list[list[str]] | None = None

    def limit_to(self, names: list[str]) -> None:
        """Keep only the named fields (and the version), for one easy-read step."""
        keep = {*names, "base_version"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def step_count(self) -> int:
        return len(self.easy_read_steps or [])


class PictureMixin:
    """Check an uploaded picture by its bytes and keep the checked copy."""

    checked_picture: CheckedImage | None = None

    def _check_picture(self, upload: Any) -> Any:
        if not upload:
            return upload
        self.checked_picture = check_image(upload)
        return upload


# --- details -------------------------------------------------------------------------


class DetailsForm(PictureMixin, VersionedForm):
    preferred_name = forms.CharField(label=_("Please call me"), max_length=120)
    pronouns = forms.CharField(
        label=_("Pronouns"),
        max_length=40,
        required=False,
        help_text=_("For example, she/her, he/him or they/them. Leave empty if you prefer."),
    )
    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        within=DATE_OF_BIRTH,
        required=False,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture, smaller than 5 MB."),
    )
    photo_consent = forms.BooleanField(
        label=_("I agree that this photo is shown to people who can see this profile"),
        required=False,
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    easy_read_steps = [
        ["preferred_name"],
        ["pronouns"],
        ["date_of_birth"],
        ["photo", "photo_consent"],
    ]

    def __init__(self, *args: Any, is_self: bool, person_name: str, has_photo: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if is_self:
            self.fields["preferred_name"].label = _("What would you like people to call you?")
            self.fields["pronouns"].label = _("Your pronouns")
            self.fields["date_of_birth"].label = _("Your date of birth")
            self.fields["photo"].label = _("A photo of you")
            self.fields["photo_consent"].label = _(
                "I agree that my photo is shown to the people who can see my profile"
            )
        else:
            self.fields["photo_consent"].label = _(
                "%(name)s agrees that this photo is shown to the people who can see their profile"
            ) % {"name": person_name}
        if not has_photo:
            del self.fields["remove_photo"]

    def clean_photo(self) -> Any:
        return self._check_picture(self.cleaned_data.get("photo"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("photo") and "photo_consent" in self.fields and not data.get("photo_consent"):
            self.add_error(
                "photo_consent",
                _("Tick the box to say the person agrees to their photo being shown"),
            )
        return data


class CommunicationForm(VersionedForm):
    communication_formats = forms.MultipleChoiceField(
        label=_("Formats that work best"),
        choices=CommunicationFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply."),
    )
    communication_language = forms.CharField(
        label=_("Language"),
        max_length=60,
        required=False,
        help_text=_("For example, English, Welsh, Polish or British Sign Language."),
    )
    how_to_communicate = forms.CharField(
        label=_("How to communicate"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
    )

    easy_read_steps = [
        ["communication_formats"],
        ["communication_language"],
        ["how_to_communicate"],
    ]

    def __init__(self, *args: Any, is_self: bool, person_name: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if is_self:
            self.fields["communication_formats"].label = _("What helps you understand information?")
            self.fields["communication_language"].label = _("What language do you like to use?")
            self.fields["how_to_communicate"].label = _("How should people talk with you?")
        else:
            self.fields["communication_formats"].label = _(
                "What helps %(name)s understand information?"
            ) % {"name": person_name}
            self.fields["how_to_communicate"].label = _("How to communicate with %(name)s") % {
                "name": person_name
            }


class InterestsForm(VersionedForm):
    """Interests as checkboxes, one group per category of the shared taxonomy."""

    other_interests = forms.CharField(
        label=_("Anything else"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: Any, interests: list[Interest], is_self: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.categories: list[tuple[str, str]] = []
        grouped: dict[str, list[Interest]] = {}
        for interest in interests:
            grouped.setdefault(interest.category, []).append(interest)
        for category, items in grouped.items():
            name = "interests_" + slugify(category).replace("-", "_")
            self.fields[name] = forms.MultipleChoiceField(
                label=category,
                choices=[(str(i.pk), i.name) for i in items],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.categories.append((name, category))
        # Keep "anything else" last.
        self.fields["other_interests"] = self.fields.pop("other_interests")
        self.fields["other_interests"].label = (
            _("Anything else you enjoy?") if is_self else _("Anything else they enjoy?")
        )
        self.interest_by_id = {str(i.pk): i for i in interests}
        self.easy_read_steps = [[name] for name, _label in self.categories] + [["other_interests"]]

    @staticmethod
    def initial_for(selected: list[Interest]) -> dict[str, Any]:
        initial: dict[str, list[str]] = {}
        for interest in selected:
            name = "interests_" + slugify(interest.category).replace("-", "_")
            initial.setdefault(name, []).append(str(interest.pk))
        return initial

    def chosen_interests(self, current: list[Interest]) -> list[Interest]:
        """Return the interests after this form: fields not on the page keep their choices."""
        on_page = {name for name, _label in self.categories if name in self.fields}
        category_names = {label: name for name, label in self.categories}
        kept = [i for i in current if category_names.get(i.category) not in on_page]
        chosen = [
            self.interest_by_id[pk]
            for name in on_page
            for pk in self.cleaned_data.get(name, [])
            if pk in self.interest_by_id
        ]
        return kept + chosen


# Radios cannot show an empty value, so "does not matter" has a word of its own.
DOES_NOT_MATTER = "any"
STRENGTH_CHOICES = [
    (DOES_NOT_MATTER, _("Does not matter")),
    (WorkerPreference.Strength.MUST.value, _("Must")),
    (WorkerPreference.Strength.NICE.value, _("Would be nice")),
]
# Characteristics that need a word to mean anything ("Gender: woman").
NEEDS_VALUE = {
    WorkerPreference.Characteristic.GENDER: _("Which gender?"),
    WorkerPreference.Characteristic.AGE_RANGE: _("What age?"),
    WorkerPreference.Characteristic.LANGUAGE: _("Which language?"),
    WorkerPreference.Characteristic.SHARED_CULTURE: _("Which culture or faith?"),
}


class WorkerPreferencesForm(VersionedForm):
    """For each characteristic: must, would be nice, or does not matter (and which one)."""

    def __init__(self, *args: Any, is_self: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[str, str | None]] = []
        steps: list[list[str]] = []
        for value, label in WorkerPreference.Characteristic.choices:
            strength_name = f"{value}_strength"
            self.fields[strength_name] = forms.ChoiceField(
                label=label,
                choices=STRENGTH_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            value_name = None
            if value in NEEDS_VALUE:
                value_name = f"{value}_value"
                self.fields[value_name] = forms.CharField(
                    label=NEEDS_VALUE[WorkerPreference.Characteristic(value)],
                    max_length=80,
                    required=False,
                )
            self.rows.append((strength_name, value_name))
            steps.append([n for n in (strength_name, value_name) if n])
        self.easy_read_steps = steps

    @staticmethod
    def initial_for(preferences: list[WorkerPreference]) -> dict[str, str]:
        initial = {
            f"{value}_strength": DOES_NOT_MATTER for value in WorkerPreference.Characteristic.values
        }
        for p in preferences:
            initial[f"{p.characteristic}_strength"] = p.strength
            initial[f"{p.characteristic}_value"] = p.value
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for strength_name, value_name in self.rows:
            if strength_name not in self.fields or not value_name:
                continue
            strength = data.get(strength_name)
            if (
                strength
                and strength != DOES_NOT_MATTER
                and not (data.get(value_name) or "").strip()
            ):
                self.add_error(value_name, _('Say which one, or choose "Does not matter"'))
        return data

    def preferences(self, current: list[WorkerPreference]) -> list[tuple[str, str, str]]:
        """Return every wish after this form; characteristics not on the page are kept."""
        result: dict[str, tuple[str, str, str]] = {
            p.characteristic: (p.characteristic, p.strength, p.value) for p in current
        }
        for value, _label in WorkerPreference.Characteristic.choices:
            strength_name = f"{value}_strength"
            if strength_name not in self.fields:
                continue
            strength = self.cleaned_data.get(strength_name) or ""
            if strength in ("", DOES_NOT_MATTER):
                result.pop(value, None)
                continue
            text = (self.cleaned_data.get(f"{value}_value") or "").strip()
            result[value] = (value, strength, text)
        return list(result.values())


class ImportantPersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    relationship = forms.CharField(
        label=_("Who are they?"),
        max_length=80,
        help_text=_("For example, mum, best friend, neighbour or keyworker."),
    )
    closeness = forms.ChoiceField(
        label=_("How close are they?"),
        choices=ImportantPerson.Closeness.choices,
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(label=_("Anything to know"), max_length=300, required=False)


# --- the one-page profile ------------------------------------------------------------

QUESTIONS_TO_PERSON = {
    ProfileSection.LIKE_AND_ADMIRE: _("What do people like and admire about you?"),
    ProfileSection.IMPORTANT_TO_ME: _("What is important to you?"),
    ProfileSection.HOW_TO_SUPPORT: _("How can people support you best?"),
    ProfileSection.GOOD_DAY: _("What makes a good day for you?"),
    ProfileSection.BAD_DAY: _("What makes a bad day for you?"),
    ProfileSection.DO_NOT_TALK_ABOUT: _("What do you not want people to talk about?"),
}
QUESTIONS_ABOUT_PERSON = {
    ProfileSection.LIKE_AND_ADMIRE: _("What do people like and admire about %(name)s?"),
    ProfileSection.IMPORTANT_TO_ME: _("What is important to %(name)s?"),
    ProfileSection.HOW_TO_SUPPORT: _("How can people support %(name)s best?"),
    ProfileSection.GOOD_DAY: _("What makes a good day for %(name)s?"),
    ProfileSection.BAD_DAY: _("What makes a bad day for %(name)s?"),
    ProfileSection.DO_NOT_TALK_ABOUT: _("What does %(name)s not want people to talk about?"),
}

PERSON_VOICE_CHOICES = [
    (VoiceHow.TYPED.value, _("I wrote it myself")),
    (VoiceHow.SPOKEN.value, _("I said it and someone wrote it down")),
    (VoiceHow.SUPPORTED.value, _("Someone helped me")),
]
STAFF_VOICE_CHOICES = [
    (VoiceHow.SPOKEN.value, _("They said it and I wrote it down in their words")),
    (VoiceHow.SUPPORTED.value, _("We wrote it together: I supported them")),
    (VoiceHow.OBSERVED.value, _("I observed it (they do not use words)")),
    (VoiceHow.ON_BEHALF.value, _("A supporter gave it on their behalf")),
]


def question_for(section: str, *, is_self: bool, person_name: str) -> str:
    key = ProfileSection(section)
    if is_self:
        return str(QUESTIONS_TO_PERSON[key])
    return str(QUESTIONS_ABOUT_PERSON[key]) % {"name": person_name}


class _ProvenanceQuestions:
    """Word the voice questions for the person or for staff."""

    def _word_voice(self, *, is_self: bool) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        if is_self:
            fields["voice_how"].label = _("Who wrote this?")
            fields["voice_how"].choices = PERSON_VOICE_CHOICES
            fields["voice_helper"].label = _("Who helped you?")
            fields["voice_helper"].help_text = _("Only if someone helped you.")
        else:
            fields["voice_how"].choices = STAFF_VOICE_CHOICES


class ProfileEntryForm(_ProvenanceQuestions, PictureMixin, VoiceForm, VersionedForm):
    voice_view_field = "text"

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), max_length=3000, required=False
    )
    picture = forms.FileField(
        label=_("A picture (if you like)"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture, smaller than 5 MB."),
    )
    remove_picture = forms.BooleanField(label=_("Remove the picture"), required=False)

    field_order = ["text", "picture", "remove_picture", "voice_how", "voice_helper"]

    def __init__(
        self,
        *args: Any,
        section: str,
        is_self: bool,
        person_name: str,
        has_picture: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = question_for(section, is_self=is_self, person_name=person_name)
        self._word_voice(is_self=is_self)
        if not has_picture:
            del self.fields["remove_picture"]

    def clean_picture(self) -> Any:
        return self._check_picture(self.cleaned_data.get("picture"))


DECISION_MAKING_LABELS = {
    "how_i_like_information": (
        _("How do you like to get information?"),
        _("How does %(name)s like to get information?"),
    ),
    "how_to_offer_choices": (
        _("How should people give you choices?"),
        _("How should people offer %(name)s choices?"),
    ),
    "good_times_to_decide": (
        _("When is a good time for you to decide things?"),
        _("When is a good time for %(name)s to decide things?"),
    ),
    "bad_times_to_decide": (
        _("When is a bad time for you to decide things?"),
        _("When is a bad time for %(name)s to decide things?"),
    ),
    "who_helps_me_decide": (
        _("Who helps you decide?"),
        _("Who helps %(name)s decide?"),
    ),
}


class DecisionMakingForm(_ProvenanceQuestions, VoiceForm, VersionedForm):
    how_i_like_information = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    how_to_offer_choices = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    good_times_to_decide = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    bad_times_to_decide = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )
    who_helps_me_decide = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )

    field_order = [*DECISION_MAKING_FIELDS, "voice_how", "voice_helper"]
    easy_read_steps = [[name] for name in DECISION_MAKING_FIELDS] + [["voice_how", "voice_helper"]]

    def __init__(
        self,
        *args: Any,
        is_self: bool,
        person_name: str,
        saved_answers: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.saved_answers = saved_answers
        for name, (to_person, about_person) in DECISION_MAKING_LABELS.items():
            self.fields[name].label = (
                to_person if is_self else str(about_person) % {"name": person_name}
            )
        self._word_voice(is_self=is_self)

    def clean(self) -> dict[str, Any]:
        if "voice_how" not in self.fields:
            # An easy-read step with one answer: how it was given is asked on the last step.
            return forms.Form.clean(self) or {}
        return super().clean()

    def voice_view_given(self, data: dict[str, Any]) -> bool:
        answered = any(str(data.get(name) or "").strip() for name in DECISION_MAKING_FIELDS)
        # On the easy-read step that only asks "who wrote this?", the answers are saved.
        return answered or self.saved_answers

    def answers(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in DECISION_MAKING_FIELDS
            if name in self.fields
        }
