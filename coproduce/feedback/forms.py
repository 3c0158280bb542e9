"""Raising a comment, complaint or compliment: one form, shown as one page or, in easy
read, as picture steps on one page (what happened, how do you feel, what would make it
better, a photo if you like), without JavaScript."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.date_ranges import ANSWER_AGREED, PAST, years_from
from coproduce.core.forms import GovukDateField, ModelChoiceField
from coproduce.core.models import VoiceHow
from coproduce.core.roles import STAFF
from coproduce.core.tenancy import Viewer
from coproduce.feedback.figures import LONGEST_PERIOD_YEARS, Period
from coproduce.feedback.models import (
    About,
    ChangeStatus,
    ConcernKind,
    RaisedBy,
    Theme,
    Upheld,
)
from coproduce.feedback.queries import (
    people_i_raise_for,
    services_to_raise_about,
    workers_to_raise_about,
)
from coproduce.people.images import CONTENT_TYPES, CheckedImage, check_image

FEELINGS = [
    ("mood_very_sad", gettext_lazy("Very upset")),
    ("mood_sad", gettext_lazy("Unhappy")),
    ("mood_ok", gettext_lazy("OK")),
    ("mood_happy", gettext_lazy("Happy")),
    ("mood_very_happy", gettext_lazy("Very happy")),
]
KIND_HINTS = {
    ConcernKind.COMPLAINT: gettext_lazy("Something went wrong and you want it put right"),
    ConcernKind.COMMENT: gettext_lazy("An idea or something you noticed"),
    ConcernKind.COMPLIMENT: gettext_lazy("Something or someone was good"),
}
ON_BEHALF_HOW = [
    (VoiceHow.SPOKEN, gettext_lazy("They told me and I wrote down their words")),
    (VoiceHow.SUPPORTED, gettext_lazy("I helped them say it")),
    (VoiceHow.OBSERVED, gettext_lazy("I saw it: they do not use words")),
    (VoiceHow.ON_BEHALF, gettext_lazy("I am raising it on their behalf")),
]


class RaiseForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you want to tell us?"),
        choices=ConcernKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a complaint, a comment or a compliment")},
    )
    about = forms.ChoiceField(
        label=gettext_lazy("What is it about?"),
        choices=About.choices,
        widget=forms.RadioSelect,
        initial=About.SERVICE,
        error_messages={"required": gettext_lazy("Say what it is about")},
    )
    what_happened = forms.CharField(
        label=gettext_lazy("What happened?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Say what happened")},
    )
    how_i_feel = forms.ChoiceField(
        label=gettext_lazy("How do you feel about it? (optional)"),
        choices=FEELINGS,
        widget=forms.RadioSelect,
        required=False,
    )
    what_would_help = forms.CharField(
        label=gettext_lazy("What would make it better? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    happened_on = GovukDateField(
        label=gettext_lazy("When did it happen? (optional)"), within=PAST, required=False
    )
    photo = forms.FileField(
        label=gettext_lazy("A photo (optional)"),
        help_text=gettext_lazy(
            "A JPEG, PNG or WebP picture, smaller than 5 MB. Where it was taken and the "
            "camera are not kept."
        ),
        # Phones offer the camera; an iPhone sends its photo as a JPEG.
        widget=forms.FileInput(attrs={"accept": ",".join(CONTENT_TYPES.values())}),
        required=False,
    )
    photo_description = forms.CharField(
        label=gettext_lazy("What does the photo show?"),
        help_text=gettext_lazy("A few plain words, for people who cannot see the photo."),
        max_length=200,
        required=False,
        error_messages={"max_length": gettext_lazy("Say what it shows in 200 letters or fewer")},
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Do not give my name (comments and compliments only)"),
        required=False,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.checked_photo: CheckedImage | None = None
        self.fields["kind"].choice_hints = {  # type: ignore[attr-defined]
            str(k): v for k, v in KIND_HINTS.items()
        }
        self.fields["service"] = ModelChoiceField(
            label=gettext_lazy("Which service?"),
            queryset=services_to_raise_about(viewer),
            required=False,
            empty_label=_("Choose a service"),
            error_messages={"invalid_choice": gettext_lazy("Choose a service from the list")},
        )
        self.is_person = viewer.person_id is not None
        self.fields["for_person"] = ModelChoiceField(
            label=gettext_lazy("Who is it for?"),
            queryset=people_i_raise_for(viewer),
            required=False,
            empty_label=_("Me"),
            error_messages={"invalid_choice": gettext_lazy("Choose someone from the list")},
        )
        self.fields["for_person"].label_from_instance = (  # type: ignore[attr-defined]
            lambda person: person.preferred_name
        )
        self.fields["voice_how"] = forms.ChoiceField(
            label=gettext_lazy("If it is for someone else: how did they tell you?"),
            choices=ON_BEHALF_HOW,
            widget=forms.RadioSelect,
            required=False,
        )
        service_ids = list(services_to_raise_about(viewer).values_list("pk", flat=True)[:200])
        self.fields["worker"] = ModelChoiceField(
            label=gettext_lazy("Which worker or team member?"),
            queryset=workers_to_raise_about(viewer.organisation.pk, service_ids)
            if viewer.organisation
            else workers_to_raise_about(0, []),
            required=False,
            empty_label=_("Choose who"),
            error_messages={"invalid_choice": gettext_lazy("Choose someone from the list")},
        )
        self.fields["worker"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.name or user.email
        )
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if upload:
            self.checked_photo = check_image(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.checked_photo is not None and not (data.get("photo_description") or "").strip():
            self.add_error("photo_description", _("Say what the photo shows"))
        if data.get("anonymous") and data.get("kind") == ConcernKind.COMPLAINT:
            self.add_error(
                "anonymous",
                _(
                    "A complaint needs a name so that we can answer it. Comments and "
                    "compliments can be anonymous."
                ),
            )
        if data.get("about") == About.SERVICE and not data.get("service"):
            self.add_error("service", _("Choose the service it is about"))
        if data.get("about") == About.WORKER and not data.get("worker"):
            self.add_error("worker", _("Choose the worker it is about"))
        if data.get("for_person") is not None and not data.get("voice_how"):
            self.add_error("voice_how", _("Say how they told you"))
        return data

    def raiser(self) -> str:
        if self.cleaned_data.get("anonymous"):
            return RaisedBy.ANONYMOUS
        person = self.cleaned_data.get("for_person")
        if person is None:
            if self.is_person:
                return RaisedBy.PERSON
            return RaisedBy.STAFF if self.viewer.has_role(*STAFF) else RaisedBy.SUPPORTER
        if person.pk in self.viewer.supported_person_ids:
            return RaisedBy.SUPPORTER
        return RaisedBy.STAFF


def themes_field(*, required: bool) -> forms.MultipleChoiceField:
    """The themes a handler ticks: the one list in ``models.Theme``."""
    return forms.MultipleChoiceField(
        label=gettext_lazy("Themes"),
        help_text=gettext_lazy("Tick all that fit. The figures and the CQC summary count them.")
        if required
        else gettext_lazy("Tick all that fit, if you know yet. You can change them later."),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages={
            "required": gettext_lazy("Choose at least one theme"),
            "invalid_choice": gettext_lazy("Choose themes from the list"),
        },
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What you said to them"),
        help_text=gettext_lazy(
            "Offer to talk about how it will be handled and when they can expect an answer."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    respond_by = GovukDateField(
        label=gettext_lazy("Answer date agreed with them (optional)"),
        help_text=gettext_lazy("Leave it empty for 6 months from when it was received."),
        within=ANSWER_AGREED,
        required=False,
    )
    late_reason = forms.CharField(
        label=gettext_lazy("Why it is taken on although it happened over 12 months ago"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    themes = themes_field(required=False)


class AgreeDateForm(forms.Form):
    respond_by = GovukDateField(
        label=gettext_lazy("New answer date agreed with them"),
        within=ANSWER_AGREED,
        error_messages={"required": gettext_lazy("Enter the new answer date")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why the answer needs more time"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say why the answer needs more time")},
    )


class RespondForm(forms.Form):
    response = forms.CharField(
        label=gettext_lazy("The answer"),
        help_text=gettext_lazy(
            "How it was looked at, what was found and what will be done. The Ombudsman's "
            "details are added for them."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={
            "required": gettext_lazy(
                "Write the answer: how it was looked at, what was found and what will be done"
            )
        },
    )
    response_easy_read = forms.CharField(
        label=gettext_lazy("The answer in easy read"),
        help_text=gettext_lazy("Short sentences, one idea each."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": gettext_lazy("Write the answer in easy read too")},
    )
    upheld = forms.ChoiceField(
        label=gettext_lazy("Was the complaint upheld?"),
        choices=Upheld.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether the complaint was upheld")},
    )
    themes = themes_field(required=True)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("A note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ChangeForm(forms.Form):
    you_said = forms.CharField(
        label=gettext_lazy("You said"),
        help_text=gettext_lazy("What people told us, in plain words, naming nobody."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say what people said")},
    )
    you_said_easy_read = forms.CharField(
        label=gettext_lazy("You said, in easy read (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    we_will = forms.CharField(
        label=gettext_lazy("We will"),
        help_text=gettext_lazy("What will be done."),
        max_length=300,
        error_messages={"required": gettext_lazy("Say what will be done")},
    )
    we_will_easy_read = forms.CharField(
        label=gettext_lazy("We will, in easy read (optional)"), max_length=300, required=False
    )
    due_on = GovukDateField(
        label=gettext_lazy("By when (optional)"), within=ANSWER_AGREED, required=False
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"] = ModelChoiceField(
            label=gettext_lazy("Which service does it change?"),
            queryset=services_to_raise_about(viewer),
            required=False,
            empty_label=_("The whole organisation"),
            error_messages={"invalid_choice": gettext_lazy("Choose a service from the list")},
        )
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()


class ChangeMoveForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Where it stands now"),
        choices=ChangeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say where it stands now")},
    )
    note = forms.CharField(
        label=gettext_lazy("What has happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("If it cannot be done: why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class PeriodForm(forms.Form):
    """The period figures and the CQC summary are for: the last 12 months unless chosen,
    no day in the future and no longer than 3 years."""

    start = GovukDateField(label=gettext_lazy("From"), within=PAST, required=False)
    end = GovukDateField(label=gettext_lazy("To"), within=PAST, required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if self.errors:
            return data
        if start is None and end is None:
            self.add_error("start", _("Enter the first day of the period"))
            self.add_error("end", _("Enter the last day of the period"))
        elif start is None:
            self.add_error("start", _("Enter the first day of the period"))
        elif end is None:
            self.add_error("end", _("Enter the last day of the period"))
        elif end < start:
            self.add_error("end", _("The last day must be the same as or after the first day"))
        elif end >= years_from(start, LONGEST_PERIOD_YEARS):
            self.add_error(
                "end",
                _("The period can be up to %(years)s years long. Choose a shorter one.")
                % {"years": LONGEST_PERIOD_YEARS},
            )
        return data

    def period(self) -> Period:
        """The chosen period (call after ``is_valid``)."""
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
