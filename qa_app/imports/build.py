"""Turn one conversation's raw fields (from JSONL or CSV) into a redacted `ConversationIn`.

Both readers hand over plain values; this module alone decides what is valid, so a rule and its
reason read the same for every format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .redact import redact
from .types import AUTHORS, CHANNELS, LANGUAGES, ConversationIn, MessageIn, RedactionCounts

REQUIRED_FIELDS = ("id", "channel", "agent")
MESSAGE_FIELDS = ("author", "at", "text")
_TRUE = {"true", "yes", "1", "kyllä", "ja"}
_FALSE = {"false", "no", "0", "ei", "nej"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class InvalidConversation(ValueError):
    """One conversation breaks a rule; `line` points at the offending line or row."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class RawMessage:
    fields: Mapping[str, Any]
    line: int


def build_conversation(
    fields: Mapping[str, Any], messages: Sequence[RawMessage], line: int
) -> tuple[ConversationIn, RedactionCounts]:
    """Validate and redact one conversation, or raise `InvalidConversation`."""
    for name in REQUIRED_FIELDS:
        _required_text(fields.get(name), name, line)
    if fields.get("messages") is None and not messages:
        raise InvalidConversation("missing required field 'messages'", line)
    channel = _choice(fields["channel"], "channel", CHANNELS, line)
    language = _optional_choice(fields.get("language"), "language", LANGUAGES, line)
    customer = _optional_text(fields.get("customer"), "customer", line)
    subject = _optional_text(fields.get("subject"), "subject", line)
    resolved = _optional_bool(fields.get("resolved"), line)
    if not messages:
        raise InvalidConversation("no messages", line)
    counts = RedactionCounts()
    built = []
    for number, raw in enumerate(messages, start=1):
        message, message_counts = _build_message(raw, number)
        built.append(message)
        counts = counts + message_counts
    if not any(m.author == "agent" for m in built):
        raise InvalidConversation("no agent message", line)
    if subject is not None:
        subject, subject_counts = redact(subject)
        counts = counts + subject_counts
    conversation = ConversationIn(
        id=fields["id"].strip(),
        channel=channel,
        agent=fields["agent"].strip(),
        language=language,
        customer=customer,
        subject=subject,
        resolved=resolved,
        messages=tuple(built),
        line=line,
    )
    return conversation, counts


def _build_message(raw: RawMessage, number: int) -> tuple[MessageIn, RedactionCounts]:
    where = f"message {number}"
    if not isinstance(raw.fields, Mapping):
        raise InvalidConversation(f"{where}: must be an object (got {_kind(raw.fields)})", raw.line)
    for name in MESSAGE_FIELDS:
        value = raw.fields.get(name)
        if value is None or (isinstance(value, str) and name != "text" and not value.strip()):
            raise InvalidConversation(f"{where}: missing required field '{name}'", raw.line)
        if not isinstance(value, str):
            raise InvalidConversation(
                f"{where}: '{name}' must be a string (got {_kind(value)})", raw.line
            )
        _storable(value, name, raw.line, f"{where}: ")
    author = _choice(raw.fields["author"], "author", AUTHORS, raw.line, f"{where}: ")
    at = parse_timestamp(raw.fields["at"], where, raw.line)
    text = raw.fields["text"]
    if not text.strip():
        raise InvalidConversation(f"{where}: empty text", raw.line)
    text, counts = redact(text)
    return MessageIn(author=author, at=at, text=text), counts


def parse_timestamp(value: str, where: str, line: int) -> datetime:
    """Parse an ISO 8601 timestamp that carries an offset or Z, returned in UTC."""
    try:
        parsed = datetime.fromisoformat(value.strip())
        utc = parsed.astimezone(UTC) if parsed.tzinfo is not None and parsed.utcoffset() is not None else None
    except OverflowError:  # e.g. 9999-12-31T23:59:59-23:59 is after the last datetime in UTC
        raise InvalidConversation(f"{where}: timestamp {value!r} is out of range", line) from None
    except ValueError:
        raise InvalidConversation(
            f"{where}: cannot parse timestamp {value!r} (expected ISO 8601, e.g. "
            "2026-03-12T14:30:00+02:00)",
            line,
        ) from None
    if utc is None:
        raise InvalidConversation(
            f"{where}: timestamp {value!r} has no UTC offset (add Z or e.g. +02:00)", line
        )
    return utc


def _storable(value: str, name: str, line: int, where: str = "") -> str:
    """Refuse text a database cannot store: NUL (PostgreSQL text) or a lone surrogate (not UTF-8,
    reachable through a JSON escape such as \\ud800)."""
    if "\x00" in value:
        raise InvalidConversation(f"{where}'{name}' holds a NUL character (0x00)", line)
    if _SURROGATE.search(value):
        raise InvalidConversation(
            f"{where}'{name}' holds a lone surrogate (an escape such as \\ud800 that is not a character)",
            line)
    return value


def _required_text(value: Any, name: str, line: int) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidConversation(f"missing required field '{name}'", line)
    if not isinstance(value, str):
        raise InvalidConversation(f"'{name}' must be a string (got {_kind(value)})", line)
    return _storable(value, name, line)


def _choice(value: Any, name: str, allowed: tuple[str, ...], line: int, where: str = "") -> str:
    normalised = value.strip().lower() if isinstance(value, str) else value
    if normalised not in allowed:
        raise InvalidConversation(
            f"{where}unknown {name} {value!r} (expected {_one_of(allowed)})"
            if isinstance(value, str)
            else f"{where}'{name}' must be a string (got {_kind(value)})",
            line,
        )
    return normalised


def _optional_choice(value: Any, name: str, allowed: tuple[str, ...], line: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _choice(value, name, allowed, line)


def _optional_text(value: Any, name: str, line: int) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InvalidConversation(f"'{name}' must be a string (got {_kind(value)})", line)
    return _storable(value, name, line)


def _optional_bool(value: Any, line: int) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if not word:
            return None
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise InvalidConversation(f"'resolved' must be true or false (got {value!r})", line)


def _one_of(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed[:-1]) + " or " + allowed[-1]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number",
            float: "a number", str: "a string"}.get(type(value), type(value).__name__)
