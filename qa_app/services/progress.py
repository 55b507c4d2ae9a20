"""What a learner has practised: the scenario catalogue with their results, and their progress."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..content import Rubric, Scenario
from ..content.build import build_rubric
from ..extensions import db
from ..models import Assignment, Attempt, ContentVersion, User
from . import content_store
from .authoring import assignments
from .authoring.assignments import LearnerStatus
from .practice import LEFT, load_grade

LANGUAGE_LABELS = {"fi": _l("Finnish"), "en": _l("English"), "sv": _l("Swedish")}
CHANNEL_LABELS = {
    "chat": _l("Chat"),
    "email": _l("Email"),
    "social": _l("Social media"),
    "phone": _l("Phone"),
}
DIFFICULTY_LABELS = {"easy": _l("Easy"), "medium": _l("Medium"), "hard": _l("Hard")}
MOOD_LABELS = {
    "calm": _l("Calm"),
    "frustrated": _l("Frustrated"),
    "angry": _l("Angry"),
    "anxious": _l("Anxious"),
    "sarcastic": _l("Sarcastic"),
    "rambling": _l("Rambling"),
    "confused": _l("Confused"),
}
SEVERITY_LABELS = {
    "error": _l("Error"),
    "warning": _l("Warning"),
    "info": _l("Tip"),
    "credit": _l("Well done"),
}
OUTCOME_LABELS = {
    "resolved": _l("Resolved"),
    "escalated": _l("Escalated"),
    "abandoned": _l("Customer gave up"),
    "completed": _l("Completed"),
    LEFT: _l("Left unfinished"),
}


@dataclass
class ScenarioCard:
    """One scenario in the catalogue, with the learner's own results."""

    scenario: Scenario
    title: str
    attempts: int = 0
    best: float | None = None
    open_attempt_id: int | None = None
    due_date: date | None = None
    assigned: bool = False
    assignment: Assignment | None = None  # the most pressing assignment of this scenario
    assignment_status: LearnerStatus | None = None

    @property
    def overdue(self) -> bool:
        if self.assignment_status is not None:
            return self.assignment_status.status == assignments.OVERDUE
        return self.due_date is not None and self.due_date < date.today() and self.best is None


@dataclass(frozen=True)
class HistoryRow:
    attempt: Attempt
    scenario_title: str
    finished_at: datetime
    overall: float | None
    outcome: str | None
    criteria: Mapping[str, float | None]


@dataclass(frozen=True)
class BestRow:
    scenario_id: str
    title: str
    best: float | None
    attempts: int
    last: datetime | None
    best_attempt_id: int | None


@dataclass(frozen=True)
class AssignedScenario:
    assignment: Assignment
    status: LearnerStatus
    title: str


@dataclass
class Progress:
    history: list[HistoryRow]
    criteria: list[tuple[str, str]]  # (id, localised title), in rubric order
    bests: list[BestRow]
    chart: dict[str, Any] = field(default_factory=dict)  # the chart's x labels come from `charted`
    # The learner's assignments with their status, not done first, then by due date.
    assignments: list[AssignedScenario] = field(default_factory=list)

    @property
    def charted(self) -> list[HistoryRow]:
        """The sessions drawn in the chart: those with a score (a session left before any reply has none)."""
        return [row for row in self.history if row.overall is not None]


def catalogue(user: User, filters: Mapping[str, str], lang: str) -> list[ScenarioCard]:
    """List the scenarios matching `filters`: the team's assignments first (by due date), then by title."""
    scenarios = [s for s in content_store.library().scenarios() if _matches(s, filters)]
    due = _assignments(user)
    stats = _attempt_stats(user)
    cards = []
    for scenario in scenarios:
        assignment, status = due.get(scenario.id, (None, None))
        card = ScenarioCard(
            scenario,
            scenario.title(lang),
            assigned=assignment is not None,
            due_date=assignment.due_date if assignment else None,
            assignment=assignment,
            assignment_status=status,
        )
        card.attempts, card.best, card.open_attempt_id = stats.get(scenario.id, (0, None, None))
        cards.append(card)
    cards.sort(key=lambda c: (not c.assigned, c.due_date or date.max, c.title.casefold()))
    return cards


def _matches(scenario: Scenario, filters: Mapping[str, str]) -> bool:
    wanted = {
        "lang": scenario.language,
        "channel": scenario.channel,
        "difficulty": scenario.difficulty,
        "mood": scenario.persona.mood,
    }
    return all(not filters.get(key) or filters[key] == value for key, value in wanted.items())


def _assignments(user: User) -> dict[str, tuple[Assignment, LearnerStatus]]:
    """Map scenario id to the user's most pressing assignment of it (team or personal) and its status.

    Not done comes before done, then the earliest due date.
    """
    pressing: dict[str, tuple[Assignment, LearnerStatus]] = {}
    for assignment, status in assignments.learner_assignments(user):
        current = pressing.get(assignment.scenario_id)
        if current is None or _urgency(assignment, status) < _urgency(*current):
            pressing[assignment.scenario_id] = (assignment, status)
    return pressing


def _assigned(user: User, lang: str) -> list[AssignedScenario]:
    """The user's assignments, not done first, then by due date, with titles in `lang`."""
    found = content_store.library().scenarios_by_id
    rows = sorted(assignments.learner_assignments(user), key=lambda pair: _urgency(*pair))
    return [
        AssignedScenario(
            a, status, found[a.scenario_id].title(lang) if a.scenario_id in found else a.scenario_id
        )
        for a, status in rows
    ]


def _urgency(assignment: Assignment, status: LearnerStatus) -> tuple[bool, date]:
    return (status.status == assignments.DONE, assignment.due_date or date.max)


def _attempt_stats(user: User) -> dict[str, tuple[int, float | None, int | None]]:
    """Map scenario id to (attempt count, best finished score, latest unfinished attempt id).

    A session the learner left unfinished does not count as a best (or as an assignment done).
    """
    rows = db.session.execute(
        select(ContentVersion.content_id, Attempt.id, Attempt.status, Attempt.outcome, Attempt.overall)
        .join(Attempt.scenario_version)
        .where(Attempt.user_id == user.id)
        .order_by(Attempt.started_at, Attempt.id)
    )
    stats: dict[str, tuple[int, float | None, int | None]] = {}
    for scenario_id, attempt_id, status, outcome, overall in rows:
        count, best, open_id = stats.get(scenario_id, (0, None, None))
        if status == "finished" and outcome != LEFT and overall is not None:
            best = overall if best is None else max(best, overall)
        if status != "finished":
            open_id = attempt_id
        stats[scenario_id] = (count + 1, best, open_id)
    return stats


def progress(user: User, lang: str) -> Progress:
    """Collect the learner's finished attempts with per-criterion scores, for a chart and tables."""
    attempts = list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.user_id == user.id, Attempt.status == "finished")
            .order_by(Attempt.finished_at, Attempt.id)
            .options(selectinload(Attempt.turns), selectinload(Attempt.scenario_version))
        )
    )
    rubrics: dict[int, Rubric | None] = {}  # one rebuilt rubric per stored version
    titles: dict[str, str] = {}
    history = []
    for attempt in attempts:
        if attempt.rubric_version_id not in rubrics:
            rubrics[attempt.rubric_version_id] = _rubric_of(attempt)
        rubric = rubrics[attempt.rubric_version_id]
        scores = _criterion_scores(attempt, rubric, lang, titles)
        history.append(
            HistoryRow(
                attempt,
                scenario_title(attempt, lang),
                attempt.finished_at or attempt.started_at,
                attempt.overall,
                attempt.outcome,
                scores,
            )
        )
    criteria = list(titles.items())
    result = Progress(history, criteria, _bests(history))
    result.chart = _chart(result.charted, criteria, lang)
    result.assignments = _assigned(user, lang)
    return result


def _rubric_of(attempt: Attempt) -> Rubric | None:
    try:
        data = json.loads(attempt.rubric_version.body_json)
        return build_rubric(data) if isinstance(data, dict) else None
    except (ValueError, KeyError, TypeError):  # an unreadable old snapshot only costs the titles
        return None


def _criterion_scores(
    attempt: Attempt, rubric: Rubric | None, lang: str, titles: dict[str, str]
) -> dict:
    """Average each criterion over the attempt's turns, noting localised titles as they appear."""
    spec = rubric.spec_in(lang) if rubric else None
    collected: dict[str, list[float]] = {}
    for played in attempt.turns:
        for item in load_grade(played).criteria:
            titles.setdefault(item.id, item.display_title(spec))
            collected.setdefault(item.id, [])
            if item.score is not None:
                collected[item.id].append(item.score)
    return {key: (round(sum(v) / len(v), 1) if v else None) for key, v in collected.items()}


def scenario_title(attempt: Attempt, lang: str) -> str:
    """Return the title of the attempt's scenario in `lang`, or its id when it left the library."""
    scenario = content_store.library().scenarios_by_id.get(attempt.scenario_version.content_id)
    return scenario.title(lang) if scenario else attempt.scenario_version.content_id


def _bests(history: list[HistoryRow]) -> list[BestRow]:
    grouped: dict[str, list[HistoryRow]] = {}
    for row in history:
        grouped.setdefault(row.attempt.scenario_version.content_id, []).append(row)
    bests = []
    for scenario_id, rows in grouped.items():
        scored = [r for r in rows if r.overall is not None and r.outcome != LEFT]
        top = max(scored, key=lambda r: r.overall) if scored else None
        bests.append(
            BestRow(
                scenario_id,
                rows[-1].scenario_title,
                top.overall if top else None,
                len(rows),
                rows[-1].finished_at,
                top.attempt.id if top else None,
            )
        )
    return sorted(bests, key=lambda b: b.title.casefold())


def _chart(history: list[HistoryRow], criteria: list[tuple[str, str]], lang: str) -> dict[str, Any]:
    """Return Chart.js-ready data: one line per criterion plus the overall score.

    The x labels are dates, a presentation matter: the template adds them (filter `chart_labels`).
    """
    series = [
        {"id": cid, "label": title, "data": [row.criteria.get(cid) for row in history]}
        for cid, title in criteria
    ]
    series.append(
        {"id": "overall", "label": str(_l("Overall")), "data": [row.overall for row in history]}
    )
    return {
        "titles": [row.scenario_title for row in history],
        "series": series,
        "lang": lang,
    }
