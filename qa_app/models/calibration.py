"""Calibration sessions: supervisors score the same conversations blind, then compare and agree.

Calibration scores are not reviews: they never count toward an agent's quality score (the
dashboards read only `reviews`). An agreed score becomes a review only when the owner says so.
Permission questions, including "may this user see the others' scores yet?", are answered here.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .content import ContentVersion
from .conversation import Conversation
from .review import Review
from .user import Role, User, utcnow

CALIBRATION_STATUSES = ("open", "closed")


class CalibrationSession(db.Model):
    """A set of conversations some supervisors score blind with one scorecard version."""

    __tablename__ = "calibration_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    deadline: Mapped[datetime | None]  # UTC; a later submission is kept and marked late
    benchmark_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the gold rater, a participant
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # CALIBRATION_STATUSES
    anonymise: Mapped[bool] = mapped_column(default=True)  # participants see "Rater 1", not names
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    benchmark: Mapped[User | None] = relationship(foreign_keys=[benchmark_id])
    rubric_version: Mapped[ContentVersion] = relationship()
    items: Mapped[list[CalibrationItem]] = relationship(
        back_populates="session", order_by="CalibrationItem.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[CalibrationParticipant]] = relationship(
        back_populates="session", order_by="CalibrationParticipant.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def participant(self, user: User) -> CalibrationParticipant | None:
        return next((p for p in self.participants if p.user_id == user.id), None)

    def is_participant(self, user: User) -> bool:
        return self.participant(user) is not None

    def can_view(self, user: User) -> bool:
        """The owner, the participants and admins; nobody else learns the session exists."""
        return user.role == Role.ADMIN or user.id == self.owner_id or self.is_participant(user)

    def can_manage(self, user: User) -> bool:
        """The owner and admins close the session, write notes and agree the final scores."""
        return user.role == Role.ADMIN or user.id == self.owner_id

    def can_agree(self, user: User) -> bool:
        """Once scoring is closed, the owner and admins write the notes and the agreed scores."""
        return self.can_manage(user) and not self.is_open

    def can_score(self, user: User) -> bool:
        """Participants score while the session is open (after the deadline too: marked late)."""
        return self.is_open and self.is_participant(user)

    def has_submitted_all(self, user: User) -> bool:
        """Whether the user submitted a score for every conversation of the session."""
        mine = {s.item_id for item in self.items for s in item.scores if s.rater_id == user.id and s.submitted}
        return bool(self.items) and mine >= {item.id for item in self.items}

    def can_see_scores(self, user: User) -> bool:
        """Blindness: nobody sees others' scores until they have submitted all theirs, or the session is closed."""
        if not self.can_view(user):
            return False
        return not self.is_open or (self.is_participant(user) and self.has_submitted_all(user))

    def shows_names_to(self, user: User) -> bool:
        """The owner and admins see who gave which score; participants too unless anonymised."""
        return self.can_manage(user) or not self.anonymise

    def is_late(self, moment: datetime | None) -> bool:
        return moment is not None and self.deadline is not None and moment > self.deadline


class CalibrationParticipant(db.Model):
    """A supervisor or admin asked to score the session's conversations."""

    __tablename__ = "calibration_participants"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_calibration_participants_session_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[CalibrationSession] = relationship(back_populates="participants")
    user: Mapped[User] = relationship()


class CalibrationItem(db.Model):
    """One conversation of a session, with the discussion note and the score agreed after reveal."""

    __tablename__ = "calibration_items"
    __table_args__ = (
        UniqueConstraint("session_id", "conversation_id", name="uq_calibration_items_session_conversation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("calibration_sessions.id"), index=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    position: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)  # what the group agreed, in words
    # The agreed scores in ReviewRevision.scores_json's layout, and their overall.
    final_scores_json: Mapped[str | None] = mapped_column(Text)
    final_overall: Mapped[float | None]
    agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    agreed_at: Mapped[datetime | None]
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))  # when made the conversation's review

    session: Mapped[CalibrationSession] = relationship(back_populates="items")
    conversation: Mapped[Conversation] = relationship()
    agreed_by: Mapped[User | None] = relationship(foreign_keys=[agreed_by_id])
    review: Mapped[Review | None] = relationship()
    scores: Mapped[list[CalibrationScore]] = relationship(
        back_populates="item", order_by="CalibrationScore.id", cascade="all, delete-orphan"
    )

    @property
    def final_scores(self) -> dict[str, dict[str, Any]] | None:
        return json.loads(self.final_scores_json) if self.final_scores_json else None

    def score_of(self, user: User) -> CalibrationScore | None:
        return next((s for s in self.scores if s.rater_id == user.id), None)


class CalibrationScore(db.Model):
    """One participant's blind scorecard of one conversation; a draft until submitted, then final."""

    __tablename__ = "calibration_scores"
    __table_args__ = (UniqueConstraint("item_id", "rater_id", name="uq_calibration_scores_item_rater"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("calibration_items.id"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # {criterion id: {"score": float | null, "na": bool, "auto": null, "override_reason": null}}
    scores_json: Mapped[str | None] = mapped_column(Text)  # None while a draft
    overall: Mapped[float | None]
    auto_fail: Mapped[bool] = mapped_column(default=False)
    auto_fail_reason: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    draft_json: Mapped[str | None] = mapped_column(Text)  # the form as last posted, unchecked
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]

    item: Mapped[CalibrationItem] = relationship(back_populates="scores")
    rater: Mapped[User] = relationship()

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def scores(self) -> dict[str, dict[str, Any]]:
        return json.loads(self.scores_json) if self.scores_json else {}
