"""Tests for the shared text layer."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_app.grading.text import (
    _NEEDS_FULL_TOKENIZER,
    _PLAIN_TOKEN_RE,
    _TOKEN_RE,
    Document,
    base_forms,
    split_paragraphs,
    split_sentences,
    tokenize,
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


def test_tokenize_kinds_and_offsets() -> None:
    """Tokens carry the right kind and offsets that index the original text."""
    text = "Asiakas-palvelu 5,18 € + 17 c/min 😀 @tuki www.elisa.fi. tuki@firma.fi you're"
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    found = kinds(text)
    for expected in [("word", "Asiakas-palvelu"), ("number", "5,18"), ("word", "c/min"), ("emoji", "😀"),
                     ("mention", "@tuki"), ("url", "www.elisa.fi"), ("email", "tuki@firma.fi"), ("word", "you're")]:
        assert expected in found


def test_decomposed_umlauts_stay_in_one_word() -> None:
    """A decomposed ä does not split a Finnish word, and `lower` is NFC."""
    tokens = tokenize(unicodedata.normalize("NFD", "päätöksestä"))
    assert len(tokens) == 1 and tokens[0].lower == "päätöksestä"


@pytest.mark.parametrize("language, text, expected", [
    ("fi", "Kiitos viestistäsi esim. laskusta. Soitamme klo 9.00 huomenna 1.12.2026. Asia korjataan mm. ensi viikolla.", 3),
    ("en", "E.g. your order no. 5 was sent at 9 a.m. on 1.12.2026. Dr. Smith will call! Thanks.", 3),
    ("sv", "Hej! Paketet skickades t.ex. kl. 9 i går. Vi hörs.", 3),
])
def test_split_sentences_respects_abbreviations(language: str, text: str, expected: int) -> None:
    """Abbreviations, times and dates do not end sentences."""
    sentences = split_sentences(text, language)
    assert len(sentences) == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_greeting_line_and_paragraphs() -> None:
    """A greeting line is its own sentence and blank lines make paragraphs."""
    text = "Hi Anna,\nthanks for waiting.\n\nBest regards,\nTom"
    assert [s.text for s in split_sentences(text, "en")][0] == "Hi Anna,"
    assert len(split_paragraphs(text)) == 2


@pytest.mark.parametrize("word, language, lemma", [
    ("sent", "en", "send"), ("refunds", "en", "refund"), ("charged", "en", "charge"), ("were", "en", "be"),
    ("apologies", "en", "apology"), ("laskusta", "fi", "lasku"), ("korjataan", "fi", "korjata"),
    ("paketet", "sv", "paket"),
])
def test_base_forms(word: str, language: str, lemma: str) -> None:
    """Base forms include the expected lemma."""
    assert lemma in base_forms(word, language)


def test_document_lookup() -> None:
    """A document finds the sentence at an offset and gives lemmas of its words."""
    doc = Document.build("Hei Matti! Lasku korjataan.", "fi")
    assert doc.sentence_at(12).text == "Lasku korjataan."
    assert "korjata" in doc.lemmas(doc.words[-1])
    assert doc.sentence_at(500) is None



@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aäbcdefiomsw.@:/-'’,!? \n1€😀:)\u0301", max_size=80))
def test_plain_pattern_gives_the_full_pattern_s_tokens(text: str) -> None:
    """A text with no "://", "www.", "@" or dot before a letter is split by the short pattern exactly as by the full one."""
    if _NEEDS_FULL_TOKENIZER.search(text) is None:
        plain = [(m.lastgroup, m.span()) for m in _PLAIN_TOKEN_RE.finditer(text)]
        assert plain == [(m.lastgroup, m.span()) for m in _TOKEN_RE.finditer(text)]


def test_texts_with_addresses_take_the_full_pattern() -> None:
    """URLs, e-mail addresses, mentions and dotted abbreviations are still recognised."""
    assert kinds("Katso www.posti.fi tai tuki@posti.fi, @posti, esim. n.k. asia")[:5] == [
        ("word", "Katso"), ("url", "www.posti.fi"), ("word", "tai"), ("email", "tuki@posti.fi"), ("punct", ",")]
