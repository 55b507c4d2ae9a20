"""Per-learner practice figures for a supervisor's team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from ..models import Attempt, Role, User


@dataclass(frozen=True)
class LearnerRow:
    user: User
    attempts: int
    finished: int
    average: float | None
    last_active: datetime | None


def rows_for(viewer: User) -> list[LearnerRow]:
    """Return every learner the viewer oversees with their figures, in one query however many."""
    learners = (
        select(
            User,
            func.count(Attempt.id),
            func.count(Attempt.finished_at),
            func.avg(Attempt.overall),
            func.max(Attempt.started_at),
        )
        .outerjoin(Attempt, Attempt.user_id == User.id)
        .where(User.role == Role.LEARNER.value)
        .group_by(User.id)
        .order_by(User.name, User.id)
    )
    if viewer.role != Role.ADMIN:
        learners = learners.where(User.team_id == viewer.team_id, User.team_id.is_not(None))
    return [LearnerRow(user, attempts, finished, average, last)
            for user, attempts, finished, average, last in db.session.execute(learners)]
