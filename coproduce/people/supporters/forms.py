"""Forms for choosing supporters and what each of them may see.

The person answers for themself; staff acting with them also say what the person said
or showed, and how (the voice provenance the ledger keeps).
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.voice import VoiceForm
from coproduce.people.models import Person, Supporter
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.supporters.rules import offered_scope_choices

# What each scope lets a supporter see, said plainly beside the checkbox.
SCOPE_HINTS: dict[str, Any] = {
    Supporter.Scope.PROFILE: _("Your one-page profile and how you like to communicate."),
    Supporter.Scope.PLAN: _("Your support plan and the decisions about it."),
    Supporter.Scope.ROTA: _("Who is coming to support you, and when."),
    Supporter.Scope.FEEDBACK: _("What you said in surveys, comments and complaints."),
    Supporter.Scope.MEETINGS: _("Your meetings and what was agreed in them."),
    Supporter.Scope.INVOLVEMENT: _("Your paid roles, your hours, expenses and payments."),
}


class ScopesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", offered_scope_choices)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.choice_hints = {str(k): v for k, v in SCOPE_HINTS.items()}


class ConsentForm(VoiceForm):
    """A change to what a person shares, with the person's view and how they gave it."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    person_view = forms.CharField(
        label=_("What did the person say or show about this?"),
        required=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write down what the person said or showed")},
    )

    field_order = ["person_view", "voice_how", "voice_helper"]

    def __init__(self, *args: Any, person: Person, by_person: bool, **kwargs: Any) -> None:
        self.person = person
        self.by_person = by_person
        # Who helped is chosen among the person's supporters and the staff of their
        # services, not every member of the organisation (29,000 options in a large one).
        kwargs.setdefault("helper_queryset", voice_helpers_for_person(person))
        super().__init__(*args, organisation=person.organisation, person_user=person.user, **kwargs)
        view = self.fields["person_view"]
        scopes = self.fields.get("scopes")
        if scopes is not None and not by_person:
            # The hints speak to the person ("your plan"); staff read the labels alone.
            scopes.choice_hints = {}  # type: ignore[attr-defined]
        if by_person:
            # The person typing for themself: no questions about how they gave their view.
            del self.fields["voice_how"]
            del self.fields["voice_helper"]
            view.required = False
            view.label = _("Anything you want to say about this? (optional)")
        else:
            view.label = _("What did %(name)s say or show about this?") % {
                "name": person.preferred_name
            }
            self.fields["voice_how"].label = _("How did %(name)s tell you?") % {
                "name": person.preferred_name
            }

    @staticmethod
    def new_initial(**extra: Any) -> dict[str, Any]:
        return {"idempotency_key": uuid.uuid4(), **extra}

    def clean(self) -> dict[str, Any]:
        if self.by_person:
            return forms.Form.clean(self) or {}
        return super().clean()

    def voice(self) -> dict[str, Any]:
        """Return the person's view and its provenance, as the actions take them."""
        data = self.cleaned_data
        return {
            "person_view": (data.get("person_view") or "").strip(),
            "voice_how": data.get("voice_how") or "",
            "voice_helper": data.get("voice_helper"),
            "idempotency_key": data.get("idempotency_key"),
        }


class ScopesForm(ConsentForm):
    scopes = ScopesField(label=_("What can they see?"), help_text=_("Select all that apply."))

    field_order = ["scopes", "person_view", "voice_how", "voice_helper"]

    def __init__(self, *args: Any, supporter_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.by_person:
            self.fields["scopes"].label = _("What can %(name)s see?") % {"name": supporter_name}
        else:
            self.fields["scopes"].label = _("What can %(name)s see about %(person)s?") % {
                "name": supporter_name,
                "person": self.person.preferred_name,
            }


class SupporterAddForm(ConsentForm):
    name = forms.CharField(
        label=_("Their name"),
        max_length=120,
        error_messages={"required": _("Write the supporter's name")},
    )
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "We will email them to ask if they agree. They see nothing until they say yes."
        ),
        error_messages={
            "required": _("Write the supporter's email address"),
            "invalid": _("Write an email address like name@example.com"),
        },
    )
    relationship = forms.ChoiceField(
        label=_("How do they know the person?"),
        choices=Supporter.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how they know the person")},
    )
    scopes = ScopesField(label=_("What can they see?"), help_text=_("Select all that apply."))

    field_order = [
        "name",
        "email",
        "relationship",
        "scopes",
        "person_view",
        "voice_how",
        "voice_helper",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        if self.by_person:
            self.fields["relationship"].label = _("How do they know you?")
        else:
            self.fields["relationship"].label = _("How do they know %(name)s?") % {
                "name": self.person.preferred_name
            }


class WithdrawForm(ConsentForm):
    pass
