"""Typed results of reading a conversation file: frozen dataclasses and the file-level error."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

CHANNELS = ("chat", "email", "social", "phone")
AUTHORS = ("customer", "agent", "bot", "system")
LANGUAGES = ("fi", "en", "sv")
FLAGS = ("spam", "system")


class ImportFileError(ValueError):
    """A file that cannot be read at all; the message is one line naming the file."""


@dataclass(frozen=True)
class MessageIn:
    author: str
    at: datetime  # timezone-aware, UTC
    text: str  # redacted


@dataclass(frozen=True)
class ConversationIn:
    id: str
    channel: str
    agent: str
    language: str | None
    customer: str | None
    subject: str | None  # redacted
    resolved: bool | None
    messages: tuple[MessageIn, ...]
    line: int
    flag: str | None = None  # "spam" | "system" | None


@dataclass(frozen=True)
class Rejection:
    line: int
    id: str | None
    reason: str


@dataclass(frozen=True)
class RedactionCounts:
    hetu: int = 0
    iban: int = 0
    card: int = 0
    phone: int = 0
    email: int = 0

    def to_dict(self) -> dict[str, int]:
        """Return the counts keyed by placeholder type."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __add__(self, other: RedactionCounts) -> RedactionCounts:
        if not isinstance(other, RedactionCounts):
            return NotImplemented
        return RedactionCounts(**{k: v + getattr(other, k) for k, v in self.to_dict().items()})

    @property
    def total(self) -> int:
        """Return the number of values replaced, all types together."""
        return sum(self.to_dict().values())


@dataclass(frozen=True)
class ParseResult:
    conversations: tuple[ConversationIn, ...]
    rejected: tuple[Rejection, ...]
    redacted: RedactionCounts
