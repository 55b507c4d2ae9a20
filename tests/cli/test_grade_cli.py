"""Tests for `kohtaamo grade` (no database, no Flask app)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from qa_app.cli import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rubric_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the chat rubric with only the grammar and clarity criteria."""
    data = yaml.safe_load((ROOT / "rubrics" / "chat-reply.yaml").read_text(encoding="utf-8"))
    data["id"] = "test-grammar-clarity"
    data["criteria"] = [c for c in data["criteria"] if c["scorer"] in ("grammar", "clarity")]
    for criterion in data["criteria"]:
        criterion["weight"] = 50
    data["auto_fail"] = []
    path = tmp_path_factory.mktemp("rubrics") / "gc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def answer(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text("Hi Jukka, your welcome. i refunded teh charge of 5,18 € yesterday.", encoding="utf-8")
    return path


def invoke(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["grade", *args], input=stdin)


def test_text_report(answer: Path, rubric_file: Path) -> None:
    """The text report shows the overall score and marks problem spans."""
    result = invoke(str(answer), "--rubric", str(rubric_file))
    assert result.exit_code == 0, result.output
    assert "Overall:" in result.output and "[[teh]]" in result.output


def test_json_contract(answer: Path, rubric_file: Path) -> None:
    """JSON output has the contract's keys and valid offsets."""
    import json

    result = invoke(str(answer), "--rubric", str(rubric_file), "--format", "json", "--ui-lang", "fi")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"language", "overall", "rubric", "scenario", "criteria"} <= set(data)
    assert data["rubric"]["id"] == "test-grammar-clarity" and data["scenario"] is None
    text = answer.read_text(encoding="utf-8")
    for criterion in data["criteria"]:
        assert {"id", "score", "level", "weight", "findings"} <= set(criterion)
        for finding in criterion["findings"]:
            assert {"start", "end", "category", "message", "suggestions"} <= set(finding)
            assert 0 <= finding["start"] < finding["end"] <= len(text)


def test_stdin_is_read(rubric_file: Path) -> None:
    """An answer can come from stdin."""
    result = invoke("-", "--rubric", str(rubric_file), "--lang", "fi", stdin="Kiitos viestistäsi!".encode())
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("content", [b"", b"   \n\t "])
def test_empty_answer_exits_2(tmp_path: Path, rubric_file: Path, content: bytes) -> None:
    """An empty answer exits 2 with one line on stderr and nothing on stdout."""
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = invoke(str(path), "--rubric", str(rubric_file))
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["--rubric", "no-such-rubric"], ["--lang", "de"], ["--scenario", "no-such-scenario"],
])
def test_bad_options_exit_2(answer: Path, args: list[str]) -> None:
    """Unknown rubric, scenario or language exits 2 with one stderr line."""
    result = invoke(str(answer), *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_non_utf8_and_missing_file_exit_2(tmp_path: Path, rubric_file: Path) -> None:
    """A file that is not UTF-8, or is missing, exits 2."""
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Hyvää päivää".encode("latin-1"))
    for path in (latin, tmp_path / "missing.txt"):
        result = invoke(str(path), "--rubric", str(rubric_file))
        assert result.exit_code == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("ui_lang", "label"), [("en", "(delete)"), ("fi", "(poista)")])
def test_text_report_names_a_deletion(tmp_path: Path, rubric_file: Path, ui_lang: str, label: str) -> None:
    """A correction that deletes words ("contact to us" -> "contact us") reads as a deletion, not an empty arrow."""
    path = tmp_path / "answer.txt"
    path.write_text("Hi Mia, you can contact to us by phone on weekdays.", encoding="utf-8")
    result = invoke(str(path), "--rubric", str(rubric_file), "--lang", "en", "--ui-lang", ui_lang)
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "[grammar]" in line and "→" in line)
    assert f"→ {label}" in note
    assert "→  " not in result.output
