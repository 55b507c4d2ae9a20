"""The debrief of an attempt, read back from the stored grades (nothing is graded twice).

Each stored grade is rebuilt into a GradeResult once (`practice.load_grade`) and rendered in the
reader's language: a learner who switches to English, or a supervisor who reads English, sees
English notes on a reply graded in a Finnish session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Rubric, Scenario
from ..grading.results import CriterionResult, GradeResult
from ..grading.specs import RubricSpec
from ..models import Attempt, AttemptTurn
from .highlight import Mark, Piece, number_findings, pieces
from .practice import attempt_content, closing_turn, load_grade


@dataclass(frozen=True)
class CriterionRow:
    id: str
    title: str
    score: float | None
    level: str | None
    weight: float
    findings: int
    baseline: float | None = None  # None: a manual score or a grade stored before baselines
    scored_notes: tuple[Mark, ...] = ()  # the notes that added or took points, in reading order

    @property
    def explained(self) -> bool:
        """Tell whether the score can be shown as a sum of its start and its notes' points."""
        return self.baseline is not None and self.score is not None

    @property
    def unrounded(self) -> float:
        """Return the start plus every note's points, before the 0-100 limits."""
        return round((self.baseline or 0.0) + sum(m.points for m in self.scored_notes), 1)

    @property
    def limited(self) -> bool:
        """Tell whether the 0-100 limits cut the sum (e.g. deductions beyond zero)."""
        return self.explained and not 0 <= self.unrounded <= 100


@dataclass(frozen=True)
class KeyPointRow:
    id: str
    say: str
    met: bool
    evidence: str | None = None


@dataclass
class TurnDebrief:
    """One graded reply: the customer's message, the reply with its marks, and the scores."""

    index: int
    customer_message: str
    customer_mood: str | None
    reply: str
    overall: float | None
    level: str | None
    criteria: list[CriterionRow]
    marks: list[Mark]
    pieces: list[Piece]
    key_points: list[KeyPointRow]
    forbidden_found: list[KeyPointRow]
    auto_failed: list[str]
    time_taken_s: float | None
    time_target_s: int
    model_answer: str = ""  # the trainer's reply to this customer message, if the scenario has one

    @property
    def within_target(self) -> bool | None:
        return None if self.time_taken_s is None else self.time_taken_s <= self.time_target_s

    @property
    def key_points_met(self) -> list[KeyPointRow]:
        return [kp for kp in self.key_points if kp.met]

    @property
    def key_points_missed(self) -> list[KeyPointRow]:
        return [kp for kp in self.key_points if not kp.met]


@dataclass
class Debrief:
    attempt: Attempt
    scenario: Scenario
    rubric: Rubric
    outcome: str | None
    overall: float | None
    level: str | None
    turns: list[TurnDebrief]
    closing_message: str | None = None
    closing_mood: str | None = None
    criterion_means: list[CriterionRow] = field(default_factory=list)


def build_debrief(attempt: Attempt, lang: str) -> Debrief:
    """Assemble the debrief in UI language `lang`, with labels from the attempt's rubric version."""
    scenario, rubric = attempt_content(attempt)
    spec = rubric.spec_in(lang)
    turns = [turn_debrief(played, spec, scenario, lang) for played in attempt.turns]
    closing = closing_turn(attempt, scenario)
    return Debrief(
        attempt=attempt,
        scenario=scenario,
        rubric=rubric,
        outcome=attempt.outcome,
        overall=attempt.overall,
        level=overall_level_label(spec, attempt.overall),
        turns=turns,
        closing_message=closing.customer if closing else None,
        closing_mood=closing_mood(closing.mood, attempt.outcome) if closing else None,
        criterion_means=criterion_means(turns, spec),
    )


def turn_debrief(played: AttemptTurn, spec: RubricSpec, scenario: Scenario, lang: str) -> TurnDebrief:
    """Read one stored grade back into what the debrief shows, rendered in `lang`."""
    grade = load_grade(played)
    marks = number_findings(
        played.reply_text,
        ((c.id, c.display_title(spec), f) for c in grade.criteria for f in c.findings),
        lang,
    )
    criteria = [criterion_row(item, spec, marks) for item in grade.criteria]
    key_points, forbidden = _accuracy_rows(grade, played.reply_text)
    return TurnDebrief(
        index=played.index,
        customer_message=played.customer_message,
        customer_mood=played.customer_mood,
        reply=played.reply_text,
        overall=grade.overall if grade.criteria else None,
        level=overall_level_label(spec, grade.overall) or grade.level,
        criteria=criteria,
        marks=marks,
        pieces=pieces(played.reply_text, marks),
        key_points=key_points,
        forbidden_found=[row for row in forbidden if row.met],
        auto_failed=grade.auto_fail_messages(lang, spec),
        time_taken_s=played.time_taken_s,
        time_target_s=scenario.time_target_s,
        model_answer=model_answer_for(scenario, played),
    )


def model_answer_for(scenario: Scenario, played: AttemptTurn) -> str:
    """The model reply to the message a turn answered: the scenario's for the opening, else the turn's."""
    if played.index == 0:
        return scenario.model_answer
    turn = next((t for t in scenario.turns if t.id == played.turn_id), None)
    return turn.model_answer if turn else ""


def closing_mood(mood: str, outcome: str | None) -> str | None:
    """The customer's last mood, unless it contradicts how the conversation ended.

    A customer pleased by a promise that cannot be kept ends "escalated": the debrief shows that
    outcome, not a calm badge beside it.
    """
    if outcome in ("escalated", "abandoned") and mood == "calm":
        return None
    return mood


def overall_level_label(spec, score: float | None) -> str | None:
    """Return the rubric's localised overall level for a stored score."""
    level = spec.level_for(score)
    return level.label if level else None


def criterion_means(turns: list[TurnDebrief], spec: RubricSpec | None = None) -> list[CriterionRow]:
    """Each criterion for the whole conversation, as the session score counts it: accuracy as it
    stood after the last reply (key points met earlier stay met), the others averaged."""
    rows: dict[str, list[CriterionRow]] = {}
    for turn in turns:
        for row in turn.criteria:
            rows.setdefault(row.id, []).append(row)
    means = []
    for criterion_id, found in rows.items():
        scores = [row.score for row in found if row.score is not None]
        criterion = spec.criterion(criterion_id) if spec is not None else None
        if criterion is not None and criterion.scorer == "accuracy" and scores:
            mean: float | None = scores[-1]
        else:
            mean = round(sum(scores) / len(scores), 1) if scores else None
        first = found[0]
        means.append(
            CriterionRow(
                criterion_id, first.title, mean, None, first.weight, sum(r.findings for r in found)
            )
        )
    return means


def criterion_row(item: CriterionResult, spec: RubricSpec, marks: Sequence[Mark]) -> CriterionRow:
    """One criterion of a grade as a debrief row, with the notes that added or took its points."""
    return CriterionRow(
        id=item.id,
        title=item.display_title(spec),
        score=item.score,
        level=item.display_level(spec),
        weight=item.weight,
        findings=len(item.findings),
        baseline=item.baseline,
        scored_notes=tuple(m for m in marks if m.criterion_id == item.id and m.points),
    )


def _accuracy_rows(grade: GradeResult, reply: str) -> tuple[list[KeyPointRow], list[KeyPointRow]]:
    """Read key points and forbidden claims from the details of the accuracy criterion."""
    key_points, forbidden = [], []
    for criterion in grade.criteria:
        details = criterion.details
        for kp in details.get("key_points", ()):
            evidence = _evidence(kp.get("evidence"), reply)
            key_points.append(
                KeyPointRow(kp.get("id", ""), kp.get("say", ""), bool(kp.get("met")), evidence)
            )
        for fc in details.get("forbidden", ()):
            evidence = _evidence(fc.get("evidence"), reply)
            forbidden.append(
                KeyPointRow(fc.get("id", ""), fc.get("say", ""), bool(fc.get("found")), evidence)
            )
    return key_points, forbidden


def _evidence(evidence: Any, reply: str) -> str | None:
    """Return the words that met a key point: stored as text or as [start, end] in the reply."""
    if isinstance(evidence, str):
        return evidence or None
    if isinstance(evidence, Mapping):
        return _evidence(
            evidence.get("text") or [evidence.get("start"), evidence.get("end")], reply
        )
    if (
        isinstance(evidence, (list, tuple))
        and len(evidence) == 2
        and all(isinstance(n, int) for n in evidence)
    ):
        return reply[max(0, evidence[0]) : evidence[1]] or None
    return None
