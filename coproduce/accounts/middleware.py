"""Attach the current organisation and the viewer to each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from coproduce.core.tenancy import Viewer, viewer_for

SESSION_ORGANISATION_KEY = "organisation_id"


def _current_organisation(request: HttpRequest):  # type: ignore[no-untyped-def]
    from coproduce.accounts.queries import organisations_for_user

    user = request.user
    if not user.is_authenticated:
        return None
    organisations = list(organisations_for_user(user))
    chosen = request.session.get(SESSION_ORGANISATION_KEY)
    for organisation in organisations:
        if organisation.pk == chosen:
            return organisation
    return organisations[0] if organisations else None


class OrganisationMiddleware:
    """Set ``request.organisation`` and ``request.viewer``, both lazily."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        organisation = SimpleLazyObject(lambda: _current_organisation(request))
        request.organisation = organisation  # type: ignore[attr-defined]

        def build_viewer() -> Viewer:
            org = request.organisation  # type: ignore[attr-defined]
            return viewer_for(request.user, org if org else None)  # type: ignore[arg-type]

        request.viewer = SimpleLazyObject(build_viewer)  # type: ignore[attr-defined]
        return self.get_response(request)
