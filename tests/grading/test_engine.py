"""Tests for the Grader entry point (no Flask app)."""

from __future__ import annotations

import pytest

from qa_app.grading.engine import Grader
from qa_app.grading.errors import GradingInputError
from qa_app.grading.specs import CriterionSpec, RubricSpec, ScenarioSpec

RUBRIC = RubricSpec("gc", 1, (CriterionSpec("grammar", 50, "grammar"), CriterionSpec("clarity", 50, "clarity")), channel="chat")


@pytest.fixture(scope="module")
def grader() -> Grader:
    return Grader()


@pytest.mark.parametrize("text, language", [
    ("Hi Anna, thanks for your message. Your refund is on its way.", "en"),
    ("Hei Anna, kiitos viestistäsi. Hyvitys on matkalla tilillesi.", "fi"),
])
def test_grades_and_detects_language(grader: Grader, text: str, language: str) -> None:
    """Auto language detection picks the language and a clean answer scores high."""
    result = grader.grade(text, RUBRIC)
    assert result.language == language and result.overall > 90
    assert [c.id for c in result.criteria] == ["grammar", "clarity"]


def test_offsets_are_valid(grader: Grader) -> None:
    """Every finding's span lies inside the answer."""
    text = "Your welcome, i will send an reminder tomorow. 😀 Basically its been escalated."
    result = grader.grade(text, RUBRIC, language="en")
    assert result.findings and all(0 <= f.start < f.end <= len(text) for f in result.findings)


@pytest.mark.parametrize("text, language", [("", "en"), ("   \n ", "en"), ("Hello", "de")])
def test_bad_input_raises(grader: Grader, text: str, language: str) -> None:
    """Empty text or an unknown language is a GradingInputError."""
    with pytest.raises(GradingInputError):
        grader.grade(text, RUBRIC, language=language)


def test_unknown_scorer_raises(grader: Grader) -> None:
    """A rubric naming an unknown scorer is a GradingInputError."""
    bad = RubricSpec("bad", 1, (CriterionSpec("x", 1, "telepathy"),))
    with pytest.raises(GradingInputError):
        grader.grade("Hello there.", bad)


def test_scenario_ref_and_channel(grader: Grader) -> None:
    """The scenario's id, version and channel are used."""
    scenario = ScenarioSpec("sc", 3, "en", "email")
    result = grader.grade("Hello, thanks for writing.", RUBRIC, scenario)
    assert result.scenario.id == "sc" and result.scenario.version == 3
