"""English word forms checked against how often English writes the pair (n-gram counts).

After a word that fixes the number or form of the next one, the next word's form is compared with
the forms English uses there: a determiner ("a", "these", "several"), a subject pronoun ("they",
"he"), a modal or "do" ("will", "didn't"), a form of "be" or "have", or a preposition before a
gerund ("before", "for", "without"). When the pair as written is not among the 243,342 commonest
English word pairs and another form of the same word after the same first word is common (at
least `MIN_PAIR_COUNT` times in the Google Books n-grams that symspellpy's bigram list counts),
the written form is a finding and the common form its suggestion: "these problem" -> "problems",
"people thinks" -> "think", "will causes" -> "cause", "is generate" -> "generated", "for send" ->
"sending". The hand-written rules cover the commonest of these with word lists; this covers the
long tail of nouns and verbs they do not list.

Measured with bench/jfleg.py and bench/ud_precision.py (see bench/README.md, sixth pass).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from .. import resources
from .grammar_en_base import Issue, Word, joined, make_issue, words_of
from .grammar_words_en import IRREGULAR

RULE = "en.pair_form"
MIN_PAIR_COUNT = 10_000_000  # about 1 in 100,000 word pairs of the n-gram corpus

PAIR_MESSAGES = {
    "grammar.en.pair_form": {
        "en": "“{word}”: English rarely writes the second word in this form here; see the suggestion.",
        "fi": "”{word}”: englannissa jälkimmäinen sana on tässä harvoin tässä muodossa; katso ehdotus.",
    },
}


def _singular(word: str) -> list[str]:
    forms = []
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return forms


def _plural(word: str) -> list[str]:
    forms = [word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return forms


def _base(word: str) -> list[str]:
    forms = _singular(word) + _IRREGULAR_BASE.get(word, [])
    if word.endswith("ed"):
        forms += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
    return forms


def _participle(word: str) -> list[str]:
    forms = _participle_only(word)
    if word.endswith("e"):
        forms.append(word[:-1] + "ing")
    else:
        forms.append(word + "ing")
    return forms


def _participle_only(word: str) -> list[str]:
    irregular = IRREGULAR.get(word)
    return [word + "ed", word + "d"] + ([irregular[1]] if irregular else [])


def _third_person(word: str) -> list[str]:
    return [word + "s", word + "es"]


def _irregular_bases() -> dict[str, list[str]]:
    """{"sent": ["send"], "gone": ["go"], ...}: the base forms of irregular pasts and participles."""
    bases: dict[str, list[str]] = {}
    for base, (past, participle) in IRREGULAR.items():
        for form in {past, participle} - {base}:
            bases.setdefault(form, []).append(base)
    return bases


_IRREGULAR_BASE = _irregular_bases()


def _gerund(word: str) -> list[str]:
    if word.endswith("ing"):
        return []
    return [word[:-1] + "ing", word + "ing"] if word.endswith("e") else [word + "ing"]


# First words, and the forms of the next word worth trying after them. "that" is left out: it is
# as often a relative pronoun ("the resource that cars need") as a determiner.
_HEADS: dict[str, Callable[[str], list[str]]] = {
    **{w: _singular for w in ("a", "an", "this", "each", "every", "another", "either", "neither")},
    **{w: _plural for w in ("these", "those", "many", "several", "few", "fewer", "both", "various", "numerous",
                            "multiple", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")},
    **{w: _singular for w in ("i", "you", "we", "they", "people")},
    **{w: _third_person for w in ("he", "she", "it")},
    **{w: _base for w in ("will", "would", "can", "could", "should", "must", "may", "might", "shall",
                          "won't", "can't", "cannot", "don't", "doesn't", "didn't", "do", "does", "did")},
    **{w: _participle for w in ("is", "are", "was", "were", "be", "been", "being", "am")},
    **{w: _participle_only for w in ("has", "have", "had")},
    **{w: _gerund for w in ("before", "after", "without", "by", "about", "of", "for", "from", "while", "when")},
}
HEADS = frozenset(_HEADS)


def pair_form_issues(text: str, words: list[Word] | None = None) -> Iterator[Issue]:
    """Find a word whose form is rare after the word before it where another form is common."""
    words = words if words is not None else words_of(text)
    known = resources.english_words()
    pairs: Mapping[str, Mapping[str, int]] | None = None
    for first, second in zip(words, words[1:], strict=False):
        head = first.lower
        forms = _HEADS.get(head)
        word = second.text
        if forms is None or not word.isalpha() or not word.islower() or word not in known:
            continue
        if not joined(text, first, second):
            continue
        pairs = pairs if pairs is not None else resources.english_word_pairs(HEADS)
        following = pairs.get(head, {})
        if word in following:
            continue
        counts = [(following.get(form, 0), form) for form in forms(word) if form != word]
        count, best = max(counts, default=(0, ""))
        if count >= MIN_PAIR_COUNT:
            yield make_issue(first.start, second.end, RULE, "grammar.en.pair_form", "form", f"{first.text} {best}")
