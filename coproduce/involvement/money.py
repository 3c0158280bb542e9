"""Money as whole pence: read from what people type, shown as pounds.

Every amount in this app is an ``int`` of pence. Typed pounds (``12.50``, ``£12.50``,
``12``) become pence here without passing through a float; a third decimal place, a
negative amount or words are refused.
"""

from __future__ import annotations

import re

# Pounds with up to two decimal places, an optional pound sign and thousands commas.
_POUNDS = re.compile(r"^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")
LARGEST_PENCE = 10_000_000  # £100,000: more than any claim or rate


def parse_pounds(text: str) -> int | None:
    """Return the pence in typed pounds, or None when it is not an amount of money."""
    match = _POUNDS.match((text or "").strip())
    if match is None:
        return None
    whole = int(match.group(1).replace(",", ""))
    fraction = (match.group(2) or "").ljust(2, "0")
    pence = whole * 100 + int(fraction or "0")
    return pence if pence <= LARGEST_PENCE else None


def pounds(pence: int | None) -> str:
    """Show pence as pounds: 19550 is "£195.50", 1200 is "£12.00"."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def pounds_plain(pence: int) -> str:
    """Pence as pounds for a spreadsheet cell: 19550 is "195.50" (no sign or commas)."""
    whole, part = divmod(pence, 100)
    return f"{whole}.{part:02d}"


def hours(minutes: int) -> str:
    """Show minutes as hours and minutes: 90 is "1 hour 30 minutes"."""
    from django.utils.translation import ngettext

    whole, rest = divmod(minutes, 60)
    parts = []
    if whole:
        parts.append(ngettext("%(num)d hour", "%(num)d hours", whole) % {"num": whole})
    if rest or not whole:
        parts.append(ngettext("%(num)d minute", "%(num)d minutes", rest) % {"num": rest})
    return " ".join(parts)
