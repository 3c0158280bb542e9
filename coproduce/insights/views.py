"""Anonymised evidence for commissioners: a page of figures per service and a CSV copy."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from coproduce.accounts.queries import services_for_viewer
from coproduce.core.access import require_roles
from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry
from coproduce.core.spreadsheets import csv_response
from coproduce.decisions.models import Rung
from coproduce.insights.queries import ServiceFigures, figures_since, service_figures
from coproduce.insights.rules import SMALL_NUMBER
from coproduce.plans.models import Mood

PER_PAGE = 25
CSV_CHUNK = 200


def _cell(value: int | None) -> str:
    return str(value) if value is not None else _("fewer than %(n)s") % {"n": SMALL_NUMBER}


@require_roles("commissioner")
def evidence(request: HttpRequest) -> HttpResponse:
    """Figures per service, with every count below 5 shown as "fewer than 5"."""
    viewer = request.viewer  # type: ignore[attr-defined]
    page = Paginator(services_for_viewer(viewer).order_by("name", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "insights/evidence.jinja",
        {
            "page": page,
            "figures": service_figures(list(page.object_list)),
            "since": figures_since(),
            "rungs": Rung.choices,
            "moods": Mood.choices,
            "small": SMALL_NUMBER,
        },
    )


def _rows(services: list, figures_of) -> Iterator[list[str]]:  # type: ignore[no-untyped-def,type-arg]
    yield [
        _("Service"),
        *[str(label) for _value, label in Rung.choices],
        _("Decisions without the person"),
        _("Asked to change a worker"),
        _("Worker changed"),
        *[str(label) for _value, label in Mood.choices],
    ]
    for start in range(0, len(services), CSV_CHUNK):
        figures: list[ServiceFigures] = figures_of(services[start : start + CSV_CHUNK])
        for f in figures:
            yield [
                f.service.name,
                *[_cell(f.decisions_by_rung[value]) for value, _label in Rung.choices],
                _cell(f.decisions_without_person),
                _cell(f.change_requests_asked),
                _cell(f.change_requests_honoured),
                *[_cell(f.moods[value]) for value, _label in Mood.choices],
            ]


@require_roles("commissioner")
def evidence_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The same figures for every service as a CSV file, safe to open in a spreadsheet."""
    viewer = request.viewer  # type: ignore[attr-defined]
    services = list(services_for_viewer(viewer).order_by("name", "pk"))
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.EXPORT,
        object_type="insights.evidence",
        summary=f"Downloaded the anonymised figures of {len(services)} services",
    )
    return csv_response(_rows(services, service_figures), "evidence-by-service.csv")
