"""Each rule of a document's life, with its own test."""

from __future__ import annotations

import datetime as dt

import pytest

from coproduce.codesign import lifecycle
from coproduce.codesign.models import DocumentStatus as S


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        (S.DRAFT, S.OPEN_FOR_COMMENTS),
        (S.DRAFT, S.EASY_READ),
        (S.OPEN_FOR_COMMENTS, S.EASY_READ),
        (S.EASY_READ, S.SIGNED_OFF),
        (S.SIGNED_OFF, S.PUBLISHED),
        (S.PUBLISHED, S.DUE_FOR_REVIEW),
        (S.PUBLISHED, S.DRAFT),
        (S.DUE_FOR_REVIEW, S.PUBLISHED),
    ],
)
def test_a_document_makes_the_moves_of_its_life(from_status: str, to_status: str) -> None:
    assert lifecycle.may_move(from_status, to_status)


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [
        (S.DRAFT, S.PUBLISHED),
        (S.DRAFT, S.SIGNED_OFF),
        (S.OPEN_FOR_COMMENTS, S.PUBLISHED),
        (S.EASY_READ, S.PUBLISHED),
        (S.PUBLISHED, S.SIGNED_OFF),
    ],
)
def test_a_document_cannot_skip_its_easy_read_sign_off(from_status: str, to_status: str) -> None:
    assert not lifecycle.may_move(from_status, to_status)


def test_signing_off_is_the_only_way_to_signed_off() -> None:
    assert lifecycle.is_sign_off(S.EASY_READ, S.SIGNED_OFF)
    assert not lifecycle.is_sign_off(S.SIGNED_OFF, S.PUBLISHED)


def test_only_a_signed_off_or_reviewed_document_is_published() -> None:
    assert lifecycle.may_publish(S.SIGNED_OFF)
    assert lifecycle.may_publish(S.DUE_FOR_REVIEW)
    assert not lifecycle.may_publish(S.EASY_READ)
    assert not lifecycle.may_publish(S.DRAFT)


def test_words_change_only_before_sign_off() -> None:
    assert lifecycle.may_edit_words(S.DRAFT)
    assert lifecycle.may_edit_words(S.EASY_READ)
    assert not lifecycle.may_edit_words(S.SIGNED_OFF)
    assert not lifecycle.may_edit_words(S.PUBLISHED)


def test_a_document_is_reviewed_twelve_months_after_publishing() -> None:
    assert lifecycle.review_on_after(dt.date(2026, 3, 14)) == dt.date(2027, 3, 14)
    assert lifecycle.review_on_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_review_is_due_on_its_date() -> None:
    assert lifecycle.review_due(dt.date(2026, 5, 1), dt.date(2026, 5, 1))
    assert not lifecycle.review_due(dt.date(2026, 5, 2), dt.date(2026, 5, 1))
    assert not lifecycle.review_due(None, dt.date(2026, 5, 1))
