"""Copies of the support plan that leave the platform: a tagged PDF (standard or easy
read) and FHIR R4B. Whoever may see the plan may take a copy; each copy is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from coproduce.core.fhir import FHIR_CONTENT_TYPE
from coproduce.core.pdf import PDF_CONTENT_TYPE
from coproduce.core.tenancy import Viewer
from coproduce.plans import actions, queries
from coproduce.plans.access import access_plan
from coproduce.plans.exports.documents import PlanExport, plan_json, plan_pdf

EASY_READ_FORM = "easy-read"


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _export(viewer: Viewer, person_id: int) -> PlanExport:
    person, plan = access_plan(viewer, person_id, "view")
    return PlanExport(person=person, plan=plan, entries=list(queries.plan_entries(plan)))


def _pdf_response(request: HttpRequest, person_id: int, *, easy_read: bool) -> HttpResponse:
    viewer = _viewer(request)
    export = _export(viewer, person_id)
    content = plan_pdf(export, easy_read=easy_read)
    kind = "PDF (easy read)" if easy_read else "PDF"
    actions.plan_export_record(viewer=viewer, person=export.person, kind=kind)
    name = "support-plan-easy-read" if easy_read else "support-plan"
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{name}-{export.person.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def plan_pdf_download(request: HttpRequest, person_id: int) -> HttpResponse:
    """Send the plan as a tagged PDF; ``?form=easy-read`` sends the easy-read form."""
    easy_read = request.GET.get("form") == EASY_READ_FORM
    return _pdf_response(request, person_id, easy_read=easy_read)


@login_required
def plan_pdf_easy_read_download(request: HttpRequest, person_id: int) -> HttpResponse:
    return _pdf_response(request, person_id, easy_read=True)


@login_required
def plan_fhir(request: HttpRequest, person_id: int) -> HttpResponse:
    """Send the plan as a FHIR R4B Bundle: Patient, CarePlan, Goals and CareTeam."""
    viewer = _viewer(request)
    export = _export(viewer, person_id)
    body = plan_json(export)
    actions.plan_export_record(viewer=viewer, person=export.person, kind="FHIR")
    response = HttpResponse(body, content_type=FHIR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="support-plan-{export.person.pk}.json"'
    return response
