"""Grade one answer for the web app and the API, resolving content from the loaded library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app

from ..content import ContentError
from ..grading.defaults import default_rubric
from ..grading.engine import Grader
from ..grading.errors import GradingInputError
from ..grading.results import GradeResult
from ..grading.specs import CHANNELS, LANGUAGES
from . import content_store

MAX_TEXT_CHARS = 20_000
_GRADER_KEY = "kohtaamo.grader"


class GradeRequestError(ValueError):
    """The caller's grade request is malformed or names unknown content."""

    def __init__(self, message: str, code: str = "bad_request", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class GradeRequest:
    text: str
    scenario: str | None = None
    rubric: str | None = None
    lang: str = "auto"
    ui_lang: str = "en"
    channel: str = "chat"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> GradeRequest:
        """Validate a JSON payload field by field."""
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise GradeRequestError("'text' must be a non-empty string")
        if len(text) > MAX_TEXT_CHARS:
            raise GradeRequestError(f"'text' must be at most {MAX_TEXT_CHARS} characters (got {len(text)})")
        for key in ("scenario", "rubric"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise GradeRequestError(f"'{key}' must be a content id string")
        lang = data.get("lang") or "auto"
        if lang not in (*LANGUAGES, "auto"):
            raise GradeRequestError(f"'lang' must be one of {', '.join((*LANGUAGES, 'auto'))} (got {lang!r})")
        ui_lang = data.get("ui_lang") or "en"
        if ui_lang not in ("en", "fi"):
            raise GradeRequestError(f"'ui_lang' must be 'en' or 'fi' (got {ui_lang!r})")
        channel = data.get("channel") or "chat"
        if channel not in CHANNELS:
            raise GradeRequestError(f"'channel' must be one of {', '.join(CHANNELS)} (got {channel!r})")
        return cls(text, data.get("scenario"), data.get("rubric"), lang, ui_lang, channel)


def grader() -> Grader:
    """Return the app's grader, built once per process (dictionaries load once)."""
    instance = current_app.extensions.get(_GRADER_KEY)
    if instance is None:
        instance = Grader(languagetool_url=current_app.config.get("LANGUAGETOOL_URL"))
        current_app.extensions[_GRADER_KEY] = instance
    return instance


def grade_request(req: GradeRequest) -> GradeResult:
    """Resolve the named content and grade; unknown ids are the caller's fault (404)."""
    library = content_store.library()
    try:
        scenario = library.scenario(req.scenario) if req.scenario else None
        rubric = library.rubric(req.rubric) if req.rubric else (library.rubric_for(scenario) if scenario else None)
    except ContentError as error:
        raise GradeRequestError(str(error), code="not_found", status=404) from error
    rubric_spec = rubric.spec if rubric else default_rubric(scenario.spec.channel if scenario else req.channel)
    try:
        return grader().grade(
            req.text,
            rubric_spec,
            scenario.spec if scenario else None,
            language=req.lang,
            ui_lang=req.ui_lang,
            rubric_ref=rubric.ref if rubric else None,
            scenario_ref=scenario.ref if scenario else None,
        )
    except GradingInputError as error:
        raise GradeRequestError(str(error)) from error
