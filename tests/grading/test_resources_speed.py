"""Fast resource loading keeps results identical and loads only what an answer's language needs."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from qa_app.grading import resources
from qa_app.grading.text import tokenize

ROOT = Path(__file__).resolve().parents[2]
EDGE_WORDS = ["don't", "pick-up", "e-mail", "'bout", "rock'n'roll", "it's", "zzqx", "€179.90", "1–3",
              "you’re", "o'clock", "co-operate", "Refund!", "(hello)", "a.m.", "naïve", ""]


def _words() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests" / "data").glob("eval_*_en.yaml"))
    words = sorted({t.text for t in tokenize(text) if t.kind == "word"})
    rng = random.Random(7)
    return words + rng.sample(sorted(resources.english_syllable_table()), 2000) + EDGE_WORDS


def test_syllable_count_equals_textstat() -> None:
    """Our CMU-table syllable count gives textstat's count for evaluation words, dictionary words and odd tokens."""
    textstat = pytest.importorskip("textstat")
    resources.ensure_nltk_data()
    differing = [(w, textstat.syllable_count(w), resources.english_syllable_count(w))
                 for w in _words() if textstat.syllable_count(w) != resources.english_syllable_count(w)]
    assert not differing, differing[:10]


def test_prefetch_starts_only_known_languages() -> None:
    """Prefetching returns no thread for a language without heavy resources, and loads Voikko for Finnish."""
    assert resources.prefetch("sv") is None
    thread = resources.prefetch("fi")
    assert thread is not None
    thread.join(timeout=30)
    assert not thread.is_alive()
    if resources.voikko_available():
        assert "voikko" in resources._singletons


def test_finnish_cli_grade_loads_no_english_or_database_modules() -> None:
    """`kohtaamo grade` of a Finnish answer imports neither Harper, NLTK nor the database layer."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from qa_app.cli import cli\n"
        "r = CliRunner().invoke(cli, ['grade', '-', '--scenario', 'jonotusmaksu', '--format', 'json'],\n"
        "                       input='Hei Marja, hyvitän jonotuksen hinnan 5,18 € seuraavalla laskulla.')\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('harper', 'nltk', 'textstat', 'sqlalchemy', 'alembic') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
