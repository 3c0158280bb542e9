"""Organisation admin pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.core.access import require_roles


@require_roles("org_admin")
def service_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.jinja", {})


@require_roles("org_admin")
def membership_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.jinja", {})
