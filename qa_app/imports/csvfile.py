"""Read CSV: one message per row, grouped into conversations by `conversation_id`.

Rows of one conversation need not be contiguous; they keep their file order. The conversation
takes the line of its first row; a rejection names the line of its first offending row. The
header is line 1, and a quoted field spanning lines counts from the line where its row starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from .build import InvalidConversation, RawMessage, build_conversation
from .jsonl import Outcome
from .types import ImportFileError, Rejection

REQUIRED_COLUMNS = ("conversation_id", "channel", "agent", "author", "at", "text")
OPTIONAL_COLUMNS = ("language", "customer", "subject", "resolved")
CONVERSATION_COLUMNS = ("channel", "agent", "language", "customer", "subject", "resolved")


@dataclass
class _Group:
    line: int
    fields: dict[str, str]
    messages: list[RawMessage] = field(default_factory=list)
    problem: InvalidConversation | None = None


def parse_csv(text: str, name: str) -> Iterator[Outcome]:
    """Yield each conversation (with its redaction counts) or its rejection, in file order."""
    outcomes: list[tuple[int, Outcome]] = []
    groups: dict[str, _Group] = {}
    for line, row in _rows(text, name):
        conversation_id = (row.get("conversation_id") or "").strip()
        if not conversation_id:
            outcomes.append((line, Rejection(line, None, "missing required field 'conversation_id'")))
            continue
        group = groups.get(conversation_id)
        if group is None:
            group = groups[conversation_id] = _Group(line, _conversation_fields(row))
        elif group.problem is None:
            group.problem = _conflict(group, row, line)
        if group.problem is None and "__width__" in row:
            group.problem = InvalidConversation(row["__width__"], line)
        group.messages.append(RawMessage(row, line))
    for conversation_id, group in groups.items():
        outcomes.append((group.line, _build(conversation_id, group)))
    outcomes.sort(key=lambda item: item[0])
    return (outcome for _, outcome in outcomes)


def _build(conversation_id: str, group: _Group) -> Outcome:
    if group.problem is not None:
        return Rejection(group.problem.line, conversation_id, group.problem.reason)
    fields = {"id": conversation_id, **group.fields}
    try:
        return build_conversation(fields, group.messages, group.line)
    except InvalidConversation as exc:
        return Rejection(exc.line, conversation_id, exc.reason)


def _rows(text: str, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        columns = _check_header(header, name)
        previous_end = reader.line_num
        for values in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not values or values == [""]:
                continue
            yield start, _row(values, columns)
    except csv.Error as exc:
        raise ImportFileError(f"{name}: line {reader.line_num}: malformed CSV ({exc})") from None


def _check_header(header: list[str] | None, name: str) -> list[str]:
    if not header or not any(cell.strip() for cell in header):
        raise ImportFileError(f"{name}: CSV has no header row")
    columns = [cell.strip().lower() for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ImportFileError(
            f"{name}: CSV header lacks required column(s) {', '.join(missing)} "
            f"(found {', '.join(repr(c.strip()) for c in header[:12])})"
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(f"{name}: CSV header repeats column(s) {', '.join(duplicated)}")
    return columns


def _row(values: list[str], columns: list[str]) -> dict[str, str]:
    row = dict(zip(columns, values, strict=False))
    if len(values) != len(columns):
        row["__width__"] = f"row has {len(values)} fields, the header has {len(columns)}"
    return row


def _conversation_fields(row: dict[str, str]) -> dict[str, str]:
    return {column: row.get(column, "") for column in CONVERSATION_COLUMNS}


def _conflict(group: _Group, row: dict[str, str], line: int) -> InvalidConversation | None:
    for column in CONVERSATION_COLUMNS:
        first, this = group.fields.get(column) or "", row.get(column) or ""
        if first.strip() != this.strip():
            return InvalidConversation(
                f"conflicting '{column}': {this!r} here but {first!r} on line {group.line}", line
            )
    return None
