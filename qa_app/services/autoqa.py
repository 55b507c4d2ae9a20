"""AutoQA: pre-score imported conversations with the supervisor scorecard's automatic criteria.

Every agent message is graded by the grading service in the context of the conversation so far
(the earlier messages as `history`, the time since the customer's unanswered message as
`response_time_s`), in the conversation's channel. A conversation's criterion score follows
`grading.scoring.session_overall`: accuracy is the last reply's (key points accumulate), the other
automatic criteria the mean over the replies; manual criteria stay null for a reviewer. Timestamps
give the first response and handling times; the customer's own words give `escalated` and
`customer_negative` (`grading.customer_signals`). Spam and system notifications are not scored.

Scoring is idempotent per (conversation, scorecard version): a conversation already scored is
skipped and its result returned. Nothing here commits: a job chunk commits the scores together
with its own "done" mark, so a retried chunk never scores twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..content import Rubric
from ..extensions import db
from ..grading.context import HistoryMessage
from ..grading.customer_signals import escalation_phrase, negative_phrase
from ..grading.engine import AUTO_LANGUAGE, Grader
from ..grading.results import GradeResult
from ..grading.scoring import session_overall
from ..grading.specs import LANGUAGES, RubricSpec
from ..models import AutoQAMessage, AutoQAResult, ContentVersion, Conversation, ConversationMessage
from . import content_store
from . import grading as grading_service

logger = logging.getLogger(__name__)

SCORECARD_ID = "supervisor-scorecard"
# How soon the first agent reply should come, by channel; phone turns have no reply timer.
FIRST_RESPONSE_TARGETS_S: dict[str, float | None] = {"chat": 60.0, "email": 24 * 3600.0, "social": 3600.0,
                                                      "phone": None}
MAX_HISTORY = grading_service.MAX_HISTORY_MESSAGES
_IN_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class Timing:
    """Figures from a conversation's timestamps, in seconds (None: not measurable)."""

    first_response_s: float | None
    first_response_target_s: float | None
    first_response_met: bool | None
    handling_s: float | None


def conversation_timing(messages: Sequence[tuple[str, datetime]], channel: str) -> Timing:
    """Return first response (first customer message to the first agent reply) and handling time.

    Handling time runs from the first message to the last, whoever wrote them. Bot replies are
    not an agent's response. Phone conversations have no reply timer, so no first response.
    """
    handling = (messages[-1][1] - messages[0][1]).total_seconds() if messages else None
    target = FIRST_RESPONSE_TARGETS_S.get(channel)
    if target is None:
        return Timing(None, None, None, handling)
    asked = next((at for author, at in messages if author == "customer"), None)
    reply = next((at for author, at in messages if author == "agent" and asked is not None and at >= asked), None)
    if asked is None or reply is None:
        return Timing(None, target, None, handling)
    first = (reply - asked).total_seconds()
    return Timing(first, target, first <= target, handling)


def response_times(messages: Sequence[tuple[str, datetime]], channel: str) -> list[float | None]:
    """Return, per message, how long an agent reply took after the customer's unanswered message.

    None for non-agent messages, for an agent's follow-up (an agent message already answered the
    customer), for a message the agent starts, and for every phone turn.
    """
    times: list[float | None] = []
    waiting_since: datetime | None = None
    for author, at in messages:
        if author == "customer":
            waiting_since = waiting_since or at
            times.append(None)
        elif author == "agent":
            measured = waiting_since is not None and FIRST_RESPONSE_TARGETS_S.get(channel) is not None
            times.append(max(0.0, (at - waiting_since).total_seconds()) if measured else None)
            waiting_since = None
        else:
            times.append(None)
    return times


def conversation_criteria(results: Sequence[GradeResult], rubric: RubricSpec) -> dict[str, float | None]:
    """Return every criterion's conversation score: as `session_overall` combines them; manual ones None."""
    scores: dict[str, float | None] = {}
    for spec in rubric.criteria:
        values = [c.score for r in results if (c := r.criterion(spec.id)) is not None and c.score is not None]
        if spec.is_manual or not values:
            scores[spec.id] = None
        else:
            scores[spec.id] = values[-1] if spec.scorer == "accuracy" else sum(values) / len(values)
    return scores


# ------------------------------------------------------------------ inside the app


def scorecard() -> tuple[Rubric, ContentVersion]:
    """Return the scorecard rubric now loaded and its stored version (stored on first use)."""
    rubric = content_store.library().rubric(SCORECARD_ID)
    return rubric, content_store.record_version("rubric", rubric)


def score_conversations(conversation_ids: Iterable[int], grader: Grader | None = None) -> list[AutoQAResult]:
    """Pre-score the conversations with the current scorecard; return their results, new and old.

    A conversation already scored with this scorecard version keeps its result; spam and system
    conversations are skipped (no result). Adds and flushes, never commits. Lets the engine's
    BackendUnavailable through, so the caller can retry the whole batch.
    """
    ids = sorted(set(conversation_ids))
    rubric, version = scorecard()
    grader = grader or grading_service.grader()
    existing = _existing_results(ids, version.id)
    results: list[AutoQAResult] = list(existing.values())
    for conversation in _load_conversations([i for i in ids if i not in existing]):
        if conversation.flag is not None:
            continue
        result = score_one(conversation, rubric, version, grader)
        db.session.add(result)
        results.append(result)
    db.session.flush()
    return results


def score_one(conversation: Conversation, rubric: Rubric, version: ContentVersion, grader: Grader) -> AutoQAResult:
    """Grade every agent message of one conversation and build its (unsaved) AutoQA result."""
    spec = rubric.spec
    moments = [(m.author, m.at) for m in conversation.messages]
    times = response_times(moments, conversation.channel)
    language = conversation.language if conversation.language in LANGUAGES else AUTO_LANGUAGE
    graded: list[tuple[ConversationMessage, GradeResult, float | None]] = []
    notices: list[str] = []
    for index, message in enumerate(conversation.messages):
        if message.author != "agent":
            continue
        history = tuple(HistoryMessage(m.author, m.text) for m in conversation.messages[max(0, index - MAX_HISTORY):index])
        try:
            outcome = grading_service.grade_with(message.text, None, rubric, grader, language, conversation.channel,
                                                 history, times[index])
        except grading_service.GradeRequestError as error:  # cannot be graded (e.g. no words): say so
            logger.warning("autoqa: conversation %s message %s not graded: %s", conversation.id, message.id, error)
            notices.append("autoqa.message_not_graded")
            continue
        graded.append((message, outcome.result, times[index]))
    grades = [grade for _, grade, _ in graded]
    customer_texts = [m.text for m in conversation.messages if m.author == "customer"]
    timing = conversation_timing(moments, conversation.channel)
    notices += [n for grade in grades for n in grade.notices]
    result = AutoQAResult(
        conversation_id=conversation.id,
        rubric_version_id=version.id,
        overall=session_overall(grades, spec),
        criteria_json=json.dumps(conversation_criteria(grades, spec)),
        first_response_s=timing.first_response_s,
        first_response_target_s=timing.first_response_target_s,
        first_response_met=timing.first_response_met,
        handling_s=timing.handling_s,
        escalated=escalation_phrase(customer_texts, conversation.language) is not None,
        customer_negative=negative_phrase(customer_texts, conversation.language) is not None,
        notices_json=json.dumps(list(dict.fromkeys(notices))),
    )
    result.messages = [
        AutoQAMessage(message_id=message.id, overall=grade.overall, response_time_s=seconds,
                      grade_json=json.dumps(grade.to_stored(), ensure_ascii=False))
        for message, grade, seconds in graded
    ]
    return result


def _existing_results(ids: list[int], version_id: int) -> dict[int, AutoQAResult]:
    found: dict[int, AutoQAResult] = {}
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start:start + _IN_CHUNK]
        found.update((r.conversation_id, r) for r in db.session.scalars(
            select(AutoQAResult).where(AutoQAResult.rubric_version_id == version_id,
                                       AutoQAResult.conversation_id.in_(chunk))))
    return found


def _load_conversations(ids: list[int]) -> list[Conversation]:
    loaded: list[Conversation] = []
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start:start + _IN_CHUNK]
        loaded += db.session.scalars(
            select(Conversation).where(Conversation.id.in_(chunk)).order_by(Conversation.id)
            .options(selectinload(Conversation.messages)))
    return loaded


def unscored_ids(source: str | None = None) -> list[int]:
    """Return the ids of conversations (not spam or system) without a result for the current scorecard."""
    _, version = scorecard()
    scored = select(AutoQAResult.conversation_id).where(AutoQAResult.rubric_version_id == version.id)
    query = select(Conversation.id).where(Conversation.flag.is_(None), Conversation.id.not_in(scored))
    if source is not None:
        query = query.where(Conversation.source == source)
    return list(db.session.scalars(query.order_by(Conversation.id)))


def count_unscored() -> int:
    """Count the conversations unscored with the current scorecard, without storing its version (a page view)."""
    rubric = content_store.library().rubric(SCORECARD_ID)
    version_id = db.session.scalar(select(ContentVersion.id).where(
        ContentVersion.kind == "rubric", ContentVersion.content_id == rubric.id,
        ContentVersion.version == rubric.version))
    query = select(func.count()).select_from(Conversation).where(Conversation.flag.is_(None))
    if version_id is not None:
        query = query.where(Conversation.id.not_in(
            select(AutoQAResult.conversation_id).where(AutoQAResult.rubric_version_id == version_id)))
    return db.session.scalar(query) or 0


def scorable_ids(source: str | None = None) -> list[int]:
    """Return the ids of every conversation AutoQA scores (not spam or system), optionally of one source."""
    query = select(Conversation.id).where(Conversation.flag.is_(None))
    if source is not None:
        query = query.where(Conversation.source == source)
    return list(db.session.scalars(query.order_by(Conversation.id)))


def latest_result(conversation_id: int) -> AutoQAResult | None:
    """Return the conversation's AutoQA result with the newest scorecard version, if any."""
    return db.session.scalars(
        select(AutoQAResult).where(AutoQAResult.conversation_id == conversation_id)
        .order_by(AutoQAResult.rubric_version_id.desc())).first()
