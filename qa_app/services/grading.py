"""Grade answers: the one path from a request to a result, shared by the web app, the API and the CLI.

A request names content by id (or, from the CLI, by file); `grade_answer` resolves it against a
content library, grades with a Grader and returns a `GradeOutcome` that keeps the typed result
and the content it was graded with, so it can be rendered in any reader's language. Nothing here
needs Flask: the CLI grades without the app or the database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..content import (
    ContentError,
    ContentLibrary,
    Rubric,
    Scenario,
    resolve_rubric,
    resolve_scenario,
)
from ..grading.context import HISTORY_AUTHORS, HistoryMessage
from ..grading.defaults import default_rubric
from ..grading.engine import AUTO_LANGUAGE, Grader
from ..grading.errors import GradingInputError
from ..grading.messages import UI_LANGUAGES
from ..grading.results import GradeResult
from ..grading.specs import CHANNELS, LANGUAGES, RubricSpec

MAX_TEXT_CHARS = 20_000
MAX_HISTORY_MESSAGES = 100
MAX_RESPONSE_TIME_S = 10_000_000  # openapi.yaml says the same
_GRADER_KEY = "kohtaamo.grader"


class GradeRequestError(ValueError):
    """The caller's grade request is malformed (a field is missing or of the wrong kind)."""


class ContentNotFound(GradeRequestError):
    """The request names a scenario or rubric that does not exist."""


@dataclass(frozen=True)
class GradeRequest:
    """What to grade and against what; the reader's language is chosen when rendering."""

    text: str
    scenario: str | None = None
    rubric: str | None = None
    lang: str = AUTO_LANGUAGE
    channel: str = "chat"
    history: tuple[HistoryMessage, ...] = ()
    response_time_s: float | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], strict: bool = False,
                     extra_keys: Collection[str] = ()) -> GradeRequest:
        """Validate a JSON payload (API body or a `--jsonl` line) field by field.

        `strict` refuses keys that are neither fields nor `extra_keys` (the API's
        `additionalProperties: false`), in the payload and in each `history` message.
        """
        if strict:
            _refuse_unknown_keys(data, (*REQUEST_KEYS, *extra_keys), "")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise GradeRequestError("'text' must be a non-empty string")
        if len(text) > MAX_TEXT_CHARS:
            raise GradeRequestError(f"'text' must be at most {MAX_TEXT_CHARS} characters (got {len(text)})")
        for key in ("scenario", "rubric"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise GradeRequestError(f"'{key}' must be a content id string")
        lang = _choice(data, "lang", (*LANGUAGES, AUTO_LANGUAGE), AUTO_LANGUAGE)
        channel = _choice(data, "channel", CHANNELS, "chat")
        return cls(text, data.get("scenario"), data.get("rubric"), lang, channel,
                   parse_history(data.get("history"), strict), _seconds(data.get("response_time_s")))


REQUEST_KEYS = ("text", "scenario", "rubric", "lang", "channel", "history", "response_time_s")
HISTORY_KEYS = ("author", "text")


def _refuse_unknown_keys(data: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise GradeRequestError(
            f"unknown field(s) {', '.join(repr(where + key) for key in unknown)} "
            f"(expected {', '.join(allowed)})")


def _seconds(value: Any) -> float | None:
    """Validate `response_time_s`: how long the reply took, in seconds (absent: not measured)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_RESPONSE_TIME_S:
        raise GradeRequestError(
            f"'response_time_s' must be a number of seconds from 0 to {MAX_RESPONSE_TIME_S} (got {value!r})")
    return float(value)


def _choice(data: Mapping[str, Any], key: str, allowed: Sequence[str], default: str) -> str:
    """Return data[key] when it is one of `allowed`; absent or null gives the default."""
    value = data.get(key)
    if value is None:
        return default
    if value not in allowed:
        raise GradeRequestError(f"'{key}' must be one of {', '.join(allowed)} (got {value!r})")
    return value


def parse_ui_lang(value: Any) -> str:
    """Return a valid reader language; absent means English."""
    if value is None:
        return "en"
    if value not in UI_LANGUAGES:
        raise GradeRequestError(f"'ui_lang' must be one of {', '.join(UI_LANGUAGES)} (got {value!r})")
    return value


def parse_history(value: Any, strict: bool = False) -> tuple[HistoryMessage, ...]:
    """Validate `history`: a list of {"author": "customer"|"agent", "text": str}, oldest first."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GradeRequestError("'history' must be a list of {\"author\", \"text\"} objects")
    if len(value) > MAX_HISTORY_MESSAGES:
        raise GradeRequestError(f"'history' must have at most {MAX_HISTORY_MESSAGES} messages (got {len(value)})")
    messages = []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise GradeRequestError(f"'history[{index}]' must be an object with 'author' and 'text'")
        if strict:
            _refuse_unknown_keys(item, HISTORY_KEYS, f"history[{index}].")
        author, text = item.get("author"), item.get("text")
        if author not in HISTORY_AUTHORS:
            raise GradeRequestError(
                f"'history[{index}].author' must be one of {', '.join(HISTORY_AUTHORS)} (got {author!r})")
        if not isinstance(text, str):
            raise GradeRequestError(f"'history[{index}].text' must be a string")
        if len(text) > MAX_TEXT_CHARS:
            raise GradeRequestError(f"'history[{index}].text' must be at most {MAX_TEXT_CHARS} characters")
        messages.append(HistoryMessage(author, text))
    return tuple(messages)


@dataclass(frozen=True)
class GradeOutcome:
    """A typed result with the content it was graded against, ready to render for any reader."""

    text: str
    result: GradeResult
    rubric: Rubric | None
    scenario: Scenario | None
    channel: str = "chat"

    def rubric_spec(self, ui_lang: str) -> RubricSpec:
        """Return the rubric with titles and messages in `ui_lang`."""
        return rubric_spec_in(self.rubric, ui_lang, self.channel)

    def to_dict(self, ui_lang: str = "en") -> dict[str, Any]:
        return self.result.to_dict(ui_lang, self.rubric_spec(ui_lang))

    def text_report(self, ui_lang: str = "en") -> str:
        from .grade_report import text_report

        return text_report(self.text, self.result, ui_lang, self.rubric_spec(ui_lang))


def rubric_spec_in(rubric: Rubric | None, ui_lang: str, channel: str = "chat") -> RubricSpec:
    """Return a content rubric's spec in `ui_lang`, or the built-in rubric's for `channel`."""
    return rubric.spec_in(ui_lang) if rubric is not None else default_rubric(channel, ui_lang)


def resolve_content(req: GradeRequest, library: ContentLibrary | None,
                    allow_files: bool = False) -> tuple[Scenario | None, Rubric | None]:
    """Find the scenario and rubric the request names; files only where `allow_files` (the CLI)."""
    if req.scenario is None and req.rubric is None:
        return None, None
    if library is None:
        raise ContentNotFound("no content library is loaded")
    try:
        if allow_files:
            scenario = resolve_scenario(req.scenario, library) if req.scenario else None
            rubric = resolve_rubric(req.rubric, library) if req.rubric else None
        else:
            scenario = library.scenario(req.scenario) if req.scenario else None
            rubric = library.rubric(req.rubric) if req.rubric else None
        if rubric is None and scenario is not None:
            rubric = library.rubric_for(scenario)
    except ContentError as error:
        raise ContentNotFound(content_error_line(error)) from error
    return scenario, rubric


def grade_answer(req: GradeRequest, library: ContentLibrary | None, grader: Grader,
                 allow_files: bool = False) -> GradeOutcome:
    """Resolve the named content and grade the answer.

    Raises GradeRequestError (ContentNotFound for unknown content) for the caller's mistakes and
    lets the engine's BackendUnavailable through for a language library that fails.
    """
    scenario, rubric = resolve_content(req, library, allow_files)
    return grade_with(req.text, scenario, rubric, grader, req.lang, req.channel, req.history,
                      req.response_time_s)


def grade_with(text: str, scenario: Scenario | None, rubric: Rubric | None, grader: Grader,
               lang: str = AUTO_LANGUAGE, channel: str = "chat",
               history: Sequence[HistoryMessage] = (), response_time_s: float | None = None) -> GradeOutcome:
    """Grade `text` against content already at hand (a practice attempt's pinned versions)."""
    channel = scenario.spec.channel if scenario else channel
    rubric_spec = rubric.spec if rubric else default_rubric(channel)
    if scenario is None and rubric_spec.channel is None:
        # A rubric for every channel (the supervisor scorecard) grades in the request's channel.
        rubric_spec = replace(rubric_spec, channel=channel)
    try:
        result = grader.grade(
            text,
            rubric_spec,
            scenario.spec if scenario else None,
            language=lang,
            rubric_ref=rubric.ref if rubric else None,
            scenario_ref=scenario.ref if scenario else None,
            history=tuple(history),
            response_time_s=response_time_s,
        )
    except GradingInputError as error:
        raise GradeRequestError(str(error)) from error
    return GradeOutcome(text, result, rubric, scenario, channel)


def content_error_line(error: ContentError) -> str:
    """Return the line of a content error that says what is wrong (the first may be a heading)."""
    lines = str(error).splitlines() or ["content error"]
    return lines[1].strip() if len(lines) > 1 else lines[0]


# ------------------------------------------------------------------ inside the Flask app


def grader() -> Grader:
    """Return the app's grader, built once per process (dictionaries load once)."""
    from flask import current_app

    instance = current_app.extensions.get(_GRADER_KEY)
    if instance is None:
        instance = Grader(languagetool_url=current_app.config.get("LANGUAGETOOL_URL"))
        current_app.extensions[_GRADER_KEY] = instance
    return instance


def grade_request(req: GradeRequest) -> GradeOutcome:
    """Grade a request against the app's content library (ids only, no files)."""
    from . import content_store

    return grade_answer(req, content_store.library(), grader())
