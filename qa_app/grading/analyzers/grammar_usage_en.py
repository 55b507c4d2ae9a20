"""English usage rules: comparatives, double negatives, quantifiers, tense after past-time words,
verb forms learners regularise ("buyed"), a missing "it" and words confused with a neighbour."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text import Document
from .grammar_en_base import (
    BASE_VERBS,
    PAST_FORMS,
    S_FORMS,
    Issue,
    Word,
    after_adverbs,
    joined,
    looks_like_finite_verb,
    make_issue,
    phrase_ends,
    plural_exists,
    rx,
    singular_of,
)
from .grammar_words_en import COUNTABLE_NOUNS, IRREGULAR, UNCOUNTABLE_NOUNS

USAGE_MESSAGES = {
    "grammar.en.double_comparative": {
        "en": "“{word}”: use either “more/most” or the -er/-est form, not both.",
        "fi": "”{word}”: käytä joko ”more/most” tai -er/-est-muotoa, ei molempia."},
    "grammar.en.double_negative": {
        "en": "“{word}” makes a double negative; use “any”, “anything” or “anyone” after a negative.",
        "fi": "”{word}” tekee kaksoiskiellon; käytä kiellon jälkeen ”any”, ”anything” tai ”anyone”."},
    "grammar.en.missing_subject": {
        "en": "The sentence needs a subject: write “it is” (“It is possible to …”).",
        "fi": "Virkkeestä puuttuu subjekti: kirjoita ”it is” (”It is possible to …”)."},
    "grammar.en.quantifier": {
        "en": "“{word}” does not fit this noun (“many” and “fewer” go with plurals, “much” and “less” with uncountable nouns).",
        "fi": "”{word}” ei sovi tämän substantiivin kanssa (”many” ja ”fewer” monikon, ”much” ja ”less” ei-laskettavan kanssa)."},
    "grammar.en.past_tense": {
        "en": "The sentence is about the past (“{word}”): use the past tense of the verb.",
        "fi": "Virke kertoo menneestä (”{word}”): käytä verbin menneen ajan muotoa."},
    "grammar.en.irregular_past": {
        "en": "“{word}” is an irregular verb: its past form is different.",
        "fi": "”{word}” on epäsäännöllinen verbi: sen menneen ajan muoto on toinen."},
    "grammar.en.missing_be": {
        "en": "Add “be”: “will be able to”, “can be”.",
        "fi": "Lisää ”be”: ”will be able to”, ”can be”."},
}

_COMPARATIVES = frozenset("""
better worse easier bigger cheaper faster quicker higher lower larger smaller longer shorter simpler happier
newer older safer harder greater clearer nicer cleaner stronger weaker busier slower smoother
""".split())
_SUPERLATIVE = re.compile(r"[a-z]{3,}(?<!interest)(?<!inter)est$")
_NON_SUPERLATIVES = frozenset({"honest", "modest", "interest", "request", "suggest", "contest", "protest",
                               "invest", "digest", "forest", "guest", "harvest", "manifest", "arrest", "test",
                               "latest", "west", "chest", "rest", "best", "pest", "quest", "nest", "vest"})


def usage_issues(doc: Document, words: list[Word]) -> list[Issue]:
    """Return the usage issues of an English text."""
    text = doc.text
    issues = list(_double_comparative_issues(text, words))
    issues += _double_negative_issues(text, words)
    issues += _missing_it_issues(text)
    issues += _quantifier_issues(text, words)
    issues += _past_time_issues(doc, words)
    issues += _verb_spelling_issues(text, words)
    return issues


def _double_comparative_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "more better", "the most cheapest": more/most before a form that already compares."""
    for first, second in zip(words, words[1:], strict=False):
        if first.lower not in ("more", "most") or not joined(text, first, second) or not second.text.islower():
            continue
        compares = second.lower in _COMPARATIVES if first.lower == "more" else (
            bool(_SUPERLATIVE.search(second.lower)) and second.lower not in _NON_SUPERLATIVES)
        if compares:
            yield make_issue(first.start, second.end, "en.double_comparative", "grammar.en.double_comparative",
                             "grammar", second.text)


_NEGATORS = frozenset({"not", "never", "don't", "doesn't", "didn't", "can't", "cannot", "won't", "wouldn't",
                       "couldn't", "shouldn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "hadn't"})
_NEGATIVE_WORDS = {"nothing": "anything", "nobody": "anybody", "nowhere": "anywhere", "none": "any",
                   "no": "any", "noone": "anyone"}
# After these, "no" is an answer or part of a fixed phrase: "can't say no", "no matter", "no doubt".
_NO_AFTER = frozenset({"say", "said", "saying", "take", "answer", "mean"})
_NO_BEFORE = frozenset({"matter", "doubt", "one", "longer", "less", "more", "sooner", "wonder", "to", "for"})


def _double_negative_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "we don't have no record", "I can't find nothing": a second negative after a negated verb."""
    for index, word in enumerate(words):
        if word.lower not in _NEGATORS:
            continue
        for offset in range(1, 4):
            position = index + offset
            if position >= len(words) or not joined(text, words[position - 1], words[position]):
                break
            candidate = words[position]
            if candidate.lower in ("only", "but", "and", "or", "if", "that", "because"):
                break  # "not only ... but", a new clause
            if candidate.lower not in _NEGATIVE_WORDS:
                continue
            following = words[position + 1] if position + 1 < len(words) else None
            if candidate.lower == "no" and (
                    words[position - 1].lower in _NO_AFTER or following is None
                    or not joined(text, candidate, following) or following.lower in _NO_BEFORE):
                break
            if candidate.lower == "none" and following is not None and following.lower == "of":
                break  # "not none of them" is rare; "none of" after "not" is usually "not one of"
            yield make_issue(candidate.start, candidate.end, "en.double_negative", "grammar.en.double_negative",
                             "grammar", _NEGATIVE_WORDS[candidate.lower])
            break


_MISSING_IT = rx(r"(?:^|(?<=[.!?]\s)|(?<=\n)|\b(?:because|since|if|so|although|though|when)\s+)"
                 r"((?:is|was)\s+(?:possible|impossible|important|necessary|easy|difficult|hard|better|"
                 r"good|nice|clear|true|likely|unlikely|essential|useful|enough)\b)(?=\s+(?:to|that|for)\b)")


def _missing_it_issues(text: str) -> Iterator[Issue]:
    """Find "Is possible to change the date": an adjective clause with no "it" in front."""
    for match in _MISSING_IT.finditer(text):
        span = match.group(1)
        fixed = ("It " if span[0].isupper() else "it ") + span[0].lower() + span[1:]
        yield make_issue(match.start(1), match.end(1), "en.missing_subject", "grammar.en.missing_subject",
                         "grammar", fixed)


_PLURAL_COUNTABLE_EXTRA = frozenset({"people", "customers", "days", "weeks", "months", "hours", "minutes", "items",
                                     "calls", "emails", "orders", "options", "steps", "times", "cars", "things"})


def _quantifier_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "many information", "much problems", "less customers", "a lot of problem"."""
    for index, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        if not joined(text, first, second) or not second.text.islower() or not _noun_phrase_ends(text, words, index + 1):
            continue
        noun = second.lower
        plural = noun in _PLURAL_COUNTABLE_EXTRA or singular_of(noun) in COUNTABLE_NOUNS
        fixed = ""
        if first.lower == "many" and noun in UNCOUNTABLE_NOUNS:
            fixed = "much"
        elif first.lower == "much" and plural:
            fixed = "many"
        elif first.lower == "less" and plural and not _after_than_like(words, index):
            fixed = "fewer"
        elif first.lower == "of" and index >= 2 and (words[index - 2].lower, words[index - 1].lower) in (
                ("a", "lot"), ("lots", "of")) and noun in COUNTABLE_NOUNS:
            plural_form = plural_exists(noun)
            if plural_form:
                yield make_issue(second.start, second.end, "en.plural_needed", "grammar.en.plural_needed",
                                 "number", plural_form)
            continue
        if fixed:
            yield make_issue(first.start, first.end, "en.quantifier", "grammar.en.quantifier", "grammar",
                             fixed.capitalize() if first.text[0].isupper() else fixed)


def _noun_phrase_ends(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the noun phrase ends with the word at `index`: punctuation, a function word or a verb."""
    if phrase_ends(text, words[index].end):
        return True
    following = words[index + 1] if index + 1 < len(words) else None
    return (following is not None and joined(text, words[index], following)
            and looks_like_finite_verb(following.lower) and following.lower not in BASE_VERBS)


def _after_than_like(words: list[Word], index: int) -> bool:
    """Tell whether "less" is part of "no less", "more or less" (not the quantifier)."""
    return index > 0 and words[index - 1].lower in ("no", "or", "much")


_PAST_MARKERS = rx(r"\b(yesterday|last\s+(?:week|month|year|night|time|monday|tuesday|wednesday|thursday|"
                   r"friday|saturday|sunday)|\w+\s+(?:days?|weeks?|months?|years?|hours?)\s+ago)\b")
_PRESENT_MARKERS = rx(r"\b(?:today|now|currently|usually|always|every|since)\b")
# Verbs of state keep the present about the past in speech ("yesterday I mean ..."): not flagged.
_STATIVE = frozenset({"be", "have", "do", "need", "want", "hope", "like", "love", "hate", "mean", "think", "know",
                      "guess", "believe", "understand", "remember", "feel", "wish", "seem", "expect", "suppose"})
_PRESENT_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})


def _past_time_issues(doc: Document, words: list[Word]) -> Iterator[Issue]:
    """Find "Yesterday we send you a code": a present-tense verb in a sentence about a past time."""
    text = doc.text
    for sentence in doc.sentences:
        marker = _PAST_MARKERS.search(sentence.text)
        if marker is None:
            continue
        inside = [w for w in words if sentence.start <= w.start < sentence.end]
        if _PRESENT_MARKERS.search(sentence.text):
            continue  # "yesterday ... and today we send": the sentence mixes times
        for index, word in enumerate(inside[:-1]):
            if abs(word.start - sentence.start - marker.start()) > 40:
                continue  # far from the time word the verb may belong to another clause
            if word.lower not in _PRESENT_SUBJECTS or (index and inside[index - 1].lower in ("that", "if", "when")):
                continue
            verb_index = after_adverbs(inside, text, index)
            if verb_index >= len(inside) or not joined(text, inside[verb_index - 1], inside[verb_index]):
                break
            verb = inside[verb_index]
            base = S_FORMS.get(verb.lower) or (verb.lower if verb.lower in BASE_VERBS else "")
            if base and verb.text.islower() and base not in _STATIVE:
                yield make_issue(verb.start, verb.end, "en.past_tense", "grammar.en.past_tense", "grammar",
                                 _simple_past(base))
            break  # only the first subject and verb of the sentence


def _simple_past(base: str) -> str:
    if base in IRREGULAR:
        return IRREGULAR[base][0]
    return next((form for form, verb in PAST_FORMS.items() if verb == base), base + "ed")


# Pasts learners build by rule for irregular verbs ("buyed", "sended"), and their right forms.
_REGULARISED = {
    "buyed": "bought", "sended": "sent", "teached": "taught", "catched": "caught", "thinked": "thought",
    "choosed": "chose", "writed": "wrote", "breaked": "broke", "knowed": "knew", "spended": "spent",
    "builded": "built", "telled": "told", "gived": "gave", "taked": "took", "comed": "came", "goed": "went",
    "runned": "ran", "bringed": "brought", "brang": "brought", "speaked": "spoke", "losed": "lost",
    "feeled": "felt", "leaved": "left", "maked": "made", "sayed": "said", "meeted": "met", "selled": "sold",
    "drived": "drove", "eated": "ate", "finded": "found", "falled": "fell", "forgetted": "forgot",
    "getted": "got", "growed": "grew", "heared": "heard", "holded": "held", "keeped": "kept",
    "meaned": "meant", "putted": "put", "shutted": "shut", "cutted": "cut", "hurted": "hurt",
    "readed": "read", "sitted": "sat", "standed": "stood", "throwed": "threw", "understanded": "understood",
    "weared": "wore", "winned": "won", "payed": "paid", "sleeped": "slept", "sendt": "sent",
}
_MISSING_BE = rx(r"\b(?:will|would|can|could|should|must|might|may|won't|wouldn't|can't|couldn't|shouldn't)"
                 r"(?:\s+not)?\s+(able)\s+to\b")


def _verb_spelling_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find regularised irregular pasts ("we sended") and "will able to" (be is missing)."""
    for word in words:
        right = _REGULARISED.get(word.lower)
        if right and word.text.islower():
            yield make_issue(word.start, word.end, "en.irregular_past", "grammar.en.irregular_past", "spelling",
                             right)
    for match in _MISSING_BE.finditer(text):
        yield make_issue(match.start(1), match.end(1), "en.missing_be", "grammar.en.missing_be", "grammar",
                         "be able")
