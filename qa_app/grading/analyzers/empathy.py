"""Empathy: credits for acknowledging, apologising, owning, reassuring, naming and thanking;
deductions for blame, condescension, sarcasm, shouting, cold replies and the wrong address form.

This is not sentiment. Score = BASE (40) + credits (first and second hit per category, total at
most 55) - penalties (per hit, capped per category), clamped to 0-100. A warm, specific reply
scores about 80-95, a neutral polite one 50-65, a cold or blaming one under 35. Every credit
and deduction is a Finding with a span and its points, so the score is explainable.

A credit needs words that do what it names ("don't worry" is not an acknowledgement); sarcasm
needs a real marker and never falls on words that earned a credit; "feels cold" judges the
opening reply, while a short follow-up in a brief channel is cold only when it is a bare "Ok.".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..context import GradingContext
from ..empathy_lexicon import EmpathyLexicon, load_lexicon
from ..numbers import find_quantities
from ..phrases import Match, Phrase, WordView, find_each, is_negated
from ..results import AnalyzerResult, Finding
from ..stance import CONDITIONAL, clause_bounds
from ..text import Document
from . import empathy_messages  # noqa: F401  (registers the learner-facing messages)
from .empathy_cold import cold_reply, impersonal_signature
from .empathy_register import find_register_slip

CRITERION = "empathy"
BASE = 40.0
CREDIT_CAP = 55.0
# category -> (points for the first hit, points for the second hit)
CREDIT_POINTS = {"acknowledge": (15.0, 5.0), "apology": (8.0, 0.0), "ownership": (8.0, 4.0),
                 "reassurance": (10.0, 4.0), "name": (5.0, 0.0), "thanks": (5.0, 0.0)}
# category -> (penalty per hit, cap for the category, severity)
PENALTIES = {"blame": (20.0, 40.0, "error"), "condescension": (15.0, 30.0, "error"),
             "sarcasm": (12.0, 24.0, "warning"), "shouting": (6.0, 18.0, "warning"),
             "deflection": (8.0, 8.0, "warning"),
             "scare_quotes": (5.0, 10.0, "warning"), "cold": (12.0, 12.0, "warning"),
             "signature": (4.0, 4.0, "warning"), "register": (8.0, 8.0, "warning")}
# Participles that describe rather than act ("seuraavalla laskulla", "tuleva"): never ownership.
_QUALITY_PARTICIPLES = frozenset({"present_active", "present_passive", "agent", "negation"})
# Verbs of being, feeling and thinking: "olen pahoillani tänään" promises nothing.
_NOT_ACTIONS_FI = frozenset("""olla ymmärtää pahoitella toivoa uskoa luulla tietää pelätä valittaa kiittää
    arvostaa harmitella myöntää huomata nähdä kuulla""".split())
_OUR_ACTION = Phrase("(our present verb)", ())
_EYE_ROLL = re.compile(r"[\U0001F644\U0001F612\U0001F643\U0001F60F\U0001F926]|(?<!\w)/s\b")
_SURE_BECAUSE = re.compile(r"(?:^|[.!?]\s+|\n)\s*(?:oh,?\s+)?sure,?\s+because\b", re.IGNORECASE)
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
        sarcastic = _plain_sarcasm_hits(view, doc, lexicon)
        # words that are plainly sarcastic ("thanks for nothing") earn no credit
        credits = [c for c in _credit_hits(view, doc, ctx, lexicon) if not _overlaps(c, sarcastic)]
        deductions = _deduction_hits(view, doc, ctx, lexicon, credits, sarcastic)
        return _score(ctx, credits, deductions)


# ---------------------------------------------------------------- credits


def _credit_hits(view: WordView, doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon) -> list[_Hit]:
    hits: list[_Hit] = []
    for category, phrases in lexicon.credits.items():
        matches = _matches(view, phrases)
        voids = [(v.start, v.end) for v in find_each(view, lexicon.voids.get(category, ()), max_gap=1)]
        matches = [m for m in matches if not any(m.start < e and s < m.end for s, e in voids)]
        if category == "ownership" and doc.language == "fi":
            matches = [m for m in matches if _finnish_first_person(view, m) and not _describes_fi(view, m)]
        hits += [_Hit(category, m.start, m.end, f"{category}:{m.phrase.text}") for m in matches]
    hits += _reassurance_hits(view, doc, lexicon)
    name = _name_hit(view, ctx)
    if name:
        hits.append(name)
    return hits


def _matches(view: WordView, phrases: tuple[Phrase, ...]) -> list[Match]:
    """Non-negated matches of any phrase, overlapping ones merged (longest kept)."""
    found = [m for m in find_each(view, phrases, max_gap=2) if not is_negated(view, m, before=3, after=2)]
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


def _describes_fi(view: WordView, match: Match) -> bool:
    """A matched word that is only a present or agent participle describes something, it is no act."""
    return any(_is_quality_participle_fi(view.words[j].text) for j in match.indices)


@lru_cache(maxsize=8192)
def _is_quality_participle_fi(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("PARTICIPLE") in _QUALITY_PARTICIPLES for a in analyses)


@lru_cache(maxsize=8192)
def _is_past_fi(word: str) -> bool:
    """Past tense or a past participle only ("tuli", "korjattu"): something done, not a next step."""
    verbal = [a for a in resources.voikko().analyze(word)
              if a.get("CLASS") in ("teonsana", "kieltosana") or a.get("PARTICIPLE")]
    # "tuli" is also the noun "fire": only the verb readings tell the tense
    return bool(verbal) and all(a.get("TENSE") == "past_imperfective"
                                or a.get("PARTICIPLE") in ("past_active", "past_passive") for a in verbal)


def _is_future_action(view: WordView, match: Match) -> bool:
    """An action that lies ahead: not in the past tense and not negated anywhere in its clause."""
    if is_negated(view, match, before=6, after=3):
        return False
    words = [view.words[j].text for j in match.indices]
    if view.doc.language == "fi":
        return not any(_is_past_fi(w) for w in words)
    if view.doc.language == "en":  # "expected" is past; "will be processed" carries its own "will"
        return not (len(words) == 1 and words[0].lower().endswith("ed"))
    return True


def _our_present_verbs_fi(view: WordView) -> list[Match]:
    """Our own verbs in the present, which in Finnish is also the future: "vastaamme", "korjataan"."""
    return [Match(_OUR_ACTION, w.start, w.end, (j,)) for j, w in enumerate(view.words) if _is_our_action_fi(w.text)]


@lru_cache(maxsize=8192)
def _is_our_action_fi(word: str) -> bool:
    for a in resources.voikko().analyze(word):
        if (a.get("CLASS") == "teonsana" and a.get("PERSON") in ("1", "4") and a.get("MOOD") == "indicative"
                and a.get("TENSE") == "present_simple" and a.get("BASEFORM") not in _NOT_ACTIONS_FI):
            return True
    return False


def _speaker_is_subject_fi(view: WordView, match: Match) -> bool:
    """Base forms hide person: "teimme virheen" (we erred) must not count as blame "teit virheen",
    nor "meidän kannattaa olla tarkempia" (the subject just before the match) as "kannattaa olla tarkempi"."""
    before = [match.indices[0] - 1] if match.indices and match.indices[0] > 0 else []
    for j in [*before, *match.indices]:
        word = view.words[j].lower
        if word in ("minä", "me", "minun", "meidän", "meille", "meillä", "minulle", "minulla"):
            return True
        if _is_first_person_fi(view.words[j].text) and not _is_passive_fi(view.words[j].text):
            return True
    return False


@lru_cache(maxsize=8192)
def _is_infinitive_fi(word: str) -> bool:
    """Tell whether Voikko can read the word as the first infinitive ("tehdä", "korjata")."""
    return any(a.get("MOOD") == "A-infinitive" for a in resources.voikko().analyze(word))


@lru_cache(maxsize=8192)
def _is_passive_fi(word: str) -> bool:
    return any(a.get("PERSON") == "4" for a in resources.voikko().analyze(word))


@lru_cache(maxsize=8192)
def _is_first_person_fi(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    if word.lower() in ("minä", "me", "mä", "mää"):
        return True
    # "(ei) tehdä", the passive after a negation, is spelt like the infinitive ("haluavat tehdä"):
    # a word that can be the infinitive is read as one, and the infinitive has no person.
    if _is_infinitive_fi(word):
        return False
    return any(a.get("PERSON") in ("1", "4") and a.get("CLASS") in ("teonsana", "kieltosana") for a in analyses)


def _reassurance_hits(view: WordView, doc: Document, lexicon: EmpathyLexicon) -> list[_Hit]:
    """A future action and a concrete anchor (time, date or channel) in the same sentence.

    A date or a channel next to something already done ("the fault was fixed on 20.11.") is a
    report, not a next step.
    """
    actions = [*_matches(view, lexicon.actions), *(_our_present_verbs_fi(view) if doc.language == "fi" else ())]
    actions = sorted((a for a in actions if _is_future_action(view, a)), key=lambda a: a.start)
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
                    credits: list[_Hit], sarcastic: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    for category in ("blame", "condescension"):
        matches = _matches(view, lexicon.deductions[category])
        if category == "blame":
            matches = [m for m in matches if not _in_condition(view, m)]
        if category == "blame" and doc.language == "fi":
            matches = [m for m in matches if not _speaker_is_subject_fi(view, m)]
        hits += [_Hit(category, m.start, m.end, f"{category}:{m.phrase.text}") for m in matches]
    hits += _deflection_hits(view, lexicon, credits)
    quotes = _scare_quote_hits(doc, ctx)
    hits += quotes + sarcastic
    hits += _praise_sarcasm_hits(view, doc, lexicon, credits, [*hits])
    hits += _shouting_hits(doc, ctx, lexicon)
    template = _matches(view, lexicon.deductions["cold"])
    for found in (cold_reply(view, doc, ctx, lexicon, {h.category for h in credits}, template),
                  impersonal_signature(doc, lexicon)):
        if found:
            hits.append(_Hit(found[2].split(":")[0], *found))
    slip = find_register_slip(doc, ctx, lexicon)
    if slip:
        hits.append(_Hit("register", slip.start, slip.end, f"register:{slip.kind}"))
    return hits


def _deflection_hits(view: WordView, lexicon: EmpathyLexicon, credits: list[_Hit]) -> list[_Hit]:
    """Leaving the customer to do it alone ("you'll have to ring them yourself", "soita itse").

    Only in a reply that takes no step of its own (no ownership, no promised next step other than
    the customer's own, "voit tehdä sen itse"), and not where an option is offered ("If you prefer,
    you can change it yourself in the app"). In Finnish the speaker doing it ("tarkistin itse")
    is no deflection, our refusal ("emme voi tehdä sitä puolestasi") is.
    """
    if any(c.category == "ownership" for c in credits):
        return []
    matches = [m for m in _matches(view, lexicon.deductions["deflection"]) if not _after_condition(view, m)]
    if view.doc.language == "fi":
        matches = [m for m in matches if m.phrase.negative or not _speaker_is_subject_fi(view, m)]
    steps = [c for c in credits if c.category == "reassurance"]
    if any(not any(s.start < m.end and m.start < s.end for m in matches) for s in steps):
        return []
    return [_Hit("deflection", m.start, m.end, f"deflection:{m.phrase.text}") for m in matches]


def _after_condition(view: WordView, match: Match) -> bool:
    """Tell whether a conditional word ("if", "jos") comes earlier in the match's sentence."""
    conditional = CONDITIONAL.get(view.doc.language, frozenset())
    first = min(match.indices)
    sentence = view.sentence_of[first]
    j = first - 1
    while j >= 0 and view.sentence_of[j] == sentence:
        if view.words[j].lower in conditional:
            return True
        j -= 1
    return False


def _in_condition(view: WordView, match: Match) -> bool:
    """A slip named in an if-clause ("If you typed an old card number, …") supposes it, it does not blame;
    phrases that are themselves conditional ("jos olisit lukenut") still blame."""
    conditional = CONDITIONAL.get(view.doc.language, frozenset())
    if any(view.words[j].lower in conditional for j in match.indices):
        return False
    start, _ = clause_bounds(view, min(match.indices), max(match.indices))
    return any(view.words[j].lower in conditional for j in range(start, min(match.indices)))


def _overlaps(hit: _Hit, others: list[_Hit]) -> bool:
    return any(hit.start < o.end and o.start < hit.end for o in others)


def _plain_sarcasm_hits(view: WordView, doc: Document, lexicon: EmpathyLexicon) -> list[_Hit]:
    """Sarcasm that needs no context: "oh great", "thanks for nothing", "no voi voi", 🙄, "Sure, because"."""
    hits = [_Hit("sarcasm", m.start, m.end, f"sarcasm:{m.phrase.text}")
            for m in find_each(view, lexicon.deductions["sarcasm"], max_gap=1)]
    hits += [_Hit("sarcasm", m.start(), m.end(), "sarcasm:eye_roll") for m in _EYE_ROLL.finditer(doc.text)]
    if doc.language == "en":
        hits += [_Hit("sarcasm", m.end() - len("sure, because"), m.end(), "sarcasm:sure_because")
                 for m in _SURE_BECAUSE.finditer(doc.text)]
    return hits


def _praise_sarcasm_hits(view: WordView, doc: Document, lexicon: EmpathyLexicon, credits: list[_Hit],
                         cues: list[_Hit]) -> list[_Hit]:
    """Praise ("well done", "onneksi olkoon") is sarcastic only with a marker in its or the next sentence.

    Markers: a repeated failure or "obviously" ("taas", "again"), a blaming or condescending
    phrase, scare quotes or an eye-roll. Praise on words that earned a credit is never sarcasm.
    """
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    marker_spans = [(m.start, m.end) for m in find_each(view, lexicon.markers, max_gap=0)]
    marker_spans += [(c.start, c.end) for c in cues if c.category != "shouting"]
    hits: list[_Hit] = []
    for match in _matches(view, lexicon.praise):
        hit = _Hit("sarcasm", match.start, match.end, f"sarcasm:{match.phrase.text}")
        if _overlaps(hit, credits) or _overlaps(hit, cues):
            continue
        index = max(0, bisect_right(starts, match.start) - 1)
        window_start = sentences[index].start if sentences else 0
        window_end = sentences[min(index + 1, len(sentences) - 1)].end if sentences else len(doc.text)
        if any(window_start <= s and e <= window_end and not (match.start <= s < match.end) for s, e in marker_spans):
            hits.append(hit)
    return hits


def _shouting_hits(doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon) -> list[_Hit]:
    """Runs of ALL-CAPS words that are real words, not acronyms; and "!!!", "??", "?!"."""
    vocabulary = {v.upper() for v in (ctx.scenario.vocabulary if ctx.scenario else ())}
    known = lexicon.acronyms | vocabulary if vocabulary else lexicon.acronyms
    hits: list[_Hit] = []
    run: list = []
    for word in doc.words:
        if word.text.isupper() and _is_shouted(word.text, doc.language, known):
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


def _is_known_word(lower: str, language: str) -> bool:
    """Tell whether a short uppercase word is an ordinary word ("EI", "NOW") rather than an acronym."""
    if language in ("fi", "en"):
        return resources.dictionary_word(lower, language)
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
        key = hit.rule.replace(":", ".", 1) if hit.category in ("shouting", "cold", "register") else hit.category
        findings.append(Finding(hit.start, hit.end, category=hit.category, code=f"empathy.{key}",
                                tip=f"empathy.{hit.category}.tip", severity=severity,
                                criterion=CRITERION, rule=hit.rule, penalty=penalty))
    score = max(0.0, min(100.0, base + total_credit - sum(deduction_points.values())))
    details = {"base": base, "credits": credit_points, "deductions": deduction_points}
    return AnalyzerResult(round(score, 1), tuple(sorted(findings, key=lambda f: (f.start, f.end))), details,
                          baseline=base)
