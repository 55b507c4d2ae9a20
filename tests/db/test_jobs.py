"""Background jobs: chunks that score once however often they run, inline runs, real RQ workers, failures.

RQ tests use the real Redis on 127.0.0.1:6379, database 11 (this area's), a unique queue per
test, and delete that queue's keys afterwards (nothing else: a benchmark may share the database).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_app.grading import resources
from qa_app.models import AutoQAResult, BackgroundJob, JobChunk
from qa_app.services import autoqa, jobs
from qa_app.services import conversations as conversation_service

REDIS_URL = "redis://127.0.0.1:6379/11"


def jsonl(count: int, start: int = 0) -> bytes:
    """Return `count` small valid conversations in JSONL."""
    lines = []
    for n in range(start, start + count):
        lines.append(json.dumps({"id": f"c{n}", "channel": "chat", "agent": "agent-1", "language": "fi", "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": f"Tilaukseni {n} ei ole tullut."},
            {"author": "agent", "at": "2026-11-30T08:00:40Z", "text": "Pahoittelen. Tarkistan tilauksen heti."},
        ]}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def results(db) -> int:
    return db.session.scalar(select(func.count()).select_from(AutoQAResult))


@pytest.fixture()
def small_chunks(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_CHUNK_SIZE", 2)


@pytest.fixture()
def imported(db, small_chunks):
    conversation_service.import_upload(jsonl(5), "jsonl", "five.jsonl", "test")
    return autoqa.unscored_ids("test")


@pytest.fixture()
def redis_queue(app, db, monkeypatch):
    """Point the app at Redis database 11 with a queue of its own, in "redis" mode; empty it afterwards."""
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisError as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL}: {error}")
    name = f"test-a-{uuid.uuid4().hex[:10]}"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOBS_QUEUE", name)
    monkeypatch.setitem(app.config, "JOBS", "redis")
    app.extensions.pop("kohtaamo.redis", None)
    yield Queue(name, connection=connection)
    app.extensions.pop("kohtaamo.redis", None)
    clean_queue(connection, name)


def clean_queue(connection, name: str) -> None:
    """Delete what RQ keeps for the queue `name` (its jobs, registries, workers), nothing else in Redis."""
    from rq import Queue
    from rq.registry import (
        DeferredJobRegistry,
        FailedJobRegistry,
        FinishedJobRegistry,
        ScheduledJobRegistry,
        StartedJobRegistry,
    )

    queue = Queue(name, connection=connection)
    ids = set(queue.get_job_ids())
    for registry in (StartedJobRegistry, FinishedJobRegistry, FailedJobRegistry, ScheduledJobRegistry,
                     DeferredJobRegistry):
        ids.update(registry(queue=queue).get_job_ids())
    for job_id in ids:
        connection.delete(f"rq:job:{job_id}", f"rq:results:{job_id}", f"rq:job:{job_id}:dependents")
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)


def work(queue, db) -> None:
    """Run a real RQ worker (in this process) until the queue is empty."""
    from rq import SimpleWorker

    db.session.commit()  # end this test's transaction: the worker writes from its own session
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()


def test_an_inline_job_scores_every_chunk(db, imported, make_user):
    """Five conversations in chunks of two: three chunks, all done, five results, progress 5 of 5."""
    job = jobs.start_autoqa(imported, make_user("supervisor"))
    job = jobs.get_job(job.id)
    assert (job.status, job.done, job.total, job.params["mode"]) == ("finished", 5, 5, "inline")
    assert [c.size for c in job.chunks] == [2, 2, 1] and {c.status for c in job.chunks} == {"done"}
    assert results(db) == 5


def test_a_chunk_run_twice_scores_and_counts_once(db, imported, monkeypatch):
    """Running a done chunk again does nothing: one result per conversation, progress not doubled."""
    monkeypatch.setattr(jobs, "run_job_inline", lambda job_id: None)  # create the chunks, run them by hand
    job = jobs.start_autoqa(imported, None)
    first = job.chunks[0].id
    assert jobs.run_chunk(first) is True
    assert jobs.run_chunk(first) is False
    job = jobs.get_job(job.id)
    assert (job.done, job.status) == (2, "running")  # three chunks, one done
    assert results(db) == 2


def test_a_chunk_whose_worker_died_before_marking_it_done_does_not_score_twice(db, imported, monkeypatch):
    """Scores committed by a run that then died are kept; the retry scores the rest and marks the chunk once."""
    monkeypatch.setattr(jobs, "run_job_inline", lambda job_id: None)
    job = jobs.start_autoqa(imported, None)
    chunk = job.chunks[0]
    autoqa.score_conversations(json.loads(chunk.items_json)[:1])  # the dead run got this far and committed
    db.session.commit()
    assert jobs.run_chunk(chunk.id) is True
    assert results(db) == 2 and jobs.get_job(job.id).done == 2


def test_the_same_chunk_enqueued_twice_on_rq_scores_once(db, imported, redis_queue):
    """A chunk delivered twice to a real RQ worker (a lost acknowledgement) gives one result and one count."""
    job = jobs.start_autoqa(imported, None)
    jobs._enqueue_chunk(job.chunks[0].id)  # the duplicate delivery
    assert len(redis_queue) == 4
    work(redis_queue, db)
    job = jobs.get_job(job.id)
    assert (job.status, job.done, job.total) == ("finished", 5, 5)
    assert results(db) == 5
    assert db.session.scalar(select(func.sum(JobChunk.attempts)).where(JobChunk.job_id == job.id)) == 3


def test_an_import_job_runs_end_to_end_on_a_real_rq_worker(app, db, redis_queue, small_chunks, make_user):
    """The upload is stored, imported and pre-scored by an RQ worker; the file is removed afterwards."""
    user = make_user("supervisor")
    job = jobs.start_import(jsonl(3) + b"{broken\n", "auto", "three.jsonl", "rq-test", user)
    stored = Path(job.params["file"])
    assert stored.parent == Path(app.instance_path) / "uploads" and stored.exists()
    assert job.rq_id and job.status == "queued"
    work(redis_queue, db)
    job = jobs.get_job(job.id)
    assert (job.status, job.done, job.total, job.error) == ("finished", 3, 3, None)
    report = jobs.import_report(job)
    assert report["imported"] == 3 and report["rejected"] == [{"line": 4, "id": None, "reason": report["rejected"][0]["reason"]}]
    assert results(db) == 3
    assert not stored.exists()


def test_auto_mode_runs_inline_when_no_worker_listens(app, db, imported, redis_queue, monkeypatch):
    """With Redis up but no worker on the queue, "auto" runs the job in the calling process."""
    monkeypatch.setitem(app.config, "JOBS", "auto")
    job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    assert (job.params["mode"], job.status, job.done) == ("inline", "finished", 5)
    assert len(redis_queue) == 0


def test_auto_mode_uses_redis_when_a_worker_listens(app, db, imported, redis_queue, monkeypatch):
    """A registered worker on the queue makes "auto" enqueue the chunks instead."""
    from rq import Worker

    monkeypatch.setitem(app.config, "JOBS", "auto")
    worker = Worker([redis_queue], connection=redis_queue.connection)
    worker.register_birth()
    try:
        job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    finally:
        worker.register_death()
    assert (job.params["mode"], job.status) == ("redis", "queued")
    assert len(redis_queue) == 3


def test_auto_mode_runs_inline_when_redis_does_not_answer(app, db, imported, monkeypatch):
    """No Redis at all: "auto" still works, inline."""
    monkeypatch.setitem(app.config, "JOBS", "auto")
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    app.extensions.pop("kohtaamo.redis", None)
    try:
        job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    finally:
        app.extensions.pop("kohtaamo.redis", None)
    assert (job.params["mode"], job.status) == ("inline", "finished")


class _BrokenVoikko:
    """Stands in for libvoikko's Voikko object: each call fails as the C library does when its dictionary is gone."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise OSError("libvoikko.so.1: cannot open shared object file")
        return fail


@pytest.fixture()
def broken_voikko(monkeypatch):
    monkeypatch.setattr(resources.voikko(), "_voikko", _BrokenVoikko())


def test_a_failing_grader_fails_an_inline_job_after_its_retries(db, imported, broken_voikko, caplog):
    """Voikko raising OSError: every attempt is logged, the job fails with one line, nothing is scored."""
    job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    assert job.status == "failed"
    assert job.error.startswith("AutoQA could not score 2 conversations: Voikko is not working")
    assert "\n" not in job.error
    assert job.chunks[0].attempts == 4  # the first try and three retries
    assert results(db) == 0
    assert sum("AutoQA chunk" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records) == 4


def test_a_failing_grader_is_retried_on_rq_then_fails_the_job(db, imported, redis_queue, broken_voikko):
    """On a real RQ worker a failing chunk is retried, then ends in RQ's failed registry and fails the job."""
    from rq.registry import FailedJobRegistry

    job = jobs.start_autoqa(imported, None)
    work(redis_queue, db)
    job = jobs.get_job(job.id)
    assert job.status == "failed" and "Voikko is not working" in job.error
    assert {c.attempts for c in job.chunks} == {4}
    assert len(FailedJobRegistry(queue=redis_queue)) == 3
    assert results(db) == 0


def test_a_retry_that_succeeds_finishes_the_job(db, imported, monkeypatch):
    """A grader that fails once and then works: the job says it is retrying, then finishes."""
    real = autoqa.score_conversations
    calls = {"n": 0}

    def flaky(ids, grader=None):
        calls["n"] += 1
        if calls["n"] == 1:
            from qa_app.grading.errors import BackendUnavailable
            raise BackendUnavailable("Voikko is not working (OSError: temporary)")
        return real(ids, grader)

    monkeypatch.setattr(autoqa, "score_conversations", flaky)
    job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    assert (job.status, job.done, job.error) == ("finished", 5, None)
    assert job.chunks[0].attempts == 2


def test_an_unreadable_stored_file_fails_the_import_job_with_one_line(app, db, make_user, monkeypatch):
    """A file that passes the quick check but has no usable header fails the job, and is removed."""
    job = jobs.start_import(b"just some words\n", "csv", "words.csv", "test", make_user("supervisor"))
    job = jobs.get_job(job.id)
    assert job.status == "failed" and job.error.startswith("This file cannot be read: words.csv")
    assert not Path(job.params["file"]).exists()
    assert db.session.scalar(select(func.count()).select_from(BackgroundJob)) == 1


def test_redis_mode_without_redis_keeps_the_job_waiting_with_one_line(app, db, imported, monkeypatch):
    """KOHTAAMO_JOBS=redis and no Redis: the job waits saying so, instead of an error page (a worker's
    sweep queues it once Redis is back: tests/web/test_redis_down.py)."""
    monkeypatch.setitem(app.config, "JOBS", "redis")
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    app.extensions.pop("kohtaamo.redis", None)
    try:
        job = jobs.get_job(jobs.start_autoqa(imported, None).id)
    finally:
        app.extensions.pop("kohtaamo.redis", None)
    assert job.status == "queued" and job.error.startswith("Waiting for the job queue: Redis does not answer")
