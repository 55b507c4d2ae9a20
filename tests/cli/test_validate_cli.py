"""`kohtaamo validate`: output format and exit codes (`content list` is in test_content_import_export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_app.cli import cli

DATA = Path(__file__).resolve().parents[1] / "content" / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_valid_content_exits_0(runner: CliRunner) -> None:
    """Valid files print nothing on stdout, a count summary on stderr, and exit 0."""
    result = runner.invoke(cli, ["validate", str(DATA / "library")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "OK: 2 scenarios, 2 rubrics\n"


def test_problems_exit_1_with_one_line_each(runner: CliRunner) -> None:
    """Each problem is one file:line: field: message line on stdout; the summary goes to stderr."""
    broken = DATA / "broken" / "rubrics"
    result = runner.invoke(
        cli, ["validate", str(broken / "weights-sum.yaml"), str(broken / "levels.yaml")]
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].endswith(
        "levels.yaml:8: criteria[0].levels[0].min: the first level must have 'min' 0 (got 10)"
    )
    assert lines[-1].endswith(
        "weights-sum.yaml:3: criteria: criteria weights must add up to 100 (got 90)"
    )
    assert result.stderr == "5 problems in 2 files\n"


def test_missing_path_exits_2_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    """A path that does not exist is CLI misuse: exit 2 and one line on stderr."""
    result = runner.invoke(cli, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == f"kohtaamo validate: no such file or directory: {tmp_path / 'nope.yaml'}\n"
    )


def test_validate_needs_no_app(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """validate runs without building the Flask app or touching a database."""

    def refuse() -> None:
        raise AssertionError("the app must not be created")

    monkeypatch.setattr("qa_app.cli._create_app", refuse)
    result = runner.invoke(cli, ["validate", str(DATA / "library" / "rubrics")])
    assert result.exit_code == 0, result.output
