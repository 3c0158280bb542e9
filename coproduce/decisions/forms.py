"""The form for recording a decision in the ledger."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, User
from coproduce.core.date_ranges import DECISION
from coproduce.core.forms import GovukDateField, ModelMultipleChoiceField
from coproduce.core.voice import VoiceForm
from coproduce.decisions.business_rules import OWN_HELPED_DECIDE, OWN_NOT_PART, OWN_WAS_ASKED
from coproduce.decisions.models import RUNG_DESCRIPTIONS, Rung

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class DecisionForm(VoiceForm):
    """What was decided, who took part, the person's own view and the rung it reached."""

    voice_view_field = "person_view"

    what = forms.CharField(
        label=_("What was decided?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter what was decided"),
            "max_length": _("What was decided must be 2,000 characters or fewer"),
        },
    )
    decided_on = GovukDateField(
        label=_("When was it decided?"),
        within=DECISION,
        error_messages={"required": _("Enter the date the decision was made")},
    )
    person_took_part = forms.TypedChoiceField(
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if they took part in the decision")},
    )
    participants = ModelMultipleChoiceField(
        label=_("Who else took part?"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select people from the list")},
    )
    other_participants = forms.CharField(
        label=_("Anyone else who took part"),
        help_text=_("For example, a social worker or a GP. Write names or roles."),
        max_length=500,
        required=False,
        error_messages={
            "max_length": _("Anyone else who took part must be 500 characters or fewer")
        },
    )
    person_view = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Write it in their words. Leave it empty if no view was given."),
        error_messages={"max_length": _("The view must be 4,000 characters or fewer")},
    )
    rung = forms.ChoiceField(
        choices=Rung.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how much say they had")},
    )
    idempotency_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form could not be sent. Check your answers and send it again"),
            "invalid": _("This form could not be sent. Check your answers and send it again"),
        },
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        about_name: str | None,
        candidates: QuerySet[User],
        person_user: User | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            *args,
            organisation=organisation,
            person_user=person_user,
            helper_queryset=candidates,
            **kwargs,
        )
        label_from_user = self.fields["voice_helper"].label_from_instance  # type: ignore[attr-defined]
        participants = self.fields["participants"]
        participants.queryset = candidates  # type: ignore[attr-defined]
        participants.label_from_instance = label_from_user  # type: ignore[attr-defined]
        if about_name:
            self.fields["person_took_part"].label = _("Did %(name)s take part in the decision?") % {
                "name": about_name
            }
            self.fields["person_view"].label = _("What did %(name)s say about it?") % {
                "name": about_name
            }
            self.fields["rung"].label = _("How much say did %(name)s have?") % {"name": about_name}
            self.fields["voice_how"].label = _("How did %(name)s give this view?") % {
                "name": about_name
            }
        else:
            self.fields["person_took_part"].label = _(
                "Did people who use the service take part in the decision?"
            )
            self.fields["person_view"].label = _("What did people who use the service say?")
            self.fields["rung"].label = _("How much say did people who use the service have?")
            self.fields["voice_how"].label = _("How did they give this view?")
        self.fields["rung"].choice_hints = {  # type: ignore[attr-defined]
            str(value): str(text) for value, text in RUNG_DESCRIPTIONS.items()
        }

    def action_arguments(self) -> dict[str, Any]:
        """Return the cleaned answers as keyword arguments for ``decision_record``."""
        data = self.cleaned_data
        return {
            "what": data["what"],
            "decided_on": data["decided_on"],
            "person_took_part": data["person_took_part"],
            "participants": list(data.get("participants") or []),
            "other_participants": data.get("other_participants") or "",
            "person_view": data.get("person_view") or "",
            "voice_how": data.get("voice_how") or "",
            "voice_helper": data.get("voice_helper"),
            "rung": data["rung"],
            "idempotency_key": data["idempotency_key"],
        }


class OwnDecisionForm(forms.Form):
    """A person tells us about a decision about them, in the first person and plain words.

    No ladder and no list of the organisation's people: the rung comes from their answer
    to "Did you take part?" (``business_rules.own_account_rung``), and they can name only
    their own supporters and the staff of their own services.
    """

    what = forms.CharField(
        label=_("What was decided?"),
        help_text=_("For example, I will go swimming on Tuesdays."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write what was decided"),
            "max_length": _("What was decided must be 2,000 characters or fewer"),
        },
    )
    took_part = forms.ChoiceField(
        label=_("Did you take part?"),
        choices=[
            (OWN_HELPED_DECIDE, _("Yes, I helped decide")),
            (OWN_WAS_ASKED, _("I was asked what I think, but other people decided")),
            (OWN_NOT_PART, _("No, I was not part of it")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select if you took part"),
            "invalid_choice": _("Select if you took part"),
        },
    )
    my_view = forms.CharField(
        label=_("What did you think?"),
        help_text=_("You do not have to write anything here."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("What you think must be 4,000 characters or fewer")},
    )
    people_there = ModelMultipleChoiceField(
        label=_("Who else was there?"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select people from the list")},
    )
    others_there = forms.CharField(
        label=_("Anyone else who was there"),
        help_text=_("For example, my doctor or my social worker."),
        max_length=500,
        required=False,
        error_messages={"max_length": _("Anyone else must be 500 characters or fewer")},
    )
    decided_on = GovukDateField(
        label=_("When was it decided?"),
        within=DECISION,
        help_text=_("Leave it empty if it was today."),
        required=False,
    )
    idempotency_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("This form could not be sent. Check your answers and send it again"),
            "invalid": _("This form could not be sent. Check your answers and send it again"),
        },
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people_there"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]
        if not people.exists():
            # Nobody to tick: the free-text question asks who was there instead.
            del self.fields["people_there"]
            self.fields["others_there"].label = _("Who else was there?")

    def add_rule_errors(self, exc: ValidationError) -> None:
        """Show each broken ledger rule beside the question it is about."""
        errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for name, messages in errors.items():
            target = self.RULE_FIELDS.get(name or "", name)
            self.add_error(target if target in self.fields else None, messages)

    # The ledger's field names (``decision_record``) and the questions they belong to.
    RULE_FIELDS = {"participants": "people_there", "other_participants": "others_there"}

    def action_arguments(self) -> dict[str, Any]:
        """Return the cleaned answers as keyword arguments for ``own_decision_record``."""
        data = self.cleaned_data
        return {
            "what": data["what"],
            "took_part": data["took_part"],
            "people_there": list(data.get("people_there") or []),
            "others_there": data.get("others_there") or "",
            "my_view": data.get("my_view") or "",
            "decided_on": data.get("decided_on"),
            "idempotency_key": data["idempotency_key"],
        }
