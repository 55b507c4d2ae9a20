"""English comma and capital-letter rules: introductory words and clauses, joined clauses."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..resources import english_word_classes
from ..text import Document
from .grammar_en_base import (
    CONTRACTED_SUBJECTS,
    FUTURE_MODALS,
    Issue,
    Word,
    after_adverbs,
    joined,
    looks_like_finite_verb,
    make_issue,
)

COMMA_MESSAGES = {
    "grammar.en.clause_comma": {
        "en": "Put a comma before “{word}” when it joins two complete sentences.",
        "fi": "Lisää pilkku sanan ”{word}” eteen, kun se yhdistää kaksi päälausetta."},
    "grammar.en.intro_clause_comma": {
        "en": "Put a comma after the opening clause, after “{word}”.",
        "fi": "Lisää pilkku virkkeen aloittavan sivulauseen jälkeen, sanan ”{word}” perään."},
    "grammar.en.however_comma": {
        "en": "“{word}”: inside a sentence “however” stands between commas, and it cannot join two sentences with a comma alone (write “; however,” or start a new sentence).",
        "fi": "”{word}”: virkkeen sisällä ”however” erotetaan pilkuilla, eikä se yhdistä kahta päälausetta pelkällä pilkulla (kirjoita ”; however,” tai aloita uusi virke)."},
    "grammar.en.comma_before_that": {
        "en": "No comma before “that” here: “{word}” (in English, unlike Finnish, a that-clause after a verb takes no comma).",
        "fi": "Ei pilkkua ennen sanaa ”that”: ”{word}” (englannissa, toisin kuin suomessa, verbin jälkeinen that-lause ei saa pilkkua)."},
    "grammar.en.tag_question": {
        "en": "“{word}” asks a question: end the sentence with a question mark.",
        "fi": "”{word}” on kysymys: päätä virke kysymysmerkkiin."},
    "grammar.en.capital_mid_sentence": {
        "en": "“{word}” needs no capital letter inside a sentence.",
        "fi": "”{word}” kirjoitetaan virkkeen keskellä pienellä."},
}

_INTRO_PHRASES = ("However", "Unfortunately", "Therefore", "For example", "For instance", "In addition",
                  "Moreover", "Furthermore", "Additionally", "In conclusion", "In my opinion",
                  "On the other hand", "In fact", "Firstly", "Secondly", "Thirdly", "Lastly",
                  "Consequently", "As a result", "Fortunately", "Thankfully", "Luckily",
                  "In the meantime", "In summary", "Nevertheless", "Meanwhile")
_INTRO = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(" + "|".join(_INTRO_PHRASES) + r")(?= [a-zA-Z])")
# Sentence adverbs that take the comma where a subject follows them ("Also we can", "Second the
# amount is"); before other words they may be something else ("Also available", "Second floor",
# "First class", "Of course not").
_SUBJECT_INTRO_PHRASES = ("Also", "First", "Second", "Third", "Fourth", "Finally", "Besides", "Otherwise",
                          "Instead", "Similarly", "Likewise", "Of course", "In other words", "By the way",
                          "As a matter of fact", "In particular", "In short", "To my surprise", "In my view",
                          "In my experience", "In simple words", "In any case", "In general")
_SUBJECT_START = r"(?:the|we|i|you|they|he|she|it|there|this|these|those|our|my|your|their|his|her|its|some|many|most|people|everyone|nobody)\b"
_SUBJECT_INTRO = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(" + "|".join(_SUBJECT_INTRO_PHRASES) + r") (?=" + _SUBJECT_START + ")",
                            re.IGNORECASE)
_HOWEVER_NOT_INTRO = re.compile(r" (?:much|many|long|often|far|hard|small|big|little|you|good|bad|well|high|low|"
                                r"late|early|strong|large|careful|great|minor|slight)\b", re.IGNORECASE)


# "however" inside a sentence: after a word with no comma ("the person however will"), or after a
# comma and before a new clause's subject ("the order, however it has shipped": a comma splice).
# Not before a degree word ("however long it takes"), not in "pay however you like" (in whatever
# way), and not where a comma follows ("we, however, can").
_HOWEVER_INSIDE = re.compile(r"(?<=[a-z]) however(?= (?!(?:you|we|i|they|he|she|it|one)\b)[a-z])|(?<=[a-z],) however(?= (?:we|i|you|they|he|she|it|"
                             r"there|this|the|our|your|some|many)\b)")
# A verb of saying or thinking after its subject, then a comma and "that": Finnish puts a comma
# before "että", English none before "that" ("I think, that ...").
_COMMA_THAT = re.compile(r"\b(?:I|we|you|they|he|she|We|You|They|He|She)(?: (?:also|really|do|still|truly|strongly))? "
                         r"(think|thought|believe|believed|hope|hoped|know|knew|feel|felt|guess|understand|"
                         r"agree|say|said|see|saw|noticed|realise|realised|realize|realized|expect|expected|"
                         r"suppose|promise|promised|confirm|confirmed|mean|meant)(, that)\b")


def comma_issues(doc: Document, words: list[Word]) -> list[Issue]:
    """Return the comma and mid-sentence capital issues of an English text."""
    text = doc.text
    issues = list(_intro_comma_issues(text))
    issues += _however_issues(text)
    for match in _COMMA_THAT.finditer(text):
        issues.append(make_issue(match.start(2), match.end(2), "en.comma_before_that", "grammar.en.comma_before_that",
                                 "comma", " that", category="punctuation"))
    starts = [w.start for w in words]
    for sentence in doc.sentences:
        inside = words[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        issues += _intro_clause_issues(text, inside)
        issues += _clause_comma_issues(text, inside)
    issues += _capital_mid_sentence_issues(text)
    for match in _TAG_QUESTION.finditer(text):
        issues.append(make_issue(match.start(1), match.end(1), "en.tag_question", "grammar.en.tag_question",
                                 "punctuation", match.group(1)[:-1] + "?", category="punctuation"))
    return issues


# A question tag at the end of a sentence: ", didn't you." asks, so it ends in "?".
_TAG_QUESTION = re.compile(r",\s*((?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|can't|haven't|hasn't|"
                           r"shouldn't|wouldn't|couldn't)\s+(?:it|you|they|he|she|we|I|there)\s*\.)(?=\s|$)",
                           re.IGNORECASE)


def _intro_comma_issues(text: str) -> Iterator[Issue]:
    """Find "Unfortunately we cannot...", "Also we can": an introductory word opening a sentence without its comma."""
    for match in _INTRO.finditer(text):
        phrase = match.group(1)
        if phrase == "However" and _HOWEVER_NOT_INTRO.match(text, match.end(1)):
            continue  # "However long it takes" is not the connective
        yield make_issue(match.start(1), match.end(1), "en.intro_comma", "grammar.en.intro_comma", "comma",
                         phrase + ",", category="punctuation")
    for match in _SUBJECT_INTRO.finditer(text):
        phrase = match.group(1)
        if phrase[0].isupper():  # the sentence's own start, not a lowercase continuation
            yield make_issue(match.start(1), match.end(1), "en.intro_comma", "grammar.en.intro_comma", "comma",
                             phrase + ",", category="punctuation")


def _however_issues(text: str) -> Iterator[Issue]:
    """Find "the person however will", "your order, however it has shipped": "however" inside a
    sentence without its commas, or joining two sentences with a comma."""
    for match in _HOWEVER_INSIDE.finditer(text):
        if _HOWEVER_NOT_INTRO.match(text, match.end()):
            continue  # "however long it takes"
        before = text[:match.start()].rstrip(",").rsplit(None, 1)[-1:] or [""]
        if text[match.start() - 1] != ",":
            fixed = ", however,"
        elif before[0].lower() in _SUBORDINATORS | {"and", "but", "or", "so", "that"}:
            fixed = "however,"  # "If, however the customer": only the second comma is missing
        else:
            fixed = "; however,"  # two sentences joined by a comma
        yield make_issue(match.start() + 1, match.end(), "en.however_comma", "grammar.en.however_comma", "comma",
                         fixed, category="punctuation")


_SUBORDINATORS = frozenset({"if", "when", "whenever", "once", "although", "though", "unless", "while", "after",
                            "before", "since", "because"})
_MAIN_SUBJECTS = frozenset({"we", "you", "i", "they", "he", "she", "it"})
# Words after which a pronoun starts an object clause or a relative clause, not the main clause:
# "if you think we should", "when the parcel you ordered", "once you know they can".
_NOT_CLAUSE_END = frozenset("""
that which who whom whose what where how why whether if when because as than and or but so then
think thought know knew say said believe hope feel felt mean meant guess see saw find found realize
realise notice noticed expect wish wished tell told ask asked sure aware afraid glad agree agreed
decide decided confirm confirmed understand understood show showed explain explained suggest
doubt doubted bet suspect suspected assume assumed imagine promise promised guarantee guaranteed
is are was were be been am to of for with from by about in on at into the a an your our my their
""".split())


def _intro_clause_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "If you need help we can call you": an opening if/when clause with no comma before the main clause.

    Only a main clause whose subject is followed by a modal ("we can", "you will", "we'll") or
    "please" counts, which sets it apart from object and relative clauses. The clause may open the
    sentence, follow an opening "So"/"And"/"But", or follow ", so", ", and" or ", but".
    """
    if len(words) < 5 or not text[words[0].start:words[0].end][0].isupper():
        return
    for start in _clause_openings(text, words):
        yield from _intro_clause_from(text, words, start)


_COORDINATORS = frozenset({"so", "and", "but"})


def _clause_openings(text: str, words: list[Word]) -> Iterator[int]:
    """Yield the indexes where an if/when clause or an infinitive phrase opens a sentence's clause."""
    for index, word in enumerate(words[:-1]):
        opens = word.lower in _SUBORDINATORS or (word.lower == "to" and _opens_infinitive(words[index + 1].lower))
        if not opens:
            continue
        if index == 0:
            yield index  # "To get a refund you need" opens with an infinitive phrase
        elif word.lower in _SUBORDINATORS and words[index - 1].lower in _COORDINATORS and (
                index == 1 or "," in text[words[index - 2].end:words[index - 1].start]):
            yield index


# Nominative pronouns cannot follow a preposition, so one after a preposition starts the main
# clause ("To respond to the world we live in we need …": "in" ends the phrase).
_NOMINATIVE = frozenset({"i", "we", "they", "he", "she"})
_PREPOSITIONS = frozenset({"to", "of", "for", "with", "from", "by", "about", "in", "on", "at", "into"})


def _intro_clause_from(text: str, words: list[Word], start: int) -> Iterator[Issue]:
    for index in range(start + 3, len(words)):
        previous, word = words[index - 1], words[index]
        if not joined(text, previous, word):
            return  # a comma (or other punctuation) already ends the clause
        if previous.lower in _NOT_CLAUSE_END and not (previous.lower in _PREPOSITIONS and word.lower in _NOMINATIVE):
            continue
        if word.lower == "please" or word.lower in CONTRACTED_SUBJECTS - {"it's", "there's", "he's", "she's"}:
            main = True
        elif word.lower in _MAIN_SUBJECTS:
            verb_index = after_adverbs(words, text, index)
            main = verb_index < len(words) and (words[verb_index].lower in FUTURE_MODALS or (
                words[verb_index].lower in ("need", "needs", "have", "has") and verb_index + 1 < len(words)
                and words[verb_index + 1].lower == "to"))  # "you need to", "we have to"
        else:
            main = False
        if main:
            yield make_issue(previous.start, previous.end, "en.intro_clause_comma", "grammar.en.intro_clause_comma",
                             "comma", previous.text + ",", category="punctuation")
            return


def _opens_infinitive(word: str) -> bool:
    """Tell whether a word after a sentence-initial "To" is a verb ("To get a refund, ...")."""
    classes = english_word_classes().get(word, "")
    return "V" in classes and "N" not in classes


_JOINING_CONJUNCTIONS = frozenset({"but", "so"})
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it"})


def _clause_comma_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find "We checked the order but it was already sent": but/so joining two clauses without a comma.

    The left part must hold a subject and a verb of its own, the right part must open with a
    subject pronoun and a verb; "so we can" is a purpose clause and needs no comma.
    """
    for index in range(3, len(words) - 2):
        conjunction, subject = words[index], words[index + 1]
        if conjunction.lower not in _JOINING_CONJUNCTIONS or not joined(text, words[index - 1], conjunction):
            continue
        if not joined(text, conjunction, subject):
            continue
        if subject.lower in CONTRACTED_SUBJECTS:
            verb = subject
        elif subject.lower in _SUBJECTS:
            verb_index = after_adverbs(words, text, index + 1)
            if verb_index >= len(words) or not joined(text, words[verb_index - 1], words[verb_index]):
                continue
            verb = words[verb_index]
            if not looks_like_finite_verb(verb.lower):
                continue
        else:
            continue
        if conjunction.lower == "so" and (verb.lower in FUTURE_MODALS or verb.lower.endswith(("'ll", "'d"))):
            continue  # "so we can fix it" says why, not what followed
        if not _clause_before(text, words, index):
            continue
        yield make_issue(conjunction.start, conjunction.end, "en.clause_comma", "grammar.en.clause_comma", "comma",
                         ", " + conjunction.text, category="punctuation")


def _clause_before(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the words before `index` (back to punctuation) form a clause with its own subject and verb."""
    start = index
    while start > 0 and joined(text, words[start - 1], words[start]):
        start -= 1
    left = words[start:index]
    if len(left) < 3 or left[0].lower in _SUBORDINATORS | {"not", "and", "or"}:
        return False
    for position, word in enumerate(left[:-1]):
        if word.lower in CONTRACTED_SUBJECTS:
            return True
        if word.lower in _SUBJECTS | {"there"} and looks_like_finite_verb(left[after_adverbs(left, text, position)].lower
                                                                           if after_adverbs(left, text, position) < len(left) else ""):
            return True
    return False


_MID_SENTENCE_CAPITAL = re.compile(
    r"(?<=[a-z,] )(The|This|That|These|Those|When|If|Because|But|And|So|We|They|He|She|You|Then|What|"
    r"Which|Our|Your|Their|Some|Many|Most|Every|Each|Also|Although|However|Therefore)\b(?= (?:[a-z]|I\b))")


def _capital_mid_sentence_issues(text: str) -> Iterator[Issue]:
    """Find "..., The reason is": a function word capitalised inside a sentence (never a name or a title)."""
    for match in _MID_SENTENCE_CAPITAL.finditer(text):
        word = match.group(1)
        yield make_issue(match.start(1), match.end(1), "en.capital_mid_sentence", "grammar.en.capital_mid_sentence",
                         "case", word.lower())
