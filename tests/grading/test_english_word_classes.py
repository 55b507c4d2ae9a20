"""Tests for the English word classes read from LemmInflect's lexicon (resources.english_word_classes)."""

from __future__ import annotations

import importlib.util

import pytest

from qa_app.grading import resources
from qa_app.grading.errors import BackendUnavailable


@pytest.mark.parametrize(("word", "classes"), [
    ("teach", "V"),  # only a verb's base form
    ("found", "Vv"),  # "to found", and the past of "find"
    ("scientist", "CN"),  # a noun that is only countable
    ("time", "NV"),  # countable and not ("times", "time")
    ("put", "PV"),  # the base form is also the past
    ("available", "J"),
])
def test_word_classes(word: str, classes: str) -> None:
    assert resources.english_word_classes()[word] == classes


def test_the_cache_is_read_back(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The table is written to a marshal file and a new process reads the same table from it."""
    monkeypatch.setattr(resources, "prepare_nltk_cmudict", lambda target=None: tmp_path)
    (tmp_path / "corpora" / "cmudict").mkdir(parents=True)
    monkeypatch.delitem(resources._singletons, "english_word_classes", raising=False)
    first = resources.english_word_classes()
    assert list((tmp_path / "corpora" / "cmudict").glob("word_classes.v*.marshal"))
    monkeypatch.delitem(resources._singletons, "english_word_classes")
    monkeypatch.setattr(resources, "_parse_word_classes", lambda source: pytest.fail("the cache was not used"))
    assert resources.english_word_classes() == first
    monkeypatch.delitem(resources._singletons, "english_word_classes")


def test_a_missing_lexicon_is_a_backend_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without LemmInflect installed the rules cannot tell nouns from verbs: a clear message, not a guess."""
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(BackendUnavailable, match="LemmInflect"):
        resources._lemminflect_resources()
