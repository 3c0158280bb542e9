"""Easy-read checks: sentence length, long words, jargon, reading ease, all offline."""

from __future__ import annotations

import socket

import pytest

from coproduce.core import plain_language
from coproduce.core.jargon import JARGON
from coproduce.core.plain_language import check_easy_read, split_sentences, syllables


def test_short_plain_sentence_passes_with_no_issues() -> None:
    result = check_easy_read("You helped decide this.")
    assert result.passed
    assert result.issues == ()
    assert result.reading_ease is not None and result.reading_ease > 80


def test_sentence_of_sixteen_words_is_a_warning_not_a_failure() -> None:
    text = "We will meet at your house on Monday to talk about the plan and your week."
    assert len(text.split()) == 16
    result = check_easy_read(text)
    assert result.passed
    assert [issue.kind for issue in result.warnings] == ["sentence_length"]
    assert "16 words" in result.warnings[0].message


def test_sentence_over_twenty_words_fails_and_says_to_split_it() -> None:
    text = (
        "We will meet at your house on Monday to talk about the plan and your week and "
        "what you want to do next."
    )
    result = check_easy_read(text)
    assert not result.passed
    assert result.failures[0].kind == "sentence_length"
    assert "Split it into two sentences" in result.failures[0].message


def test_each_sentence_is_measured_on_its_own() -> None:
    text = "You can vote. " * 10
    result = check_easy_read(text)
    assert len(result.sentences) == 10
    assert not [issue for issue in result.issues if issue.kind == "sentence_length"]


def test_long_word_fails_unless_allowed() -> None:
    result = check_easy_read("Your independence matters.")
    assert [issue.excerpt for issue in result.failures] == ["independence"]
    assert "long word" in result.failures[0].message
    assert check_easy_read("Ask your organisation.").passed


def test_jargon_fails_with_the_plain_word_to_use() -> None:
    result = check_easy_read("We will facilitate the meeting.")
    jargon = [issue for issue in result.failures if issue.kind == "jargon"]
    assert len(jargon) == 1
    assert '"facilitate"' in jargon[0].message
    assert '"help"' in jargon[0].message


def test_jargon_phrases_of_several_words_are_found() -> None:
    result = check_easy_read("Come prior to lunch.")
    assert [issue.excerpt for issue in result.failures] == ["prior to"]


def test_jargon_list_is_long_enough_and_every_entry_has_a_plain_alternative() -> None:
    assert len(JARGON) >= 60
    for term, plain in JARGON.items():
        assert term == term.lower()
        assert plain.strip(), term


def test_placeholders_count_as_one_word() -> None:
    assert split_sentences("Hello, %(name)s. How are you?") == ["Hello, Name.", "How are you?"]
    assert check_easy_read("We decided on %(date)s.").passed


def test_hard_text_gets_a_low_reading_ease_warning() -> None:
    result = check_easy_read(
        "Comprehensive multidisciplinary evaluation necessitates considerable "
        "organisational coordination."
    )
    assert result.reading_ease is not None and result.reading_ease < 60
    assert "reading_ease" in [issue.kind for issue in result.warnings]


def test_syllables_come_from_the_dictionary_and_fall_back_to_hyphenation() -> None:
    assert syllables("decide") == 2
    assert syllables("information") == 4
    assert syllables("coproduce") >= 3  # not in the dictionary: pyphen's rules
    assert syllables("well-being") == 3


def test_no_network_is_used_to_count_syllables(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat asks NLTK to download its dictionary when NLTK has none; prove the check
    runs with every socket refused, from a cold cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plain-language check tried to use the network")

    plain_language._cmu.cache_clear()
    plain_language._textstat.cache_clear()
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = check_easy_read("Nobody downloads anything. Reading stays on this computer.")
    assert result.reading_ease is not None
    assert syllables("dictionary") == 4
