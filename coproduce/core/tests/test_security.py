"""Production settings and the headers every response carries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from coproduce.core.startup import assert_safe_to_serve

ROOT = Path(__file__).resolve().parents[3]
REAL_KEY = "k" * 20 + "-a-long-random-production-key-for-the-deploy-check-0123456789"


def _run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COPRODUCE_TESTING", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    clean_env.update(env)
    clean_env["DATA_DIR"] = str(ROOT / "data" / "deploy-check")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_reports_nothing_with_production_settings() -> None:
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="coproduce.example",
        EMAIL_HOST="smtp.coproduce.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_fails_with_the_development_key() -> None:
    result = _run_manage(
        "check", "--deploy", "--fail-level", "WARNING", ALLOWED_HOSTS="coproduce.example"
    )
    assert result.returncode != 0
    assert "coproduce.E001" in result.stderr + result.stdout


def test_app_refuses_to_serve_in_production_with_the_development_key() -> None:
    with (
        override_settings(DEBUG=False, SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY),
        pytest.raises(ImproperlyConfigured, match="SECRET_KEY"),
    ):
        assert_safe_to_serve()


def test_app_serves_with_a_real_key_and_hosts() -> None:
    with override_settings(DEBUG=False, SECRET_KEY=REAL_KEY, ALLOWED_HOSTS=["x.example"]):
        assert_safe_to_serve()


def test_production_settings_are_hardened() -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert settings.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS == 31536000
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_pages_carry_security_headers(client: Client) -> None:
    response = client.get("/accessibility/")
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_our_scripts_carry_the_page_nonce(client: Client) -> None:
    response = client.get("/accessibility/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"')


@pytest.mark.django_db
def test_pages_for_signed_in_users_are_never_cached(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(personas.worker).get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_https_is_enforced_outside_tests(client: Client) -> None:
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = client.get("/accessibility/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_hsts_header_on_https(client: Client) -> None:
    response = client.get("/accessibility/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_missing_page_is_friendly_and_plain(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_shows_no_details() -> None:
    from django.urls import path

    from coproduce import urls as root_urls

    def broken(request):  # type: ignore[no-untyped-def]
        raise RuntimeError("SELECT secret FROM settings")

    class BrokenUrls:
        urlpatterns = [path("broken/", broken), *root_urls.urlpatterns]
        handler500 = root_urls.handler500

    with override_settings(ROOT_URLCONF=BrokenUrls):
        response = Client(raise_request_exception=False).get("/broken/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "SELECT" not in body
    assert "Traceback" not in body


def test_server_error_page_renders_when_static_files_are_broken(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The production storage with no manifest: every static() call fails.
    broken = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    from django.test import RequestFactory

    from coproduce.core.views import error_500

    with override_settings(STORAGES=broken, STATIC_ROOT=tmp_path):
        response = error_500(RequestFactory().get("/"))

    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "stylesheet" not in body


@pytest.mark.django_db
def test_missing_page_falls_back_to_the_plain_page_when_static_files_are_broken(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    broken = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=broken, STATIC_ROOT=tmp_path):
        response = Client(raise_request_exception=False).get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_wrong_host_gets_the_400_page(client: Client) -> None:
    response = client.get("/accounts/login/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    body = response.content.decode()
    assert "Sorry, something was wrong with that request" in body
    assert "attacker.example" not in body


def test_pages_switch_off_camera_microphone_and_location(client: Client) -> None:
    policy = client.get("/accounts/login/").headers["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
    assert "publickey-credentials" not in policy


def test_client_address_ignores_what_the_client_wrote_behind_a_proxy() -> None:
    from django.test import RequestFactory

    from coproduce.core.audit import client_ip

    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2"
    )
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.9"
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0):
        assert client_ip(request) == "10.0.0.2"
