"""Calibration sessions: create, score blind, close, agree the final scores, make them a review.

No Flask here. Conversations come from the owner's review queue or from the review queue's own
sampling code (`review.select_conversations`); scorecards are scored by reviewing's
`score_card`, so a calibration overall is computed exactly as a review's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import or_, select

from ...content import Rubric
from ...content.build import build_rubric
from ...extensions import db
from ...grading.specs import RubricSpec
from ...models import (
    SAMPLING_KINDS,
    CalibrationItem,
    CalibrationParticipant,
    CalibrationScore,
    CalibrationSession,
    ContentVersion,
    Conversation,
    Review,
    Role,
    SamplingRule,
    User,
    can_review_conversation,
    is_agent_of,
)
from ...models.user import utcnow
from .. import review as review_service
from ..review.scoring import (
    CriterionInput,
    ScoredCard,
    entries_from_stored,
    is_override,
    score_card,
)
from .errors import CalibrationInputError, CalibrationNotFound, CalibrationStateError

MIN_ITEMS, MAX_ITEMS = 2, 30
SAMPLE_KINDS = ("lowest_autoqa", "longest_handling", "escalated_negative")  # one-off samples by count
SOURCES = ("queue", "rule", *SAMPLE_KINDS)


@dataclass(frozen=True)
class SessionInput:
    """A new session as the owner fills it in.

    `source` is "queue" (the `conversation_ids` ticked in the owner's queue), "rule" (one of the
    owner's sampling rules, `rule_id`) or a sampling kind run once with `count` (not stored).
    """

    title: str
    participant_ids: tuple[int, ...]
    source: str = "queue"
    conversation_ids: tuple[int, ...] = ()
    rule_id: int | None = None
    count: int = 10
    deadline: datetime | None = None
    benchmark_id: int | None = None
    anonymise: bool = True
    seed: int = 0


# ------------------------------------------------------------------ loading with permissions


def load_session(session_id: int, user: User) -> CalibrationSession:
    """Return the session when the user may see it (owner, participant, admin); else not found."""
    session = db.session.get(CalibrationSession, session_id)
    if session is None or not session.can_view(user):
        raise CalibrationNotFound(f"calibration session {session_id}")
    return session


def load_item(session: CalibrationSession, item_id: int) -> CalibrationItem:
    item = next((i for i in session.items if i.id == item_id), None)
    if item is None:
        raise CalibrationNotFound(f"calibration item {item_id}")
    return item


def sessions_for(user: User) -> list[CalibrationSession]:
    """Sessions the user owns or scores in (admins: all), open ones first, newest first."""
    query = select(CalibrationSession)
    if user.role != Role.ADMIN:
        if not user.can_review():
            return []
        joined = select(CalibrationParticipant.session_id).where(CalibrationParticipant.user_id == user.id)
        query = query.where(or_(CalibrationSession.owner_id == user.id, CalibrationSession.id.in_(joined)))
    query = query.order_by(CalibrationSession.status.desc(), CalibrationSession.created_at.desc(),
                           CalibrationSession.id.desc())
    return list(db.session.scalars(query))


def participants_allowed(owner: User) -> list[User]:
    """Who may be asked to score: the supervisors and admins the owner may assign reviews to."""
    return review_service.reviewers_for(owner)


def session_rubric(session: CalibrationSession) -> Rubric:
    """The scorecard as it was when the session was made (its stored version)."""
    return build_rubric(json.loads(session.rubric_version.body_json))


def blind_spec(spec: RubricSpec) -> RubricSpec:
    """The scorecard for blind scoring: every criterion scored by the person, automatic ones may be N/A.

    Nobody sees AutoQA's pre-scores while calibrating (they would anchor the scores AutoQA is
    measured against); an automatic criterion without anything to judge (accuracy without a
    scenario, spelling on the phone) is marked N/A and drops out of the overall, as AutoQA's does.
    """
    criteria = tuple(c if c.is_manual else replace(c, scorer="manual", allow_na=True) for c in spec.criteria)
    return replace(spec, criteria=criteria)


# ------------------------------------------------------------------ creating


def create_session(owner: User, data: SessionInput, now: datetime | None = None) -> CalibrationSession:
    """Check and store a session with its conversations and participants."""
    if not owner.can_review():
        raise CalibrationNotFound("calibration sessions")
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "title_required"
    allowed = {u.id: u for u in participants_allowed(owner)}
    participants = [allowed[i] for i in dict.fromkeys(data.participant_ids) if i in allowed]
    if len(participants) != len(set(data.participant_ids)):
        errors["participants"] = "participant_not_allowed"
    elif len(participants) < 2:
        errors["participants"] = "participants_min"
    if data.benchmark_id is not None and data.benchmark_id not in {u.id for u in participants}:
        errors["benchmark"] = "benchmark_not_participant"
    moment = now or utcnow()
    if data.deadline is not None and data.deadline <= moment:
        errors["deadline"] = "deadline_past"
    conversations = [] if errors.get("source") else _chosen_conversations(owner, data, errors)
    conversations = [c for c in conversations if not any(is_agent_of(u, c) for u in participants)]
    if not {"source", "conversations", "rule", "count"} & errors.keys() and len(conversations) < MIN_ITEMS:
        errors["conversations"] = "conversations_min"
    if errors:
        raise CalibrationInputError(errors)
    version = _rubric_version(conversations)
    session = CalibrationSession(
        title=data.title.strip(), owner_id=owner.id, rubric_version_id=version.id, deadline=data.deadline,
        benchmark_id=data.benchmark_id, status="open", anonymise=data.anonymise, created_at=moment)
    session.items = [CalibrationItem(conversation_id=c.id, position=n) for n, c in enumerate(conversations[:MAX_ITEMS])]
    session.participants = [CalibrationParticipant(user_id=u.id, added_at=moment) for u in participants]
    db.session.add(session)
    db.session.commit()
    return session


def _chosen_conversations(owner: User, data: SessionInput, errors: dict[str, str]) -> list[Conversation]:
    if data.source not in SOURCES:
        errors["source"] = "unknown_source"
        return []
    if data.source == "queue":
        queued = {item.conversation.id: item.conversation for item in review_service.queue_for(owner)}
        picked = [queued[i] for i in dict.fromkeys(data.conversation_ids) if i in queued]
        if len(picked) != len(set(data.conversation_ids)):
            errors["conversations"] = "conversation_not_in_queue"
        return picked
    if not MIN_ITEMS <= data.count <= MAX_ITEMS:
        errors["count"] = "count_range"
        return []
    if data.source == "rule":
        rule = db.session.get(SamplingRule, data.rule_id) if data.rule_id is not None else None
        if rule is None or rule not in review_service.rules_for(owner):
            errors["rule"] = "rule_required"
            return []
    else:  # the queue's own sampling code, run once without storing a rule or assignments
        rule = SamplingRule(name="calibration", kind=data.source, params_json=json.dumps({"count": MAX_ITEMS * 2}),
                            team_id=None, created_by=owner, reviewer=owner, seed=data.seed, active=True)
        assert rule.kind in SAMPLING_KINDS
    picked = [c for c in review_service.select_conversations(rule) if can_review_conversation(owner, c)]
    if rule.id is None and rule in db.session:
        db.session.expunge(rule)
    return picked[: data.count]


def _rubric_version(conversations: Sequence[Conversation]) -> ContentVersion:
    """The scorecard version most of the conversations were pre-scored with (else the current one)."""
    versions = Counter(review_service.scorecard_for(c).version.id for c in conversations)
    return db.session.get(ContentVersion, versions.most_common(1)[0][0])


# ------------------------------------------------------------------ blind scoring


def score_of(item: CalibrationItem, user: User) -> CalibrationScore | None:
    return item.score_of(user)


def save_draft(session: CalibrationSession, item: CalibrationItem, rater: User,
               data: Mapping[str, str]) -> CalibrationScore:
    """Keep the half-filled scorecard as posted (unchecked: what was typed is never lost)."""
    score = _scorable(session, item, rater)
    score.draft_json = json.dumps(dict(data), ensure_ascii=False, sort_keys=True)
    score.updated_at = utcnow()
    db.session.commit()
    return score


def draft_data(score: CalibrationScore | None) -> dict[str, str]:
    if score is None or not score.draft_json:
        return {}
    data = json.loads(score.draft_json)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def submit_score(session: CalibrationSession, item: CalibrationItem, rater: User,
                 entries: Mapping[str, CriterionInput], comment: str | None = None,
                 auto_fail: str | None = None, now: datetime | None = None) -> CalibrationScore:
    """Score a conversation blind, once: a submitted calibration score is final (nobody adjusts
    theirs after seeing the others'). Late submissions (after the deadline) are kept and marked."""
    score = _scorable(session, item, rater)
    scored = score_card(blind_spec(session_rubric(session).spec), entries, None, None, auto_fail)
    _store(score, scored, comment)
    score.submitted_at = now or utcnow()
    score.draft_json = None
    db.session.commit()
    return score


def _scorable(session: CalibrationSession, item: CalibrationItem, rater: User) -> CalibrationScore:
    if not session.can_view(rater) or item.session_id != session.id:
        raise CalibrationNotFound(f"calibration session {session.id}")
    if not session.is_participant(rater):
        raise CalibrationNotFound(f"calibration session {session.id}")  # owners who do not score see no form
    if not session.is_open:
        raise CalibrationStateError("the session is closed: scores can no longer be given")
    score = item.score_of(rater)
    if score is not None and score.submitted:
        raise CalibrationStateError("you have scored this conversation already; calibration scores are final")
    if score is None:
        score = CalibrationScore(item=item, rater_id=rater.id)
        db.session.add(score)
    return score


def _store(score: CalibrationScore, scored: ScoredCard, comment: str | None) -> None:
    score.scores_json = json.dumps(scored.scores, ensure_ascii=False, sort_keys=True)
    score.overall = scored.overall
    score.auto_fail = scored.auto_failed
    score.auto_fail_reason = scored.auto_fail_reason
    score.comment = (comment or "").strip() or None


def next_item(session: CalibrationSession, rater: User) -> CalibrationItem | None:
    """The first conversation the rater has not submitted yet."""
    return next((i for i in session.items if not (i.score_of(rater) and i.score_of(rater).submitted)), None)


# ------------------------------------------------------------------ close, agree, review


def close_session(session: CalibrationSession, user: User, now: datetime | None = None) -> CalibrationSession:
    """Close scoring and reveal every score to the participants (the missing ones stay missing)."""
    if not session.can_manage(user):
        raise CalibrationNotFound(f"calibration session {session.id}")
    if not session.is_open:
        raise CalibrationStateError("the session is closed already")
    session.status = "closed"
    session.closed_at = now or utcnow()
    for score in [s for item in session.items for s in item.scores if not s.submitted]:
        db.session.delete(score)  # unsubmitted drafts are never revealed
    db.session.commit()
    return session


def save_agreement(session: CalibrationSession, item: CalibrationItem, user: User, note: str | None,
                   entries: Mapping[str, CriterionInput] | None, auto_fail: str | None = None,
                   now: datetime | None = None) -> CalibrationItem:
    """Keep the discussion note and, when scores are given, the agreed final scorecard."""
    if not session.can_manage(user) or item.session_id != session.id:
        raise CalibrationNotFound(f"calibration session {session.id}")
    if session.is_open:
        raise CalibrationStateError("close the session before agreeing the final scores")
    item.note = (note or "").strip() or None
    if entries is not None:
        scored = score_card(blind_spec(session_rubric(session).spec), entries, None, None, auto_fail)
        item.final_scores_json = json.dumps(scored.scores, ensure_ascii=False, sort_keys=True)
        item.final_overall = scored.overall
        item.agreed_by_id, item.agreed_at = user.id, now or utcnow()
    db.session.commit()
    return item


def make_review(session: CalibrationSession, item: CalibrationItem, user: User,
                now: datetime | None = None, reason: str | None = None) -> Review:
    """Make the agreed scores the conversation's review by `user`, through the review service.

    Where the agreed score of an automatic criterion differs from AutoQA's, the review records
    the session as the reason (`reason`, in the caller's language; English by default); a user who
    reviewed the conversation already gets a new revision.
    """
    if not session.can_manage(user) or item.session_id != session.id:
        raise CalibrationNotFound(f"calibration session {session.id}")
    if item.final_scores is None:
        raise CalibrationStateError("agree the final scores first")
    conversation = item.conversation
    card = review_service.scorecard_for(conversation)
    reason = reason or f"Agreed in calibration session “{session.title}”."
    entries, errors = {}, {}
    for cid, entry in entries_from_stored(item.final_scores).items():
        spec = card.rubric.spec.criterion(cid)
        if spec is not None and not spec.is_manual and entry.na:
            # The review form has no N/A for automatic criteria: "unscored" is its N/A when AutoQA
            # did not score either; otherwise the review would need a score.
            if card.auto.get(cid) is not None:
                errors[f"{cid}.na"] = "na_not_in_review"
            entry = CriterionInput()
        elif spec is not None and is_override(spec, entry, card.auto.get(cid)):
            entry = replace(entry, override_reason=reason)
        entries[cid] = entry
    if errors:
        raise CalibrationInputError(errors)
    existing = review_service.review_of(conversation, user)
    if existing is None:
        review = review_service.submit_review(conversation, user, entries, comment=item.note, now=now)
    else:
        review_service.revise_review(existing, user, entries, reason, comment=item.note, now=now)
        review = existing
    item.review_id = review.id
    db.session.commit()
    return review


@dataclass(frozen=True)
class Progress:
    """How far one participant is: submitted scorecards, of them late ones, and drafts."""

    participant: CalibrationParticipant
    number: int  # "Rater N" when names are hidden
    submitted: int
    late: int
    drafts: int


def progress(session: CalibrationSession) -> list[Progress]:
    rows = []
    for number, participant in enumerate(session.participants, start=1):
        mine = [s for item in session.items for s in item.scores if s.rater_id == participant.user_id]
        done = [s for s in mine if s.submitted]
        rows.append(Progress(participant, number, len(done), sum(1 for s in done if session.is_late(s.submitted_at)),
                             sum(1 for s in mine if not s.submitted)))
    return rows
