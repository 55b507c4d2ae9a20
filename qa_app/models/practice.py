"""Role-play practice: assignments, attempts and their graded turns."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .content import ContentVersion
from .user import Team, User, utcnow


class Assignment(db.Model):
    """A scenario a trainer assigned to a team or to one learner, with a due date and a minimum score.

    Exactly one of `team_id` and `user_id` is set. A learner has done an assignment when one of
    their finished attempts at the scenario, started after it was assigned, reaches `min_score`
    (any finished attempt when there is no minimum).
    """

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    scenario_id: Mapped[str] = mapped_column(String(120), index=True)
    due_date: Mapped[date | None]
    min_score: Mapped[int | None]  # 0–100; None: finishing is enough
    note: Mapped[str | None] = mapped_column(Text)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[Team | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])

    def applies_to(self, user: User) -> bool:
        """Return whether `user` is one of the learners this assignment is for."""
        if self.user_id is not None:
            return self.user_id == user.id
        return self.team_id is not None and self.team_id == user.team_id

    def can_view(self, user: User) -> bool:
        """Trainers and admins see every assignment; a supervisor their team's; a learner theirs."""
        if user.can_author():
            return True
        if user.can_review():
            target_team = self.team_id if self.user is None else self.user.team_id
            return target_team is not None and target_team == user.team_id
        return self.applies_to(user)

    def can_manage(self, user: User) -> bool:
        """Only trainers and admins change or remove assignments."""
        return user.can_author()


class SampleAnswer(db.Model):
    """An answer a trainer keeps beside a scenario, to see how each version grades it (Try it)."""

    __tablename__ = "sample_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(120), index=True)
    turn_id: Mapped[str | None] = mapped_column(String(120))  # None: the opening message
    label: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    # What the trainer expects: "strong", "weak" or None (just a sample).
    expectation: Mapped[str | None] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()


class Attempt(db.Model):
    """One learner playing one scenario version from the opening to an outcome."""

    __tablename__ = "attempts"
    # A learner's attempts in time order (progress); every learner's attempts since an assignment
    # was made (assignment reports). Migration 0007.
    __table_args__ = (Index("ix_attempts_user_id_started_at", "user_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scenario_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    rubric_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id"))
    status: Mapped[str] = mapped_column(String(20), default="in_progress")  # in_progress/finished
    current_turn_id: Mapped[str | None] = mapped_column(String(120))
    # When the current customer message was first shown: the reply time is measured from here.
    current_turn_shown_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))  # resolved/escalated/abandoned/completed
    overall: Mapped[float | None]
    ui_lang: Mapped[str] = mapped_column(String(5), default="fi")
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    scenario_version: Mapped[ContentVersion] = relationship(foreign_keys=[scenario_version_id])
    rubric_version: Mapped[ContentVersion] = relationship(foreign_keys=[rubric_version_id])
    turns: Mapped[list[AttemptTurn]] = relationship(
        back_populates="attempt", order_by="AttemptTurn.index", cascade="all, delete-orphan"
    )

    @property
    def is_finished(self) -> bool:
        return self.status == "finished"

    def can_view(self, user: User) -> bool:
        return user.can_view_work_of(self.user)

    def is_learner(self, user: User) -> bool:
        """Whether `user` is the learner who started the attempt (the only one who replies in it)."""
        return user.id == self.user_id

    def can_play(self, user: User) -> bool:
        """Only the learner who started an attempt may reply in it, while it is open."""
        return self.is_learner(user) and not self.is_finished


class AttemptTurn(db.Model):
    """A customer message, the learner's reply to it, the grade and the time taken."""

    __tablename__ = "attempt_turns"
    __table_args__ = (
        UniqueConstraint("attempt_id", "index", name="uq_attempt_turns_position"),
        UniqueConstraint("attempt_id", "submission_key", name="uq_attempt_turns_submission"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    index: Mapped[int]
    turn_id: Mapped[str] = mapped_column(String(120))
    customer_message: Mapped[str] = mapped_column(Text)
    customer_mood: Mapped[str | None] = mapped_column(String(20))
    reply_text: Mapped[str] = mapped_column(Text)
    # A random key per rendered reply form: a double submit carries the same key, so no duplicate.
    submission_key: Mapped[str] = mapped_column(String(64))
    shown_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    time_taken_s: Mapped[float | None]
    overall: Mapped[float | None]
    grade_json: Mapped[str] = mapped_column(Text)
    next_turn_id: Mapped[str | None] = mapped_column(String(120))

    attempt: Mapped[Attempt] = relationship(back_populates="turns")
