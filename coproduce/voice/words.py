"""Words shown for votes and surveys in the reader's language.

The fixed answers of a proposal and a score are stored in English with a ``code`` and
shown through ``option_label``; an organiser's own answers are shown as written.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coproduce.voice.models import Option, Question, Survey

FIXED_LABELS: dict[str, str | Promise] = {
    "agree": _("I agree"),
    "abstain": _("I do not mind either way"),
    "disagree": _("I disagree"),
    "block": _("I would block it"),
    "1": _("Very unhappy"),
    "2": _("Unhappy"),
    "3": _("OK"),
    "4": _("Happy"),
    "5": _("Very happy"),
}
FIXED_EASY_READ: dict[str, str | Promise] = {
    "agree": _("Yes. I agree."),
    "abstain": _("I do not mind."),
    "disagree": _("No. I do not agree."),
    "block": _("No. We must not do this."),
}
MEETING_LABELS: dict[int, str | Promise] = {2: _("Yes"), 1: _("Maybe"), 0: _("No")}
MEETING_SYMBOLS: dict[int, str] = {2: "yes", 1: "not_sure", 0: "no"}


def option_label(option: Option, easy_read: bool = False) -> str:
    """The words of an answer, in easy read when asked and one was written."""
    if option.code:
        if easy_read and option.code in FIXED_EASY_READ:
            return str(FIXED_EASY_READ[option.code])
        if option.code in FIXED_LABELS:
            return str(FIXED_LABELS[option.code])
    if easy_read and option.easy_read_label:
        return option.easy_read_label
    return option.label


def question_text(question: Question, easy_read: bool = False) -> str:
    if easy_read and question.easy_read_text:
        return question.easy_read_text
    return question.text


def survey_intro(survey: Survey, easy_read: bool = False) -> str:
    if easy_read and survey.easy_read_intro:
        return survey.easy_read_intro
    return survey.intro
