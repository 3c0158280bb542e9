"""The two commands say the truth about where the server is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "MAKEFLAGS", "MFLAGS"}}


def test_make_run_prints_and_serves_on_the_port_asked_for() -> None:
    planned = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    lines = [line for line in planned.splitlines() if "manage.py" in line]
    for command in ("demo --print-sign-ins", "db_worker", "runserver 127.0.0.1:8123"):
        [line] = [line for line in lines if command in line]
        assert "SITE_URL=http://127.0.0.1:8123" in line, line


def test_the_printed_sign_in_link_uses_the_site_address(tmp_path: Path) -> None:
    env = {**_env(), "DEBUG": "1", "SITE_URL": "http://127.0.0.1:8123", "DATA_DIR": str(tmp_path)}
    env.pop("COPRODUCE_TESTING", None)

    printed = subprocess.run(
        [sys.executable, "manage.py", "demo", "--print-sign-ins"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout

    assert "http://127.0.0.1:8123/demo/" in printed
    assert ":8000" not in printed


def _system_packages(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "tools" / "system_packages.sh")],
        env={**_env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_test_says_in_one_sentence_what_to_install_when_it_cannot(tmp_path: Path) -> None:
    result = _system_packages(tmp_path, CHROMIUM=str(tmp_path / "none"), AS_ROOT="0")
    assert result.returncode == 1
    [sentence] = result.stderr.strip().splitlines()
    assert "apt-get install -y chromium" in sentence
    assert sentence.endswith("then make test again.")


def test_make_test_installs_chromium_with_apt_when_it_is_root(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    fake_apt = tmp_path / "apt-get"
    fake_apt.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    fake_apt.chmod(0o755)
    result = _system_packages(
        tmp_path, CHROMIUM=str(tmp_path / "none"), AS_ROOT="1", APT_GET=str(fake_apt)
    )
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == "update -qq"
    assert calls[1].startswith("install -y -qq chromium")


def test_make_test_runs_the_system_check_first() -> None:
    planned = subprocess.run(
        ["make", "-n", "--no-print-directory", "test"],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.splitlines()
    check = next(n for n, line in enumerate(planned) if "tools/system_packages.sh" in line)
    tests = next(n for n, line in enumerate(planned) if "-m pytest" in line)
    assert check < tests
