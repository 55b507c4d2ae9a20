"""The loaded content library: look up scenarios and rubrics by id or by file."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .build import build_rubric, build_scenario
from .errors import ContentError, Problem, UnknownContentError
from .text import unknown
from .types import Rubric, Scenario
from .validate import (
    YAML_SUFFIXES,
    CheckedContent,
    CheckedFile,
    check_content,
    check_paths,
    yaml_files,
)

PathsArg = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ContentDirs(NamedTuple):
    """Where scenarios and rubrics live; unpacks into `load_library(*dirs)`."""

    scenarios: tuple[Path, ...]
    rubrics: tuple[Path, ...]


@dataclass(frozen=True)
class ContentLibrary:
    """Every valid scenario and rubric, by id."""

    rubrics_by_id: Mapping[str, Rubric] = field(default_factory=lambda: MappingProxyType({}))
    scenarios_by_id: Mapping[str, Scenario] = field(default_factory=lambda: MappingProxyType({}))

    def rubric(self, rubric_id: str) -> Rubric:
        """Return the rubric `rubric_id` (UnknownContentError if there is none)."""
        if rubric_id not in self.rubrics_by_id:
            raise UnknownContentError(unknown("rubric", rubric_id, self.rubrics_by_id))
        return self.rubrics_by_id[rubric_id]

    def scenario(self, scenario_id: str) -> Scenario:
        """Return the scenario `scenario_id` (UnknownContentError if there is none)."""
        if scenario_id not in self.scenarios_by_id:
            raise UnknownContentError(unknown("scenario", scenario_id, self.scenarios_by_id))
        return self.scenarios_by_id[scenario_id]

    def rubrics(self) -> tuple[Rubric, ...]:
        return tuple(self.rubrics_by_id[key] for key in sorted(self.rubrics_by_id))

    def scenarios(self) -> tuple[Scenario, ...]:
        return tuple(self.scenarios_by_id[key] for key in sorted(self.scenarios_by_id))

    def rubric_for(self, scenario: Scenario) -> Rubric:
        """Return the rubric the scenario is graded with."""
        return self.rubric(scenario.rubric_id)


def default_content_dirs(root: str | os.PathLike[str] | None = None) -> ContentDirs:
    """Return `<root>/scenarios` and `<root>/rubrics` (root defaults to the project folder)."""
    base = Path(root) if root is not None else PROJECT_ROOT
    return ContentDirs((base / "scenarios",), (base / "rubrics",))


def load_library(scenario_dirs: PathsArg, rubric_dirs: PathsArg) -> ContentLibrary:
    """Load and validate every scenario and rubric; raise ContentError listing all problems."""
    scenario_roots, rubric_roots = _as_paths(scenario_dirs), _as_paths(rubric_dirs)
    missing = [_missing(path) for path in (*scenario_roots, *rubric_roots) if not path.exists()]
    checked = check_content(_files_in(scenario_roots), _files_in(rubric_roots))
    if missing or checked.problems:
        raise ContentError.from_problems([*missing, *checked.problems])
    return _library_from(checked)


def validate_paths(paths: PathsArg, reference_rubric_dirs: PathsArg = ()) -> list[Problem]:
    """Return every problem in the given files and folders (kinds told apart by content).

    Scenarios may name rubrics found in `reference_rubric_dirs` without those rubrics being
    validated themselves, so one scenario can be checked against the shipped rubrics.
    """
    return list(validate_paths_checked(paths, reference_rubric_dirs).problems)


def validate_paths_checked(paths: PathsArg, reference_rubric_dirs: PathsArg = ()) -> CheckedContent:
    """Like `validate_paths`, but return the checked files too (for counts in summaries)."""
    given = _as_paths(paths)
    missing = [_missing(path) for path in given if not path.exists()]
    references = _files_in(path for path in _as_paths(reference_rubric_dirs) if path.exists())
    checked = check_paths([path for path in given if path.exists()], references)
    if not missing:
        return checked
    return CheckedContent(checked.scenarios, checked.rubrics, (*missing, *checked.problems))


def resolve_rubric(ref: str | os.PathLike[str], library: ContentLibrary) -> Rubric:
    """Return a rubric by id, or load and validate the YAML file `ref` on its own."""
    if not _is_file_ref(ref):
        return library.rubric(str(ref))
    checked = check_content((), [_existing_file(ref)])
    _raise_on_problems(checked)
    return _built_rubric(checked.rubrics[0])


def resolve_scenario(ref: str | os.PathLike[str], library: ContentLibrary) -> Scenario:
    """Return a scenario by id, or load the YAML file `ref`; its rubric must be in the library."""
    if not _is_file_ref(ref):
        return library.scenario(str(ref))
    reference = [
        rubric.source_path for rubric in library.rubrics() if rubric.source_path is not None
    ]
    checked = check_content([_existing_file(ref)], (), reference)
    _raise_on_problems(checked)
    scenario = _built_scenario(checked.scenarios[0])
    library.rubric(scenario.rubric_id)  # a rubric file that fails to build is not in the library
    return scenario


def _library_from(checked: CheckedContent) -> ContentLibrary:
    rubrics = {rubric.id: rubric for rubric in map(_built_rubric, checked.rubrics)}
    scenarios = {scenario.id: scenario for scenario in map(_built_scenario, checked.scenarios)}
    return ContentLibrary(MappingProxyType(rubrics), MappingProxyType(scenarios))


def _built_rubric(checked: CheckedFile) -> Rubric:
    return build_rubric(checked.parsed.data, checked.path.resolve())


def _built_scenario(checked: CheckedFile) -> Scenario:
    return build_scenario(checked.parsed.data, checked.path.resolve())


def _raise_on_problems(checked: CheckedContent) -> None:
    if checked.problems:
        raise ContentError.from_problems(checked.problems)


def _is_file_ref(ref: str | os.PathLike[str]) -> bool:
    text = os.fspath(ref)
    return (
        isinstance(ref, os.PathLike)
        or text.endswith(YAML_SUFFIXES)
        or os.sep in text
        or "/" in text
    )


def _existing_file(ref: str | os.PathLike[str]) -> Path:
    path = Path(ref)
    if not path.is_file():
        raise UnknownContentError(f"{path}: no such file")
    return path


def _as_paths(paths: PathsArg) -> tuple[Path, ...]:
    if isinstance(paths, str | os.PathLike):
        return (Path(paths),)
    return tuple(Path(path) for path in paths)


def _files_in(roots: Iterable[Path]) -> list[Path]:
    return [file for root in roots if root.exists() for file in yaml_files(root)]


def _missing(path: Path) -> Problem:
    return Problem(str(path), None, "", "no such file or directory")
