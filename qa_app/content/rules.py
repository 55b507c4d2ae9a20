"""Rubric checks the JSON Schema cannot express, plus helpers shared with scenario checks.

The checks read the parsed mapping defensively: a field of the wrong type was already reported
by the schema, so here it is simply skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from qa_app.grading.analyzers import scorer_names
from qa_app.grading.specs import MANUAL_SCORER

from .errors import Problem
from .text import FieldPath, format_number, unknown
from .yamlio import ParsedFile

WEIGHT_TOTAL = 100.0
WEIGHT_TOLERANCE = 0.01


def known_scorers() -> tuple[str, ...]:
    """Return every scorer name a rubric may use: the registered analyzers plus manual."""
    return (*scorer_names(), MANUAL_SCORER)


def mappings_in(data: Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """Return (index, item) for the mapping items of the list `data[key]`."""
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def ids_in(data: Any, key: str) -> set[str]:
    """Return the string ids of the items of the list `data[key]`."""
    return {item["id"] for _, item in mappings_in(data, key) if isinstance(item.get("id"), str)}


def duplicate_ids(
    parsed: ParsedFile, key: str, noun: str, base: FieldPath = ()
) -> Iterator[Problem]:
    """Report items of `key` whose id repeats an earlier item's id."""
    container = _at(parsed.data, base)
    first_line: dict[str, int] = {}
    for index, item in mappings_in(container, key):
        item_id, path = item.get("id"), (*base, key, index, "id")
        if not isinstance(item_id, str):
            continue
        if item_id in first_line:
            yield parsed.problem(
                path, f"duplicate {noun} id '{item_id}' (first at line {first_line[item_id]})"
            )
        else:
            first_line[item_id] = parsed.line(path)


def level_problems(parsed: ParsedFile, path: FieldPath) -> Iterator[Problem]:
    """Check that levels start at min 0 and rise strictly."""
    previous: float | None = None
    for index, level in mappings_in(_at(parsed.data, path[:-1]), str(path[-1])):
        value, where = level.get("min"), (*path, index, "min")
        if not is_number(value):
            continue
        if index == 0 and value != 0:
            yield parsed.problem(
                where, f"the first level must have 'min' 0 (got {format_number(value)})"
            )
        elif previous is not None and value <= previous:
            message = f"levels must rise: 'min' must be > {format_number(previous)} (got {format_number(value)})"
            yield parsed.problem(where, message)
        previous = value


def rubric_problems(parsed: ParsedFile) -> list[Problem]:
    """Run every rubric rule that the schema cannot express."""
    data = parsed.data
    problems = [*duplicate_ids(parsed, "criteria", "criterion"), *_weight_total(parsed)]
    problems += [*level_problems(parsed, ("levels",)), *_scorers(parsed), *_auto_fail(parsed)]
    for index, _ in mappings_in(data, "criteria"):
        problems += level_problems(parsed, ("criteria", index, "levels"))
    return problems


def _weight_total(parsed: ParsedFile) -> Iterator[Problem]:
    criteria = mappings_in(parsed.data, "criteria")
    weights = [item.get("weight") for _, item in criteria]
    if not criteria or not all(is_number(weight) for weight in weights):
        return
    total = sum(weights)
    if abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        message = f"criteria weights must add up to 100 (got {format_number(round(total, 4))})"
        yield parsed.problem(("criteria",), message)


def _scorers(parsed: ParsedFile) -> Iterator[Problem]:
    scorers = known_scorers()
    for index, criterion in mappings_in(parsed.data, "criteria"):
        scorer = criterion.get("scorer")
        if isinstance(scorer, str) and scorer not in scorers:
            yield parsed.problem(("criteria", index, "scorer"), unknown("scorer", scorer, scorers))


def _auto_fail(parsed: ParsedFile) -> Iterator[Problem]:
    criteria = ids_in(parsed.data, "criteria")
    for index, rule in mappings_in(parsed.data, "auto_fail"):
        criterion = rule.get("criterion")
        if isinstance(criterion, str) and criterion not in criteria:
            yield parsed.problem(
                ("auto_fail", index, "criterion"), unknown("criterion", criterion, criteria)
            )


def _at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, Mapping):
            data = data.get(part)
        else:
            return None
    return data
