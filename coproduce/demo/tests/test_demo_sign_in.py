"""The demo persona sign-in page exists only on a development copy."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import Http404
from django.test import Client, RequestFactory, override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    clear_url_caches,
    get_resolver,
    reverse,
)

import coproduce.core.urls
import coproduce.urls
from coproduce.accounts.models import User
from coproduce.demo.personas import PERSONAS
from coproduce.demo.views import SESSION_DEMO_SIGN_IN, demo_sign_in


def _reload_urlconf() -> None:
    """Rebuild the URL patterns, which read DEMO_SIGN_IN_ENABLED when they are imported."""
    clear_url_caches()
    importlib.reload(coproduce.core.urls)
    importlib.reload(coproduce.urls)
    clear_url_caches()


@pytest.fixture
def demo_page_enabled() -> Iterator[None]:
    """Turn the demo page on, as DEBUG does, and put the URLs back afterwards."""
    try:
        with override_settings(DEMO_SIGN_IN_ENABLED=True):
            _reload_urlconf()
            yield
    finally:
        _reload_urlconf()


@pytest.fixture
def demo_loaded(db) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", stdout=StringIO())


def _url_names(patterns: list[object], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


# --- DEBUG off, as in every test run and in production ------------------------------------


def test_demo_page_has_no_url_when_debug_is_off() -> None:
    assert "core:demo_sign_in" not in _url_names(get_resolver().url_patterns)
    with pytest.raises(NoReverseMatch):
        reverse("core:demo_sign_in")


@pytest.mark.django_db
def test_demo_address_is_not_found_when_debug_is_off(client: Client) -> None:
    assert client.get("/demo/").status_code == 404
    assert client.post("/demo/", {"persona": "ruth"}).status_code == 404


def test_demo_view_refuses_by_itself_when_the_setting_is_off() -> None:
    for request in (RequestFactory().get("/demo/"), RequestFactory().post("/demo/")):
        with pytest.raises(Http404):
            demo_sign_in(request)


@pytest.mark.django_db
def test_demo_view_refuses_even_if_its_url_were_left_in_place(
    demo_page_enabled: None, demo_loaded: None, client: Client
) -> None:
    with override_settings(DEMO_SIGN_IN_ENABLED=False):
        assert client.get("/demo/").status_code == 404
        assert client.post("/demo/", {"persona": "ruth"}).status_code == 404
    assert "_auth_user_id" not in client.session


# --- DEBUG on ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_page_lists_every_persona_with_a_warning(
    demo_page_enabled: None, demo_loaded: None, client: Client
) -> None:
    response = client.get(reverse("core:demo_sign_in"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This page only exists on a development copy" in html
    for persona in PERSONAS:
        assert persona.name in html
        assert persona.role_label in html
        assert f"Sign in as {persona.first_name}" in html


@pytest.mark.django_db
def test_choosing_a_persona_signs_in_as_them_and_marks_the_session(
    demo_page_enabled: None, demo_loaded: None, client: Client
) -> None:
    response = client.post(reverse("core:demo_sign_in"), {"persona": "ruth"})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    ruth = User.objects.get(email="ruth@riverside.example")
    assert client.session["_auth_user_id"] == str(ruth.pk)
    assert client.session[SESSION_DEMO_SIGN_IN] is True
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_choosing_another_persona_switches_who_is_signed_in(
    demo_page_enabled: None, demo_loaded: None, client: Client
) -> None:
    client.post(reverse("core:demo_sign_in"), {"persona": "ruth"})
    client.post(reverse("core:demo_sign_in"), {"persona": "maya"})

    maya = User.objects.get(email="maya@riverside.example")
    assert client.session["_auth_user_id"] == str(maya.pk)
    assert client.session[SESSION_DEMO_SIGN_IN] is True


@pytest.mark.django_db
def test_unknown_persona_is_not_found(
    demo_page_enabled: None, demo_loaded: None, client: Client
) -> None:
    response = client.post(reverse("core:demo_sign_in"), {"persona": "nobody"})

    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_persona_missing_from_the_database_sends_you_back_to_the_list(
    demo_page_enabled: None, client: Client
) -> None:
    response = client.post(reverse("core:demo_sign_in"), {"persona": "ruth"})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:demo_sign_in")
    assert "_auth_user_id" not in client.session
