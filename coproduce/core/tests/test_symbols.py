"""Easy-read symbols: every name maps to a shipped SVG, and the attribution page lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from coproduce.core.symbols import SYMBOLS, symbol, symbol_url

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_every_symbol_file_is_shipped_with_the_app() -> None:
    missing = [name for name, item in SYMBOLS.items() if not (STATIC / item.path).is_file()]
    assert missing == []


def test_the_openmoji_licence_ships_beside_the_pictures() -> None:
    licence = (STATIC / "symbols" / "openmoji" / "LICENSE.txt").read_text()
    assert "Attribution-ShareAlike 4.0 International" in licence


def test_unknown_symbol_name_is_an_error_that_says_where_to_add_it() -> None:
    with pytest.raises(KeyError, match=r"core/symbols\.py"):
        symbol("unicorn")


def test_symbol_url_is_a_static_url() -> None:
    assert symbol_url("decision") == "/static/symbols/openmoji/2696.svg"


@pytest.mark.django_db
def test_symbols_page_credits_openmoji_and_each_artist(client: Client) -> None:
    response = client.get(reverse("core:symbols"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CC BY-SA 4.0" in html
    assert "https://openmoji.org/" in html
    for item in SYMBOLS.values():
        assert item.url in html
    assert "Hilda Kalyoncu" in html


@pytest.mark.django_db
def test_footer_links_to_the_symbols_page(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    assert f'href="{reverse("core:symbols")}"' in html
