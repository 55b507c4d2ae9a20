"""Readability measures: Flesch reading ease (en), LIX and long-base-form share (fi), passive voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..lemmas import nfc
from ..phrases import CLAUSE_BREAKERS, CLAUSE_PUNCTUATION, token_forms
from ..text import Document, Sentence, Token


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


# ---------------------------------------------------------------- how the sentences read
# Functions below return sentences or offsets; the clarity analyzer turns them into findings.

# Words that start a new clause (phrases.CLAUSE_BREAKERS plus plain "and"/"ja"), so an
# instruction's clause ends there.
_CLAUSE_ENDS = {language: words | {"and", "or", "nor", "ja", "tai", "sekä", "niin", "eikä", "enkä", "etkä", "emmekä",
                                   "ettekä", "eivätkä", "och", "eller"}
                for language, words in CLAUSE_BREAKERS.items()}


def _clauses(doc: Document, sentence: Sentence) -> list[list[Token]]:
    """Split a sentence's words at clause punctuation and clause-opening words."""
    ends = _CLAUSE_ENDS.get(doc.language, frozenset())
    clauses: list[list[Token]] = []
    words = doc.sentence_words(sentence)
    for i, word in enumerate(words):
        gap = doc.text[words[i - 1].end:word.start] if i else ""
        if not clauses or any(c in CLAUSE_PUNCTUATION for c in gap) or word.lower in ends:
            clauses.append([])
        clauses[-1].append(word)
    return clauses


# ---- nested negatives: "ei ole epätavallista", "En usko, ettei …", "not uncommon"

# Negative conjunctions open a negated clause ("ettei", "ellet"); negative adjectives carry a
# "not" of their own ("mahdoton", "epätodennäköinen", "unlikely").
_FI_NEGATIVE_CONJUNCTIONS = frozenset({"ettei", "ellei", "jollei", "jottei"})
_EN_NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "nobody", "cannot"})
_EN_NEGATIVE_ADJECTIVE = re.compile(
    r"(?:un|im|in|ir|il)(?:likely|possible|usual|common|reasonable|acceptable|correct|clear|certain|necessary"
    r"|important|fair|true|available|justified|realistic)")
NESTED_NEGATIVES_PER_REPLY = 2  # one "en usko, ettei …" is idiomatic; two such knots are not


def _negation_kind(word: Token, language: str) -> str:
    """Return "verb", "conjunction", "adjective" or "" for a word."""
    return _negation_kind_of(word.text, language)


@lru_cache(maxsize=32768)
def _negation_kind_of(text: str, language: str) -> str:
    if language == "fi":
        forms = token_forms(text, "fi")
        if forms & _FI_NEGATIVE_CONJUNCTIONS:
            return "conjunction"
        if "ei" in forms:
            return "verb"
        if any(f == "mahdoton" or (f.startswith("epä") and len(f) > 6) for f in forms):
            return "adjective"
        return ""
    lower = text.lower().replace("’", "'")
    if lower in _EN_NEGATIONS or lower.endswith("n't"):
        return "verb"
    if lower == "unless":
        return "conjunction"
    return "adjective" if _EN_NEGATIVE_ADJECTIVE.fullmatch(lower) else ""


def nested_negatives(doc: Document) -> list[Sentence]:
    """Sentences where one negative sits inside another, when a reply has two or more such knots.

    A knot is two negatives in one clause ("we never said it would not be covered", "ei ole
    epätavallista") or a negated clause followed by a clause that a negative conjunction opens ("En
    usko, ettei …"). A "not X but Y" correction and "neither … nor" are no knots.
    """
    if doc.language not in ("fi", "en"):
        return []
    # each knot takes two negative words, two knots at least three: most replies stop here
    if sum(1 for w in doc.words if _negation_kind(w, doc.language)) < NESTED_NEGATIVES_PER_REPLY + 1:
        return []
    found: list[tuple[Sentence, int]] = []  # each sentence with its knots
    for sentence in doc.sentences:
        knots, previous_negated = 0, False
        clauses = _clauses(doc, sentence)
        for index, clause in enumerate(clauses):
            kinds = [k for k in (_negation_kind(w, doc.language) for w in clause) if k]
            following = clauses[index + 1][0].lower if index + 1 < len(clauses) else ""
            if len(kinds) >= 2 and following not in ("vaan", "but"):
                knots += 1
            elif previous_negated and kinds and (_negation_kind(clause[0], doc.language) == "conjunction"
                                                 or clause[0].lower in ("that", "että")):
                knots += 1  # "En usko, ettei …", "it is not certain that it will not …"
            previous_negated = bool(kinds)
        if knots:
            found.append((sentence, knots))
    return [s for s, _ in found] if sum(k for _, k in found) >= NESTED_NEGATIVES_PER_REPLY else []


# ---- the opening salutation ("Hi Ingmar,", "Hei Taneli!"), which a first sentence is read past

_SALUTATIONS = frozenset("""hi hello hey dear good greetings morning afternoon evening hei heippa moi moikka terve hyvää
    hyvä arvoisa tervehdys huomenta päivää iltaa hej hejsan""".split())


def salutation_end(doc: Document) -> int:
    """Offset where an opening salutation ("Hi Ingmar,", "Hei Taneli!") ends, 0 if there is none."""
    if not doc.words or not doc.sentences or doc.words[0].lower not in _SALUTATIONS:
        return 0
    first = doc.sentences[0]
    rest = doc.text[doc.words[0].end:first.end]
    stop = re.search(r"[,!.:\n]", rest)
    return doc.words[0].end + (stop.start() if stop else len(rest))
