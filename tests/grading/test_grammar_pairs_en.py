"""Tests for English word forms checked against word-pair counts (analyzers/grammar_pairs_en.py)."""

from __future__ import annotations

import pytest

from qa_app.grading import resources
from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.analyzers.grammar_pairs_en import HEADS, pair_form_issues
from qa_app.grading.context import GradingContext
from qa_app.grading.errors import BackendUnavailable
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def grammar() -> GrammarAnalyzer:
    return GrammarAnalyzer()


def grammar_findings(grammar: GrammarAnalyzer, text: str):
    return grammar.analyze(Document.build(text, "en"), GradingContext("email", None)).findings


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("These problem happens every day.", "These problem", "These problems"),
    ("People thinks the update is fine.", "People thinks", "People think"),
    ("Your order is deliver tomorrow.", "is deliver", "is delivered"),
    ("We have receive your complaint.", "have receive", "have received"),
    ("We have send you the parcel.", "have send", "have sent"),
    ("Please call us before leave the store.", "before leave", "before leaving"),
    ("Thanks for send the photos.", "for send", "for sending"),
])
def test_a_rare_form_after_its_head_word_is_flagged_with_the_common_form(
        grammar: GrammarAnalyzer, text: str, span: str, suggestion: str) -> None:
    found = {text[f.start:f.end]: f for f in grammar_findings(grammar, text)}
    assert found[span].rule == "en.pair_form"
    assert found[span].suggestions == (suggestion,)


@pytest.mark.parametrize("text", [
    "These problems happen every day.",
    "The resource that cars need is fuel.",  # "that" as a relative pronoun is no determiner
    "Let it go, and we will make it work.",
    "I had better check the parcel.",
    "We sent a few reminders to you guys.",
    "Please see these attached.",
    "Two weeks ago we called.",
    "Many thanks for your patience; we do apologise.",
    "Do let us know. It is open until six and I am sorry it was late.",
    "We have been waiting, and the refund will arrive on Friday.",
    "Is Deliver Express your courier?",  # a capitalised word is a name, not a verb form
    "We will refund you without charge; nobody works without pay.",
    "We look forward to hearing from you and were used to it.",
    "Thank you for contacting us, and sorry for the wait.",
])
def test_usual_pairs_and_names_are_left_alone(grammar: GrammarAnalyzer, text: str) -> None:
    assert [f for f in grammar_findings(grammar, text) if f.rule == "en.pair_form"] == []


def test_a_pair_another_rule_flags_counts_once(grammar: GrammarAnalyzer) -> None:
    """"several reason" is the plural rule's; the pair counts do not add a second finding."""
    text = "Several reason were given."
    assert [f.rule for f in grammar_findings(grammar, text)] == ["en.plural_needed"]


def test_words_across_punctuation_are_not_a_pair() -> None:
    assert list(pair_form_issues("Two. Problem solved.")) == []
    assert list(pair_form_issues("These, problem")) == []


def test_the_message_names_the_pair_in_both_languages(grammar: GrammarAnalyzer) -> None:
    finding = next(f for f in grammar_findings(grammar, "These problem happens.") if f.rule == "en.pair_form")
    assert "“These problem”" in finding.render("en")
    assert "”These problem”" in finding.render("fi")


def test_the_pair_table_is_cached_beside_the_language_data(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The first build parses symspellpy's list and writes a cache; the next build reads the cache."""
    monkeypatch.setenv("KOHTAAMO_NLTK_DATA", str(tmp_path))
    monkeypatch.delitem(resources._singletons, "english_word_pairs", raising=False)
    built = resources.english_word_pairs(HEADS)
    assert built["these"]["problems"] > 10_000_000 and "problem" not in built["these"]
    cache = tmp_path / "word_pairs.marshal"
    assert cache.exists()
    monkeypatch.delitem(resources._singletons, "english_word_pairs")
    monkeypatch.setattr(resources, "_symspellpy_bigram_file", lambda: _older_than(cache, tmp_path))
    assert resources.english_word_pairs(HEADS) == built  # read back from the cache, not parsed
    monkeypatch.delitem(resources._singletons, "english_word_pairs")


def _older_than(cache, tmp_path):  # type: ignore[no-untyped-def]
    """A stand-in source older than the cache and empty: only the cache can give the pairs."""
    import os

    source = tmp_path / "empty_bigrams.txt"
    source.write_text("")
    stamp = cache.stat().st_mtime - 10
    os.utime(source, (stamp, stamp))
    return source


def test_without_symspellpy_the_grade_stops_with_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KOHTAAMO_NLTK_DATA", str(tmp_path))
    monkeypatch.delitem(resources._singletons, "english_word_pairs", raising=False)

    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "symspellpy" else real_find_spec(name, *a))
    with pytest.raises(BackendUnavailable, match="symspellpy"):
        resources.english_word_pairs(HEADS)
    assert "english_word_pairs" not in resources._singletons
