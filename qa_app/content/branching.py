"""Choose the next turn of a role-play from how the learner's reply was graded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from qa_app.grading.results import GradeResult

from .types import Condition, Turn


@dataclass(frozen=True)
class GradeSummary:
    """The parts of a grade that branch conditions look at.

    `criteria` maps criterion id to its 0-100 score (None when not applicable).
    """

    overall: float
    criteria: Mapping[str, float | None] = field(default_factory=lambda: MappingProxyType({}))
    met_key_points: frozenset[str] = frozenset()
    forbidden_found: frozenset[str] = frozenset()
    slow: bool | None = None  # None: the reply time was not measured

    @classmethod
    def from_result(
        cls,
        result: GradeResult,
        met_key_points: Iterable[str] = (),
        forbidden_found: Iterable[str] = (),
    ) -> GradeSummary:
        """Summarise a GradeResult; key points and forbidden claims come from the caller."""
        scores = MappingProxyType({criterion.id: criterion.score for criterion in result.criteria})
        return cls(result.overall, scores, frozenset(met_key_points), frozenset(forbidden_found))


def choose_next_turn(turn: Turn, summary: GradeSummary) -> str:
    """Return the id of the turn that follows `turn`: the first branch whose condition holds."""
    if turn.is_terminal:
        raise ValueError(
            f"turn '{turn.id}' ends the conversation ({turn.outcome}); it has no next turn"
        )
    for branch in turn.next:
        if branch.when is None or condition_holds(branch.when, summary):
            return branch.goto
    raise ValueError(f"no branch of turn '{turn.id}' applies; its last branch must have no 'when'")


def condition_holds(condition: Condition, summary: GradeSummary) -> bool:
    """Tell whether every part of `condition` holds; an N/A criterion meets no score condition."""
    checks = []
    if condition.criterion is not None:
        score = summary.criteria.get(condition.criterion)
        checks.append(score is not None and _compare(score, condition.below, condition.at_least))
    if condition.overall_below is not None or condition.overall_at_least is not None:
        checks.append(
            _compare(summary.overall, condition.overall_below, condition.overall_at_least)
        )
    if condition.key_point is not None:
        checks.append(condition.key_point in summary.met_key_points)
    if condition.missed_key_point is not None:
        checks.append(condition.missed_key_point not in summary.met_key_points)
    if condition.forbidden is not None:
        found = summary.forbidden_found
        checks.append(bool(found) if condition.forbidden == "any" else condition.forbidden in found)
    if condition.slow is not None:
        checks.append(summary.slow is not None and summary.slow == condition.slow)
    return all(checks)


def _compare(score: float, below: float | None, at_least: float | None) -> bool:
    if below is not None and not score < below:
        return False
    return at_least is None or score >= at_least
