"""The review side: AutoQA pre-scores, sampling rules, assignments, reviews with revisions,
drafts, acknowledgements and disputes. Permission questions are answered here."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .content import ContentVersion
from .conversation import Conversation, ConversationMessage
from .user import Role, Team, User, utcnow

SAMPLING_KINDS = ("random_share", "lowest_autoqa", "longest_handling", "escalated_negative")
DISPUTE_STATUSES = ("open", "accepted", "rejected")


def can_review_conversation(user: User, conversation: Conversation) -> bool:
    """Admins review every conversation; supervisors those of their team's agents and of agents
    not yet linked to a user (someone must link them); nobody else reviews."""
    if user.role == Role.ADMIN:
        return True
    if not user.can_review():
        return False
    agent_user = conversation.agent.user if conversation.agent else None
    if agent_user is None:
        return True
    return user.team_id is not None and agent_user.team_id == user.team_id


def is_agent_of(user: User, conversation: Conversation) -> bool:
    """A user linked to the conversation's agent record, whatever their role."""
    return conversation.agent is not None and conversation.agent.user_id == user.id


class AutoQAResult(db.Model):
    """The automatic pre-score of one conversation with one scorecard version."""

    __tablename__ = "autoqa_results"
    __table_args__ = (
        UniqueConstraint("conversation_id", "rubric_version_id", name="uq_autoqa_results_conversation_rubric"),
        # The newest result of a conversation (max id) and, on PostgreSQL, the dashboard's columns
        # read from the index alone (migration 0007).
        Index("ix_autoqa_results_conversation_id_id", "conversation_id", "id",
              postgresql_include=["overall", "first_response_met", "first_response_target_s", "created_at"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"))
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    overall: Mapped[float | None] = mapped_column(index=True)
    criteria_json: Mapped[str] = mapped_column(Text, default="{}")  # {criterion id: score | null}
    # Figures from timestamps, in seconds; the target is the channel's (None: no reply timer).
    first_response_s: Mapped[float | None]
    first_response_target_s: Mapped[float | None]
    first_response_met: Mapped[bool | None]
    handling_s: Mapped[float | None] = mapped_column(index=True)
    escalated: Mapped[bool] = mapped_column(default=False)  # the customer asked for a manager, complaint...
    customer_negative: Mapped[bool] = mapped_column(default=False)  # the customer's tone was negative
    notices_json: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    rubric_version: Mapped[ContentVersion] = relationship()
    messages: Mapped[list[AutoQAMessage]] = relationship(
        back_populates="autoqa", cascade="all, delete-orphan", order_by="AutoQAMessage.message_id"
    )

    @property
    def criteria(self) -> dict[str, float | None]:
        return json.loads(self.criteria_json or "{}")


class AutoQAMessage(db.Model):
    """One agent message graded in the context of the conversation so far; findings keep spans."""

    __tablename__ = "autoqa_messages"
    __table_args__ = (UniqueConstraint("autoqa_id", "message_id", name="uq_autoqa_messages_message"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    autoqa_id: Mapped[int] = mapped_column(ForeignKey("autoqa_results.id"), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("conversation_messages.id"), index=True)
    overall: Mapped[float | None]
    response_time_s: Mapped[float | None]
    grade_json: Mapped[str] = mapped_column(Text)  # GradeResult.to_stored()

    autoqa: Mapped[AutoQAResult] = relationship(back_populates="messages")
    message: Mapped[ConversationMessage] = relationship()


class SamplingRule(db.Model):
    """A supervisor's rule that fills the review queue, e.g. 10 % per agent per week."""

    __tablename__ = "sampling_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(30))  # SAMPLING_KINDS
    # random_share: {"share": 0.1}; lowest_autoqa / longest_handling: {"count": 20};
    # escalated_negative: {}. Optional filters: {"channel": "email"}.
    params_json: Mapped[str] = mapped_column(Text, default="{}")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the creator
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    active: Mapped[bool] = mapped_column(default=True)
    seed: Mapped[int] = mapped_column(default=0)  # random sampling is reproducible per rule
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team | None] = relationship()
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.params_json or "{}")

    def can_manage(self, user: User) -> bool:
        """Admins manage every rule; supervisors their team's rules and the ones they made."""
        if user.role == Role.ADMIN:
            return True
        if not user.can_review():
            return False
        return self.created_by_id == user.id or (user.team_id is not None and self.team_id == user.team_id)


class ReviewAssignment(db.Model):
    """A conversation in a reviewer's queue; done when the reviewer submits a review of it."""

    __tablename__ = "review_assignments"
    __table_args__ = (
        UniqueConstraint("conversation_id", "reviewer_id", name="uq_review_assignments_conversation_reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("sampling_rules.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open / done
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship()
    reviewer: Mapped[User] = relationship()
    rule: Mapped[SamplingRule | None] = relationship()


class Review(db.Model):
    """A reviewer's scorecard of one conversation. Never changed once submitted: every edit is a
    new ReviewRevision; the newest revision is the review's score."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("conversation_id", "reviewer_id", name="uq_reviews_conversation_reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Denormalised from the newest revision, for queues and dashboards.
    overall: Mapped[float | None] = mapped_column(index=True)
    acknowledged_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship()
    reviewer: Mapped[User] = relationship()
    rubric_version: Mapped[ContentVersion] = relationship()
    revisions: Mapped[list[ReviewRevision]] = relationship(
        back_populates="review", order_by="ReviewRevision.number", cascade="all, delete-orphan"
    )
    disputes: Mapped[list[Dispute]] = relationship(
        back_populates="review", order_by="Dispute.created_at", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> ReviewRevision:
        return self.revisions[-1]

    def can_view(self, user: User) -> bool:
        """The reviewer, the agent the review is about, the agent's supervisors and admins."""
        return (user.id == self.reviewer_id or is_agent_of(user, self.conversation)
                or can_review_conversation(user, self.conversation))

    def can_revise(self, user: User) -> bool:
        return user.id == self.reviewer_id or can_review_conversation(user, self.conversation)

    def is_reviewer(self, user: User) -> bool:
        """Whether `user` wrote this review (their review page edits it; others start their own)."""
        return user.id == self.reviewer_id

    def can_respond(self, user: User) -> bool:
        """Only the agent the review is about acknowledges it or disputes a criterion."""
        return is_agent_of(user, self.conversation)


class ReviewRevision(db.Model):
    """One immutable state of a review: scores, N/A, overrides with reasons, auto-fail, comment."""

    __tablename__ = "review_revisions"
    __table_args__ = (UniqueConstraint("review_id", "number", name="uq_review_revisions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    number: Mapped[int]  # 1 for the first submission
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)  # why it changed; required from number 2
    overall: Mapped[float | None]
    # {criterion id: {"score": float | null, "na": bool, "auto": float | null,
    #                 "override_reason": str | null}}
    scores_json: Mapped[str] = mapped_column(Text)
    auto_fail: Mapped[bool] = mapped_column(default=False)
    auto_fail_reason: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)

    review: Mapped[Review] = relationship(back_populates="revisions")
    author: Mapped[User] = relationship()

    @property
    def scores(self) -> dict[str, dict[str, Any]]:
        return json.loads(self.scores_json)


class ReviewDraft(db.Model):
    """A half-filled scorecard, kept per reviewer and conversation until submitted."""

    __tablename__ = "review_drafts"
    __table_args__ = (
        UniqueConstraint("conversation_id", "reviewer_id", name="uq_review_drafts_conversation_reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))  # set when editing a review
    data_json: Mapped[str] = mapped_column(Text)  # the form's fields as posted
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Dispute(db.Model):
    """An agent disputes one criterion of a review; a supervisor accepts (new revision) or rejects."""

    __tablename__ = "review_disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    criterion_id: Mapped[str] = mapped_column(String(120))
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    comment: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # DISPUTE_STATUSES
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None]
    resolution_reason: Mapped[str | None] = mapped_column(Text)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("review_revisions.id"))  # when accepted

    review: Mapped[Review] = relationship(back_populates="disputes")
    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    revision: Mapped[ReviewRevision | None] = relationship()

    def can_resolve(self, user: User) -> bool:
        """A supervisor of the conversation decides, never the agent who raised it."""
        conversation = self.review.conversation
        return can_review_conversation(user, conversation) and not is_agent_of(user, conversation)

    def can_view(self, user: User) -> bool:
        """Whoever may resolve the dispute or see its review."""
        return self.can_resolve(user) or self.review.can_view(user)
