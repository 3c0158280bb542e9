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


# --- a co-written document's easy read, checked by every rule (limits=DOCUMENT) ---------


def _kinds(text: str) -> list[str]:
    from coproduce.core.plain_language import DOCUMENT

    return [issue.kind for issue in check_easy_read(text, DOCUMENT).failures]


def test_a_document_sentence_over_15_words_fails_and_names_the_sentence() -> None:
    from coproduce.core.plain_language import DOCUMENT

    long = "We come to your home every day at the same time to help you get ready for the day."
    result = check_easy_read("Hello. " + long, DOCUMENT)
    failure = next(issue for issue in result.failures if issue.kind == "sentence_length")
    assert failure.sentence == long
    assert "15 words or fewer" in failure.message
    assert "sentence_length" not in _kinds("We come to your home every day.")


def test_a_sentence_with_two_ideas_fails() -> None:
    assert "one_idea" in _kinds("We come to your home every day and we cook your dinner.")
    assert "one_idea" not in _kinds("We cook your dinner.")


def test_jargon_fails_unless_it_is_explained() -> None:
    assert "jargon" in _kinds("You can have an advocate.")
    assert "jargon" not in _kinds("You can have an advocate (someone who helps you speak up).")


def test_an_abbreviation_fails_unless_it_is_explained() -> None:
    assert "abbreviation" in _kinds("The CQC checks us.")
    assert "abbreviation" not in _kinds("The Care Quality Commission (CQC) checks us.")
    assert "abbreviation" not in _kinds("Ask your GP.")


def test_numbers_are_written_as_digits() -> None:
    from coproduce.core.plain_language import DOCUMENT

    result = check_easy_read("Drink three glasses of water.", DOCUMENT)
    number = next(issue for issue in result.failures if issue.kind == "number")
    assert '"3"' in number.message
    assert "number" not in _kinds("Drink 3 glasses of water.")


def test_a_hard_document_fails_the_reading_ease_floor() -> None:
    hard = (
        "Comprehensive organisational arrangements facilitate appropriate consideration. "
        "Administrative responsibilities necessitate considerable documentation."
    )
    assert "reading_ease" in _kinds(hard)


def test_the_site_strings_keep_their_own_limits() -> None:
    from coproduce.core.plain_language import DOCUMENT

    # A 17-word sentence is advice for the site's own strings, a failure in a document.
    text = "We will come to see you at home on Monday and talk about what you want next."
    assert check_easy_read(text).passed
    assert not check_easy_read(text, DOCUMENT).passed
