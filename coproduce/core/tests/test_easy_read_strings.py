"""Every easy-read string in the templates keeps to the easy-read limits.

Which strings count is defined in ``coproduce/core/plain_language.py`` (module docstring):
``_("...")`` calls inside ``{% if easy_read %}`` branches (or the ``{% else %}`` of
``{% if not easy_read %}``), and the text arguments of ``er_row`` and ``er_page_intro``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from coproduce.core.plain_language import check_easy_read

PACKAGE = Path(__file__).resolve().parents[2]
TAG = re.compile(r"{%-?\s*(\w+)\s*(.*?)\s*-?%}", re.DOTALL)
GETTEXT = re.compile(r"""\b_\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""", re.DOTALL)
MACRO_CALL = re.compile(r"\b(er_row|er_page_intro)\(")
ALLOW = "easy-read: allow"
COMMENT = re.compile(r"{#.*?#}", re.DOTALL)


@dataclass(frozen=True)
class Found:
    path: Path
    line: int
    text: str

    def where(self) -> str:
        return f"{self.path.relative_to(PACKAGE.parent)}:{self.line}"


def template_paths() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.jinja") if "jinja2" in p.parts)


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def easy_read_spans(source: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the easy-read branches in a template."""
    spans: list[tuple[int, int]] = []
    # Each open if: [is_easy_read_if, easy_branch_start or None, negated]
    stack: list[list[object]] = []
    for match in TAG.finditer(source):
        keyword, rest = match.group(1), match.group(2).strip()
        if keyword == "if":
            if rest == "easy_read":
                stack.append([True, match.end(), False])
            elif rest == "not easy_read":
                stack.append([True, None, True])
            else:
                stack.append([False, None, False])
        elif keyword in ("elif", "else") and stack:
            frame = stack[-1]
            if frame[0]:
                if frame[1] is not None:
                    spans.append((int(frame[1]), match.start()))  # type: ignore[call-overload]
                    frame[1] = None
                elif frame[2] and keyword == "else":
                    frame[1] = match.end()
        elif keyword == "endif" and stack:
            frame = stack.pop()
            if frame[0] and frame[1] is not None:
                spans.append((int(frame[1]), match.start()))  # type: ignore[call-overload]
    return spans


def _call_arguments(source: str, open_paren: int) -> str:
    depth = 0
    quote = ""
    for index in range(open_paren, len(source)):
        char = source[index]
        if quote:
            if char == "\\":
                continue
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return source[open_paren + 1 : index]
    return source[open_paren + 1 :]


def easy_read_strings(path: Path) -> list[Found]:
    """Extract the easy-read strings of one template, following the convention."""
    original = path.read_text()
    # Blank out comments (keeping offsets and lines) so examples in them are not checked.
    source = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), original)
    found: dict[tuple[int, str], Found] = {}

    def add(offset: int, text: str) -> None:
        line = _line_of(source, offset)
        if ALLOW in original.splitlines()[line - 1]:
            return
        found.setdefault((offset, text), Found(path, line, text))

    for start, end in easy_read_spans(source):
        for match in GETTEXT.finditer(source, start, end):
            add(match.start(), match.group("text"))
    for call in MACRO_CALL.finditer(source):
        if source[max(0, call.start() - 6) : call.start()].strip() == "macro":
            continue
        offset = call.end() - 1
        for match in GETTEXT.finditer(_call_arguments(source, offset)):
            add(offset + 1 + match.start(), match.group("text"))
    return sorted(found.values(), key=lambda f: f.line)


def all_easy_read_strings() -> list[Found]:
    return [found for path in template_paths() for found in easy_read_strings(path)]


def test_easy_read_strings_keep_to_the_limits() -> None:
    problems = []
    for found in all_easy_read_strings():
        result = check_easy_read(found.text)
        for issue in result.failures:
            problems.append(f"{found.where()}: {found.text!r}: {issue.message}")
    assert problems == [], "Easy-read strings to rewrite:\n" + "\n".join(problems)


def test_easy_read_strings_are_found_in_the_core_templates() -> None:
    texts = {found.text for found in all_easy_read_strings()}
    assert "Press Easy read to get short words and pictures." in texts  # er_row argument
    assert "You support these people:" in texts  # inside {% if easy_read %}
    assert "Page not found" not in texts  # the standard branch is not easy read


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ('{% if easy_read %}{{ _("Yes.") }}{% else %}{{ _("No.") }}{% endif %}', ["Yes."]),
        ('{% if not easy_read %}{{ _("No.") }}{% else %}{{ _("Yes.") }}{% endif %}', ["Yes."]),
        (
            '{% if easy_read %}{% if x %}{{ _("A.") }}{% else %}{{ _("B.") }}{% endif %}'
            '{{ _("C.") }}{% elif y %}{{ _("D.") }}{% endif %}',
            ["A.", "B.", "C."],
        ),
        ('{{ er_row("yes", _("Row text.")) }}{{ _("Other.") }}', ["Row text."]),
        (
            '{{ er_page_intro("yes", _("Title"), _("Lead (with brackets).")) }}',
            ["Title", "Lead (with brackets)."],
        ),
        ('{{ er_row("yes", _("Skip me.")) }}{# easy-read: allow #}', []),
        ("{% macro er_row(name, text) %}{% endmacro %}", []),
        ('{# {{ er_row("yes", _("An example in a comment.")) }} #}', []),
    ],
)
def test_extraction_follows_the_convention(
    tmp_path: Path, template: str, expected: list[str]
) -> None:
    path = tmp_path / "jinja2" / "page.jinja"
    path.parent.mkdir()
    path.write_text(template)
    assert [found.text for found in easy_read_strings(path)] == expected
