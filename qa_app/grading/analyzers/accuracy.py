"""Accuracy: does the conversation convey the scenario's key points, with the right facts, and no
forbidden or harmful claims?

Rules (documented for trainers and reviewers; the rubric's accuracy criterion says the same):
- A key point is met when the reply *states* its content: one of its phrases or paraphrases in a
  clause that asserts it (not negated, not an if-clause, not a question, not quoting someone,
  not hedged as in "refunds can take time"), or one of its numbers with the same value and unit.
  Numbers are amounts, percentages, durations, dates and clock times ("klo 14" = "14:00").
- A conversation is graded as one: a key point met in an earlier agent message stays met, and a
  turn of a branching scenario may add key points of its own for the reply to it.
- A value of a key point's kind that differs from the facts is a wrong fact ("2,10 €" where the
  refund is 5,18 €; "30.11." where the money arrives by 27.11.) and the point is not met.
- A key point that says something is free is contradicted by a money amount the reply names as
  a charge ("a handling fee of 6,50 €") which no fact, key point or claim of the scenario has;
  amounts that go back to the customer (refunds, discounts) are no charge.
- Costs follow one rule: a missing key point costs its share (100 / number of points; half of
  it in a follow-up, which answers the customer's new message); a wrong
  fact costs `wrong_fact_factor` (1.5) x that share, because a customer acts on a wrong number,
  which is worse than not being told. Each forbidden claim or built-in rule violation costs
  `forbidden_penalty` (30). The score is kept to 0-100 and the findings add up to it.
- A forbidden claim is made only where the reply asserts it; a claim about a number ("30 %") is
  made only where that number is promised, and a claim with a limit (`above: "15 %"`) where a
  larger value of that kind is. Refusals, corrections, quotes and questions are not claims.
- Built-in rules (credentials, other customers' details, personal details in public, absolute
  promises) apply to every scenario unless it switches them off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..context import GradingContext
from ..messages import register
from ..numbers import Quantity, find_quantities, parse_quantity, same_quantity, unit_family
from ..phrases import Match, WordView, compile_phrase, find
from ..results import AnalyzerResult, Finding
from ..specs import ForbiddenClaim, KeyPoint, ScenarioSpec
from ..stance import clause_bounds, stance_of
from ..text import Document
from .builtin_rules import RuleHit, find_violations

CRITERION = "accuracy"
WRONG_FACT_FACTOR = 1.5
# In a follow-up, a point still open costs this share of its weight: the reply answers the
# customer's new message, and the conversation may still cover the rest.
FOLLOW_UP_OPEN_FACTOR = 0.5
FORBIDDEN_PENALTY = 30.0
# Units a key point's values may have besides amounts: compared by value like amounts.
_POINT_UNITS_BESIDES_AMOUNTS = frozenset({"date", "time"})
_MONEY_UNITS = frozenset({"EUR", "USD", "GBP", "SEK", "NOK", "DKK"})
# Units of values a key point's `say` may name in brackets: "(1-3 banking days, by 26 November)".
_SAY_UNITS = frozenset({"date", "time", "min", "day", "workday", "month", "hour"})
# A key point that says something is free ("the repair is free of charge", "maksuton asennus"),
# and the words of a charge: an amount in a sentence about a charge, which no fact of the scenario
# has, contradicts such a point ("a handling fee of €12.00", "15,00 €:n asennusmaksu").
_FREE = {
    "en": re.compile(r"\bfree\b|\bno (?:fee|charge|cost)\b|\bwithout charge\b|\bat no (?:extra )?cost\b", re.IGNORECASE),
    "fi": re.compile(r"maksu(?:ton|tta|ttom)|veloitukse(?:tta|ton)|ilmai", re.IGNORECASE),
    "sv": re.compile(r"gratis|kostnadsfri|avgiftsfri|utan kostnad", re.IGNORECASE),
}
_CHARGE = {
    "en": re.compile(r"\b(?:fees?|charges?|charged|costs?|payable)\b", re.IGNORECASE),
    "fi": re.compile(r"\w*maksu(?:a|n|lla|sta|t)?\b|\bmaksa(?:a|t|tte|mme|vat)\b|\bveloit(?!ukse(?:tta|ton))\w*", re.IGNORECASE),
    "sv": re.compile(r"avgift|kostar|kostnad", re.IGNORECASE),
}
# Money going back to the customer is no charge: "we refund half the price, 645 €".
_MONEY_BACK = {
    "en": re.compile(r"refund|discount|reduction|credit|compensat|reimburs|back to you", re.IGNORECASE),
    "fi": re.compile(r"hyvit|alenn|palaut|korvau|takaisin", re.IGNORECASE),
    "sv": re.compile(r"återbetal|rabatt|ersättning|kreditera", re.IGNORECASE),
}
# Words dropped from key-point phrases so "refund to your account" also matches "refund the account".
STOPWORDS = {
    "fi": frozenset({"se", "ne", "on", "ja", "tai", "sinun", "teidän", "meidän", "minun", "että", "myös"}),
    "en": frozenset({"the", "a", "an", "to", "your", "our", "my", "of", "for", "in", "on", "at", "is",
                     "are", "be", "will", "you", "we", "it", "this", "that", "and", "or", "with", "by"}),
    "sv": frozenset({"en", "ett", "att", "och", "på", "i", "till", "din", "ditt", "er", "vi", "du", "det",
                     "den", "är", "för", "med", "av"}),
}

register({
    "accuracy.key_point_met": {"en": "Covered: {say}", "fi": "Kerrottu: {say}"},
    "accuracy.key_point_missing": {
        "en": "Missing key point: {say}",
        "fi": "Puuttuva keskeinen asia: {say}",
    },
    "accuracy.wrong_amount": {
        "en": "Wrong fact: \"{found}\". The facts say {expected} ({say}). A wrong value costs more than a missing one: the customer will act on it.",
        "fi": "Väärä tieto: \"{found}\". Tietojen mukaan oikea on {expected} ({say}). Väärä tieto maksaa enemmän kuin puuttuva, koska asiakas toimii sen mukaan.",
    },
    "accuracy.fee_for_free": {
        "en": "Wrong fact: \"{found}\" as a charge. The facts say this is free ({say}). A wrong value costs more than a missing one: the customer will act on it.",
        "fi": "Väärä tieto: \"{found}\" maksuna. Tietojen mukaan tämä on maksuton ({say}). Väärä tieto maksaa enemmän kuin puuttuva, koska asiakas toimii sen mukaan.",
    },
    "accuracy.forbidden": {
        "en": "Do not claim this: {say}",
        "fi": "Älä lupaa tai väitä tätä: {say}",
    },
    "builtin.credentials": {
        "en": "Never ask for passwords, PINs, bank or one-time codes, or offer to type them in for the customer.",
        "fi": "Älä koskaan pyydä salasanoja, tunnuslukuja, pankki- tai kertakäyttökoodeja äläkä tarjoudu syöttämään niitä asiakkaan puolesta.",
    },
    "builtin.other_customer": {
        "en": "This reveals another customer's name or details.",
        "fi": "Tämä paljastaa toisen asiakkaan nimen tai tietoja.",
    },
    "builtin.public_details": {
        "en": "Personal details (amounts, order numbers or dates, addresses, contact or account details) do not belong in a public reply: move them to a private message.",
        "fi": "Henkilökohtaiset tiedot (summat, tilausnumerot tai -päivät, osoitteet, yhteys- tai tilitiedot) eivät kuulu julkiseen vastaukseen: siirrä ne yksityisviestiin.",
    },
    "builtin.absolute_promise": {
        "en": "An absolute promise (always, never again, free from now on) cannot be kept. Say what you will do instead.",
        "fi": "Ehdotonta lupausta (aina, ei enää koskaan, jatkossa ilmaiseksi) ei voi pitää. Kerro sen sijaan, mitä teet.",
    },
})


@dataclass(frozen=True)
class _KeyPointResult:
    point: KeyPoint
    met: bool
    evidence: tuple[int, int] | None
    wrong: tuple[Quantity, ...] = ()
    earlier: bool = False  # met in an earlier agent message of the conversation
    turn: str | None = None  # the scenario turn that added this point
    # What met it, as the scenario writes it: ("phrase", one of `any`/`paraphrases`) or
    # ("number", one of its values). Shown to trainers trying a draft; never changes a score.
    matched: tuple[str, str] | None = None


class AccuracyAnalyzer:
    """Checks key points, facts, forbidden claims and the built-in rules against the scenario."""

    name = "accuracy"

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        view = WordView.of(doc)
        violations = find_violations(doc, view, ctx)
        scenario = ctx.scenario
        turn_id, points = _relevant_points(ctx)
        if scenario is None or not (points or scenario.forbidden):
            if not violations:
                return AnalyzerResult(None, (), {"key_points": [], "forbidden": []})
            return _result(ctx, [], [], violations)
        quantities = _reply_quantities(doc)
        facts = [q for q in find_quantities(scenario.facts_text, scenario.language)
                 if q.is_amount or q.unit in _POINT_UNITS_BESIDES_AMOUNTS]
        results = _evaluate_key_points(view, scenario, points, quantities, facts)
        earlier = _met_earlier(ctx, scenario, points, facts)
        results = [_KeyPointResult(r.point, r.met or r.point.id in earlier, r.evidence if r.met else None,
                                   r.wrong, earlier=not r.met and r.point.id in earlier,
                                   turn=turn_id if r.point not in scenario.key_points else None,
                                   matched=r.matched if r.met else None)
                   for r in results]
        forbidden = [(claim, _find_forbidden(view, scenario.language, claim, quantities)) for claim in scenario.forbidden]
        return _result(ctx, results, forbidden, violations)


def _reply_quantities(doc: Document) -> list[Quantity]:
    return [q for q in find_quantities(doc.text, doc.language)
            if q.is_amount or q.unit in _POINT_UNITS_BESIDES_AMOUNTS]


def _relevant_points(ctx: GradingContext) -> tuple[str | None, tuple[KeyPoint, ...]]:
    """The scenario's key points plus those of the turn the reply answers (found by its message)."""
    scenario = ctx.scenario
    if scenario is None:
        return None, ()
    customer = next((m.text for m in reversed(ctx.history) if m.author == "customer"), None)
    turn = scenario.turn_for(customer) if customer else None
    if turn is None or not turn.key_points:
        return None, scenario.key_points
    return turn.id, (*scenario.key_points, *turn.key_points)


def _met_earlier(ctx: GradingContext, scenario: ScenarioSpec, points: tuple[KeyPoint, ...],
                 facts: list[Quantity]) -> set[str]:
    """Ids of key points an earlier agent message already met: they stay met."""
    met: set[str] = set()
    for message in ctx.history:
        if message.author != "agent" or not message.text.strip():
            continue
        doc = Document.build(message.text, scenario.language)
        results = _evaluate_key_points(WordView.of(doc), scenario, points, _reply_quantities(doc), facts)
        met |= {r.point.id for r in results if r.met}
    return met


def _evaluate_key_points(view: WordView, scenario: ScenarioSpec, points: tuple[KeyPoint, ...],
                         quantities: list[Quantity], facts: list[Quantity]) -> list[_KeyPointResult]:
    results = []
    claimed: set[int] = set()  # a wrong quantity is blamed on one key point only
    for point in points:
        targets = _point_targets(point, scenario.language)
        number_hit = next(((q, t) for q in quantities for t in targets if same_quantity(q, t, loose=True)), None)
        phrase_match = _stated_match(view, scenario.language, (*point.any, *point.paraphrases))
        wrong: tuple[Quantity, ...] = ()
        # A value given for one of the point's targets does not excuse a wrong one for another
        # ("within 3 banking days, by 16:00" where the point says 14:00).
        missed = [t for t in targets if not any(same_quantity(q, t, loose=True) for q in quantities)]
        if missed:
            near = _phrase_sentences(view, scenario.language, (*point.any, *point.paraphrases))
            stated = _stated_clauses(view, scenario.language, (*point.any, *point.paraphrases))
            wrong = tuple(q for q in quantities if q.start not in claimed
                          and any(_comparable(q, t) for t in missed)
                          and _is_wrong(q, targets, facts if not _in_spans(q, stated) else [], scenario, points)
                          and (q.is_amount or _sentence_of(view, q.start) in near))
            claimed |= {q.start for q in wrong}
        if not wrong and _says_free(point, scenario.language):
            wrong = tuple(_charges_for_free(view, scenario, points, quantities, facts, claimed))
            claimed |= {q.start for q in wrong}
        if number_hit:
            hit, matched = (number_hit[0].start, number_hit[0].end), ("number", number_hit[1].text)
        elif phrase_match:
            hit, matched = (phrase_match.start, phrase_match.end), ("phrase", phrase_match.phrase.text)
        else:
            hit, matched = None, None
        met = hit is not None and not wrong
        results.append(_KeyPointResult(point, met, hit if met else None, wrong, matched=matched if met else None))
    return _near_miss_amounts(results, scenario, quantities, facts, claimed)


def _says_free(point: KeyPoint, language: str) -> bool:
    pattern = _FREE.get(language)
    return pattern is not None and any(pattern.search(text) for text in (point.say, *point.any, *point.paraphrases))


def _charges_for_free(view: WordView, scenario: ScenarioSpec, points: tuple[KeyPoint, ...],
                      quantities: list[Quantity], facts: list[Quantity], claimed: set[int]) -> Iterable[Quantity]:
    """Money amounts the reply asserts as a charge that no fact or key point of the scenario has."""
    language = scenario.language
    charge, free, back = _CHARGE.get(language), _FREE.get(language), _MONEY_BACK.get(language)
    if charge is None or free is None or back is None:
        return
    known = facts + [t for kp in points for t in _point_targets(kp, language)]
    known += [v for claim in scenario.forbidden for v in _claim_values(claim, language)]
    for q in quantities:
        if q.start in claimed or q.unit is None or q.unit not in _MONEY_UNITS:
            continue
        sentence = view.doc.sentence_at(q.start)
        text = view.doc.text[sentence.start:sentence.end] if sentence else view.doc.text
        if not charge.search(text) or free.search(text) or back.search(text):
            continue  # no charge named, or the sentence says what is free or what comes back
        if any(same_quantity(q, k, loose=True) for k in known):
            continue
        if _quantity_asserted(view, q, clause_only=True):
            yield q


def _point_targets(point: KeyPoint, language: str) -> list[Quantity]:
    """The point's numbers, plus the dates and clock times its `say` names ("viimeistään 27.11.")."""
    explicit = _targets(point.numbers, language)
    named = [q for q in find_quantities(point.say, language) if q.unit in _SAY_UNITS]
    return explicit + [q for q in named if not any(same_quantity(q, e) for e in explicit)]


def _stated_match(view: WordView, language: str, phrases: tuple[str, ...]) -> Match | None:
    """The first match of a phrase in a clause that states it as fact (its phrase says which)."""
    for match in _phrase_matches(view, language, phrases):
        if stance_of(view, match).stated_as_fact:
            return match
    return None


def _phrase_matches(view: WordView, language: str, phrases: Iterable[str],
                    drop: frozenset[str] | None = None) -> list[Match]:
    """Matches of each phrase in turn; key points drop stopwords, claims (drop=frozenset()) keep them."""
    words_to_drop = STOPWORDS.get(language, frozenset()) if drop is None else drop
    found = []
    for raw in phrases:
        found += find(view, compile_phrase(raw, language, words_to_drop), max_gap=2, unordered=True)
    return found


def _stated_clauses(view: WordView, language: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character spans of the clauses that state one of the point's phrases ("hyvitämme 2,10 €").

    A value there is what the reply offers for this point, so it is wrong even when the facts
    mention it for something else (the normal call price, the total charged).
    """
    spans = []
    for match in _phrase_matches(view, language, phrases):
        if stance_of(view, match).stated_as_fact:
            start, end = clause_bounds(view, min(match.indices), max(match.indices))
            spans.append((view.words[start].start, _appositive_end(view, view.words[end].end)))
    return spans


def _appositive_end(view: WordView, end: int) -> int:
    """Extend a clause over a value set off by a comma or dash: "koko hinnan, 2,10 €, laskulla"."""
    following = _APPOSITIVE_VALUE.match(view.doc.text, end)
    return following.end() if following else end


_APPOSITIVE_VALUE = re.compile(r"\s*[,–—-]\s*\d[\d\s.,]*\s*(?:€|eur\w*|%|e\b)?", re.IGNORECASE)


def _in_spans(q: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(start <= q.start < end for start, end in spans)


def _phrase_sentences(view: WordView, language: str, phrases: tuple[str, ...]) -> set[int]:
    return {view.sentence_of[min(m.indices)] for m in _phrase_matches(view, language, phrases)}


def _sentence_of(view: WordView, position: int) -> int | None:
    sentence = view.doc.sentence_at(position)
    return None if sentence is None else view.doc.sentences.index(sentence)


def _near_miss_amounts(results: list[_KeyPointResult], scenario: ScenarioSpec, quantities: list[Quantity],
                       facts: list[Quantity], claimed: set[int]) -> list[_KeyPointResult]:
    """Flag amounts close to, but not equal to, any known amount ("5,80 €" when the facts say "5,18 €").

    Closeness (within a factor of 1.5) keeps computed totals such as twice a fee from being flagged.
    The wrong amount is blamed on the key point whose numbers or `say` hold the nearest amount.
    """
    if not results:
        return results
    references = [r for r in facts + _all_targets(scenario) if r.unit is not None and r.is_amount]
    extra: dict[int, list[Quantity]] = {}
    for q in quantities:
        if not q.is_amount or q.start in claimed or q.unit is None or any(same_quantity(q, r, loose=True) for r in references):
            continue
        close = [r for r in references if _comparable(q, r) and r.value and _close(q.value, r.value)]
        if not close:
            continue
        nearest = min(close, key=lambda r: abs(r.value - q.value))
        extra.setdefault(_owner(results, scenario.language, nearest), []).append(q)
        claimed.add(q.start)
    return [_KeyPointResult(r.point, r.met, r.evidence, r.wrong + tuple(extra.get(i, ())), matched=r.matched)
            for i, r in enumerate(results)]


def _all_targets(scenario: ScenarioSpec) -> list[Quantity]:
    return _targets(tuple(n for kp in scenario.key_points for n in (*kp.numbers, kp.say)), scenario.language)


def _close(value: Decimal, reference: Decimal) -> bool:
    ratio = value / reference
    return Decimal("0.67") < ratio < Decimal("1.5")


def _owner(results: list[_KeyPointResult], language: str, reference: Quantity) -> int:
    """Index of the key point that mentions `reference` (in numbers or say), else the first one."""
    for index, result in enumerate(results):
        if any(same_quantity(reference, t, loose=True) for t in _targets((*result.point.numbers, result.point.say), language)):
            return index
    return 0


def _targets(numbers: tuple[str, ...], language: str) -> list[Quantity]:
    return [q for raw in numbers for q in find_quantities(raw, language)]


def _is_wrong(q: Quantity, targets: list[Quantity], facts: list[Quantity], scenario: ScenarioSpec,
              points: tuple[KeyPoint, ...]) -> bool:
    """A quantity is wrong when it is comparable to a target yet differs and is not another fact."""
    if q.unit is None or not any(_comparable(q, t) for t in targets):
        return False
    if any(same_quantity(q, t, loose=True) for t in targets):
        return False
    if any(same_quantity(q, f, loose=True) for f in facts):
        return False
    # Other key points' numbers are legitimate too ("5,18 €" is wrong for one point, right for another).
    others = [t for kp in points for t in _point_targets(kp, scenario.language)]
    return not any(same_quantity(q, o, loose=True) for o in others)


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Same unit, treating working days as days; a rate ("EUR/min") only compares with a rate."""
    if a.unit == b.unit:
        return True
    if a.unit is None or b.unit is None or "/" in a.unit + b.unit:
        return False
    return unit_family(a.unit) == unit_family(b.unit)


def _find_forbidden(view: WordView, language: str, claim: ForbiddenClaim,
                    quantities: list[Quantity]) -> tuple[int, int] | None:
    """Where the reply asserts the claim; a claim about a number needs that number promised."""
    if claim.above is not None:
        return _above_limit(view, language, claim, quantities)
    values = _claim_values(claim, language)
    claim_matches = _phrase_matches(view, language, (*claim.any, *claim.paraphrases), drop=frozenset())
    for match in sorted(claim_matches, key=lambda m: m.start):
        if not stance_of(view, match).asserted:
            continue
        if values and not _sentence_promises(view, match.start, values, quantities):
            continue
        return match.start, match.end
    for q in quantities:
        if any(same_quantity(q, v) for v in values) and _quantity_asserted(view, q):
            return q.start, q.end
    return None


def _claim_values(claim: ForbiddenClaim, language: str) -> list[Quantity]:
    """The values a claim is about: its numbers and the amounts or percentages its `say` names."""
    named = [q for q in find_quantities(claim.say, language) if q.is_amount and q.unit is not None]
    return _targets(claim.numbers, language) + named


def _sentence_promises(view: WordView, position: int, values: list[Quantity], quantities: list[Quantity]) -> bool:
    """The claim's value is in the sentence, or no value of its kind is (a correction names another)."""
    sentence = view.doc.sentence_at(position)
    if sentence is None:
        return True
    inside = [q for q in quantities if sentence.start <= q.start < sentence.end]
    if any(same_quantity(q, v, loose=True) and _quantity_asserted(view, q) for q in inside for v in values):
        return True
    return not any(_comparable(q, v) for q in inside for v in values)


def _above_limit(view: WordView, language: str, claim: ForbiddenClaim,
                 quantities: list[Quantity]) -> tuple[int, int] | None:
    """A value of the limit's kind above it, promised in a sentence about the claim's subject."""
    limit = parse_quantity(claim.above or "", language)
    if limit is None:
        return None
    context = _phrase_sentences(view, language, (*claim.any, *claim.paraphrases)) if claim.any or claim.paraphrases else None
    for q in quantities:
        if not _comparable(q, limit) or q.value <= limit.value:
            continue
        if context is not None and _sentence_of(view, q.start) not in context:
            continue
        if _quantity_asserted(view, q):
            return q.start, q.end
    return None


def _quantity_asserted(view: WordView, q: Quantity, clause_only: bool = False) -> bool:
    """Read the stance of a quantity through the words next to it in its sentence.

    Both sides count: "et saa 30 %" is negated before it, "30 %:n alennusta ei ole" after it.
    With `clause_only`, a word after it that opens the next clause ("…, but there is no …")
    is not read.
    """
    placeholder = compile_phrase("_", view.doc.language)
    beside = _words_beside(view, q)
    if clause_only:
        beside = [i for i in beside if view.words[i].start < q.start or view.words[i].text.lower() not in _CLAUSE_OPENERS]
    return all(stance_of(view, Match(placeholder, q.start, q.end, (index,))).asserted for index in beside)


_CLAUSE_OPENERS = frozenset({"but", "and", "or", "so", "mutta", "ja", "tai", "joten", "men", "och", "eller"})


def _words_beside(view: WordView, q: Quantity) -> list[int]:
    """The nearest word before and the nearest word after a quantity, within its sentence."""
    sentence = view.doc.sentence_at(q.start)
    lo, hi = (sentence.start, sentence.end) if sentence else (0, len(view.doc.text))
    before = [i for i, w in enumerate(view.words) if lo <= w.start and w.end <= q.start and not w.text[:1].isdigit()]
    after = [i for i, w in enumerate(view.words) if q.end <= w.start < hi and not w.text[:1].isdigit()]
    return [*before[-1:], *after[:1]]


def _result(ctx: GradingContext, points: list[_KeyPointResult],
            forbidden: list[tuple[ForbiddenClaim, tuple[int, int] | None]],
            violations: list[RuleHit]) -> AnalyzerResult:
    factor = float(ctx.params.get("wrong_fact_factor", WRONG_FACT_FACTOR))
    forbidden_penalty = float(ctx.params.get("forbidden_penalty", FORBIDDEN_PENALTY))
    share = 100.0 / len(points) if points else 0.0
    follow_up = any(m.author == "agent" for m in ctx.history)
    open_cost = share * float(ctx.params.get("follow_up_open_factor", FOLLOW_UP_OPEN_FACTOR) if follow_up else 1.0)
    findings: list[Finding] = []
    for result in points:
        say = result.point.say
        if result.met and result.evidence:
            findings.append(Finding(*result.evidence, category="key_point", code="accuracy.key_point_met", params={"say": say},
                                    severity="credit", criterion=CRITERION, rule=f"key_point:{result.point.id}"))
        elif not result.met and not result.wrong:
            findings.append(Finding(0, 0, category="key_point", code="accuracy.key_point_missing", params={"say": say},
                                    severity="warning", criterion=CRITERION, rule=f"missing:{result.point.id}",
                                    penalty=open_cost))
        for index, q in enumerate(result.wrong):
            language = ctx.scenario.language if ctx.scenario else "en"
            same_kind = [t.text for t in _point_targets(result.point, language) if _comparable(q, t)]
            expected = ", ".join(same_kind) or ", ".join(result.point.numbers)
            # The point's share is lost (it is not met) and half a share more: the wrong value misleads.
            cost = share * (factor if index == 0 and not result.met else factor - 1.0)
            # A charge on a point that says free has no value of its kind to name: say "free".
            free = not expected and _says_free(result.point, language)
            code = "accuracy.fee_for_free" if free else "accuracy.wrong_amount"
            findings.append(Finding(q.start, q.end, category="wrong_amount",
                                    code=code, params={"found": q.text, "expected": expected, "say": say},
                                    suggestions=result.point.numbers, severity="error", criterion=CRITERION,
                                    rule=f"wrong_amount:{result.point.id}", penalty=cost))
    for claim, span in forbidden:
        if span is not None:
            findings.append(Finding(*span, category="forbidden", code="accuracy.forbidden", params={"say": claim.say},
                                    severity="error", criterion=CRITERION, rule=f"forbidden:{claim.id}",
                                    penalty=forbidden_penalty))
    for hit in violations:
        findings.append(Finding(hit.start, hit.end, category="builtin", code=f"builtin.{hit.rule}", severity="error",
                                criterion=CRITERION, rule=f"builtin.{hit.rule}", penalty=forbidden_penalty))
    score = max(0.0, min(100.0, 100.0 - sum(f.penalty for f in findings)))
    details = {
        "key_points": [{"id": r.point.id, "say": r.point.say, "met": r.met,
                        "evidence": list(r.evidence) if r.evidence else None,
                        **({"matched": {"by": r.matched[0], "text": r.matched[1]}} if r.matched else {}),
                        **({"earlier": True} if r.earlier else {}), **({"turn": r.turn} if r.turn else {})}
                       for r in points],
        "forbidden": [{"id": c.id, "say": c.say, "found": s is not None} for c, s in forbidden],
        "wrong_amounts": [{"key_point": r.point.id, "text": q.text, "start": q.start, "end": q.end}
                          for r in points for q in r.wrong],
        "builtin": [{"rule": h.rule, "start": h.start, "end": h.end} for h in violations],
    }
    return AnalyzerResult(round(score, 1), tuple(sorted(findings, key=lambda f: (f.start, f.end))), details)
