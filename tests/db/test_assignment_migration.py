"""Migration 0006: assignments to teams or single learners with a minimum score, and sample answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from qa_app.extensions import db as _db


def _columns(table: str) -> set[str]:
    return {column["name"] for column in inspect(_db.engine).get_columns(table)}


@pytest.fixture()
def at_0005(app, db) -> Iterator[None]:
    """Downgrade to 0005 for the test and leave the database at head again afterwards."""
    _db.session.remove()
    downgrade(revision="0005")
    try:
        yield
    finally:
        _db.session.remove()
        upgrade()


def _team_and_learner(connection) -> None:
    connection.execute(text("INSERT INTO teams (id, name, created_at) VALUES (1, 'A', '2026-01-01')"))
    connection.execute(text(
        "INSERT INTO users (id, email, name, password_hash, role, team_id, active, created_at) "
        "VALUES (1, 'l@example.com', 'L', 'x', 'learner', 1, :active, '2026-01-01 00:00:00')"
    ), {"active": True})


def test_upgrade_keeps_team_assignments_without_a_minimum(at_0005):
    """A 0005 team assignment upgrades unchanged, with no learner and no minimum score."""
    assert "min_score" not in _columns("assignments")
    assert "sample_answers" not in inspect(_db.engine).get_table_names()
    with _db.engine.begin() as connection:
        _team_and_learner(connection)
        connection.execute(text(
            "INSERT INTO assignments (id, team_id, scenario_id, due_date, created_at) "
            "VALUES (1, 1, 'jonotusmaksu', '2026-12-31', '2026-11-01 00:00:00')"
        ))
    upgrade()
    with _db.engine.connect() as connection:
        row = connection.execute(text(
            "SELECT team_id, user_id, scenario_id, min_score FROM assignments"
        )).one()
    assert tuple(row) == (1, None, "jonotusmaksu", None)
    assert {"label", "text", "expectation", "turn_id"} <= _columns("sample_answers")


def test_downgrade_drops_assignments_to_single_learners(app, db):
    """0005 needs a team on every assignment, so going back removes the personal ones only."""
    with _db.engine.begin() as connection:
        _team_and_learner(connection)
        connection.execute(text(
            "INSERT INTO assignments (id, team_id, user_id, scenario_id, min_score, created_at) VALUES "
            "(1, 1, NULL, 'a', 70, '2026-11-01'), (2, NULL, 1, 'b', 80, '2026-11-01')"
        ))
    _db.session.remove()
    downgrade(revision="0005")
    try:
        with _db.engine.connect() as connection:
            kept = connection.execute(text("SELECT id, scenario_id FROM assignments")).all()
        assert [tuple(row) for row in kept] == [(1, "a")]
    finally:
        _db.session.remove()
        upgrade()
