"""Forms for the support plan. Each carries the version it was opened on."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import NEXT_REVIEW, REVIEW_HELD
from coproduce.core.forms import GovukDateField, ModelChoiceField, TimeOfDayField
from coproduce.core.models import VoiceHow
from coproduce.core.voice import VoiceForm
from coproduce.plans.models import Agreement, PlanSection, ReviewLedBy, SupportPlan, Weekday

# Staff may write an entry without the person: a suggestion the person answers later.
WITHOUT_THE_PERSON = "without"

ENTRY_QUESTIONS = {
    PlanSection.WHAT: (
        _("What do you want to do or achieve?"),
        _("What does %(name)s want to do or achieve?"),
    ),
    PlanSection.WHERE: (
        _("Where do you want your support?"),
        _("Where does %(name)s want support?"),
    ),
    PlanSection.WHO: (
        _("Who do you want to support you?"),
        _("Who does %(name)s want to support them?"),
    ),
    PlanSection.WHEN: (_("What happens at this time?"), _("What happens at this time?")),
    PlanSection.HOW: (
        _("How do you want to be supported?"),
        _("How does %(name)s want to be supported?"),
    ),
}


class EntryForm(VoiceForm):
    """Add or change one entry of the plan, in the person's words."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    how_i_will_know = forms.CharField(
        label=_("How will you know it is working?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", _("Select a day")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    starts_at = TimeOfDayField(
        label=_("Starts at"),
        help_text=_("For example, 10am or 10:00"),
        required=False,
        error_messages={"invalid": _("Enter the start time like 10am, 5:30pm or 17:00")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    ends_at = TimeOfDayField(
        label=_("Ends at"),
        help_text=_("For example, 12:30pm or 12:30"),
        required=False,
        error_messages={"invalid": _("Enter the end time like 12:30pm or 17:00")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    flexible = forms.BooleanField(label=_("The time is flexible"), required=False)

    field_order = [
        "text",
        "how_i_will_know",
        "weekday",
        "starts_at",
        "ends_at",
        "flexible",
        "voice_how",
        "voice_helper",
    ]

    def __init__(
        self, *args: Any, section: str, is_self: bool, person_name: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        mine, theirs = ENTRY_QUESTIONS[PlanSection(section)]
        self.fields["text"].label = mine if is_self else theirs % {"name": person_name}
        if section != PlanSection.WHAT:
            del self.fields["how_i_will_know"]
        elif not is_self:
            self.fields["how_i_will_know"].label = _("How will %(name)s know it is working?") % {
                "name": person_name
            }
        if section != PlanSection.WHEN:
            for name in ("weekday", "starts_at", "ends_at", "flexible"):
                del self.fields[name]
        if is_self:
            # The person's own words: nothing to ask about how they were given.
            del self.fields["voice_how"]
            del self.fields["voice_helper"]
        else:
            how = self.fields["voice_how"]
            how.label = _("How did %(name)s give these words?") % {"name": person_name}
            how.required = True
            how.error_messages["required"] = _("Select how these words were given")
            how.choices = [  # type: ignore[attr-defined]
                (
                    WITHOUT_THE_PERSON,
                    _("%(name)s was not there: this is a suggestion for them to answer")
                    % {"name": person_name},
                ),
                *VoiceHow.choices,
            ]
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()

    def clean(self) -> dict[str, Any]:
        if "voice_how" not in self.fields:
            return forms.Form.clean(self) or {}
        data = super().clean()
        if data.get("voice_how") == WITHOUT_THE_PERSON:
            data["voice_how"] = ""
            data["voice_helper"] = None
        return data


ANSWER_CHOICES = [
    (Agreement.AGREED.value, _("Yes, this is right")),
    (Agreement.CHANGED.value, _("I want to change it")),
    (Agreement.DISAGREED.value, _("No, this is not right")),
]


class RespondForm(VoiceForm):
    """The person's answer to one entry: agree, change, or disagree."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    answer = forms.ChoiceField(
        label=_("Is this right?"), choices=ANSWER_CHOICES, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("What do you want to change, or why is it not right?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    field_order = ["answer", "comment", "voice_how", "voice_helper"]

    def __init__(self, *args: Any, is_self: bool, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answer_error = _("Select Yes, I want to change it, or No")
        self.fields["answer"].error_messages["required"] = self.answer_error
        if is_self:
            del self.fields["voice_how"]
            del self.fields["voice_helper"]
        else:
            self.fields["answer"].label = _("Did %(name)s say this is right?") % {
                "name": person_name
            }
            self.fields["answer"].choices = [  # type: ignore[attr-defined]
                (Agreement.AGREED.value, _("Yes, it is right")),
                (Agreement.CHANGED.value, _("They want to change it")),
                (Agreement.DISAGREED.value, _("No, it is not right")),
            ]
            self.fields["comment"].label = _("What does %(name)s want to change, or why?") % {
                "name": person_name
            }
            how = self.fields["voice_how"]
            how.label = _("How did %(name)s give this answer?") % {"name": person_name}
            how.required = True
            how.error_messages["required"] = _("Select how the answer was given")

    def clean(self) -> dict[str, Any]:
        if "voice_how" not in self.fields:
            return forms.Form.clean(self) or {}
        return super().clean()


class AgreeForm(forms.Form):
    """The person agrees their whole plan, in their own way."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    agreed_how = forms.ChoiceField(
        label=_("How did they say yes?"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how they said yes")},
    )
    voice_helper = ModelChoiceField(
        label=_("Which supporter confirmed it?"),
        help_text=_("Only if a supporter confirmed it with them."),
        queryset=SupportPlan.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )
    confirm = forms.BooleanField(
        label=_("Yes, this is my plan"),
        error_messages={"required": _("Tick the box to say yes")},
    )

    def __init__(
        self,
        *args: Any,
        is_self: bool,
        is_supporter: bool,
        person_name: str,
        helper_queryset: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        how = self.fields["agreed_how"]
        helper = self.fields["voice_helper"]
        if is_self:
            how.choices = [(SupportPlan.AgreedHow.TICK.value, _("I ticked to say yes"))]  # type: ignore[attr-defined]
            how.widget = forms.HiddenInput()
            self.initial["agreed_how"] = SupportPlan.AgreedHow.TICK.value
            del self.fields["voice_helper"]
        elif is_supporter:
            how.choices = [(SupportPlan.AgreedHow.SUPPORTER.value, _("I confirmed it with them"))]  # type: ignore[attr-defined]
            how.widget = forms.HiddenInput()
            self.initial["agreed_how"] = SupportPlan.AgreedHow.SUPPORTER.value
            del self.fields["voice_helper"]
            self.fields["confirm"].label = _(
                "I went through the plan with %(name)s, and %(name)s agrees it"
            ) % {"name": person_name}
        else:
            how.label = _("How did %(name)s say yes?") % {"name": person_name}
            how.choices = [  # type: ignore[attr-defined]
                (
                    SupportPlan.AgreedHow.RECORDED_YES.value,
                    _("%(name)s said yes in their own way, and I am recording it")
                    % {"name": person_name},
                ),
                (
                    SupportPlan.AgreedHow.SUPPORTER.value,
                    _("A supporter confirmed it with %(name)s") % {"name": person_name},
                ),
            ]
            helper.queryset = helper_queryset  # type: ignore[attr-defined]
            helper.label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]
            self.fields["confirm"].label = _("%(name)s agrees this plan") % {"name": person_name}


class ReviewForm(VoiceForm):
    """A review meeting of the plan: who led it, and what the person says, in their words."""

    voice_view_field = None

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    held_on = GovukDateField(label=_("When was the review?"), within=REVIEW_HELD)
    led_by = forms.ChoiceField(
        label=_("Who led the review?"), choices=ReviewLedBy.choices, widget=forms.RadioSelect
    )
    who_took_part = forms.CharField(
        label=_("Who was there?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    what_is_working = forms.CharField(
        label=_("What is working?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    what_is_not_working = forms.CharField(
        label=_("What is not working?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    what_will_change = forms.CharField(
        label=_("What will change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    next_review_on = GovukDateField(
        label=_("When is the next review?"),
        within=NEXT_REVIEW,
        help_text=_("Leave it empty for a year after this review."),
        required=False,
    )

    field_order = [
        "held_on",
        "led_by",
        "who_took_part",
        "what_is_working",
        "what_is_not_working",
        "what_will_change",
        "next_review_on",
        "voice_how",
        "voice_helper",
    ]

    def __init__(self, *args: Any, is_self: bool, person_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_self:
            # The person's own words: nothing to ask about how they were given.
            del self.fields["voice_how"]
            del self.fields["voice_helper"]
            self.fields["led_by"].choices = [  # type: ignore[attr-defined]
                (ReviewLedBy.PERSON, _("I led it")),
                (ReviewLedBy.PERSON_WITH_SUPPORT, _("I led it with help")),
                (ReviewLedBy.STAFF, _("Staff led it. I chose this.")),
            ]
        else:
            how = self.fields["voice_how"]
            how.label = _("How did %(name)s give these words?") % {"name": person_name}
            how.required = True
            how.error_messages["required"] = _("Select how these words were given")
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()

    def clean(self) -> dict[str, Any]:
        if "voice_how" not in self.fields:
            return forms.Form.clean(self) or {}
        return super().clean()
