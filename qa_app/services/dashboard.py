"""What the home page shows each role."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from ..extensions import db
from ..models import Attempt, User
from . import content_store, progress
from .practice import LEFT


@dataclass
class HomeSummary:
    scenario_count: int = 0
    rubric_count: int = 0
    my_attempts: int = 0
    my_finished: int = 0
    my_average: float | None = None
    team_name: str | None = None
    team_members: int = 0
    recent_attempts: list[Attempt] = field(default_factory=list)
    recent_titles: dict[int, str] = field(default_factory=dict)  # attempt id -> scenario title
    assigned: list[progress.ScenarioCard] = field(default_factory=list)


def summary_for(user: User, lang: str = "fi") -> HomeSummary:
    """Count the user's practice and list recent sessions and the team's assignments, in `lang`."""
    library = content_store.library()
    summary = HomeSummary(scenario_count=len(library.scenarios()), rubric_count=len(library.rubrics()))
    summary.my_attempts = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.user_id == user.id)) or 0
    # A session the learner left unfinished (to start anew) is not one they finished.
    finished = select(Attempt).where(
        Attempt.user_id == user.id, Attempt.status == "finished", Attempt.outcome != LEFT
    )
    summary.my_finished = db.session.scalar(select(func.count()).select_from(finished.subquery())) or 0
    summary.my_average = db.session.scalar(
        select(func.avg(Attempt.overall)).where(Attempt.user_id == user.id, Attempt.overall.is_not(None))
    )
    summary.recent_attempts = list(
        db.session.scalars(
            select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.started_at.desc()).limit(5)
        )
    )
    summary.recent_titles = {a.id: progress.scenario_title(a, lang) for a in summary.recent_attempts}
    summary.assigned = [card for card in progress.catalogue(user, {}, lang) if card.assigned]
    if user.team is not None:
        summary.team_name = user.team.name
        summary.team_members = len(user.team.members)
    return summary
