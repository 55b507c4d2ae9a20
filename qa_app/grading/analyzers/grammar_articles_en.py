"""English determiners that learners drop or double, and the place of a frequency adverb.

Writers whose first language has no articles (Finnish among them) leave them out most where a
noun opens a clause: "Engineer will visit you on Monday", "if courier is late". A singular noun
that is only countable cannot stand there alone, so such a noun followed by a verb is a finding.
Which nouns are only countable comes from two lexicons: LemmInflect's word classes (a singular
noun whose plural never is the word itself) and, for nouns that are also used uncountably
("delivery is free", "payment is due"), the Google Books word-pair counts symspellpy ships: a
noun written after "a"/"an" at most half as often as after "of" is used as a mass noun too.

Also: "lot of" without "a", the plural after a word for an amount of things ("the number of
cars", "all kinds of bikes"), "others" before a noun, two determiners in a row ("the these"), and
"will be always" (a frequency adverb goes before "be" after a modal).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .. import resources
from .grammar_en_base import (
    AUXILIARIES,
    CLAUSE_STARTERS,
    MODALS,
    Issue,
    Word,
    adjective_only,
    countable_only,
    joined,
    make_issue,
    noun_phrase_ends,
    plural_exists,
    rx,
    singular_of,
)
from .grammar_pairs_en import HEADS
from .grammar_words_en import COUNTABLE_NOUNS, IRREGULAR_PLURALS, UNCOUNTABLE_NOUNS

ARTICLE_MESSAGES = {
    "grammar.en.bare_noun": {
        "en": "“{word}” needs “the”, “a” or another determiner before it (“the engineer will visit”).",
        "fi": "”{word}” tarvitsee eteensä määreen, esim. ”the” tai ”a” (”the engineer will visit”)."},
    "grammar.en.a_lot_of": {
        "en": "Write “a lot of”.",
        "fi": "Kirjoita ”a lot of”."},
    "grammar.en.double_determiner": {
        "en": "“{word}”: use one determiner here, not two.",
        "fi": "”{word}”: käytä tässä vain yhtä määrettä, ei kahta."},
    "grammar.en.others": {
        "en": "Before a noun write “other” (“many other customers”); “others” stands alone.",
        "fi": "Substantiivin edessä käytä muotoa ”other” (”many other customers”); ”others” esiintyy yksin."},
    "grammar.en.adverb_before_be": {
        "en": "Put the adverb before “be”: “{word}”.",
        "fi": "Sijoita adverbi be-verbin eteen: ”{word}”."},
}

# Verbs that follow a subject directly: auxiliaries and modals. A noun before one of these
# cannot be an imperative verb ("Order is on its way"), so nouns that are also verbs count here.
_SUBJECT_VERBS = (AUXILIARIES | MODALS) - {"be", "been", "being", "'ll", "'re", "'ve", "'d", "'m", "am"}
# Words after which a clause, so a subject, begins; not "and", "or", "that" or "as", which also
# join nouns ("salt and pepper", "such as").
_OPENERS = CLAUSE_STARTERS - {"and", "or", "that", "as", "so", "but", "where"} | {"whether", "before", "after"}
_INVERTED_SUBJECTS = frozenset({"i", "you", "he", "she", "it", "we", "they", "that", "this", "there"})
_MIN_ARTICLE_COUNT = 5_000_000  # below the list's smallest pair count: "a"/"an" + noun unseen


@lru_cache(maxsize=8192)
def count_noun(noun: str) -> bool:
    """Tell whether a lowercase singular noun is only countable, so needs a determiner alone."""
    if noun in COUNTABLE_NOUNS:
        return True
    if noun in UNCOUNTABLE_NOUNS or not countable_only(noun):
        return False
    if _classes_include(noun, "JRAn"):
        return False  # also an adjective, adverb or auxiliary, or a plural ("chemical", "data")
    pairs = resources.english_word_pairs(HEADS)
    after_article = pairs["a"].get(noun, 0) + pairs["an"].get(noun, 0)
    return after_article >= _MIN_ARTICLE_COUNT and after_article >= 2 * pairs["of"].get(noun, 0)


def _classes_include(word: str, letters: str) -> bool:
    classes = resources.english_word_classes().get(word, "")
    return any(c in classes for c in letters)


def article_issues(text: str, words: list[Word]) -> list[Issue]:
    """Return the determiner and adverb-order issues of an English text."""
    issues = list(_bare_noun_subject_issues(text, words))
    issues += _lot_of_issues(text, words)
    issues += _plural_after_quantity_issues(text, words)
    issues += _others_before_noun_issues(text, words)
    issues += _double_determiner_issues(text, words)
    issues += _adverb_after_be_issues(text)
    return issues


def _bare_noun_subject_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "Engineer will visit", "Replacement card has been sent", "until order is shipped": a
    countable noun with no determiner as a subject."""
    names = None
    for index, word in enumerate(words[:-1]):
        following = words[index + 1]
        if not joined(text, word, following) or not following.text.islower():
            continue
        noun = word.lower
        if not count_noun(noun):
            continue
        if following.lower not in _SUBJECT_VERBS and not (_present_verb_only(following.lower)
                                                          and not _classes_include(noun, "Vv")):
            continue  # before a verb other than an auxiliary, a noun that is also a verb may be an imperative ("Try …")
        if index + 2 < len(words) and words[index + 2].lower in _INVERTED_SUBJECTS:
            continue  # "Holy cow was that …": a question or exclamation puts the verb first
        first = _first_modifier(text, words, index)
        if first == 0 or any(c in text[words[first - 1].end:words[first].start] for c in ".!?\n:;"):
            opening = words[first]
            if opening.text != opening.lower.capitalize() or (first < index and not word.text.islower()):
                continue
            names = names if names is not None else resources.english_wordlist()
            if first == index and opening.text in names:
                continue  # "Apple is", "Orange will": a name as well as a noun
        elif first < index or not (word.text.islower() and (
                _opens_clause(text, words, index) or _after_opening_adverb(text, words, index))):
            continue
        opening = words[first]
        phrase = text[opening.start:word.end]
        fixed = f"the {phrase}" if opening.text.islower() else f"The {phrase[:1].lower()}{phrase[1:]}"
        yield make_issue(opening.start, word.end, "en.bare_noun", "grammar.en.bare_noun", "article", fixed)


def _first_modifier(text: str, words: list[Word], index: int) -> int:
    """Return the index of the first of at most two adjectives or nouns just before the noun at
    `index` ("Replacement card", "Customer account"), or `index` itself."""
    first = index
    while first > 0 and index - first < 2 and joined(text, words[first - 1], words[first]):
        previous = words[first - 1].lower
        classes = resources.english_word_classes().get(previous, "")
        if not (adjective_only(previous) or classes.replace("C", "") == "N"):
            break
        first -= 1
    return first


def _present_verb_only(word: str) -> bool:
    """Tell whether the lexicon knows `word` only as a verb form, and it is an -s form ("arrives",
    "wants"; not "calls", also a noun, nor "needed", which a title may use as a participle)."""
    classes = resources.english_word_classes().get(word, "")
    return bool(classes) and set(classes) <= set("Vv") and word.endswith("s")


def _opens_clause(text: str, words: list[Word], index: int) -> bool:
    return index > 0 and words[index - 1].lower in _OPENERS and joined(text, words[index - 1], words[index])


def _after_opening_adverb(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the word follows an adverb in -ly that opens the sentence ("Recently, scientist …")."""
    if index == 0:
        return False
    adverb = words[index - 1]
    if resources.english_word_classes().get(adverb.lower, "") != "R" or not adverb.lower.endswith("ly"):
        return False
    if text[adverb.end:words[index].start].strip(" \t,"):
        return False
    return index == 1 or any(c in text[words[index - 2].end:adverb.start] for c in ".!?\n")


_LOT_OF_BEFORE = frozenset({"a", "the", "whole", "parking", "car", "this", "that", "each", "every", "one", "empty",
                            "vacant", "building", "same", "last", "first", "next", "another", "our", "your", "my",
                            "their", "his", "her", "its", "big", "large", "small", "huge", "entire"})


def _lot_of_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we have lot of orders", "Lot of customers ask": "a lot of" without its "a"."""
    for index, word in enumerate(words[:-1]):
        if word.lower != "lot" or words[index + 1].lower != "of" or not joined(text, word, words[index + 1]):
            continue  # ("lots of" is right as it is)
        if index and joined(text, words[index - 1], word):
            previous = words[index - 1]
            classes = resources.english_word_classes().get(previous.lower, "")
            if previous.lower in _LOT_OF_BEFORE or not previous.text.islower():
                continue  # "a lot of", "the parking lot of", "a whole lot of"
            if "J" in classes or classes.replace("C", "") == "N":
                continue  # "the auction lot of", "a vacant lot of land"
        fixed = "A lot" if word.text[0].isupper() else "a lot"
        yield make_issue(word.start, word.end, "en.a_lot_of", "grammar.en.a_lot_of", "article", fixed)


_ARTICLES = frozenset({"the", "a", "an"})
_SECOND_DETERMINERS = frozenset({"these", "those", "this", "my", "your", "our", "their", "his", "its"})


def _double_determiner_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "for the these reasons", "a my colleague": an article before another determiner."""
    for first, second in zip(words, words[1:], strict=False):
        if first.lower in _ARTICLES and second.lower in _SECOND_DETERMINERS and joined(text, first, second):
            if second.lower == "this" and first.lower == "the":
                continue  # too rare to tell from a typo of "this"; Harper's repetition lint covers "the the"
            yield make_issue(first.start, second.end, "en.double_determiner", "grammar.en.double_determiner",
                             "article", second.text if first.text.islower() else second.text.capitalize())


_BE_ADVERB = rx(r"\b(will|would|can|could|should|must|may|might|won't|can't|cannot|shall)\s+(be)\s+"
                r"(always|never|usually|often|normally|generally|rarely|seldom)\b")


def _adverb_after_be_issues(text: str) -> Iterator[Issue]:
    """Find "you will be always welcome": after a modal the frequency adverb comes before "be"."""
    for match in _BE_ADVERB.finditer(text):
        fixed = f"{match.group(3)} {match.group(2)}"
        yield make_issue(match.start(2), match.end(3), "en.adverb_before_be", "grammar.en.adverb_before_be",
                         "order", fixed)


# Words for an amount of things, before "of" and a plural: "a lot of places", "the number of cars".
# Each maps to the words that must come just before it (None: any or none).
_QUANTITY_HEADS: dict[str, frozenset[str] | None] = {
    "lot": frozenset({"a"}), "lots": None, "plenty": None, "number": frozenset({"a", "the", "large", "small"}),
    "variety": frozenset({"a", "wide"}), "couple": frozenset({"a"}), "kinds": None, "sorts": None, "types": None,
}


def _plural_after_quantity_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "a lot of place", "the number of car": a countable noun after a word for an amount of things."""
    for index in range(len(words) - 2):
        head, of = words[index], words[index + 1]
        if head.lower not in _QUANTITY_HEADS or of.lower != "of" or not joined(text, head, of):
            continue
        before = _QUANTITY_HEADS[head.lower]
        if before is not None and not (index and words[index - 1].lower in before and joined(text, words[index - 1], head)):
            continue
        noun_index = _skip_adjectives(text, words, index + 2)
        if noun_index is None:
            continue
        noun = words[noun_index]
        # After "of" the lexicon's "only countable" is enough: the pair counts would take nouns
        # used as modifiers ("of passenger traffic") for mass nouns.
        if noun.text.islower() and noun_phrase_ends(text, words, noun_index) and (noun.lower in COUNTABLE_NOUNS or (
                countable_only(noun.lower) and not _classes_include(noun.lower, "JRA"))):
            plural = plural_exists(noun.lower)
            if plural:
                yield make_issue(noun.start, noun.end, "en.plural_needed", "grammar.en.plural_needed", "number", plural)


def _skip_adjectives(text: str, words: list[Word], index: int, most: int = 2) -> int | None:
    """Return the index of the first word from `index` on that is not an adjective, with every word
    up to it joined to the one before (no punctuation between); None past the end."""
    noun_index = index
    while noun_index < len(words) and noun_index - index < most and adjective_only(words[noun_index].lower):
        noun_index += 1
    if noun_index >= len(words) or not all(joined(text, words[i - 1], words[i]) for i in range(index, noun_index + 1)):
        return None
    return noun_index


_OTHERS_BEFORE = frozenset({"many", "some", "all", "the", "few", "several", "any", "no", "these", "those", "most"})


def _others_before_noun_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "many others customers": before a noun the word is "other", which takes no -s."""
    for index in range(1, len(words) - 1):
        others, noun = words[index], words[index + 1]
        if others.lower != "others" or words[index - 1].lower not in _OTHERS_BEFORE:
            continue
        if not (joined(text, words[index - 1], others) and joined(text, others, noun)) or not noun.text.islower():
            continue
        classes = resources.english_word_classes().get(noun.lower, "")
        plural = noun.lower in IRREGULAR_PLURALS or (singular_of(noun.lower, verb_forms=True) and classes
                                                     and set(classes) <= set("nC"))
        if plural:
            yield make_issue(others.start, others.end, "en.others", "grammar.en.others", "number", "other")
