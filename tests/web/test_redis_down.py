"""Redis goes away under a running app and comes back: pages answer, staff are told, imports explain or run.

A redis-server of the test's own (tests/web/own_services.py) on a free port is killed mid-test and
started again on the same port; the machine's Redis is never touched. About 1 s each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker
from sqlalchemy import func, select

from qa_app.models import BackgroundJob, Conversation
from qa_app.services import job_recovery, jobs
from tests.web.own_services import own_redis
from tests.web.test_review_import import record, upload

BANNER = "data-job-queue-notice"


@pytest.fixture()
def redis_app(app, monkeypatch):
    """The app on our own Redis, banner checked on every page (no caching between requests)."""
    with own_redis() as server:
        monkeypatch.setitem(app.config, "REDIS_URL", server.url)
        monkeypatch.setitem(app.config, "JOBS_QUEUE", "faults-test")
        monkeypatch.setattr(jobs, "QUEUE_CHECK_INTERVAL_S", 0)
        for key in ("kohtaamo.redis", "kohtaamo.jobs.queue_state", "kohtaamo.jobs.queue_state.probe"):
            app.extensions.pop(key, None)
        yield server
        for key in ("kohtaamo.redis", "kohtaamo.jobs.queue_state", "kohtaamo.jobs.queue_state.probe"):
            app.extensions.pop(key, None)


def latest_job(db) -> BackgroundJob:
    db.session.expire_all()
    return db.session.scalars(select(BackgroundJob).order_by(BackgroundJob.id.desc())).first()


def test_redis_mode_keeps_jobs_waiting_while_redis_is_down_and_runs_them_once_it_is_back(
        app, client, db, make_user, login, redis_app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS", "redis")
    learner = make_user("learner", locale="en")
    login(make_user("supervisor", locale="en"))
    assert BANNER not in client.get("/review/").get_data(as_text=True)

    redis_app.kill()  # fault: Redis dies under the running app

    page = client.get("/review/")
    assert page.status_code == 200
    assert "The job queue (Redis) does not answer: new imports and AutoQA runs wait" in page.get_data(as_text=True)
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "redis" in ready.get_json()["failed"]
    response = upload(client, record("r1") + "\n", name="down.jsonl")
    assert response.status_code == 200  # the job page, not an error page
    assert "Waiting for the job queue: Redis does not answer" in response.get_data(as_text=True)
    waiting = latest_job(db)
    assert waiting.status == "queued" and waiting.rq_id is None and Path(waiting.params["file"]).exists()
    with pytest.raises(RedisError):
        job_recovery.sweep_lost_chunks()  # a worker's sweep cannot reach Redis either: it tries again later
    db.session.rollback()

    client.post("/auth/logout")
    login(learner)
    assert BANNER not in client.get("/").get_data(as_text=True)  # learners are not bothered with it
    client.post("/auth/logout")

    redis_app.start()  # Redis returns on the same address
    login(make_user("supervisor", locale="en"))
    page = client.get("/review/").get_data(as_text=True)
    assert BANNER not in page
    upload(client, record("r2") + "\n", name="back.jsonl")
    job = latest_job(db)
    assert job.status == "queued" and job.rq_id  # new jobs go on the queue again
    job_recovery.sweep_lost_chunks()  # what a worker does every few heartbeats: the waiting job is queued
    db.session.expire_all()
    assert db.session.get(BackgroundJob, waiting.id).rq_id
    db.session.commit()
    SimpleWorker([Queue("faults-test", connection=Redis.from_url(redis_app.url))],
                 connection=Redis.from_url(redis_app.url)).work(burst=True)
    for job_id in (waiting.id, job.id):
        db.session.expire_all()
        done = db.session.get(BackgroundJob, job_id)
        assert (done.status, done.error) == ("finished", None), (job_id, done.status, done.error)
    assert db.session.scalar(select(func.count()).select_from(Conversation)) == 2


def test_auto_mode_runs_imports_in_the_web_process_while_redis_is_down(
        app, client, db, make_user, login, redis_app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS", "auto")
    login(make_user("supervisor", locale="en"))
    assert BANNER not in client.get("/review/").get_data(as_text=True)  # Redis answers (no worker listens)

    redis_app.kill()

    page = client.get("/review/").get_data(as_text=True)
    assert "imports and AutoQA runs now run inside the web server" in page
    response = upload(client, record("a1") + "\n", name="inline.jsonl")
    assert response.status_code == 200
    job = latest_job(db)
    assert job.params["mode"] == "inline" and job.status == "finished"

    redis_app.start()
    assert BANNER not in client.get("/review/").get_data(as_text=True)
