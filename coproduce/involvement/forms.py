"""Forms for involvement. Amounts of money are typed in pounds and read into whole pence
(``money.parse_pounds``); a float never holds them."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import DAY_GONE_BY, VOICE_DATES
from coproduce.core.forms import GovukDateField, ModelChoiceField
from coproduce.core.models import VoiceHow
from coproduce.core.symbols import SYMBOLS
from coproduce.involvement.models import (
    Activity,
    ActivityKind,
    Benefit,
    ExpenseKind,
    PaymentChoice,
    RateBasis,
)
from coproduce.involvement.money import parse_pounds
from coproduce.people.images import CONTENT_TYPES, CheckedImage, check_image
from coproduce.people.models import Person

# The pictures an opportunity may show, from the easy-read symbols.
OPPORTUNITY_SYMBOLS = (
    "document",
    "read",
    "write",
    "search",
    "people",
    "together",
    "talk",
    "agree",
    "vote",
    "plan",
    "idea",
    "home",
)
ON_BEHALF_HOW = [
    (VoiceHow.SPOKEN, _("They told me and I wrote it down")),
    (VoiceHow.SUPPORTED, _("I helped them say it")),
    (VoiceHow.ON_BEHALF, _("I am saying it on their behalf")),
]
PAYMENT_HINTS = {
    PaymentChoice.PAY: _("Money paid into your bank account"),
    PaymentChoice.VOUCHERS: _("Shopping vouchers. These count as payment too"),
    PaymentChoice.VOLUNTEER: _("No money. You give your time for free"),
}


def _with_key(form: forms.Form) -> None:
    if not form.is_bound and "idempotency_key" not in form.initial:
        form.initial["idempotency_key"] = uuid.uuid4()


class PoundsField(forms.CharField):
    """Pounds and pence typed as words, cleaned to whole pence."""

    default_error_messages = {
        "invalid": _("Enter an amount in pounds, like 4.50"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 14)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "govuk-input--width-5"})

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().clean(value)
        if text in (None, ""):
            return None
        pence = parse_pounds(str(text))
        if pence is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return pence


class OpportunityForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Which role?"),
        error_messages={"required": _("Choose a role"), "invalid_choice": _("Choose a role")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Give the opportunity a title")},
    )
    what_you_do = forms.CharField(
        label=_("What the person will do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={"required": _("Say what the person will do")},
    )
    what_you_do_easy_read = forms.CharField(
        label=_("What the person will do, in easy read"),
        help_text=_("Short sentences. One idea in each sentence."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Say what the person will do, in easy read")},
    )
    symbol = forms.ChoiceField(
        label=_("Picture"),
        help_text=_("Shown beside the words in easy read."),
        choices=[(name, SYMBOLS[name].description) for name in OPPORTUNITY_SYMBOLS],
        initial="document",
    )
    closes_on = GovukDateField(label=_("Closes on (optional)"), within=VOICE_DATES, required=False)
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        role_choices: list[tuple[str, str]],
        services: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Choose a role")), *role_choices]  # type: ignore[attr-defined]
        self.fields["service"] = ModelChoiceField(
            label=_("For which service? (optional)"),
            queryset=services,
            required=False,
            empty_label=_("Across the organisation"),
            error_messages={"invalid_choice": _("Choose a service from the list")},
        )
        _with_key(self)


class InterestForm(forms.Form):
    why = forms.CharField(
        label=_("Why are you interested? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, people: list[Person], is_person: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_person = is_person
        choices: list[tuple[str, Any]] = [(str(p.pk), p.preferred_name) for p in people]
        if is_person:
            choices.insert(0, ("", _("Me")))
        if choices:
            self.fields["for_person"] = forms.ChoiceField(
                label=_("Who is interested?"),
                choices=choices,
                required=not is_person,
                error_messages={
                    "required": _("Choose who is interested"),
                    "invalid_choice": _("Choose someone from the list"),
                },
            )
            self.fields["voice_how"] = forms.ChoiceField(
                label=_("If it is for someone else: how did they tell you?"),
                choices=ON_BEHALF_HOW,
                widget=forms.RadioSelect,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("for_person") and not data.get("voice_how"):
            self.add_error("voice_how", _("Say how they told you"))
        return data


class InterestAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("agree", _("Agree: they hold the role from today")), ("not_now", _("Not now"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose agree or not now")},
    )
    reason = forms.CharField(
        label=_("If not now: why? The person is told this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("answer") == "not_now" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why, so the person knows"))
        return data


class TimeForm(forms.Form):
    activity_kind = forms.ChoiceField(
        label=_("What did you do?"),
        choices=ActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you did")},
    )
    description = forms.CharField(
        label=_("What was it?"),
        help_text=_("For example: the residents’ meeting"),  # noqa: RUF001
        max_length=200,
        error_messages={"required": _("Say what it was")},
    )
    happened_on = GovukDateField(label=_("When was it?"), within=DAY_GONE_BY)
    hours = forms.IntegerField(
        label=_("Hours"),
        min_value=0,
        max_value=24,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter hours as a number, like 2"),
            "min_value": _("Hours cannot be less than 0"),
            "max_value": _("One record can be 24 hours at most"),
        },
    )
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=0,
        max_value=59,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter minutes as a number, like 30"),
            "min_value": _("Minutes cannot be less than 0"),
            "max_value": _("Minutes must be 59 or fewer"),
        },
    )
    payment_choice = forms.ChoiceField(
        label=_("How do you want to be paid for it?"),
        choices=PaymentChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to be paid")},
    )
    note = forms.CharField(
        label=_("Anything else to say? (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payment_choice"].choice_hints = {  # type: ignore[attr-defined]
            str(k): v for k, v in PAYMENT_HINTS.items()
        }
        _with_key(self)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        total = (data.get("hours") or 0) * 60 + (data.get("minutes") or 0)
        if "hours" not in self.errors and "minutes" not in self.errors:
            if total <= 0:
                self.add_error("hours", _("Say how long it took"))
            elif total > 24 * 60:
                self.add_error("hours", _("One record can be 24 hours at most"))
        data["total_minutes"] = total
        return data


class ExpenseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What was the money for?"),
        choices=ExpenseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the money was for")},
    )
    amount = PoundsField(
        label=_("How much did it cost, in pounds?"),
        error_messages={"required": _("Say how much it cost, for example 4.50")},
    )
    description = forms.CharField(
        label=_("What did you pay for?"),
        help_text=_("For example: bus there and back"),
        max_length=300,
        error_messages={"required": _("Say what you paid for")},
    )
    receipt = forms.FileField(
        label=_("A photo of the receipt"),
        help_text=_(
            "A JPEG, PNG or WebP picture, smaller than 5 MB. Where it was taken and the "
            "camera are not kept."
        ),
        widget=forms.FileInput(attrs={"accept": ",".join(CONTENT_TYPES.values())}),
        required=False,
    )
    receipt_description = forms.CharField(
        label=_("What does the photo show?"),
        help_text=_("A few plain words, for people who cannot see the photo."),
        max_length=200,
        required=False,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, activities: QuerySet[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_receipt: CheckedImage | None = None
        self.fields["activity"] = ModelChoiceField(
            label=_("Which activity was it for?"),
            queryset=activities,
            empty_label=_("Choose an activity"),
            error_messages={
                "required": _("Choose the activity it was for"),
                "invalid_choice": _("Choose an activity from the list"),
            },
        )
        self.fields["activity"].label_from_instance = (  # type: ignore[attr-defined]
            lambda activity: activity.description
        )
        self.order_fields(["activity"])
        _with_key(self)

    def clean_receipt(self) -> Any:
        upload = self.cleaned_data.get("receipt")
        if upload:
            self.checked_receipt = check_image(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.checked_receipt is not None and not (data.get("receipt_description") or "").strip():
            self.add_error("receipt_description", _("Say what the photo shows"))
        return data


class ClaimAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("approve", _("Approve")), ("send_back", _("Send it back"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or send it back")},
    )
    reason = forms.CharField(
        label=_("If you send it back: why? The person is told this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("answer") == "send_back" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why it is sent back"))
        return data


class TimeAnswerForm(ClaimAnswerForm):
    confirm_over = forms.BooleanField(
        label=_("I have seen the warning and I approve it all the same"), required=False
    )


class ExpenseAnswerForm(ClaimAnswerForm):
    over_limit_reason = forms.CharField(
        label=_("If it is over the limit: why do you approve it?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ProfileForm(forms.Form):
    benefit = forms.ChoiceField(
        label=_("Do you get a benefit?"),
        help_text=_(
            "You do not have to say. It helps us warn you before a payment could change it."
        ),
        choices=Benefit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer")},
    )
    payment_choice = forms.ChoiceField(
        label=_("How do you want to be paid?"),
        choices=PaymentChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to be paid")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payment_choice"].choice_hints = {  # type: ignore[attr-defined]
            str(k): v for k, v in PAYMENT_HINTS.items()
        }


class RateForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Paid"),
        choices=RateBasis.choices,
        widget=forms.RadioSelect,
        initial=RateBasis.HOURLY,
    )
    amount = PoundsField(
        label=_("Rate in pounds"), error_messages={"required": _("Enter the rate, like 12.50")}
    )


class LimitForm(forms.Form):
    amount = PoundsField(
        label=_("Most repaid for one claim, in pounds"),
        error_messages={"required": _("Enter the limit, like 10.00")},
    )


class PermittedWorkForm(forms.Form):
    amount = PoundsField(
        label=_("Most a person on ESA may earn in a week, in pounds"),
        error_messages={"required": _("Enter the weekly limit, like 195.50")},
    )
    hours = forms.IntegerField(
        label=_("Hours a week they must stay under"),
        min_value=1,
        max_value=168,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the hours, like 16"),
            "invalid": _("Enter the hours as a number, like 16"),
            "min_value": _("Hours a week must be between 1 and 168"),
            "max_value": _("Hours a week must be between 1 and 168"),
        },
    )


class RoleAddForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the role"),
        max_length=120,
        error_messages={"required": _("Give the role a name")},
    )
    description = forms.CharField(label=_("What it is (optional)"), max_length=300, required=False)
