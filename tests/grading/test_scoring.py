"""Tests for rubric scoring."""

from __future__ import annotations

import pytest

from qa_app.grading.results import AnalyzerResult, Finding
from qa_app.grading.scoring import combine
from qa_app.grading.specs import AutoFailRule, CriterionSpec, Level, RubricSpec

LEVELS = (Level(0, "low"), Level(50, "mid"), Level(80, "high"))


def rubric(*rules: AutoFailRule) -> RubricSpec:
    return RubricSpec("r", 1, (
        CriterionSpec("grammar", 30, "grammar", LEVELS), CriterionSpec("clarity", 30, "clarity", LEVELS),
        CriterionSpec("tone", 40, "manual", LEVELS),
    ), auto_fail=rules)


def test_weights_renormalise_without_manual_score() -> None:
    """A manual criterion without a score drops out and the others are re-weighted."""
    result = combine(rubric(), {"grammar": AnalyzerResult(100), "clarity": AnalyzerResult(50)}, "en")
    assert result.overall == pytest.approx(75)
    assert result.criterion("tone").score is None
    assert result.criterion("clarity").level == "mid"


def test_manual_score_counts() -> None:
    """A reviewer's manual score is weighted in."""
    result = combine(rubric(), {"grammar": AnalyzerResult(100), "clarity": AnalyzerResult(100)}, "en", {"tone": 50})
    assert result.overall == pytest.approx(80)


def test_auto_fail_rules_cap_overall() -> None:
    """Forbidden claims and a criterion below its bar cap the overall score."""
    forbidden = AnalyzerResult(90, (Finding(0, 3, "forbidden", "no"),))
    result = combine(rubric(AutoFailRule("forbidden_claim", cap=20, message="claim")),
                     {"grammar": forbidden, "clarity": AnalyzerResult(90)}, "en")
    assert result.overall == 20 and [a.index for a in result.auto_failed] == [0]
    assert result.auto_fail_messages("en", rubric(AutoFailRule("forbidden_claim", cap=20, message="claim"))) == ["claim"]
    result = combine(rubric(AutoFailRule("criterion_below", "clarity", 60, cap=40)),
                     {"grammar": AnalyzerResult(100), "clarity": AnalyzerResult(50)}, "en")
    assert result.overall == 40
    assert result.auto_fail_messages("fi") == ["Kriteeri clarity jäi alle 60 pisteen."]
