"""The worker runs retention once a day from its maintenance loop, and survives a failed run."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from qa_app.models import AuditEvent, Conversation
from qa_app.models.user import utcnow
from tests.review_factory import agent_for, conversation

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture()
def worker(app, db, monkeypatch):
    """A real KohtaamoWorker on Redis database 13 with a queue of its own (never started)."""
    from redis import Redis
    from redis.exceptions import RedisError

    from qa_app.cli.worker import _worker_class
    from tests.db.test_jobs import clean_queue

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisError as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL}: {error}")
    name = f"test-retention-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    app.extensions.pop("kohtaamo.redis", None)
    yield _worker_class()([name], connection=connection)
    app.extensions.pop("kohtaamo.redis", None)
    clean_queue(connection, name)


def _runs(db) -> list[tuple[str, int]]:
    return [(e.via, e.details["conversations"]) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.run").order_by(AuditEvent.id))]


def test_maintenance_runs_retention_once_and_only_with_a_period(app, db, worker, monkeypatch):
    """No KOHTAAMO_RETENTION_DAYS: nothing; with it, the first maintenance anonymises the old
    conversation as the worker, the next one (same day) does not run again."""
    old = conversation(agent_for(None, "a-1"), "old", customer="c-1", at=utcnow() - timedelta(days=40))
    old_id = old.id
    db.session.commit()
    worker.run_maintenance_tasks()
    assert _runs(db) == []
    monkeypatch.setitem(app.config, "RETENTION_DAYS", "30")
    worker.run_maintenance_tasks()
    worker.run_maintenance_tasks()
    assert _runs(db) == [("worker", 1)]
    assert db.session.get(Conversation, old_id).customer is None


def test_a_failing_retention_run_does_not_stop_the_worker(app, db, worker, monkeypatch, caplog):
    """A database error in the run is logged and rolled back; the next maintenance tries again."""
    from qa_app.services import retention

    monkeypatch.setitem(app.config, "RETENTION_DAYS", "30")

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(retention, "anonymise", broken)
    worker.run_retention()
    assert "the retention run failed" in caplog.text and _runs(db) == []
    monkeypatch.undo()
    monkeypatch.setitem(app.config, "RETENTION_DAYS", "30")
    worker.run_retention()
    assert _runs(db) == [("worker", 0)]
