"""Phrases for the conversation generator (`qa_app.imports.generate`), one module per language.

Each language module has the same names: generic agent, customer, bot and system phrases,
`TOPICS` (what customers contact us about: subjects, openings, details, good and bad answers),
`JUNK` (auto-replies, bounces, newsletters, phishing) and `WORDS` (slot fillers). A phrase may
hold `((a|b|c))` (one option is picked) and `{slot}` placeholders (see `slots.py`).
"""

from __future__ import annotations

import random
from types import ModuleType
from typing import Any

from . import en, fi, sv

_BOOKS: dict[str, ModuleType] = {"fi": fi, "en": en, "sv": sv}
# Names for agents known only by an id ("a17"): they still greet with a first name.
AGENT_NAMES = ("Anna", "Juha", "Laura", "Petri", "Noora", "Ville", "Heidi", "Antti", "Emma", "Teemu")


def for_language(language: str) -> ModuleType:
    """Return the phrase module of `language` (fi, en or sv)."""
    return _BOOKS[language]


def topics(language: str) -> dict[str, dict[str, Any]]:
    return _BOOKS[language].TOPICS


def customer_name(rng: random.Random, language: str) -> tuple[str, str]:
    """Return a first and last name; English-speaking customers in Finland often have Finnish names."""
    book = _BOOKS[language]
    if language == "en" and rng.random() < 0.35:
        book = fi
    return rng.choice(book.WORDS["first_names"]), rng.choice(book.WORDS["last_names"])
