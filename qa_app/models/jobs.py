"""Background jobs (imports, AutoQA runs) as users see them: progress, chunks, outcome.

RQ keeps the queue in Redis; this table keeps what the browser shows and what a retry needs.
Progress is counted from finished chunks, so a retried chunk never counts (or scores) twice.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .user import Role, User, utcnow

JOB_KINDS = ("import", "autoqa")
JOB_STATUSES = ("queued", "running", "finished", "failed")


class BackgroundJob(db.Model):
    """One long piece of work a user started; `total`/`done` are in the job's own units."""

    __tablename__ = "background_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # JOB_KINDS
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # JOB_STATUSES
    rq_id: Mapped[str | None] = mapped_column(String(64))  # None when run inline
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    total: Mapped[int] = mapped_column(default=0)  # e.g. conversations to pre-score
    done: Mapped[int] = mapped_column(default=0)  # sum of finished chunks' sizes
    params_json: Mapped[str] = mapped_column(Text, default="{}")  # e.g. {"source": ..., "file": ...}
    result_json: Mapped[str | None] = mapped_column(Text)  # e.g. the import report
    error: Mapped[str | None] = mapped_column(Text)  # one line for people; details are logged

    created_by: Mapped[User | None] = relationship()
    chunks: Mapped[list[JobChunk]] = relationship(
        back_populates="job", order_by="JobChunk.index", cascade="all, delete-orphan"
    )

    @property
    def params(self) -> dict[str, Any]:
        return json.loads(self.params_json or "{}")

    @property
    def result(self) -> dict[str, Any] | None:
        return json.loads(self.result_json) if self.result_json else None

    @property
    def is_over(self) -> bool:
        return self.status in ("finished", "failed")

    def can_view(self, user: User) -> bool:
        """The user who started a job sees it; so do admins."""
        return user.id == self.created_by_id or user.role == Role.ADMIN


class JobChunk(db.Model):
    """A slice of a job (e.g. 50 conversation ids); finished in the same transaction as its work."""

    __tablename__ = "job_chunks"
    __table_args__ = (UniqueConstraint("job_id", "index", name="uq_job_chunks_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("background_jobs.id"), index=True)
    index: Mapped[int]
    size: Mapped[int]
    items_json: Mapped[str] = mapped_column(Text)  # the chunk's item ids, e.g. conversation ids
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending / done / failed (retries used up)
    attempts: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None]

    job: Mapped[BackgroundJob] = relationship(back_populates="chunks")
