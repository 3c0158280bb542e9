"""The easy-read check of a version, paragraph by paragraph and sentence by sentence, with
the core plain-language checker at its document limits (``core.plain_language.DOCUMENT``).
Each failing sentence is marked in the paragraph's words, with what to change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from coproduce.codesign.models import Paragraph
from coproduce.core.plain_language import DOCUMENT, Issue, check_easy_read, jargon_in

MARK = Markup("<mark>%s</mark>")


@dataclass(frozen=True)
class ParagraphCheck:
    position: int
    marked: Markup  # the easy-read words with each failing sentence in <mark>
    failures: tuple[Issue, ...]
    warnings: tuple[Issue, ...]


def _marked(text: str, sentences: set[str]) -> Markup:
    shown = escape(text)
    for sentence in sorted(sentences, key=len, reverse=True):
        escaped = escape(sentence)
        if escaped and escaped in shown:
            # Both sides are escaped Markup, so the replacement stays escaped.
            shown = shown.replace(escaped, MARK % escaped, 1)
    return shown


def check_paragraphs(paragraphs: list[Paragraph]) -> list[ParagraphCheck]:
    """The paragraphs whose easy read needs changing, in order."""
    found = []
    for paragraph in paragraphs:
        if not paragraph.easy_text.strip():
            continue
        result = check_easy_read(paragraph.easy_text, DOCUMENT)
        if not result.issues:
            continue
        failing = {issue.sentence for issue in result.failures if issue.sentence}
        found.append(
            ParagraphCheck(
                position=paragraph.position,
                marked=_marked(paragraph.easy_text, failing),
                failures=result.failures,
                warnings=result.warnings,
            )
        )
    return found


def failures_in(checks: list[ParagraphCheck]) -> int:
    return sum(len(check.failures) for check in checks)


@dataclass(frozen=True)
class HardWord:
    term: str
    meaning: str
    anchor: str


def glossary_for(texts: list[str]) -> list[HardWord]:
    """The hard words (from the jargon list) in these texts, each once, with what they
    mean, for the reader's glossary."""
    joined = " ".join(texts)
    found = []
    for term, meaning in jargon_in(joined):
        found.append(
            HardWord(term=term, meaning=meaning, anchor="word-" + re.sub(r"\W+", "-", term))
        )
    return found


def with_glossary_links(text: str, words: list[HardWord]) -> Markup:
    """The words, escaped, with the first use of each hard word a link to its meaning in
    the glossary."""
    shown = str(escape(text))
    if not words:
        return Markup(shown)  # noqa: S704 - escaped text
    anchors = {word.term.lower(): word.anchor for word in words}
    terms = sorted((re.escape(str(escape(w.term))) for w in words), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(terms) + r")\b", re.IGNORECASE)
    linked: set[str] = set()

    def link(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key in linked or key not in anchors:
            return match.group(1)
        linked.add(key)
        return f'<a class="govuk-link" href="#{anchors[key]}">{match.group(1)}</a>'

    # One pass, so a link's own address is never matched again.
    return Markup(pattern.sub(link, shown))  # noqa: S704 - escaped text and fixed markup
