"""Learner-facing finding messages in English and Finnish, rendered when a result is shown.

The grading core is framework-free, so it keeps its own small catalogue instead of Flask-Babel.
Findings store a message *code* and its *parameters*; the reader's language is chosen when the
finding is shown, so a grade stored in a Finnish session reads in English to an English reader.

Each analyzer module registers its messages with `register({key: {"en": ..., "fi": ...}})`.
A parameter value may itself be a message reference `{"$msg": key}` (e.g. a language name),
rendered in the same language, or a backend's own text in several languages
`{"$text": {"fi": ..., "en": ...}}` (Voikko writes its grammar messages in both). Parameters named in `CONTENT_PARAMS` hold content text (a key
point's description): they are shown as written, in the content's language.
Unknown UI languages fall back to English; an unknown code renders its parameters' text.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

UI_LANGUAGES = ("en", "fi")
# Parameters that carry scenario or rubric text, written in the content's language.
CONTENT_PARAMS = frozenset({"say"})
LEGACY_CODE = "legacy.text"  # grades stored before findings had codes keep their rendered text

_CATALOGUE: dict[str, dict[str, str]] = {LEGACY_CODE: {"en": "{text}"}}
_FORMATTER = string.Formatter()
# Modules that register their messages when imported. A process that shows a stored grade
# without having graded anything (another web worker, a report job) has not imported them yet,
# so the first code it does not know imports them all.
_REGISTERING_MODULES = (
    "qa_app.grading.defaults",
    "qa_app.grading.analyzers.accuracy",
    "qa_app.grading.analyzers.clarity",
    "qa_app.grading.analyzers.empathy_messages",
    "qa_app.grading.analyzers.grammar",
    "qa_app.grading.analyzers.grammar_rules_en",
    "qa_app.grading.analyzers.response_time",
)
_all_registered = False


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add message templates; every entry must have at least English."""
    for key, texts in entries.items():
        if "en" not in texts:
            raise ValueError(f"message {key!r} has no English text")
        _CATALOGUE[key] = dict(texts)


def known(code: str) -> bool:
    """Tell whether `code` has a message template."""
    return _templates(code) is not None


def message_ref(code: str) -> dict[str, str]:
    """Return a parameter value that renders as the message `code` in the reader's language."""
    return {"$msg": code}


def message(code: str, ui_lang: str = "en", **values: Any) -> str:
    """Return the message `code` in `ui_lang`, formatted with `values`."""
    return "".join(text for text, _ in render_parts(code, values, ui_lang))


def render_parts(code: str, params: Mapping[str, Any], ui_lang: str = "en") -> list[tuple[str, str | None]]:
    """Return the rendered message as (text, parameter name or None) pieces.

    The web layer uses the parameter names to mark content text with its language.
    """
    texts = _templates(code)
    if texts is None:  # a code from a newer or older engine: show what we can, never fail
        shown = ", ".join(str(v) for v in params.values() if not isinstance(v, Mapping))
        return [(f"{code}: {shown}" if shown else code, None)]
    template = texts.get(ui_lang) or texts["en"]
    parts: list[tuple[str, str | None]] = []
    for literal, field_name, spec, conversion in _FORMATTER.parse(template):
        if literal:
            parts.append((literal, None))
        if field_name is None:
            continue
        value = _param(params, field_name, ui_lang)
        if conversion:
            value = _FORMATTER.convert_field(value, conversion)
        parts.append((format(value, spec) if spec else str(value), field_name))
    return parts


def _templates(code: str) -> dict[str, str] | None:
    global _all_registered
    if code not in _CATALOGUE and not _all_registered:
        from importlib import import_module

        for module in _REGISTERING_MODULES:
            import_module(module)
        _all_registered = True
    return _CATALOGUE.get(code)


def _param(params: Mapping[str, Any], name: str, ui_lang: str) -> Any:
    value = params.get(name, "")
    if isinstance(value, Mapping) and "$msg" in value:
        return message(str(value["$msg"]), ui_lang)
    if isinstance(value, Mapping) and "$text" in value:  # a backend's own text in several languages
        texts = value["$text"]
        return texts.get(ui_lang) or texts.get("en") or next(iter(texts.values()), "")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value
