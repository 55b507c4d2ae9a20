"""What a reply does with the words it contains: states, denies, asks, supposes or reports them.

A forbidden phrase in a refusal ("30 %:n alennusta en voi antaa"), a question, an if-clause or a
quote of what someone else said is not the claim; a key point's words in a hedge ("refunds can
take some time") do not state its content. `stance_of` reads the clause around matched words.

Clauses end at sentence ends, clause punctuation and the words in `phrases.CLAUSE_BREAKERS`.
Finnish person, tense and mood come from Voikko; English from word order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import resources
from .phrases import CLAUSE_BREAKERS, Match, WordView, _clause_break, is_negated

CONDITIONAL = {
    "fi": frozenset({"jos", "mikäli", "kunhan", "ellei", "jollei", "jahka"}),
    "en": frozenset({"if", "unless", "whether", "provided", "once"}),
    "sv": frozenset({"om", "ifall", "såvida"}),
}
# Base forms of verbs that report what someone said; past or passive, not first person, they quote.
REPORTING = {
    "fi": frozenset({"sanoa", "kertoa", "luvata", "mainita", "kirjoittaa", "väittää", "tarjota",
                     "ilmoittaa", "vakuuttaa", "ehdottaa", "odottaa", "luulla", "olettaa", "ymmärtää"}),
    "en": frozenset({"said", "told", "promised", "mentioned", "wrote", "claimed", "stated", "offered",
                     "informed", "suggested", "assured", "quoted", "according", "expected", "thought",
                     "assumed", "hoped", "understood"}),
    "sv": frozenset({"sa", "sade", "lovade", "nämnde", "skrev", "påstod", "erbjöd"}),
}
# Modal words of possibility: with a thing as subject they hedge ("refunds can take time", "se voi kestää");
# with I/we they offer ("voin hyvittää"), with you they state an option ("voit perua").
HEDGES = {
    "fi": frozenset({"voida", "saattaa", "ehkä", "mahdollisesti", "yleensä", "joskus", "tavallisesti", "luultavasti"}),
    "en": frozenset({"may", "might", "could", "can", "possibly", "perhaps", "maybe", "usually", "sometimes",
                     "normally", "typically", "probably"}),
    "sv": frozenset({"kan", "kanske", "möjligen", "brukar", "ibland"}),
}
FIRST_PERSON_EN = frozenset({"i", "we", "i'll", "we'll", "i'm", "we're", "i've", "we've", "let"})
PERSONAL_SUBJECTS_EN = FIRST_PERSON_EN | {"you", "you'll", "you're"}
_QUOTES = "\"“”«»"


@dataclass(frozen=True)
class Stance:
    """How the clause around some words treats them."""

    negated: bool = False
    conditional: bool = False
    question: bool = False
    reported: bool = False
    hedged: bool = False

    @property
    def asserted(self) -> bool:
        """The words are put forward as true or as a promise (hedges still promise)."""
        return not (self.negated or self.conditional or self.question or self.reported)

    @property
    def stated_as_fact(self) -> bool:
        """Asserted without a hedge: what a key point needs."""
        return self.asserted and not self.hedged


def stance_of(view: WordView, match: Match) -> Stance:
    """Read the stance of the clause around `match`."""
    first, last = min(match.indices), max(match.indices)
    start, end = clause_bounds(view, first, last)
    language = view.doc.language
    before = range(start, first)
    sentence = view.doc.sentence_at(view.words[first].start)
    return Stance(
        negated=is_negated(view, match),
        conditional=any(view.words[j].lower in CONDITIONAL.get(language, ()) for j in before),
        question=bool(sentence and sentence.text.rstrip().endswith("?")),
        reported=_inside_quotes(view, match) or _reported(view, first, language),
        hedged=_hedged(view, start, end, language),
    )


def clause_bounds(view: WordView, first: int, last: int) -> tuple[int, int]:
    """Return the word indices (inclusive) of the clause holding words first..last."""
    breakers = CLAUSE_BREAKERS.get(view.doc.language, frozenset())
    sentence = view.sentence_of[first]
    start = first
    while start > 0 and view.sentence_of[start - 1] == sentence and not _clause_break(view, start - 1, start) \
            and view.words[start].lower not in breakers:
        start -= 1
    end = last
    while end + 1 < len(view.words) and view.sentence_of[end + 1] == sentence and not _clause_break(view, end, end + 1) \
            and view.words[end + 1].lower not in breakers:
        end += 1
    return start, end


def _inside_quotes(view: WordView, match: Match) -> bool:
    sentence = view.doc.sentence_at(match.start)
    if sentence is None:
        return False
    before = view.doc.text[sentence.start:match.start]
    return sum(before.count(q) for q in _QUOTES) % 2 == 1


def _reported(view: WordView, first: int, language: str) -> bool:
    """A reporting verb earlier in the sentence, said by someone else or in the past ("kollega lupasi")."""
    sentence = view.sentence_of[first]
    verbs = REPORTING.get(language, frozenset())
    j = first - 1
    while j >= 0 and view.sentence_of[j] == sentence:
        word = view.words[j].lower
        if language == "fi" and view.forms[j] & verbs and _finnish_reporting_form(view.words[j].text):
            return True
        if language != "fi" and word in verbs and (j == 0 or view.words[j - 1].lower not in FIRST_PERSON_EN):
            return True
        j -= 1
    return False


@lru_cache(maxsize=4096)
def _finnish_reporting_form(word: str) -> bool:
    """Past or passive, not first person: "lupasi", "luvattiin", "sanoit" report; "lupaan" promises."""
    for analysis in resources.voikko().analyze(word):
        if analysis.get("CLASS") != "teonsana":
            continue
        person, tense = analysis.get("PERSON"), analysis.get("TENSE", "")
        if person == "4" or (tense.startswith("past") and person != "1"):
            return True
        if analysis.get("PARTICIPLE") in ("past_active", "past_passive"):
            return True
    return False


def _hedged(view: WordView, start: int, end: int, language: str) -> bool:
    hedges = HEDGES.get(language, frozenset())
    for j in range(start, end + 1):
        if not (view.forms[j] & hedges or view.words[j].lower in hedges):
            continue
        if language == "fi" and _finnish_personal(view.words[j].text):
            continue  # "voin hyvittää" offers, "voit perua" states an option: neither hedges
        if language == "en" and j > 0 and view.words[j - 1].lower in PERSONAL_SUBJECTS_EN:
            continue
        return True
    return False


@lru_cache(maxsize=4096)
def _finnish_personal(word: str) -> bool:
    """First or second person: a speaker's offer or the customer's option, not a hedge."""
    return any(a.get("PERSON") in ("1", "2") for a in resources.voikko().analyze(word))


def sentence_indices(view: WordView, index: int) -> Sequence[int]:
    """Return the word indices of the sentence holding word `index` (sentence numbers ascend)."""
    sentence = view.sentence_of[index]
    return range(bisect_left(view.sentence_of, sentence), bisect_right(view.sentence_of, sentence))
