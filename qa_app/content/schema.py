"""Check parsed content against the published JSON Schemas and explain each error plainly."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import Problem
from .text import FieldPath, describe, field_name, format_number, subject
from .yamlio import ParsedFile

SCHEMA_DIR = Path(__file__).parent
KINDS = ("scenario", "rubric")

_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}
# `{fi: Hyvä, mutta lyhyt}` splits at the comma: "mutta lyhyt" becomes a key with no value.
_FLOW_COMMA_HINT = "; a comma inside {...} starts a new entry, so put the text in quotes"
_BOUNDS = {"minimum": ">=", "exclusiveMinimum": ">", "maximum": "<=", "exclusiveMaximum": "<"}


@cache
def load_schema(kind: str) -> Mapping[str, Any]:
    """Return the JSON Schema for "scenario" or "rubric" (read once)."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(kind))


def schema_problems(kind: str, parsed: ParsedFile) -> list[Problem]:
    """Validate a parsed file against the schema for `kind`; one Problem per error."""
    errors = _validator(kind).iter_errors(parsed.data)
    found = (problem for error in errors for problem in _explain(error, parsed))
    return list(dict.fromkeys(found))  # `required` errors repeat per missing field


def _explain(error: ValidationError, parsed: ParsedFile) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    keyword = error.validator
    if keyword in ("anyOf", "oneOf"):
        yield from _explain_alternatives(error, parsed, path, schema)
    elif keyword == "required":
        yield from _explain_required(error, parsed, path, schema)
    elif keyword == "additionalProperties":
        yield from _explain_unknown_keys(error, parsed, path, schema)
    else:
        yield parsed.problem(path, _message(keyword, error, path, schema))


def _message(keyword: Any, error: ValidationError, path: FieldPath, schema: Mapping) -> str:
    name, value, expected = subject(path), error.instance, error.validator_value
    if keyword == "type":
        wanted = schema.get("x-expected") or _TYPE_WORDS.get(str(expected), str(expected))
        return f"{name} must be {wanted} (got {describe(value)}){_quote_hint(value, expected)}"
    if keyword in ("enum", "const"):
        return _enum_message(name, value, expected if keyword == "enum" else [expected])
    if keyword == "pattern":
        if isinstance(value, str) and not value.strip():
            return f"{name} must not be empty"
        wanted = schema.get("x-expected") or f"text matching {expected}"
        return f"{name} must be {wanted} (got {describe(value)})"
    if keyword in _BOUNDS:
        return (
            f"{name} must be {_BOUNDS[keyword]} {format_number(expected)} (got {describe(value)})"
        )
    if keyword in ("minItems", "minProperties", "minLength"):
        return (
            f"{name} must not be empty"
            if expected == 1
            else f"{name} needs at least {expected} items"
        )
    return schema.get("x-message") or error.message


def _enum_message(name: str, value: Any, allowed: list[Any]) -> str:
    shown = ["null" if item is None else str(item) for item in allowed]
    match = get_close_matches(value, shown, n=1) if isinstance(value, str) else []
    hint = f"; did you mean '{match[0]}'?" if match else ""
    return f"{name} must be one of {', '.join(shown)} (got {describe(value)}{hint})"


def _quote_hint(value: Any, expected: Any) -> str:
    # YAML reads yes/no/on/off as booleans and 1.10 as a number; quoting keeps the text.
    if expected == "string" and isinstance(value, (bool, int, float)):
        return "; put it in quotes"
    return ""


def _explain_required(
    error: ValidationError, parsed: ParsedFile, path: FieldPath, schema: Mapping
) -> Iterator[Problem]:
    because = schema.get("x-required-because")
    for name in error.validator_value:
        if isinstance(error.instance, Mapping) and name not in error.instance:
            message = f"'{name}' is required" + (f" {because}" if because else "")
            yield Problem(parsed.display, parsed.line(path), field_name((*path, name)), message)


def _explain_unknown_keys(
    error: ValidationError, parsed: ParsedFile, path: FieldPath, schema: Mapping
) -> Iterator[Problem]:
    allowed = sorted(schema.get("properties", {}))
    noun = schema.get("x-unknown-key", "field")
    for key in error.instance:
        if key in allowed:
            continue
        match = get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{match[0]}'? " if match else ""
        message = f"unknown {noun} '{key}' ({hint}allowed: {', '.join(allowed)})"
        if error.instance[key] is None and " " in str(key):
            message += _FLOW_COMMA_HINT
        yield parsed.problem((*path, key), message)


def _explain_alternatives(
    error: ValidationError, parsed: ParsedFile, path: FieldPath, schema: Mapping
) -> Iterator[Problem]:
    """Explain an anyOf failure by the branch whose type fits the value, if one does."""
    if "x-message" in schema:
        yield parsed.problem(path, schema["x-message"])
        return
    branch = _branch_of_same_type(error.validator_value, error.instance)
    if branch is not None:
        for sub_error in error.context or ():
            if sub_error.relative_schema_path and sub_error.relative_schema_path[0] == branch:
                yield from _explain(sub_error, parsed)
        return
    wanted = schema.get("x-expected", "a different kind of value")
    yield parsed.problem(path, f"{subject(path)} must be {wanted} (got {describe(error.instance)})")


def _branch_of_same_type(branches: list[Mapping], value: Any) -> int | None:
    for index, branch in enumerate(branches):
        kind = branch.get("type")
        if kind and _validator("rubric").is_type(value, kind):
            return index
    return None
