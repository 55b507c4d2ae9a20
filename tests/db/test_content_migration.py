"""Migration 0005 turns today's content snapshots into published versions, keeping what points at them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from qa_app.extensions import db as _db

NEW_COLUMNS = {
    "source_yaml", "status", "parent_id", "note", "created_by_id", "published_by_id", "published_at",
}


def _columns() -> set[str]:
    return {column["name"] for column in inspect(_db.engine).get_columns("content_versions")}


@pytest.fixture()
def at_0004(app, db) -> Iterator[None]:
    """Downgrade to 0004 for the test and leave the database at head again afterwards."""
    _db.session.remove()
    downgrade(revision="0004")
    try:
        yield
    finally:
        _db.session.remove()
        upgrade()


def _insert_attempt_on_snapshots(connection) -> None:
    connection.execute(text(
        "INSERT INTO users (id, email, name, password_hash, role, active, created_at) "
        "VALUES (1, 'old@example.com', 'Old', 'x', 'learner', :active, '2026-01-01 00:00:00')"
    ), {"active": True})
    for row_id, kind, content_id in ((1, "scenario", "jonotusmaksu"), (2, "rubric", "chat-basic")):
        connection.execute(text(
            "INSERT INTO content_versions (id, kind, content_id, version, content_hash, body_json, "
            "first_used_at) VALUES (:id, :kind, :cid, 3, :hash, '{}', '2026-05-01 10:00:00')"
        ), {"id": row_id, "kind": kind, "cid": content_id, "hash": str(row_id) * 64})
    connection.execute(text(
        "INSERT INTO attempts (id, user_id, scenario_version_id, rubric_version_id, status, ui_lang, "
        "started_at) VALUES (1, 1, 1, 2, 'finished', 'fi', '2026-05-01 10:00:00')"
    ))


def test_downgrade_to_0004_removes_the_new_columns(at_0004):
    """Downgrading 0005 drops the draft/publish columns and keeps the table."""
    assert not NEW_COLUMNS & _columns()
    assert {"kind", "content_id", "version", "content_hash", "body_json"} <= _columns()


def test_upgrade_makes_snapshots_published_versions_and_keeps_attempts(at_0004):
    """A 0004 database with an attempt upgrades to published versions the attempt still points at."""
    with _db.engine.begin() as connection:
        _insert_attempt_on_snapshots(connection)
    upgrade()
    assert NEW_COLUMNS <= _columns()
    with _db.engine.connect() as connection:
        versions = connection.execute(text(
            "SELECT id, status, published_at, parent_id, source_yaml FROM content_versions ORDER BY id"
        )).all()
        attempt = connection.execute(text(
            "SELECT scenario_version_id, rubric_version_id FROM attempts"
        )).one()
    assert [(row[0], row[1], row[3], row[4]) for row in versions] == [
        (1, "published", None, None), (2, "published", None, None),
    ]
    assert all(str(row[2]).startswith("2026-05-01 10:00:00") for row in versions)
    assert tuple(attempt) == (1, 2)


def test_downgrade_deletes_drafts_and_keeps_published_versions(app, db):
    """Going back to 0004 drops drafts (0004 cannot hold them) but keeps every published version."""
    with _db.engine.begin() as connection:
        _insert_attempt_on_snapshots(connection)
        connection.execute(text(
            "INSERT INTO content_versions (id, kind, content_id, version, content_hash, body_json, "
            "status, parent_id, first_used_at) "
            "VALUES (3, 'scenario', 'jonotusmaksu', 4, :hash, '{}', 'draft', 1, '2026-05-02 10:00:00')"
        ), {"hash": "3" * 64})
    _db.session.remove()
    downgrade(revision="0004")
    try:
        with _db.engine.connect() as connection:
            ids = connection.execute(text("SELECT id FROM content_versions ORDER BY id")).scalars().all()
        assert ids == [1, 2]
    finally:
        _db.session.remove()
        upgrade()
