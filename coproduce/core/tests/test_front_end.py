"""The layout every page shares: languages, easy read, text only, read aloud, title, CSP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from conftest import Personas, signed_in_client

DASH = "\u2013"  # the en dash in the title pattern "<page> DASH <organisation>"
LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.fixture(autouse=True)
def welsh_catalogue() -> Iterator[None]:
    """Compile the Welsh catalogue when `make translations` has not (pytest run directly)."""
    po = LOCALE / "cy" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as source:
            catalogue = read_po(source, locale="cy")
        with mo.open("wb") as target:
            write_mo(target, catalogue)
        trans_real._translations = {}  # Django caches catalogues per process
    yield
    translation.activate("en-gb")  # a Welsh request leaves Welsh active in this thread


def _body_classes(html: str) -> list[str]:
    match = re.search(r'<body class="([^"]*)"', html)
    assert match
    return match.group(1).split()


def _switch(client: Client, language: str, next_url: str) -> str:
    response = client.post(
        reverse("set_language"), {"language": language, "next": next_url}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_pages_are_english_by_default_with_the_lang_attribute(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    assert '<html lang="en-GB"' in html
    assert '<h1 class="govuk-heading-xl">Accessibility statement</h1>' in html


@pytest.mark.django_db
def test_language_switch_offers_welsh_with_its_own_lang(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert re.search(
        r'<button type="submit" name="language" value="cy" lang="cy"[^>]*>Cymraeg<', html
    )


@pytest.mark.django_db
def test_switching_to_welsh_sets_lang_cy_and_shows_welsh(client: Client) -> None:
    html = _switch(client, "cy", reverse("core:accessibility"))
    assert '<html lang="cy"' in html
    assert "Datganiad hygyrchedd" in html
    assert "Neidio i\u2019r prif gynnwys" in html  # the skip link, from the layout
    assert re.search(r'value="en-gb" lang="en-GB"[^>]*>English<', html)


@pytest.mark.django_db
def test_switching_back_to_english_restores_english(client: Client) -> None:
    _switch(client, "cy", reverse("core:accessibility"))
    html = _switch(client, "en-gb", reverse("core:accessibility"))
    assert '<html lang="en-GB"' in html
    assert "Accessibility statement" in html


@pytest.mark.django_db
def test_signed_in_pages_follow_the_chosen_language(personas: Personas) -> None:
    client = signed_in_client(personas.person)
    html = _switch(client, "cy", reverse("home"))
    assert '<html lang="cy"' in html
    assert "Helo, Kyle" in html
    assert "Eich cymorth, eich llais" in html
    assert "Allgofnodi" in html


@pytest.mark.django_db
def test_easy_read_toggle_changes_the_body_class_and_the_text(client: Client) -> None:
    url = reverse("core:accessibility")
    standard = client.get(url).content.decode()
    assert "app-easy-read" not in _body_classes(standard)
    assert "We aim to meet the Web Content Accessibility Guidelines" in standard

    client.post(reverse("core:preferences"), {"easy_read": "1", "next": url})
    easy = client.get(url).content.decode()
    assert "app-easy-read" in _body_classes(easy)
    assert "Press Easy read to get short words and pictures." in easy
    assert "We aim to meet the Web Content Accessibility Guidelines" not in easy
    assert "Standard page" in easy

    client.post(reverse("core:preferences"), {"easy_read": "0", "next": url})
    again = client.get(url).content.decode()
    assert "app-easy-read" not in _body_classes(again)


@pytest.mark.django_db
def test_easy_read_rows_show_a_decorative_picture_beside_the_words(client: Client) -> None:
    client.post(reverse("core:preferences"), {"easy_read": "1"})
    html = client.get(reverse("core:accessibility")).content.decode()
    picture = re.search(r'<img class="app-er-row__picture" src="([^"]+)" alt=""', html)
    assert picture and picture.group(1).startswith("/static/symbols/openmoji/")
    assert "Text only" in html


@pytest.mark.django_db
def test_text_only_leaves_the_pictures_out(client: Client) -> None:
    client.post(reverse("core:preferences"), {"easy_read": "1"})
    client.post(reverse("core:preferences"), {"text_only": "1"})
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "app-text-only" in _body_classes(html)
    assert "app-er-row__picture" not in html
    assert "app-er-intro__picture" not in html
    assert "Press Easy read to get short words and pictures." in html
    assert "Show pictures" in html


@pytest.mark.django_db
def test_easy_read_preference_of_a_signed_in_person_is_saved(personas: Personas) -> None:
    client = signed_in_client(personas.person)
    client.post(reverse("core:preferences"), {"easy_read": "1"})
    personas.person.refresh_from_db()
    assert personas.person.easy_read is True
    html = signed_in_client(personas.person).get(reverse("home")).content.decode()
    assert "app-easy-read" in _body_classes(html)
    assert 'class="app-er-intro"' in html


@pytest.mark.django_db
def test_supporter_home_has_an_easy_read_branch(personas: Personas) -> None:
    client = signed_in_client(personas.supporter)
    client.post(reverse("core:preferences"), {"easy_read": "1"})
    html = client.get(reverse("home")).content.decode()
    assert "You support these people:" in html
    assert "You only see what they chose to share." in html


@pytest.mark.django_db
def test_not_found_page_has_an_easy_read_branch(client: Client) -> None:
    client.post(reverse("core:preferences"), {"easy_read": "1"})
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find this page" in html
    assert f"Page not found {DASH} Coproduce" in html


@pytest.mark.django_db
def test_read_aloud_toolbar_is_hidden_until_javascript_finds_a_voice(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    toolbar = re.search(r"<div class=\"app-read-aloud\" data-app-read-aloud hidden", html)
    assert toolbar
    assert 'data-action="play" aria-pressed="false"' in html
    assert 'role="status" aria-live="polite"' in html


@pytest.mark.django_db
def test_every_script_carries_the_csp_nonce(client: Client) -> None:
    response = client.get(reverse("core:accessibility"))
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    nonces = set(re.findall(r"<script[^>]*nonce=\"([^\"]+)\"", html))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in policy
    assert len(re.findall(r"<script", html)) == 3  # supported-class snippet, app, htmx
    assert "style-src 'self'" in policy
    assert 'style="' not in html


@pytest.mark.django_db
def test_layout_is_unbranded_with_skip_link_and_footer_links(client: Client) -> None:
    html = client.get(reverse("core:accessibility")).content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    assert "govuk-generic-header" in html
    for government_mark in ("govuk-header__logotype", "crown", "Crown copyright", "GOV.UK"):
        assert government_mark not in html
    assert f'href="{reverse("core:accessibility")}"' in html
    assert f'href="{reverse("core:symbols")}"' in html
    assert '<meta name="htmx-config"' in html


@pytest.mark.django_db
def test_page_title_names_the_page_then_the_organisation(personas: Personas) -> None:
    html = signed_in_client(personas.person).get(reverse("home")).content.decode()
    assert f"<title>Home {DASH} Riverside Support</title>" in html


@pytest.mark.django_db
def test_page_title_starts_with_error_when_the_page_has_errors() -> None:
    request = RequestFactory().get("/accessibility/")
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]
    html = render_to_string("core/accessibility.jinja", {"has_errors": True}, request=request)
    assert f"<title>Error: Accessibility statement {DASH} Coproduce</title>" in html


def test_server_error_page_renders_without_the_request_context() -> None:
    from coproduce.core.views import error_500

    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert "Sorry, there is a problem with the service" in html
