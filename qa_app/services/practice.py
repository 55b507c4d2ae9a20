"""Role-play practice: start an attempt, show its current turn, grade replies and branch."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..content import GradeSummary, Rubric, Scenario, Turn, choose_next_turn
from ..content.build import build_rubric, build_scenario
from ..extensions import db
from ..grading.context import HistoryMessage
from ..grading.errors import GradingError
from ..grading.results import GradeResult
from ..grading.scoring import session_overall
from ..models import Attempt, AttemptTurn, ContentVersion, User
from ..models.user import utcnow
from . import content_store
from .grading import grade_with, grader

# Scenarios without turns are one graded reply to the opening; their single turn has this id.
OPENING_TURN_ID = "opening"
COMPLETED = "completed"  # the outcome when max_turns ends a conversation that had not ended itself
# The outcome of an attempt the learner left to start the scenario anew. Not "abandoned": that is
# the scenario's own ending where the customer gives up, and it should keep meaning that.
LEFT = "left"
# How heated each mood is, to tell whether the customer is calming down or escalating.
MOOD_HEAT = {
    "calm": 0,
    "confused": 1,
    "anxious": 1,
    "rambling": 1,
    "frustrated": 2,
    "sarcastic": 2,
    "angry": 3,
}
STRONG_REPLY, WEAK_REPLY = 80.0, 50.0


class PracticeError(ValueError):
    """The learner asked for something the practice rules do not allow."""


class AttemptFinished(PracticeError):
    """A reply arrived for an attempt that has already ended."""


class AttemptOpen(PracticeError):
    """The learner already has an open attempt at this scenario: continue it or leave it first."""

    def __init__(self, attempt: Attempt) -> None:
        super().__init__(f"attempt {attempt.id} at this scenario is still open")
        self.attempt = attempt


class ReplyNotGraded(PracticeError):
    """The grader could not grade the reply (e.g. a language resource is unavailable)."""


class StaleReply(PracticeError):
    """A new reply came from a form for an earlier turn: the conversation has moved on since.

    The view keeps the text in the form for the current message instead of dropping it.
    """


@dataclass(frozen=True)
class Message:
    """One message in the conversation as the learner sees it."""

    author: str  # "customer" or "agent"
    text: str
    mood: str | None = None
    turn_index: int | None = None
    time_taken_s: float | None = None


@dataclass
class AttemptView:
    """What the practice page shows: the scenario, the conversation so far and the open turn."""

    attempt: Attempt
    scenario: Scenario
    messages: list[Message]
    mood: str
    trend: str  # calming, escalating or steady
    turn_number: int
    elapsed_s: float
    previous_mood: str | None = None


@dataclass(frozen=True)
class SubmitOutcome:
    """What happened to a submitted reply: recorded (maybe ending the attempt) or a duplicate."""

    attempt: Attempt
    duplicate: bool = False
    turn: AttemptTurn | None = None

    @property
    def finished(self) -> bool:
        return self.attempt.is_finished


def start_attempt(
    user: User, scenario_id: str, ui_lang: str, leaving: int | None = None
) -> Attempt:
    """Start a new attempt at the library's current version of a scenario and its rubric.

    An open attempt at the same scenario is never dropped silently: unless the learner chose to
    leave that very attempt (`leaving` is its id), AttemptOpen is raised so they can choose.
    A left attempt ends with the outcome LEFT and stays in the learner's history.
    """
    library = content_store.library()
    scenario = library.scenario(scenario_id)
    rubric = library.rubric_for(scenario)
    still_open = open_attempt(user, scenario_id)
    if still_open is not None:
        if still_open.id != leaving:
            raise AttemptOpen(still_open)
        finish(still_open, LEFT)
    attempt = Attempt(
        user_id=user.id,
        scenario_version_id=content_store.record_version("scenario", scenario).id,
        rubric_version_id=content_store.record_version("rubric", rubric).id,
        current_turn_id=scenario.start_turn.id if scenario.start_turn else OPENING_TURN_ID,
        ui_lang=ui_lang,
    )
    db.session.add(attempt)
    db.session.commit()
    return attempt


def open_attempt(user: User, scenario_id: str) -> Attempt | None:
    """Return the learner's latest unfinished attempt at a scenario, if there is one."""
    return db.session.scalars(
        select(Attempt)
        .join(Attempt.scenario_version)
        .where(
            Attempt.user_id == user.id,
            Attempt.status != "finished",
            ContentVersion.content_id == scenario_id,
        )
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).first()


def attempt_content(attempt: Attempt) -> tuple[Scenario, Rubric]:
    """Return the scenario and rubric exactly as they were when the attempt started."""
    return (
        _snapshot(
            attempt.scenario_version, build_scenario, content_store.library().scenarios_by_id
        ),
        _snapshot(attempt.rubric_version, build_rubric, content_store.library().rubrics_by_id),
    )


def _snapshot(version: ContentVersion, build, current: Mapping[str, Any]):
    """Rebuild a stored version; fall back to the library when the snapshot is unreadable."""
    try:
        data = json.loads(version.body_json)
    except ValueError:
        data = None
    if isinstance(data, dict):
        return build(data)
    item = current.get(version.content_id)
    if item is None or item.version != version.version:
        raise PracticeError(
            f"{version.kind} '{version.content_id}' v{version.version} is no longer available"
        )
    return item


def current_view(attempt: Attempt) -> AttemptView:
    """Build the practice page, starting the reply clock the first time a turn is shown."""
    scenario, _ = attempt_content(attempt)
    if not attempt.is_finished and attempt.current_turn_shown_at is None:
        attempt.current_turn_shown_at = utcnow()
        db.session.commit()
    messages = conversation(attempt, scenario)
    moods = [m.mood for m in messages if m.author == "customer" and m.mood]
    mood = moods[-1] if moods else scenario.persona.mood
    previous = moods[-2] if len(moods) > 1 else None
    elapsed = 0.0
    if attempt.current_turn_shown_at is not None and not attempt.is_finished:
        elapsed = max(0.0, (utcnow() - attempt.current_turn_shown_at).total_seconds())
    return AttemptView(
        attempt,
        scenario,
        messages,
        mood,
        mood_trend(previous, mood, attempt.turns[-1].overall if attempt.turns else None),
        len(attempt.turns) + 1,
        elapsed,
        previous,
    )


def conversation(attempt: Attempt, scenario: Scenario) -> list[Message]:
    """List every customer message and reply so far, ending with the open or final customer message."""
    messages: list[Message] = []
    for played in attempt.turns:
        messages.append(
            Message("customer", played.customer_message, played.customer_mood, played.index)
        )
        messages.append(
            Message("agent", played.reply_text, None, played.index, played.time_taken_s)
        )
    closing = closing_turn(attempt, scenario)
    if closing is not None:
        messages.append(Message("customer", closing.customer, closing.mood, len(attempt.turns)))
    elif not attempt.is_finished:
        text, mood = open_message(attempt, scenario)
        messages.append(Message("customer", text, mood, len(attempt.turns)))
    return messages


def open_message(attempt: Attempt, scenario: Scenario) -> tuple[str, str]:
    """Return the customer message the learner is answering now, and its mood."""
    turn = _current_turn(attempt, scenario)
    if turn is None:
        return scenario.opening, scenario.persona.mood
    return turn.customer, turn.mood


def closing_turn(attempt: Attempt, scenario: Scenario) -> Turn | None:
    """Return the terminal turn that ended the conversation, if one did."""
    if not attempt.turns or not scenario.turns:
        return None
    next_id = attempt.turns[-1].next_turn_id
    turn = _find_turn(scenario, next_id)
    return turn if turn is not None and turn.is_terminal else None


def mood_trend(previous: str | None, current: str, reply_score: float | None = None) -> str:
    """Tell whether the customer calmed down or escalated since their previous message.

    The badge agrees with the reply that came between: after a strong reply (80+) the customer is
    not shown escalating, and after a weak one (below 50) not calming, whatever the next
    message's own mood (a fault that persists can anger a customer whom the reply handled well).
    """
    if previous is None:
        return "steady"
    change = MOOD_HEAT.get(current, 1) - MOOD_HEAT.get(previous, 1)
    trend = "calming" if change < 0 else "escalating" if change > 0 else "steady"
    if reply_score is not None and (
        (trend == "escalating" and reply_score >= STRONG_REPLY) or (trend == "calming" and reply_score < WEAK_REPLY)
    ):
        return "steady"
    return trend


def submit_reply(
    attempt: Attempt,
    text: str,
    submission_key: str,
    answers_reply: int | None = None,
) -> SubmitOutcome:
    """Grade a reply, store it as a turn, branch to the customer's next message or end the attempt.

    `answers_reply` is how many replies the attempt had when the form was shown. A repeat of a
    stored reply (same key, same text) is a harmless duplicate; new text from an outdated form
    raises StaleReply, and a new reply to an ended attempt raises AttemptFinished, so the caller
    can keep the text rather than lose it.
    """
    duplicate = _duplicate_or_refuse(attempt, submission_key, text, answers_reply)
    if duplicate is not None:
        return duplicate
    replies_before = len(attempt.turns)
    scenario, rubric = attempt_content(attempt)
    turn = _current_turn(attempt, scenario)
    customer_text, customer_mood = open_message(attempt, scenario)
    now = utcnow()
    took = _seconds_between(attempt.current_turn_shown_at, now)
    try:
        grade = grade_reply(text, scenario, rubric, history(attempt, customer_text), took)
    except GradingError as error:
        raise ReplyNotGraded(str(error)) from error
    slow = None if took is None else took > scenario.time_target_s
    next_id = choose_next_turn(turn, grade_summary(grade, slow)) if turn is not None else None
    played = AttemptTurn(
        attempt=attempt,
        index=len(attempt.turns),
        turn_id=turn.id if turn is not None else OPENING_TURN_ID,
        customer_message=customer_text,
        customer_mood=customer_mood,
        reply_text=text,
        submission_key=submission_key,
        shown_at=attempt.current_turn_shown_at,
        submitted_at=now,
        time_taken_s=took,
        overall=grade.overall,
        grade_json=json.dumps(grade.to_stored(), ensure_ascii=False),
        next_turn_id=next_id,
    )
    db.session.add(played)
    _advance(attempt, scenario, next_id, now)
    try:
        db.session.commit()
    except IntegrityError as error:  # another submission stored a turn first (double click, second tab)
        db.session.rollback()
        attempt = db.session.get(Attempt, attempt.id)
        db.session.refresh(attempt)
        # The same checks again, now that the winner's turn is visible: a double submit of
        # this very reply is a duplicate; anything else lost the turn and is kept by the caller.
        duplicate = _duplicate_or_refuse(attempt, submission_key, text, replies_before)
        if duplicate is not None:
            return duplicate
        raise StaleReply("another reply was stored for this turn first") from error
    return SubmitOutcome(attempt, turn=played)


def _duplicate_or_refuse(
    attempt: Attempt, submission_key: str, text: str, answers_reply: int | None
) -> SubmitOutcome | None:
    """Return the stored turn for a double submit; raise if the reply cannot be stored now."""
    existing = _turn_with_key(attempt, submission_key)
    if existing is not None and same_reply(existing.reply_text, text):
        return SubmitOutcome(attempt, duplicate=True, turn=existing)
    if attempt.is_finished:
        raise AttemptFinished("this practice session has already ended")
    if existing is not None:
        raise StaleReply("this form was already used for an earlier reply")
    if answers_reply is not None and answers_reply != len(attempt.turns):
        raise StaleReply("the customer has written again since this reply was started")
    return None


def same_reply(stored: str, submitted: str) -> bool:
    """Compare replies as the learner sees them: line endings and outer white space do not count."""
    return " ".join(stored.split()) == " ".join(submitted.split())


def grade_reply(
    text: str,
    scenario: Scenario,
    rubric: Rubric,
    earlier: tuple[HistoryMessage, ...] = (),
    response_time_s: float | None = None,
) -> GradeResult:
    """Grade one reply with the attempt's versions, in the conversation so far."""
    return grade_with(
        text, scenario, rubric, grader(), scenario.language, scenario.spec.channel, earlier,
        response_time_s,
    ).result


def history(attempt: Attempt, customer_text: str) -> tuple[HistoryMessage, ...]:
    """Return the conversation before the reply being graded: every turn, then the open message."""
    earlier = []
    for played in attempt.turns:
        earlier += [
            HistoryMessage("customer", played.customer_message),
            HistoryMessage("agent", played.reply_text),
        ]
    return (*earlier, HistoryMessage("customer", customer_text))


def session_score(attempt: Attempt) -> float | None:
    """The conversation's score: cumulative accuracy from the last reply, the rest averaged."""
    grades = [load_grade(t) for t in attempt.turns if t.overall is not None]
    if not grades:
        return None
    _, rubric = attempt_content(attempt)
    overall = session_overall(grades, rubric.spec)
    return None if overall is None else round(overall, 1)


def load_grade(played: AttemptTurn) -> GradeResult:
    """Rebuild a turn's stored grade (any schema version); unreadable JSON gives an empty grade."""
    try:
        data = json.loads(played.grade_json)
    except ValueError:
        data = {}
    return GradeResult.from_stored(data if isinstance(data, dict) else {})


def grade_summary(grade: GradeResult, slow: bool | None = None) -> GradeSummary:
    """Summarise a grade (and whether the reply was slow) for the branch conditions."""
    criteria = {c.id: c.score for c in grade.criteria}
    met, found = set(), set()
    for criterion in grade.criteria:
        details = criterion.details
        met |= {kp["id"] for kp in details.get("key_points", ()) if kp.get("met")}
        found |= {fc["id"] for fc in details.get("forbidden", ()) if fc.get("found")}
    return GradeSummary(grade.overall, criteria, frozenset(met), frozenset(found), slow)


def _advance(attempt: Attempt, scenario: Scenario, next_id: str | None, now) -> None:
    """Move to the next turn, or finish at a terminal turn, at max_turns or after a single reply."""
    next_turn = _find_turn(scenario, next_id)
    replies = len(attempt.turns)  # the new turn is already attached to the attempt
    if next_turn is None:
        finish(attempt, COMPLETED, now)
    elif next_turn.is_terminal:
        finish(attempt, next_turn.outcome, now)
    elif replies >= scenario.max_turns:
        finish(attempt, COMPLETED, now)
    else:
        attempt.current_turn_id = next_turn.id
        attempt.current_turn_shown_at = None  # the clock starts when the message is first shown


def finish(attempt: Attempt, outcome: str, now=None) -> None:
    """End the attempt with an outcome and the conversation's score (see `session_overall`)."""
    attempt.status = "finished"
    attempt.outcome = outcome
    attempt.overall = session_score(attempt)
    attempt.finished_at = now or utcnow()
    attempt.current_turn_id = None
    attempt.current_turn_shown_at = None


def _current_turn(attempt: Attempt, scenario: Scenario) -> Turn | None:
    return _find_turn(scenario, attempt.current_turn_id) if scenario.turns else None


def _find_turn(scenario: Scenario, turn_id: str | None) -> Turn | None:
    if turn_id is None or not scenario.turns:
        return None
    try:
        return scenario.turn(turn_id)
    except KeyError:
        return None


def _turn_with_key(attempt: Attempt, submission_key: str) -> AttemptTurn | None:
    return db.session.scalars(
        select(AttemptTurn).where(
            AttemptTurn.attempt_id == attempt.id, AttemptTurn.submission_key == submission_key
        )
    ).first()


def _seconds_between(start, end) -> float | None:
    return None if start is None else round(max(0.0, (end - start).total_seconds()), 1)
