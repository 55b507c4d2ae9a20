"""Detect content edited without raising its version after that version was used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Problem
from .library import ContentLibrary
from .types import Rubric, Scenario
from .validate import display_path

KINDS = ("scenario", "rubric")


@dataclass(frozen=True)
class StoredVersion:
    """A (kind, id, version, hash) the database recorded when that content was first used."""

    kind: str
    content_id: str
    version: int
    content_hash: str


def check_against_stored(library: ContentLibrary, stored: Iterable[StoredVersion]) -> list[Problem]:
    """Report library content whose version was used before with different content."""
    problems = []
    for record in stored:
        item = _find(library, record)
        if (
            item is not None
            and item.version == record.version
            and item.content_hash != record.content_hash
        ):
            problems.append(_conflict(record, item))
    return sorted(problems, key=lambda problem: problem.sort_key)


def _find(library: ContentLibrary, record: StoredVersion) -> Scenario | Rubric | None:
    if record.kind == "scenario":
        return library.scenarios_by_id.get(record.content_id)
    if record.kind == "rubric":
        return library.rubrics_by_id.get(record.content_id)
    raise ValueError(f"unknown content kind '{record.kind}' (known: {', '.join(KINDS)})")


def _conflict(record: StoredVersion, item: Scenario | Rubric) -> Problem:
    file = (
        display_path(item.source_path)
        if item.source_path
        else f"{record.kind} '{record.content_id}'"
    )
    message = (
        f"{record.kind} '{record.content_id}' version {record.version} changed since it was used "
        f"(stored hash {record.content_hash[:12]}, now {item.content_hash[:12]}); raise 'version'"
    )
    return Problem(file, None, "version", message)
