"""The form for recording a decision in the ledger."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, User
from coproduce.core.forms import GovukDateField, ModelMultipleChoiceField
from coproduce.core.voice import VoiceForm
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
        help_text=_("For example, 3 3 2027"),
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
