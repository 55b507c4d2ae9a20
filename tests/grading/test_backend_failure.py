"""A language library that fails is reported as BackendUnavailable, never graded around silently."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from qa_app.cli import cli
from qa_app.grading import resources
from qa_app.grading.defaults import default_rubric
from qa_app.grading.engine import Grader
from qa_app.grading.errors import BackendUnavailable


class _BrokenVoikko:
    """Stands in for libvoikko's Voikko object: each call fails as the C library does when its dictionary is gone."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise OSError("libvoikko.so.1: cannot open shared object file")
        return fail


class _BrokenHarper:
    """Stands in for harper.Linter: lint() raises as a failing native extension would."""

    def lint(self, text):
        raise RuntimeError("harper panicked")


@pytest.fixture()
def broken_voikko(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources.voikko(), "_voikko", _BrokenVoikko())


def test_voikko_failure_stops_a_finnish_grade_with_its_cause(broken_voikko, caplog) -> None:
    """Voikko raising OSError becomes BackendUnavailable naming Voikko and the cause, and is logged."""
    caplog.set_level(logging.ERROR)
    with pytest.raises(BackendUnavailable, match=r"Voikko is not working \(OSError: libvoikko"):
        Grader().grade("Hei Vilhelmiina, kiitos kärsivällisyydestänne tänään.", default_rubric("chat"), language="fi")
    assert any("Voikko failed: OSError" in record.getMessage() for record in caplog.records)


def test_harper_failure_stops_an_english_grade(monkeypatch: pytest.MonkeyPatch) -> None:
    """Harper raising becomes BackendUnavailable naming Harper."""
    monkeypatch.setattr(resources.harper_linter(), "_linter", _BrokenHarper())
    with pytest.raises(BackendUnavailable, match=r"Harper is not working \(RuntimeError: harper panicked\)"):
        Grader().grade("Thanks for waiting, Quentin.", default_rubric("chat"), language="en")


def test_cli_reports_a_failing_backend_in_one_line(broken_voikko, tmp_path) -> None:
    """`kohtaamo grade` exits 1 with one line naming the backend; a batch reports it per line and goes on."""
    answer = tmp_path / "a.txt"
    answer.write_text("Hei Aurora, tarkistamme laskutuksenne.", encoding="utf-8")
    single = CliRunner().invoke(cli, ["grade", str(answer), "--lang", "fi"])
    assert single.exit_code == 1
    assert single.output.startswith("kohtaamo grade: cannot grade: Voikko is not working") and single.output.count("\n") == 1
    batch = CliRunner().invoke(cli, ["grade", "--jsonl", "-"], input=b'{"id": 7, "text": "Hei Aurora.", "lang": "fi"}\n')
    assert batch.exit_code == 0 and '"id": 7, "error": "line 1: Voikko is not working' in batch.output


def test_english_detection_still_works_without_voikko(broken_voikko, caplog) -> None:
    """English is still told apart from Finnish when Voikko fails: letters and function words suffice."""
    from qa_app.grading.langdetect import detect_language

    caplog.set_level(logging.WARNING)
    assert detect_language("Thank you for your patience, the parcel left our warehouse today.") == "en"
