"""Migration 0002 (conversations, agents, users.agent_id) upgrades and downgrades on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from qa_app.extensions import db as _db

NEW_TABLES = {"agents", "conversations", "conversation_messages"}


def _tables() -> set[str]:
    return set(inspect(_db.engine).get_table_names())


def _user_columns() -> set[str]:
    return {column["name"] for column in inspect(_db.engine).get_columns("users")}


@pytest.fixture()
def at_0001(app, db) -> Iterator[None]:
    """Downgrade to 0001 for the test and leave the database at head again afterwards."""
    _db.session.remove()  # no open transaction may hold a lock on the tables being dropped
    downgrade(revision="0001")
    try:
        yield
    finally:
        _db.session.remove()
        upgrade()


def test_downgrade_to_0001_removes_the_conversation_schema(at_0001):
    """Downgrading 0002 drops the three tables and users.agent_id, keeping the rest."""
    assert not NEW_TABLES & _tables()
    assert "agent_id" not in _user_columns()
    assert {"users", "teams", "attempts"} <= _tables()


def test_upgrade_from_0001_keeps_existing_users(at_0001):
    """Upgrading a 0001 database with a user in it adds the schema and keeps the user, agent_id empty."""
    with _db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (email, name, password_hash, role, active, created_at) "
            "VALUES ('old@example.com', 'Old', 'x', 'learner', :active, '2026-01-01 00:00:00')"
        ), {"active": True})
    upgrade()
    assert NEW_TABLES <= _tables() and "agent_id" in _user_columns()
    uniques = {c["name"] for c in inspect(_db.engine).get_unique_constraints("users")}
    assert "uq_users_agent_id" in uniques
    with _db.engine.connect() as connection:
        rows = connection.execute(text("SELECT email, agent_id FROM users")).all()
    assert [tuple(row) for row in rows] == [("old@example.com", None)]
    with _db.engine.begin() as connection:
        connection.execute(text("DELETE FROM users"))
