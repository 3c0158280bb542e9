"""Forms for choosing a team, reviewing it and changing a worker."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import ModelChoiceField
from coproduce.core.voice import VoiceForm
from coproduce.matching.models import ChangeRequest, TeamAnswer
from coproduce.matching.queries import TeamCard
from coproduce.matching.rules import TRANSITIONS


def _add_card_fields(form: forms.Form, cards: Sequence[TeamCard], *, easy_read: bool) -> None:
    for card in cards:
        form.fields[f"answer_{card.worker_id}"] = forms.ChoiceField(
            label=(
                _("Do you want %(name)s to support you?") % {"name": card.first_name}
                if easy_read
                else _("Do you want %(name)s in your team?") % {"name": card.name}
            ),
            choices=TeamAnswer.choices,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Say yes, maybe or no for %(name)s") % {"name": card.first_name}
            },
        )
        form.fields[f"meet_{card.worker_id}"] = forms.BooleanField(
            label=_("I want to meet %(name)s first") % {"name": card.first_name}, required=False
        )


class ChooseForm(forms.Form):
    """The person's own answers, one question per card."""

    def __init__(self, *args: Any, cards: Sequence[TeamCard], easy_read: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _add_card_fields(self, cards, easy_read=easy_read)


class ChooseWithPersonForm(VoiceForm):
    """Answers given with staff beside the person: say how the person gave them."""

    def __init__(self, *args: Any, cards: Sequence[TeamCard], easy_read: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["voice_how"].required = True
        _add_card_fields(self, cards, easy_read=easy_read)


def answers(form: forms.Form, cards: Sequence[TeamCard]) -> list[tuple[TeamCard, str, bool]]:
    data = form.cleaned_data
    return [
        (card, data[f"answer_{card.worker_id}"], bool(data.get(f"meet_{card.worker_id}")))
        for card in cards
    ]


class ReviewForm(forms.Form):
    confirm = forms.TypedChoiceField(
        label=_("Can you confirm this team?"),
        choices=[("yes", _("Yes, confirm the team")), ("no", _("No, not yet"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you can confirm the team")},
    )
    note = forms.CharField(
        label=_("If not, say why in plain words"),
        help_text=_("The person reads this on their page."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("confirm") is False and not (data.get("note") or "").strip():
            self.add_error("note", _("Say in plain words why the team cannot be confirmed"))
        return data


class ChangeRequestForm(forms.Form):
    worker: ModelChoiceField = ModelChoiceField(
        label=_("Who do you want to change?"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the worker you want to change")},
    )
    reason = forms.CharField(
        label=_("Why? (you do not have to say)"),
        help_text=_("Only you, your manager and the people you share your plan with see this. "
                    "The worker never sees it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )  # fmt: skip
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        field.queryset = workers  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]


STEP_WORDS = {
    ChangeRequest.Status.ACKNOWLEDGED: _("I have seen the request"),
    ChangeRequest.Status.OPTIONS_OFFERED: _("Offer other workers to meet"),
    ChangeRequest.Status.CHANGED: _("The worker has been changed"),
    ChangeRequest.Status.NOT_POSSIBLE: _("The change is not possible"),
}


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        label=_("What happens next?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens next")},
    )
    answer = forms.CharField(
        label=_("What to tell the person"),
        help_text=_("Needed when you offer other workers or the change is not possible."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (s, STEP_WORDS[ChangeRequest.Status(s)])
            for s in ChangeRequest.Status.values
            if s in TRANSITIONS[current]
        ]
