"""Forms for check-ins, one-to-ones and "this is not working"."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import ACTION_DUE, MEETING
from coproduce.core.forms import GovukDateField, ModelChoiceField
from coproduce.core.voice import VoiceForm
from coproduce.plans.models.checkins import Mood, OneToOne

# Easy read asks one question a page, in this order.
CHECKIN_STEPS: list[list[str]] = [
    ["mood"],
    ["wishes"],
    ["support_today", "voice_how", "voice_helper"],
]


def _person_form(form: VoiceForm, is_self: bool, person_name: str, required: bool) -> None:
    """The person's own sign-in gives their own words: nothing to ask about how."""
    if is_self:
        del form.fields["voice_how"]
        del form.fields["voice_helper"]
        return
    how = form.fields["voice_how"]
    how.label = _("How did %(name)s give these answers?") % {"name": person_name}
    how.required = required
    how.error_messages["required"] = _("Select how these answers were given")


class _PersonWordsForm(VoiceForm):
    """Without the voice questions (the person's own sign-in), skip their checks."""

    def clean(self) -> dict[str, Any]:
        if "voice_how" not in self.fields:
            return forms.Form.clean(self) or {}
        return super().clean()


class CheckInForm(_PersonWordsForm):
    mood = forms.ChoiceField(
        label=_("How do you feel today?"),
        choices=Mood.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the face that shows how you feel")},
    )
    wishes = forms.CharField(
        label=_("What would you like to do today?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    support_today = forms.CharField(
        label=_("Is anything different about your support today?"),
        help_text=_("For example: I'm having a bad day, please give me space."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    field_order = ["mood", "wishes", "support_today", "voice_how", "voice_helper"]

    def __init__(self, *args: Any, is_self: bool, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _person_form(self, is_self, person_name, required=True)
        if not is_self:
            self.fields["mood"].label = _("How does %(name)s feel today?") % {"name": person_name}
            self.fields["wishes"].label = _("What would %(name)s like to do today?") % {
                "name": person_name
            }
            self.fields["support_today"].label = _(
                "Is anything different about %(name)s's support today?"
            ) % {"name": person_name}


class OneToOneNewForm(_PersonWordsForm):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    agenda = forms.CharField(
        label=_("What do you want to talk about?"),
        help_text=_("Write one thing a line. You choose what goes first."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": _("Write what you want to talk about")},
    )
    date = GovukDateField(label=_("When is the meeting?"), within=MEETING)
    keyworker: ModelChoiceField = ModelChoiceField(  # type: ignore[type-arg]
        label=_("Who is the meeting with?"),
        queryset=None,  # type: ignore[arg-type]
        empty_label=_("Choose a worker"),
        error_messages={"required": _("Choose who the meeting is with")},
    )
    field_order = ["agenda", "date", "keyworker", "voice_how", "voice_helper"]

    def __init__(
        self, *args: Any, is_self: bool, person_name: str, workers: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _person_form(self, is_self, person_name, required=True)
        self.fields["keyworker"].queryset = workers  # type: ignore[attr-defined]
        self.fields["keyworker"].label_from_instance = lambda u: u.name or u.email  # type: ignore[attr-defined]
        if not is_self:
            self.fields["agenda"].label = _("What does %(name)s want to talk about?") % {
                "name": person_name
            }
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()


class OneToOneNotesForm(_PersonWordsForm):
    voice_view_field = "notes"
    notes = forms.CharField(
        label=_("What we talked about, in your words"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        required=False,
    )
    listened = forms.ChoiceField(
        label=_("Did you feel listened to?"),
        choices=OneToOne.Listened.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    listened_words = forms.CharField(
        label=_("Tell us more, if you want to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    field_order = ["notes", "voice_how", "voice_helper", "listened", "listened_words"]

    def __init__(self, *args: Any, is_self: bool, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _person_form(self, is_self, person_name, required=False)
        if not is_self:
            self.fields["notes"].label = _("What you talked about, in %(name)s's words") % {
                "name": person_name
            }
            self.fields["listened"].label = _("Did %(name)s feel listened to?") % {
                "name": person_name
            }


class OneToOneActionForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(
        label=_("What will be done?"),
        max_length=500,
        error_messages={"required": _("Write what will be done")},
    )
    owner = forms.CharField(
        label=_("Who will do it?"),
        max_length=200,
        error_messages={"required": _("Write who will do it")},
    )
    due_on = GovukDateField(label=_("By when? (optional)"), within=ACTION_DUE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()


class NotWorkingForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(
        label=_("What is not working?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": _("Write what is not working")},
    )
    about_a_worker = forms.BooleanField(
        label=_("It is about a worker who supports me"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()


class NotWorkingAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer to the person"),
        help_text=_("Say what will change, in plain words."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": _("Write your answer to the person")},
    )
