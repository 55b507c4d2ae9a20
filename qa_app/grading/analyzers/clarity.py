"""Clarity: readable sentences, plain words, no filler, a length that fits the channel.

Every deduction is a Finding with a penalty and the score is 100 minus their sum, so a reviewer
can see exactly why an answer lost points.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..context import GradingContext
from ..messages import register
from ..results import AnalyzerResult, Finding
from ..text import Document, Sentence, Token
from .readability import (
    Readability,
    is_passive,
    measure,
    nested_negatives,
    passive_counts,
    salutation_end,
)

_LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"

# Sentence length (words) above which a sentence is long / very long. Finnish words carry
# more meaning (cases, compounds), so Finnish sentences are judged shorter.
LONG_SENTENCE = MappingProxyType({"en": (25, 35), "fi": (18, 26), "sv": (22, 32)})
# Ideal maximum words per channel; beyond it the answer is "too long for the channel".
CHANNEL_MAX_WORDS = MappingProxyType({"chat": 60, "social": 80, "phone": 80, "email": 220})
WALL_OF_TEXT_WORDS = 80
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
TOO_LONG_MAX_PENALTY = 70.0
# A reply that is mostly an earlier reply again (share of its word 4-grams), or one paragraph pasted twice.
REPEAT_SHARE = 0.6
REPEAT_PENALTY = 40.0
PASTED_MIN_WORDS = 8
PENALTY_CAPS = MappingProxyType({"jargon": 12.0, "filler": 8.0, "vague": 12.0, "repetition": 6.0,
                                 "long_sentence": 20.0, "hedge": 10.0, "negation": 8.0})
# Points per hit: jargon and vague promises leave the customer unsure what happens; filler only slows.
HIT_PENALTY = MappingProxyType({"jargon": 3.0, "filler": 1.5, "vague": 4.0, "hedge": 2.5, "negation": 4.0})
# Hedges ("I think", "maybe", "luultavasti") count when they pile up: this many in one sentence,
# or this many in the reply. One is honest caution.
HEDGES_PER_SENTENCE = 2
HEDGES_PER_REPLY = 4
# The answer comes last: a sentence opening with "To sum up," or "Kaiken kaikkiaan"
# after at least this many words and this share of the reply.
BURIED_AFTER_WORDS = 30
BURIED_AFTER_SHARE = 0.5
BURIED_PENALTY = 8.0

register({
    "clarity.long_sentence": {"en": "Long sentence ({count} words). Split it so the customer can follow.", "fi": "Pitkä virke ({count} sanaa). Jaa se lyhyemmiksi, jotta asiakas pysyy mukana."},
    "clarity.readability_en": {"en": "The text is hard to read (Flesch reading ease {value}). Prefer short sentences and everyday words.", "fi": "Teksti on vaikealukuista (Flesch {value}). Suosi lyhyitä virkkeitä ja arkisia sanoja."},
    "clarity.readability_fi": {"en": "The text is hard to read (LIX {value}). Prefer shorter sentences and words.", "fi": "Teksti on raskasta luettavaa (LIX {value}). Suosi lyhyempiä virkkeitä ja sanoja."},
    "clarity.long_words_fi": {"en": "Many long words ({value} % of words have four or more syllables).", "fi": "Paljon pitkiä sanoja ({value} % sanoista on vähintään nelitavuisia)."},
    "clarity.variety": {"en": "All sentences are about the same length; mixing short and longer ones reads more naturally.", "fi": "Virkkeet ovat keskenään yhtä pitkiä; lyhyiden ja pidempien vaihtelu on luontevampaa."},
    "clarity.wall_of_text": {"en": "A long email without paragraph breaks ({count} words). Split it into short paragraphs.", "fi": "Pitkä sähköposti ilman kappalejakoa ({count} sanaa). Jaa teksti lyhyisiin kappaleisiin."},
    "clarity.passive": {"en": "Most sentences ({count} of {total}) are passive. Say who does what: “we will refund” instead of “it will be refunded”.", "fi": "Suurin osa virkkeistä ({count}/{total}) on passiivissa. Kerro välillä, kuka tekee: ”palautamme rahat”."},
    "clarity.acronym": {"en": "“{term}”: one of several acronyms the customer is not told the meaning of; write it out.", "fi": "”{term}”: yksi monesta lyhenteestä, joita asiakkaalle ei selitetä; kirjoita se auki."},
    "clarity.jargon": {"en": "“{term}” is internal jargon; use words the customer knows.", "fi": "”{term}” on sisäistä ammattikieltä; käytä asiakkaalle tuttuja sanoja."},
    "clarity.filler": {"en": "“{term}” is filler; leave it out.", "fi": "”{term}” on täytesana; jätä se pois."},
    "clarity.vague": {"en": "“{term}” is vague: say what happens, who does it and when (a date, a time or the next step).", "fi": "”{term}” on epämääräinen: kerro, mitä tapahtuu, kuka sen tekee ja milloin (päivä, kellonaika tai seuraava askel)."},
    "clarity.repetition": {"en": "The phrase “{term}” is repeated.", "fi": "Ilmaus ”{term}” toistuu."},
    "clarity.repeats_earlier": {"en": "This repeats an earlier reply ({share} % the same words). Answer what the customer asks now.", "fi": "Tämä toistaa aiemman vastauksen ({share} % samoja sanoja). Vastaa siihen, mitä asiakas nyt kysyy."},
    "clarity.pasted_twice": {"en": "The same text appears twice in the reply.", "fi": "Sama teksti on vastauksessa kahdesti."},
    "clarity.hedge": {"en": "“{term}”: one of several hedges here; the customer cannot tell what is certain. Say what you know and what you will check.", "fi": "”{term}”: yksi monesta varauksesta; asiakas ei tiedä, mikä on varmaa. Kerro, mitä tiedät ja mitä vielä tarkistat."},
    "clarity.buried_answer": {"en": "The answer comes only at the end, after the background. Start with it, then give the details.", "fi": "Vastaus tulee vasta lopussa taustan jälkeen. Aloita vastauksella ja kerro yksityiskohdat sen jälkeen."},
    "clarity.nested_negation": {"en": "A negative inside a negative is hard to follow. Say it positively: “this is common”, not “this is not uncommon”.", "fi": "Kieltoa kiellon sisällä on vaikea seurata. Sano asia myönteisesti: ”tämä on tavallista”, ei ”tämä ei ole epätavallista”."},
    "clarity.slang": {"en": "“{term}” is a colloquial clipping; write the word out.", "fi": "”{term}” on puhekielinen lyhennelmä; kirjoita sana kokonaan."},
    "clarity.too_long": {"en": "Too long for {channel} ({count} words; aim for at most {limit}).", "fi": "Liian pitkä kanavaan {channel} ({count} sanaa; tavoite enintään {limit})."},
})


@dataclass(frozen=True)
class Lexicon:
    """Clarity word lists for one language."""

    jargon_words: frozenset[str]
    jargon_phrases: tuple[str, ...]
    abbreviations: frozenset[str]
    filler_words: frozenset[str]
    filler_phrases: tuple[str, ...]
    vague_words: frozenset[str] = frozenset()
    vague_phrases: tuple[str, ...] = ()
    familiar_abbreviations: frozenset[str] = frozenset()
    hedge_phrases: tuple[str, ...] = ()
    conclusion_phrases: tuple[str, ...] = ()
    answer_openers: tuple[str, ...] = ()
    courtesy_openers: tuple[str, ...] = ()

    def entries(self, kind: str) -> tuple[frozenset[str], tuple[str, ...]]:
        """Return the single words (matched on base forms) and phrases of a kind."""
        return {"jargon": (self.jargon_words, self.jargon_phrases), "filler": (self.filler_words, self.filler_phrases),
                "vague": (self.vague_words, self.vague_phrases)}[kind]


@lru_cache(maxsize=4)
def lexicon(language: str) -> Lexicon:
    """Load the clarity lexicon of a language (empty lists when there is no file)."""
    path = _LEXICONS / f"clarity_{language}.yaml"
    data: Mapping[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    jargon = [str(t).lower() for t in data.get("jargon", [])]
    filler = [str(t).lower() for t in data.get("filler", [])]
    vague = [str(t).lower() for t in data.get("vague", [])]
    abbreviations = [str(t) for t in data.get("abbreviations", [])]
    # Abbreviations written with a full stop ("ko.") are matched as phrases on the text.
    dotted = tuple(a.lower() for a in abbreviations if a.endswith("."))
    return Lexicon(
        jargon_words=frozenset(t for t in jargon if " " not in t and "." not in t),
        jargon_phrases=tuple(t for t in jargon if " " in t or "." in t) + dotted,
        abbreviations=frozenset(a for a in abbreviations if not a.endswith(".")),
        filler_words=frozenset(t for t in filler if " " not in t),
        filler_phrases=tuple(t for t in filler if " " in t),
        vague_words=frozenset(t for t in vague if " " not in t),
        vague_phrases=tuple(t for t in vague if " " in t),
        familiar_abbreviations=frozenset(str(t) for t in data.get("familiar_abbreviations", [])),
        # matched on the text, as written: "I'd guess", "käsittääkseni" and "lienee" are no base forms
        hedge_phrases=tuple(str(t).lower() for t in data.get("hedge", [])),
        conclusion_phrases=tuple(str(t).lower() for t in data.get("conclusion", [])),
        answer_openers=tuple(str(t).lower() for t in data.get("answer_first", [])),
        courtesy_openers=tuple(str(t).lower() for t in data.get("courtesy", [])),
    )


class ClarityAnalyzer:
    """Grade how easy the answer is to read and act on."""

    name = "clarity"

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        """Collect clarity findings; the score is 100 minus their penalties."""
        if not doc.words:
            return AnalyzerResult(None)
        readability = measure(doc)
        findings: list[Finding] = []
        findings += _capped(_long_sentences(doc, ctx), PENALTY_CAPS["long_sentence"])
        findings += _readability(doc, ctx, readability)
        findings += _variety(doc, ctx)
        findings += _wall_of_text(doc, ctx)
        findings += _passive(doc, ctx)
        findings += _capped(_jargon_hits(doc, ctx), PENALTY_CAPS["jargon"])
        findings += _capped(_lexicon_hits(doc, ctx, "filler"), PENALTY_CAPS["filler"])
        findings += _capped(_lexicon_hits(doc, ctx, "vague"), PENALTY_CAPS["vague"])
        findings += _capped(_stacked_hedges(doc), PENALTY_CAPS["hedge"])
        findings += _buried_answer(doc)
        findings += _capped(_nested_negation(doc), PENALTY_CAPS["negation"])
        findings += _capped(_repeated_phrases(doc, ctx), PENALTY_CAPS["repetition"])
        findings += _too_long(doc, ctx)
        findings += _repeats_earlier(doc, ctx)
        findings += _pasted_twice(doc)
        score = max(0.0, min(100.0, 100.0 - sum(f.penalty for f in findings)))
        details = {"words": doc.word_count, "sentences": len(doc.sentences),
                   "words_per_sentence": round(readability.words_per_sentence, 1),
                   "flesch": _round(readability.flesch), "lix": _round(readability.lix),
                   "long_base_form_share": _round(readability.long_base_form_share, 3)}
        return AnalyzerResult(score, tuple(sorted(findings, key=lambda f: f.start)), MappingProxyType(details))


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _msg(code: str, **params: object) -> tuple[str, dict[str, object]]:
    """Return a message code with its parameters, rendered later in the reader's language."""
    return code, params


def _finding(start: int, end: int, category: str, message: tuple[str, dict[str, object]], penalty: float,
             rule: str, severity: str = "warning") -> Finding:
    code, params = message
    return Finding(start, end, category, code, MappingProxyType(params), severity=severity if penalty else "info",
                   criterion="clarity", rule=rule, penalty=penalty)


def _capped(findings: Iterator[Finding], cap: float) -> list[Finding]:
    """Keep all findings but stop deducting once `cap` points are gone, so one habit cannot zero the score."""
    out, spent = [], 0.0
    for f in findings:
        penalty = max(0.0, min(f.penalty, cap - spent))
        spent += penalty
        out.append(replace(f, severity=f.severity if penalty else "info", penalty=penalty))
    return out


def _long_sentences(doc: Document, ctx: GradingContext) -> Iterator[Finding]:
    long, very_long = ctx.params.get("long_sentence", LONG_SENTENCE.get(doc.language, (25, 35)))
    for sentence in doc.sentences:
        count = len(doc.sentence_words(sentence))
        if count > long:
            penalty = 8.0 if count > very_long else 4.0
            yield _finding(sentence.start, sentence.end, "long_sentence",
                           _msg("clarity.long_sentence", count=count), penalty, "clarity.long_sentence")


def _hardest_sentence(doc: Document) -> Sentence:
    return max(doc.sentences, key=lambda s: sum(len(w.text) for w in doc.sentence_words(s)))


def _readability(doc: Document, ctx: GradingContext, r: Readability) -> list[Finding]:
    """Penalise hard text as a whole, shown on its hardest sentence."""
    if len(doc.sentences) < 3 or doc.word_count < 30:
        return []  # formulas swing wildly on a line or two, so judge only real paragraphs
    target = _hardest_sentence(doc)
    out = []
    if r.flesch is not None and r.flesch < 50:
        penalty = 10.0 if r.flesch < 30 else 5.0
        out.append(_finding(target.start, target.end, "readability",
                            _msg("clarity.readability_en", value=round(r.flesch)), penalty, "clarity.flesch"))
    # Plain customer-service Finnish usually scores LIX 35-50 and formal but clear replies reach
    # 60 (long case-inflected words); above that it gets heavy.
    if r.lix is not None and r.lix > 60:
        penalty = 10.0 if r.lix > 70 else 5.0
        out.append(_finding(target.start, target.end, "readability",
                            _msg("clarity.readability_fi", value=round(r.lix)), penalty, "clarity.lix"))
    if r.long_base_form_share is not None and r.long_base_form_share > 0.4:
        out.append(_finding(target.start, target.end, "readability",
                            _msg("clarity.long_words_fi", value=round(100 * r.long_base_form_share)),
                            4.0, "clarity.long_words"))
    return out


def _variety(doc: Document, ctx: GradingContext) -> list[Finding]:
    """Note (without deduction) when four or more sentences all have about the same length."""
    lengths = [len(doc.sentence_words(s)) for s in doc.sentences]
    if len(lengths) < 4 or statistics.pstdev(lengths) >= 2.5:
        return []
    first = doc.sentences[0]
    return [_finding(first.start, first.end, "variety", _msg("clarity.variety"), 0.0, "clarity.variety")]


def _wall_of_text(doc: Document, ctx: GradingContext) -> list[Finding]:
    limit = int(ctx.params.get("wall_of_text_words", WALL_OF_TEXT_WORDS))
    if ctx.channel != "email" or len(doc.paragraphs) > 1 or doc.word_count <= limit:
        return []
    return [_finding(0, len(doc.text.rstrip()), "structure", _msg("clarity.wall_of_text", count=doc.word_count),
                     8.0, "clarity.wall_of_text")]


def _passive(doc: Document, ctx: GradingContext) -> list[Finding]:
    """Penalise passive voice only when it dominates: Finnish service text uses it politely.

    Dominating means at least three passive verbs and (fi) three in four verbs passive, or
    (en) at least half of the sentences passive; one polite "asia korjataan" costs nothing.
    """
    content = [s for s in doc.sentences if len(doc.sentence_words(s)) > 2]
    passive = [s for s in content if is_passive(doc, s)]
    passive_verbs, active_verbs = passive_counts(doc)
    if not passive or passive_verbs < 3:
        return []
    if doc.language == "fi":
        heavy = passive_verbs / max(1, passive_verbs + active_verbs) >= 0.75
    else:
        heavy = len(passive) / len(content) >= 0.5
    if not heavy:
        return []
    first = passive[0]
    return [_finding(first.start, first.end, "passive",
                     _msg("clarity.passive", count=len(passive), total=len(content)), 5.0, "clarity.passive")]


def _lexicon_hits(doc: Document, ctx: GradingContext, kind: str) -> Iterator[Finding]:
    """Find jargon, filler or vague words (on base forms) and phrases (on lowercase text)."""
    lex = lexicon(doc.language)
    allowed = {v.lower() for v in (ctx.scenario.vocabulary if ctx.scenario else ())}
    words, phrases = lex.entries(kind)
    penalty = HIT_PENALTY[kind]
    hits: list[tuple[int, int]] = []
    for token, forms in doc.derived("clarity.forms", _word_forms):
        if token.lower in allowed:
            continue
        if (kind == "jargon" and token.text in lex.abbreviations) or not forms.isdisjoint(words):
            hits.append((token.start, token.end))
    lower = doc.derived("clarity.lower", lambda d: d.text.lower())
    if allowed.isdisjoint(phrases):
        hits += [m.span(1) for m in _phrase_pattern(phrases).finditer(lower)] if phrases else []
    else:  # a scenario's own term is no jargon there: search phrase by phrase, leaving it out
        for phrase in phrases:
            if phrase not in allowed:
                hits += [m.span() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", lower)]
    for start, end in sorted(_without_overlaps(hits)):
        term = doc.text[start:end]
        yield _finding(start, end, kind, _msg(f"clarity.{kind}", term=term), penalty, f"clarity.{kind}")


# An acronym in capitals, alone or inflected or compounded in Finnish ("ONT:n", "AMR-mittari"),
# not the second half of a code ("SM-DP").
_ACRONYM = re.compile(r"(?<![\w-])([A-ZÅÄÖ]{2,5})(?![\wÅÄÖåäö])")
UNEXPLAINED_ACRONYMS = 3  # this many different ones in one reply read as internal shorthand


def _jargon_hits(doc: Document, ctx: GradingContext) -> list[Finding]:
    """Jargon from the lexicon, acronyms a reply uses without explaining them and slang clippings."""
    return sorted([*_lexicon_hits(doc, ctx, "jargon"), *_unexplained_acronyms(doc, ctx), *_slang_clippings(doc)],
                  key=lambda f: f.start)


# Finnish clippings of trade words, a doubled consonant before -ari/-äri ("rekkari", "bäkkäri", "tikkari"),
# which the dictionary does not know: internal shorthand the customer has to decode.
_FI_CLIPPING = re.compile(r"[a-zåäö]+(?:kk|pp|tt|ss|ll|nn|rr|mm)[aä]ri[a-zåäö]*")


def _slang_clippings(doc: Document) -> Iterator[Finding]:
    """Finnish clippings the dictionary does not know ("rekkarin", "vekkari"), names excepted."""
    if doc.language != "fi":
        return
    from .. import resources  # Finnish documents have loaded Voikko already (sentence splitting)

    for token in doc.words:
        if not _FI_CLIPPING.fullmatch(token.lower) or resources.voikko().analyze(token.text):
            continue
        sentence = doc.sentence_at(token.start)
        if token.text[:1].isupper() and not (sentence and sentence.start == token.start):
            continue  # a name the dictionary does not know
        yield _finding(token.start, token.end, "jargon", _msg("clarity.slang", term=token.text),
                       HIT_PENALTY["jargon"], "clarity.slang")


def _stacked_hedges(doc: Document) -> Iterator[Finding]:
    """Hedges where they pile up: two in a sentence ("I believe it should probably …") or four in the reply."""
    phrases = lexicon(doc.language).hedge_phrases
    if not phrases:
        return
    lower = doc.derived("clarity.lower_apostrophes", lambda d: d.text.lower().replace("’", "'"))
    spans = sorted(_without_overlaps([m.span(1) for m in _phrase_pattern(phrases).finditer(lower)]))
    sentence_of = [doc.sentence_at(start) for start, _ in spans]
    per_sentence = Counter(s.start for s in sentence_of if s is not None)
    for (start, end), sentence in zip(spans, sentence_of, strict=True):
        if len(spans) >= HEDGES_PER_REPLY or (sentence and per_sentence[sentence.start] >= HEDGES_PER_SENTENCE):
            yield _finding(start, end, "hedge", _msg("clarity.hedge", term=doc.text[start:end]),
                           HIT_PENALTY["hedge"], "clarity.hedge")


def _buried_answer(doc: Document) -> list[Finding]:
    """The answer only at the end, after background ("To sum up, …", "Kaiken kaikkiaan …").

    A sentence opening with a phrase that announces the conclusion, after at least 30 words and
    half of the reply, unless the reply already answered in its first sentence: it opens with an
    answer ("Yes, …", "Kyllä,") or the closing sentence only restates it.
    """
    lex = lexicon(doc.language)
    if not lex.conclusion_phrases or doc.word_count <= BURIED_AFTER_WORDS:
        return []
    opening = _opening_pattern(lex.conclusion_phrases)
    for sentence in doc.sentences:
        if not opening.match(sentence.text.lower()):
            continue
        before = sum(1 for w in doc.words if w.start < sentence.start)
        if before >= BURIED_AFTER_WORDS and before >= BURIED_AFTER_SHARE * doc.word_count:
            if _answers_first(doc, lex, sentence):
                return []
            return [_finding(sentence.start, sentence.end, "structure", _msg("clarity.buried_answer"),
                             BURIED_PENALTY, "clarity.buried_answer")]
    return []


RESTATED_STEMS = 3  # a closing sentence sharing this many word stems, a figure among them, with the first one sums up


def _answers_first(doc: Document, lex: Lexicon, closing: Sentence) -> bool:
    """Tell whether the first sentence after the greeting and thanks already answers.

    It does when it opens with an answer ("Yes, …", "Valitettavasti …") or when the closing
    sentence repeats it, figures and all ("The repair starts on 3 March …" … "To sum up, the
    repair starts on 3 March").
    """
    greeting_end = salutation_end(doc)
    openers, courtesies = _opening_pattern(lex.answer_openers), _opening_pattern(lex.courtesy_openers)
    for sentence in doc.sentences:
        if sentence.end <= greeting_end + 1:
            continue
        text = doc.text[max(sentence.start, greeting_end):sentence.end].lstrip(" ,!.:\n").lower()
        if lex.courtesy_openers and courtesies.match(text):
            continue
        if sentence.start >= closing.start:
            return False
        if lex.answer_openers and openers.match(text):
            return True
        shared = _stems(text) & _stems(closing.text.lower())
        # a figure in both: restating the question ("you asked whether …") shares words, not the answer's figures
        return len(shared) >= RESTATED_STEMS and any(s.isdigit() for s in shared)
    return False


def _stems(text: str) -> set[str]:
    """The first five letters of each longer word and every number: enough to see a restatement
    through Finnish endings ("korjaus", "korjauksen")."""
    return {w[:5] for w in re.findall(r"\w+", text) if len(w) >= 4 or w.isdigit()}


@lru_cache(maxsize=16)
def _opening_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of the phrases at the start of a (lowercase) sentence."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"[\"'“”«(\-–]*(?:{alternatives})(?!\w)")


def _nested_negation(doc: Document) -> Iterator[Finding]:
    """Sentences with a negative inside a negative, when a reply has two or more such knots."""
    for sentence in nested_negatives(doc):
        yield _finding(sentence.start, sentence.end, "negation", _msg("clarity.nested_negation"),
                       HIT_PENALTY["negation"], "clarity.nested_negation")


def _unexplained_acronyms(doc: Document, ctx: GradingContext) -> Iterator[Finding]:
    """Find "your ONT shows LOS because the OLT port …": several acronyms the customer is not told.

    One or two are names or common words ("DNA", "an EU country"); from three different ones on,
    each counts as jargon. Left out: acronyms customers know (the lexicon's familiar list), those
    the lexicon already names as jargon, a scenario's own terms, shouting ("WE ARE SORRY": words of
    the language) and an acronym explained in brackets next to it ("fibre box (ONT)").
    """
    lex = lexicon(doc.language)
    allowed = {v.lower() for v in (ctx.scenario.vocabulary if ctx.scenario else ())}
    first: dict[str, tuple[int, int]] = {}
    for match in _ACRONYM.finditer(doc.text):
        acronym = match.group(1)
        if acronym in lex.abbreviations or acronym in lex.familiar_abbreviations or acronym.lower() in allowed:
            continue
        if _explained(doc.text, match.start(1), match.end(1)):
            continue
        first.setdefault(acronym, match.span(1))
    if len(first) < UNEXPLAINED_ACRONYMS:
        return
    unknown = {a: span for a, span in first.items() if not _is_word(doc.language, a.lower())}
    if len(unknown) < UNEXPLAINED_ACRONYMS:
        return
    for acronym, (start, end) in sorted(unknown.items(), key=lambda item: item[1]):
        yield _finding(start, end, "jargon", _msg("clarity.acronym", term=acronym), HIT_PENALTY["jargon"],
                       "clarity.acronym")


def _explained(text: str, start: int, end: int) -> bool:
    return text[end:end + 2].lstrip().startswith("(") or text[max(0, start - 1):start] == "("


def _is_word(language: str, word: str) -> bool:
    """Tell whether a lowercased acronym is a word of the language (so the capitals are shouting)."""
    from .. import resources  # loaded only for a reply with several acronyms

    return (language != "fi" or resources.voikko_available()) and resources.dictionary_word(word, language)


def _word_forms(doc: Document) -> list[tuple[Token, frozenset[str]]]:
    """Each word with its lowercase form and base forms, computed once for every lexicon kind."""
    return [(token, frozenset((token.lower, *doc.lemmas(token)))) for token in doc.words]


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding, at every position, the longest of the phrases that starts there (a
    lookahead, so overlapping phrases are all seen, as one search per phrase would see them)."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?=((?:{alternatives}))(?!\w))")


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not any(span[0] < k[1] and k[0] < span[1] for k in kept):
            kept.append(span)
    return kept


def _repeated_phrases(doc: Document, ctx: GradingContext, size: int = 4) -> Iterator[Finding]:
    """Flag a four-word phrase used again; each repeat after the first costs points."""
    words = doc.words
    grams = [tuple(w.lower for w in words[i:i + size]) for i in range(len(words) - size + 1)]
    seen: Counter[tuple[str, ...]] = Counter()
    last_end = -1
    for index, gram in enumerate(grams):
        seen[gram] += 1
        start, end = words[index].start, words[index + size - 1].end
        if seen[gram] > 1 and start >= last_end:
            last_end = end
            yield _finding(start, end, "repetition", _msg("clarity.repetition", term=" ".join(gram)),
                           2.0, "clarity.repetition")


def _too_long(doc: Document, ctx: GradingContext) -> list[Finding]:
    """Deduct for an answer longer than the channel suits, more the further it goes.

    10 % over costs 2.5 points, twice the length 25, three times 50, four times or more 70: a
    chat reply many times the channel's length buries what the customer needs.
    """
    limit = int(ctx.params.get("max_words", CHANNEL_MAX_WORDS.get(ctx.channel, 220)))
    count = doc.word_count
    if count <= limit:
        return []
    penalty = min(TOO_LONG_MAX_PENALTY, 25.0 * (count - limit) / limit)
    first_extra = doc.words[limit]
    return [_finding(first_extra.start, len(doc.text.rstrip()), "length",
                     _msg("clarity.too_long", channel=ctx.channel, count=count, limit=limit),
                     round(penalty, 1), "clarity.too_long")]


def _grams(words: list[str], size: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def _repeats_earlier(doc: Document, ctx: GradingContext) -> list[Finding]:
    """A reply that is mostly an earlier agent reply again: the customer is not heard."""
    own = _grams([w.lower for w in doc.words])
    if len(own) < 3:
        return []
    for message in ctx.history:
        if message.author != "agent":
            continue
        earlier = _grams([t.lower() for t in _WORD.findall(message.text)])
        if earlier and len(own & earlier) / len(own) >= REPEAT_SHARE:
            share = round(100 * len(own & earlier) / len(own))
            return [_finding(0, len(doc.text.rstrip()), "repetition", _msg("clarity.repeats_earlier", share=share),
                             REPEAT_PENALTY, "clarity.repeats_earlier")]
    return []


def _pasted_twice(doc: Document) -> list[Finding]:
    """The same paragraph or long sentence written twice in one reply."""
    seen: dict[str, int] = {}
    for block in [*doc.paragraphs, *doc.sentences]:
        key = " ".join(w.lower() for w in _WORD.findall(block.text))
        if len(key.split()) < PASTED_MIN_WORDS:
            continue
        if key in seen and seen[key] != block.start:
            return [_finding(block.start, block.end, "repetition", _msg("clarity.pasted_twice"),
                             REPEAT_PENALTY / 2, "clarity.pasted_twice")]
        seen.setdefault(key, block.start)
    return []
