"""The summary of complaints CQC can ask for, as a tagged PDF and as CSV, from the same
``figures.CqcSummary``: the period, how many complaints were received, at which service,
about what, how they were dealt with, those still open and the changes made because of
them. Numbers and the names of services only; the CSV is formula-safe
(``core.spreadsheets``)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _

from coproduce.core.pdf import render_tagged_pdf
from coproduce.core.spreadsheets import Cell
from coproduce.feedback.figures import Counts, CqcSummary, Days


def file_name(summary: CqcSummary, extension: str) -> str:
    period = summary.period
    return f"complaints-summary-{period.start.isoformat()}-to-{period.end.isoformat()}.{extension}"


def cqc_pdf(summary: CqcSummary) -> bytes:
    return render_tagged_pdf(
        "feedback/print/cqc.jinja",
        {"summary": summary, "lang": translation.get_language() or "en-gb"},
    )


def _days(days: Days) -> Cell:
    return round(days.average, 1) if days.average is not None else ""


def _service_cells(counts: Counts) -> list[Cell]:
    return [
        counts.complaints,
        counts.acknowledged_in_time,
        counts.acknowledge_due,
        counts.answered_in_time,
        counts.answer_due,
        counts.upheld,
        counts.partly,
        counts.not_upheld,
        counts.open,
        counts.overdue,
    ]


def cqc_rows(summary: CqcSummary) -> Iterator[list[Cell]]:
    """The summary as rows: what it is and its period, the totals, then a table for each
    part (by service, by theme, the changes made)."""
    counts = summary.counts
    period = summary.period
    yield [_("Summary of complaints"), summary.organisation_name]
    yield [_("From"), period.start.isoformat()]
    yield [_("To"), period.end.isoformat()]
    yield [_("Produced on"), summary.produced_on.isoformat()]
    if not summary.whole_organisation:
        yield [_("Covers"), _("Only the services you manage")]
    yield []
    yield [_("What"), _("Number"), _("Out of")]
    yield [_("Complaints received"), counts.complaints, ""]
    yield [
        _("Acknowledged within 3 working days"),
        counts.acknowledged_in_time,
        counts.acknowledge_due,
    ]
    yield [_("Answered by the date agreed"), counts.answered_in_time, counts.answer_due]
    yield [_("Answered"), counts.answered, counts.complaints]
    yield [_("Upheld"), counts.upheld, counts.answered]
    yield [_("Partly upheld"), counts.partly, counts.answered]
    yield [_("Not upheld"), counts.not_upheld, counts.answered]
    yield [_("Still open today"), counts.open, counts.complaints]
    yield [_("Still open and late today"), counts.overdue, counts.open]
    yield [_("Passed to the safeguarding leads"), counts.safeguarding, counts.complaints]
    yield [_("About the organisation as a whole"), counts.about_organisation, counts.complaints]
    yield [_("Average working days to acknowledge"), _days(summary.to_acknowledge), ""]
    yield [_("Average days to answer"), _days(summary.to_answer), ""]
    yield [_("Changes made because of them"), len(summary.changes), ""]
    yield []
    yield [
        _("Service"),
        _("Complaints received"),
        _("Acknowledged within 3 working days"),
        _("Due to be acknowledged"),
        _("Answered by the date agreed"),
        _("Due to be answered"),
        _("Upheld"),
        _("Partly upheld"),
        _("Not upheld"),
        _("Still open"),
        _("Still open and late"),
    ]
    for row in summary.by_service:
        yield [row.name or _("The organisation as a whole"), *_service_cells(row.counts)]
    yield []
    yield [_("Theme"), _("Complaints")]
    for label, number in summary.themes:
        yield [label, number]
    yield [_("No theme chosen yet"), summary.without_theme]
    yield []
    yield [_("Change made"), _("Service"), _("Made on"), _("Complaints it came from")]
    for change in summary.changes:
        yield [
            change.we_will,
            change.service_name or _("The whole organisation"),
            change.made_on.isoformat() if change.made_on else "",
            change.complaints,
        ]
