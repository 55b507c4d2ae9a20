"""Score a filled scorecard with the engine's own scoring code: no Flask, no database.

The overall is `grading.scoring.weighted_overall` over the reviewer's scores (N/A and unscored
criteria drop out and the weights re-normalise), then the rubric's auto-fail rules exactly as
`grading.scoring.fired_rules` applies them, then the reviewer's own auto-fail (overall 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ...grading.results import AutoFail, CriterionResult, Finding
from ...grading.scoring import criterion_result, fired_rules, weighted_overall
from ...grading.specs import CriterionSpec, RubricSpec
from .errors import ReviewInputError

MANUAL_AUTO_FAIL_CAP = 0.0  # a reviewer's auto-fail fails the whole conversation


@dataclass(frozen=True)
class CriterionInput:
    """What a reviewer entered for one criterion: a score 0-100, or N/A, and why they overrode AutoQA."""

    score: float | None = None
    na: bool = False
    override_reason: str | None = None


@dataclass(frozen=True)
class ScoredCard:
    """A checked scorecard: the stored scores, the overall and the rubric rules that capped it."""

    overall: float | None
    scores: dict[str, dict[str, Any]]  # ReviewRevision.scores_json layout
    fired: tuple[AutoFail, ...]
    auto_fail_reason: str | None

    @property
    def auto_failed(self) -> bool:
        return self.auto_fail_reason is not None


def is_override(spec: CriterionSpec, entry: CriterionInput, auto: float | None) -> bool:
    """Tell whether an automatic criterion's entry differs from AutoQA's (scores at one decimal).

    Scoring a criterion AutoQA left unscored is an override too: its findings no longer count.
    """
    if spec.is_manual:
        return False
    if auto is None:
        return entry.score is not None and not entry.na
    return entry.na or entry.score is None or round(entry.score, 1) != round(auto, 1)


def check_entries(rubric: RubricSpec, entries: Mapping[str, CriterionInput],
                  auto: Mapping[str, float | None]) -> dict[str, str]:
    """Return field errors: unknown criteria, scores out of range, N/A not allowed, missing reasons."""
    errors: dict[str, str] = {}
    known = {c.id for c in rubric.criteria}
    for criterion_id in entries:
        if criterion_id not in known:
            errors[f"{criterion_id}.score"] = "unknown_criterion"
    for spec in rubric.criteria:
        entry = entries.get(spec.id, CriterionInput())
        key = spec.id
        if entry.na:
            if not spec.allow_na:
                errors[f"{key}.na"] = "na_not_allowed"
            continue
        if entry.score is not None and (math.isnan(entry.score) or not 0 <= entry.score <= 100):
            errors[f"{key}.score"] = "score_range"
        elif entry.score is None and spec.is_manual:
            errors[f"{key}.score"] = "score_required_na" if spec.allow_na else "score_required"
        elif entry.score is None and auto.get(spec.id) is not None:
            errors[f"{key}.score"] = "score_required"
        elif is_override(spec, entry, auto.get(spec.id)) and not (entry.override_reason or "").strip():
            errors[f"{key}.override_reason"] = "override_reason_required"
    return errors


def score_card(rubric: RubricSpec, entries: Mapping[str, CriterionInput],
               auto: Mapping[str, float | None] | None = None,
               auto_findings: Mapping[str, tuple[Finding, ...]] | None = None,
               auto_fail_reason: str | None = None) -> ScoredCard:
    """Check and score a scorecard; raise ReviewInputError with field errors when it cannot be stored.

    `auto` holds AutoQA's criterion scores and `auto_findings` its findings per criterion: an
    automatic criterion the reviewer kept keeps its findings, so finding-based auto-fail rules fire
    as they do in the engine; an overridden or N/A criterion drops them (the reviewer decided).
    `auto_fail_reason` not None means the reviewer failed the conversation; it must say why.
    """
    auto = auto or {}
    auto_findings = auto_findings or {}
    errors = check_entries(rubric, entries, auto)
    if auto_fail_reason is not None and not auto_fail_reason.strip():
        errors["auto_fail_reason"] = "auto_fail_reason_required"
    if errors:
        raise ReviewInputError(errors)
    results: list[CriterionResult] = []
    stored: dict[str, dict[str, Any]] = {}
    for spec in rubric.criteria:
        entry = entries.get(spec.id, CriterionInput())
        score = None if entry.na or entry.score is None else float(entry.score)
        overridden = is_override(spec, entry, auto.get(spec.id))
        kept = not spec.is_manual and not entry.na and not overridden
        findings = auto_findings.get(spec.id, ()) if kept else ()
        base = criterion_result(_as_manual(spec), None, score)
        results.append(CriterionResult(spec.id, base.score, base.level, spec.weight, spec.scorer, tuple(findings)))
        stored[spec.id] = {
            "score": score,
            "na": bool(entry.na),
            "auto": None if spec.is_manual else auto.get(spec.id),
            "override_reason": (entry.override_reason or "").strip() or None if overridden else None,
        }
    criteria = tuple(results)
    overall = weighted_overall(criteria)
    fired = tuple(fired_rules(rubric, criteria))
    if overall is not None:
        for rule in fired:
            overall = min(overall, rule.cap)
    reason = auto_fail_reason.strip() if auto_fail_reason is not None else None
    if reason is not None:
        overall = MANUAL_AUTO_FAIL_CAP
    return ScoredCard(overall, stored, fired, reason)


def _as_manual(spec: CriterionSpec) -> CriterionSpec:
    """The reviewer's score stands for every criterion, automatic ones included."""
    return spec if spec.is_manual else replace(spec, scorer="manual")


def entries_from_stored(scores: Mapping[str, Mapping[str, Any]]) -> dict[str, CriterionInput]:
    """Turn a revision's stored scores back into inputs (to copy them into a new revision)."""
    return {
        criterion_id: CriterionInput(
            score=data.get("score"), na=bool(data.get("na")), override_reason=data.get("override_reason")
        )
        for criterion_id, data in scores.items()
    }
