"""`kohtaamo grade`: grade one answer, or a JSON Lines batch, without the database or the Flask app.

Both modes call the same service as the web app and the API (`services.grading.grade_answer`)
and render with the same renderer, so a result reads the same everywhere.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import click

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


class BadInput(Exception):
    """Caller-fault problem reported as one line on stderr with exit code 2."""


def register(cli: click.Group) -> None:
    """Add this module's commands to the `kohtaamo` group."""

    @cli.command("grade", with_appcontext=False)
    @click.argument("answer", metavar="FILE|-", required=False)
    @click.option("--jsonl", "jsonl", metavar="FILE|-",
                  help="Grade a batch: one JSON object per line, one JSON result per line in input order.")
    @click.option("--scenario", "scenario_ref", metavar="ID|PATH", help="Scenario id or YAML file.")
    @click.option("--rubric", "rubric_ref", metavar="ID|PATH", help="Rubric id or YAML file (default: the scenario's, or the built-in one).")
    @click.option("--lang", "language", default="auto", show_default=True, help="Answer language: en, fi, sv or auto.")
    @click.option("--ui-lang", default="en", type=click.Choice(["en", "fi"]), show_default=True, help="Language of the feedback.")
    @click.option("--channel", default=None, type=click.Choice(["chat", "email", "social", "phone"]), help="Channel for the built-in rubric (default chat).")
    @click.option("--format", "output_format", default="text", type=click.Choice(["text", "json"]), show_default=True,
                  help="Report format for one answer (a --jsonl batch always writes JSON lines).")
    def grade_command(answer: str | None, jsonl: str | None, scenario_ref: str | None, rubric_ref: str | None,
                      language: str, ui_lang: str, channel: str | None, output_format: str) -> None:
        """Grade the answer in FILE (or stdin with -) and print a report.

        With --jsonl, each input line is {"id": any, "text": str, "lang"?, "scenario"?, "rubric"?,
        "history"?: [{"author": "customer"|"agent", "text": str}]}; --scenario, --rubric, --lang
        and --channel give defaults for lines that leave them out. A bad line gets
        {"id": ..., "error": "..."} and the batch goes on; blank lines are skipped.
        """
        defaults = {"scenario": scenario_ref, "rubric": rubric_ref, "lang": language, "channel": channel or "chat"}
        try:
            if jsonl is not None:
                if answer is not None:
                    raise BadInput("give either FILE or --jsonl FILE, not both")
                _check_language(language)
                exit_code = run_batch(jsonl, defaults, ui_lang, sys.stdout)
                sys.exit(exit_code)
            if answer is None:
                raise BadInput("missing FILE: give a file, - for stdin, or --jsonl FILE")
            output = run_grade(answer, defaults, ui_lang, output_format)
        except BadInput as error:
            _fail(str(error), EXIT_BAD_INPUT)
        except Exception as error:  # noqa: BLE001 - one clear line instead of a traceback
            from qa_app.grading.errors import BackendUnavailable

            if isinstance(error, BackendUnavailable):
                _fail(f"cannot grade: {error}", EXIT_INTERNAL)
            _fail(f"internal error: {type(error).__name__}: {error}", EXIT_INTERNAL)
        click.echo(output)


def _fail(message: str, code: int) -> None:
    click.echo(f"kohtaamo grade: {message.splitlines()[0] if message else 'error'}", err=True)
    sys.exit(code)


def _check_language(language: str) -> None:
    if language not in ("auto", "en", "fi", "sv"):
        raise BadInput(f"unknown --lang {language!r}: expected en, fi, sv or auto")


def run_grade(answer: str, defaults: dict[str, Any], ui_lang: str, output_format: str) -> str:
    """Grade one answer file and format the report; raise BadInput for caller-fault problems."""
    from qa_app.services.grading import GradeRequest, GradeRequestError

    text = read_answer(answer)
    _check_language(defaults["lang"])
    _prefetch(text, defaults["lang"])
    try:
        outcome = _Batch(defaults).grade(GradeRequest(text, defaults["scenario"], defaults["rubric"],
                                                      defaults["lang"], defaults["channel"]))
    except GradeRequestError as error:
        raise BadInput(str(error)) from None
    if output_format == "json":
        return json.dumps(outcome.to_dict(ui_lang), ensure_ascii=False, indent=2)
    return outcome.text_report(ui_lang)


def _prefetch(text: str, language: str) -> None:
    """Build the answer language's checker in the background while the content files load."""
    from qa_app.grading import resources
    from qa_app.grading.langdetect import detect_language

    resources.prefetch(detect_language(text) if language == "auto" else language)


def run_batch(source: str, defaults: dict[str, Any], ui_lang: str, out: IO[str]) -> int:
    """Grade every line of a JSON Lines file; return the exit code (0 once the file is readable)."""
    batch = _Batch(defaults)
    for number, raw in _read_lines(source):
        if isinstance(raw, UnicodeDecodeError):
            result: dict[str, Any] = {"id": None, "error": f"line {number}: not UTF-8 text (byte {raw.start})"}
        elif not raw.strip():
            continue
        else:
            result = batch.grade_line(number, raw.strip(), ui_lang)
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return 0


class _Batch:
    """Grades many requests in one process: the content library and the grader load once."""

    def __init__(self, defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self._library: Any = None

    def library(self) -> Any:
        if self._library is None:
            from qa_app import content
            from qa_app.services.grading import content_error_line

            try:
                self._library = content.load_library(*_content_dirs())
            except content.ContentError as error:
                raise BadInput(content_error_line(error)) from None
        return self._library

    def grade(self, req: Any) -> Any:
        from qa_app.grading.engine import default_grader
        from qa_app.services.grading import grade_answer

        library = self.library() if req.scenario or req.rubric else None
        return grade_answer(req, library, default_grader(), allow_files=True)

    def grade_line(self, number: int, line: str, ui_lang: str) -> dict[str, Any]:
        """Return the result object for one input line, or {"id", "error"} for a bad one."""
        from qa_app.grading.errors import GradingError
        from qa_app.services.grading import GradeRequest, GradeRequestError

        item_id = None
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise GradeRequestError("each line must be a JSON object")
            if "id" not in data:
                raise GradeRequestError("'id' is missing")
            item_id = data["id"]
            merged = {key: value for key, value in self.defaults.items() if data.get(key) is None}
            req = GradeRequest.from_mapping({**data, **merged})
            outcome = self.grade(req)
        except json.JSONDecodeError as error:
            return {"id": None, "error": f"line {number}: not valid JSON ({error.msg} at column {error.colno})"}
        except (GradeRequestError, GradingError, BadInput) as error:
            return {"id": item_id, "error": f"line {number}: {error}"}
        return {"id": item_id, **outcome.to_dict(ui_lang)}


def _read_lines(source: str) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Yield (line number, text) of a JSON Lines file or stdin; a line that is not UTF-8 yields its error."""
    stream: Iterable[bytes]
    if source == "-":
        stream = sys.stdin.buffer
    else:
        try:
            stream = Path(source).open("rb")  # noqa: SIM115 - closed when the generator ends
        except FileNotFoundError:
            raise BadInput(f"no such file: {source}") from None
        except OSError as error:
            raise BadInput(f"cannot read {source}: {error.strerror or error}") from None
    try:
        for number, raw in enumerate(stream, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield number, error
    finally:
        if source != "-":
            stream.close()  # type: ignore[attr-defined]


def read_answer(answer: str) -> str:
    """Read the answer from a file or stdin as UTF-8."""
    try:
        data = sys.stdin.buffer.read() if answer == "-" else Path(answer).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"no such file: {answer}") from None
    except IsADirectoryError:
        raise BadInput(f"{answer} is a directory, not an answer file") from None
    except OSError as error:
        raise BadInput(f"cannot read {answer}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{answer} is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise BadInput("the answer is empty: write something to grade")
    return text


def _content_dirs() -> tuple[Any, Any]:
    """Return (scenario dirs, rubric dirs): the repository's, or under $KOHTAAMO_CONTENT_DIR."""
    from qa_app.content import default_content_dirs

    return tuple(default_content_dirs(os.environ.get("KOHTAAMO_CONTENT_DIR") or None))  # type: ignore[return-value]
