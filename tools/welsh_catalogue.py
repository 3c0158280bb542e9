"""Keep the Welsh catalogue (``coproduce/locale/cy/LC_MESSAGES/django.po``) in step with the source.

Usage, from the repository root::

    .venv/bin/python tools/welsh_catalogue.py report [--todo FILE.json]
    .venv/bin/python tools/welsh_catalogue.py apply [FILE.json ...]
    .venv/bin/python tools/welsh_catalogue.py review [--output docs/welsh-review.md]

``report`` extracts every interface string from the Python and Jinja2 source with Babel,
exactly as ``make messages`` does (the same ``coproduce/locale/babel.cfg`` and keywords),
in memory, and lists each string that is missing from the Welsh catalogue, untranslated,
fuzzy, or whose placeholders (``%(name)s``, ``{name}``) or HTML tags differ from the
English. ``--todo`` also writes that list as JSON, one item per string::

    {"msgid": "..." or ["singular", "plural"], "context": null, "where": ["file:line"],
     "current_fuzzy_or_empty": "..." or [...], "problem": "missing"}

``apply`` merges translation files into the catalogue. Each file is a JSON list of
``{"msgid": ..., "context": ..., "msgstr": "..." or [forms]}``; a plural entry gives the
four Welsh forms in the order of the Plural-Forms header below (one, two, other, eight
and eleven). Two forms (English style), five (the catalogue's old header) or six (CLDR)
are converted. With no files, ``apply`` only brings the catalogue in step with the source;
``--forget MSGID`` drops an obsolete entry for good.

Applying is one quick read-modify-write of ``django.po``, because other people append
entries to the end of the file while they work:

- every string in the source gets an entry, with its current locations;
- a translation already in the file is kept, including entries appended by hand (when a
  msgid appears twice, the translated, not fuzzy, later one wins);
- an entry whose msgid is no longer in the source becomes obsolete (``#~``; Django never
  sees it) and comes back if the string returns; an untranslated or fuzzy one is dropped;
- an entry translated by a file loses its fuzzy flag and its previous msgid;
- the Plural-Forms header is Django's own for Welsh, so ``ngettext`` agrees with
  Django's catalogue;
- the new file is written beside the old one and moved over it only if nobody changed
  the old one meanwhile (otherwise the merge runs again on the new contents).

``review`` writes ``docs/welsh-review.md``: every string for a first-language Welsh
speaker to check, easy-read strings first, then consent, rights and privacy.

Then compile: ``.venv/bin/pybabel -q compile -d coproduce/locale -D django``.
``coproduce/core/tests/test_welsh_catalogue.py`` fails on anything ``report`` lists.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import PoFileParser, write_po

ROOT = Path(__file__).resolve().parent.parent
BABEL_CFG = ROOT / "coproduce" / "locale" / "babel.cfg"
WELSH_PO = ROOT / "coproduce" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# The Makefile's `messages` target passes these with -k, on top of Babel's defaults.
MAKEFILE_KEYWORDS = [
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
    "gettext_now",  # core/voice.py's name for gettext, beside its lazy `_`
]
# Django's own Welsh catalogue (django/conf/locale/cy) declares these forms; ours must
# agree so a plural looked up in either catalogue picks the same form.
WELSH_NPLURALS = 4
WELSH_PLURAL_EXPR = "(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3"

Key = tuple[str, str | None]
Translation = str | tuple[str, ...]


def message_key(msgid: str | Iterable[str], context: str | None) -> Key:
    """Return the catalogue key of a message: its singular msgid and its context."""
    singular = msgid if isinstance(msgid, str) else next(iter(msgid))
    return (singular, context or None)


# Extracting


def extract_source(root: Path = ROOT) -> Catalog:
    """Extract every interface string as ``make messages`` does, into a template catalogue."""
    with BABEL_CFG.open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(MAKEFILE_KEYWORDS))
    catalog = Catalog(project="Coproduce", fuzzy=False)

    def only_the_package(dirpath: str) -> bool:
        # babel.cfg only maps files under coproduce/; skipping node_modules and the rest
        # of the checkout gives the same strings, faster.
        rel = os.path.relpath(dirpath, root)
        first = rel.split(os.sep, 1)[0]
        return rel == "." or (first == "coproduce" and "__pycache__" not in rel)

    for filename, lineno, message, comments, context in extract_from_dir(
        str(root),
        method_map,
        options_map,
        keywords=keywords,
        directory_filter=only_the_package,
    ):
        catalog.add(
            message,
            None,
            [(os.path.normpath(filename), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


# Reading the .po file as written, duplicates and all


@dataclass
class Entry:
    """One entry of the .po file as written, before duplicates are merged."""

    msgid: str | tuple[str, ...]
    string: Translation
    context: str | None
    flags: set[str]
    user_comments: list[str]
    obsolete: bool
    order: int

    @property
    def key(self) -> Key:
        return message_key(self.msgid, self.context)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return is_translated(self.string)


class _EntryCollector(PoFileParser):
    """Parse a .po file into a list of entries; the header goes to ``self.catalog``."""

    def __init__(self) -> None:
        super().__init__(Catalog(locale="cy", fuzzy=False), ignore_obsolete=False)
        self.entries: list[Entry] = []

    def _add_message(self) -> None:
        if len(self.messages) > 1:
            msgid: str | tuple[str, ...] = tuple(m.denormalize() for m in self.messages)
            string: Translation = tuple(t.denormalize() for _, t in sorted(self.translations))
        else:
            msgid = self.messages[0].denormalize()
            string = self.translations[0][1].denormalize() if self.translations else ""
        context = self.context.denormalize() if self.context else None
        if msgid == "" and not self.obsolete:
            self.catalog[""] = Message(
                "", string, flags=self.flags, user_comments=self.user_comments
            )
        else:
            self.entries.append(
                Entry(
                    msgid=msgid,
                    string=string,
                    context=context,
                    flags=set(self.flags),
                    user_comments=list(self.user_comments),
                    obsolete=self.obsolete,
                    order=self.counter,
                )
            )
        self.counter += 1
        self._reset_message_state()


def parse_po(data: bytes) -> tuple[Catalog, list[Entry]]:
    """Return the header catalogue and every entry of a .po file's bytes."""
    parser = _EntryCollector()
    parser.parse(io.BytesIO(data))
    return parser.catalog, parser.entries


def best_entries(entries: Iterable[Entry]) -> dict[Key, Entry]:
    """Pick one entry per key: translated over fuzzy over empty, active over obsolete, later over earlier."""

    def rank(entry: Entry) -> tuple[int, int, int]:
        quality = 2 if entry.translated and not entry.fuzzy else 1 if entry.translated else 0
        return (quality, 0 if entry.obsolete else 1, entry.order)

    best: dict[Key, Entry] = {}
    for entry in entries:
        if entry.key not in best or rank(entry) > rank(best[entry.key]):
            best[entry.key] = entry
    return best


def is_translated(string: Translation) -> bool:
    if isinstance(string, str):
        return bool(string.strip())
    return bool(string) and all(form.strip() for form in string)


def welsh_forms(forms: Iterable[str]) -> tuple[str, ...]:
    """Convert plural forms written for another header into Django's four Welsh forms."""
    forms = list(forms)
    if len(forms) == WELSH_NPLURALS:
        return tuple(forms)
    if len(forms) == 2:  # singular, plural
        return (forms[0], forms[1], forms[1], forms[1])
    if len(forms) == 5:  # the old header: other, one, two, few, many
        return (forms[1], forms[2], forms[0], forms[0])
    if len(forms) == 6:  # CLDR: zero, one, two, few, many, other
        return (forms[1], forms[2], forms[5], forms[5])
    return ("",) * WELSH_NPLURALS


def fit(string: Translation, msgid: str | tuple[str, ...]) -> Translation:
    """Shape a translation to its msgid: one string for a singular, four forms for a plural."""
    if isinstance(msgid, str):
        return string if isinstance(string, str) else ""
    if isinstance(string, str):
        return ("",) * WELSH_NPLURALS
    return welsh_forms(string)


# Merging


@dataclass
class MergeResult:
    catalog: Catalog
    translated_now: int
    not_in_source: list[Key]
    obsolete: int


def merge(
    source: Catalog,
    header: Catalog,
    entries: list[Entry],
    translations: dict[Key, Translation],
    forget: frozenset[Key] = frozenset(),
) -> MergeResult:
    """Build the new catalogue: one entry per source string, with the best translation known."""
    catalog = header
    catalog._num_plurals = WELSH_NPLURALS  # type: ignore[attr-defined]
    catalog._plural_expr = WELSH_PLURAL_EXPR  # type: ignore[attr-defined]
    catalog.revision_date = dt.datetime.now(dt.UTC)
    catalog.obsolete.clear()
    known = best_entries(entries)
    translated_now = 0
    for message in source:
        if not message.id:
            continue
        key = message_key(message.id, message.context)
        entry = known.get(key)
        string: Translation = fit(entry.string, message.id) if entry else fit("", message.id)
        flags = set(message.flags)
        user_comments = [c for c in entry.user_comments if not c.startswith("|")] if entry else []
        if entry and entry.fuzzy:
            flags.add("fuzzy")
        if key in translations:
            string = fit(translations[key], message.id)
            flags.discard("fuzzy")
            translated_now += 1
        if entry and "fuzzy" in flags and not is_translated(string):
            flags.discard("fuzzy")  # nothing to be unsure of
        catalog[message.id] = Message(
            message.id,
            string,
            locations=message.locations,
            flags=flags,
            auto_comments=message.auto_comments,
            user_comments=user_comments,
            context=message.context,
        )
    in_source = {message_key(m.id, m.context) for m in source if m.id}
    obsolete = 0
    for key, entry in known.items():
        if key in in_source or not entry.translated or entry.fuzzy:
            continue
        if any(c.startswith("|") for c in entry.user_comments) or key in forget:
            continue  # a fuzzy guess from an old `make messages` (it kept the previous msgid)
        catalog.obsolete[key] = Message(
            entry.msgid,
            entry.string,
            flags=entry.flags,
            user_comments=[c for c in entry.user_comments if not c.startswith("|")],
            context=entry.context,
        )
        obsolete += 1
    not_in_source = [key for key in translations if key not in in_source]
    return MergeResult(catalog, translated_now, not_in_source, obsolete)


def serialise(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_by_file=True, include_previous=False)
    return out.getvalue()


def load_translations(paths: Iterable[Path]) -> dict[Key, Translation]:
    """Read translation files; a later file wins for the same msgid."""
    translations: dict[Key, Translation] = {}
    for path in paths:
        for item in json.loads(path.read_text(encoding="utf-8")):
            msgstr = item["msgstr"]
            value: Translation = msgstr if isinstance(msgstr, str) else tuple(msgstr)
            if is_translated(value):
                translations[message_key(item["msgid"], item.get("context"))] = value
    return translations


def apply(
    translation_files: Iterable[Path] = (),
    po_path: Path = WELSH_PO,
    source: Catalog | None = None,
    forget: Iterable[str] = (),
) -> MergeResult:
    """Merge translation files into the .po file in one quick read-modify-write."""
    translations = load_translations(translation_files)
    source = source if source is not None else extract_source()
    for _attempt in range(10):
        before = po_path.read_bytes()
        header, entries = parse_po(before)
        result = merge(source, header, entries, translations, frozenset((m, None) for m in forget))
        data = serialise(result.catalog)
        fd, tmp = tempfile.mkstemp(dir=po_path.parent, prefix=".django.po.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        if po_path.read_bytes() == before:
            os.replace(tmp, po_path)
            return result
        os.unlink(tmp)  # someone wrote meanwhile: merge their version
    raise RuntimeError(f"{po_path} kept changing; try again")


# Checking

PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdifr]|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def tags(text: str) -> list[str]:
    return sorted(m.group(0) for m in TAG.finditer(text))


@dataclass
class Problem:
    msgid: str | tuple[str, ...]
    context: str | None
    where: list[str]
    problem: str
    current: Translation

    def describe(self) -> str:
        msgid = self.msgid if isinstance(self.msgid, str) else " / ".join(self.msgid)
        context = f" (context {self.context!r})" if self.context else ""
        return f"{self.problem}: {msgid!r}{context} used at {', '.join(self.where)}"

    def as_json(self) -> dict[str, Any]:
        return {
            "msgid": self.msgid if isinstance(self.msgid, str) else list(self.msgid),
            "context": self.context,
            "where": self.where,
            "current_fuzzy_or_empty": self.current
            if isinstance(self.current, str)
            else list(self.current),
            "problem": self.problem,
        }


def shape_problem(msgid: str | tuple[str, ...], string: Translation) -> str | None:
    """Say how a translation's placeholders or tags differ from the English, or None."""
    if isinstance(msgid, str):
        if not isinstance(string, str):
            return "untranslated"
        pairs = [(msgid, string)]
        allowed = [placeholders(msgid)]
    else:
        if isinstance(string, str) or len(string) != WELSH_NPLURALS:
            return "untranslated"
        pairs = [(msgid[-1], form) for form in string]
        # A form may use either English form's placeholders ("One film" / "%(num)s films").
        allowed = [placeholders(m) for m in msgid]
    for english, welsh in pairs:
        if placeholders(welsh) not in allowed:
            return f"placeholders differ ({placeholders(english)} in English, {placeholders(welsh)} in Welsh)"
        if tags(welsh) != tags(english):
            return f"HTML tags differ ({tags(english)} in English, {tags(welsh)} in Welsh)"
    return None


def check(source: Catalog, entries: list[Entry]) -> list[Problem]:
    """Return every source string the Welsh entries do not translate properly."""
    known = {key: entry for key, entry in best_entries(entries).items() if not entry.obsolete}
    problems: list[Problem] = []
    for message in source:
        if not message.id:
            continue
        where = [f"{path}:{line}" for path, line in message.locations]
        entry = known.get(message_key(message.id, message.context))
        if entry is None:
            problem: str | None = "missing"
            current: Translation = ""
        else:
            current = fit(entry.string, message.id)
            if not is_translated(current):
                problem = "untranslated"
            elif entry.fuzzy:
                problem = "fuzzy"
            else:
                problem = shape_problem(message.id, current)
        if problem:
            problems.append(Problem(message.id, message.context, where, problem, current))
    return problems


def check_file(po_path: Path = WELSH_PO, source: Catalog | None = None) -> list[Problem]:
    _header, entries = parse_po(po_path.read_bytes())
    return check(source if source is not None else extract_source(), entries)


def plural_header_problem(po_path: Path = WELSH_PO) -> str | None:
    header, _entries = parse_po(po_path.read_bytes())
    if header.num_plurals != WELSH_NPLURALS or header.plural_expr != WELSH_PLURAL_EXPR:
        return f"Plural-Forms is {header.plural_forms!r}, not Django's Welsh forms"
    return None


# What a first-language Welsh speaker should check first

EASY_READ_IF = re.compile(r"{%-?\s*if\s+(not\s+)?easy_read\b[^%]*%}")
JINJA_TAG = re.compile(r"{%-?\s*(if|elif|else|endif)\b")
EASY_READ_CALL = re.compile(r"\ber_(row|page_intro|lead)\(|app-er-")
# Consent, rights, privacy and the record: words whose meaning has to be exactly right.
CONSENT_WORDS = re.compile(
    r"\b(agree\w*|consent\w*|share\w*|sharing|can see|see nothing|sees? only|personal|"
    r"privacy|photo|delete\w*|audit\w*|ledger|record\w*|invit\w*|permission|allowed|"
    r"rights?|law|legal|complain\w*|without (you|the person|them|%\(name\)s)|decided for|"
    r"on (their|your|%\(name\)s's) behalf|supporters?|safe\w*|security|password|"
    r"recovery codes?|second step|sign out)\b",
    re.IGNORECASE,
)


def easy_read_lines(path: Path) -> set[int]:
    """Return the lines of a Jinja2 template inside an ``{% if easy_read %}`` branch.

    A line that calls an easy-read component (``er_row(...)``) counts too.
    """
    lines: set[int] = set()
    stack: list[bool | None] = []  # True: easy-read branch, False: standard, None: other if
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        position = 0
        inside = any(stack)
        while True:
            match = JINJA_TAG.search(line, position)
            if not match:
                break
            tag = match.group(1)
            if tag == "if":
                easy = EASY_READ_IF.match(line, match.start())
                stack.append(None if not easy else not bool(easy.group(1)))
            elif tag in ("elif", "else") and stack and stack[-1] is not None:
                stack[-1] = not stack[-1]
            elif tag == "endif" and stack:
                stack.pop()
            position = match.end()
            inside = inside or any(stack)
        if inside or EASY_READ_CALL.search(line):
            lines.add(number)
    return lines


def python_easy_read_lines(path: Path) -> set[int]:
    """Return the lines of a module that only easy read uses.

    They are the bodies of functions named ``*easy*``, of ``if easy_read:`` and the first
    choice of ``x if easy_read else y``.
    """
    lines: set[int] = set()

    def mentions_easy_read(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Name) and n.id == "easy_read" for n in ast.walk(node))

    def span(nodes: Iterable[ast.AST]) -> None:
        for node in nodes:
            for inner in ast.walk(node):
                if hasattr(inner, "lineno"):
                    lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and "easy" in node.name:
            span(node.body)
        elif isinstance(node, ast.If) and mentions_easy_read(node.test):
            negated = isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
            span(node.orelse if negated else node.body)
        elif isinstance(node, ast.IfExp) and mentions_easy_read(node.test):
            span([node.body])
    return lines


def is_easy_read(message: Message, root: Path = ROOT) -> bool:
    cache: dict[str, set[int]] = is_easy_read.__dict__.setdefault("cache", {})
    for path, line in message.locations:
        if path not in cache:
            reader = python_easy_read_lines if path.endswith(".py") else easy_read_lines
            cache[path] = reader(root / path)
        if line in cache[path]:
            return True
    return False


def review_markdown(source: Catalog, po_path: Path = WELSH_PO) -> str:
    """Write the list of strings for a first-language review, most important first."""
    _header, entries = parse_po(po_path.read_bytes())
    known = {k: e for k, e in best_entries(entries).items() if not e.obsolete}

    def row(message: Message) -> str:
        entry = known.get(message_key(message.id, message.context))
        welsh = fit(entry.string, message.id) if entry else ""
        english = message.id if isinstance(message.id, str) else message.id[0]
        welsh_text = welsh if isinstance(welsh, str) else " / ".join(welsh)
        where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])

        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        return f"| {cell(english)} | {cell(welsh_text)} | {where} |"

    messages = [m for m in source if m.id]
    easy = [m for m in messages if is_easy_read(m)]
    easy_ids = {message_key(m.id, m.context) for m in easy}
    consent = [
        m
        for m in messages
        if message_key(m.id, m.context) not in easy_ids
        and CONSENT_WORDS.search(m.id if isinstance(m.id, str) else " ".join(m.id))
    ]
    listed = easy_ids | {message_key(m.id, m.context) for m in consent}
    rest: dict[str, int] = {}
    for m in messages:
        if message_key(m.id, m.context) not in listed:
            app = m.locations[0][0].split("/")[1] if m.locations else "?"
            rest[app] = rest.get(app, 0) + 1
    head = "| English | Welsh | where it is used |\n|---|---|---|"
    parts = [
        "# Welsh strings to review",
        "",
        "Written by `.venv/bin/python tools/welsh_catalogue.py review`; do not edit by hand.",
        "No string in the Welsh catalogue has been checked by a first-language Welsh speaker",
        f"yet: all {len(messages)} need it. Start with these two lists. See docs/welsh.md.",
        "",
        f"## 1. Easy read ({len(easy)} strings)",
        "",
        "Shown to people with learning disabilities: short, plain, one idea a sentence, the",
        "words a Welsh speaker would say.",
        "",
        head,
        *[row(m) for m in easy],
        "",
        f"## 2. Consent, rights, privacy and the record ({len(consent)} strings)",
        "",
        "Who can see what, agreeing, sharing, decisions taken without the person, the audit",
        "log, sign-in and security: the meaning must be exactly right.",
        "",
        head,
        *[row(m) for m in consent],
        "",
        f"## 3. Everything else ({sum(rest.values())} strings)",
        "",
        "| app | strings |",
        "|---|---|",
        *[f"| {app} | {n} |" for app, n in sorted(rest.items())],
        "",
    ]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    report_cmd = sub.add_parser("report", help="list missing, untranslated and fuzzy strings")
    report_cmd.add_argument("--todo", type=Path, help="also write them as JSON to this file")
    report_cmd.add_argument("--quiet", action="store_true", help="only the counts")
    review_cmd = sub.add_parser("review", help="write the list for a first-language review")
    review_cmd.add_argument("--output", type=Path, default=ROOT / "docs" / "welsh-review.md")
    apply_cmd = sub.add_parser("apply", help="merge translation files into the catalogue")
    apply_cmd.add_argument("files", nargs="*", type=Path)
    apply_cmd.add_argument(
        "--forget", action="append", default=[], help="drop this obsolete msgid for good"
    )
    args = parser.parse_args(argv)

    source = extract_source()
    if args.command == "review":
        args.output.write_text(review_markdown(source), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0
    if args.command == "apply":
        result = apply(args.files, source=source, forget=args.forget)
        print(
            f"{len(source)} source strings; {result.translated_now} translated from files; "
            f"{result.obsolete} obsolete entries kept as #~"
        )
        for key in result.not_in_source:
            print(f"not in the source, skipped: {key[0]!r}", file=sys.stderr)
    problems = check_file(source=source)
    header_problem = plural_header_problem()
    if args.command == "report":
        if not args.quiet:
            for problem in problems:
                print(problem.describe())
        if args.todo:
            args.todo.write_text(
                json.dumps([p.as_json() for p in problems], ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
    counts: dict[str, int] = {}
    for problem in problems:
        kind = problem.problem.split(" (")[0]
        counts[kind] = counts.get(kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing to do"
    print(f"{len(source)} source strings: {summary}")
    if header_problem:
        print(header_problem)
    return 1 if problems or header_problem else 0


if __name__ == "__main__":
    sys.exit(main())
