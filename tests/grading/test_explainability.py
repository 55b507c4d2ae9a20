"""Every automatic score adds up from its findings: baseline + credits - penalties, kept to 0-100."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from qa_app.content import default_content_dirs, load_library
from qa_app.grading.engine import Grader

DATA = Path(__file__).resolve().parent.parent / "data"
# Findings store their points rounded to 0.1, so many small ones may drift a little.
TOLERANCE = 0.6


@cache
def library():
    return load_library(*default_content_dirs())


@cache
def grader() -> Grader:
    return Grader()


def _eval_texts() -> list[tuple[str, str]]:
    """(language, text) for every answer of the evaluation pairs: realistic good and bad replies."""
    texts = []
    for name in ("eval_pairs_fi.yaml", "eval_pairs_en.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        for pair in data["pairs"]:
            texts += [(data["language"], pair["better"]), (data["language"], pair["worse"])]
    return texts


def _cases() -> list[tuple[str, str]]:
    """Pair each starter scenario with its model answer and with answers written for others."""
    scenarios = sorted(library().scenarios_by_id.values(), key=lambda s: s.id)
    cases = [(s.id, s.model_answer) for s in scenarios if s.model_answer]
    for number, (language, text) in enumerate(_eval_texts()):
        same_language = [s for s in scenarios if s.language == language]
        cases.append((same_language[number % len(same_language)].id, text))
    return cases


def _sum_of_parts(criterion) -> float:
    raw = criterion.baseline + sum(f.credit - f.penalty for f in criterion.findings)
    return max(0.0, min(100.0, raw))


@pytest.mark.parametrize("scenario_id,text", _cases())
def test_score_is_baseline_plus_credits_minus_penalties(scenario_id: str, text: str) -> None:
    """Each scored criterion can be re-added from the points of its findings, so the debrief can show the sum."""
    scenario = library().scenario(scenario_id)
    rubric = library().rubric_for(scenario)
    result = grader().grade(text, rubric.spec_in("en"), scenario.spec, language=scenario.language)
    for criterion in result.criteria:
        if criterion.score is None:
            continue
        assert criterion.baseline is not None, criterion.id
        assert _sum_of_parts(criterion) == pytest.approx(criterion.score, abs=TOLERANCE), (
            criterion.id,
            criterion.baseline,
            [(f.rule, f.credit, f.penalty) for f in criterion.findings],
        )
        assert all(f.credit >= 0 and f.penalty >= 0 for f in criterion.findings)
        assert all(f.credit == 0 for f in criterion.findings if f.severity != "credit")
