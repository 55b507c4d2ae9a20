"""Accuracy: did the answer convey the scenario's key points, with the right amounts, and no forbidden claims?

Rules (documented for reviewers and the UI):
- A key point is met when any of its phrases matches on base forms (up to two gap words, any
  order for phrases of two or three content words, not negated), OR when any of its numbers
  appears with the same value and unit. Phrases alone or numbers alone suffice.
- A quantity with a key point's unit but another value ("5,00 €" for "5,18 €") is a wrong amount,
  unless the key point's own number also appears, or the quantity is in the scenario's facts, or it
  is a date, clock time, phone or reference number. A wrong amount also un-meets its key point.
  Any other amount within a factor of 1.5 of a known amount (facts, key points) but not equal
  to one is also a wrong amount ("5,80 €" beside a correct "5,18 €"); it costs the penalty only.
- A forbidden claim is found when a phrase (or number) matches and is not negated in its clause.
- Score = 100 x met / key points, minus `wrong_amount_penalty` (20) per wrong amount and
  `forbidden_penalty` (30) per forbidden claim, clamped to 0-100. Each missed key point is a
  warning finding with a zero-length span at offset 0 whose penalty is its share, so the
  findings add up to the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..context import GradingContext
from ..messages import register
from ..numbers import Quantity, find_quantities, same_quantity, unit_family
from ..phrases import Match, WordView, compile_phrase, find, is_negated
from ..results import AnalyzerResult, Finding
from ..specs import ForbiddenClaim, KeyPoint, ScenarioSpec
from ..text import Document

CRITERION = "accuracy"
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
        "en": "Wrong amount: \"{found}\". The facts say {expected} ({say}).",
        "fi": "Väärä määrä: \"{found}\". Tietojen mukaan oikea on {expected} ({say}).",
    },
    "accuracy.forbidden": {
        "en": "Do not claim this: {say}",
        "fi": "Älä lupaa tai väitä tätä: {say}",
    },
})


@dataclass(frozen=True)
class _KeyPointResult:
    point: KeyPoint
    met: bool
    evidence: tuple[int, int] | None
    wrong: tuple[Quantity, ...] = ()


class AccuracyAnalyzer:
    """Checks key points, amounts and forbidden claims against the scenario."""

    name = "accuracy"

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult:
        scenario = ctx.scenario
        if scenario is None or not (scenario.key_points or scenario.forbidden):
            return AnalyzerResult(None, (), {"key_points": [], "forbidden": []})
        view = WordView.of(doc)
        quantities = [q for q in find_quantities(doc.text, doc.language) if q.is_amount]
        facts = [q for q in find_quantities(scenario.facts_text, scenario.language) if q.is_amount]
        points = _evaluate_key_points(view, scenario, quantities, facts)
        forbidden = [(claim, _find_forbidden(view, scenario.language, claim, quantities)) for claim in scenario.forbidden]
        return _result(ctx, points, forbidden)


def _evaluate_key_points(view: WordView, scenario: ScenarioSpec, quantities: list[Quantity],
                         facts: list[Quantity]) -> list[_KeyPointResult]:
    results = []
    claimed: set[int] = set()  # a wrong quantity is blamed on one key point only
    for point in scenario.key_points:
        targets = _targets(point.numbers, scenario.language)
        number_hit = next((q for q in quantities for t in targets if same_quantity(q, t, loose=True)), None)
        phrase_hit = _phrase_evidence(view, scenario.language, point.any)
        wrong: tuple[Quantity, ...] = ()
        if targets and number_hit is None:
            wrong = tuple(q for q in quantities if q.start not in claimed and _is_wrong(q, targets, facts, scenario, quantities))
            claimed |= {q.start for q in wrong}
        hit = (number_hit.start, number_hit.end) if number_hit else phrase_hit
        met = hit is not None and not wrong
        results.append(_KeyPointResult(point, met, hit if met else None, wrong))
    return _near_miss_amounts(results, scenario, quantities, facts, claimed)


def _near_miss_amounts(results: list[_KeyPointResult], scenario: ScenarioSpec, quantities: list[Quantity],
                       facts: list[Quantity], claimed: set[int]) -> list[_KeyPointResult]:
    """Flag amounts close to, but not equal to, any known amount ("5,80 €" when the facts say "5,18 €").

    Closeness (within a factor of 1.5) keeps computed totals such as twice a fee from being flagged.
    The wrong amount is blamed on the key point whose numbers or `say` hold the nearest amount.
    """
    if not results:
        return results
    references = [r for r in facts + _all_targets(scenario) if r.unit is not None]
    extra: dict[int, list[Quantity]] = {}
    for q in quantities:
        if q.start in claimed or q.unit is None or any(same_quantity(q, r, loose=True) for r in references):
            continue
        close = [r for r in references if _comparable(q, r) and r.value and _close(q.value, r.value)]
        if not close:
            continue
        nearest = min(close, key=lambda r: abs(r.value - q.value))
        extra.setdefault(_owner(results, scenario.language, nearest), []).append(q)
        claimed.add(q.start)
    return [_KeyPointResult(r.point, r.met, r.evidence, r.wrong + tuple(extra.get(i, ()))) for i, r in enumerate(results)]


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


def _phrase_evidence(view: WordView, language: str, phrases: tuple[str, ...]) -> tuple[int, int] | None:
    for raw in phrases:
        phrase = compile_phrase(raw, language, STOPWORDS.get(language, frozenset()))
        for match in find(view, phrase, max_gap=2, unordered=True):
            if not is_negated(view, match):
                return match.start, match.end
    return None


def _is_wrong(q: Quantity, targets: list[Quantity], facts: list[Quantity], scenario: ScenarioSpec,
              quantities: list[Quantity]) -> bool:
    """A quantity is wrong when it is comparable to a target yet differs and is not another fact."""
    if q.unit is None or not any(_comparable(q, t) for t in targets):
        return False
    if any(same_quantity(q, t, loose=True) for t in targets):
        return False
    if any(same_quantity(q, f, loose=True) for f in facts):
        return False
    # Other key points' numbers are legitimate too ("5,18 €" is wrong for one point, right for another).
    others = _targets(tuple(n for kp in scenario.key_points for n in kp.numbers), scenario.language)
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
    for raw in claim.any:
        phrase = compile_phrase(raw, language)
        for match in find(view, phrase, max_gap=2, unordered=True):
            if not is_negated(view, match):
                return match.start, match.end
    for target in _targets(claim.numbers, language):
        for q in quantities:
            if same_quantity(q, target) and not _quantity_negated(view, q):
                return q.start, q.end
    return None


def _quantity_negated(view: WordView, q: Quantity) -> bool:
    """Check negation around a quantity by treating its nearest word as the match."""
    near = [i for i, w in enumerate(view.words) if w.end > q.start and w.start < q.end + 12]
    if not near:
        return False
    return is_negated(view, Match(compile_phrase("_", view.doc.language), q.start, q.end, (near[0],)))


def _result(ctx: GradingContext, points: list[_KeyPointResult],
            forbidden: list[tuple[ForbiddenClaim, tuple[int, int] | None]]) -> AnalyzerResult:
    wrong_penalty = float(ctx.params.get("wrong_amount_penalty", 20))
    forbidden_penalty = float(ctx.params.get("forbidden_penalty", 30))
    share = 100.0 / len(points) if points else 0.0
    findings: list[Finding] = []
    for result in points:
        say = result.point.say
        if result.met and result.evidence:
            findings.append(Finding(*result.evidence, category="key_point", code="accuracy.key_point_met", params={"say": say},
                                    severity="credit", criterion=CRITERION, rule=f"key_point:{result.point.id}"))
        elif not result.wrong:
            findings.append(Finding(0, 0, category="key_point", code="accuracy.key_point_missing", params={"say": say},
                                    severity="warning", criterion=CRITERION, rule=f"missing:{result.point.id}",
                                    penalty=share))
        for index, q in enumerate(result.wrong):
            expected = ", ".join(result.point.numbers)
            findings.append(Finding(q.start, q.end, category="wrong_amount",
                                    code="accuracy.wrong_amount", params={"found": q.text, "expected": expected, "say": say},
                                    suggestions=result.point.numbers, severity="error", criterion=CRITERION,
                                    rule=f"wrong_amount:{result.point.id}",
                                    penalty=wrong_penalty + (share if index == 0 and not result.met else 0.0)))
    for claim, span in forbidden:
        if span is not None:
            findings.append(Finding(*span, category="forbidden", code="accuracy.forbidden", params={"say": claim.say},
                                    severity="error", criterion=CRITERION, rule=f"forbidden:{claim.id}",
                                    penalty=forbidden_penalty))
    met = sum(1 for r in points if r.met)
    base = 100.0 * met / len(points) if points else 100.0
    deductions = wrong_penalty * sum(len(r.wrong) for r in points) + forbidden_penalty * sum(1 for _, s in forbidden if s)
    score = max(0.0, min(100.0, base - deductions))
    details = {
        "key_points": [{"id": r.point.id, "say": r.point.say, "met": r.met,
                        "evidence": list(r.evidence) if r.evidence else None} for r in points],
        "forbidden": [{"id": c.id, "say": c.say, "found": s is not None} for c, s in forbidden],
        "wrong_amounts": [{"key_point": r.point.id, "text": q.text, "start": q.start, "end": q.end}
                          for r in points for q in r.wrong],
    }
    return AnalyzerResult(round(score, 1), tuple(sorted(findings, key=lambda f: (f.start, f.end))), details)
