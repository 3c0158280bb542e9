"""The home page: what each of the viewer's roles has waiting, from every app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.site.home import home_context


@login_required
def home(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    if viewer.organisation is None:
        return render(request, "core/no_organisation.jinja", status=403)
    return render(request, "core/home.jinja", home_context(viewer))
