"""Personal data retention and erasure: anonymise conversations in place.

Anonymise rather than delete. The scores stay (AutoQA results, reviews and their revisions,
calibration scores), so the quality figures, agreement statistics and an agent's review
history keep their numbers for the periods they cover. What identifies or describes a person
goes:

- the conversation's customer identifier and subject;
- every message's text (replaced by ERASED), since a transcript is about the customer;
- AutoQA's finding details (params and suggestions can quote the text, spans point into it);
- the free text people wrote about the conversation: review comments, revision reasons,
  override and auto-fail reasons, dispute comments and decisions, calibration notes and
  comments; half-filled review drafts are deleted.

The (source, external id) identity stays, so importing the same file again adds nothing back.
Deleting the rows instead would also remove the scores and silently change past figures. One
figure does change: first-contact resolution of an anonymised conversation rests on the file's
`resolved` field alone, since repeat contacts of the same customer can no longer be seen (a
keyed pseudonym instead of NULL would keep them, but could be linked back by whoever holds the key).

`erase_agent` pseudonymises the agent record (its key can be an e-mail), unlinks it from the
user account and clears the account's agent id, and anonymises that agent's own messages and
the free text about their conversations; the customers' messages stay unless retention or
`erase_customer` removes them. The user account itself is left to the admin. The audit log
keeps its actor copies (see models/audit.py) and records each run with counts only: the
erased identifier appears only as a keyed hash (HMAC), so "was X erased?" can be checked by
someone who holds the key without the log keeping X.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from ..extensions import db
from ..models import (
    Agent,
    AutoQAMessage,
    AutoQAResult,
    CalibrationItem,
    CalibrationScore,
    Conversation,
    ConversationMessage,
    Dispute,
    Review,
    ReviewDraft,
    ReviewRevision,
    User,
)
from ..models.user import utcnow
from . import audit
from .conversations import agent_key

ERASED = "[erased]"
RUN_EVERY = timedelta(days=1)
_BATCH = 500


class ErasureInputError(ValueError):
    """The person to erase cannot be found or was not named well (caller's fault)."""


@dataclass(frozen=True)
class Counts:
    conversations: int = 0
    messages: int = 0
    autoqa_messages: int = 0
    review_texts: int = 0  # review revisions whose free text was replaced
    disputes: int = 0
    calibration_texts: int = 0
    drafts: int = 0
    agents: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{k: v + getattr(other, k) for k, v in asdict(self).items()})


def fingerprint(identifier: str, key: str | bytes) -> str:
    """A keyed hash of a normalised identifier: the audit log's stand-in for the erased value."""
    key_bytes = key.encode() if isinstance(key, str) else key
    return hmac.new(key_bytes, identifier.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


# ------------------------------------------------------------------ the core


def _erase_findings(grade: Any) -> Any:
    """Drop what a stored grade quotes from the text; scores, codes and levels stay."""
    if isinstance(grade, dict):
        out = {}
        for key, value in grade.items():
            if key == "findings" and isinstance(value, list):
                out[key] = [{**f, "params": {}, "suggestions": [], "start": 0, "end": 0}
                            if isinstance(f, dict) else f for f in value]
            else:
                out[key] = _erase_findings(value)
        return out
    if isinstance(grade, list):
        return [_erase_findings(item) for item in grade]
    return grade


def _erase_scores(scores_json: str | None) -> str | None:
    if not scores_json:
        return scores_json
    scores = json.loads(scores_json)
    if isinstance(scores, dict):
        for entry in scores.values():
            if isinstance(entry, dict) and entry.get("override_reason"):
                entry["override_reason"] = ERASED
    return json.dumps(scores, ensure_ascii=False, sort_keys=True)


def _text(value: str | None) -> str | None:
    return ERASED if value else value


def _erase_free_text(conversation_ids: Sequence[int], dry_run: bool) -> tuple[int, int, int, int]:
    """Replace what people wrote about these conversations; return (revisions, disputes,
    calibration rows, drafts) touched. Core UPDATEs: revisions are otherwise immutable in the ORM
    (services/review/scorecards.py), and erasure is the one change they must allow."""
    revisions = list(db.session.execute(
        select(ReviewRevision.id, ReviewRevision.reason, ReviewRevision.comment, ReviewRevision.auto_fail_reason,
               ReviewRevision.scores_json)
        .join(Review, Review.id == ReviewRevision.review_id).where(Review.conversation_id.in_(conversation_ids))
    ))
    touched = [r for r in revisions if r.reason not in (None, ERASED) or r.comment not in (None, ERASED)
               or r.auto_fail_reason not in (None, ERASED) or _erase_scores(r.scores_json) != r.scores_json]
    disputes = list(db.session.scalars(
        select(Dispute.id).join(Review, Review.id == Dispute.review_id)
        .where(Review.conversation_id.in_(conversation_ids), Dispute.comment != ERASED)
    ))
    items = list(db.session.scalars(select(CalibrationItem.id).where(
        CalibrationItem.conversation_id.in_(conversation_ids), CalibrationItem.note.is_not(None),
        CalibrationItem.note != ERASED)))
    scores = list(db.session.execute(
        select(CalibrationScore.id).join(CalibrationItem, CalibrationItem.id == CalibrationScore.item_id)
        .where(CalibrationItem.conversation_id.in_(conversation_ids),
               or_(CalibrationScore.comment.is_not(None), CalibrationScore.auto_fail_reason.is_not(None),
                   CalibrationScore.draft_json.is_not(None)),
               or_(CalibrationScore.comment.is_(None), CalibrationScore.comment != ERASED))
    ).scalars())
    drafts = db.session.scalar(select(func.count()).select_from(ReviewDraft)
                               .where(ReviewDraft.conversation_id.in_(conversation_ids))) or 0
    if not dry_run:
        for row in touched:
            db.session.execute(update(ReviewRevision).where(ReviewRevision.id == row.id).values(
                reason=_text(row.reason), comment=_text(row.comment), auto_fail_reason=_text(row.auto_fail_reason),
                scores_json=_erase_scores(row.scores_json)))
        if disputes:
            db.session.execute(update(Dispute).where(Dispute.id.in_(disputes)).values(
                comment=ERASED, resolution_reason=None))
        if items:
            db.session.execute(update(CalibrationItem).where(CalibrationItem.id.in_(items)).values(note=ERASED))
        for score_id in scores:
            score = db.session.get(CalibrationScore, score_id)
            score.comment, score.auto_fail_reason = _text(score.comment), _text(score.auto_fail_reason)
            score.draft_json = None
        db.session.execute(delete(ReviewDraft).where(ReviewDraft.conversation_id.in_(conversation_ids)))
    return len(touched), len(disputes), len(items) + len(scores), drafts


def anonymise(conversation_ids: Sequence[int], dry_run: bool = False, now: datetime | None = None,
              authors: Sequence[str] | None = None) -> Counts:
    """Anonymise these conversations (see the module docstring); `authors` limits the message
    texts replaced to those authors (an agent's erasure). Flushes; the caller commits."""
    total = Counts()
    moment = now or utcnow()
    ids = list(conversation_ids)
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        message_filter = [ConversationMessage.conversation_id.in_(batch), ConversationMessage.text != ERASED]
        if authors is not None:
            message_filter.append(ConversationMessage.author.in_(authors))
        message_ids = list(db.session.scalars(select(ConversationMessage.id).where(*message_filter)))
        grades = list(db.session.scalars(
            select(AutoQAMessage).join(AutoQAResult, AutoQAResult.id == AutoQAMessage.autoqa_id)
            .where(AutoQAResult.conversation_id.in_(batch), AutoQAMessage.message_id.in_(message_ids))
        )) if message_ids else []
        revisions, disputes, calibration, drafts = _erase_free_text(batch, dry_run)
        if not dry_run:
            if message_ids:
                db.session.execute(update(ConversationMessage).where(ConversationMessage.id.in_(message_ids))
                                   .values(text=ERASED))
            for grade in grades:
                grade.grade_json = json.dumps(_erase_findings(json.loads(grade.grade_json)), ensure_ascii=False)
            if authors is None:
                db.session.execute(update(Conversation).where(Conversation.id.in_(batch)).values(
                    customer=None, subject=None, anonymised_at=moment))
            db.session.flush()
        total = total + Counts(len(batch) if authors is None else 0, len(message_ids), len(grades), revisions,
                               disputes, calibration, drafts)
    return total


# ------------------------------------------------------------------ retention


def expired_ids(days: int, now: datetime | None = None) -> list[int]:
    """Conversations that started (or, without message times, were imported) more than `days`
    days ago and are not anonymised yet."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    started = func.coalesce(Conversation.first_message_at, Conversation.imported_at)
    return list(db.session.scalars(
        select(Conversation.id).where(started < cutoff, Conversation.anonymised_at.is_(None)).order_by(Conversation.id)
    ))


def run_retention(days: int, dry_run: bool = False, actor: User | None = None,
                  now: datetime | None = None) -> Counts:
    """Anonymise the conversations older than `days` days, record the run (dry runs too, marked),
    and commit."""
    if days < 1:
        raise ValueError(f"retention must be at least 1 day (got {days})")
    moment = now or utcnow()
    counts = anonymise(expired_ids(days, moment), dry_run, moment)
    audit.record("retention.run", actor, at=moment, details={
        "days": days, "cutoff": (moment - timedelta(days=days)).isoformat(timespec="seconds"),
        "dry_run": dry_run, **counts.to_dict()})
    db.session.commit()
    return counts


def retention_due(now: datetime | None = None) -> bool:
    """Whether a day has passed since the last real retention run (the audit log is the schedule)."""
    event = audit.last_event("retention.run", dry_run=False)
    return event is None or event.at <= (now or utcnow()) - RUN_EVERY


def run_retention_if_due(days: int | None, now: datetime | None = None) -> Counts | None:
    """The worker's daily run: with a retention period set and a day since the last real run,
    run it (as the system) and return the counts; else None. Two workers that look at the same
    moment may both run: the second finds nothing left (anonymised_at) and records zeros."""
    if not days or not retention_due(now):
        return None
    with audit.origin("worker"):
        return run_retention(days, now=now)


# ------------------------------------------------------------------ erasure on request


def customer_conversations(identifier: str) -> list[int]:
    identifier = identifier.strip()
    if not identifier:
        raise ErasureInputError("the customer identifier is empty")
    return list(db.session.scalars(select(Conversation.id).where(
        func.lower(Conversation.customer) == identifier.lower()).order_by(Conversation.id)))


def erase_customer(identifier: str, key: str | bytes, dry_run: bool = False, actor: User | None = None) -> Counts:
    """Anonymise every conversation of this customer identifier (any letter case); record and commit.
    Finding none is not an error (it may have been erased already): the counts say 0."""
    counts = anonymise(customer_conversations(identifier), dry_run)
    audit.record("erase.customer", actor, object_type="customer", object_id=fingerprint(identifier, key),
                 details={"dry_run": dry_run, **counts.to_dict()})
    db.session.commit()
    return counts


def agents_of(identifier: str) -> tuple[list[Agent], User | None]:
    """The agent records this agent id or e-mail names (by key, or linked to the user it names),
    and that user if there is one."""
    key = agent_key(identifier)
    if not key:
        raise ErasureInputError("the agent id or e-mail is empty")
    user = db.session.scalars(select(User).where(
        or_(func.lower(User.email) == key.lower(), User.agent_id == key))).first()
    condition = Agent.external_key == key
    if user is not None:
        condition = or_(condition, Agent.user_id == user.id)
    agents = list(db.session.scalars(select(Agent).where(condition).order_by(Agent.id)))
    if not agents and user is None:
        raise ErasureInputError(f"no agent with id or e-mail '{identifier.strip()}'")
    return agents, user


def erase_agent(identifier: str, key: str | bytes, dry_run: bool = False, actor: User | None = None) -> Counts:
    """Pseudonymise the agent and anonymise their messages and the free text about their
    conversations; record and commit. Raises ErasureInputError for an unknown agent."""
    agents, user = agents_of(identifier)
    ids = list(db.session.scalars(select(Conversation.id).where(
        Conversation.agent_id.in_([a.id for a in agents])).order_by(Conversation.id))) if agents else []
    counts = anonymise(ids, dry_run, authors=("agent",))
    renamed = [a for a in agents if not a.external_key.startswith("erased-agent-")]
    if not dry_run:
        for agent in agents:
            agent.external_key, agent.user_id = f"erased-agent-{agent.id}", None
        if user is not None:
            user.agent_id = None
        db.session.flush()
    counts = counts + Counts(agents=len(renamed))
    audit.record("erase.agent", actor, object_type="agent", object_id=fingerprint(identifier, key),
                 details={"dry_run": dry_run, "user_id": user.id if user else None, **counts.to_dict()})
    db.session.commit()
    return counts
