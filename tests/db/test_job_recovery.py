"""Several `kohtaamo worker` processes share a queue; a worker killed mid-chunk loses nothing.

Real Redis on 127.0.0.1:6379, database 9 (this file's), a unique queue per test whose keys are
deleted afterwards; real worker subprocesses (`kohtaamo worker --heartbeat 1`) on the test
database. Skipped when Redis does not answer, or on an in-memory database no other process sees.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_app.imports.generate import generate_conversations, write_jsonl
from qa_app.models import AutoQAResult, BackgroundJob, JobChunk
from qa_app.services import autoqa, job_recovery, jobs
from qa_app.services import conversations as conversation_service

REDIS_URL = "redis://127.0.0.1:6379/9"
KOHTAAMO = Path(sys.executable).with_name("kohtaamo")
HEARTBEAT_S = 1  # a dead worker's job is retried 3 to 6 heartbeats later


def generated_jsonl(count: int, seed: int) -> bytes:
    out = io.StringIO()
    write_jsonl(generate_conversations(count, seed=seed), out)
    return out.getvalue().encode()


def wait_for(condition: Callable[[], object], timeout: float, what: str, poll: float = 0.1):
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(poll)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def process_tree(pid: int) -> list[int]:
    """Return `pid` and every process descended from it (RQ's work horse leaves its process group)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


@dataclass
class RQSetup:
    """A fresh queue on Redis database 9 and the worker processes started on it."""

    queue: object
    env: dict[str, str]
    logs: Path
    workers: list[subprocess.Popen] = field(default_factory=list)

    def start_workers(self, count: int) -> None:
        for _ in range(count):
            log = (self.logs / f"worker-{len(self.workers)}.log").open("wb")
            self.workers.append(
                subprocess.Popen(
                    [str(KOHTAAMO), "worker", "--heartbeat", str(HEARTBEAT_S)],
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

    def registered_workers(self) -> int:
        from rq import Worker

        return Worker.count(connection=self.queue.connection, queue=self.queue)

    def rq_chunk(self, chunk_id: int):
        from rq.job import Job

        return Job.fetch(jobs.chunk_rq_id(chunk_id), connection=self.queue.connection)

    def kill_worker_running(self, chunk_id: int) -> str:
        """SIGKILL the worker whose work horse runs the chunk, horse and all, as if its machine died."""
        from rq import Worker

        name = self.rq_chunk(chunk_id).worker_name
        pid = Worker.find_by_key(
            Worker.redis_worker_namespace_prefix + name, connection=self.queue.connection
        ).pid
        victim = next(w for w in self.workers if w.pid == pid)
        for each in process_tree(victim.pid):
            try:
                os.kill(each, signal.SIGKILL)
            except ProcessLookupError:
                pass
        victim.wait(timeout=10)
        return name

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)  # a warm shutdown: the current job ends first
        time.sleep(0.3)
        for worker in self.workers:  # a second SIGTERM: RQ's cold shutdown (no waiting in BLPOP)
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for each in process_tree(worker.pid):
                    os.kill(each, signal.SIGKILL)
                worker.wait()

    def log_tail(self) -> str:
        return "\n".join(
            path.read_text(errors="replace")[-1500:] for path in sorted(self.logs.glob("*.log"))
        )


@pytest.fixture()
def rq_setup(app, db, monkeypatch, tmp_path) -> Iterator[RQSetup]:
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except (RedisError, OSError) as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL}: {error}")
    url = db.engine.url.render_as_string(hide_password=False)
    if url in ("sqlite://", "sqlite:///:memory:"):
        pytest.skip("worker processes need a database file or server")
    name = f"test-h9-{uuid.uuid4().hex[:10]}"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOBS_QUEUE", name)
    monkeypatch.setitem(app.config, "JOBS", "redis")
    app.extensions.pop("kohtaamo.redis", None)
    env = {
        **os.environ,
        "KOHTAAMO_DATABASE_URL": url,
        "KOHTAAMO_REDIS_URL": REDIS_URL,
        "KOHTAAMO_JOBS_QUEUE": name,
        "KOHTAAMO_JOBS": "redis",
        "KOHTAAMO_LOG_FORMAT": "text",
    }
    setup = RQSetup(Queue(name, connection=connection), env, tmp_path)
    try:
        yield setup
    finally:
        setup.stop()
        app.extensions.pop("kohtaamo.redis", None)
        for key in connection.scan_iter(
            f"rq:*{name}*"
        ):  # the queue, its registries, its chunks' jobs
            connection.delete(key)


def finished_job(
    job_id: int, db, setup: RQSetup, timeout: float, status: str = "finished"
) -> BackgroundJob:
    def over():
        db.session.rollback()  # end the read, so the workers' writes are seen and never blocked
        job = jobs.get_job(job_id)
        return job if job.status == status else None

    try:
        return wait_for(over, timeout, f"job {job_id} to be {status}", poll=0.2)
    except pytest.fail.Exception:
        pytest.fail(
            f"job {job_id} is {jobs.get_job(job_id).status}, not {status}; workers said:\n{setup.log_tail()}"
        )


def scored_once(db) -> tuple[int, int]:
    """Return (results, conversations with more than one result for the same scorecard version)."""
    db.session.rollback()
    doubled = (
        select(AutoQAResult.conversation_id)
        .group_by(AutoQAResult.conversation_id, AutoQAResult.rubric_version_id)
        .having(func.count() > 1)
    )
    total = db.session.scalar(select(func.count()).select_from(AutoQAResult))
    return total, len(db.session.scalars(doubled).all())


def import_and_queue(db, count: int, seed: int) -> BackgroundJob:
    conversation_service.import_upload(
        generated_jsonl(count, seed), "jsonl", "big.jsonl", f"kill-{seed}"
    )
    db.session.commit()
    return jobs.start_autoqa(autoqa.unscored_ids(f"kill-{seed}"), None)


def started_chunk(setup: RQSetup, job: BackgroundJob) -> int:
    """Wait until a worker's horse runs one of the job's chunks; return that chunk's id."""
    ids = [chunk.id for chunk in job.chunks]

    def running():
        return next((i for i in ids if setup.rq_chunk(i).get_status() == "started"), None)

    return wait_for(running, 60, "a worker to start a chunk", poll=0.05)


def test_two_worker_processes_share_a_large_imports_chunks_and_score_each_once(
    app, db, rq_setup, monkeypatch, make_user
):
    """A 60-conversation import in chunks of 6 on two `kohtaamo worker` processes: both score chunks, each chunk once."""
    monkeypatch.setitem(
        app.config, "JOBS_CHUNK_SIZE", 6
    )  # the worker that imports splits the chunks
    rq_setup.env["KOHTAAMO_JOBS_CHUNK_SIZE"] = "6"
    rq_setup.start_workers(2)
    wait_for(lambda: rq_setup.registered_workers() == 2, 90, "two workers to listen", poll=0.2)
    job = jobs.start_import(
        generated_jsonl(60, seed=3), "jsonl", "big.jsonl", "two-workers", make_user("supervisor")
    )
    job = finished_job(job.id, db, rq_setup, timeout=60)
    assert (job.done, job.total, job.error) == (
        job.total,
        len(autoqa.scorable_ids("two-workers")),
        None,
    )
    assert len(job.chunks) == -(-job.total // 6) >= 9
    assert {(chunk.status, chunk.attempts) for chunk in job.chunks} == {("done", 1)}
    by_worker = {rq_setup.rq_chunk(chunk.id).worker_name for chunk in job.chunks}
    assert len(by_worker) == 2, "both worker processes should have scored chunks"
    assert scored_once(db) == (job.total, 0)


def test_a_chunk_on_a_killed_worker_is_run_again_by_the_other_and_scored_once(
    app, db, rq_setup, monkeypatch
):
    """SIGKILL the worker (and its work horse) mid-chunk: RQ's cleanup retries the chunk on the survivor; all scored once."""
    monkeypatch.setitem(
        app.config, "JOBS_CHUNK_SIZE", 40
    )  # a chunk takes seconds: time to kill it halfway
    job = import_and_queue(db, 80, seed=5)
    rq_setup.start_workers(2)
    victim_chunk = started_chunk(rq_setup, job)
    killed = rq_setup.kill_worker_running(victim_chunk)
    db.session.rollback()
    assert (
        db.session.get(JobChunk, victim_chunk).status == "pending"
    )  # killed halfway: nothing committed
    job = finished_job(job.id, db, rq_setup, timeout=60)
    assert {chunk.status for chunk in job.chunks} == {
        "done"
    } and job.done == job.total == 80 - _flagged(db, 5)
    rerun = rq_setup.rq_chunk(victim_chunk)
    assert rerun.retries_left < 3  # RQ retried it: its first run was abandoned
    assert rerun.worker_name != killed
    assert scored_once(db) == (job.total, 0)


def test_a_dead_workers_chunk_with_no_retry_left_fails_the_job_until_an_admin_retries_it(
    app, db, rq_setup, monkeypatch, client, make_user, login
):
    """No retries: the sweep marks the killed worker's chunk failed; the job page says so; Retry on /admin/jobs finishes it."""
    monkeypatch.setitem(app.config, "JOBS_CHUNK_SIZE", 40)
    monkeypatch.setitem(app.config, "JOBS_RETRY_INTERVALS", ())
    job = import_and_queue(db, 40, seed=8)
    rq_setup.start_workers(2)
    victim_chunk = started_chunk(rq_setup, job)
    rq_setup.kill_worker_running(victim_chunk)
    job = finished_job(job.id, db, rq_setup, timeout=30, status="failed")
    assert "worker running them stopped" in job.error
    assert [chunk.status for chunk in job.chunks] == ["failed"]
    assert [
        (item.job.id, item.failed_chunks, item.retryable) for item in job_recovery.failed_jobs()
    ] == [(job.id, 1, True)]
    assert scored_once(db) == (0, 0)
    login(make_user("admin"))
    english = {"Accept-Language": "en"}
    page = client.get(f"/review/jobs/{job.id}", headers=english).get_data(as_text=True)
    assert (
        "1 chunk of this job failed after all its retries." in page and 'href="/admin/jobs"' in page
    )
    assert "worker running them stopped" in client.get("/admin/jobs", headers=english).get_data(
        as_text=True
    )
    assert client.post(f"/admin/jobs/{job.id}/retry", headers=english).status_code == 302
    job = finished_job(job.id, db, rq_setup, timeout=30)
    assert (job.error, [chunk.status for chunk in job.chunks]) == (None, ["done"])
    assert scored_once(db) == (job.total, 0) and job_recovery.failed_jobs() == []


def _flagged(db, seed: int) -> int:
    from qa_app.models import Conversation

    return db.session.scalar(
        select(func.count())
        .select_from(Conversation)
        .where(Conversation.source == f"kill-{seed}", Conversation.flag.is_not(None))
    )
