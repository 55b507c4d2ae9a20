"""Every validation message, checked against small broken fixtures with exact lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_app.content import Problem, validate_paths

DATA = Path(__file__).parent / "data"
BROKEN = DATA / "broken"
REFERENCE_RUBRICS = DATA / "library" / "rubrics"


def _expected_cases() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    current = None
    for line in (DATA / "broken_expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = cases.setdefault(line[1:-1], [])
        elif line and not line.startswith("#") and current is not None:
            current.append(line)
    return cases


EXPECTED = _expected_cases()


def _located(problem: Problem) -> str:
    where = f"{problem.line}: {problem.field}: " if problem.field else f"{problem.line}: "
    return where + problem.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_reports_expected_problems(name: str) -> None:
    """Each broken fixture yields exactly the expected problems, lines and fields."""
    problems = validate_paths([BROKEN / name], [REFERENCE_RUBRICS])
    assert [_located(problem) for problem in problems] == EXPECTED[name]


def test_every_broken_fixture_has_expectations() -> None:
    """No broken fixture is left without expected problems, and none is listed twice."""
    fixtures = sorted(str(path.relative_to(BROKEN)) for path in BROKEN.glob("*/*.yaml"))
    assert fixtures == sorted(EXPECTED)
    assert all(EXPECTED[name] for name in fixtures)


def test_problem_renders_file_line_field_message() -> None:
    """A Problem prints as file:line: field: message, leaving out what it lacks."""
    assert (
        str(Problem("r.yaml", 7, "criteria[1].weight", "bad"))
        == "r.yaml:7: criteria[1].weight: bad"
    )
    assert str(Problem("r.yaml", 3, "", "YAML syntax error")) == "r.yaml:3: YAML syntax error"
    assert str(Problem("r.yaml", None, "", "no such file")) == "r.yaml: no such file"


def test_problem_names_the_file_it_came_from() -> None:
    """Problems carry the file path as given, so editors can jump to them."""
    path = BROKEN / "rubrics" / "weights-sum.yaml"
    (problem,) = validate_paths([path])
    assert Path(problem.file).resolve() == path.resolve()


def test_directory_is_searched_for_yaml_files(tmp_path: Path) -> None:
    """A directory argument checks every .yaml and .yml file below it, and nothing else."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yml").write_text("id: x\nversion: 1\ncriteria: []\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml: [", encoding="utf-8")
    problems = validate_paths([tmp_path])
    assert [problem.message for problem in problems] == ["'criteria' must not be empty"]


def test_file_of_unknown_kind_is_reported(tmp_path: Path) -> None:
    """A mapping that is neither a scenario nor a rubric gets one clear problem."""
    path = tmp_path / "mystery.yaml"
    path.write_text("id: mystery\nversion: 1\n", encoding="utf-8")
    (problem,) = validate_paths([path])
    assert problem.line == 1
    assert "cannot tell whether this is a scenario or a rubric" in problem.message


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    """validate_paths reports a path that does not exist instead of raising."""
    (problem,) = validate_paths([tmp_path / "nope.yaml"])
    assert problem.message == "no such file or directory"
