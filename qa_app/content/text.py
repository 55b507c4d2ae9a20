"""Small text helpers shared by the content modules: localisation, field names, messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from difflib import get_close_matches
from typing import Any

# Any localisable field is either one string or a mapping of language code to string.
Text = str | Mapping[str, str]
FieldPath = tuple[str | int, ...]

FALLBACK_LANGS = ("en", "fi")


def localized(value: Text | None, lang: str) -> str:
    """Return `value` in `lang`, falling back to English, then Finnish, then any language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    for candidate in (lang, *FALLBACK_LANGS):
        if value.get(candidate):
            return value[candidate]
    return next((text for text in value.values() if text), "")


def field_name(path: FieldPath) -> str:
    """Render a field path as `criteria[1].weight`."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else str(part))
    return "".join(parts)


def subject(path: FieldPath) -> str:
    """Name the field a message is about: the last key plus any indices after it, quoted."""
    tail: list[str | int] = []
    for part in reversed(path):
        tail.insert(0, part)
        if isinstance(part, str):
            break
    return f"'{field_name(tuple(tail))}'" if tail else "the file"


def describe(value: Any) -> str:
    """Describe a YAML value briefly for a 'got ...' clause."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return type(value).__name__


def format_number(value: float) -> str:
    """Print 95.0 as 95 and 99.5 as 99.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def unknown(kind: str, value: str, known: Iterable[str]) -> str:
    """Return "unknown rubric 'x' (did you mean 'y'? known: a, b)"."""
    return f"unknown {kind} '{value}' {choices(value, known)}"


def choices(value: str, known: Iterable[str]) -> str:
    """Return "(did you mean 'y'? known: a, b)" listing the valid choices for `value`."""
    options = sorted(set(known))
    listed = ", ".join(options) if options else "none"
    match = get_close_matches(value, options, n=1, cutoff=0.6) if isinstance(value, str) else []
    hint = f"did you mean '{match[0]}'? " if match else ""
    return f"({hint}known: {listed})"


def plural(count: int, noun: str) -> str:
    """Return "1 problem" or "3 problems"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
