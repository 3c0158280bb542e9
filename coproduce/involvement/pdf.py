"""The person's statement as a tagged PDF (PDF/UA-1), in plain words or easy read, with
nothing loaded from outside (``core.pdf``)."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.formats import date_format

from coproduce.core.pdf import PDF_CONTENT_TYPE, render_tagged_pdf, symbol_data_url
from coproduce.involvement.models import InvolvementProfile, InvolvementSettings
from coproduce.involvement.money import hours, pounds
from coproduce.involvement.queries import Statement
from coproduce.people.models import Person

__all__ = ["PDF_CONTENT_TYPE", "statement_pdf"]

EASY_READ_SYMBOLS = ("time", "money", "thanks", "wait", "info", "warning", "tell", "help")


def statement_pdf(
    *,
    person: Person,
    statement: Statement,
    profile: InvolvementProfile,
    limits: InvolvementSettings,
    easy_read: bool,
) -> bytes:
    """Return one month's statement for the person as PDF bytes."""
    context = {
        "who": person,
        "statement": statement,
        "profile": profile,
        "limits": limits,
        "easy_read": easy_read,
        "month_words": date_format(statement.month, "F Y"),
        "lang": translation.get_language() or "en-gb",
        "pounds": pounds,
        "hours": hours,
        "pictures": {name: symbol_data_url(name) for name in EASY_READ_SYMBOLS}
        if easy_read
        else {},
        "printed_on": timezone.localdate(),
    }
    return render_tagged_pdf("involvement/statement_print.jinja", context)
