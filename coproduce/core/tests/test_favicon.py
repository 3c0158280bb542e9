"""The icon every page links: the mark in the theme colour, as an SVG and a 32 px PNG."""

from __future__ import annotations

import io
import re

from django.test import Client
from PIL import Image

THEME_COLOUR = (0x1D, 0x5E, 0x7A)


def _icons(client: Client) -> dict[str, str]:
    page = client.get("/accounts/login/").content.decode()
    links = re.findall(r'<link rel="icon" href="([^"]+)"[^>]*type="([^"]+)"', page)
    return {kind: href for href, kind in links}


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def test_the_layout_links_an_svg_and_a_png_favicon_that_answer_200(client: Client) -> None:
    icons = _icons(client)
    assert set(icons) == {"image/svg+xml", "image/png"}
    for kind, href in icons.items():
        response = client.get(href)
        assert response.status_code == 200, href
        assert response["Content-Type"].startswith(kind), href


def test_the_png_favicon_is_32_px_square_in_the_theme_colour(client: Client) -> None:
    picture = Image.open(io.BytesIO(_body(client.get(_icons(client)["image/png"]))))
    assert picture.size == (32, 32)
    # Above the mark, where the square shows its colour (shrinking blurs it by a shade).
    colour = picture.convert("RGB").getpixel((16, 4))
    assert all(abs(a - b) <= 3 for a, b in zip(colour, THEME_COLOUR, strict=True)), colour


def test_the_svg_favicon_is_a_plain_mark_in_the_theme_colour(client: Client) -> None:
    svg = _body(client.get(_icons(client)["image/svg+xml"])).decode()
    assert 'fill="#1d5e7a"' in svg
    # A simple mark: shapes only, no words and no borrowed emblem.
    assert "<text" not in svg and "crown" not in svg.lower()
