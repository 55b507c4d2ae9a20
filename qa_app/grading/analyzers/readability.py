"""Readability measures: Flesch reading ease (en), LIX and long-base-form share (fi), passive voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..lemmas import nfc
from ..text import Document, Sentence


@dataclass(frozen=True)
class Readability:
    """Whole-answer readability numbers; `flesch` is None outside English, `lix` outside fi/sv."""

    words_per_sentence: float
    flesch: float | None = None
    lix: float | None = None
    long_base_form_share: float | None = None


@lru_cache(maxsize=32768)
def english_syllables(word: str) -> int:
    """Count syllables as textstat does (CMU dictionary, offline), without loading NLTK."""
    return max(1, resources.english_syllable_count(word))


@lru_cache(maxsize=32768)
def finnish_base_syllables(word: str) -> int:
    """Count syllables of the word's first base form with Voikko's hyphenator."""
    from ..lemmas import base_forms

    base = base_forms(word, "fi")[0]
    return resources.voikko().hyphenate(base).count("-") + 1


def measure(doc: Document) -> Readability:
    """Compute the readability numbers that fit the document's language."""
    words = [w for w in doc.words if any(c.isalpha() for c in w.text)]
    sentences = max(1, len(doc.sentences))
    if not words:
        return Readability(0.0)
    per_sentence = len(words) / sentences
    if doc.language == "en":
        syllables = sum(english_syllables(w.lower) for w in words)
        flesch = 206.835 - 1.015 * per_sentence - 84.6 * syllables / len(words)
        return Readability(per_sentence, flesch=flesch)
    long_words = sum(1 for w in words if len(nfc(w.text)) > 6)
    lix = per_sentence + 100.0 * long_words / len(words)
    share = None
    if doc.language == "fi":
        share = sum(1 for w in words if finnish_base_syllables(w.text) >= 4) / len(words)
    return Readability(per_sentence, lix=lix, long_base_form_share=share)


_EN_BE = r"(?:is|are|was|were|be|been|being|am|'s|'re|get|got|gets|getting)"
_EN_PARTICIPLE = r"(?:\w+ed|sent|paid|made|done|given|taken|told|sold|sent|shown|seen|known|written|kept|held|found|built|bought|brought|caught|lost|spent|shipped|charged)"
_EN_PASSIVE = re.compile(rf"\b{_EN_BE}\s+(?:\w+ly\s+|not\s+|already\s+|now\s+)?{_EN_PARTICIPLE}\b", re.IGNORECASE)
_EN_NOT_PASSIVE = re.compile(r"\b(?:is|are|was|were|am|be)\s+(?:interested|tired|excited|worried|pleased|delighted|based|located|supposed|used to|sorry|scared|concerned|satisfied|disappointed|surprised|married)\b", re.IGNORECASE)


def is_passive(doc: Document, sentence: Sentence) -> bool:
    """Tell whether a sentence uses the passive voice (en: be + participle; fi: Voikko person 4)."""
    if doc.language == "en":
        matches = [m for m in _EN_PASSIVE.finditer(sentence.text)]
        return any(not _EN_NOT_PASSIVE.match(sentence.text, m.start()) for m in matches)
    if doc.language == "fi":
        return any(_finnish_passive_word(w.text) for w in doc.sentence_words(sentence))
    return False


@lru_cache(maxsize=32768)
def _finnish_passive_word(word: str) -> bool:
    """Tell whether every Voikko reading of a word is a passive verb form (korjataan, korjattiin)."""
    analyses = resources.voikko().analyze(nfc(word))
    # All readings must agree, so an ambiguous noun form is not counted as passive.
    return bool(analyses) and all(
        a.get("PERSON") == "4" or a.get("PARTICIPLE") == "past_passive"
        for a in analyses
    )


def passive_counts(doc: Document) -> tuple[int, int]:
    """Return (passive verb forms, active finite verbs other than olla/ei) in the answer."""
    if doc.language == "en":
        return len(_EN_PASSIVE.findall(doc.text)), 0
    if doc.language != "fi":
        return 0, 0
    passive = active = 0
    for word in doc.words:
        kind = _finnish_verb_kind(word.text)
        passive += kind == "passive"
        active += kind == "active"
    return passive, active


@lru_cache(maxsize=32768)
def _finnish_verb_kind(word: str) -> str:
    """Return "passive", "active" (a finite verb, not olla/ei) or "" for a Finnish word."""
    if _finnish_passive_word(word):
        return "passive"
    analyses = resources.voikko().analyze(nfc(word))
    finite = [a for a in analyses if a.get("CLASS") == "teonsana" and a.get("PERSON") in ("1", "2", "3")]
    if finite and all(a.get("BASEFORM") not in ("olla", "ei") for a in finite) and len(finite) == len(analyses):
        return "active"
    return ""
