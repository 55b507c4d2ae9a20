"""Migration 0008: the append-only audit log (triggers on SQLite and PostgreSQL) and anonymised_at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DatabaseError

from qa_app.extensions import db as _db
from qa_app.models import AuditEvent, AuditLogImmutable
from qa_app.models.audit import append_only_lifted
from qa_app.services import audit


@pytest.fixture()
def at_0007(app, db) -> Iterator[None]:
    """Downgrade to 0007 for the test and leave the database at head again afterwards."""
    _db.session.remove()
    downgrade(revision="0007")
    try:
        yield
    finally:
        _db.session.remove()
        upgrade()


def _event(connection, event_id: int = 1) -> None:
    connection.execute(text(
        "INSERT INTO audit_events (id, at, action, details_json, via) "
        "VALUES (:id, '2026-12-01 10:00:00', 'user.create', '{}', 'cli')"
    ), {"id": event_id})


def test_upgrade_adds_the_table_and_downgrade_removes_it_with_its_triggers(at_0007):
    """0007 has no audit table nor anonymised_at; 0008 adds both; going back drops them again,
    rows and triggers included (DROP is not DELETE), and upgrading once more works."""
    tables = inspect(_db.engine).get_table_names()
    assert "audit_events" not in tables
    assert "anonymised_at" not in {c["name"] for c in inspect(_db.engine).get_columns("conversations")}
    upgrade()
    with _db.engine.begin() as connection:
        _event(connection)
    assert "anonymised_at" in {c["name"] for c in inspect(_db.engine).get_columns("conversations")}
    _db.session.remove()
    downgrade(revision="0007")
    assert "audit_events" not in inspect(_db.engine).get_table_names()
    upgrade()
    with _db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_events")).scalar() == 0


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'export.all'",
    "UPDATE audit_events SET actor_email = NULL",
    "DELETE FROM audit_events",
    "DELETE FROM audit_events WHERE id = 1",
])
def test_the_database_refuses_to_change_or_delete_an_event(db, statement):
    """Plain SQL, past the ORM, is refused by the trigger, and the row stays as it was."""
    with _db.engine.begin() as connection:
        _event(connection)
    with pytest.raises(DatabaseError, match="append-only"), _db.engine.begin() as connection:
        connection.execute(text(statement))
    with _db.engine.connect() as connection:
        assert connection.execute(text("SELECT action, via FROM audit_events")).all() == [("user.create", "cli")]


def test_postgresql_also_refuses_truncate(db):
    """TRUNCATE skips row triggers, so PostgreSQL has a statement trigger for it too."""
    if _db.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    with _db.engine.begin() as connection:
        _event(connection)
    with pytest.raises(DatabaseError, match="append-only"), _db.engine.begin() as connection:
        connection.execute(text("TRUNCATE audit_events"))


def test_the_orm_refuses_too(db):
    """Changing or deleting an event through the session raises before any SQL is sent."""
    event = audit.record("user.create", details={"email": "a@example.com"})
    db.session.commit()
    event.action = "export.all"
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditLogImmutable):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalars(select(AuditEvent.action)).all() == ["user.create"]


def test_lifting_the_guard_is_transactional(db):
    """A restore may delete inside its transaction; a failed one rolls the deletion and the
    lifted triggers back, so the guard is never left off."""
    with _db.engine.begin() as connection:
        _event(connection, 1)
        _event(connection, 2)
    with pytest.raises(RuntimeError), _db.engine.begin() as connection, append_only_lifted(connection):
        connection.execute(text("DELETE FROM audit_events WHERE id = 1"))
        raise RuntimeError("the restore failed")
    with _db.engine.begin() as connection, append_only_lifted(connection):
        connection.execute(text("DELETE FROM audit_events WHERE id = 2"))
    with _db.engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM audit_events")).scalars().all() == [1]
    with pytest.raises(DatabaseError, match="append-only"), _db.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_events"))
