"""The rules of anonymised figures. Each docstring is the rule."""

from __future__ import annotations

SMALL_NUMBER = 5


def shown_count(count: int) -> int | None:
    """A count below 5 is never shown (it could point to a person): it reads "fewer than
    5". Zero is suppressed too, so a suppressed cell cannot be told apart from an empty
    one. Return the count to show, or None for "fewer than 5"."""
    return count if count >= SMALL_NUMBER else None
