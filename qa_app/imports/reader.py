"""Read a conversation file (path or bytes) into conversations, rejections and redaction counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePath

from .csvfile import parse_csv
from .jsonl import Outcome, parse_jsonl
from .spam import is_spam_or_system
from .types import ImportFileError, ParseResult, RedactionCounts, Rejection

FORMATS = ("auto", "csv", "jsonl")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


def read_conversations(path: str | Path, format: str = "auto") -> ParseResult:
    """Read a CSV or JSONL file; raise `ImportFileError` when it cannot be read at all."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_conversations(data, format, name=str(path))


def parse_conversations(data: bytes, format: str, name: str = "<input>") -> ParseResult:
    """Parse uploaded bytes as CSV or JSONL ("auto" decides from the name, then the content)."""
    if format not in FORMATS:
        raise ImportFileError(
            f"{name}: unknown format {format!r} (expected auto, csv or jsonl)"
        )
    text = _decode(data, name)
    if not text.strip():
        raise ImportFileError(f"{name}: empty file")
    chosen = _detect(text, name) if format == "auto" else format
    outcomes = parse_jsonl(text) if chosen == "jsonl" else parse_csv(text, name)
    return _collect(outcomes)


def check_readable(data: bytes, format: str, name: str = "<input>") -> str:
    """Return the format `data` would be read as; raise `ImportFileError` for what fails before parsing.

    Cheap (no parsing, no redaction): an upload page can refuse an unreadable file at once and
    leave the reading itself to a background job.
    """
    if format not in FORMATS:
        raise ImportFileError(f"{name}: unknown format {format!r} (expected auto, csv or jsonl)")
    text = _decode(data, name)
    if not text.strip():
        raise ImportFileError(f"{name}: empty file")
    return _detect(text, name) if format == "auto" else format


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None


def _detect(text: str, name: str) -> str:
    by_extension = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def _collect(outcomes: Iterable[Outcome]) -> ParseResult:
    conversations, rejected = [], []
    counts = RedactionCounts()
    for outcome in outcomes:
        if isinstance(outcome, Rejection):
            rejected.append(outcome)
            continue
        conversation, conversation_counts = outcome
        flag = is_spam_or_system(conversation)
        if flag is not None:
            conversation = replace(conversation, flag=flag)
        conversations.append(conversation)
        counts = counts + conversation_counts
    return ParseResult(tuple(conversations), tuple(rejected), counts)
