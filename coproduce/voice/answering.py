"""The rules an answer keeps, kind by kind, and what it adds to the running totals.

Pure functions over ``GivenAnswer`` values: the forms turn what was posted into them, the
action checks them again inside its transaction, and the tests call them directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.voice.models import Answer, Option, Question, QuestionKind
from coproduce.voice.tally import RESPONSES, Count, Key

SHORT_MAX = 200
OPEN_MAX = 5000
# Meeting-time poll answers, per slot.
MEETING_YES, MEETING_MAYBE, MEETING_NO = 2, 1, 0
MEETING_VALUES = (MEETING_YES, MEETING_MAYBE, MEETING_NO)


@dataclass
class GivenAnswer:
    """One question's answer: the options chosen, a number for each option where the kind
    needs one (a place, dots, yes/maybe/no), and words."""

    question_id: int
    option_ids: list[int] = field(default_factory=list)
    values: dict[int, int] = field(default_factory=dict)
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.option_ids and not self.values and not self.text.strip()


class AnswerProblem(ValueError):
    """An answer breaks a rule; ``message`` says what to do, in plain words."""

    def __init__(self, question_id: int, message: str) -> None:
        super().__init__(message)
        self.question_id = question_id
        self.message = message


def _option_ids(question: Question) -> list[int]:
    return [option.pk for option in question.options.all()]


def check_answer(question: Question, given: GivenAnswer) -> GivenAnswer:
    """Return the answer, tidied, or raise ``AnswerProblem``."""
    kind = question.kind
    options = {option.pk: option for option in question.options.all()}
    problem = _problem(question, given, options)
    if problem:
        raise AnswerProblem(question.pk, problem)
    text = given.text.strip()
    if kind == QuestionKind.DOTS:
        values = {pk: dots for pk, dots in given.values.items() if dots > 0}
        return GivenAnswer(question.pk, sorted(values), values, text)
    return GivenAnswer(question.pk, list(dict.fromkeys(given.option_ids)), given.values, text)


def _problem(question: Question, given: GivenAnswer, options: dict[int, Option]) -> str:
    kind = question.kind
    if given.is_empty:
        return _required_message(question) if question.required else ""
    if any(pk not in options for pk in [*given.option_ids, *given.values]):
        return _("Choose from the answers shown")
    chosen = list(dict.fromkeys(given.option_ids))
    if kind in (QuestionKind.CHOICE, QuestionKind.SCORE, QuestionKind.PROPOSAL):
        if len(chosen) != 1:
            return _("Choose one answer")
        blocked = kind == QuestionKind.PROPOSAL and options[chosen[0]].code == "block"
        if blocked and not given.text.strip():
            return _("Say why you would block it")
        if len(given.text) > OPEN_MAX:
            return _("Write %(max)s characters or fewer") % {"max": OPEN_MAX}
        return ""
    if kind == QuestionKind.CHOICES:
        if not chosen:
            return _required_message(question)
        if len(chosen) > 1 and any(options[pk].is_none for pk in chosen):
            return _("Choose “none of these” on its own, or choose other answers")
        return ""
    if kind == QuestionKind.RANKED:
        places = given.values
        if set(places) != set(options):
            return _("Give every answer a place")
        if sorted(places.values()) != list(range(1, len(options) + 1)):
            return _("Give each answer a different place, from 1 to %(n)s") % {"n": len(options)}
        return ""
    if kind == QuestionKind.DOTS:
        if any(dots < 0 for dots in given.values.values()):
            return _("Dots cannot be less than 0")
        given_total = sum(given.values.values())
        if given_total == 0 and question.required:
            return _required_message(question)
        if given_total > question.dots:
            return ngettext(
                "You have %(n)s dot to share. You gave %(given)s.",
                "You have %(n)s dots to share. You gave %(given)s.",
                question.dots,
            ) % {"n": question.dots, "given": given_total}
        return ""
    if kind == QuestionKind.MEETING:
        if set(given.values) != set(options):
            return _("Say yes, maybe or no for every time")
        if any(value not in MEETING_VALUES for value in given.values.values()):
            return _("Say yes, maybe or no for every time")
        return ""
    if kind in (QuestionKind.OPEN, QuestionKind.SHORT):
        limit = SHORT_MAX if kind == QuestionKind.SHORT else OPEN_MAX
        if len(given.text.strip()) > limit:
            return _("Write %(max)s characters or fewer") % {"max": limit}
        return ""
    return _("This question cannot be answered")


def _required_message(question: Question) -> str:
    if question.kind in (QuestionKind.OPEN, QuestionKind.SHORT):
        return _("Write your answer")
    if question.kind == QuestionKind.DOTS:
        return _("Give at least one dot")
    if question.kind == QuestionKind.CHOICES:
        return _("Choose at least one answer")
    return _("Choose an answer")


def shown_questions(
    questions: Sequence[Question], answers: dict[int, GivenAnswer]
) -> list[Question]:
    """Return the questions to ask, in order, given the answers so far: a question that
    depends on an earlier option is asked only when that option was chosen."""
    chosen: set[int] = set()
    for given in answers.values():
        chosen.update(given.option_ids)
    return [q for q in questions if q.show_if_option_id is None or q.show_if_option_id in chosen]


def check_answers(
    questions: Sequence[Question], answers: dict[int, GivenAnswer]
) -> dict[int, GivenAnswer]:
    """Check a whole submission: every question shown is answered as its rules ask, and
    answers to questions not shown are dropped. Raise ``AnswerProblem`` on the first."""
    kept: dict[int, GivenAnswer] = {}
    for question in shown_questions(questions, answers):
        given = answers.get(question.pk, GivenAnswer(question.pk))
        tidied = check_answer(question, given)
        if not tidied.is_empty:
            kept[question.pk] = tidied
    if not kept:
        raise AnswerProblem(questions[0].pk if questions else 0, _("Answer at least one question"))
    return kept


def answer_rows(
    questions: Iterable[Question], answers: dict[int, GivenAnswer]
) -> tuple[list[Answer], dict[Key, Count]]:
    """Return the ``Answer`` rows to store (without their response) and what they add to
    the totals."""
    rows: list[Answer] = []
    additions: dict[Key, Count] = {RESPONSES: Count(1, 0)}

    def add(key: Key, count: int = 1, points: int = 0) -> None:
        before = additions.get(key, Count())
        additions[key] = Count(before.count + count, before.points + points)

    for question in questions:
        given = answers.get(question.pk)
        if given is None:
            continue
        q = question.pk
        add((q, 0, 0))
        kind = question.kind
        if kind in (QuestionKind.OPEN, QuestionKind.SHORT):
            rows.append(Answer(question_id=q, text=given.text))
        elif kind == QuestionKind.RANKED:
            size = len(given.values)
            for option_id, place in given.values.items():
                rows.append(Answer(question_id=q, option_id=option_id, value=place))
                add((q, option_id, 0), 1 if place == 1 else 0, size - place + 1)
        elif kind == QuestionKind.DOTS:
            for option_id, dots in given.values.items():
                rows.append(Answer(question_id=q, option_id=option_id, value=dots))
                add((q, option_id, 0), 1, dots)
            if given.text:
                rows.append(Answer(question_id=q, text=given.text))
        elif kind == QuestionKind.MEETING:
            for option_id, value in given.values.items():
                rows.append(Answer(question_id=q, option_id=option_id, value=value))
                add((q, option_id, value))
        else:
            for index, option_id in enumerate(given.option_ids):
                # A proposal's reason sits with the option chosen.
                text = given.text if index == 0 else ""
                rows.append(Answer(question_id=q, option_id=option_id, text=text))
                add((q, option_id, 0))
    return rows, additions
