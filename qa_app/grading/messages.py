"""Learner-facing finding messages in English and Finnish.

The grading core is framework-free, so it keeps its own small catalogue instead of Flask-Babel.
Each analyzer module registers its messages with `register({key: {"en": ..., "fi": ...}})`.
Unknown UI languages fall back to English; a missing key is a programming error.
"""

from __future__ import annotations

from typing import Any

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add message templates; every entry must have at least English."""
    for key, texts in entries.items():
        if "en" not in texts:
            raise ValueError(f"message {key!r} has no English text")
        _CATALOGUE[key] = dict(texts)


def message(key: str, ui_lang: str = "en", **values: Any) -> str:
    texts = _CATALOGUE[key]
    template = texts.get(ui_lang) or texts["en"]
    return template.format(**values) if values else template
