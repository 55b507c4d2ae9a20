"""Agents dispute one criterion of a review; a supervisor accepts (a new revision) or rejects it."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from ...extensions import db
from ...models import Dispute, Review, User
from ...models.user import utcnow
from .. import audit
from .access import reviewable_conversations
from .errors import ReviewInputError, ReviewNotFound, ReviewStateError
from .scorecards import _revise, record_revision
from .scoring import entries_from_stored

DISPUTE_FILTERS = ("open", "closed", "all")


def raise_dispute(review: Review, agent_user: User, criterion_id: str, comment: str,
                  now: datetime | None = None) -> Dispute:
    """The agent the review is about disputes one criterion of its newest revision, saying why."""
    if not review.can_respond(agent_user):
        raise ReviewNotFound(f"review {review.id}")
    errors = {}
    if criterion_id not in review.current.scores:
        errors["criterion"] = "unknown_criterion"
    if not (comment or "").strip():
        errors["comment"] = "comment_required"
    if errors:
        raise ReviewInputError(errors)
    if any(d.status == "open" and d.criterion_id == criterion_id for d in review.disputes):
        raise ReviewStateError("this criterion is already disputed and waits for a decision")
    dispute = Dispute(review=review, criterion_id=criterion_id, raised_by_id=agent_user.id,
                      comment=comment.strip(), created_at=now or utcnow(), status="open")
    db.session.add(dispute)
    db.session.flush()
    audit.record("dispute.raise", agent_user, object_type="dispute", object_id=dispute.id,
                 details={"review_id": review.id, "criterion": criterion_id})
    db.session.commit()
    return dispute


def resolve_dispute(dispute: Dispute, supervisor: User, accept: bool, reason: str | None = None,
                    new_score: float | None = None, now: datetime | None = None) -> Dispute:
    """Accept with the changed score (a new revision, the dispute as its reason) or reject with a reason."""
    if not dispute.can_resolve(supervisor):
        raise ReviewNotFound(f"dispute {dispute.id}")
    if dispute.status != "open":
        raise ReviewStateError("this dispute has been decided already")
    reason = (reason or "").strip()
    moment = now or utcnow()
    if accept:
        if new_score is None or math.isnan(new_score) or not 0 <= new_score <= 100:
            raise ReviewInputError({"new_score": "score_required" if new_score is None else "score_range"})
        review = dispute.review
        entries = entries_from_stored(review.current.scores)
        old = entries[dispute.criterion_id]
        entries[dispute.criterion_id] = replace(old, score=float(new_score), na=False,
                                                override_reason=old.override_reason or dispute.comment)
        why = f"{dispute.comment}\n\n{reason}" if reason else dispute.comment
        before = review.current
        revision = _revise(review, supervisor, entries, why, review.current.comment,
                           review.current.auto_fail_reason, moment)
        record_revision(review, before, revision, supervisor, "dispute.accept", dispute_id=dispute.id,
                        criterion=dispute.criterion_id)
        dispute.revision = revision
        dispute.status = "accepted"
    else:
        if not reason:
            raise ReviewInputError({"reason": "reason_required"})
        dispute.status = "rejected"
        audit.record("dispute.reject", supervisor, object_type="review", object_id=dispute.review_id,
                     reason=reason, details={"dispute_id": dispute.id, "criterion": dispute.criterion_id})
    dispute.resolved_by_id = supervisor.id
    dispute.resolved_at = moment
    dispute.resolution_reason = reason or None
    db.session.commit()
    return dispute


def load_dispute(dispute_id: int, user: User) -> Dispute:
    dispute = db.session.get(Dispute, dispute_id)
    if dispute is None or not dispute.can_view(user):
        raise ReviewNotFound(f"dispute {dispute_id}")
    return dispute


def disputes_for(user: User, status: str = "open") -> list[Dispute]:
    """Disputes on reviews of conversations the supervisor may review: open, closed or all."""
    query = (select(Dispute).join(Dispute.review).join(Review.conversation)
             .where(reviewable_conversations(user)))
    if status == "open":
        query = query.where(Dispute.status == "open").order_by(Dispute.created_at, Dispute.id)
    elif status == "closed":
        query = query.where(Dispute.status != "open").order_by(Dispute.resolved_at.desc(), Dispute.id.desc())
    else:
        query = query.order_by(Dispute.created_at.desc(), Dispute.id.desc())
    return [d for d in db.session.scalars(query) if d.can_resolve(user)]


def open_dispute_count(user: User) -> int:
    return len(disputes_for(user, "open"))

