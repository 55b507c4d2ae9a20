"""Empathy: credits for acknowledging, apologising, owning, reassuring, naming and thanking;
deductions for blame, condescension, sarcasm, shouting and cold template replies.

This is not sentiment. Score = BASE (40) + credits (first and second hit per category, total at
most 55) - penalties (per hit, capped per category), clamped to 0-100. A warm, specific reply
scores about 80-95, a neutral polite one 50-65, a cold or blaming one under 35. Every credit
and deduction is a Finding with a span and its points, so the score is explainable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..context import GradingContext
from ..empathy_lexicon import EmpathyLexicon, load_lexicon
from ..numbers import find_quantities
from ..phrases import Match, Phrase, WordView, find, is_negated
from ..results import AnalyzerResult, Finding
from ..text import Document
from . import empathy_messages  # noqa: F401  (registers the learner-facing messages)

CRITERION = "empathy"
BASE = 40.0
CREDIT_CAP = 55.0
# category -> (points for the first hit, points for the second hit)
CREDIT_POINTS = {"acknowledge": (15.0, 5.0), "apology": (8.0, 0.0), "ownership": (8.0, 4.0),
                 "reassurance": (10.0, 4.0), "name": (5.0, 0.0), "thanks": (5.0, 0.0)}
# category -> (penalty per hit, cap for the category, severity)
PENALTIES = {"blame": (20.0, 40.0, "error"), "condescension": (15.0, 30.0, "error"),
             "sarcasm": (12.0, 24.0, "warning"), "shouting": (6.0, 18.0, "warning"),
             "scare_quotes": (5.0, 10.0, "warning"), "cold": (12.0, 12.0, "warning")}
COLD_MAX_WORDS = 12
_TIME_UNITS = frozenset({"min", "day", "workday", "month", "date", "time"})
_SHOUT_PUNCT = re.compile(r"!{2,}|\?{2,}|[!?]*(?:\?!|!\?)[!?]*")
_QUOTE = re.compile(r"(?:[\"“”«»]|(?<!\w)['‘’])([^\s\"“”«»'‘’][^\"“”«»\n]{0,30}?)(?:[\"“”«»]|['‘’](?!\w))")
_UI_LABEL_WORDS = frozenset("""valitse paina klikkaa napsauta kohta kohdasta kohtaan painike painiketta
    valikko välilehti click select press tap button option field menu tab choose
    välj tryck klicka knappen""".split())


@dataclass(frozen=True)
class _Hit:
    category: str
    start: int
    end: int
    rule: str


class EmpathyAnalyzer:
    """Explainable empathy score from lexicon phrases and a few surface rules."""

    name = "empathy"

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        lexicon = load_lexicon(doc.language)
        view = WordView.of(doc)
        credits = _credit_hits(view, doc, ctx, lexicon)
        deductions = _deduction_hits(view, doc, ctx, lexicon, credits)
        return _score(ctx, credits, deductions)


# ---------------------------------------------------------------- credits


def _credit_hits(view: WordView, doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon) -> list[_Hit]:
    hits: list[_Hit] = []
    for category, phrases in lexicon.credits.items():
        matches = _matches(view, phrases)
        if category == "ownership" and doc.language == "fi":
            matches = [m for m in matches if _finnish_first_person(view, m)]
        hits += [_Hit(category, m.start, m.end, f"{category}:{m.phrase.text}") for m in matches]
    hits += _reassurance_hits(view, doc, lexicon)
    name = _name_hit(view, ctx)
    if name:
        hits.append(name)
    return hits


def _matches(view: WordView, phrases: tuple[Phrase, ...]) -> list[Match]:
    """Non-negated matches of any phrase, overlapping ones merged (longest kept)."""
    found = [m for p in phrases for m in find(view, p, max_gap=2) if not is_negated(view, m, before=3, after=2)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _finnish_first_person(view: WordView, match: Match) -> bool:
    """Ownership needs "I/we" or the passive: "hoidan", "voin tarkistaa", "korjataan", not "hoidat"."""
    first = min(match.indices)
    candidates = [*match.indices, *(j for j in (first - 1, first - 2) if j >= 0 and view.sentence_of[j] == view.sentence_of[first])]
    return any(_is_first_person_fi(view.words[j].text) for j in candidates)


def _speaker_is_subject_fi(view: WordView, match: Match) -> bool:
    """Base forms hide person: "teimme virheen" (we erred) must not count as blame "teit virheen"."""
    for j in match.indices:
        word = view.words[j].lower
        if word in ("minä", "me", "minun", "meidän", "meille", "meillä", "minulle", "minulla"):
            return True
        if _is_first_person_fi(view.words[j].text) and not _is_passive_fi(view.words[j].text):
            return True
    return False


@lru_cache(maxsize=8192)
def _is_passive_fi(word: str) -> bool:
    return any(a.get("PERSON") == "4" for a in resources.voikko().analyze(word))


@lru_cache(maxsize=8192)
def _is_first_person_fi(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    if word.lower() in ("minä", "me", "mä", "mää"):
        return True
    return any(a.get("PERSON") in ("1", "4") and a.get("CLASS") in ("teonsana", "kieltosana") for a in analyses)


def _reassurance_hits(view: WordView, doc: Document, lexicon: EmpathyLexicon) -> list[_Hit]:
    """A future action and a concrete anchor (time, date or channel) in the same sentence."""
    actions = _matches(view, lexicon.actions)
    anchors = [(m.start, m.end) for m in _matches(view, lexicon.anchors)]
    anchors += [(q.start, q.end) for q in find_quantities(doc.text, doc.language) if q.unit in _TIME_UNITS]
    hits: list[_Hit] = []
    used: set[int] = set()
    for action in actions:
        sentence = doc.sentence_at(action.start)
        if sentence is None or sentence.start in used:
            continue
        if any(sentence.start <= s and e <= sentence.end for s, e in anchors):
            used.add(sentence.start)
            hits.append(_Hit("reassurance", sentence.start, sentence.end, "reassurance:next_step"))
    return hits


def _name_hit(view: WordView, ctx: GradingContext) -> _Hit | None:
    """The customer's first name, surname or full name, in any inflection ("Marjalle")."""
    name = ctx.scenario.customer_name if ctx.scenario else None
    parts = [p.lower() for p in re.split(r"[\s,]+", name or "") if len(p) >= 2]
    for word, forms in zip(view.words, view.forms, strict=True):
        lower = word.lower
        for part in parts:
            near_stem = len(part) >= 4 and lower.startswith(part[:-1]) and len(lower) - len(part) <= 4
            if part in forms or lower.startswith(part) and len(lower) - len(part) <= 5 or near_stem:
                if word.text[:1].isupper():
                    return _Hit("name", word.start, word.end, "name")
    return None


# ---------------------------------------------------------------- deductions


def _deduction_hits(view: WordView, doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon,
                    credits: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    for category in ("blame", "condescension", "sarcasm"):
        matches = _matches(view, lexicon.deductions[category])
        if category == "blame" and doc.language == "fi":
            matches = [m for m in matches if not _speaker_is_subject_fi(view, m)]
        hits += [_Hit(category, m.start, m.end, f"{category}:{m.phrase.text}") for m in matches]
    hits += _shouting_hits(doc, ctx, lexicon)
    hits += _scare_quote_hits(doc, ctx)
    cold = _cold_hit(view, doc, lexicon, credits)
    if cold:
        hits.append(cold)
    return hits


def _shouting_hits(doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon) -> list[_Hit]:
    """Runs of ALL-CAPS words that are real words, not acronyms; and "!!!", "??", "?!"."""
    vocabulary = {v.upper() for v in (ctx.scenario.vocabulary if ctx.scenario else ())}
    hits: list[_Hit] = []
    run: list = []
    for word in doc.words:
        if _is_shouted(word.text, doc.language, lexicon.acronyms | vocabulary):
            if run and doc.text[run[-1].end:word.start].strip(" ,") == "":
                run.append(word)
                continue
            if run:
                hits.append(_Hit("shouting", run[0].start, run[-1].end, "shouting:caps"))
            run = [word]
        elif run:
            hits.append(_Hit("shouting", run[0].start, run[-1].end, "shouting:caps"))
            run = []
    if run:
        hits.append(_Hit("shouting", run[0].start, run[-1].end, "shouting:caps"))
    hits += [_Hit("shouting", m.start(), m.end(), "shouting:punctuation") for m in _SHOUT_PUNCT.finditer(doc.text)]
    return hits


def _is_shouted(text: str, language: str, acronyms: frozenset[str]) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters) or text.upper() in acronyms:
        return False
    if any(c.isdigit() for c in text):
        return False  # product codes such as "S24" or "4G"
    return len(letters) >= 5 or _is_known_word(text.lower(), language)


@lru_cache(maxsize=4096)
def _is_known_word(lower: str, language: str) -> bool:
    """Tell whether a short uppercase word is an ordinary word ("EI", "NOW") rather than an acronym."""
    if language == "fi":
        return bool(resources.voikko().spell(lower))
    if language == "en":
        return lower in resources.english_words()
    return len(lower) >= 4


def _scare_quote_hits(doc: Document, ctx: GradingContext) -> list[_Hit]:
    """One or two quoted lowercase words that are not UI labels or scenario terms: 'your "broken" phone'."""
    vocabulary = {v.lower() for v in (ctx.scenario.vocabulary if ctx.scenario else ())}
    hits = []
    for m in _QUOTE.finditer(doc.text):
        inner = m.group(1).strip()
        if not inner or not inner[0].islower() or len(inner.split()) > 2 or inner.lower() in vocabulary:
            continue
        if any(c.isdigit() for c in inner):
            continue
        before = doc.text[max(0, m.start() - 25):m.start()].lower().split()
        if before and before[-1].strip(":,") in _UI_LABEL_WORDS:
            continue
        hits.append(_Hit("scare_quotes", m.start(), m.end(), "sarcasm:scare_quotes"))
    return hits


def _cold_hit(view: WordView, doc: Document, lexicon: EmpathyLexicon, credits: list[_Hit]) -> _Hit | None:
    """A very short reply with no acknowledgement, apology, thanks or name is a cold template."""
    if len(doc.words) > COLD_MAX_WORDS or not doc.text.strip():
        return None
    if any(h.category in ("acknowledge", "apology", "thanks", "name") for h in credits):
        return None
    template = bool(_matches(view, lexicon.deductions["cold"]))
    start = len(doc.text) - len(doc.text.lstrip())
    return _Hit("cold", start, len(doc.text.rstrip()), "cold:template" if template else "cold:short")


# ---------------------------------------------------------------- score


def _score(ctx: GradingContext, credits: list[_Hit], deductions: list[_Hit]) -> AnalyzerResult:
    base = float(ctx.params.get("base", BASE))
    findings: list[Finding] = []
    credit_points: dict[str, float] = {}
    total_credit = 0.0
    for category, (first, second) in CREDIT_POINTS.items():
        for index, hit in enumerate(h for h in credits if h.category == category):
            if index > 1:
                break
            points = min(first if index == 0 else second, CREDIT_CAP - total_credit)
            total_credit += points
            credit_points[category] = credit_points.get(category, 0.0) + points
            findings.append(Finding(hit.start, hit.end, category=category, code=f"empathy.{category}",
                                    severity="credit", criterion=CRITERION, rule=hit.rule, credit=points))
    deduction_points: dict[str, float] = {}
    for hit in sorted(deductions, key=lambda h: h.start):
        per_hit, cap, severity = PENALTIES[hit.category]
        penalty = max(0.0, min(per_hit, cap - deduction_points.get(hit.category, 0.0)))
        deduction_points[hit.category] = deduction_points.get(hit.category, 0.0) + penalty
        key = hit.rule.split(":")[0] + "." + hit.rule.split(":")[1] if hit.category in ("shouting", "cold") else hit.category
        findings.append(Finding(hit.start, hit.end, category=hit.category, code=f"empathy.{key}",
                                tip=f"empathy.{hit.category}.tip", severity=severity,
                                criterion=CRITERION, rule=hit.rule, penalty=penalty))
    score = max(0.0, min(100.0, base + total_credit - sum(deduction_points.values())))
    details = {"base": base, "credits": credit_points, "deductions": deduction_points}
    return AnalyzerResult(round(score, 1), tuple(sorted(findings, key=lambda f: (f.start, f.end))), details,
                          baseline=base)
