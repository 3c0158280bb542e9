"""The easy-read check of a survey's words, with the platform's plain-language checker
(``coproduce.core.plain_language``): each easy-read text, and each question with no
easy-read words at all. Advice for the organiser, shown before and after opening; it
never stops a survey opening."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from coproduce.core.plain_language import Issue, check_easy_read
from coproduce.voice.models import Question, Survey


@dataclass(frozen=True)
class WordsCheck:
    where: str
    text: str
    issues: tuple[Issue, ...]
    missing: bool = False


def easy_read_checks(survey: Survey, questions: list[Question]) -> list[WordsCheck]:
    """What to change in the survey's easy-read words (empty: nothing)."""
    found: list[WordsCheck] = []

    def check(where: str, text: str) -> None:
        result = check_easy_read(text)
        if result.issues:
            found.append(WordsCheck(where, text, result.issues))

    if survey.easy_read_intro:
        check(_("What it is about, in easy read"), survey.easy_read_intro)
    for number, question in enumerate(questions, start=1):
        where = _("Question %(n)s") % {"n": number}
        if question.easy_read_text:
            check(where, question.easy_read_text)
        else:
            found.append(WordsCheck(where, question.text, (), missing=True))
        for option in question.options.all():
            if option.easy_read_label and not option.code:
                check(
                    _("Question %(n)s, answer “%(answer)s”")
                    % {"n": number, "answer": option.label},
                    option.easy_read_label,
                )
    if survey.outcome_easy_read:
        check(_("What happens next, in easy read"), survey.outcome_easy_read)
    return found
