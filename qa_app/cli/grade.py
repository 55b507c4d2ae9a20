"""`kohtaamo grade`: grade one answer from a file or stdin, without the database or the Flask app."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


class BadInput(Exception):
    """Caller-fault problem reported as one line on stderr with exit code 2."""


def register(cli: click.Group) -> None:
    """Add this module's commands to the `kohtaamo` group."""

    @cli.command("grade", with_appcontext=False)
    @click.argument("answer", metavar="FILE|-")
    @click.option("--scenario", "scenario_ref", metavar="ID|PATH", help="Scenario id or YAML file.")
    @click.option("--rubric", "rubric_ref", metavar="ID|PATH", help="Rubric id or YAML file (default: the scenario's, or the built-in one).")
    @click.option("--lang", "language", default="auto", show_default=True, help="Answer language: en, fi, sv or auto.")
    @click.option("--ui-lang", default="en", type=click.Choice(["en", "fi"]), show_default=True, help="Language of the feedback.")
    @click.option("--channel", default=None, type=click.Choice(["chat", "email", "social", "phone"]), help="Channel for the built-in rubric (default chat).")
    @click.option("--format", "output_format", default="text", type=click.Choice(["text", "json"]), show_default=True)
    def grade_command(answer: str, scenario_ref: str | None, rubric_ref: str | None, language: str,
                      ui_lang: str, channel: str | None, output_format: str) -> None:
        """Grade the answer in FILE (or stdin with -) and print a report."""
        try:
            output = run_grade(answer, scenario_ref, rubric_ref, language, ui_lang, channel, output_format)
        except BadInput as error:
            _fail(str(error), EXIT_BAD_INPUT)
        except Exception as error:  # noqa: BLE001 - one clear line instead of a traceback
            _fail(f"internal error: {type(error).__name__}: {error}", EXIT_INTERNAL)
        click.echo(output)


def _fail(message: str, code: int) -> None:
    click.echo(f"kohtaamo grade: {message.splitlines()[0] if message else 'error'}", err=True)
    sys.exit(code)


def run_grade(answer: str, scenario_ref: str | None, rubric_ref: str | None, language: str,
              ui_lang: str, channel: str | None, output_format: str) -> str:
    """Load inputs, grade and format; raise BadInput for caller-fault problems."""
    from qa_app.grading.errors import GradingInputError

    text = read_answer(answer)
    if language not in ("auto", "en", "fi", "sv"):
        raise BadInput(f"unknown --lang {language!r}: expected en, fi, sv or auto")
    rubric, scenario = load_content(scenario_ref, rubric_ref, channel, ui_lang)
    from qa_app.grading.engine import default_grader

    try:
        result = default_grader().grade(
            text, rubric["spec"], scenario["spec"] if scenario else None, language=language,
            ui_lang=ui_lang, rubric_ref=rubric["ref"], scenario_ref=scenario["ref"] if scenario else None,
        )
    except GradingInputError as error:
        raise BadInput(str(error)) from error
    if output_format == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    from .grade_report import text_report

    return text_report(text, result, ui_lang)


def read_answer(answer: str) -> str:
    """Read the answer from a file or stdin as UTF-8."""
    try:
        data = sys.stdin.buffer.read() if answer == "-" else Path(answer).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"no such file: {answer}") from None
    except OSError as error:
        raise BadInput(f"cannot read {answer}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{answer} is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise BadInput("the answer is empty: write something to grade")
    return text


def load_content(scenario_ref: str | None, rubric_ref: str | None, channel: str | None,
                 ui_lang: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Return ({spec, ref} of the rubric, {spec, ref} of the scenario or None)."""
    from qa_app.grading.defaults import default_rubric

    if scenario_ref is None and rubric_ref is None:
        rubric = default_rubric(channel or "chat")
        return {"spec": rubric, "ref": None}, None
    from qa_app import content

    try:
        library = content.load_library(*_content_dirs())
        scenario = content.resolve_scenario(scenario_ref, library) if scenario_ref else None
        if rubric_ref:
            rubric = content.resolve_rubric(rubric_ref, library)
        else:
            rubric = library.rubric_for(scenario)  # type: ignore[arg-type]
    except content.ContentError as error:
        lines = str(error).splitlines() or ["content error"]
        raise BadInput(lines[1] if len(lines) > 1 else lines[0]) from None
    rubric_spec = rubric.spec_in(ui_lang) if hasattr(rubric, "spec_in") else rubric.spec
    scenario_out = {"spec": scenario.spec, "ref": scenario.ref} if scenario else None
    return {"spec": rubric_spec, "ref": rubric.ref}, scenario_out


def _content_dirs() -> tuple[Any, Any]:
    """Return (scenario dirs, rubric dirs): the repository's, or under $KOHTAAMO_CONTENT_DIR."""
    from qa_app.content import default_content_dirs

    return tuple(default_content_dirs(os.environ.get("KOHTAAMO_CONTENT_DIR") or None))  # type: ignore[return-value]
