"""Figures for comments, complaints and compliments over a period, and the summary of
complaints for CQC (a page, a tagged PDF and a CSV). Managers see the services they
manage; the quality leads and senior leaders the whole organisation, with a page of
services at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.access import require_roles
from coproduce.core.pdf import PDF_CONTENT_TYPE
from coproduce.core.spreadsheets import csv_response
from coproduce.feedback.actions import cqc_summary_export_record
from coproduce.feedback.cqc import cqc_pdf, cqc_rows, file_name
from coproduce.feedback.figures import (
    Counts,
    CqcSummary,
    Figures,
    Period,
    counts_by_service,
    cqc_summary,
    figures_for,
    figures_scope,
    last_twelve_months,
    received_in,
    services_in,
)
from coproduce.feedback.forms import PeriodForm
from coproduce.feedback.models import ConcernKind
from coproduce.feedback.rules import FIGURE_READERS

SERVICES_PER_PAGE = 25
PERIOD_FIELDS = ("start", "end")


def _period_form(request: HttpRequest, today: dt.date) -> tuple[PeriodForm, Period | None]:
    """The period asked for, or the last 12 months when none is; None when the dates
    given are wrong (the form says why)."""
    given = any(key.split("-")[0] in PERIOD_FIELDS for key in request.GET)
    if not given:
        default = last_twelve_months(today)
        return PeriodForm(initial={"start": default.start, "end": default.end}), default
    form = PeriodForm(request.GET)
    return form, form.period() if form.is_valid() else None


def period_query(period: Period) -> str:
    """The period as the form sends it, for links to the same figures."""
    parts: dict[str, int] = {}
    for name, day in (("start", period.start), ("end", period.end)):
        parts.update({f"{name}-0": day.day, f"{name}-1": day.month, f"{name}-2": day.year})
    return urlencode(parts)


def _bars(pairs: list[tuple[str, int]]) -> list[tuple[str, int, str]]:
    return [(label, value, str(value)) for label, value in pairs]


def _charts(found: Figures) -> dict[str, list[tuple[str, int, str]]]:
    counts = found.counts
    return {
        "kinds": _bars(
            [
                (str(ConcernKind.COMPLAINT.label), counts.complaints),
                (str(ConcernKind.COMMENT.label), counts.comments),
                (str(ConcernKind.COMPLIMENT.label), counts.compliments),
            ]
        ),
        "themes": _bars([(row.label, row.total) for row in found.themes if row.total]),
        "outcomes": _bars(
            [
                (_("Upheld"), counts.upheld),
                (_("Partly upheld"), counts.partly),
                (_("Not upheld"), counts.not_upheld),
            ]
        ),
    }


@require_roles(*FIGURE_READERS)
def figures(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    today = timezone.localdate()
    form, period = _period_form(request, today)
    scope = figures_scope(viewer)
    context: dict[str, Any] = {"form": form, "period": period, "scope": scope}
    if period is not None:
        found = figures_for(scope, period, today)
        page = Paginator(services_in(scope), SERVICES_PER_PAGE).get_page(request.GET.get("page"))
        services = list(page.object_list)
        by_service = counts_by_service(
            received_in(scope, period), scope, today, [service.pk for service in services]
        )
        context.update(
            {
                "found": found,
                "charts": _charts(found),
                "page": page,
                "service_rows": [
                    (service, by_service.get(service.pk, Counts())) for service in services
                ],
                "query": period_query(period),
            }
        )
    return render(request, "feedback/figures.jinja", context)


def _summary(request: HttpRequest, period: Period, *, by_service: bool) -> CqcSummary:
    viewer = request.viewer  # type: ignore[attr-defined]
    return cqc_summary(
        figures_scope(viewer),
        period,
        timezone.localdate(),
        organisation_name=viewer.organisation.name,
        by_service=by_service,
    )


@require_roles(*FIGURE_READERS)
def cqc(request: HttpRequest) -> HttpResponse:
    """The summary of complaints for a period, with the PDF and CSV to download."""
    form, period = _period_form(request, timezone.localdate())
    context: dict[str, Any] = {"form": form, "period": period}
    if period is not None:
        summary = _summary(request, period, by_service=False)
        context.update({"summary": summary, "query": period_query(summary.period)})
    return render(request, "feedback/cqc.jinja", context)


def _download_period(request: HttpRequest) -> Period | None:
    return _period_form(request, timezone.localdate())[1]


def _back_to_the_form(request: HttpRequest) -> HttpResponse:
    """Wrong dates in a download's address: the form, saying what is wrong."""
    return redirect(f"{reverse('feedback:cqc')}?{request.GET.urlencode()}")


@require_roles(*FIGURE_READERS)
def cqc_pdf_download(request: HttpRequest) -> HttpResponse:
    period = _download_period(request)
    if period is None:
        return _back_to_the_form(request)
    summary = _summary(request, period, by_service=True)
    content = cqc_pdf(summary)
    cqc_summary_export_record(
        viewer=request.viewer,  # type: ignore[attr-defined]
        start=period.start,
        end=period.end,
        kind="PDF",
    )
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{file_name(summary, "pdf")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_roles(*FIGURE_READERS)
def cqc_csv_download(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    period = _download_period(request)
    if period is None:
        return _back_to_the_form(request)
    summary = _summary(request, period, by_service=True)
    cqc_summary_export_record(
        viewer=request.viewer,  # type: ignore[attr-defined]
        start=period.start,
        end=period.end,
        kind="CSV",
    )
    # The rows are all in memory already (a few thousand at most): the translation is
    # the request's, so they are written while it is active.
    return csv_response(list(cqc_rows(summary)), file_name(summary, "csv"))
