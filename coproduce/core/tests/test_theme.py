"""Each organisation's brand colour, served as a stylesheet the CSP allows."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import Personas, signed_in_client
from coproduce.accounts.tests.factories import OrganisationFactory
from coproduce.core.theme import (
    DEFAULT_BRAND_COLOUR,
    contrast_ratio,
    safe_brand_colour,
    theme_stylesheet,
)


def test_contrast_ratio_matches_wcag_for_black_and_white() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


def test_default_brand_colour_keeps_aa_contrast_with_white_text() -> None:
    assert contrast_ratio(DEFAULT_BRAND_COLOUR, "#ffffff") >= 4.5


@pytest.mark.parametrize("colour", ["#6B2C91", "#0b0c0c", "#005ea5"])
def test_dark_enough_colours_are_kept(colour: str) -> None:
    assert safe_brand_colour(colour) == colour.lower()


@pytest.mark.parametrize("colour", ["#ffdd00", "#ffffff", "#1d70b9aa", "red", "", None, "#12345g"])
def test_light_or_invalid_colours_fall_back_to_the_default(colour: str | None) -> None:
    assert safe_brand_colour(colour) == DEFAULT_BRAND_COLOUR


def test_stylesheet_sets_only_the_brand_colour_property() -> None:
    assert theme_stylesheet("#6b2c91") == ":root {\n  --govuk-brand-colour: #6b2c91;\n}\n"


@pytest.mark.django_db
def test_theme_css_serves_the_organisations_colour_as_cacheable_css(client: Client) -> None:
    OrganisationFactory(slug="purple-care", brand_colour="#6b2c91")
    response = client.get(reverse("core:theme_css", kwargs={"slug": "purple-care"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response["Cache-Control"].startswith("public")
    assert "--govuk-brand-colour: #6b2c91;" in response.content.decode()


@pytest.mark.django_db
def test_theme_css_stays_cacheable_for_a_signed_in_user(personas: Personas) -> None:
    url = reverse("core:theme_css", kwargs={"slug": personas.organisation.slug})
    response = signed_in_client(personas.person).get(url)
    assert response["Cache-Control"].startswith("public")
    assert "no-store" not in response["Cache-Control"]


@pytest.mark.django_db
def test_theme_css_falls_back_when_the_colour_is_too_light_for_white_text(
    client: Client,
) -> None:
    OrganisationFactory(slug="sunny", brand_colour="#ffdd00")
    css = client.get(reverse("core:theme_css", kwargs={"slug": "sunny"})).content.decode()
    assert f"--govuk-brand-colour: {DEFAULT_BRAND_COLOUR};" in css
    assert "ffdd00" not in css


@pytest.mark.django_db
def test_theme_css_for_an_unknown_organisation_is_404(client: Client) -> None:
    response = client.get(reverse("core:theme_css", kwargs={"slug": "nobody-here"}))
    assert response.status_code == 404


@pytest.mark.django_db
def test_theme_css_holds_no_personal_data(personas: Personas) -> None:
    url = reverse("core:theme_css", kwargs={"slug": personas.organisation.slug})
    css = signed_in_client(personas.person).get(url).content.decode()
    assert css.strip().startswith(":root {")
    assert personas.person.email not in css
    assert personas.person.name not in css
    assert personas.organisation.name not in css
    assert "Set-Cookie" not in signed_in_client(personas.person).get(url).headers


@pytest.mark.django_db
def test_layout_links_the_organisation_theme(personas: Personas) -> None:
    html = signed_in_client(personas.person).get(reverse("home")).content.decode()
    theme_url = reverse("core:theme_css", kwargs={"slug": personas.organisation.slug})
    assert f'<link rel="stylesheet" href="{theme_url}?v=' in html
    assert 'style="' not in html
