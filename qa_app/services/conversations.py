"""Import conversation files into the database and export them again, in the import format.

Parsing and redaction are `qa_app.imports`' job (pure, no database); this module decides
identity, agents and transactions. A conversation is identified by (source, file id), so
importing a file twice, or an export of it with the same source, adds nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..imports import (
    ConversationIn,
    ParseResult,
    RedactionCounts,
    Rejection,
    parse_conversations,
    read_conversations,
)
from ..models import Agent, AutoQAResult, Conversation, ConversationMessage, Review, User
from . import audit

logger = logging.getLogger(__name__)

DEFAULT_SOURCE = "import"
EXPORT_FORMATS = ("jsonl",)
_SOURCE_MAX = 120
# Column lengths of the identifiers a file gives (models/conversation.py).
_MAX_LENGTHS = {
    "id": Conversation.external_id.type.length,
    "agent": Agent.external_key.type.length,
    "customer": Conversation.customer.type.length,
}
_LOOKUP_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


class ConversationInputError(ValueError):
    """Bad input for an import or export (caller's fault)."""


@dataclass(frozen=True)
class ImportReport:
    """What one import did: new conversations, ones already there, rejected lines, redactions."""

    imported: int
    duplicates: int
    rejected: tuple[Rejection, ...]
    redacted: RedactionCounts

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": [{"line": r.line, "id": r.id, "reason": r.reason} for r in self.rejected],
            "redacted": self.redacted.to_dict(),
        }


def check_source(source: str) -> str:
    """Return the source name stripped, or raise ConversationInputError."""
    source = source.strip()
    if not source or len(source) > _SOURCE_MAX:
        raise ConversationInputError(f"source must be 1 to {_SOURCE_MAX} characters (got {source!r})")
    return source


def import_file(path: str | Path, file_format: str = "auto", source: str = DEFAULT_SOURCE,
                actor: User | None = None) -> ImportReport:
    """Read, redact and store the conversations in `path`; raises ImportFileError if unreadable."""
    source = check_source(source)
    parsed = read_conversations(path, format=file_format)
    report = import_parsed(parsed, source)
    _log_report(Path(path).name, source, report)
    _audit_import(Path(path).name, source, report, actor)
    return report


def import_upload(data: bytes, file_format: str, name: str, source: str = DEFAULT_SOURCE,
                  actor: User | None = None) -> ImportReport:
    """Read, redact and store an uploaded file's conversations; raises ImportFileError if unreadable."""
    source = check_source(source)
    parsed = parse_conversations(data, file_format, name)
    report = import_parsed(parsed, source)
    _log_report(name, source, report)
    _audit_import(name, source, report, actor)
    return report


def _audit_import(name: str, source: str, report: ImportReport, actor: User | None) -> None:
    """One audit event per file, committed: counts only, like the log line."""
    audit.record("conversations.import", actor, object_type="file", object_id=name[:64], details={
        "source": source, "imported": report.imported, "duplicates": report.duplicates,
        "rejected": len(report.rejected), "redacted": report.redacted.to_dict(),
    })
    db.session.commit()


def _log_report(name: str, source: str, report: ImportReport) -> None:
    # Counts only: the values redacted, and the rejected lines' reasons, stay out of the log.
    logger.info(
        "imported %s (source %s): %d new, %d duplicates, %d rejected, redacted %s",
        name, source, report.imported, report.duplicates, len(report.rejected), report.redacted.to_dict(),
    )


def import_parsed(parsed: ParseResult, source: str) -> ImportReport:
    """Store the new conversations of `parsed` in one transaction and commit it.

    A concurrent import of the same file can win the race for some ids (a unique violation at
    commit); then the whole file is staged once more, and those ids count as duplicates.
    """
    storable, too_long = _split_storable(parsed.conversations)
    try:
        imported, duplicates = _stage(storable, source)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        imported, duplicates = _stage(storable, source)
        db.session.commit()
    rejected = tuple(sorted(parsed.rejected + too_long, key=lambda rejection: rejection.line))
    return ImportReport(imported, duplicates, rejected, parsed.redacted)


def _split_storable(conversations: Iterable[ConversationIn]) -> tuple[list[ConversationIn], tuple[Rejection, ...]]:
    """Set aside conversations whose identifiers exceed the column lengths (PostgreSQL would refuse them)."""
    storable: list[ConversationIn] = []
    rejected: list[Rejection] = []
    for item in conversations:
        for name, value in (("id", item.id), ("agent", item.agent), ("customer", item.customer)):
            if value is not None and len(value) > _MAX_LENGTHS[name]:
                rejected.append(Rejection(item.line, item.id[:_MAX_LENGTHS["id"]],
                                          f"'{name}' is longer than {_MAX_LENGTHS[name]} characters"))
                break
        else:
            storable.append(item)
    return storable, tuple(rejected)


def _stage(conversations: Iterable[ConversationIn], source: str) -> tuple[int, int]:
    """Add the conversations not yet stored under `source`; return (added, duplicates)."""
    conversations = list(conversations)
    seen = _existing_ids(source, [c.id for c in conversations])
    agents = _AgentCache()
    imported = duplicates = 0
    for item in conversations:
        if item.id in seen:  # stored before (the parser rejects an id repeated within a file)
            agents.get(item.agent, create=False)  # links a known agent to a user added since
            duplicates += 1
            continue
        seen.add(item.id)
        db.session.add(_conversation_from(item, source, agents.get(item.agent)))
        imported += 1
    db.session.flush()
    return imported, duplicates


def _existing_ids(source: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start:start + _LOOKUP_CHUNK]
        found.update(db.session.scalars(
            select(Conversation.external_id).where(Conversation.source == source, Conversation.external_id.in_(chunk))
        ))
    return found


def _conversation_from(item: ConversationIn, source: str, agent: Agent | None) -> Conversation:
    messages = [
        ConversationMessage(position=index, author=message.author, at=_naive_utc(message.at), text=message.text)
        for index, message in enumerate(item.messages)
    ]
    return Conversation(
        source=source,
        external_id=item.id,
        channel=item.channel,
        agent=agent,
        language=item.language or None,
        customer=item.customer or None,
        subject=item.subject or None,
        resolved=item.resolved,
        flag=item.flag,
        first_message_at=min((m.at for m in messages), default=None),
        messages=messages,
    )


def agent_key(agent: str) -> str:
    """Return the Agent key for a file's agent field: e-mails in lower case, ids as given."""
    agent = agent.strip()
    return agent.lower() if "@" in agent else agent


class _AgentCache:
    """Find or create each agent once per import, linking it to a matching user."""

    def __init__(self) -> None:
        self._by_key: dict[str, Agent] = {}

    def get(self, agent: str | None, create: bool = True) -> Agent | None:
        key = agent_key(agent or "")
        if not key:
            return None
        if key not in self._by_key:
            record = db.session.scalars(select(Agent).where(Agent.external_key == key)).first()
            if record is None:
                if not create:
                    return None
                record = Agent(external_key=key)
                db.session.add(record)
            if record.user_id is None:  # new, or a user matching it was added since the last import
                record.user = find_user_for_agent(key)
            self._by_key[key] = record
        return self._by_key[key]


def find_user_for_agent(key: str) -> User | None:
    """Return the user whose e-mail (any case) or agent id is `key`, if any."""
    return db.session.scalars(
        select(User).where(or_(func.lower(User.email) == key.lower(), User.agent_id == key)).order_by(User.id)
    ).first()


def link_agents_to_user(user: User, previous_agent_id: str | None = None) -> int:
    """Link the Agent whose key is the user's agent id to the user; unlink the previous id's agent.

    Returns how many Agent records now point at the user because of this call (0 or 1).
    """
    if previous_agent_id and previous_agent_id != user.agent_id:
        stale = db.session.scalars(
            select(Agent).where(Agent.external_key == agent_key(previous_agent_id), Agent.user_id == user.id)
        ).all()
        for record in stale:  # matched by the old id; it may still match someone by e-mail
            record.user = find_user_for_agent(record.external_key)
    if not user.agent_id:
        return 0
    record = db.session.scalars(select(Agent).where(Agent.external_key == agent_key(user.agent_id))).first()
    if record is None or record.user_id == user.id:
        return 0
    record.user = user
    return 1


def _naive_utc(moment: datetime) -> datetime:
    """Store times as naive UTC, as the rest of the schema does."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _iso_z(moment: datetime) -> str:
    """Format a stored (naive UTC) time as ISO 8601 with a Z, as the import format gives it."""
    return moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds") + "Z"


# --- export -------------------------------------------------------------------------------

def iter_export_records() -> Iterator[dict[str, Any]]:
    """Yield every stored conversation as an import-format record, oldest import first.

    `autoqa` holds the newest AutoQA scores (null overall and no criteria when not scored),
    `reviews` each review's newest revision.
    """
    query = (
        select(Conversation)
        .order_by(Conversation.id)
        .options(selectinload(Conversation.messages), selectinload(Conversation.agent))
        .execution_options(yield_per=_LOOKUP_CHUNK)
    )
    for batch in db.session.scalars(query).partitions(_LOOKUP_CHUNK):
        ids = [conversation.id for conversation in batch]
        autoqa, reviews = _autoqa_by_conversation(ids), _reviews_by_conversation(ids)
        for conversation in batch:
            yield export_record(conversation, autoqa.get(conversation.id), reviews.get(conversation.id, []))


def _autoqa_by_conversation(ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each conversation's AutoQA scores with the newest scorecard version it was scored with."""
    found: dict[int, dict[str, Any]] = {}
    rows = db.session.scalars(select(AutoQAResult).where(AutoQAResult.conversation_id.in_(ids))
                              .order_by(AutoQAResult.rubric_version_id))
    for result in rows:  # a newer version overwrites an older one
        found[result.conversation_id] = {"overall": _rounded(result.overall),
                                         "criteria": {k: _rounded(v) for k, v in result.criteria.items()}}
    return found


def _reviews_by_conversation(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each conversation's reviews as their newest revision scores them, oldest review first."""
    found: dict[int, list[dict[str, Any]]] = {}
    query = (select(Review).where(Review.conversation_id.in_(ids)).order_by(Review.id)
             .options(selectinload(Review.revisions), selectinload(Review.reviewer)))
    for review in db.session.scalars(query):
        if not review.revisions:
            continue
        revision = review.current
        criteria = {criterion: _rounded(value.get("score") if isinstance(value, dict) else None)
                    for criterion, value in revision.scores.items()}
        found.setdefault(review.conversation_id, []).append(
            {"reviewer": review.reviewer.email, "overall": _rounded(revision.overall), "criteria": criteria})
    return found


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def export_record(conversation: Conversation, autoqa: dict[str, Any] | None = None,
                  reviews: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Return one conversation in the JSONL import format, plus its AutoQA scores and reviews."""
    return {
        "id": conversation.external_id,
        "channel": conversation.channel,
        "agent": conversation.agent.external_key if conversation.agent else None,
        "language": conversation.language,
        "customer": conversation.customer,
        "subject": conversation.subject,
        "resolved": conversation.resolved,
        "messages": [
            {"author": message.author, "at": _iso_z(message.at), "text": message.text}
            for message in conversation.messages
        ],
        "autoqa": autoqa or {"overall": None, "criteria": {}},
        "reviews": reviews or [],
    }


def export_conversations(out: IO[str], export_format: str = "jsonl") -> int:
    """Write every conversation to `out`, one JSON object per line; return how many."""
    if export_format not in EXPORT_FORMATS:
        raise ConversationInputError(f"export format must be one of {', '.join(EXPORT_FORMATS)} (got {export_format!r})")
    count = 0
    for record in iter_export_records():
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    logger.info("exported %d conversations", count)
    return count
