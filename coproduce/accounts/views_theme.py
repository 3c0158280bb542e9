"""An organisation's brand colour as a stylesheet, for every page of its members."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from coproduce.accounts.queries import organisation_brand_colour
from coproduce.core.theme import theme_stylesheet


def theme_css(request: HttpRequest, slug: str) -> HttpResponse:
    """Serve an organisation's brand colour as a stylesheet (CSP forbids inline styles).

    It holds nothing but a colour, the same for everyone, so shared caches may keep it; the
    layout adds the colour to the URL, so a new colour is a new URL.
    """
    colour = organisation_brand_colour(slug)
    if colour is None:
        raise Http404
    response = HttpResponse(theme_stylesheet(colour), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=604800"
    return response
