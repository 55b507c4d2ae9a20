"""English usage rules: comparatives, double negatives, quantifiers, tense after past-time words,
verb forms learners regularise ("buyed"), a missing "it" and words confused with a neighbour."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..resources import english_word_classes
from ..text import Document
from .grammar_en_base import (
    AUXILIARIES,
    BASE_VERBS,
    DO_WORDS,
    MODALS,
    PAST_FORMS,
    S_FORMS,
    Issue,
    Word,
    adjective_only,
    after_adverbs,
    ing_form,
    is_subject,
    joined,
    looks_like_finite_verb,
    make_issue,
    noun_phrase_ends,
    preferred_past,
    rx,
    singular_of,
    third_person,
    verb_base_only,
)
from .grammar_words_en import (
    ADJECTIVE_LIKE_VERBS,
    COUNTABLE_NOUNS,
    IRREGULAR,
    PLURAL_PEOPLE,
    UNCOUNTABLE_NOUNS,
)

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
    "grammar.en.of_determiner": {
        "en": "“{word}”: after “of” the noun needs “the”, “our” or “these” (“most of the customers”), or leave “of” out (“most customers”).",
        "fi": "”{word}”: ”of”-sanan jälkeen substantiivi tarvitsee määreen (”most of the customers”), tai jätä ”of” pois (”most customers”)."},
    "grammar.en.missing_am": {
        "en": "Add the verb: “{word}” (“I am sorry”, “we are happy to help”).",
        "fi": "Lisää verbi: ”{word}” (”I am sorry”, ”we are happy to help”)."},
    "grammar.en.too": {
        "en": "Write “too” (more than enough): “{word}”.",
        "fi": "Kirjoita ”too” (liian): ”{word}”."},
    "grammar.en.past_tense": {
        "en": "The sentence is about the past (“{word}”): use the past tense of the verb.",
        "fi": "Virke kertoo menneestä (”{word}”): käytä verbin menneen ajan muotoa."},
    "grammar.en.irregular_past": {
        "en": "“{word}” is an irregular verb: its past form is different.",
        "fi": "”{word}” on epäsäännöllinen verbi: sen menneen ajan muoto on toinen."},
    "grammar.en.be_base_verb": {
        "en": "“{word}”: a verb in its base form needs no “am/is/are” before it (“I agree”, “it depends on”).",
        "fi": "”{word}”: perusmuotoinen verbi ei tarvitse eteensä am/is/are-muotoa (”I agree”, ”it depends on”)."},
    "grammar.en.modal_to": {
        "en": "Leave out “{word}”: after “can”, “must” or “should” the verb has no “to” (“we can help”).",
        "fi": "Jätä ”{word}” pois: ”can”, ”must” ja ”should” eivät ota to-sanaa (”we can help”)."},
    "grammar.en.missing_noun": {
        "en": "Add a noun after “{word}”: “the important thing is”.",
        "fi": "Lisää substantiivi: ”{word} thing is” (”the important thing is”)."},
    "grammar.en.gerund_after": {
        "en": "“{word}” takes the -ing form here: after “enjoy”, “avoid” or “look forward to” comes “helping”, “hearing from you”.",
        "fi": "”{word}” kuuluu tässä -ing-muotoon: ”enjoy”, ”avoid” ja ”look forward to” vaativat sen (”helping”, ”hearing from you”)."},
    "grammar.en.no_to": {
        "en": "Leave out “{word}”: after “make” and its object the verb has no “to” (“it made me wait”, “let us know”).",
        "fi": "Jätä ”{word}” pois: ”make” + objekti + perusmuoto ilman to-sanaa (”it made me wait”, ”let us know”)."},
    "grammar.en.base_after_object": {
        "en": "After “let”, “make” or “help” and its object the verb takes its base form: “{word}”.",
        "fi": "”let”-, ”make”- ja ”help”-verbin objektin jälkeen verbi on perusmuodossa: ”{word}”."},
    "grammar.en.participle_alone": {
        "en": "A past participle needs “have” before it, or use the past form: “{word}”.",
        "fi": "Partisiippi tarvitsee eteensä have-verbin, tai käytä imperfektiä: ”{word}”."},
    "grammar.en.embedded_question": {
        "en": "Inside a sentence a question keeps the statement order: “{word}” (“tell me where the shop is”, “let us know when you can come”).",
        "fi": "Sivulauseena kysymys säilyttää väitelauseen sanajärjestyksen: ”{word}” (”tell me where the shop is”, ”let us know when you can come”)."},
    "grammar.en.suggest_that": {
        "en": "Write “suggest that you …” (“we suggest that you restart the router”), not “{word}”.",
        "fi": "Kirjoita ”suggest that you …” (”we suggest that you restart the router”), ei ”{word}”."},
    "grammar.en.superlative_the": {
        "en": "A superlative takes “the”: “{word}” (“the most beautiful city”, “the best way”).",
        "fi": "Superlatiivi tarvitsee artikkelin ”the”: ”{word}” (”the most beautiful city”, ”the best way”)."},
    "grammar.en.missing_be": {
        "en": "Add “be”: “will be able to”, “will be happy to”, “can be”.",
        "fi": "Lisää ”be”: ”will be able to”, ”will be happy to”, ”can be”."},
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
    issues += _of_without_determiner_issues(text, words)
    issues += _pronoun_adjective_issues(text, words)
    issues += _degree_adjective_issues(text, words)
    issues += _participle_alone_issues(text, words)
    issues += _to_for_too_issues(text, words)
    issues += _past_time_issues(doc, words)
    issues += _verb_spelling_issues(text, words)
    issues += _be_base_verb_issues(text, words)
    issues += _modal_issues(text)
    issues += _construction_issues(text)
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
    """Find "many information", "much problems", "less customers" ("a lot of problem" is in
    grammar_articles_en, with the other words for an amount of things)."""
    for index, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        if not joined(text, first, second) or not second.text.islower() or not noun_phrase_ends(text, words, index + 1):
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
        if fixed:
            yield make_issue(first.start, first.end, "en.quantifier", "grammar.en.quantifier", "grammar",
                             fixed.capitalize() if first.text[0].isupper() else fixed)


_OF_QUANTIFIERS = frozenset({"most", "many", "some", "few", "several", "all", "none", "both", "each"})


def _of_without_determiner_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "most of customers", "many of orders": "of" after a quantifier needs a determiner, or goes.

    "the majority of customers" and "a number of calls" are right and not read: only a quantifier
    that stands for part of a group counts, and "us", "them", "these" after "of" are no nouns.
    """
    for index in range(len(words) - 2):
        quantifier, of, noun = words[index:index + 3]
        if quantifier.lower not in _OF_QUANTIFIERS or of.lower != "of" or not noun.text.islower():
            continue
        if not (joined(text, quantifier, of) and joined(text, of, noun)):
            continue
        if noun.lower in PLURAL_PEOPLE or singular_of(noun.lower, verb_forms=True):
            fixed = (f"{quantifier.text} of the {noun.text}" if quantifier.lower in ("none", "each")
                     else f"{quantifier.text} {noun.text}")
            yield make_issue(quantifier.start, noun.end, "en.of_determiner", "grammar.en.of_determiner", "article",
                             fixed)


# Adjectives a subject pronoun is often written straight before, with "am/are/is" left out.
_BE_ADJECTIVES = frozenset("""
sorry happy glad afraid unable able aware ready available sad busy interested grateful thankful
responsible unhappy disappointed satisfied sure
""".split())
_BE_FORMS = {"i": "am", "we": "are", "you": "are", "they": "are", "he": "is", "she": "is"}
# "I sure hope", "you sure did": "sure" as an adverb before a verb.
_AFTER_SURE = frozenset({"hope", "do", "did", "does", "know", "can", "will", "am", "is", "are", "was", "were",
                         "have", "had", "looks", "look", "seem", "seems"})
# Verbs whose object a pronoun + adjective can be: "makes you happy", "keep them busy", "found him unable".
_OBJECT_ADJECTIVE_VERBS = frozenset("""
make makes made making keep keeps kept let find found feel see want wanted help get got leave left thank like
""".split())


def _pronoun_adjective_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "I sorry for the delay", "we happy to help": a subject pronoun and an adjective with no verb."""
    for index in range(len(words) - 1):
        subject, adjective = words[index], words[index + 1]
        be = _BE_FORMS.get(subject.lower)
        if be is None or adjective.lower not in _BE_ADJECTIVES or not adjective.text.islower():
            continue
        if not joined(text, subject, adjective):
            continue
        if index and joined(text, words[index - 1], subject) and (
                words[index - 1].lower in _OBJECT_ADJECTIVE_VERBS or words[index - 1].lower in ("and", "or", "than", "as")
                or words[index - 1].lower in AUXILIARIES):
            continue  # "makes you happy": an object; after and/or/than/as a list or a comparison;
            # "Are you interested?", "Were they happy?": a question puts the verb first
        following = words[index + 2] if index + 2 < len(words) else None
        if adjective.lower == "sure" and following is not None and following.lower in _AFTER_SURE:
            continue
        yield make_issue(subject.start, adjective.end, "en.missing_be", "grammar.en.missing_am", "grammar",
                         f"{subject.text} {be} {adjective.text}")


# Past participles that differ from the simple past ("seen", "done", "known"); not "been" before
# an -ing form, which is spoken English ("we been waiting") but flagged the same way.
_PARTICIPLE_ONLY = frozenset(participle for past, participle in IRREGULAR.values()
                             if participle != past and participle not in BASE_VERBS)  # not "come", "run"
_HAVE_FOR = {"he": "has", "she": "has"}


def _participle_alone_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "I seen your message", "as we all known": a subject pronoun, then a participle with no "have"."""
    for index in range(len(words) - 1):
        subject = words[index]
        if subject.lower not in _BE_FORMS or not is_subject(words, text, index):
            continue
        verb_index = index + 1
        if words[verb_index].lower in ("all", "both", "just", "already", "never") and verb_index + 1 < len(words):
            verb_index += 1
        verb = words[verb_index]
        if verb.lower not in _PARTICIPLE_ONLY or not verb.text.islower():
            continue
        if not all(joined(text, words[i], words[i + 1]) for i in range(index, verb_index)):
            continue
        have = _HAVE_FOR.get(subject.lower, "have")
        yield make_issue(verb.start, verb.end, "en.participle", "grammar.en.participle_alone", "grammar",
                         f"{have} {verb.text}")


_DEGREE_WORDS = frozenset({"very", "so", "really", "quite", "extremely", "rather"})
_DEGREE_BE_FORMS = {**_BE_FORMS, "it": "is"}
_DEGREE_ADVERBS = frozenset({"much", "well", "far", "little", "enough"})  # "I like it very much"


def _degree_adjective_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "it very useful", "we so glad": a subject, a degree word and an adjective with no verb."""
    for index in range(len(words) - 2):
        subject, degree, adjective = words[index], words[index + 1], words[index + 2]
        be, first = _DEGREE_BE_FORMS.get(subject.lower), index
        if be is None and index and words[index - 1].lower in _DEGREE_DETERMINERS and joined(text, words[index - 1], subject):
            first = index - 1  # "the app very useful": a determiner and a noun
            classes = english_word_classes().get(subject.lower, "")
            if classes.replace("C", "") in ("N", "NV") or (not subject.text.islower() and not classes):
                be = "is"
            elif classes.replace("v", "") == "n":
                be = "are"
        if be is None or degree.lower not in _DEGREE_WORDS or not adjective.text.islower():
            continue
        if not (joined(text, subject, degree) and joined(text, degree, adjective) and is_subject(words, text, first)):
            continue
        classes = english_word_classes().get(adjective.lower, "")
        if not ("J" in classes and not any(c in classes for c in "VvA") and adjective.lower not in _DEGREE_ADVERBS
                or adjective.lower in _BE_ADJECTIVES):
            continue  # an adjective, perhaps also a noun or adverb ("familiar", "easy"); not "much" or "clear"
        if first and words[first - 1].lower in ("and", "or", "than", "as") and joined(text, words[first - 1], words[first]):
            continue  # a list or a comparison, not a clause
        if index + 3 < len(words) and looks_like_finite_verb(words[index + 3].lower):
            continue  # "it very likely arrives": the adjective is an adverb before the verb
        start = words[first].start
        yield make_issue(start, adjective.end, "en.missing_be", "grammar.en.missing_am", "grammar",
                         f"{text[start:subject.end]} {be} {degree.text} {adjective.text}")


_DEGREE_DETERMINERS = frozenset({"the", "this", "that", "our", "your", "my", "their", "his", "her"})


# Degree words "too" goes with when it means "more than enough" ("too late", "too expensive").
_TOO_WORDS = frozenset("""
late early expensive big small long busy slow fast high low difficult hard complicated short pretty soon often far
much many little few cheap old young heavy large complex strict risky
""".split())


# After a linking verb "to" cannot be a preposition before a degree word: "it looks to pretty".
_LINKING_VERBS = frozenset("""
is are was were be been being look looks looked seem seems seemed feel feels felt sound sounds sounded
get gets got become becomes became
""".split())


def _to_for_too_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "it is to late to cancel", "the price was to high.": "to" for "too" before a degree word.

    Only where the phrase clearly ends after the adjective (punctuation, or for/to/and/but/now/
    already), so "to many customers" and "to high standards" (a preposition) pass, and not in
    a range ("from early to late", "from cheap to expensive").
    """
    for index in range(1, len(words)):
        to, word = words[index - 1], words[index]
        if to.text != "to" or word.text not in _TOO_WORDS or not joined(text, to, word):
            continue
        rest = text[word.end:].lstrip(" \t")
        following = words[index + 1] if index + 1 < len(words) else None
        ends = not rest or rest[0] in ".,!?;:\n" or (
            following is not None and joined(text, word, following)
            and following.lower in ("for", "to", "and", "but", "now", "already")) or (
            index >= 2 and joined(text, words[index - 2], to) and words[index - 2].lower in _LINKING_VERBS)
        if not ends or any(w.lower in ("from", "between") for w in words[max(0, index - 5):index - 1]):
            continue
        yield make_issue(to.start, word.end, "en.too", "grammar.en.too", "confusion", f"too {word.text}")


def _after_than_like(words: list[Word], index: int) -> bool:
    """Tell whether "less" is part of "no less", "more or less" (not the quantifier)."""
    return index > 0 and words[index - 1].lower in ("no", "or", "much")


_PAST_MARKERS = rx(r"\b(yesterday|last\s+(?:week|month|year|night|time|monday|tuesday|wednesday|thursday|"
                   r"friday|saturday|sunday)|\w+\s+(?:days?|weeks?|months?|years?|hours?)\s+ago|"
                   r"when\s+(?:i|we|he|she|they)\s+(?:was|were)\b[^,;.!?]{0,60},)(?!['’]s)")
_PRESENT_MARKERS = rx(r"\b(?:today|now|currently|usually|always|every|since)\b")
# Verbs of state keep the present about the past in speech ("yesterday I mean ..."): not flagged.
_STATIVE = frozenset({"be", "have", "do", "need", "want", "hope", "like", "love", "hate", "mean", "think", "know",
                      "guess", "believe", "understand", "remember", "feel", "wish", "seem", "expect", "suppose"})
_PRESENT_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})


_HAVE_FORMS = frozenset({"have", "has", "i've", "we've", "you've", "they've"})
# Irregular past participle -> simple past ("spoken" -> "spoke", "sent" -> "sent"); a regular one is both.
_PAST_OF_PARTICIPLE = {participle: past for past, participle in IRREGULAR.values()}
_BEFORE_PERFECT_INFINITIVE = MODALS | {"to"}


def _perfect_with_past_time(text: str, inside: list[Word], marker_start: int) -> Iterator[Issue]:
    """Find "we have received your email yesterday": the present perfect with a finished past time.

    Only a statement ("have" after its subject, not "Have you ...?"), and only where no other
    verb stands between the participle and the time word ("you have the email we sent yesterday").
    """
    for index, word in enumerate(inside[:-1]):
        if word.lower not in _HAVE_FORMS or index == 0 and word.lower in ("have", "has"):
            continue
        if index and inside[index - 1].lower in _BEFORE_PERFECT_INFINITIVE:
            continue  # "should have sent it yesterday", "seems to have come years ago" are right
        verb_index = after_adverbs(inside, text, index)
        if verb_index >= len(inside) or not joined(text, inside[verb_index - 1], inside[verb_index]):
            continue
        verb = inside[verb_index]
        past = _PAST_OF_PARTICIPLE.get(verb.lower) or (
            verb.lower if verb.lower.endswith("ed") and "v" in english_word_classes().get(verb.lower, "") else "")
        if not past or not verb.text.islower() or verb.start > marker_start:
            continue
        between = [w for w in inside[verb_index + 1:] if w.start < marker_start]
        if any(w.lower in PAST_FORMS or w.lower in _PAST_OF_PARTICIPLE or w.lower in _HAVE_FORMS
               or w.lower in ("that", "which", "who", "when", "was", "were") for w in between):
            continue
        contracted = "'" in word.lower  # "we've sent" -> "we sent"
        yield make_issue(word.start, verb.end, "en.past_tense", "grammar.en.past_tense", "grammar",
                         word.text.replace("’", "'").split("'")[0] + " " + past if contracted else past)


def _past_time_issues(doc: Document, words: list[Word]) -> Iterator[Issue]:
    """Find "Yesterday we send you a code" and "we have sent it yesterday": a present-tense or
    present-perfect verb in a sentence about a finished past time."""
    text = doc.text
    for sentence in doc.sentences:
        marker = _PAST_MARKERS.search(sentence.text)
        if marker is None:
            continue
        inside = [w for w in words if sentence.start <= w.start < sentence.end]
        if _PRESENT_MARKERS.search(sentence.text):
            continue  # "yesterday ... and today we send": the sentence mixes times
        yield from _perfect_with_past_time(text, inside, sentence.start + marker.start())
        # A "when I was ..." clause sets the time for the clause right after its comma.
        reach = 40 if not marker.group(1).lower().startswith("when") else len(marker.group(1)) + 20
        for index, word in enumerate(inside[:-1]):
            if abs(word.start - sentence.start - marker.start()) > reach:
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
    return preferred_past(base)


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
_MISSING_BE = rx(r"\b(?:will|would|can|could|should|must|might|may|won't|wouldn't|can't|couldn't|shouldn't|cannot)"
                 r"(?:\s+not)?\s+([a-z]+)\b(?!-)")


def _verb_spelling_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find regularised irregular pasts ("we sended") and "will able to" (be is missing)."""
    for word in words:
        right = _REGULARISED.get(word.lower)
        if right and word.text.islower():
            yield make_issue(word.start, word.end, "en.irregular_past", "grammar.en.irregular_past", "spelling",
                             right)
    for match in _MISSING_BE.finditer(text):
        adjective = match.group(1)
        if _predicate_adjective(adjective):
            yield make_issue(match.start(1), match.end(1), "en.missing_be", "grammar.en.missing_be", "grammar",
                             "be " + adjective)


_MODAL_TO = rx(r"\b(can|could|should|must|might|would|can't|cannot|couldn't|shouldn't|mustn't|wouldn't|won't)"
               r"(?:\s+not)?\s+to\s+([a-z]+)\b")
# "it can the most helpful thing", "we will a better service": a modal before a noun phrase.
_MODAL_ARTICLE = rx(r"\b(?:i|we|you|they|he|she|it|this|that|there)\s+(?:will|would|can|could|should|must|might|may)"
                    r"(?:\s+not)?\s+(the|a|an)\s+([a-z]+)")
# "The important is to reply fast": an adjective standing for a noun.
_ADJECTIVE_AS_NOUN = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(The\s+([a-z]+))\s+(?:is|was)\b")
_NOMINAL_ADJECTIVES = frozenset({"same", "latter", "former", "following", "above", "below", "unexpected", "impossible",
                                 "unknown", "obvious", "inevitable", "opposite", "reverse", "contrary"})


def _modal_issues(text: str) -> Iterator[Issue]:
    """Find "we can to help", "it can the most helpful thing" and "The important is"."""
    for match in _MODAL_TO.finditer(text):
        verb = match.group(2)
        if verb in BASE_VERBS or "V" in english_word_classes().get(verb, ""):
            to = text.index("to", match.end(1))
            yield make_issue(to, to + 2, "en.modal_to", "grammar.en.modal_to", "grammar")
    for match in _MODAL_ARTICLE.finditer(text):
        if verb_base_only(match.group(2)):
            continue  # "you will a receive": a stray article, not a missing "be"
        yield make_issue(match.start(1), match.end(1), "en.missing_be", "grammar.en.missing_be", "grammar",
                         "be " + match.group(1))
    for match in _ADJECTIVE_AS_NOUN.finditer(text):
        adjective = match.group(2)
        if (adjective_only(adjective) and adjective not in _NOMINAL_ADJECTIVES
                and not adjective.endswith(("est", "most"))):  # "The best is yet to come"
            yield make_issue(match.start(1), match.end(1), "en.missing_noun", "grammar.en.missing_noun", "grammar",
                             match.group(1) + " thing")


# Verbs whose object is an -ing form, not "to" + verb ("we enjoy to help"), and "look forward to".
# Not the verbs with a noun or a passive twin that takes "to" ("a risk to", "keep in mind to",
# "are considered to be", "quit to join": a purpose).
_GERUND_VERBS = rx(r"\b((?:enjoy|enjoys|enjoyed|enjoying|avoid|avoids|avoided|avoiding|finish|finishes|finished|"
                   r"consider|considers|considering|postpone|postponed)\s+to\s+|(?:look|looks|looked|looking)"
                   r"\s+forward\s+to\s+)([a-z]+)\b")
_MAKE_OBJECT_TO = rx(r"\b(make|makes|made|making|let|lets|letting)\s+(?:me|you|him|her|us|them|people|customers|"
                     r"students|children|kids|users|everyone|everybody)\s+(to)\s+([a-z]+)\b")
_OBJECT_S_VERB = rx(r"\b(?:let|lets|make|makes|made|making|help|helps|helped)\s+(?:(me|you|him|her|us|them|it)|"
                    r"(?:the|your|our|this|that)\s+[a-z]+)\s+([a-z]+s)\b")
# A question inside a sentence ("tell me where …", "let us know when …") takes the statement's
# word order: "where the shop is", not "where is the shop"; "which size you ordered", not
# "which size did you order". "what"/"which" + noun before "is" may be the subject
# ("tell me which part is broken"), so only do-support counts after them.
_EMBEDDING = (r"(?:tell\s+(?:me|us|him|her|them)|let\s+(?:me|us)\s+know|(?:do|does|did)\s+(?:you|he|she|they|we|i)\s+know|"
              r"i\s+(?:don't|do\s+not|didn't)\s+know|wonder|wondering|wondered|not\s+sure|no\s+idea|"
              r"(?:ask|asked|asking)\s+(?:you|him|her|them|me|us)|find\s+out)")
_EMBEDDED_SUBJECT = r"(?:you|he|she|they|we|i|it|the|your|our|this|that|my|his|her|their)"
_EMBEDDED_QUESTION = rx(r"\b" + _EMBEDDING + r"\s+((?:where|when|why|how(?:\s+(?:much|many|long|often|soon))?)\s+"
                        r"(?:do|does|did|is|are|was|were|can|could|will|would|should|have|has)\s+" + _EMBEDDED_SUBJECT +
                        r"|(?:what|which)\s+[a-z]+\s+(?:do|does|did)\s+" + _EMBEDDED_SUBJECT + r")\b")
_SUGGEST_TO = rx(r"\b((?:suggest|suggests|suggested)\s+(?:you|him|her|them|us|me)\s+to)\s+([a-z]+)\b")
_BARE_SUPERLATIVE = rx(r"\b(?:is|was|are|were|be|been|it's|that's|this\s+is)\s+((most\s+([a-z]+)|([a-z]+est))\s+([a-z]+))\b")


def _superlative(word: str) -> bool:
    """Tell whether a word in -est is an adjective's superlative: best, latest, biggest, happiest
    (not honest, modest or forest)."""
    if word in ("best", "worst", "least"):
        return True
    classes = english_word_classes()
    stem = word[:-3]
    roots = [stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else "",
             stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""]
    return len(stem) >= 2 and any(r and "J" in classes.get(r, "") and "N" not in classes.get(r, "") for r in roots)


def _construction_issues(text: str) -> Iterator[Issue]:
    """Find "we enjoy to help", "we look forward to hear from you", "it made me to wait",
    "we suggest you to restart", "Kyoto is most beautiful city"."""
    classes = english_word_classes()
    for match in _GERUND_VERBS.finditer(text):
        verb = match.group(2)
        if classes.get(verb, "") in ("V", "PV", "NV") or verb in BASE_VERBS:
            yield make_issue(match.start(2), match.end(2), "en.gerund_after", "grammar.en.gerund_after", "grammar",
                             ing_form(verb))
    for match in _MAKE_OBJECT_TO.finditer(text):
        if "V" in classes.get(match.group(3), ""):
            yield make_issue(match.start(2), match.end(2), "en.no_to", "grammar.en.no_to", "grammar")
    for match in _OBJECT_S_VERB.finditer(text):
        verb, verb_classes = match.group(2), classes.get(match.group(2), "n")
        # After a pronoun a plural noun cannot stand ("make it works"); after a noun it could.
        # After a noun, a comparative or adjective next shows the verb ("let the product looks better").
        after = re.match(r"\s+([a-z]+)", text[match.end(2):])
        shows_verb = after is not None and (after.group(1) in ("better", "worse", "more", "less", "like")
                                             or adjective_only(after.group(1)))
        if "v" in verb_classes and (verb in S_FORMS or shows_verb) and (
                match.group(1) or set(verb_classes) <= set("Vv") or shows_verb):
            yield make_issue(match.start(2), match.end(2), "en.base_form", "grammar.en.base_after_object", "grammar",
                             S_FORMS.get(verb) or singular_of(verb, verb_forms=True) or verb[:-1])
    for match in _EMBEDDED_QUESTION.finditer(text):
        yield make_issue(match.start(1), match.end(1), "en.embedded_question", "grammar.en.embedded_question", "order")
    for match in _SUGGEST_TO.finditer(text):
        if "V" in classes.get(match.group(2), ""):
            fixed = match.group(1)[:-3].replace(" ", " that ", 1)
            yield make_issue(match.start(1), match.end(1), "en.suggest_that", "grammar.en.suggest_that", "grammar", fixed)
    for match in _BARE_SUPERLATIVE.finditer(text):
        adjective = match.group(3) or match.group(4)
        noun = match.group(5)
        if match.group(4) and not _superlative(adjective):
            continue  # "was honest man", "is forest area": no superlative
        noun_classes = classes.get(noun, "")
        if adjective_only(adjective) or match.group(4):
            if "N" in noun_classes and not any(c in noun_classes for c in "JRAv"):
                yield make_issue(match.start(1), match.end(1), "en.superlative_the", "grammar.en.superlative_the",
                                 "article", "the " + match.group(1))


def _predicate_adjective(word: str) -> bool:
    """Tell whether a word after a modal can only be an adjective, so "be" is missing ("will happy
    to help", "can not ready"): not a verb, noun or adverb as well ("will soon", "can only")."""
    return word in _BE_ADJECTIVES or adjective_only(word) and "R" not in english_word_classes().get(word, "")


_BE_BEFORE_VERB = {"am": "", "is": "s", "are": "", "i'm": "", "we're": "", "you're": "", "they're": "",
                   "it's": "s", "he's": "s", "she's": "s"}
_DO_FOR_BE = {"": "do", "s": "does"}


def _be_base_verb_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "I am agree", "some people are not agree", "the price is depend on": a present form of
    "be" before a verb's base form, which needs none.

    Not after "do" earlier in the sentence ("all you need to do is click the link", "what we can
    do is call the courier": a base verb is right there), and only for words that can be nothing
    but a verb's base form.
    """
    for index in range(len(words) - 1):
        be = words[index]
        person = _BE_BEFORE_VERB.get(be.lower)
        if person is None:
            continue
        verb_index = index + 1
        negated = words[verb_index].lower == "not" and joined(text, be, words[verb_index])
        if negated:
            verb_index += 1
        if verb_index >= len(words) or not joined(text, words[verb_index - 1], words[verb_index]):
            continue
        verb = words[verb_index]
        if not verb.text.islower() or verb.lower in ADJECTIVE_LIKE_VERBS or verb.lower in ("be", "do", "have"):
            continue
        if not verb_base_only(verb.lower):
            continue  # "is found" is a past participle too, "is help" a noun
        if any(w.lower in DO_WORDS or w.lower == "done" for w in words[max(0, index - 8):index]):
            continue
        if negated:
            fixed = f"{_DO_FOR_BE[person]} not {verb.lower}"
        else:
            fixed = third_person(verb.lower) if person else verb.lower
        subject = be.text.replace("’", "'").split("'")[0] + " " if "'" in be.lower else ""  # "I'm agree" -> "I agree"
        yield make_issue(be.start, verb.end, "en.be_base_verb", "grammar.en.be_base_verb", "grammar", subject + fixed)
