"""Scenario checks the JSON Schema cannot express: ids, branches, conditions, rubric links."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from qa_app.grading.specs import CHANNELS

from .defaults import default_rubric_id
from .errors import Problem
from .phrase_rules import phrase_problems
from .rules import duplicate_ids, ids_in, mappings_in
from .text import FieldPath, choices, unknown
from .yamlio import ParsedFile

SCORE_CONDITIONS = ("below", "at_least")
CHANNEL_BLOCKS = ("email", "social")


@dataclass(frozen=True)
class RubricInfo:
    """What scenario checks need to know about a rubric."""

    id: str
    channel: str | None
    criteria: frozenset[str]


def rubric_info(parsed: ParsedFile) -> RubricInfo | None:
    """Summarise a parsed rubric file, or None if it has no usable id."""
    data = parsed.data
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
        return None
    channel = data.get("channel")
    return RubricInfo(
        data["id"],
        channel if isinstance(channel, str) else None,
        frozenset(ids_in(data, "criteria")),
    )


def scenario_problems(
    parsed: ParsedFile, rubrics: Mapping[str, RubricInfo] | None
) -> list[Problem]:
    """Run every scenario rule; rubric links are checked only when `rubrics` is given."""
    problems = [
        *duplicate_ids(parsed, "key_points", "key point"),
        *duplicate_ids(parsed, "forbidden", "forbidden claim"),
        *duplicate_ids(parsed, "turns", "turn"),
        *_channel_blocks(parsed),
        *turn_problems(parsed),
        *phrase_problems(parsed),
    ]
    rubric = None
    if rubrics is not None:
        rubric_problems, rubric = _rubric_link(parsed, rubrics)
        problems += rubric_problems
    problems += _condition_problems(parsed, rubric)
    return problems


def _channel_blocks(parsed: ParsedFile) -> Iterator[Problem]:
    channel = parsed.data.get("channel")
    for block in CHANNEL_BLOCKS:
        if block in parsed.data and isinstance(channel, str) and channel != block:
            yield parsed.problem(
                (block,), f"'{block}' is only used when channel is {block} (got channel {channel})"
            )


def turn_problems(parsed: ParsedFile) -> list[Problem]:
    """Check turn structure: branch targets, defaults, reachability and loops."""
    turns = mappings_in(parsed.data, "turns")
    if not turns:
        return []
    problems: list[Problem] = []
    turn_ids = _turn_ids(turns)
    for index, turn in turns:
        problems += _turn_shape(parsed, index, turn)
        problems += _branches(parsed, index, turn, turn_ids)
    problems += _graph_problems(parsed, turns)
    return problems


def _turn_ids(turns: list[tuple[int, Mapping[str, Any]]]) -> set[str]:
    return {turn["id"] for _, turn in turns if isinstance(turn.get("id"), str)}


def _turn_shape(parsed: ParsedFile, index: int, turn: Mapping[str, Any]) -> Iterator[Problem]:
    base: FieldPath = ("turns", index)
    has_next, has_outcome = "next" in turn, turn.get("outcome") is not None
    if index == 0 and has_outcome:
        yield parsed.problem(
            (*base, "outcome"),
            "the first turn cannot end the conversation; give it 'next' branches",
        )
    elif has_next and has_outcome:
        yield parsed.problem(
            base,
            "a turn has either 'next' (branches) or 'outcome' (it ends the conversation), not both",
        )
    elif not has_next and not has_outcome:
        yield parsed.problem(
            base,
            "a turn needs either 'next' branches or an 'outcome' (resolved, escalated or abandoned)",
        )
    if index > 0 and "customer" not in turn:
        yield parsed.problem(
            (*base, "customer"),
            "'customer' is required (only the first turn defaults to 'opening')",
        )


def _branches(
    parsed: ParsedFile, index: int, turn: Mapping[str, Any], turn_ids: set[str]
) -> Iterator[Problem]:
    branches = turn.get("next")
    count = len(branches) if isinstance(branches, list) else 0
    for position, branch in mappings_in(turn, "next"):
        base: FieldPath = ("turns", index, "next", position)
        goto = branch.get("goto")
        if isinstance(goto, str) and goto not in turn_ids:
            yield parsed.problem((*base, "goto"), unknown("turn", goto, turn_ids))
        if position == count - 1 and "when" in branch:
            yield parsed.problem(
                (*base, "when"), "the last branch must have no 'when': it is the default"
            )
        elif position < count - 1 and "when" not in branch:
            yield parsed.problem(
                base,
                "only the last branch may leave out 'when'; the branches after it are never chosen",
            )


def _graph_problems(
    parsed: ParsedFile, turns: list[tuple[int, Mapping[str, Any]]]
) -> list[Problem]:
    """Report turns never reached from the first turn, and branches that close a loop."""
    edges: dict[str, list[tuple[str, FieldPath]]] = {}
    first_path: dict[str, FieldPath] = {}
    for index, turn in turns:
        turn_id = turn.get("id")
        if isinstance(turn_id, str) and turn_id not in edges:
            first_path[turn_id] = ("turns", index, "id")
            edges[turn_id] = [
                (branch["goto"], ("turns", index, "next", position, "goto"))
                for position, branch in mappings_in(turn, "next")
                if isinstance(branch.get("goto"), str)
            ]
    start = turns[0][1].get("id") if turns[0][0] == 0 else None
    if not isinstance(start, str):
        return []
    reached = _reachable(start, edges)
    problems = [
        parsed.problem(path, f"turn '{turn_id}' is never reached from the first turn '{start}'")
        for turn_id, path in first_path.items()
        if turn_id not in reached
    ]
    return problems + [parsed.problem(path, message) for path, message in _loops(start, edges)]


def _reachable(start: str, edges: Mapping[str, list[tuple[str, FieldPath]]]) -> set[str]:
    seen, pending = {start}, [start]
    while pending:
        for target, _ in edges.get(pending.pop(), []):
            if target in edges and target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def _loops(
    start: str, edges: Mapping[str, list[tuple[str, FieldPath]]]
) -> list[tuple[FieldPath, str]]:
    """Find branches that go back to a turn already on the path (depth-first from every turn)."""
    found: list[tuple[FieldPath, str]] = []
    done: set[str] = set()

    def visit(turn_id: str, trail: list[str]) -> None:
        trail.append(turn_id)
        for target, path in edges.get(turn_id, []):
            if target in trail:
                loop = " -> ".join([*trail[trail.index(target) :], target])
                found.append(
                    (
                        path,
                        f"going to '{target}' makes a loop ({loop}); every path must end in a turn with an 'outcome'",
                    )
                )
            elif target in edges and target not in done:
                visit(target, trail)
        trail.pop()
        done.add(turn_id)

    for turn_id in [start, *edges]:
        if turn_id not in done:
            visit(turn_id, [])
    return found


def _rubric_link(
    parsed: ParsedFile, rubrics: Mapping[str, RubricInfo]
) -> tuple[list[Problem], RubricInfo | None]:
    """Check that the scenario's rubric (named or the channel default) exists and fits."""
    data = parsed.data
    channel = data.get("channel")
    if isinstance(data.get("rubric"), str):
        rubric_id, path = data["rubric"], ("rubric",)
        missing = unknown("rubric", rubric_id, rubrics)
    elif "rubric" not in data and channel in CHANNELS:
        rubric_id, path = default_rubric_id(channel), ("channel",)
        missing = (
            f"no 'rubric' given and the default rubric '{rubric_id}' for channel {channel} "
            f"does not exist {choices(rubric_id, rubrics)}"
        )
    else:
        return [], None
    info = rubrics.get(rubric_id)
    if info is None:
        return [parsed.problem(path, missing)], None
    if info.channel and isinstance(channel, str) and info.channel != channel:
        message = f"rubric '{rubric_id}' is for channel {info.channel}, but this scenario's channel is {channel}"
        return [parsed.problem(path, message)], info
    return [], info


def _condition_problems(parsed: ParsedFile, rubric: RubricInfo | None) -> list[Problem]:
    key_points, forbidden = ids_in(parsed.data, "key_points"), ids_in(parsed.data, "forbidden")
    problems: list[Problem] = []
    for index, turn in mappings_in(parsed.data, "turns"):
        for position, branch in mappings_in(turn, "next"):
            when = branch.get("when")
            if isinstance(when, Mapping):
                base = ("turns", index, "next", position, "when")
                problems += _condition(parsed, base, when, key_points, forbidden, rubric)
    return problems


def _condition(
    parsed: ParsedFile,
    base: FieldPath,
    when: Mapping[str, Any],
    key_points: set[str],
    forbidden: set[str],
    rubric: RubricInfo | None,
) -> Iterator[Problem]:
    yield from _score_condition(parsed, base, when, rubric)
    for key in ("key_point", "missed_key_point"):
        value = when.get(key)
        if isinstance(value, str) and value not in key_points:
            yield parsed.problem((*base, key), unknown("key point", value, key_points))
    claim = when.get("forbidden")
    if isinstance(claim, str) and claim != "any" and claim not in forbidden:
        yield parsed.problem(
            (*base, "forbidden"), unknown("forbidden claim", claim, {*forbidden, "any"})
        )


def _score_condition(
    parsed: ParsedFile, base: FieldPath, when: Mapping[str, Any], rubric: RubricInfo | None
) -> Iterator[Problem]:
    present = [key for key in SCORE_CONDITIONS if key in when]
    criterion = when.get("criterion")
    if "criterion" not in when:
        for key in present:
            yield parsed.problem(
                (*base, key), f"'{key}' needs 'criterion' (the criterion whose score is compared)"
            )
        return
    if not present:
        yield parsed.problem((*base, "criterion"), "'criterion' needs 'below' or 'at_least'")
    elif len(present) > 1:
        yield parsed.problem(
            (*base, "at_least"), "use either 'below' or 'at_least' with 'criterion', not both"
        )
    if rubric is not None and isinstance(criterion, str) and criterion not in rubric.criteria:
        message = f"rubric '{rubric.id}' has no criterion '{criterion}' {choices(criterion, rubric.criteria)}"
        yield parsed.problem((*base, "criterion"), message)
