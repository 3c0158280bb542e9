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
