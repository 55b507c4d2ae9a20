"""Reviews of real conversations: the scorecard, drafts, submission and immutable revisions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from ...content import Rubric
from ...content.build import build_rubric
from ...extensions import db
from ...grading.results import AutoFail, Finding, GradeResult
from ...grading.specs import RubricSpec
from ...models import (
    AutoQAResult,
    ContentVersion,
    Conversation,
    Review,
    ReviewAssignment,
    ReviewDraft,
    ReviewRevision,
    User,
    can_review_conversation,
    is_agent_of,
)
from ...models.user import utcnow
from .. import audit, content_store
from .errors import ReviewInputError, ReviewNotFound, ReviewStateError
from .scoring import CriterionInput, ScoredCard, score_card

SCORECARD_RUBRIC = "supervisor-scorecard"
CHANGED_MEANWHILE = "the review was saved by someone else meanwhile: reload it and save again"


@event.listens_for(ReviewRevision, "before_update")
def _refuse_revision_update(mapper, connection, target) -> None:  # noqa: ARG001
    """A revision is never changed once stored: an edit is a new revision."""
    raise ReviewStateError("review revisions are immutable; add a new revision instead")


@dataclass(frozen=True)
class Scorecard:
    """The rubric version a conversation is reviewed with, and AutoQA's pre-scores for it."""

    rubric: Rubric
    version: ContentVersion
    autoqa: AutoQAResult | None
    auto: dict[str, float | None] = field(default_factory=dict)
    auto_findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    auto_fired: tuple[AutoFail, ...] = ()  # AutoQA rules that capped any agent message
    message_grades: dict[int, GradeResult] = field(default_factory=dict)  # by ConversationMessage.id

    def spec(self, lang: str) -> RubricSpec:
        return self.rubric.spec_in(lang)

    def score(self, entries: Mapping[str, CriterionInput], auto_fail: str | None = None) -> ScoredCard:
        return score_card(self.rubric.spec, entries, self.auto, self.auto_findings, auto_fail)


def latest_autoqa(conversation: Conversation) -> AutoQAResult | None:
    """Return the newest AutoQA result of the conversation, if it was pre-scored."""
    return db.session.scalars(
        select(AutoQAResult).where(AutoQAResult.conversation_id == conversation.id)
        .order_by(AutoQAResult.created_at.desc(), AutoQAResult.id.desc())
    ).first()


def scorecard_for(conversation: Conversation) -> Scorecard:
    """Use AutoQA's rubric version when there is one, else the current supervisor scorecard."""
    autoqa = latest_autoqa(conversation)
    if autoqa is not None:
        return _scorecard(autoqa.rubric_version, autoqa)
    rubric = content_store.library().rubrics_by_id.get(SCORECARD_RUBRIC)
    if rubric is None:
        raise ReviewStateError(f"rubric '{SCORECARD_RUBRIC}' is missing from the content library")
    return _scorecard(content_store.record_version("rubric", rubric), None, rubric)


def scorecard_of_review(review: Review) -> Scorecard:
    """The scorecard a review was made with, with the AutoQA result of that same version."""
    autoqa = db.session.scalars(
        select(AutoQAResult).where(
            AutoQAResult.conversation_id == review.conversation_id,
            AutoQAResult.rubric_version_id == review.rubric_version_id,
        )
    ).first()
    return _scorecard(review.rubric_version, autoqa)


def criterion_titles(version: ContentVersion, lang: str) -> dict[str, str]:
    """Return the criteria titles of a stored scorecard version in `lang`, by criterion id."""
    spec = build_rubric(json.loads(version.body_json)).spec_in(lang)
    return {criterion.id: criterion.title for criterion in spec.criteria}


def _scorecard(version: ContentVersion, autoqa: AutoQAResult | None, rubric: Rubric | None = None) -> Scorecard:
    rubric = rubric or build_rubric(json.loads(version.body_json))
    if autoqa is None:
        return Scorecard(rubric, version, None)
    grades = {m.message_id: GradeResult.from_stored(json.loads(m.grade_json)) for m in autoqa.messages}
    findings: dict[str, list[Finding]] = {}
    fired: dict[int, AutoFail] = {}
    for grade in grades.values():
        for criterion in grade.criteria:
            findings.setdefault(criterion.id, []).extend(criterion.findings)
        for rule in grade.auto_failed:
            fired.setdefault(rule.index, rule)
    auto = {c.id: autoqa.criteria.get(c.id) for c in rubric.spec.criteria if not c.is_manual}
    return Scorecard(rubric, version, autoqa, auto, {k: tuple(v) for k, v in findings.items()},
                     tuple(fired[i] for i in sorted(fired)), grades)


# ------------------------------------------------------------------ loading with permissions


def load_conversation(conversation_id: int, user: User) -> Conversation:
    """Return the conversation when the user may review it; otherwise ReviewNotFound."""
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or not can_review_conversation(user, conversation):
        raise ReviewNotFound(f"conversation {conversation_id}")
    return conversation


def load_review(review_id: int, user: User) -> Review:
    """Return the review when the user may see it (Review.can_view); otherwise ReviewNotFound."""
    review = db.session.get(Review, review_id)
    if review is None or not review.can_view(user):
        raise ReviewNotFound(f"review {review_id}")
    return review


def review_of(conversation: Conversation, reviewer: User) -> Review | None:
    return db.session.scalars(
        select(Review).where(Review.conversation_id == conversation.id, Review.reviewer_id == reviewer.id)
    ).first()


def reviews_of_conversation(conversation: Conversation) -> list[Review]:
    return list(db.session.scalars(
        select(Review).where(Review.conversation_id == conversation.id).order_by(Review.created_at)
    ))


def other_conversations_of_customer(conversation: Conversation, user: User) -> list[Conversation]:
    """The same customer's other conversations (any channel, any letter case, as FCR counts them) the
    user may review, newest first."""
    if not conversation.customer:
        return []
    others = db.session.scalars(
        select(Conversation).where(
            func.lower(Conversation.customer) == conversation.customer.lower(), Conversation.id != conversation.id
        ).order_by(Conversation.first_message_at.desc(), Conversation.id.desc()).limit(50)
    )
    return [c for c in others if can_review_conversation(user, c)]


# ------------------------------------------------------------------ drafts


def draft_for(conversation: Conversation, reviewer: User) -> ReviewDraft | None:
    return db.session.scalars(
        select(ReviewDraft).where(
            ReviewDraft.conversation_id == conversation.id, ReviewDraft.reviewer_id == reviewer.id
        )
    ).first()


def save_draft(conversation: Conversation, reviewer: User, data: Mapping[str, str],
               review: Review | None = None) -> ReviewDraft:
    """Keep the half-filled form as posted (nothing is checked: what was typed is never lost)."""
    if not can_review_conversation(reviewer, conversation) and not (review and review.can_revise(reviewer)):
        raise ReviewNotFound(f"conversation {conversation.id}")
    draft = draft_for(conversation, reviewer)
    if draft is None:
        draft = ReviewDraft(conversation_id=conversation.id, reviewer_id=reviewer.id, data_json="{}")
        db.session.add(draft)
    draft.data_json = json.dumps(dict(data), ensure_ascii=False, sort_keys=True)
    draft.review_id = review.id if review else None
    draft.updated_at = utcnow()
    db.session.commit()
    return draft


def draft_data(draft: ReviewDraft | None) -> dict[str, str]:
    if draft is None:
        return {}
    data = json.loads(draft.data_json or "{}")
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def discard_draft(conversation: Conversation, reviewer: User) -> None:
    draft = draft_for(conversation, reviewer)
    if draft is not None:
        db.session.delete(draft)


# ------------------------------------------------------------------ submit and revise


def submit_review(conversation: Conversation, reviewer: User, scores: Mapping[str, CriterionInput],
                  comment: str | None = None, auto_fail: str | None = None,
                  now: datetime | None = None) -> Review:
    """Create the review and its revision 1, mark the reviewer's assignment done, drop the draft.

    `auto_fail` is the reason when the reviewer fails the conversation (None: not failed).
    Raises ReviewNotFound (may not review), ReviewStateError (already reviewed by this reviewer:
    revise it) or ReviewInputError (field errors).
    """
    if not can_review_conversation(reviewer, conversation):
        raise ReviewNotFound(f"conversation {conversation.id}")
    if is_agent_of(reviewer, conversation):
        raise ReviewStateError("you handled this conversation: someone else reviews it")
    if review_of(conversation, reviewer) is not None:
        raise ReviewStateError("you have reviewed this conversation already: edit your review instead")
    card = scorecard_for(conversation)
    scored = card.score(scores, auto_fail)
    moment = now or utcnow()
    review = Review(conversation_id=conversation.id, reviewer_id=reviewer.id,
                    rubric_version_id=card.version.id, overall=scored.overall, created_at=moment)
    db.session.add(review)
    _add_revision(review, reviewer, scored, comment, None, moment)
    for assignment in db.session.scalars(select(ReviewAssignment).where(
            ReviewAssignment.conversation_id == conversation.id, ReviewAssignment.reviewer_id == reviewer.id,
            ReviewAssignment.status == "open")):
        assignment.status, assignment.done_at = "done", moment
    discard_draft(conversation, reviewer)
    audit.record("review.submit", reviewer, object_type="review", object_id=review.id, details={
        "conversation_id": conversation.id, "overall": scored.overall, "overrides": _overrides(scored.scores),
    })
    db.session.commit()
    return review


def revise_review(review: Review, author: User, scores: Mapping[str, CriterionInput], reason: str,
                  comment: str | None = None, auto_fail: str | None = None,
                  now: datetime | None = None, base: int | None = None) -> ReviewRevision:
    """Add revision N+1 with who, when and why; earlier revisions stay as they were.

    `base`: the revision number the author's form showed; if someone saved a revision since,
    ReviewStateError is raised instead of silently replacing theirs (as when two save at once).
    """
    if not review.can_revise(author):
        raise ReviewNotFound(f"review {review.id}")
    if base is not None and review.current.number != base:
        raise ReviewStateError(CHANGED_MEANWHILE)
    before = review.current
    revision = _revise(review, author, scores, reason, comment, auto_fail, now)
    discard_draft(review.conversation, author)
    record_revision(review, before, revision, author)
    db.session.commit()
    return revision


def _overrides(scores: Mapping[str, Mapping]) -> dict[str, dict]:
    """The criteria where the reviewer's score differs from AutoQA's: {id: {"auto", "score"}}."""
    return {cid: {"auto": entry.get("auto"), "score": entry.get("score")} for cid, entry in sorted(scores.items())
            if entry.get("auto") is not None and entry.get("score") != entry.get("auto")}


def record_revision(review: Review, before: ReviewRevision, after: ReviewRevision, author: User,
                    action: str = "review.revise", **extra) -> None:
    """Audit a new revision: the overall score and each changed criterion, before and after."""
    old, new = before.scores, after.scores
    changed = {cid: {"before": (old.get(cid) or {}).get("score"), "after": (new.get(cid) or {}).get("score")}
               for cid in sorted(set(old) | set(new)) if old.get(cid) != new.get(cid)}
    audit.record(action, author, object_type="review", object_id=review.id, reason=after.reason, details={
        "conversation_id": review.conversation_id, "revision": after.number,
        "overall": {"before": before.overall, "after": after.overall}, "changed": changed,
        "overrides": _overrides(new), **extra,
    })


def _revise(review: Review, author: User, scores: Mapping[str, CriterionInput], reason: str | None,
            comment: str | None, auto_fail: str | None, now: datetime | None) -> ReviewRevision:
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = "reason_required"
    try:
        scored = scorecard_of_review(review).score(scores, auto_fail)
    except ReviewInputError as error:
        raise ReviewInputError({**errors, **error.errors}) from None
    if errors:
        raise ReviewInputError(errors)
    review.overall = scored.overall
    return _add_revision(review, author, scored, comment, (reason or "").strip(), now or utcnow())


def _add_revision(review: Review, author: User, scored: ScoredCard, comment: str | None,
                  reason: str | None, moment: datetime) -> ReviewRevision:
    number = max((r.number for r in review.revisions), default=0) + 1
    revision = ReviewRevision(
        number=number, author_id=author.id, created_at=moment, reason=reason, overall=scored.overall,
        scores_json=json.dumps(scored.scores, ensure_ascii=False, sort_keys=True),
        auto_fail=scored.auto_failed, auto_fail_reason=scored.auto_fail_reason,
        comment=(comment or "").strip() or None,
    )
    review.revisions.append(revision)
    try:
        db.session.flush()
    except IntegrityError:  # another save took this number (or this review) first: it stands
        db.session.rollback()
        raise ReviewStateError(CHANGED_MEANWHILE) from None
    return revision


def fired_rules_of(review: Review, revision: ReviewRevision | None = None) -> tuple[AutoFail, ...]:
    """Return the rubric rules that capped a revision (recomputed with the same scoring code)."""
    from .scoring import entries_from_stored

    revision = revision or review.current
    card = scorecard_of_review(review)
    scored = score_card(card.rubric.spec, entries_from_stored(revision.scores), card.auto, card.auto_findings,
                        None)
    return scored.fired


# ------------------------------------------------------------------ agents


def acknowledge(review: Review, user: User, now: datetime | None = None) -> Review:
    """The agent the review is about confirms they have read it (again after a new revision)."""
    if not review.can_respond(user):
        raise ReviewNotFound(f"review {review.id}")
    review.acknowledged_at = now or utcnow()
    db.session.commit()
    return review


def needs_acknowledgement(review: Review) -> bool:
    """Tell whether the newest revision is newer than the agent's acknowledgement."""
    return review.acknowledged_at is None or review.acknowledged_at < review.current.created_at


def reviews_for_agent(user: User) -> list[Review]:
    """Reviews of conversations handled by the agent records linked to `user`, newest first."""
    from .access import own_conversations

    return list(db.session.scalars(
        select(Review).join(Review.conversation).where(own_conversations(user))
        .order_by(Review.created_at.desc(), Review.id.desc())
    ))
