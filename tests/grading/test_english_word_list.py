"""Tests for the second opinion SCOWL's word list gives on Harper's spelling flags (issue 11 §5).

Harper's dictionary lacks some correct words; SCOWL's "large" list (Debian's wamerican-large and
wbritish-large) knows them. A word the list has is not a misspelling, unless Harper's suggestion
is the same letters with a capital or an apostrophe (a name written in lowercase, a contraction
without its apostrophe), or the word is too rare for the frequency list while Harper's first
suggestion, one edit away, is a common word ("surprize"); a real typo of a listed word is still
flagged.
"""

from __future__ import annotations

import pytest

from qa_app.grading import resources
from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.errors import BackendUnavailable
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def grammar() -> GrammarAnalyzer:
    return GrammarAnalyzer()


def spelling_flags(grammar: GrammarAnalyzer, text: str) -> list[str]:
    found = grammar.analyze(Document.build(text, "en"), GradingContext("email", None)).findings
    return [text[f.start:f.end] for f in found if f.rule == "harper.Spelling"]


@pytest.mark.parametrize("text", [
    "The falafel wrap you ordered has been refunded in full.",
    "Falafel is back on the lunch menu from Monday.",
    "Your parcel is waiting at the collectables counter.",
    "The menu caters to the yuppy crowd.",  # rare, but no common word is Harper's first guess
])
def test_words_harper_lacks_but_the_list_has_pass(grammar: GrammarAnalyzer, text: str) -> None:
    assert spelling_flags(grammar, text) == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("The falafle wrap you ordered has been refunded in full.", "falafle"),   # a typo of a listed word
    ("Our shop in helsinki opens at nine.", "helsinki"),                        # a name in lowercase
    ("We are open on monday as usual.", "monday"),
    ("Thanks for waiting, shes already looking into it.", "shes"),              # listed, but "she's"
    ("To our surprize the parcel came back.", "surprize"),  # listed, but too rare beside "surprise"
])
def test_typos_lowercase_names_and_missing_apostrophes_stay_flagged(grammar: GrammarAnalyzer, text: str,
                                                                     flagged: str) -> None:
    assert spelling_flags(grammar, text) == [flagged]


def test_a_missing_word_list_is_a_backend_failure(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Without the lists a grade would flag correct words, so it stops with a clear message."""
    monkeypatch.setattr(resources, "ENGLISH_WORD_LISTS", (str(tmp_path / "american-english-large"),))
    monkeypatch.delitem(resources._singletons, "english_wordlist", raising=False)
    with pytest.raises(BackendUnavailable, match="wamerican-large"):
        resources.english_wordlist()
    assert "english_wordlist" not in resources._singletons
