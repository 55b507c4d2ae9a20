"""Hand-written English checks for customer-service errors Harper misses or reports weakly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..text import Document


@dataclass(frozen=True)
class Issue:
    """A raw problem found by a backend, before exemptions and scoring."""

    start: int
    end: int
    category: str  # spelling, grammar, punctuation, style
    rule: str
    detail: str = ""  # backend message, in English or the UI language
    suggestions: tuple[str, ...] = ()
    message_key: str = ""  # catalogue key for a learner message; "" means use `detail`
    family: str = ""  # what kind of problem, so two backends reporting it count once
    texts: tuple[tuple[str, str], ...] = ()  # a backend's own message per UI language (Voikko)

    @property
    def kind(self) -> str:
        return self.family or self.rule


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each rule: (rule id, pattern whose group 1 is the wrong span, replacement function).
_CONTRACTION_AFTER_YOUR = r"(?:welcome|going|right|correct|absolutely|not|able|eligible|entitled|sure|always|very|so|now|all set|in luck)"
_PHRASE_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("en.your_youre", _rx(rf"\b(your)\s+{_CONTRACTION_AFTER_YOUR}\b"), "you're"),
    ("en.its_its", _rx(r"\b(its)\s+(?:been|not|a|an|the|very|now|going|possible|ok|okay|fine|done|already|important|no longer|too|so)\b"), "it's"),
    ("en.could_of", _rx(r"\b(?:could|should|would|must|might)\s+(of)\b"), "have"),
    ("en.then_than", _rx(r"\b(?:more|less|better|worse|rather|faster|later|earlier|other|higher|lower)\s+(then)\b"), "than"),
    ("en.we_was", _rx(r"\b(?:we|you|they)\s+(was)\b"), "were"),
    ("en.it_dont", _rx(r"\b(?:it|he|she|this|that)\s+(don'?t|do not)\b"), "doesn't"),
    ("en.it_have", _rx(r"\b(?:it|he|she|this)\s+(have)\s+(?:been|a|an|the|not|already)\b"), "has"),
    ("en.we_is", _rx(r"\b(?:we|they|you)\s+(is)\b"), "are"),
    ("en.alot", _rx(r"\b(alot)\b"), "a lot"),
)
_FAMILY = {"en.we_was": "agree", "en.it_dont": "agree", "en.it_have": "agree", "en.we_is": "agree",
           "en.alot": "spelling"}
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "ubiq", "uk", "us")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w'-]*)")
_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
_ALLOWED_DOUBLES = frozenset({"had", "that", "is", "very", "bye", "no", "ha", "so", "really"})
_LOWER_I = re.compile(r"(?<![\w'’.-])(i)(?=\s|'m|’m|'ve|’ve|'ll|’ll|'d|’d)")


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written English rules."""
    text = doc.text
    issues = list(_phrase_issues(text))
    issues += _article_issues(text)
    issues += _doubled_word_issues(text)
    issues += _lowercase_i_issues(text)
    issues += _sentence_start_issues(doc)
    return issues


def _phrase_issues(text: str) -> Iterator[Issue]:
    for rule, pattern, replacement in _PHRASE_RULES:
        for match in pattern.finditer(text):
            wrong = match.group(1)
            fixed = replacement.capitalize() if wrong[:1].isupper() else replacement
            yield Issue(match.start(1), match.end(1), "grammar", rule, suggestions=(fixed,),
                        message_key="grammar.en.confusion", family=_FAMILY.get(rule, "confusion"))


def _article_issues(text: str) -> Iterator[Issue]:
    for match in _ARTICLE.finditer(text):
        article, word = match.group(1), match.group(2)
        lower = word.lower()
        if word.isupper() and len(word) > 1:
            continue  # acronyms: "an SMS", "a URL" depend on pronunciation
        vowel_sound = (lower[0] in "aeiou" and not lower.startswith(_VOWEL_SOUND_EXCEPTIONS)) or lower.startswith(_SILENT_H)
        wanted = "an" if vowel_sound else "a"
        if article.lower() != wanted:
            fixed = wanted.capitalize() if article[0].isupper() else wanted
            yield Issue(match.start(1), match.end(1), "grammar", "en.article",
                        suggestions=(fixed,), message_key="grammar.en.article", family="article")


def _doubled_word_issues(text: str) -> Iterator[Issue]:
    for match in _DOUBLED.finditer(text):
        if match.group(1).lower() in _ALLOWED_DOUBLES or match.group(1).isdigit():
            continue
        yield Issue(match.start(2), match.end(2), "grammar", "en.doubled_word",
                    suggestions=(match.group(1),), message_key="grammar.doubled_word", family="repeat")


def _lowercase_i_issues(text: str) -> Iterator[Issue]:
    for match in _LOWER_I.finditer(text):
        yield Issue(match.start(1), match.end(1), "grammar", "en.lowercase_i",
                    suggestions=("I",), message_key="grammar.en.lowercase_i", family="case")


def _sentence_start_issues(doc: Document) -> Iterator[Issue]:
    for sentence in doc.sentences:
        words = doc.sentence_words(sentence)
        first = words[0] if words else None
        if first is None or first.start != sentence.start or not first.text[:1].islower():
            continue
        if not first.text.isalpha() or any(c.isupper() for c in first.text[1:]):
            continue  # iPhone, eBay and other deliberate lowercase brands
        previous = doc.text[:sentence.start].rstrip()
        if previous.endswith((",", ";", ":")):
            continue  # "Hi Anna,\nthanks ..." continues the greeting
        yield Issue(first.start, first.end, "grammar", "en.sentence_start",
                    suggestions=(first.text.capitalize(),), message_key="grammar.sentence_start",
                    family="case")
