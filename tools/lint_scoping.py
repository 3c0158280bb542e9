"""Fail when a view reaches a model through an unscoped ``Model.objects``.

Views read through ``queries.py`` or an ``access_<thing>()`` function, which start from
the organisation or the person; a bare ``X.objects`` (or ``get_user_model().objects``) in
a view module is how data leaks between organisations. A view module is ``views.py``,
``views_*.py``, ``*_views.py`` or any module inside a ``views/`` package. A line may opt
out with a ``scoping: allow`` comment saying why.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

PATTERN = re.compile(r"\b(?:[A-Z][A-Za-z0-9_]*|get_user_model\(\s*\))\.objects\b")


def is_view_module(path: Path) -> bool:
    """Return True for a module holding views."""
    if path.suffix != ".py":
        return False
    name = path.stem
    return (
        name == "views"
        or name.startswith("views_")
        or name.endswith("_views")
        or path.parent.name == "views"
    )


def view_modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        if is_view_module(relative):
            yield path


def file_problems(path: Path) -> list[str]:
    """Return one line per unscoped query in the file."""
    problems = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if PATTERN.search(line) and "scoping: allow" not in line:
            problems.append(f"{path}:{number}: unscoped query in a view: {line.strip()}")
    return problems


def offending_lines(root: Path) -> list[str]:
    problems = []
    for path in view_modules(root):
        problems.extend(file_problems(path))
    return problems


def main() -> int:
    problems = offending_lines(Path(__file__).resolve().parent.parent / "coproduce")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
