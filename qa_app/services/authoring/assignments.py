"""Assignments: a trainer gives a scenario to teams or learners with a due date and a minimum score.

No Flask here: the authoring views, the learner's catalogue, the demo and tests call these.
Statuses come from the learners' own attempts, read in a fixed number of queries per page (the
assignments, their learners, those learners' attempts; for a report also the attempts' turns and
scenario versions), never one query per learner.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select, true
from sqlalchemy.orm import selectinload

from ...content import ContentError, Scenario
from ...content.build import build_scenario
from ...extensions import db
from ...models import Assignment, Attempt, AttemptTurn, ContentVersion, Role, Team, User
from .. import content_store
from ..practice import LEFT, load_grade

NOTE_MAX = 2000
BINS = 10  # the score distribution: 0–9, 10–19, … 90–100

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
BELOW_MINIMUM = "below_minimum"
OVERDUE = "overdue"
STATUSES = (DONE, BELOW_MINIMUM, IN_PROGRESS, NOT_STARTED, OVERDUE)


class AssignmentError(Exception):
    """Base of the assignment errors."""


class AssignmentInputError(AssignmentError, ValueError):
    """Nothing was assigned; `errors` maps form fields to error codes the views translate."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {code}" for key, code in self.errors.items()))


class AssignmentNotAllowed(AssignmentError, PermissionError):
    """Only trainers and admins create or remove assignments."""


@dataclass(frozen=True)
class AssignmentInput:
    scenario_id: str
    team_ids: tuple[int, ...] = ()
    user_ids: tuple[int, ...] = ()
    due_date: date | None = None
    min_score: int | None = None
    note: str = ""


@dataclass(frozen=True)
class LearnerStatus:
    """One learner's standing on one assignment, from attempts started after it was assigned."""

    learner: User
    status: str
    best: float | None = None
    attempts: int = 0
    last_activity: datetime | None = None
    best_attempt_id: int | None = None


@dataclass(frozen=True)
class AssignmentSummary:
    assignment: Assignment
    learners: tuple[LearnerStatus, ...]
    today: date

    @property
    def total(self) -> int:
        return len(self.learners)

    @property
    def done(self) -> int:
        return sum(1 for row in self.learners if row.status == DONE)

    @property
    def completion(self) -> float | None:
        """The share of learners who are done (0–1); None when the assignment reaches nobody."""
        return self.done / self.total if self.total else None

    @property
    def is_past_due(self) -> bool:
        due = self.assignment.due_date
        return due is not None and due < self.today

    @property
    def overdue(self) -> bool:
        """The due date has passed and someone is not done."""
        return self.is_past_due and self.done < self.total

    def counts(self) -> dict[str, int]:
        found = Counter(row.status for row in self.learners)
        return {status: found.get(status, 0) for status in STATUSES}


@dataclass(frozen=True)
class KeyPointMiss:
    """How often a key point was missing from, or stated wrongly in, the finished attempts."""

    id: str
    text: str
    language: str | None
    missing: int
    wrong: int

    @property
    def total(self) -> int:
        return self.missing + self.wrong


@dataclass(frozen=True)
class AssignmentReport:
    summary: AssignmentSummary
    distribution: tuple[int, ...]  # learners per score bin (best finished score), BINS bins
    missed: tuple[KeyPointMiss, ...]  # most missed first
    finished_attempts: int

    @property
    def scored(self) -> int:
        return sum(self.distribution)


@dataclass(frozen=True)
class _AttemptRow:
    id: int
    user_id: int
    scenario_id: str
    version_id: int
    status: str
    outcome: str | None
    overall: float | None
    started_at: datetime
    finished_at: datetime | None

    @property
    def counts_as_finished(self) -> bool:
        """A finished session with a score; one the learner left unfinished does not count."""
        return self.status == "finished" and self.outcome != LEFT and self.overall is not None


# ------------------------------------------------------------------ choices and creating


def assignable_scenarios() -> list[Scenario]:
    """The published scenarios of the library (drafts are never assigned)."""
    return content_store.library().scenarios()


def assignable_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))


def assignable_learners() -> list[User]:
    """Active learners, by team name and then by name (learners without a team last)."""
    learners = db.session.scalars(
        select(User)
        .where(User.role == Role.LEARNER.value, User.active.is_(True))
        .options(selectinload(User.team))
    )
    return sorted(learners, key=lambda u: (u.team is None, u.team.name if u.team else "", u.name))


def check_input(data: AssignmentInput, today: date | None = None) -> dict[str, str]:
    """Return the field errors of `data` (field → code); empty when it can be assigned."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if not data.scenario_id:
        errors["scenario_id"] = "scenario_required"
    elif data.scenario_id not in content_store.library().scenarios_by_id:
        errors["scenario_id"] = "scenario_unknown"
    if not data.team_ids and not data.user_ids:
        errors["targets"] = "target_required"
    if data.team_ids:
        known = set(db.session.scalars(select(Team.id).where(Team.id.in_(data.team_ids))))
        if set(data.team_ids) - known:
            errors["team_ids"] = "team_unknown"
    if data.user_ids:
        learners = select(User.id).where(
            User.id.in_(data.user_ids), User.role == Role.LEARNER.value, User.active.is_(True)
        )
        if set(data.user_ids) - set(db.session.scalars(learners)):
            errors["user_ids"] = "learner_unknown"
    if data.due_date is not None and data.due_date < today:
        errors["due_date"] = "due_past"
    if data.min_score is not None and not 0 <= data.min_score <= 100:
        errors["min_score"] = "min_score_range"
    if len(data.note or "") > NOTE_MAX:
        errors["note"] = "note_too_long"
    return errors


def create_assignments(
    data: AssignmentInput, user: User, today: date | None = None
) -> list[Assignment]:
    """Assign the scenario to every chosen team and learner, one row each; the caller commits."""
    if not user.can_author():
        raise AssignmentNotAllowed("only trainers and admins assign scenarios")
    errors = check_input(data, today)
    if errors:
        raise AssignmentInputError(errors)
    common = {
        "scenario_id": data.scenario_id,
        "due_date": data.due_date,
        "min_score": data.min_score,
        "note": (data.note or "").strip() or None,
        "assigned_by_id": user.id,
    }
    made = [Assignment(team_id=team_id, **common) for team_id in dict.fromkeys(data.team_ids)]
    made += [Assignment(user_id=user_id, **common) for user_id in dict.fromkeys(data.user_ids)]
    db.session.add_all(made)
    db.session.flush()
    return made


def delete_assignment(assignment: Assignment, user: User) -> None:
    """Remove an assignment (the learners' attempts stay); the caller commits."""
    if not assignment.can_manage(user):
        raise AssignmentNotAllowed("only trainers and admins remove assignments")
    db.session.delete(assignment)


def get_assignment(assignment_id: int) -> Assignment | None:
    return db.session.get(Assignment, assignment_id)


# ------------------------------------------------------------------ statuses


def visible_assignments(user: User, today: date | None = None) -> list[AssignmentSummary]:
    """Every assignment `user` may see, soonest due first, with each learner's status."""
    query = select(Assignment).options(selectinload(Assignment.team), selectinload(Assignment.user))
    if not user.can_author():  # supervisors: their team's, found by the model's own rule below
        query = query.outerjoin(User, Assignment.user_id == User.id).where(
            or_(Assignment.team_id == user.team_id, User.team_id == user.team_id)
        )
    found = [a for a in db.session.scalars(query) if a.can_view(user)]
    found.sort(key=lambda a: (a.due_date or date.max, -a.id))
    return summaries(found, today)


def summaries(
    assignments: Sequence[Assignment], today: date | None = None
) -> list[AssignmentSummary]:
    """Each assignment with the status of every learner it applies to."""
    return _summaries(assignments, _targets(assignments), today or date.today())[0]


def learner_assignments(
    user: User, today: date | None = None
) -> list[tuple[Assignment, LearnerStatus]]:
    """The assignments that apply to `user` (personal or their team's) with their status."""
    conditions = [Assignment.user_id == user.id]
    if user.team_id is not None:
        conditions.append(Assignment.team_id == user.team_id)
    found = list(db.session.scalars(select(Assignment).where(or_(*conditions))))
    made, _ = _summaries(found, {a.id: [user] for a in found}, today or date.today())
    return [(summary.assignment, summary.learners[0]) for summary in made]


def _targets(assignments: Sequence[Assignment]) -> dict[int, list[User]]:
    """Map each assignment to its learners: the team's active learners, or the one user."""
    team_ids = {a.team_id for a in assignments if a.team_id is not None}
    members: dict[int, list[User]] = {}
    if team_ids:
        for member in db.session.scalars(
            select(User)
            .where(
                User.team_id.in_(team_ids),
                User.role == Role.LEARNER.value,
                User.active.is_(True),
            )
            .order_by(User.name, User.id)
        ):
            members.setdefault(member.team_id or 0, []).append(member)
    return {
        a.id: ([a.user] if a.user is not None else members.get(a.team_id or 0, []))
        for a in assignments
    }


def _summaries(
    assignments: Sequence[Assignment], targets: dict[int, list[User]], today: date
) -> tuple[list[AssignmentSummary], dict[int, list[_AttemptRow]]]:
    """Statuses for every assignment, and the attempts that count for each, from one attempt query."""
    user_ids = {learner.id for learners in targets.values() for learner in learners}
    earliest = min((a.created_at for a in assignments), default=None)
    rows = _attempt_rows(user_ids, {a.scenario_id for a in assignments}, earliest)
    by_key: dict[tuple[int, str], list[_AttemptRow]] = {}
    for row in rows:
        by_key.setdefault((row.user_id, row.scenario_id), []).append(row)
    made, counted = [], {}
    for assignment in assignments:
        statuses, counted[assignment.id] = [], []
        for learner in targets.get(assignment.id, []):
            since = [
                row
                for row in by_key.get((learner.id, assignment.scenario_id), [])
                if row.started_at >= assignment.created_at
            ]
            counted[assignment.id] += since
            statuses.append(learner_status(assignment, learner, since, today))
        made.append(AssignmentSummary(assignment, tuple(statuses), today))
    return made, counted


def _attempt_rows(
    user_ids: Iterable[int], scenario_ids: Iterable[str], since: datetime | None = None
) -> list[_AttemptRow]:
    """Return the learners' attempts at the scenarios, started from `since` on (only those count)."""
    user_ids, scenario_ids = list(user_ids), list(scenario_ids)
    if not user_ids or not scenario_ids:
        return []
    result = db.session.execute(
        select(
            Attempt.id,
            Attempt.user_id,
            ContentVersion.content_id,
            Attempt.scenario_version_id,
            Attempt.status,
            Attempt.outcome,
            Attempt.overall,
            Attempt.started_at,
            Attempt.finished_at,
        )
        .join(Attempt.scenario_version)
        .where(Attempt.user_id.in_(user_ids), ContentVersion.content_id.in_(scenario_ids))
        .where(Attempt.started_at >= since if since is not None else true())
        .order_by(Attempt.started_at, Attempt.id)
    )
    return [_AttemptRow(*row) for row in result]


def learner_status(
    assignment: Assignment, learner: User, attempts: Sequence[_AttemptRow], today: date
) -> LearnerStatus:
    """Done (a finished attempt reaching the minimum), below the minimum, overdue, in progress, not started."""
    finished = [row for row in attempts if row.counts_as_finished]
    top = max(finished, key=lambda row: row.overall or 0.0) if finished else None
    best = top.overall if top else None
    minimum = assignment.min_score
    if best is not None and (minimum is None or best >= minimum):
        status = DONE
    elif assignment.due_date is not None and assignment.due_date < today:
        status = OVERDUE
    elif best is not None:
        status = BELOW_MINIMUM
    elif attempts:
        status = IN_PROGRESS
    else:
        status = NOT_STARTED
    times = [row.finished_at or row.started_at for row in attempts]
    return LearnerStatus(
        learner, status, best, len(attempts), max(times) if times else None, top.id if top else None
    )


# ------------------------------------------------------------------ the report


def report(assignment: Assignment, today: date | None = None) -> AssignmentReport:
    """Who has done it, the distribution of best scores, and the key points missed most."""
    [summary], counted = _summaries([assignment], _targets([assignment]), today or date.today())
    finished = [row for row in counted[assignment.id] if row.counts_as_finished]
    return AssignmentReport(
        summary,
        score_distribution(row.best for row in summary.learners),
        tuple(missed_key_points(finished)),
        len(finished),
    )


def score_distribution(scores: Iterable[float | None]) -> tuple[int, ...]:
    """Count scores in bins of ten (0–9 … 90–100; 100 falls in the last bin); None is skipped."""
    bins = [0] * BINS
    for score in scores:
        if score is not None:
            bins[min(BINS - 1, max(0, int(score // 10)))] += 1
    return tuple(bins)


def bin_labels() -> list[str]:
    """The score bins' ranges: 0–9, 10–19, … 90–100."""
    return [f"{10 * i}–{10 * i + 9}" for i in range(BINS - 1)] + [f"{10 * (BINS - 1)}–100"]


def missed_key_points(attempts: Sequence[_AttemptRow]) -> list[KeyPointMiss]:
    """Count, per key point, the attempts that never met it: missing, or stated with a wrong value.

    A key point met in any reply of an attempt counts as met (the grader keeps it met too).
    The text is the key point's `say` from the newest scenario version among the attempts, in
    that version's language.
    """
    if not attempts:
        return []
    # attempt id → key point id → "met", "wrong" or "missing"
    outcomes: dict[int, dict[str, str]] = {row.id: {} for row in attempts}
    stored_say: dict[str, str] = {}
    for played in db.session.scalars(
        select(AttemptTurn)
        .where(AttemptTurn.attempt_id.in_(list(outcomes)))
        .order_by(AttemptTurn.attempt_id, AttemptTurn.index)
    ):
        _note_key_points(played, outcomes[played.attempt_id], stored_say)
    missing: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for states in outcomes.values():
        for point_id, state in states.items():
            if state == "wrong":
                wrong[point_id] += 1
            elif state == "missing":
                missing[point_id] += 1
    texts = _key_point_texts({row.version_id for row in attempts})
    misses = [
        KeyPointMiss(
            point_id,
            texts.get(point_id, (stored_say.get(point_id, point_id), None))[0],
            texts.get(point_id, ("", None))[1],
            missing[point_id],
            wrong[point_id],
        )
        for point_id in {*missing, *wrong}
    ]
    return sorted(misses, key=lambda m: (-m.total, -m.wrong, m.text.casefold()))


def _note_key_points(
    played: AttemptTurn, states: dict[str, str], stored_say: dict[str, str]
) -> None:
    """Fold one reply's key points into the attempt's: met beats wrong beats missing."""
    rank = {"missing": 0, "wrong": 1, "met": 2}
    for criterion in load_grade(played).criteria:
        wrong_ids = {
            finding.rule.split(":", 1)[1]
            for finding in criterion.findings
            if (finding.rule or "").startswith("wrong_amount:")
        }
        for point in criterion.details.get("key_points", ()):
            point_id = point.get("id")
            if not point_id:
                continue
            stored_say.setdefault(point_id, point.get("say") or point_id)
            state = "met" if point.get("met") else "wrong" if point_id in wrong_ids else "missing"
            current = states.get(point_id)
            if current is None or rank[state] > rank[current]:
                states[point_id] = state


def _key_point_texts(version_ids: set[int]) -> dict[str, tuple[str, str]]:
    """Map key point id → (text, language) from the scenario versions, the newest version last."""
    texts: dict[str, tuple[str, str]] = {}
    versions = db.session.scalars(
        select(ContentVersion)
        .where(ContentVersion.id.in_(version_ids))
        .order_by(ContentVersion.version)
    )
    for version in versions:
        try:
            scenario = build_scenario(json.loads(version.body_json))
        except (ValueError, KeyError, TypeError, ContentError):  # an unreadable old snapshot
            continue  # costs only the text: the stored `say` of the grade stands in
        points = (
            *scenario.spec.key_points,
            *(kp for t in scenario.spec.turns for kp in t.key_points),
        )
        for point in points:
            texts[point.id] = (point.say, scenario.language)
    return texts
