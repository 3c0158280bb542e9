"""Fail when a view reaches a model through an unscoped ``Model.objects``.

Views read through ``queries.py`` or an ``access_<thing>()`` function, which start from
the organisation or the person; a bare ``X.objects`` in ``views.py`` is how data leaks
between organisations.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PATTERN = re.compile(r"\b[A-Z][A-Za-z0-9_]*\.objects\b")


def offending_lines(root: Path) -> list[str]:
    problems = []
    for path in sorted(root.rglob("views.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if PATTERN.search(line) and "scoping: allow" not in line:
                problems.append(f"{path}:{number}: unscoped query in a view: {line.strip()}")
    return problems


def main() -> int:
    problems = offending_lines(Path(__file__).resolve().parent.parent / "coproduce")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
