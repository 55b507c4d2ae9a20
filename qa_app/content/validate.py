"""Validate sets of scenario and rubric files, reporting every problem with file and line."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem, sorted_problems
from .rules import rubric_problems
from .scenario_rules import RubricInfo, rubric_info, scenario_problems
from .schema import schema_problems
from .yamlio import ParsedFile, parse_yaml, read_content_file

YAML_SUFFIXES = (".yaml", ".yml")
# Fields that only one kind of file has, used to tell a scenario from a rubric.
_KIND_MARKERS = {
    "rubric": ("criteria", "auto_fail", "na_policy"),
    "scenario": ("opening", "language", "key_points", "turns"),
}


@dataclass(frozen=True)
class CheckedFile:
    """A parsed content file of a known kind and the problems found in it."""

    path: Path
    kind: str
    parsed: ParsedFile
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and isinstance(self.parsed.data, dict)


@dataclass(frozen=True)
class CheckedContent:
    """Every checked file, by kind, plus the problems across all of them."""

    scenarios: tuple[CheckedFile, ...]
    rubrics: tuple[CheckedFile, ...]
    problems: tuple[Problem, ...]

    @property
    def files_with_problems(self) -> set[str]:
        return {problem.file for problem in self.problems}


def display_path(path: Path) -> str:
    """Show `path` relative to the working directory when it is inside it."""
    try:
        return (
            os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) else str(path)
        )
    except ValueError:  # another drive on Windows
        return str(path)


def yaml_files(path: Path) -> list[Path]:
    """Return `path` itself if it is a file, else the YAML files below it, sorted."""
    if path.is_file():
        return [path]
    return sorted(
        found for found in path.rglob("*") if found.suffix in YAML_SUFFIXES and found.is_file()
    )


def detect_kind(path: Path, data: object) -> str | None:
    """Guess whether a file is a scenario or a rubric, by its fields, then by its folder."""
    if isinstance(data, Mapping):
        for kind, markers in _KIND_MARKERS.items():
            if any(marker in data for marker in markers):
                return kind
    folders = [part.lower() for part in path.parent.parts]
    for kind in ("rubric", "scenario"):
        if any(folder.startswith(kind) for folder in folders):
            return kind
    return None


def check_content(
    scenario_paths: Iterable[Path],
    rubric_paths: Iterable[Path],
    reference_rubric_paths: Iterable[Path] = (),
) -> CheckedContent:
    """Check scenarios and rubrics together; reference rubrics only resolve scenario links."""
    return _check_parsed(
        _parse_all(scenario_paths), _parse_all(rubric_paths), reference_rubric_paths
    )


def check_paths(
    paths: Iterable[Path], reference_rubric_paths: Iterable[Path] = ()
) -> CheckedContent:
    """Check files of either kind, telling scenarios from rubrics by their content."""
    by_kind: dict[str | None, list[tuple[Path, ParsedFile]]] = {
        "scenario": [],
        "rubric": [],
        None: [],
    }
    for path, parsed in _parse_all(file for given in paths for file in yaml_files(Path(given))):
        by_kind[detect_kind(path, parsed.data)].append((path, parsed))
    checked = _check_parsed(by_kind["scenario"], by_kind["rubric"], reference_rubric_paths)
    message = "cannot tell whether this is a scenario or a rubric (it has neither 'opening' nor 'criteria')"
    undetected = [problem for _, parsed in by_kind[None] for problem in parsed.problems]
    undetected += [
        parsed.problem((), message) for _, parsed in by_kind[None] if not parsed.problems
    ]
    problems = sorted_problems([*checked.problems, *undetected])
    return CheckedContent(checked.scenarios, checked.rubrics, tuple(problems))


def check_text(
    kind: str, text: str, display: str, reference_rubric_paths: Iterable[Path] = ()
) -> CheckedContent:
    """Check one scenario or rubric given as YAML text (a draft), as `kohtaamo validate` would."""
    parsed = parse_yaml(text, display)
    entry = [(Path(display), parsed)]
    if kind == "rubric":
        return _check_parsed([], entry, reference_rubric_paths)
    return _check_parsed(entry, [], reference_rubric_paths)


def _check_parsed(
    scenarios: list[tuple[Path, ParsedFile]],
    rubrics: list[tuple[Path, ParsedFile]],
    reference_rubric_paths: Iterable[Path],
) -> CheckedContent:
    checked_rubrics = tuple(
        _check(path, parsed, "rubric", rubric_problems) for path, parsed in rubrics
    )
    index = _rubric_index(checked_rubrics, reference_rubric_paths)

    def scenario_rules(parsed: ParsedFile) -> list[Problem]:
        return scenario_problems(parsed, index)

    checked_scenarios = tuple(
        _check(path, parsed, "scenario", scenario_rules) for path, parsed in scenarios
    )
    problems = [
        problem
        for checked in (*checked_rubrics, *checked_scenarios)
        for problem in checked.problems
    ]
    problems += _duplicate_ids(checked_rubrics, "rubric") + _duplicate_ids(
        checked_scenarios, "scenario"
    )
    return CheckedContent(checked_scenarios, checked_rubrics, tuple(sorted_problems(problems)))


def _parse_all(paths: Iterable[Path]) -> list[tuple[Path, ParsedFile]]:
    return [(path, read_content_file(path, display_path(path))) for path in _unique(paths)]


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(Path(path).resolve(), Path(path))
    return list(seen.values())


def _check(
    path: Path, parsed: ParsedFile, kind: str, rules: Callable[[ParsedFile], list[Problem]]
) -> CheckedFile:
    blocking = _blocking_problems(parsed, kind)
    if blocking is not None:
        return CheckedFile(path, kind, parsed, tuple(blocking))
    problems = [*parsed.problems, *schema_problems(kind, parsed), *rules(parsed)]
    return CheckedFile(path, kind, parsed, tuple(problems))


def _blocking_problems(parsed: ParsedFile, kind: str) -> list[Problem] | None:
    """Return problems that stop further checks (unreadable, not a mapping, wrong kind)."""
    if not isinstance(parsed.data, dict):
        return list(parsed.problems)
    other = "scenario" if kind == "rubric" else "rubric"
    if any(marker in parsed.data for marker in _KIND_MARKERS[kind]):
        return None
    marker = next((marker for marker in _KIND_MARKERS[other] if marker in parsed.data), None)
    if marker is None:
        return None
    message = f"this looks like a {other} (it has '{marker}'), but it is among the {kind}s; move it"
    return [*parsed.problems, parsed.problem((marker,), message)]


def _rubric_index(
    rubrics: Iterable[CheckedFile], reference_paths: Iterable[Path]
) -> dict[str, RubricInfo]:
    index: dict[str, RubricInfo] = {}
    checked = {checked.path.resolve() for checked in rubrics}
    references = [
        parsed for path, parsed in _parse_all(reference_paths) if path.resolve() not in checked
    ]
    for parsed in [checked_file.parsed for checked_file in rubrics] + references:
        info = rubric_info(parsed)
        if info is not None:
            index.setdefault(info.id, info)
    return index


def _duplicate_ids(files: Iterable[CheckedFile], kind: str) -> list[Problem]:
    first: dict[str, str] = {}
    problems = []
    for checked in files:
        data = checked.parsed.data
        content_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(content_id, str):
            continue
        where = f"{checked.parsed.display}:{checked.parsed.line(('id',))}"
        if content_id in first:
            problems.append(
                checked.parsed.problem(
                    ("id",), f"duplicate {kind} id '{content_id}' (also in {first[content_id]})"
                )
            )
        else:
            first[content_id] = where
    return problems
