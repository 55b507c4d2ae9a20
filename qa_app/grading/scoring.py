"""Combine per-criterion analyzer results into one GradeResult for a rubric."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from .errors import GradingInputError
from .results import AnalyzerResult, AutoFail, ContentRef, CriterionResult, GradeResult
from .specs import CriterionSpec, Level, RubricSpec, highest_level

# Used when a rubric defines no overall levels.
DEFAULT_LEVELS: tuple[Level, ...] = (
    Level(0, "needs_work"), Level(60, "developing"), Level(75, "proficient"), Level(90, "excellent"),
)


def criterion_result(spec: CriterionSpec, result: AnalyzerResult | None,
                     manual_score: float | None = None) -> CriterionResult:
    """Build the result of one criterion from its analyzer result or a reviewer's score."""
    baseline: float | None = None
    if spec.is_manual:
        score = None if manual_score is None else _clamp(float(manual_score))
        findings, details = (), MappingProxyType({})
    else:
        score = None if result is None or result.score is None else _clamp(result.score)
        findings = result.findings if result else ()
        details = result.details if result else MappingProxyType({})
        baseline = None if score is None or result is None else result.baseline
    level = spec.level_for(score)
    return CriterionResult(spec.id, score, level.label if level else None, spec.weight, spec.scorer,
                           findings, details, spec.title, baseline)


def weighted_overall(criteria: tuple[CriterionResult, ...]) -> float | None:
    """Return the weighted mean of scored criteria; unscored ones drop out and weights re-normalise."""
    scored = [c for c in criteria if c.score is not None and c.weight > 0]
    total_weight = sum(c.weight for c in scored)
    if not scored or total_weight <= 0:
        return None
    return sum(c.score * c.weight for c in scored) / total_weight  # type: ignore[operator]


def fired_rules(rubric: RubricSpec, criteria: tuple[CriterionResult, ...]) -> list[AutoFail]:
    """Return the auto-fail rules whose condition holds, with their place in the rubric."""
    by_id = {c.id: c for c in criteria}
    fired = []
    for index, rule in enumerate(rubric.auto_fail):
        if rule.kind == "forbidden_claim":
            holds = any(f.category == "forbidden" for c in criteria for f in c.findings)
        elif rule.kind == "criterion_below":
            target = by_id.get(rule.criterion or "")
            holds = bool(target and target.score is not None and rule.below is not None and target.score < rule.below)
        elif rule.kind == "finding":
            holds = any(rule.matches_rule(f.rule) for c in criteria for f in c.findings if f.severity != "credit")
        else:
            raise GradingInputError(f"rubric {rubric.id!r}: unknown auto_fail kind {rule.kind!r}")
        if holds:
            fired.append(AutoFail(index, rule.kind, rule.cap, rule.criterion, rule.below, rule.message))
    return fired


def overall_level(rubric: RubricSpec, overall: float) -> str | None:
    """Return the label of the highest overall level reached."""
    level = highest_level(rubric.levels or DEFAULT_LEVELS, overall)
    return level.label if level else None


def combine(rubric: RubricSpec, results: Mapping[str, AnalyzerResult | None], language: str,
            manual_scores: Mapping[str, float] | None = None, rubric_ref: ContentRef | None = None,
            scenario_ref: ContentRef | None = None, content_lang: str | None = None,
            notices: tuple[str, ...] = ()) -> GradeResult:
    """Score every criterion, weight them, apply auto-fail caps and pick the overall level."""
    manual = manual_scores or {}
    criteria = tuple(criterion_result(spec, results.get(spec.id), manual.get(spec.id)) for spec in rubric.criteria)
    overall = weighted_overall(criteria)
    overall = 0.0 if overall is None else overall
    fired = fired_rules(rubric, criteria)
    for rule in fired:
        overall = min(overall, rule.cap)
    return GradeResult(
        language=language,
        overall=overall,
        rubric=rubric_ref or ContentRef(rubric.id, rubric.version),
        scenario=scenario_ref,
        criteria=criteria,
        auto_failed=tuple(fired),
        level=overall_level(rubric, overall),
        content_lang=content_lang,
        notices=notices,
    )


def _clamp(score: float) -> float:
    return max(0.0, min(100.0, score))


def session_overall(results: Sequence[GradeResult], rubric: RubricSpec) -> float | None:
    """Score a whole conversation, not the plain mean of its replies.

    Accuracy is cumulative (a key point met earlier stays met), so the last reply's accuracy is the
    conversation's; the other criteria are the mean over the replies that scored them. The rubric's
    weights combine them, and an auto-fail cap from any reply caps the conversation too.
    """
    if not results:
        return None
    criteria = []
    for spec in rubric.criteria:
        scores = [c.score for r in results if (c := r.criterion(spec.id)) is not None and c.score is not None]
        if not scores:
            continue
        score = scores[-1] if spec.scorer == "accuracy" else sum(scores) / len(scores)
        criteria.append(CriterionResult(spec.id, score, None, spec.weight, spec.scorer))
    overall = weighted_overall(tuple(criteria))
    if overall is None:
        return None
    for cap in (rule.cap for r in results for rule in r.auto_failed):
        overall = min(overall, cap)
    return overall
