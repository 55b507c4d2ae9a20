"""Read JSON Lines: one conversation object per line; blank lines are skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .build import InvalidConversation, RawMessage, build_conversation
from .types import ConversationIn, RedactionCounts, Rejection

Outcome = tuple[ConversationIn, RedactionCounts] | Rejection


def parse_jsonl(text: str) -> Iterator[Outcome]:
    """Yield each line's conversation (with its redaction counts) or its rejection."""
    seen: dict[str, int] = {}
    # JSON allows U+2028 inside strings, so split on newlines only, not str.splitlines().
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        yield _parse_line(line, number, seen)


def _parse_line(line: str, number: int, seen: dict[str, int]) -> Outcome:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return Rejection(number, None, f"invalid JSON: {_json_error(exc)}")
    if not isinstance(record, dict):
        return Rejection(number, None, "a line must hold one JSON object")
    conversation_id = _shown(record["id"]) if isinstance(record.get("id"), str) else None
    if conversation_id is not None and conversation_id.strip() in seen:
        first = seen[conversation_id.strip()]
        return Rejection(number, conversation_id, f"duplicate id (first on line {first})")
    try:
        built = build_conversation(record, _messages(record, number), number)
    except InvalidConversation as exc:
        return Rejection(exc.line, conversation_id, exc.reason)
    seen[built[0].id] = number
    return built


def _shown(value: str) -> str:
    """The id as a rejection reports it: a lone surrogate (from a JSON escape such as \\ud800)
    becomes that escape's text, so the report can be stored, logged and shown as UTF-8."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _messages(record: dict[str, Any], number: int) -> list[RawMessage]:
    messages = record.get("messages")
    if messages is None:
        return []
    if not isinstance(messages, list):
        raise InvalidConversation("'messages' must be a list", number)
    return [RawMessage(message, number) for message in messages]


def _json_error(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
