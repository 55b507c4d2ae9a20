"""Background jobs: an import and its AutoQA, or an AutoQA run, split into chunks and run on RQ or inline.

A job is a BackgroundJob row the browser reads; its AutoQA work is split into JobChunks of
`JOBS_CHUNK_SIZE` conversations. A chunk commits its scores and its own "done" mark (and the job's
progress) in one transaction, and only while it is still pending, so a chunk run twice (a retry,
a worker that died before acknowledging, the same chunk enqueued twice) scores once and counts once.

Where work runs (`KOHTAAMO_JOBS`): "redis" enqueues RQ tasks (`qa_app.jobs.tasks`) with retries and
back-off; "inline" runs them in the calling process, and a web request hands them to a thread of
the web process so the page returns at once and the progress page works; "auto" (the default)
uses Redis when it answers and a worker listens on the queue, else inline. In "redis" mode a job
started while Redis does not answer waits (queued, its upload kept, a line saying so on it) and a
worker's sweep (`job_recovery.sweep_lost_chunks`) queues it once Redis is back.
"""

from __future__ import annotations

import contextvars
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..imports import ImportFileError
from ..logs import current_request_id
from ..models import BackgroundJob, JobChunk, User
from ..models.user import utcnow
from . import autoqa
from . import conversations as conversation_service

logger = logging.getLogger(__name__)

JOB_MODES = ("inline", "redis", "auto")
WAITING_FOR_QUEUE = ("Waiting for the job queue: Redis does not answer (%(reason)s). "
                     "The job starts by itself once it is back.")
_REDIS_KEY = "kohtaamo.redis"
_INLINE_WAIT_MAX_S = 5.0  # inline retries wait at most this long: the caller is waiting too


class JobNotFound(LookupError):
    """No job or chunk with that id (deleted, or a task from another database)."""


# ------------------------------------------------------------------ starting jobs


def start_import(data: bytes, file_format: str, filename: str, source: str, user: User | None,
                 background: bool = False) -> BackgroundJob:
    """Keep an uploaded file in the instance folder and start a job that imports and pre-scores it.

    Raises ImportFileError at once for a file that cannot be read at all (not UTF-8, empty,
    unknown format); the rest of the checks run in the job. `background`: run an inline job in a
    thread (a web request) instead of before returning (the CLI).
    """
    from ..imports import check_readable

    source = conversation_service.check_source(source)
    check_readable(data, file_format, filename)
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / uuid.uuid4().hex
    path.write_bytes(data)
    params = {"file": str(path), "filename": filename, "format": file_format, "source": source}
    return _start(BackgroundJob(kind="import", created_by=user, params_json=json.dumps(params)), background)


def start_autoqa(conversation_ids: Sequence[int], user: User | None, background: bool = False) -> BackgroundJob:
    """Start a job that pre-scores the given conversations (those already scored are skipped)."""
    job = BackgroundJob(kind="autoqa", created_by=user, params_json=json.dumps({}))
    db.session.add(job)
    autoqa.scorecard()  # store the scorecard version now, so parallel chunks only read it
    _add_chunks(job, list(conversation_ids))
    return _start(job, background)


def _start(job: BackgroundJob, background: bool) -> BackgroundJob:
    mode = "redis" if use_redis() else "inline"
    job.params_json = json.dumps({**job.params, "mode": mode})
    db.session.add(job)
    db.session.commit()
    logger.info("%s job %s started (%s)", job.kind, job.id, mode, extra={"job_id": job.id})
    if mode == "redis":
        from redis.exceptions import RedisError

        try:
            _enqueue_job(job)
        except (RedisError, OSError) as error:
            # The job waits (its upload kept): a worker's sweep queues it once Redis answers again.
            logger.error("job %s could not be queued, it waits for Redis: %s", job.id, error)
            db.session.rollback()
            db.session.execute(update(BackgroundJob).where(BackgroundJob.id == job.id).values(
                error=_line(WAITING_FOR_QUEUE, reason=_reason(error))).execution_options(synchronize_session=False))
            db.session.commit()
    elif background and current_app.config.get("JOBS_INLINE_THREAD", True):
        _in_thread(current_app._get_current_object(), job.id)  # type: ignore[attr-defined]
    else:
        try:
            run_job_inline(job.id)
        except Exception:  # recorded on the job (status failed, one line) and logged where it happened
            logger.warning("inline job %s failed; see the job's error", job.id)
    return job


def _in_thread(app: Flask, job_id: int) -> None:
    def target() -> None:
        with app.app_context():
            try:
                run_job_inline(job_id)
            except Exception:  # already recorded on the job; the thread has nobody else to tell
                logger.exception("inline job %s failed", job_id)

    # Not a daemon: stopping the server waits for the job instead of leaving it half done. The
    # thread runs in a copy of this context, so its log lines carry the request's id.
    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(target,), name=f"kohtaamo-job-{job_id}", daemon=False).start()


def run_job_inline(job_id: int) -> None:
    """Run a whole job in this process: the import (if any), then every pending chunk, with retries."""
    job = _job(job_id)
    if job.kind == "import":
        _with_retries(lambda final: run_import(job_id, final))
    for chunk_id in pending_chunk_ids(job_id):
        _with_retries(lambda final, chunk_id=chunk_id: run_chunk(chunk_id, final))
    finish_if_complete(job_id)


def _with_retries(attempt: Callable[[bool], Any]) -> None:
    """Call `attempt(final)` up to 1 + len(JOBS_RETRY_INTERVALS) times, waiting between (capped)."""
    intervals = tuple(current_app.config["JOBS_RETRY_INTERVALS"])
    for number in range(len(intervals) + 1):
        final = number == len(intervals)
        try:
            attempt(final)
            return
        except ImportFileError:
            raise
        except Exception:
            if final:
                raise
            time.sleep(min(float(intervals[number]), _INLINE_WAIT_MAX_S))


# ------------------------------------------------------------------ the work itself


def run_import(job_id: int, final_attempt: bool = True) -> None:
    """Import the job's stored file, keep the report on the job and split its AutoQA into chunks.

    The import is idempotent ((source, id) identity), so a retry after a failure adds nothing twice.
    """
    job = _job(job_id)
    if job.result is not None:  # imported on an earlier attempt
        return
    params = job.params
    _mark_running(job)
    try:
        data = Path(params["file"]).read_bytes()
        report = conversation_service.import_upload(data, params["format"], params["filename"], params["source"],
                                                    actor=job.created_by)
    except ImportFileError as error:
        db.session.rollback()
        _fail(job_id, _line("This file cannot be read: %(reason)s", reason=str(error)), remove_file=True)
        return
    except FileNotFoundError:
        db.session.rollback()
        _fail(job_id, _line("The uploaded file is gone; upload it again."))
        return
    except Exception as error:
        db.session.rollback()
        logger.exception("import job %s failed", job_id)
        message = _line("The import failed: %(reason)s", reason=_reason(error))
        _record_error(job_id, message, final_attempt)
        if final_attempt:
            _remove_file(params["file"])
        raise
    # Claim the report: a second worker that took the same job (a duplicate delivery, a retry
    # racing a slow first run) imported nothing new and leaves the first one's report and chunks.
    claimed = db.session.execute(
        update(BackgroundJob).where(BackgroundJob.id == job_id, BackgroundJob.result_json.is_(None))
        .values(result_json=json.dumps({"import": report.to_dict()})).execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        logger.info("import job %s was imported by another worker meanwhile", job_id)
        return
    job = _job(job_id)
    autoqa.scorecard()
    _add_chunks(job, autoqa.unscored_ids(params["source"]))
    db.session.commit()
    _remove_file(params["file"])
    if job.params.get("mode") == "redis":
        for chunk_id in pending_chunk_ids(job_id):
            _enqueue_chunk(chunk_id)
    finish_if_complete(job_id)


def run_chunk(chunk_id: int, final_attempt: bool = True) -> bool:
    """Score one chunk and mark it done in the same transaction; return False if it was done already.

    Raises what grading raised (e.g. BackendUnavailable) after recording it on the job, so the
    caller retries; on the final attempt the job is marked failed.
    """
    chunk = db.session.get(JobChunk, chunk_id)
    if chunk is None:
        raise JobNotFound(f"no job chunk {chunk_id}")
    if chunk.status == "done":
        return False
    job_id, size, items = chunk.job_id, chunk.size, json.loads(chunk.items_json)
    _mark_running(chunk.job)
    if not _hold_chunk(chunk_id):  # another worker is scoring it right now (or has just finished)
        db.session.rollback()
        logger.info("AutoQA chunk %s of job %s is taken by another worker", chunk_id, job_id)
        return False
    for attempt in (1, 2):
        try:
            autoqa.score_conversations(items)
            claimed = db.session.execute(
                update(JobChunk).where(JobChunk.id == chunk_id, JobChunk.status != "done")
                .values(status="done", finished_at=utcnow(), attempts=JobChunk.attempts + 1)
                .execution_options(synchronize_session=False)).rowcount
            if not claimed:  # another run of this chunk finished first: its scores stand
                db.session.rollback()
                return False
            db.session.execute(update(BackgroundJob).where(BackgroundJob.id == job_id)
                               .values(done=BackgroundJob.done + size).execution_options(synchronize_session=False))
            db.session.commit()
            break
        except IntegrityError:
            # Another worker scored one of these conversations meanwhile; score the rest again.
            db.session.rollback()
            if attempt == 2:
                raise
        except Exception as error:
            db.session.rollback()
            logger.exception("AutoQA chunk %s of job %s failed", chunk_id, job_id)
            _record_error(job_id, _line("AutoQA could not score %(count)d conversations: %(reason)s",
                                        count=size, reason=_reason(error)), final_attempt, chunk_id)
            raise
    finish_if_complete(job_id)
    return True


def _hold_chunk(chunk_id: int) -> bool:
    """Lock the chunk's row until this run commits; False when another worker's run holds it.

    PostgreSQL only (FOR UPDATE SKIP LOCKED), so a second worker given the same chunk skips it at
    once instead of scoring it too; SQLite serialises writers anyway, and there the "done" mark
    below keeps the second run from counting (its scores are dropped on the unique constraint).
    """
    if db.session.get_bind().dialect.name != "postgresql":
        return True
    held = db.session.scalar(select(JobChunk.id).where(JobChunk.id == chunk_id, JobChunk.status != "done")
                             .with_for_update(skip_locked=True))
    return held is not None


def finish_if_complete(job_id: int) -> bool:
    """Mark a job finished once its import is done and every chunk is done.

    A failed job finishes too when its failed chunks were done after all (a retry, a late run).
    """
    pending = exists().where(JobChunk.job_id == job_id, JobChunk.status != "done")
    job = _job(job_id)
    if job.kind == "import" and job.result is None:
        return False
    finished = db.session.execute(
        update(BackgroundJob).where(BackgroundJob.id == job_id, BackgroundJob.status.in_(("queued", "running", "failed")),
                                    ~pending)
        .values(status="finished", finished_at=utcnow(), error=None).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return bool(finished)


def pending_chunk_ids(job_id: int) -> list[int]:
    return list(db.session.scalars(select(JobChunk.id).where(JobChunk.job_id == job_id, JobChunk.status == "pending")
                                   .order_by(JobChunk.index)))


def _add_chunks(job: BackgroundJob, ids: list[int]) -> None:
    size = max(1, int(current_app.config["JOBS_CHUNK_SIZE"]))
    start = len(job.chunks)
    for number, first in enumerate(range(0, len(ids), size)):
        items = ids[first:first + size]
        job.chunks.append(JobChunk(index=start + number, size=len(items), items_json=json.dumps(items)))
    job.total = (job.total or 0) + len(ids)


def _mark_running(job: BackgroundJob) -> None:
    if job.status == "queued":
        job.status, job.started_at = "running", utcnow()
        db.session.commit()


def _record_error(job_id: int, message: str, final_attempt: bool, chunk_id: int | None = None) -> None:
    """Keep the one-line error on the job; the final attempt fails the job (and the chunk)."""
    if chunk_id is not None:
        values: dict[str, Any] = {"attempts": JobChunk.attempts + 1}
        if final_attempt:
            values["status"] = "failed"  # an admin can retry it from /admin/jobs
        db.session.execute(update(JobChunk).where(JobChunk.id == chunk_id, JobChunk.status != "done")
                           .values(**values).execution_options(synchronize_session=False))
    if final_attempt:
        _fail(job_id, message)
        return
    db.session.execute(update(BackgroundJob).where(BackgroundJob.id == job_id)
                       .values(error=_line("Retrying: %(message)s", message=message))
                       .execution_options(synchronize_session=False))
    db.session.commit()


def _fail(job_id: int, message: str, remove_file: bool = False) -> None:
    job = _job(job_id)
    job.status, job.error, job.finished_at = "failed", message, utcnow()
    db.session.commit()
    if remove_file:
        _remove_file(job.params.get("file"))


def _remove_file(path: str | None) -> None:
    if path:
        Path(path).unlink(missing_ok=True)


def _job(job_id: int) -> BackgroundJob:
    job = db.session.get(BackgroundJob, job_id)
    if job is None:
        raise JobNotFound(f"no background job {job_id}")
    db.session.refresh(job)
    return job


def _reason(error: BaseException) -> str:
    """One line for people: the error's first line (details go to the log)."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _line(template: str, **values: Any) -> str:
    """Format a stored one-line message (stored in English; the page shows it as stored)."""
    return (template % values).replace("\n", " ")


# ------------------------------------------------------------------ RQ


def use_redis() -> bool:
    """Decide where a new job runs, from KOHTAAMO_JOBS (see the module docstring)."""
    mode = current_app.config.get("JOBS", "auto")
    if mode not in JOB_MODES:
        raise ValueError(f"KOHTAAMO_JOBS must be one of {', '.join(JOB_MODES)} (got {mode!r})")
    if mode != "auto":
        return mode == "redis"
    return worker_count() > 0


def redis_connection():
    """Return the app's Redis connection (short time-outs: "auto" must not hang when Redis is down)."""
    from redis import Redis

    connection = current_app.extensions.get(_REDIS_KEY)
    if connection is None:
        connection = Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=5)
        current_app.extensions[_REDIS_KEY] = connection
    return connection


QUEUE_CHECK_INTERVAL_S = 5.0  # how often the staff banner asks whether Redis answers
_QUEUE_STATE_KEY = "kohtaamo.jobs.queue_state"


def queue_notice() -> str | None:
    """Say whether background jobs are off their queue now, for the staff banner (checked every few s).

    "waiting": KOHTAAMO_JOBS=redis and Redis does not answer, so new jobs cannot be queued;
    "inline": "auto" and Redis answered earlier in this process but not now, so jobs run in the web
    process; None: the queue answers, jobs run inline by choice, or "auto" never had Redis.
    """
    mode = current_app.config.get("JOBS", "auto")
    if mode not in ("redis", "auto"):
        return None
    state = current_app.extensions.setdefault(_QUEUE_STATE_KEY, {"checked": None, "up": True, "seen_up": False})
    now = time.monotonic()
    if state["checked"] is None or now - state["checked"] >= QUEUE_CHECK_INTERVAL_S:
        state["up"], state["checked"] = _redis_answers(), now
        state["seen_up"] = state["seen_up"] or state["up"]
    if state["up"]:
        return None
    if mode == "redis":
        return "waiting"
    return "inline" if state["seen_up"] else None


def _redis_answers() -> bool:
    """Ping Redis on a connection of its own with short time-outs: a page must not wait for it."""
    from redis import Redis
    from redis.exceptions import RedisError

    probe = current_app.extensions.get(_QUEUE_STATE_KEY + ".probe")
    if probe is None:
        probe = Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=0.5, socket_timeout=0.5)
        current_app.extensions[_QUEUE_STATE_KEY + ".probe"] = probe
    try:
        return bool(probe.ping())
    except (RedisError, OSError):
        return False


def job_queue():
    from rq import Queue

    return Queue(current_app.config["JOBS_QUEUE"], connection=redis_connection())


def worker_count() -> int:
    """Return how many RQ workers listen on the jobs queue; 0 when Redis does not answer."""
    from redis.exceptions import RedisError
    from rq import Worker

    try:
        redis_connection().ping()
        return Worker.count(connection=redis_connection(), queue=job_queue())
    except (RedisError, OSError) as error:
        logger.info("no Redis for background jobs (%s); running them inline", error)
        return 0


def _retry():
    from rq import Retry

    intervals = list(current_app.config["JOBS_RETRY_INTERVALS"])
    return Retry(max=len(intervals), interval=intervals) if intervals else None  # RQ refuses max=0


def _meta() -> dict[str, Any]:
    """RQ job meta: the id of the request (or job) that queued it, for the worker's log lines."""
    request_id = current_request_id()
    return {"request_id": request_id} if request_id else {}


def _enqueue_job(job: BackgroundJob) -> None:
    from ..jobs import tasks

    queue = job_queue()
    if job.kind == "import":
        rq_job = queue.enqueue(tasks.import_file, job.id, retry=_retry(), job_timeout=3600,
                               description=f"kohtaamo import job {job.id}", meta=_meta())
        job.rq_id = rq_job.id
        db.session.commit()
    for chunk_id in pending_chunk_ids(job.id):
        _enqueue_chunk(chunk_id)


def _enqueue_chunk(chunk_id: int) -> None:
    from ..jobs import tasks

    job_queue().enqueue(tasks.score_chunk, chunk_id, retry=_retry(), job_timeout=1800, job_id=chunk_rq_id(chunk_id),
                        description=f"kohtaamo AutoQA chunk {chunk_id}", meta=_meta())


def chunk_rq_id(chunk_id: int, queue_name: str | None = None) -> str:
    """Return the RQ job id of a chunk: fixed, so a sweep or a retry can find the chunk's RQ job."""
    name = queue_name or current_app.config["JOBS_QUEUE"]
    return "kohtaamo-{}-chunk-{}".format("".join(c if c.isalnum() or c in "_-" else "_" for c in name), chunk_id)


# ------------------------------------------------------------------ reading


def get_job(job_id: int) -> BackgroundJob | None:
    return db.session.get(BackgroundJob, job_id)


def import_report(job: BackgroundJob) -> dict[str, Any] | None:
    """Return the import part's report (the CLI's JSON report), once the import is done."""
    result = job.result
    return result.get("import") if result else None


def percent(job: BackgroundJob) -> int:
    return 100 if job.status == "finished" else (int(100 * job.done / job.total) if job.total else 0)


def recent_jobs(user: User, limit: int = 5) -> list[BackgroundJob]:
    """Return the user's newest jobs, for the import page."""
    return list(db.session.scalars(select(BackgroundJob).where(BackgroundJob.created_by_id == user.id)
                                   .order_by(BackgroundJob.id.desc()).limit(limit)))
