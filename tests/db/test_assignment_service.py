"""Assignments: validation, one row per target, statuses from real attempts, the score
distribution, and the key points missed most, counted from grades the practice service stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from qa_app.content import load_library
from qa_app.extensions import db as _db
from qa_app.models import Assignment, Attempt
from qa_app.models.user import utcnow
from qa_app.services import content_store, practice, progress
from qa_app.services.authoring import assignments as service

from ..web.test_practice import RUBRIC

SCENARIO = """
id: assign-lamp
version: 1
language: en
channel: chat
title: {en: Refund for a broken lamp, fi: Hyvitys rikkinäisestä lampusta}
opening: My lamp arrived broken. I want my money back.
difficulty: easy
rubric: practice-chat
persona: {name: Pat Example, mood: angry}
facts:
  - {label: Order, value: "Lamp, 49 EUR"}
  - {label: Refund time, value: "within 3 working days"}
key_points:
  - {id: refund, say: Refunds the full 49 EUR, any: [refund], numbers: ["49 EUR"]}
  - {id: timing, say: Says the money arrives within three working days, any: [working days]}
model_answer: Hello Pat, I am sorry. I will refund the full 49 EUR within 3 working days.
"""

STRONG = "Hello Pat, I am sorry the lamp arrived broken. I will refund the full 49 EUR, and the money arrives within 3 working days."
WRONG_AMOUNT = (
    "Hello Pat, I am sorry the lamp arrived broken. I will refund 39 EUR within 3 working days."
)
WEAK = "We are looking into it."
TODAY = date(2026, 12, 10)


@pytest.fixture()
def library(app, db, tmp_path):
    """A one-reply scenario with two key points (one with an amount), for one test."""
    root = tmp_path / "content"
    (root / "scenarios").mkdir(parents=True)
    (root / "rubrics").mkdir()
    (root / "rubrics" / "practice-chat.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "scenarios" / "assign-lamp.yaml").write_text(SCENARIO, encoding="utf-8")
    original = content_store.library()
    content_store.set_library(app, load_library([root / "scenarios"], [root / "rubrics"]))
    yield
    content_store.set_library(app, original)


@pytest.fixture()
def trainer(make_user):
    return make_user("trainer", team=None)


def assign(trainer, **fields) -> Assignment:
    """Create one assignment through the service (today is TODAY)."""
    data = service.AssignmentInput(scenario_id="assign-lamp", **fields)
    [made] = service.create_assignments(data, trainer, today=TODAY)
    _db.session.commit()
    return made


def attempt(
    user,
    overall: float | None,
    *,
    status: str = "finished",
    outcome: str = "completed",
    minutes_ago: int = 0,
):
    """Store an attempt at the test scenario with a given score, as finishing one leaves it."""
    scenario = content_store.library().scenario("assign-lamp")
    rubric = content_store.library().rubric_for(scenario)
    started = utcnow() - timedelta(minutes=minutes_ago)
    row = Attempt(
        user_id=user.id,
        scenario_version_id=content_store.record_version("scenario", scenario).id,
        rubric_version_id=content_store.record_version("rubric", rubric).id,
        status=status,
        outcome=outcome if status == "finished" else None,
        overall=overall,
        started_at=started,
        finished_at=started + timedelta(minutes=1) if status == "finished" else None,
    )
    _db.session.add(row)
    _db.session.commit()
    return row


def play(user, text: str) -> Attempt:
    """Play the scenario through the practice service: one real, graded reply."""
    started = practice.start_attempt(user, "assign-lamp", "en")
    outcome = practice.submit_reply(started, text, f"key-{started.id}")
    assert outcome.finished
    return outcome.attempt


def test_input_errors_name_each_field(library, trainer, make_user, db):
    """No target, a past date, a score of 120 and an unknown scenario are each an error on their field."""
    errors = service.check_input(
        service.AssignmentInput(
            scenario_id="nope", due_date=TODAY - timedelta(days=1), min_score=120
        ),
        TODAY,
    )
    assert errors == {
        "scenario_id": "scenario_unknown",
        "targets": "target_required",
        "due_date": "due_past",
        "min_score": "min_score_range",
    }
    with pytest.raises(service.AssignmentInputError) as raised:
        service.create_assignments(service.AssignmentInput(scenario_id=""), trainer, today=TODAY)
    assert raised.value.errors == {"scenario_id": "scenario_required", "targets": "target_required"}
    assert db.session.scalars(select(Assignment)).first() is None


def test_targets_must_be_teams_and_learners_that_exist(library, trainer, make_user):
    """A supervisor is not a learner to assign to, and an unknown team id is refused."""
    supervisor = make_user("supervisor")
    errors = service.check_input(
        service.AssignmentInput(
            scenario_id="assign-lamp", team_ids=(9999,), user_ids=(supervisor.id,)
        ),
        TODAY,
    )
    assert errors == {"team_ids": "team_unknown", "user_ids": "learner_unknown"}
    assert (
        service.check_input(
            service.AssignmentInput(
                scenario_id="assign-lamp", min_score=0, user_ids=(make_user().id,)
            ),
            TODAY,
        )
        == {}
    )


def test_one_row_per_team_and_learner(library, trainer, make_user, db):
    """Two teams and a learner make three assignments with the same scenario, date and minimum."""
    a, b = make_user(team="Tiimi A"), make_user(team="Tiimi B")
    solo = make_user(team="Tiimi C")
    data = service.AssignmentInput(
        scenario_id="assign-lamp",
        team_ids=(a.team_id, b.team_id),
        user_ids=(solo.id,),
        due_date=TODAY,
        min_score=70,
        note="  Remember the amount. ",
    )
    made = service.create_assignments(data, trainer, today=TODAY)
    db.session.commit()
    assert {(m.team_id, m.user_id) for m in made} == {
        (a.team_id, None),
        (b.team_id, None),
        (None, solo.id),
    }
    assert len(made) == 3
    assert {(m.due_date, m.min_score, m.note, m.assigned_by_id) for m in made} == {
        (TODAY, 70, "Remember the amount.", trainer.id)
    }


def test_only_trainers_create_and_remove(library, trainer, make_user, db):
    """A supervisor cannot assign or remove; a trainer removes, and the attempts stay."""
    learner, supervisor = make_user(), make_user("supervisor")
    with pytest.raises(service.AssignmentNotAllowed):
        service.create_assignments(
            service.AssignmentInput(scenario_id="assign-lamp", user_ids=(learner.id,)), supervisor
        )
    made = assign(trainer, user_ids=(learner.id,))
    attempt(learner, 80)
    with pytest.raises(service.AssignmentNotAllowed):
        service.delete_assignment(made, supervisor)
    service.delete_assignment(made, trainer)
    db.session.commit()
    assert db.session.scalars(select(Assignment)).first() is None
    assert db.session.scalars(select(Attempt)).first() is not None


def test_statuses_from_attempts_since_the_assignment(library, trainer, make_user, db):
    """Done at the minimum, below it, in progress, not started; an attempt from before the assignment does not count."""
    done, below, playing, idle, earlier = (make_user(team="Tiimi A") for _ in range(5))
    make_user("supervisor", team="Tiimi A")  # not a learner: not in the report
    attempt(earlier, 95, minutes_ago=60)
    made = assign(
        trainer, team_ids=(done.team_id,), min_score=70, due_date=TODAY + timedelta(days=3)
    )
    made.created_at = utcnow() - timedelta(minutes=30)
    db.session.commit()
    attempt(done, 55)
    attempt(done, 70)  # exactly the minimum is enough
    attempt(below, 62)
    attempt(below, 90, outcome=practice.LEFT)  # a session left unfinished is no result
    attempt(playing, None, status="in_progress")
    result = service.report(made, TODAY)
    by_name = {row.learner.id: row for row in result.summary.learners}
    assert {uid: row.status for uid, row in by_name.items()} == {
        done.id: service.DONE,
        below.id: service.BELOW_MINIMUM,
        playing.id: service.IN_PROGRESS,
        idle.id: service.NOT_STARTED,
        earlier.id: service.NOT_STARTED,
    }
    assert (by_name[done.id].best, by_name[done.id].attempts) == (70, 2)
    assert (by_name[below.id].best, by_name[below.id].attempts) == (62, 2)
    assert by_name[earlier.id].attempts == 0 and by_name[idle.id].last_activity is None
    assert (result.summary.done, result.summary.total, result.summary.completion) == (1, 5, 0.2)
    assert result.distribution == (0, 0, 0, 0, 0, 0, 1, 1, 0, 0)
    assert not result.summary.overdue


def test_past_the_due_date_everyone_not_done_is_overdue(library, trainer, make_user, db):
    """After the due date the learners who are not done are overdue; a done learner stays done."""
    done, late = make_user(), make_user()
    made = assign(trainer, team_ids=(done.team_id,), min_score=60, due_date=TODAY)
    attempt(done, 75)
    attempt(late, 40)
    summary = service.report(made, TODAY + timedelta(days=1)).summary
    assert [row.status for row in sorted(summary.learners, key=lambda r: r.learner.id)] == [
        service.DONE,
        service.OVERDUE,
    ]
    assert summary.overdue and summary.counts()[service.OVERDUE] == 1
    assert not service.report(made, TODAY).summary.overdue  # the due day itself is still in time


def test_without_a_minimum_any_finished_attempt_is_done(library, trainer, make_user):
    """No minimum score: finishing is enough, whatever the score."""
    learner = make_user()
    made = assign(trainer, user_ids=(learner.id,))
    attempt(learner, 12)
    [row] = service.report(made, TODAY).summary.learners
    assert row.status == service.DONE and row.best == 12


def test_score_distribution_bins_of_ten():
    """Scores fall in bins of ten; 100 joins the last bin and a missing score is skipped."""
    expected = (2, 1, 0, 0, 0, 1, 0, 0, 0, 2)
    assert service.score_distribution([0, 9.9, 10, 55, 99.5, 100, None]) == expected
    assert service.bin_labels()[0] == "0–9" and service.bin_labels()[-1] == "90–100"


def test_missed_key_points_counted_from_real_grades(library, trainer, make_user):
    """Graded replies: the amount stated wrongly once, the timing missing once; the text comes from the scenario."""
    strong, wrong, weak = make_user(), make_user(), make_user()
    made = assign(trainer, team_ids=(strong.team_id,), min_score=60)
    play(strong, STRONG)
    play(wrong, WRONG_AMOUNT)
    play(weak, WEAK)
    result = service.report(made, TODAY)
    misses = {m.id: m for m in result.missed}
    assert result.finished_attempts == 3
    assert (misses["refund"].missing, misses["refund"].wrong) == (1, 1)
    assert (misses["timing"].missing, misses["timing"].wrong) == (1, 0)
    assert [m.id for m in result.missed] == ["refund", "timing"]  # most missed first
    assert misses["refund"].text == "Refunds the full 49 EUR" and misses["refund"].language == "en"
    statuses = {row.learner.id: row.status for row in result.summary.learners}
    assert statuses[strong.id] == service.DONE and statuses[weak.id] == service.BELOW_MINIMUM


def count_queries(app, run) -> int:
    seen = []

    def note(*_args):
        seen.append(1)

    engine = _db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def test_a_report_costs_the_same_queries_for_three_learners_or_nine(
    app, library, trainer, make_user, db
):
    """No query per learner: the report and the list read a fixed number of queries."""
    first = make_user(team="Tiimi A")
    made = assign(trainer, team_ids=(first.team_id,), min_score=50)
    for _ in range(2):
        attempt(make_user(team="Tiimi A"), 60)

    def run():
        db.session.expire_all()
        service.report(db.session.get(Assignment, made.id), TODAY)
        service.visible_assignments(trainer, TODAY)

    few = count_queries(app, run)
    for _ in range(6):
        attempt(make_user(team="Tiimi A"), 40)
    assert count_queries(app, run) == few


def test_learner_sees_team_and_personal_assignments_with_status(library, trainer, make_user):
    """The learner's catalogue card carries the personal assignment's minimum and their standing."""
    learner = make_user(team="Tiimi A")
    other = make_user(team="Tiimi B")
    assign(trainer, user_ids=(learner.id,), min_score=70, due_date=TODAY + timedelta(days=400))
    assign(trainer, team_ids=(other.team_id,))
    attempt(learner, 62)
    [(found, status)] = service.learner_assignments(learner, TODAY)
    assert (
        found.user_id == learner.id and status.status == service.BELOW_MINIMUM and status.best == 62
    )
    [card] = progress.catalogue(learner, {}, "en")
    assert (
        card.assigned
        and card.assignment.min_score == 70
        and card.assignment_status.status == service.BELOW_MINIMUM
    )
    assert not progress.catalogue(make_user(team="Tiimi C"), {}, "en")[0].assigned
