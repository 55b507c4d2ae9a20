"""Tests for `kohtaamo grade --jsonl`: many answers in one process, one result line per input line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from qa_app.cli import cli

LINES = [
    {"id": 1, "text": "Hei, kiitos viestistäsi. Tarkistan tilauksesi ja palaan asiaan tänään.", "lang": "fi"},
    {"id": "two", "text": "Sorry for the wait, I have refunded the fee.", "scenario": "sarcastic-refund",
     "history": [{"author": "customer", "text": "Great, another fee. Love it."}]},
    {"id": [3], "text": ""},
    {"id": 4, "text": "Thanks!", "scenario": "no-such-scenario"},
    {"id": 5, "text": "Thanks!", "history": [{"author": "bot", "text": "hello"}]},
    {"id": 6, "text": "Thanks!", "lang": "de"},
]


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["grade", *args], input=stdin)


def write_jsonl(tmp_path: Path, lines: list) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_text("".join((json.dumps(item, ensure_ascii=False) if not isinstance(item, str) else item) + "\n"
                            for item in lines), encoding="utf-8")
    return path


def results(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_each_line_gets_one_result_in_input_order(tmp_path: Path) -> None:
    """Good lines give the single-answer JSON plus their id; bad ones give {id, error}; the run goes on."""
    result = run("--jsonl", str(write_jsonl(tmp_path, LINES)))
    assert result.exit_code == 0, result.output
    out = results(result.output)
    assert [item["id"] for item in out] == [1, "two", [3], 4, 5, 6]
    assert out[0]["language"] == "fi" and {"overall", "criteria", "rubric"} <= set(out[0])
    assert out[1]["scenario"]["id"] == "sarcastic-refund" and "error" not in out[1]
    assert out[2] == {"id": [3], "error": "line 3: 'text' must be a non-empty string"}
    assert out[3]["error"].startswith("line 4: unknown scenario 'no-such-scenario'")
    assert "history[0].author" in out[4]["error"] and "'lang' must be one of" in out[5]["error"]


def test_batch_result_matches_single_answer_grading(tmp_path: Path) -> None:
    """A line is graded exactly as `kohtaamo grade FILE --format json` grades the same answer."""
    text = "Hi, your welcome. We has refunded the 5,18 € fee to you're account."
    answer = tmp_path / "answer.txt"
    answer.write_text(text, encoding="utf-8")
    single = json.loads(run(str(answer), "--scenario", "sarcastic-refund", "--format", "json").output)
    batch = run("--jsonl", "-", stdin=json.dumps({"id": "x", "text": text, "scenario": "sarcastic-refund"}).encode())
    (line,) = results(batch.output)
    assert line.pop("id") == "x" and line == single


def test_malformed_lines_are_reported_and_blank_lines_skipped(tmp_path: Path) -> None:
    """Invalid JSON, a non-object, a missing id and a line that is not UTF-8 each get an error line."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": 1, "text": "Thank you for waiting."}\n\n{not json\n[1, 2]\n{"text": "no id"}\n'
                     b'{"id": 9, "text": "caf\xe9"}\n')
    out = results(run("--jsonl", str(path)).output)
    assert len(out) == 5 and out[0]["id"] == 1 and "overall" in out[0]
    assert out[1]["error"].startswith("line 3: not valid JSON")
    assert out[2]["error"] == "line 4: each line must be a JSON object"
    assert out[3]["error"] == "line 5: 'id' is missing"
    assert out[4] == {"id": None, "error": "line 6: not UTF-8 text (byte 22)"}


def test_command_line_options_are_defaults_for_lines(tmp_path: Path) -> None:
    """--scenario and --ui-lang apply to lines that do not say otherwise; feedback is rendered in --ui-lang."""
    lines = [{"id": "a", "text": "Hei, palautin jonotusmaksun tilillesi."}, {"id": "b", "text": "Hi there, thanks.", "scenario": None}]
    out = results(run("--jsonl", str(write_jsonl(tmp_path, lines)), "--scenario", "jonotusmaksu", "--ui-lang", "fi").output)
    assert out[0]["scenario"]["id"] == "jonotusmaksu" and out[0]["ui_lang"] == "fi"
    assert out[1]["scenario"]["id"] == "jonotusmaksu"  # null means "not given"


def test_unreadable_file_exits_2_with_one_line(tmp_path: Path) -> None:
    """A missing file, or FILE together with --jsonl, is caller misuse: exit 2 and one line on stderr."""
    missing = run("--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 2 and missing.output.strip() == f"kohtaamo grade: no such file: {tmp_path / 'nope.jsonl'}"
    both = run("answer.txt", "--jsonl", "-")
    assert both.exit_code == 2 and "either FILE or --jsonl" in both.output
    neither = run()
    assert neither.exit_code == 2 and "missing FILE" in neither.output
