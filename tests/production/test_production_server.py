"""The app as a provider runs it, probed over HTTP.

The assets ``make test`` built are collected with the production storage (hashed names,
compressed copies), then gunicorn serves the app with DEBUG off, a real key and host, behind
a TLS proxy (``X-Forwarded-Proto``), on a fresh database with the small demo. The only
difference from production is one extra URL that always fails (``tests/production/production_urls.py``),
to see the 500 page.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from coproduce.demo.personas import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
HOST = "coproduce.example"
TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _production_environment(folder: Path) -> dict[str, str]:
    """The environment a provider sets; nothing of the test run's own settings leaks in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"COPRODUCE_TESTING", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        and not key.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="production_settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        BEHIND_TLS_PROXY="1",
        DATA_DIR=str(folder / "data"),
        DATABASE_URL=f"sqlite:///{folder / 'data' / 'production.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        PYTHONPATH=f"{ROOT}{os.pathsep}{Path(__file__).parent}",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Browser:
    """A visitor behind the TLS proxy: every request arrives as HTTPS for ``HOST``."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, host: str = HOST
    ) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": host, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}{path}"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read().decode("utf-8", "replace"))
        connection.close()
        for header in raw.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path: str, host: str = HOST) -> Response:
        return self.request("GET", path, host=host)

    def post(self, path: str, form: dict[str, str]) -> Response:
        return self.request("POST", path, form=form)


@dataclass
class Server:
    port: int
    log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("production")
    env = _production_environment(folder)
    for command in (
        ("collectstatic", "--no-input", "-v0"),
        ("migrate", "--no-input", "-v0"),
        ("demo", "--size", "small"),
    ):
        done = _manage(env, *command)
        assert done.returncode == 0, f"manage.py {' '.join(command)}:\n{done.stderr[-3000:]}"
    assert (folder / "static" / "staticfiles.json").exists()

    port = _free_port()
    log = folder / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "coproduce.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--forwarded-allow-ips",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                Browser(port).get("/accounts/login/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
        yield Server(port, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _csrf(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_sign_in_page_is_served_with_hashed_assets(server: Server) -> None:
    response = Browser(server.port).get("/accounts/login/")

    assert response.status == 200
    assert "Sign in" in response.body
    stylesheet = re.search(r'href="(/static/app/app\.[0-9a-f]{12}\.css)"', response.body)
    assert stylesheet, "the page links the hashed stylesheet from the manifest"
    css = Browser(server.port).get(stylesheet.group(1))
    assert css.status == 200
    assert "max-age=315360000" in (css.headers["Cache-Control"] or "")
    assert "govuk-crest" not in css.body


def test_the_favicons_are_served_hashed_with_a_long_cache(server: Server) -> None:
    page = Browser(server.port).get("/accounts/login/")

    for name, kind, content_type in (
        ("favicon-32", "png", "image/png"),
        ("favicon", "svg", "image/svg+xml"),
    ):
        link = re.search(
            rf'rel="icon" href="(/static/app/{name}\.[0-9a-f]{{12}}\.{kind})"', page.body
        )
        assert link, f"the page links the hashed {name}.{kind}"
        icon = Browser(server.port).get(link.group(1))
        assert icon.status == 200
        assert (icon.headers["Content-Type"] or "").startswith(content_type)
        assert "max-age=315360000" in (icon.headers["Cache-Control"] or "")


def test_signed_in_page_is_served(server: Server) -> None:
    browser = Browser(server.port)
    form = browser.get("/accounts/login/")

    signed_in = browser.post(
        "/accounts/login/",
        {
            "csrfmiddlewaretoken": _csrf(form.body),
            "login": "kyle@riverside.example",
            "password": DEMO_PASSWORD,
        },
    )

    assert signed_in.status == 302, signed_in.body[:2000]
    home = browser.get("/")
    assert home.status == 200
    assert "Kyle" in home.body
    assert home.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "no-store" in home.headers["Cache-Control"]


def test_missing_page_is_the_404_page(server: Server) -> None:
    response = Browser(server.port).get("/no-such-page/")

    assert response.status == 404
    assert "Page not found" in response.body
    assert '<link rel="stylesheet" href="/static/app/app.' in response.body


def test_failure_is_the_500_page_without_details(server: Server) -> None:
    response = Browser(server.port).get("/test-only/fail/")

    assert response.status == 500
    assert "Sorry, there is a problem with the service" in response.body
    assert "RuntimeError" not in response.body
    assert "Traceback" not in response.body
    assert "forced by the production-mode test" in server.log.read_text()


def test_wrong_host_is_the_400_page(server: Server) -> None:
    response = Browser(server.port).get("/accounts/login/", host="attacker.example")

    assert response.status == 400
    assert "Sorry, something was wrong with that request" in response.body
    assert "attacker.example" not in response.body


def test_every_response_limits_powerful_browser_features(server: Server) -> None:
    response = Browser(server.port).get("/accounts/login/")

    policy = response.headers["Permissions-Policy"] or ""
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_each_worker_builds_the_matching_index_before_it_serves(server: Server) -> None:
    # The first worker ready answers the fixture; the second may still be building.
    deadline = time.monotonic() + 30
    while server.log.read_text().count("Matching index ready in worker") < 2:
        if time.monotonic() > deadline:
            pytest.fail(f"a worker did not build the index:\n{server.log.read_text()[-3000:]}")
        time.sleep(0.2)

    assert "WORKER TIMEOUT" not in server.log.read_text()
    assert Browser(server.port).get("/accounts/login/").status == 200
