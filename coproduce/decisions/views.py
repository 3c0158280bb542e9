"""Placeholder views until the decisions ledger pages are built."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.core.access import require_roles


@require_roles("person", "supporter")
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.jinja", {})


@require_roles("service_manager", "quality_lead", "senior_leader", "org_admin")
def service_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.jinja", {})
