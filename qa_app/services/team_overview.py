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
    learners = select(User).where(User.role == Role.LEARNER.value).order_by(User.name)
    if viewer.role != Role.ADMIN:
        learners = learners.where(User.team_id == viewer.team_id, User.team_id.is_not(None))
    rows = []
    for learner in db.session.scalars(learners):
        stats = db.session.execute(
            select(
                func.count(Attempt.id),
                func.count(Attempt.finished_at),
                func.avg(Attempt.overall),
                func.max(Attempt.started_at),
            ).where(Attempt.user_id == learner.id)
        ).one()
        rows.append(LearnerRow(learner, stats[0], stats[1], stats[2], stats[3]))
    return rows
