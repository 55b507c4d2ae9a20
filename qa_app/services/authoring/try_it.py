"""Try it: grade a pasted answer against any version of a scenario, a draft or a published one.

No Flask here. The answer is graded on the one path the app grades on (`grading.grade_with`,
exactly as practice grades a learner's reply): the version is built into a Scenario, paired with
its rubric from the library (or a rubric draft), and the answer is graded as a reply to the
customer message of the chosen turn. The result is typed and already explained for a reader:
scores with levels, findings numbered and placed in the text (as the practice debrief shows
them), and each key point met, missing or wrong, with the phrase or number that met it.

A draft that breaks the content rules cannot be built; `NotGradable` carries the problems
`kohtaamo validate` reports, so the page can say what to fix instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...content import ContentError, Problem, Rubric, Scenario
from ...content.build import build_rubric, build_scenario
from ...grading.context import HistoryMessage
from ...grading.engine import Grader
from ...grading.errors import GradingError
from ...grading.results import GradeResult
from ...models import ContentVersion
from .. import content_store
from ..debrief import CriterionRow, criterion_row, overall_level_label
from ..grading import MAX_TEXT_CHARS, GradeOutcome, GradeRequestError, grade_with
from ..grading import grader as app_grader
from ..highlight import Mark, Piece, number_findings, pieces
from ..practice import OPENING_TURN_ID
from . import drafts


class TryItError(ValueError):
    """A Try it request that cannot be graded; the message says why in plain words."""


class NotGradable(TryItError):
    """The version breaks the content rules, so it cannot be built and graded yet."""

    def __init__(self, version: ContentVersion, problems: Sequence[Problem]) -> None:
        super().__init__(
            f"{version.kind} '{version.content_id}' version {version.version} cannot be graded "
            f"until its {len(problems)} problem(s) are fixed"
        )
        self.version = version
        self.problems = tuple(problems)


class UnknownTurn(TryItError):
    """The chosen turn is not a customer message of this version."""


class AnswerMissing(TryItError):
    """There is no answer to grade, or it is too long."""


class GradingUnavailable(TryItError):
    """The grader could not grade (a language resource failed); trying again may work."""


@dataclass(frozen=True)
class TryContent:
    """A scenario version built for grading, with the rubric it is graded with."""

    version: ContentVersion
    scenario: Scenario
    rubric: Rubric
    rubric_version: ContentVersion | None = None  # a rubric draft given instead of the library's

    @property
    def is_draft(self) -> bool:
        return self.version.is_draft or bool(self.rubric_version and self.rubric_version.is_draft)


@dataclass(frozen=True)
class TurnChoice:
    """A customer message an answer can reply to: the opening, or a turn of a role-play."""

    id: str
    customer: str
    is_opening: bool = False


@dataclass(frozen=True)
class KeyPointCheck:
    """One key point as the answer left it, and what met it."""

    id: str
    say: str
    status: str  # "met", "earlier" (met in an earlier reply), "missing" or "wrong"
    matched_by: str | None = None  # "phrase" or "number"
    matched: str | None = None  # the phrase or number as the scenario writes it
    found: str | None = None  # the answer's words that met it
    wrong_values: tuple[str, ...] = ()  # values the answer gave that contradict the facts
    turn: str | None = None  # the turn that added this point, for a role-play's follow-ups

    @property
    def is_met(self) -> bool:
        return self.status in ("met", "earlier")


@dataclass(frozen=True)
class TryResult:
    """How one version grades one answer, explained in the reader's language."""

    content: TryContent
    text: str
    turn: TurnChoice
    outcome: GradeOutcome
    level: str | None
    criteria: tuple[CriterionRow, ...]
    marks: tuple[Mark, ...]
    pieces: tuple[Piece, ...]
    key_points: tuple[KeyPointCheck, ...]
    forbidden_found: tuple[str, ...]
    auto_failed: tuple[str, ...]
    index: int = 0  # numbers the marks' anchors when a page shows several results

    @property
    def overall(self) -> float:
        return self.outcome.result.overall

    @property
    def scenario(self) -> Scenario:
        return self.content.scenario

    @property
    def reply(self) -> str:
        return self.text


# ------------------------------------------------------------------ content


def load_content(
    version: ContentVersion,
    rubric_version: ContentVersion | None = None,
    library: Any = None,
) -> TryContent:
    """Build a scenario version (draft or published) and pair it with its rubric.

    The rubric is `rubric_version` when given (a rubric draft being tried), else the library's
    published rubric the scenario names. Raises NotGradable with the `kohtaamo validate`
    problems when a draft breaks a rule, and TryItError when the version is not a scenario.
    """
    if version.kind != "scenario":
        raise TryItError(f"version {version.id} is a {version.kind}, not a scenario")
    scenario = _built(version, build_scenario)
    if rubric_version is not None:
        if rubric_version.kind != "rubric":
            raise TryItError(
                f"version {rubric_version.id} is a {rubric_version.kind}, not a rubric"
            )
        rubric = _built(rubric_version, build_rubric)
    else:
        try:
            rubric = (library or content_store.library()).rubric(scenario.rubric_id)
        except ContentError as error:
            problem = Problem(drafts.display_name(version), None, "rubric", str(error))
            raise NotGradable(version, [problem]) from error
    return TryContent(version, scenario, rubric, rubric_version)


def _built(version: ContentVersion, build: Callable[[Mapping[str, Any]], Any]) -> Any:
    """Build a version; a draft is checked first, so a broken one names its problems."""
    if version.is_draft:
        checked = drafts.check_draft(version)
        if not checked.ok:
            raise NotGradable(version, checked.problems)
    try:
        return build(drafts.data(version))
    except (KeyError, TypeError, ValueError) as error:  # only a stored body that skipped the checks
        problem = Problem(drafts.display_name(version), None, "", f"cannot be built: {error!r}")
        raise NotGradable(version, [problem]) from error


def turn_choices(scenario: Scenario) -> tuple[TurnChoice, ...]:
    """The customer messages a reply can answer: the opening, then each turn that is not an ending."""
    if not scenario.turns:
        return (TurnChoice(OPENING_TURN_ID, scenario.opening, True),)
    return tuple(
        TurnChoice(turn.id, turn.customer, index == 0)
        for index, turn in enumerate(scenario.turns)
        if not turn.is_terminal and turn.customer.strip()
    )


def turn_choices_in(content: Mapping[str, Any]) -> tuple[TurnChoice, ...]:
    """Read the turn choices from a version's stored content, even one that does not build."""
    opening = content.get("opening") if isinstance(content.get("opening"), str) else ""
    turns = content.get("turns") if isinstance(content.get("turns"), list) else []
    if not turns:
        return (TurnChoice(OPENING_TURN_ID, opening, True),)
    choices = []
    for index, turn in enumerate(turns):
        if (
            not isinstance(turn, Mapping)
            or not isinstance(turn.get("id"), str)
            or turn.get("outcome")
        ):
            continue
        customer = turn.get("customer", opening if index == 0 else "")
        if isinstance(customer, str) and customer.strip():
            choices.append(TurnChoice(turn["id"], customer, index == 0))
    return tuple(choices) or (TurnChoice(OPENING_TURN_ID, opening, True),)


def find_turn(scenario: Scenario, turn_id: str | None) -> TurnChoice:
    """Return the chosen turn; none (or "opening") means the opening message."""
    choices = turn_choices(scenario)
    if not turn_id or turn_id == OPENING_TURN_ID:
        return choices[0]
    found = next((choice for choice in choices if choice.id == turn_id), None)
    if found is None:
        raise UnknownTurn(
            f"scenario '{scenario.id}' v{scenario.version} has no customer message '{turn_id}'"
        )
    return found


# ------------------------------------------------------------------ grading


def grade_answer(
    content: TryContent,
    text: str,
    turn_id: str | None = None,
    earlier: Sequence[HistoryMessage] = (),
    grader: Grader | None = None,
) -> tuple[TurnChoice, GradeOutcome]:
    """Grade `text` as the reply to the chosen turn's customer message, as practice would.

    `earlier` is the conversation before that message (a learner's earlier turns); a pasted
    answer has none, so it is graded as the first reply to the message.
    """
    if not text or not text.strip():
        raise AnswerMissing("paste an answer to grade")
    if len(text) > MAX_TEXT_CHARS:
        raise AnswerMissing(f"the answer is longer than {MAX_TEXT_CHARS} characters")
    turn = find_turn(content.scenario, turn_id)
    history = (*earlier, HistoryMessage("customer", turn.customer))
    scenario = content.scenario
    try:
        outcome = grade_with(
            text,
            scenario,
            content.rubric,
            grader or app_grader(),
            scenario.language,
            scenario.spec.channel,
            history,
        )
    except GradeRequestError as error:
        raise AnswerMissing(str(error)) from error
    except GradingError as error:
        raise GradingUnavailable(str(error)) from error
    return turn, outcome


def try_answer(
    version: ContentVersion,
    text: str,
    ui_lang: str,
    turn_id: str | None = None,
    rubric_version: ContentVersion | None = None,
    grader: Grader | None = None,
) -> TryResult:
    """Grade a pasted answer against a version and explain the result in `ui_lang`."""
    content = load_content(version, rubric_version)
    turn, outcome = grade_answer(content, text, turn_id, grader=grader)
    return explain(content, turn, outcome, ui_lang)


def explain(
    content: TryContent, turn: TurnChoice, outcome: GradeOutcome, ui_lang: str, index: int = 0
) -> TryResult:
    """Turn a grade into what the Try it result shows, in the reader's language."""
    spec = content.rubric.spec_in(ui_lang)
    grade, text = outcome.result, outcome.text
    marks = number_findings(
        text,
        ((c.id, c.display_title(spec), f) for c in grade.criteria for f in c.findings),
        ui_lang,
    )
    criteria = tuple(criterion_row(c, spec, marks) for c in grade.criteria)
    return TryResult(
        content=content,
        text=text,
        turn=turn,
        outcome=outcome,
        level=overall_level_label(spec, grade.overall) or grade.level,
        criteria=criteria,
        marks=tuple(marks),
        pieces=tuple(pieces(text, marks)),
        key_points=key_point_checks(grade, text),
        forbidden_found=tuple(
            str(claim.get("say", ""))
            for c in grade.criteria
            for claim in c.details.get("forbidden", ())
            if claim.get("found")
        ),
        auto_failed=tuple(grade.auto_fail_messages(ui_lang, spec)),
        index=index,
    )


def key_point_checks(grade: GradeResult, text: str) -> tuple[KeyPointCheck, ...]:
    """Read every key point from the accuracy details: met (by which phrase), missing or wrong."""
    checks = []
    for criterion in grade.criteria:
        details = criterion.details
        wrong: dict[str, list[str]] = {}
        for item in details.get("wrong_amounts", ()):
            wrong.setdefault(str(item.get("key_point")), []).append(str(item.get("text", "")))
        for point in details.get("key_points", ()):
            point_id = str(point.get("id", ""))
            matched = point.get("matched") if isinstance(point.get("matched"), Mapping) else {}
            evidence = point.get("evidence")
            found = (
                text[evidence[0] : evidence[1]]
                if isinstance(evidence, (list, tuple)) and len(evidence) == 2
                else None
            )
            if wrong.get(point_id):
                status = "wrong"
            elif point.get("met"):
                status = "earlier" if point.get("earlier") else "met"
            else:
                status = "missing"
            checks.append(
                KeyPointCheck(
                    id=point_id,
                    say=str(point.get("say", "")),
                    status=status,
                    matched_by=matched.get("by"),
                    matched=matched.get("text"),
                    found=found or None,
                    wrong_values=tuple(wrong.get(point_id, ())),
                    turn=point.get("turn"),
                )
            )
    return tuple(checks)
