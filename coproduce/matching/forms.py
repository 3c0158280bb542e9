"""Forms for choosing a team, reviewing it and changing a worker."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import ModelChoiceField
from coproduce.core.voice import VoiceForm
from coproduce.matching.models import ChangeRequest, OfferAnswer, TeamAnswer
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

    def __init__(
        self, *args: Any, current: str, offered: bool = False, named: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Once named workers are offered, the manager confirms one with ConfirmForm instead;
        # while workers who match can be offered by name (``named``), they are, on their cards.
        hidden: set[str] = set()
        if offered:
            hidden.add(ChangeRequest.Status.CHANGED)
        if named:
            hidden.add(ChangeRequest.Status.OPTIONS_OFFERED)
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (s, STEP_WORDS[ChangeRequest.Status(s)])
            for s in ChangeRequest.Status.values
            if s in TRANSITIONS[current] and s not in hidden
        ]


class OfferForm(forms.Form):
    """The manager ticks the matching workers to offer, each on their card."""

    answer = forms.CharField(
        label=_("What to tell the person (you do not have to)"),
        help_text=_("For example, when they could meet."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, cards: Sequence[TeamCard], person_name: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.cards = list(cards)
        for card in self.cards:
            self.fields[f"offer_{card.worker_id}"] = forms.BooleanField(
                label=_("Offer %(name)s to %(person)s")
                % {"name": card.name, "person": person_name},
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.cards and not self.chosen_ids():
            self.add_error(
                f"offer_{self.cards[0].worker_id}", _("Choose at least one worker to offer")
            )
        return data

    def chosen_ids(self) -> list[int]:
        data = getattr(self, "cleaned_data", {})
        return [c.worker_id for c in self.cards if data.get(f"offer_{c.worker_id}")]


def _add_offer_fields(
    form: forms.Form, cards: Sequence[TeamCard], *, easy_read: bool, required: bool
) -> None:
    for card in cards:
        form.fields[f"answer_{card.worker_id}"] = forms.ChoiceField(
            label=(
                _("Do you want %(name)s to support you?") % {"name": card.first_name}
                if easy_read
                else _("Do you want %(name)s in your team?") % {"name": card.name}
            ),
            choices=OfferAnswer.choices,
            widget=forms.RadioSelect,
            required=required,
            error_messages={
                "required": _("Say yes, maybe, no or meet first for %(name)s")
                % {"name": card.first_name}
            },
        )


class _OfferAnswers:
    """Some cards may stay unanswered, so the person can come back; at least one is
    answered."""

    cards: list[TeamCard]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}  # type: ignore[misc]
        if self.cards and not self.given():
            first = self.cards[0]
            self.add_error(  # type: ignore[attr-defined]
                f"answer_{first.worker_id}",
                _("Say yes, maybe, no or meet first for at least one worker"),
            )
        return data  # type: ignore[no-any-return]

    def given(self) -> list[tuple[TeamCard, str]]:
        data = getattr(self, "cleaned_data", {})
        return [
            (c, data[f"answer_{c.worker_id}"])
            for c in self.cards
            if data.get(f"answer_{c.worker_id}")
        ]


class OfferAnswerForm(_OfferAnswers, forms.Form):
    """The person's own answers about the workers offered."""

    def __init__(self, *args: Any, cards: Sequence[TeamCard], easy_read: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.cards = list(cards)
        _add_offer_fields(self, self.cards, easy_read=easy_read, required=easy_read)


class OfferAnswerWithPersonForm(_OfferAnswers, VoiceForm):
    """Answers given with staff beside the person: say how the person gave them."""

    def __init__(self, *args: Any, cards: Sequence[TeamCard], easy_read: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["voice_how"].required = True
        self.cards = list(cards)
        _add_offer_fields(self, self.cards, easy_read=easy_read, required=easy_read)


class ConfirmForm(forms.Form):
    """The manager confirms who joins the team, from the workers the person said yes to."""

    workers = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who joins the team")},
    )
    answer = forms.CharField(
        label=_("What to tell the person (you do not have to)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, yes: Sequence[Any], person_name: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["workers"]
        field.label = _("Who joins %(name)s's team?") % {"name": person_name}
        field.help_text = _("Only the workers %(name)s said yes to.") % {"name": person_name}
        field.choices = [(str(w.pk), w.name or w.email) for w in yes]  # type: ignore[attr-defined]
