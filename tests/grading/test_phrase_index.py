"""The indexed phrase matcher finds exactly what trying every word as a start finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa_app.grading.phrases import WordView, compile_phrase, find, find_each, find_naive
from qa_app.grading.text import Document

# Small vocabularies so random phrases often match random texts, with inflected forms,
# contractions, negations and clause breakers that exercise base forms and prefixes.
VOCABULARY = {
    "en": ["refund", "refunds", "refunded", "order", "orders", "we", "will", "won't", "not", "sorry",
           "I'm", "I'll", "card", "cards", "send", "sent", "the", "your", "but", "today", "checked", "check"],
    "sv": ["återbetalning", "beställning", "beställningen", "vi", "inte", "skickar", "skickade", "kortet",
           "kort", "tack", "men", "idag", "paketet", "paket", "hjälp", "hjälper"],
}
PUNCTUATION = ["", "", "", ",", ".", "!", " —", ";"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def texts(draw: st.DrawFn, language: str) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY[language]), min_size=1, max_size=40))
    marks = draw(st.lists(st.sampled_from(PUNCTUATION), min_size=len(words), max_size=len(words)))
    return " ".join(w + m for w, m in zip(words, marks, strict=True))


@st.composite
def phrase_words(draw: st.DrawFn, language: str) -> str:
    word = draw(st.sampled_from(VOCABULARY[language]))
    style = draw(st.sampled_from(["plain", "plain", "prefix", "alternatives"]))
    if style == "prefix":
        return word[: draw(st.integers(1, max(1, len(word) - 1)))] + "*"
    if style == "alternatives":
        return word + "|" + draw(st.sampled_from(VOCABULARY[language]))
    return word


def _phrases(language: str) -> st.SearchStrategy[str]:
    return st.lists(phrase_words(language), min_size=1, max_size=4).map(" ".join)


@pytest.mark.parametrize("language", sorted(VOCABULARY))
def test_indexed_find_equals_naive_find(language: str) -> None:
    """For random texts and phrases (prefixes, alternatives, gaps, any order) both matchers agree."""

    @SETTINGS
    @given(text=texts(language), phrase=_phrases(language), max_gap=st.integers(0, 3), unordered=st.booleans())
    def check(text: str, phrase: str, max_gap: int, unordered: bool) -> None:
        view = WordView.of(Document.build(text, language))
        compiled = compile_phrase(phrase, language)
        assert find(view, compiled, max_gap, unordered) == find_naive(view, compiled, max_gap, unordered)

    check()


@pytest.mark.parametrize("language", sorted(VOCABULARY))
def test_lexicon_index_finds_what_each_phrase_finds(language: str) -> None:
    """A lexicon searched through its key-slot index gives every phrase's matches, in phrase order."""

    @SETTINGS
    @given(text=texts(language), phrases=st.lists(_phrases(language), min_size=1, max_size=12),
           max_gap=st.integers(0, 3))
    def check(text: str, phrases: list[str], max_gap: int) -> None:
        view = WordView.of(Document.build(text, language))
        compiled = tuple(compile_phrase(p, language) for p in phrases)
        expected = [m for phrase in compiled for m in find(view, phrase, max_gap)]
        assert list(find_each(view, compiled, max_gap)) == expected

    check()


def test_index_finds_inflected_form_and_prefix() -> None:
    """The index maps base forms and prefixes to word positions, so "refunded" and "ord*" are found."""
    view = WordView.of(Document.build("We refunded the order. Orders ship today.", "en"))
    assert [m.indices for m in find(view, compile_phrase("refund", "en"))] == [(1,)]
    assert [m.indices for m in find(view, compile_phrase("ord*", "en"))] == [(3,), (4,)]


@SETTINGS
@given(text=st.text(alphabet="ab .,!?\n-'1€", max_size=120), start=st.integers(0, 130), length=st.integers(0, 60))
def test_document_lookups_equal_linear_scans(text: str, start: int, length: int) -> None:
    """Bisection finds the same sentence words, tokens and sentence at an offset as scanning everything."""
    doc = Document.build(text, "en")
    end = start + length
    assert doc.tokens_in(start, end) == tuple(t for t in doc.tokens if t.start >= start and t.end <= end)
    assert doc.tokens_in(start, end, "word") == tuple(t for t in doc.words if t.start >= start and t.end <= end)
    for sentence in doc.sentences:
        assert doc.sentence_words(sentence) == tuple(
            t for t in doc.words if t.start >= sentence.start and t.end <= sentence.end)
    containing = [s for s in doc.sentences if s.start <= start < s.end]
    assert doc.sentence_at(start) == (containing[0] if containing else None)


def test_english_verbs_in_ves_have_their_base_form() -> None:
    """"arrives", "receives" and "moves" reduce to their verbs, so phrases such as "arrive" match them."""
    view = WordView.of(Document.build("It arrives Friday; he receives it and moves on.", "en"))
    for phrase in ("arrive", "receive", "move"):
        assert find(view, compile_phrase(phrase, "en")), phrase
