"""Turn what was posted into answers, and answers back into what a form shows.

The answer pages are built from the survey's questions, so they are parsed here rather
than by a fixed Django form. Field names (also used by the benchmark):

- ``q<question>``: the option chosen (several for "choose one or more");
- ``q<question>-text``: words (an open or short answer, a proposal's reason);
- ``q<question>-o<option>``: a number for an option (a place, dots, meeting 2/1/0).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.models import VoiceHow
from coproduce.voice.answering import AnswerProblem, GivenAnswer, check_answer
from coproduce.voice.models import Question, QuestionKind

NUMBER_KINDS = frozenset({QuestionKind.RANKED, QuestionKind.DOTS, QuestionKind.MEETING})


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _number(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    digits = text[1:] if text.startswith("-") else text
    if text.isascii() and digits.isdigit() and len(text) <= 6:
        return int(text)
    raise ValueError(text)


def answer_from_post(question: Question, data: Mapping[str, Any]) -> GivenAnswer:
    """Read one question's answer; raise ``AnswerProblem`` for something unreadable."""
    name = field_name(question)
    given = GivenAnswer(question.pk, text=str(data.get(f"{name}-text", "") or ""))
    if question.kind in NUMBER_KINDS:
        for option in question.options.all():
            raw = str(data.get(f"{name}-o{option.pk}", "") or "")
            try:
                value = _number(raw)
            except ValueError:
                raise AnswerProblem(question.pk, _("Use a whole number, like 2")) from None
            if value is not None:
                given.values[option.pk] = value
        if question.kind == QuestionKind.DOTS and given.values and not any(given.values.values()):
            given.values = {}
        return given
    if question.kind in (QuestionKind.OPEN, QuestionKind.SHORT):
        return given
    getlist = getattr(data, "getlist", None)
    raw_values = getlist(name) if getlist else [data.get(name)]
    for posted in raw_values:
        raw = str(posted or "").strip()
        if not raw:
            continue
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            raise AnswerProblem(question.pk, _("Choose from the answers shown"))
        given.option_ids.append(int(raw))
    return given


def answers_from_post(
    questions: Sequence[Question], data: Mapping[str, Any]
) -> tuple[dict[int, GivenAnswer], dict[int, str]]:
    """Read and check every question posted; return the answers and {question: message}."""
    answers: dict[int, GivenAnswer] = {}
    problems: dict[int, str] = {}
    for question in questions:
        try:
            given = answer_from_post(question, data)
            answers[question.pk] = check_answer(question, given)
        except AnswerProblem as problem:
            problems[question.pk] = problem.message
            answers[question.pk] = _raw_answer(question, data)
    return answers, problems


def _raw_answer(question: Question, data: Mapping[str, Any]) -> GivenAnswer:
    """What was posted, kept to show again beside its message."""
    try:
        return answer_from_post(question, data)
    except AnswerProblem:
        return GivenAnswer(question.pk, text=str(data.get(f"{field_name(question)}-text", "")))


# Kept in the session between the pages of an easy-read survey.


def answer_to_session(given: GivenAnswer) -> dict[str, Any]:
    return {
        "o": list(given.option_ids),
        "v": {str(k): v for k, v in given.values.items()},
        "t": given.text,
    }


def answer_from_session(question_id: int, stored: Mapping[str, Any]) -> GivenAnswer:
    return GivenAnswer(
        question_id,
        [int(pk) for pk in stored.get("o", [])],
        {int(k): int(v) for k, v in dict(stored.get("v", {})).items()},
        str(stored.get("t", "")),
    )


class OwnAnswerVoiceForm(forms.Form):
    """A person answering for themself says whether someone helped, and who (the helper
    is not kept for an anonymous survey, so it is not asked)."""

    voice_how = forms.ChoiceField(
        label=gettext_lazy("Who chose the answers?"),
        choices=[
            (VoiceHow.TYPED, gettext_lazy("I did, myself")),
            (VoiceHow.SUPPORTED, gettext_lazy("Someone helped me")),
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the answers")},
    )

    def __init__(self, *args: Any, helpers: Any = None, anonymous: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.anonymous = anonymous
        if not anonymous and helpers is not None:
            from coproduce.core.forms import ModelChoiceField

            self.fields["voice_helper"] = ModelChoiceField(
                label=gettext_lazy("Who helped you? (optional)"),
                queryset=helpers,
                required=False,
                empty_label=_("Choose who helped"),
                error_messages={
                    "invalid_choice": gettext_lazy("Choose who helped you from the list")
                },
            )
            self.fields["voice_helper"].label_from_instance = (  # type: ignore[attr-defined]
                lambda user: user.name or user.email
            )

    def how_and_helper(self) -> tuple[str, Any]:
        how = self.cleaned_data.get("voice_how") or VoiceHow.TYPED
        helper = self.cleaned_data.get("voice_helper") if how == VoiceHow.SUPPORTED else None
        return how, helper


class HouseMeetingVoiceForm(forms.Form):
    """How the person gave their answer on the worker's tablet."""

    CHOICES = [
        (VoiceHow.TYPED, gettext_lazy("They chose their answers themself")),
        (VoiceHow.SUPPORTED, gettext_lazy("I helped them give their answers")),
        (VoiceHow.OBSERVED, gettext_lazy("I observed their answer: they do not use words")),
    ]
    voice_how = forms.ChoiceField(
        label=gettext_lazy("How did they answer?"),
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say how they gave their answers")},
    )
