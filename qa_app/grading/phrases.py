"""Match lexicon and key-point phrases against a Document on base forms.

A phrase is compiled into slots, one per word. A slot accepts a word when any of the word's base
forms (or its lowercase text) is one of the slot's forms. Slot syntax: "a|b" alternatives,
"stem*" a prefix of the surface text or a base form. Matching allows a few gap words between slots
and never crosses a sentence. Negation is checked in the clause around a match.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, KeysView
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import resources
from .lemmas import base_forms
from .text import Document

NEGATION_LEMMAS = {
    "fi": frozenset({"ei", "ilman", "eikä"}),
    "en": frozenset({"not", "no", "never", "unable", "neither", "nor", "without", "none"}),
    "sv": frozenset({"inte", "ej", "ingen", "inget", "inga", "aldrig", "utan", "icke"}),
}
# Words that start a new clause, so a negation beyond them does not reach the match.
CLAUSE_BREAKERS = {
    "fi": frozenset({"mutta", "vaan", "jos", "kun", "koska", "että", "joka", "mikä", "kuitenkin", "sillä", "jotta"}),
    "en": frozenset({"but", "if", "when", "because", "that", "which", "who", "however", "although", "unless", "so"}),
    "sv": frozenset({"men", "om", "när", "eftersom", "att", "som", "dock", "utan"}),
}
CLAUSE_PUNCTUATION = frozenset(",;:—–()")
_WORDBASE_VERB = re.compile(r"\(([^()+]+)\)")


@dataclass(frozen=True)
class Slot:
    """What one phrase word accepts: exact base forms and/or prefixes."""

    forms: frozenset[str]
    prefixes: tuple[str, ...] = ()

    def __hash__(self) -> int:
        # Slots key the per-document position cache; the dataclass hash would rebuild a tuple
        # on every look-up (a reply makes about a thousand).
        try:
            return self._hash  # type: ignore[has-type]
        except AttributeError:
            value = hash((self.forms, self.prefixes))
            object.__setattr__(self, "_hash", value)
            return value

    def accepts(self, forms: frozenset[str]) -> bool:
        if self.forms & forms:
            return True
        return any(f.startswith(p) for p in self.prefixes for f in forms)


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase; `negative` tells that the phrase itself contains a negation."""

    text: str
    slots: tuple[Slot, ...]
    negative: bool = False


@dataclass(frozen=True)
class Match:
    """Where a phrase matched: character span and the matched word indices."""

    phrase: Phrase
    start: int
    end: int
    indices: tuple[int, ...]


@dataclass(frozen=True)
class Word:
    """A matchable word: a token, or one half of an English contraction ("I'll" -> "i", "will")."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class WordView:
    """The words of a document with their base-form sets and sentence numbers, built once."""

    doc: Document
    words: tuple[Word, ...]
    forms: tuple[frozenset[str], ...]
    sentence_of: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> WordView:
        """Return the view of `doc`, built once per document and shared by the analyzers."""
        return doc.derived("phrases.WordView", cls._build)

    @classmethod
    def _build(cls, doc: Document) -> WordView:
        starts = [s.start for s in doc.sentences]
        words, forms, sentence_of = [], [], []
        for token in doc.words:
            index = bisect_right(starts, token.start) - 1
            for part in split_contraction(token.text, doc.language):
                words.append(Word(part, token.start, token.end))
                forms.append(token_forms(part, doc.language))
                sentence_of.append(index)
        return cls(doc, tuple(words), tuple(forms), tuple(sentence_of))

    @cached_property  # frozen dataclasses allow cached_property; built on the first find()
    def _positions(self) -> dict[str, list[int]]:
        """Map every form to the ascending indices of the words that carry it."""
        positions: dict[str, list[int]] = {}
        for index, forms in enumerate(self.forms):
            for form in forms:
                positions.setdefault(form, []).append(index)
        return positions

    def forms_present(self) -> KeysView[str]:
        """Every form some word of the view carries."""
        return self._positions.keys()

    @cached_property
    def _sorted_forms(self) -> list[str]:
        return sorted(self._positions)

    @cached_property
    def _slot_cache(self) -> dict[Slot, frozenset[int]]:
        return {}

    def positions(self, slot: Slot) -> frozenset[int]:
        """Return the indices of the words `slot` accepts (cached per slot)."""
        found = self._slot_cache.get(slot)
        if found is None:
            hits: set[int] = set()
            for form in slot.forms:
                hits.update(self._positions.get(form, ()))
            for prefix in slot.prefixes:
                hits.update(self._prefix_positions(prefix))
            found = self._slot_cache[slot] = frozenset(hits)
        return found

    def _prefix_positions(self, prefix: str) -> list[int]:
        forms = self._sorted_forms
        out: list[int] = []
        for k in range(bisect_left(forms, prefix), len(forms)):
            if not forms[k].startswith(prefix):
                break
            out += self._positions[forms[k]]
        return out


_EN_CONTRACTIONS = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
    "let's": ("let", "us"), "i'm": ("i", "am"),
}
_EN_SUFFIXES = (("n't", "not"), ("'ll", "will"), ("'ve", "have"), ("'re", "are"), ("'d", "would"), ("'s", "is"))


def split_contraction(word: str, language: str) -> tuple[str, ...]:
    """Split English contractions so "I'll" fills the slots "I" and "will" and "don't" carries "not"."""
    if language != "en":
        return (word,)
    lower = word.lower().replace("’", "'")
    if lower in _EN_CONTRACTIONS:
        return _EN_CONTRACTIONS[lower]
    for suffix, full in _EN_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            stem = lower[: -len(suffix)]
            if suffix == "'s" and stem not in _S_IS_AFTER:
                return (stem,)  # "the company's schedule" is a possessive, not "company is"
            return stem, full
    return (word,)


# Words after which "'s" is "is" (or "has"): pronouns and question words. After a noun or a name
# it is nearly always the possessive in written replies ("the customer's order", "Anna's").
_S_IS_AFTER = frozenset({"it", "that", "there", "here", "what", "who", "where", "when", "how", "why", "he", "she",
                         "this", "everything", "nothing", "something", "someone", "everyone", "somebody", "nobody",
                         "everybody", "anything", "one"})


@lru_cache(maxsize=32768)
def token_forms(word: str, language: str) -> frozenset[str]:
    """Return the base forms plus the lowercase surface of a word, apostrophes normalised."""
    lower = word.lower().replace("’", "'")
    forms = {lower, *base_forms(word, language)}
    if language != "fi":  # rule lemmatizers guess "noted" -> "not"; only Voikko's "en" -> "ei" is real
        forms -= NEGATION_LEMMAS.get(language, frozenset()) - {lower}
    else:
        forms |= _participle_verbs(word)
        for form in tuple(forms):  # "ettei", "etten", "jottei", "ellei": a conjunction and the negative verb
            forms |= _FINNISH_NEGATIVE_CONJUNCTIONS.get(form, frozenset())
    return frozenset(forms)


_FINNISH_NEGATIVE_CONJUNCTIONS = {
    "ettei": frozenset({"että", "ei"}), "jottei": frozenset({"jotta", "ei"}),
    "ellei": frozenset({"jos", "ei"}), "jollei": frozenset({"jos", "ei"}),
}


def _participle_verbs(word: str) -> set[str]:
    """Add the verb of a Finnish participle ("hyvitetty", "lukenut" -> "hyvittää", "lukea")."""
    analyses = resources.voikko().analyze(word)
    verbs = set()
    for analysis in analyses:
        if analysis.get("PARTICIPLE"):
            verbs |= {v.lower() for v in _WORDBASE_VERB.findall(analysis.get("WORDBASES", ""))[:1]}
    return verbs


@lru_cache(maxsize=8192)
def compile_phrase(text: str, language: str, drop: frozenset[str] = frozenset()) -> Phrase:
    """Compile a phrase; words in `drop` (stopwords) are left out unless nothing else remains."""
    raw = [w.strip(".,!?;:\"()") for w in text.replace("’", "'").split()]
    raw = [part for w in raw if w for part in (split_contraction(w, language) if "|" not in w else (w,))]
    kept = [w for w in raw if w.lower() not in drop] or raw
    slots = tuple(_slot(w, language) for w in kept)
    negation = NEGATION_LEMMAS.get(language, frozenset())
    negative = any(s.forms & negation for s in slots)
    return Phrase(text, slots, negative)


def _slot(word: str, language: str) -> Slot:
    forms: set[str] = set()
    prefixes: list[str] = []
    for alt in word.split("|"):
        if alt.endswith("*"):
            prefixes.append(alt[:-1].lower())
        else:
            forms |= token_forms(alt, language)
    return Slot(frozenset(forms), tuple(prefixes))


def find(view: WordView, phrase: Phrase, max_gap: int = 2, unordered: bool = False) -> list[Match]:
    """Return non-overlapping matches of `phrase`, left to right.

    The view's form index tells which words each slot accepts, so a phrase with a slot no word
    fills is rejected at once and only words an anchor slot accepts (the first slot, or any slot
    of a short unordered phrase) are tried as starts: cost grows with the matches, not with
    text length x lexicon size. `find_naive` is the reference this must equal.
    """
    if not phrase.slots:
        return []
    accepted = []
    for slot in phrase.slots:
        positions = view.positions(slot)
        if not positions:
            return []  # most lexicon phrases stop here, at their first slot
        accepted.append(positions)
    any_order = unordered and 1 < len(phrase.slots) <= 3
    starts = sorted(frozenset().union(*accepted)) if any_order else sorted(accepted[0])
    matches: list[Match] = []
    last_end = -1
    for i in starts:
        if i <= last_end:
            continue
        indices = _indexed_unordered(view, accepted, i, max_gap) if any_order else _indexed_ordered(view, accepted, i, max_gap)
        if indices:
            matches.append(Match(phrase, view.words[indices[0]].start, view.words[indices[-1]].end, indices))
            last_end = indices[-1]
    return matches


# Lexicons indexed by the forms of one slot of each phrase, keyed by the identity of the
# (cached, long-lived) phrase tuple: hashing a whole lexicon on every call would cost more than
# the look-ups it saves.
_KEY_SLOT_INDEXES: dict[int, tuple[tuple[Phrase, ...], dict[str, tuple[int, ...]], tuple[int, ...]]] = {}
_MAX_KEY_SLOT_INDEXES = 512


def _key_slot_index(phrases: tuple[Phrase, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Map each form of a phrase's key slot to the positions of the phrases it keys; phrases with
    a prefix in every slot are always tried."""
    entry = _KEY_SLOT_INDEXES.get(id(phrases))
    if entry is not None and entry[0] is phrases:
        return entry[1], entry[2]
    by_form: dict[str, list[int]] = {}
    always: list[int] = []
    for position, phrase in enumerate(phrases):
        key = _key_slot(phrase)
        if key is None:
            always.append(position)
            continue
        for form in key.forms:
            by_form.setdefault(form, []).append(position)
    if len(_KEY_SLOT_INDEXES) >= _MAX_KEY_SLOT_INDEXES:
        _KEY_SLOT_INDEXES.clear()
    index = {form: tuple(found) for form, found in by_form.items()}
    _KEY_SLOT_INDEXES[id(phrases)] = (phrases, index, tuple(always))
    return index, tuple(always)


def _key_slot(phrase: Phrase) -> Slot | None:
    """The slot a phrase is indexed by: every slot must be filled for a match, so any will do;
    the one whose shortest form is longest is the rarest ("refunded" rather than "we")."""
    exact = [slot for slot in phrase.slots if not slot.prefixes and slot.forms]
    return max(exact, key=lambda slot: min(len(f) for f in slot.forms)) if exact else None


def find_each(view: WordView, phrases: tuple[Phrase, ...], max_gap: int = 2) -> Iterator[Match]:
    """Yield the matches of each phrase in turn, as `find` gives them.

    Only phrases whose key slot some word of the view fills are tried: a lexicon of hundreds of
    phrases costs look-ups for the forms the answer has, not one `find` per phrase.
    """
    by_form, always = _key_slot_index(phrases)
    tried = set(always)
    present = view.forms_present()
    if len(by_form) < len(present):  # a short lexicon: look its forms up in the answer's
        forms = [form for form in by_form if form in present]
    else:
        forms = present & by_form.keys()
    for form in forms:
        tried.update(by_form[form])
    for position in sorted(tried):
        yield from find(view, phrases[position], max_gap)


def _indexed_ordered(view: WordView, accepted: list[frozenset[int]], i: int, max_gap: int) -> tuple[int, ...] | None:
    sentence = view.sentence_of[i]
    indices = [i]
    last = i
    for positions in accepted[1:]:
        for j in range(last + 1, min(last + 2 + max_gap, len(view.words))):
            if j in positions and view.sentence_of[j] == sentence:
                last = j
                break
        else:
            return None
        indices.append(last)
    return tuple(indices)


def _indexed_unordered(view: WordView, accepted: list[frozenset[int]], i: int, max_gap: int) -> tuple[int, ...] | None:
    n = len(accepted)
    window = [j for j in range(i, min(i + n + max_gap, len(view.words)))
              if view.sentence_of[j] == view.sentence_of[i]]
    for chosen in itertools.permutations(window, n):
        if i in chosen and all(j in positions for positions, j in zip(accepted, chosen, strict=True)):
            return tuple(sorted(chosen))
    return None


def find_naive(view: WordView, phrase: Phrase, max_gap: int = 2, unordered: bool = False) -> list[Match]:
    """Return non-overlapping matches by trying every word as a start (the reference for `find`)."""
    if not phrase.slots:
        return []
    matches: list[Match] = []
    last_end = -1
    for i in range(len(view.words)):
        if i <= last_end:
            continue
        if unordered and 1 < len(phrase.slots) <= 3:
            indices = _match_unordered(view, phrase, i, max_gap)
        else:
            indices = _match_ordered(view, phrase, i, max_gap)
        if indices:
            first, last = min(indices), max(indices)
            matches.append(Match(phrase, view.words[first].start, view.words[last].end, indices))
            last_end = last
    return matches


def _match_ordered(view: WordView, phrase: Phrase, i: int, max_gap: int) -> tuple[int, ...] | None:
    if not phrase.slots[0].accepts(view.forms[i]):
        return None
    indices = [i]
    for slot in phrase.slots[1:]:
        nxt = next((j for j in range(indices[-1] + 1, min(indices[-1] + 2 + max_gap, len(view.words)))
                    if view.sentence_of[j] == view.sentence_of[i] and slot.accepts(view.forms[j])), None)
        if nxt is None:
            return None
        indices.append(nxt)
    return tuple(indices)


def _match_unordered(view: WordView, phrase: Phrase, i: int, max_gap: int) -> tuple[int, ...] | None:
    if not any(slot.accepts(view.forms[i]) for slot in phrase.slots):
        return None
    n = len(phrase.slots)
    window = [j for j in range(i, min(i + n + max_gap, len(view.words)))
              if view.sentence_of[j] == view.sentence_of[i]]
    for chosen in itertools.permutations(window, n):
        if i in chosen and all(slot.accepts(view.forms[j]) for slot, j in zip(phrase.slots, chosen, strict=True)):
            return tuple(sorted(chosen))
    return None


def is_negated(view: WordView, match: Match, before: int = 4, after: int = 3) -> bool:
    """Tell whether a negation word sits in the match's clause, near or inside the match."""
    if match.phrase.negative:
        return False  # the phrase is itself negative ("et lukenut ehtoja")
    language = view.doc.language
    negation = NEGATION_LEMMAS.get(language, frozenset())
    breakers = CLAUSE_BREAKERS.get(language, frozenset())
    first, last = min(match.indices), max(match.indices)
    sentence = view.sentence_of[first]
    for j in range(first - 1, max(-1, first - 1 - before), -1):
        if view.sentence_of[j] != sentence or _clause_break(view, j, j + 1) or view.words[j].lower in breakers:
            break
        if view.forms[j] & negation:
            return True
    for j in range(first, last + 1):  # gap words, and contractions such as "won't" in a matched slot
        if view.forms[j] & negation:
            return True
    for j in range(last + 1, min(len(view.words), last + 1 + after)):
        if view.sentence_of[j] != sentence or _clause_break(view, j - 1, j) or view.words[j].lower in breakers:
            break
        if view.forms[j] & negation:
            return True
    return False


def _clause_break(view: WordView, left: int, right: int) -> bool:
    """Tell whether punctuation that ends a clause lies between two words."""
    gap = _DECIMAL.sub("", view.doc.text[view.words[left].end:view.words[right].start])
    return any(ch in CLAUSE_PUNCTUATION for ch in gap)


_DECIMAL = re.compile(r"\d[,.:]\d")  # "2,10 €" and "klo 14:00" do not end a clause
