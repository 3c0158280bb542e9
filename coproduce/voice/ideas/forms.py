"""Forms for ideas: putting one forward (on one page, or in easy read a step at a time),
and answering one.

The idea form is worded for whoever writes it: a person supported says who wrote it ("in
my own words" or "someone helped me"); a worker or manager may put it forward for a
person at their services and says how the person gave it; a supporter's or a member of
staff's own idea is simply theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Service, User
from coproduce.core.forms import ModelChoiceField
from coproduce.core.models import VoiceHow
from coproduce.people.images import CheckedImage, check_image
from coproduce.people.models import Person
from coproduce.voice.models import IdeaStatus

# Radios up to this many places, a list after.
RADIOS_UP_TO = 6

OWN_CHOICES = [
    (VoiceHow.TYPED.value, _("I did, in my own words")),
    (VoiceHow.SUPPORTED.value, _("Someone helped me")),
]
FOR_PERSON_CHOICES = [
    (VoiceHow.SPOKEN.value, _("They said it and I wrote down their words")),
    (VoiceHow.SUPPORTED.value, _("I helped them say it")),
    (VoiceHow.OBSERVED.value, _("I saw what they like: they do not use words")),
    (VoiceHow.ON_BEHALF.value, _("I am putting it forward on their behalf")),
]

# The easy-read steps: what is your idea, a picture if you like, check and send.
STEPS: list[list[str]] = [
    ["title", "text", "service"],
    ["picture", "picture_description"],
    ["for_person", "voice_how", "voice_helper"],
]


class IdeaForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("What is your idea?"),
        help_text=_("Say it in a few words."),
        max_length=120,
        error_messages={
            "required": _("Write your idea in a few words"),
            "max_length": _("Say your idea in 120 letters or fewer"),
        },
    )
    text = forms.CharField(
        label=_("Tell us more (if you like)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Write 2,000 letters or fewer")},
    )
    service = forms.ChoiceField(label=_("Where is your idea for?"), required=False)
    picture = forms.FileField(
        label=_("A picture (if you like)"),
        help_text=_("A photo or a drawing. A JPEG, PNG or WebP picture, smaller than 5 MB."),
        required=False,
    )
    picture_description = forms.CharField(
        label=_("What does the picture show?"),
        help_text=_("For people who cannot see the picture."),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Say what it shows in 200 letters or fewer")},
    )
    for_person = forms.ChoiceField(label=_("Whose idea is it?"), required=False)
    voice_how = forms.ChoiceField(widget=forms.RadioSelect, required=False)
    voice_helper = ModelChoiceField(
        label=_("Who helped you?"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Choose who helped"),
        error_messages={"invalid_choice": _("Choose someone from the list")},
    )

    def __init__(
        self,
        *args: Any,
        poster: str,
        organisation_name: str,
        services: Sequence[Service] = (),
        helpers: QuerySet[User] | None = None,
        people: Sequence[Person] = (),
        kept_picture: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.poster = poster
        self.kept_picture = kept_picture
        self.checked_picture: CheckedImage | None = None
        self._services = {str(s.pk): s for s in services}
        self._people = {str(p.pk): p for p in people}
        if services:
            choices = [("", _("All of %(organisation)s") % {"organisation": organisation_name})]
            choices += [(str(s.pk), s.name) for s in services]
            field = self.fields["service"]
            field.choices = choices  # type: ignore[attr-defined]
            if len(choices) <= RADIOS_UP_TO:
                field.widget = forms.RadioSelect(choices=choices)
        else:
            del self.fields["service"]
        if poster == "staff" and people:
            self.fields["for_person"].choices = [  # type: ignore[attr-defined]
                ("", _("My own idea")),
                *[(str(p.pk), p.preferred_name) for p in people],
            ]
            self.fields["for_person"].help_text = _(
                "Or choose a person you support, to put their idea forward for them."
            )
            how = self.fields["voice_how"]
            how.label = _("If it is their idea: how did they give it?")
            how.choices = FOR_PERSON_CHOICES  # type: ignore[attr-defined]
            how.widget.choices = FOR_PERSON_CHOICES
            del self.fields["voice_helper"]
        elif poster == "person":
            del self.fields["for_person"]
            how = self.fields["voice_how"]
            how.label = _("Who wrote this idea?")
            how.choices = OWN_CHOICES  # type: ignore[attr-defined]
            how.widget.choices = OWN_CHOICES
            how.required = True
            how.error_messages["required"] = _("Say who wrote the idea")
            helper = self.fields["voice_helper"]
            helper.queryset = helpers if helpers is not None else User.objects.none()  # type: ignore[attr-defined]
            helper.label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]
            helper.help_text = _("Only if someone helped you.")
        else:
            for name in ("for_person", "voice_how", "voice_helper"):
                del self.fields[name]

    def limit_to(self, names: Sequence[str]) -> None:
        """Keep only the named fields (and the key), for one easy-read step."""
        keep = {*names, "idempotency_key"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def clean_service(self) -> Service | None:
        raw = self.cleaned_data.get("service") or ""
        return self._services.get(raw)

    def clean_for_person(self) -> Person | None:
        raw = self.cleaned_data.get("for_person") or ""
        return self._people.get(raw)

    def clean_picture(self) -> Any:
        upload = self.cleaned_data.get("picture")
        if upload:
            self.checked_picture = check_image(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_picture = self.checked_picture is not None or self.kept_picture
        if (
            "picture_description" in self.fields
            and has_picture
            and not (data.get("picture_description") or "").strip()
        ):
            self.add_error("picture_description", _("Say what the picture shows"))
        how = data.get("voice_how") or ""
        if self.poster == "person" and "voice_helper" in self.fields:
            if how == VoiceHow.SUPPORTED and data.get("voice_helper") is None:
                self.add_error("voice_helper", _("Choose who helped you"))
            if how != VoiceHow.SUPPORTED:
                data["voice_helper"] = None
        if self.poster == "staff" and "voice_how" in self.fields:
            if data.get("for_person") is None:
                data["voice_how"] = ""
            elif not how:
                self.add_error("voice_how", _("Say how they gave their idea"))
        return data


class IdeaAnswerForm(forms.Form):
    CHOICES = [
        (IdeaStatus.THINKING.value, IdeaStatus.THINKING.label),
        (IdeaStatus.YES.value, IdeaStatus.YES.label),
        (IdeaStatus.NOT_POSSIBLE.value, IdeaStatus.NOT_POSSIBLE.label),
    ]
    status = forms.ChoiceField(
        label=_("What is your answer?"),
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer")},
    )
    answer = forms.CharField(
        label=_("Your answer in words"),
        help_text=_("Say what happens next. If it is not possible, say why."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("Write 2,000 letters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == IdeaStatus.NOT_POSSIBLE and not (data.get("answer") or "").strip():
            self.add_error("answer", _("Say why it is not possible"))
        return data
