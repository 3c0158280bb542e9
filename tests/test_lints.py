"""The checks ``make lint`` runs fail on a planted violation and pass on the real tree."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _lint_scoping() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "lint_scoping", ROOT / "tools" / "lint_scoping.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lint_scoping = _lint_scoping()


# The scoping lint: no unscoped query in any view module.


@pytest.mark.parametrize(
    "relative",
    [
        "people/views.py",
        "people/views_staff.py",
        "people/staff_views.py",
        "people/views/lists.py",
    ],
)
def test_scoping_lint_reads_every_kind_of_view_module(tmp_path: Path, relative: str) -> None:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("def page(request):\n    return Person.objects.all()\n")
    problems = lint_scoping.offending_lines(tmp_path)
    assert len(problems) == 1
    assert f"{relative}:2: unscoped query in a view: return Person.objects.all()" in problems[0]


def test_scoping_lint_catches_the_user_model_reached_unscoped(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        "def page(request):\n    return get_user_model().objects.filter(is_active=True)\n"
    )
    problems = lint_scoping.offending_lines(tmp_path)
    assert len(problems) == 1
    assert "get_user_model().objects" in problems[0]


def test_scoping_lint_leaves_other_modules_and_allowed_lines_alone(tmp_path: Path) -> None:
    (tmp_path / "queries.py").write_text("def people():\n    return Person.objects.all()\n")
    (tmp_path / "reviews.py").write_text("def people():\n    return Person.objects.all()\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_views.py").write_text("Person.objects.all()\n")
    (tmp_path / "views.py").write_text("Interest.objects.all()  # scoping: allow (shared list)\n")
    assert lint_scoping.offending_lines(tmp_path) == []


def test_scoping_lint_passes_on_the_real_tree() -> None:
    assert lint_scoping.offending_lines(ROOT / "coproduce") == []


# The import lint: each app imports only the layers below it, and core imports no app.

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package's Python modules and the contracts, to plant imports in."""
    shutil.copytree(
        ROOT / "coproduce",
        tmp_path / "coproduce",
        ignore=shutil.ignore_patterns(
            "__pycache__", "jinja2", "templates", "static", "locale", "*.jinja"
        ),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_import_lint_fails_when_core_imports_an_app(tree: Path) -> None:
    (tree / "coproduce" / "core" / "planted.py").write_text(
        "from coproduce.people.models import Person\n"
    )
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "coproduce.core.planted -> coproduce.people.models" in result.stdout
    assert "Core imports none of the apps BROKEN" in result.stdout


def test_import_lint_fails_when_an_app_imports_one_above_it(tree: Path) -> None:
    (tree / "coproduce" / "people" / "planted.py").write_text("import coproduce.plans.models\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "coproduce.people.planted -> coproduce.plans.models" in result.stdout
    assert "Each app imports only the apps below it BROKEN" in result.stdout


def test_import_lint_lets_core_name_an_apps_types(tree: Path) -> None:
    (tree / "coproduce" / "core" / "planted.py").write_text(
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
        "    from coproduce.people.models import Person\n"
    )
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout


def test_import_lint_passes_on_the_real_tree() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
