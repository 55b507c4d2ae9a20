"""scripts/generate_conversations.py: writes importable files reproducibly; bad input exits 2 with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qa_app.imports import read_conversations

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_conversations.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("file_format", ["jsonl", "csv"])
def test_writes_an_importable_file(tmp_path, file_format):
    """--count/--seed/--format/--output write a file the importer reads whole; exit 0."""
    out = tmp_path / f"chats.{file_format}"
    result = run("--count", "40", "--seed", "3", "--format", file_format, "--output", str(out),
                 "--start", "2026-03-01", "--agents", "anna@example.com,a17")
    assert result.returncode == 0, result.stderr
    parsed = read_conversations(out)
    assert len(parsed.conversations) == 40 and parsed.rejected == ()
    assert {c.agent for c in parsed.conversations} <= {"anna@example.com", "a17"}
    assert min(m.at for c in parsed.conversations for m in c.messages).date().isoformat() >= "2026-03-01"


def test_languages_option_chooses_the_customers_languages():
    """--languages fi=1 gives Finnish conversations only (e-mail junk included)."""
    result = run("--count", "60", "--languages", "fi=1")
    assert result.returncode == 0, result.stderr
    assert all('"language": "fi"' in line for line in result.stdout.splitlines())


def test_stdout_is_reproducible():
    """The same seed prints the same bytes; another seed prints other ones."""
    first, again, other = run("--count", "20", "--seed", "9"), run("--count", "20", "--seed", "9"), run("--count", "20")
    assert first.returncode == again.returncode == other.returncode == 0
    assert first.stdout == again.stdout != other.stdout
    assert len(first.stdout.splitlines()) == 20


@pytest.mark.parametrize("args, words", [
    (["--count", "many"], "--count"),
    (["--count", "0"], "--count"),
    (["--count", "5", "--format", "xml"], "--format"),
    (["--count", "5", "--start", "eilen"], "--start"),
    (["--count", "5", "--agents", " , "], "--agents"),
    (["--count", "5", "--languages", "de=3"], "--languages"),
    (["--count", "5", "--languages", "fi=0"], "--languages"),
    ([], "--count"),
])
def test_bad_options_exit_2_with_one_line(args, words):
    """A bad or missing option is one line on stderr naming it, exit 2, nothing on stdout."""
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0]


def test_unwritable_output_exits_2_with_one_line(tmp_path):
    """An output path that cannot be written is one line naming it, exit 2."""
    target = tmp_path / "missing" / "chats.jsonl"
    result = run("--count", "5", "--output", str(target))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0]
    assert not target.exists()
