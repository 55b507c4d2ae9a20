"""Read conversation files (CSV, JSONL), redact personal data and flag spam; pure, no Flask.

Formats and rules: docs/import-formats.md.
"""

from __future__ import annotations

from .reader import check_readable, parse_conversations, read_conversations
from .redact import redact
from .spam import is_spam_or_system
from .types import (
    ConversationIn,
    ImportFileError,
    MessageIn,
    ParseResult,
    RedactionCounts,
    Rejection,
)

__all__ = [
    "ConversationIn",
    "ImportFileError",
    "MessageIn",
    "ParseResult",
    "RedactionCounts",
    "Rejection",
    "check_readable",
    "is_spam_or_system",
    "parse_conversations",
    "read_conversations",
    "redact",
]
