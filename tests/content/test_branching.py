"""Choosing the next role-play turn from a grade summary."""

from __future__ import annotations

import pytest

from qa_app.content import Branch, Condition, ContentLibrary, GradeSummary, Turn, choose_next_turn
from qa_app.grading.results import ContentRef, CriterionResult, GradeResult


def _summary(overall: float = 70, accuracy: float | None = 80, met=(), found=()) -> GradeSummary:
    return GradeSummary(overall, {"accuracy": accuracy}, frozenset(met), frozenset(found))


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (_summary(accuracy=40), "escalates"),
        (_summary(met={"refund"}, overall=60), "resolved"),
        (_summary(met={"refund"}, overall=59), "neutral"),
        (_summary(accuracy=None), "neutral"),  # N/A meets no score condition
        (_summary(), "neutral"),
    ],
)
def test_first_matching_branch_wins(
    library: ContentLibrary, summary: GradeSummary, expected: str
) -> None:
    """Branches are tried in order and conditions in one `when` are ANDed."""
    start = library.scenario("palautus").start_turn
    assert start is not None
    assert choose_next_turn(start, summary) == expected


@pytest.mark.parametrize(
    ("when", "summary", "holds"),
    [
        (Condition(criterion="accuracy", at_least=80), _summary(accuracy=80), True),
        (Condition(criterion="accuracy", at_least=80), _summary(accuracy=79.9), False),
        (Condition(criterion="missing", below=50), _summary(), False),
        (Condition(overall_below=50), _summary(overall=49), True),
        (Condition(overall_at_least=50, overall_below=60), _summary(overall=60), False),
        (Condition(missed_key_point="refund"), _summary(met={"refund"}), False),
        (Condition(missed_key_point="refund"), _summary(), True),
        (Condition(forbidden="any"), _summary(found={"blame"}), True),
        (Condition(forbidden="any"), _summary(), False),
        (Condition(forbidden="blame"), _summary(found={"other"}), False),
    ],
)
def test_conditions(when: Condition, summary: GradeSummary, holds: bool) -> None:
    """Each condition key compares the grade as documented."""
    turn = Turn("t", "Hei", "calm", next=(Branch("yes", when), Branch("no")))
    assert choose_next_turn(turn, summary) == ("yes" if holds else "no")


def test_terminal_turn_has_no_next(library: ContentLibrary) -> None:
    """Asking for the turn after a terminal turn is a ValueError."""
    with pytest.raises(ValueError, match="ends the conversation"):
        choose_next_turn(library.scenario("palautus").turn("resolved"), _summary())


def test_summary_from_grade_result() -> None:
    """GradeSummary.from_result takes criterion scores and overall from a GradeResult."""
    result = GradeResult(
        language="fi",
        overall=55.0,
        rubric=ContentRef("chat-reply", 1),
        scenario=None,
        criteria=(CriterionResult("accuracy", 30.0, None, 50, "accuracy"),),
    )
    summary = GradeSummary.from_result(result, met_key_points=["refund"])
    assert summary.criteria["accuracy"] == 30.0 and summary.overall == 55.0
    assert summary.met_key_points == {"refund"} and summary.forbidden_found == frozenset()
