"""Defaults the content format promises when a field is left out."""

from __future__ import annotations

from types import MappingProxyType

DEFAULT_LANG = "fi"  # Finnish first: the language of `Rubric.spec` texts
DEFAULT_DIFFICULTY = "medium"
DEFAULT_MAX_TURNS = 6
DEFAULT_MOOD = "calm"
DEFAULT_NA_POLICY = "reweight"
DEFAULT_INBOX_KIND = "customer"
TIME_TARGETS_S = MappingProxyType({"chat": 60, "social": 900, "email": 86400, "phone": 60})


def default_rubric_id(channel: str) -> str:
    """Return the rubric a scenario uses when it names none, e.g. "chat-reply"."""
    return f"{channel}-reply"
