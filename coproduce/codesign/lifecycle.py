"""The rules of a document's life, each a named function with its test.

- ``TRANSITIONS``: the moves a document may make. Draft → open for comments → easy-read
  version → signed off → published → due for review; a draft may skip comments; a
  document being commented on or put into easy read can go back to draft; a published
  document, or one due for review, goes back to draft for a new version, or is confirmed
  as still right (published again with a new review date).
- ``SIGN_OFF_MOVE``: the easy-read version becomes "signed off" only by the sign-off of a
  person supported in the paid editor role (``actions.document_sign_off``), never by a
  plain move.
- ``may_publish``: only a signed-off document (or one due for review, confirmed) is
  published.
- ``review_on_after``: a published document is reviewed 12 months after it is published.
- ``review_due``: the review date has come.
- ``may_edit_words``: words change only in draft, open for comments or easy read.
"""

from __future__ import annotations

import calendar
import datetime as dt

from coproduce.codesign.models import DocumentStatus

S = DocumentStatus
REVIEW_AFTER_MONTHS = 12

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.OPEN_FOR_COMMENTS, S.EASY_READ}),
    S.OPEN_FOR_COMMENTS: frozenset({S.EASY_READ, S.DRAFT}),
    S.EASY_READ: frozenset({S.SIGNED_OFF, S.DRAFT}),
    S.SIGNED_OFF: frozenset({S.PUBLISHED, S.EASY_READ}),
    S.PUBLISHED: frozenset({S.DUE_FOR_REVIEW, S.DRAFT}),
    S.DUE_FOR_REVIEW: frozenset({S.DRAFT, S.PUBLISHED}),
}
SIGN_OFF_MOVE = (S.EASY_READ, S.SIGNED_OFF)
WORDS_CHANGE_IN = frozenset({S.DRAFT, S.OPEN_FOR_COMMENTS, S.EASY_READ})


def may_move(from_status: str, to_status: str) -> bool:
    """Whether a document may go from one status to the other."""
    return to_status in TRANSITIONS.get(from_status, frozenset())


def is_sign_off(from_status: str, to_status: str) -> bool:
    """The move that only a sign-off makes."""
    return (from_status, to_status) == SIGN_OFF_MOVE


def may_publish(status: str) -> bool:
    """Only a signed-off document, or one due for review and confirmed, is published."""
    return status in (S.SIGNED_OFF, S.DUE_FOR_REVIEW)


def may_edit_words(status: str) -> bool:
    return status in WORDS_CHANGE_IN


def review_on_after(published_on: dt.date) -> dt.date:
    """The review date: 12 months after publishing (29 February falls to the 28th)."""
    month_index = published_on.month - 1 + REVIEW_AFTER_MONTHS
    year, month = published_on.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(published_on.day, calendar.monthrange(year, month)[1]))


def review_due(review_on: dt.date | None, today: dt.date) -> bool:
    return review_on is not None and today >= review_on
