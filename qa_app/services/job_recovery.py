"""Failed and lost background jobs: find them, sweep chunks a dead worker left behind, retry them.

RQ itself notices a dead worker: the worker heartbeats each running job in its StartedJobRegistry,
and a worker's maintenance (`kohtaamo worker`, every few heartbeats) moves a job whose heartbeat
stopped to a retry, or to the failed registry once its retries are used up. What RQ cannot know is
our JobChunk rows, so `sweep_lost_chunks` (run by the worker after RQ's maintenance) marks a chunk
failed when its RQ job failed without our code seeing it (abandoned on its last attempt, or a work
horse killed), and queues again a chunk whose RQ job is gone from Redis (e.g. Redis restarted
without persistence). An admin retries failed jobs from /admin/jobs: only the chunks not yet done
run again, and since a chunk scores and counts once (`services.jobs`), a retry is always safe.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import exists, select, update
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import BackgroundJob, JobChunk
from . import jobs

logger = logging.getLogger(__name__)

_LOST_RQ_STATUSES = ("failed", "stopped", "canceled")
_WAITING_RQ_STATUSES = ("queued", "started", "scheduled", "deferred")
LIST_LIMIT = 200


class JobNotRetryable(ValueError):
    """The job cannot be retried (not failed, or its import itself failed and the file is gone)."""


@dataclass(frozen=True)
class FailedJob:
    """A job for the failed-jobs page: the job, its chunks not done, and whether Retry can help."""

    job: BackgroundJob
    failed_chunks: int  # chunks whose retries are used up
    unfinished_chunks: int  # chunks not done (failed, or never run)
    retryable: bool

    @property
    def percent(self) -> int:
        return jobs.percent(self.job)


@dataclass(frozen=True)
class SweepReport:
    """What one sweep did: chunks marked failed (their worker died) and chunks queued again."""

    failed: tuple[int, ...] = ()
    requeued: tuple[int, ...] = ()


# ------------------------------------------------------------------ reading


def can_retry(job: BackgroundJob) -> bool:
    """A failed job can be retried once its import (if any) is done: its conversations are stored."""
    return job.status == "failed" and (job.kind != "import" or job.result is not None)


def failed_jobs(limit: int = LIST_LIMIT) -> list[FailedJob]:
    """Return failed jobs and jobs with a chunk that failed after all retries, newest first."""
    has_failed_chunk = exists().where(
        JobChunk.job_id == BackgroundJob.id, JobChunk.status == "failed"
    )
    found = db.session.scalars(
        select(BackgroundJob)
        .where((BackgroundJob.status == "failed") | has_failed_chunk)
        .options(selectinload(BackgroundJob.chunks), selectinload(BackgroundJob.created_by))
        .order_by(BackgroundJob.id.desc())
        .limit(limit)
    )
    return [describe(job) for job in found]


def describe(job: BackgroundJob) -> FailedJob:
    failed = sum(1 for chunk in job.chunks if chunk.status == "failed")
    unfinished = sum(1 for chunk in job.chunks if chunk.status != "done")
    return FailedJob(job, failed, unfinished, can_retry(job))


def failed_chunk_count(job: BackgroundJob) -> int:
    """How many of the job's chunks failed after all their retries (for the job page's notice)."""
    return sum(1 for chunk in job.chunks if chunk.status == "failed")


# ------------------------------------------------------------------ retrying


def retry_job(job_id: int, background: bool = False) -> int:
    """Run a failed job's chunks that are not done again; return how many were queued or run.

    The job runs where a new job would (`jobs.use_redis()`); chunks whose RQ job is still waiting
    or running are left alone. Raises JobNotRetryable for a job that is not failed or whose import
    failed (upload the file again instead). The job's progress page shows the new run.
    """
    job = jobs._job(job_id)
    if not can_retry(job):
        raise JobNotRetryable(f"job {job_id} cannot be retried (status {job.status})")
    chunk_ids = [chunk.id for chunk in job.chunks if chunk.status != "done"]
    mode = "redis" if jobs.use_redis() else "inline"
    db.session.execute(
        update(JobChunk)
        .where(JobChunk.id.in_(chunk_ids), JobChunk.status == "failed")
        .values(status="pending")
        .execution_options(synchronize_session=False)
    )
    job.status = "running" if job.started_at else "queued"
    job.error, job.finished_at = None, None
    job.params_json = json.dumps({**job.params, "mode": mode})
    db.session.commit()
    logger.info(
        "job %s retried: %d chunks (%s)", job_id, len(chunk_ids), mode, extra={"job_id": job_id}
    )
    if mode == "redis":
        _requeue(job_id, chunk_ids)
    elif background and current_app.config.get("JOBS_INLINE_THREAD", True):
        jobs._in_thread(current_app._get_current_object(), job_id)  # type: ignore[attr-defined]
    else:
        try:
            jobs.run_job_inline(job_id)
        except Exception:  # recorded on the job (failed again, one line) where it happened
            logger.warning("retried job %s failed again; see the job's error", job_id)
    jobs.finish_if_complete(job_id)  # nothing left to run (e.g. a late run finished the chunks)
    return len(chunk_ids)


def retry_all_failed(background: bool = False) -> list[int]:
    """Retry every retryable failed job; return their ids."""
    ids = [item.job.id for item in failed_jobs(limit=10_000) if item.retryable]
    for job_id in ids:
        retry_job(job_id, background)
    return ids


def _requeue(job_id: int, chunk_ids: Sequence[int]) -> None:
    from redis.exceptions import RedisError

    try:
        for chunk_id in chunk_ids:
            if _rq_status(chunk_id) not in _WAITING_RQ_STATUSES:
                _forget_rq_job(chunk_id)
                jobs._enqueue_chunk(chunk_id)
    except (RedisError, OSError) as error:
        logger.error("job %s could not be queued again: %s", job_id, error)
        jobs._fail(
            job_id,
            jobs._line(
                "The job could not be queued: Redis does not answer (%(reason)s).",
                reason=jobs._reason(error),
            ),
        )


# ------------------------------------------------------------------ the sweep (run by workers)


def sweep_lost_chunks(queue_names: Iterable[str] | None = None) -> SweepReport:
    """Mark chunks failed whose RQ job failed unseen; queue again chunks whose RQ job is gone.

    Looks at the pending chunks of queued and running jobs that run on Redis. Run it after RQ's
    own registry cleanup, which is what turns a dead worker's job into a retry or a failure.
    `queue_names`: the queues whose chunk ids to look for (default: KOHTAAMO_JOBS_QUEUE).
    """
    names = list(queue_names or [current_app.config["JOBS_QUEUE"]])
    failed: list[int] = []
    requeued: list[int] = []
    _queue_waiting_imports()
    for chunk in _pending_redis_chunks():
        statuses = {_rq_status(chunk.id, name) for name in names}
        if statuses & {*_WAITING_RQ_STATUSES, "finished"}:
            continue  # on its way, or finished in RQ and committing its mark right now
        if statuses & set(_LOST_RQ_STATUSES):
            failed.append(chunk.id)
            _fail_lost_chunk(chunk)
        else:  # no RQ job at all: Redis lost it; queueing it twice by a race is harmless
            jobs._enqueue_chunk(chunk.id)
            requeued.append(chunk.id)
    if failed or requeued:
        logger.warning(
            "sweep: %d chunks failed (worker gone), %d queued again (lost from Redis)",
            len(failed),
            len(requeued),
        )
    return SweepReport(tuple(failed), tuple(requeued))


def _queue_waiting_imports() -> None:
    """Queue the import jobs that could not be queued when they started (Redis did not answer).

    Their AutoQA chunks come after the import; an AutoQA job's chunks that never reached Redis
    have no RQ job, so the sweep below queues them. Queued twice by a race, an import runs once.
    """
    waiting = db.session.scalars(select(BackgroundJob).where(
        BackgroundJob.kind == "import", BackgroundJob.status == "queued", BackgroundJob.rq_id.is_(None),
        BackgroundJob.result_json.is_(None)).order_by(BackgroundJob.id))
    for job in [job for job in waiting if job.params.get("mode") == "redis"]:
        job.error = None
        jobs._enqueue_job(job)  # commits the RQ id
        logger.warning("import job %s queued: Redis answers again", job.id, extra={"job_id": job.id})


def _pending_redis_chunks() -> list[JobChunk]:
    running = db.session.scalars(
        select(BackgroundJob).where(BackgroundJob.status.in_(("queued", "running")))
    )
    job_ids = [job.id for job in running if job.params.get("mode") == "redis"]
    if not job_ids:
        return []
    return list(
        db.session.scalars(
            select(JobChunk)
            .where(JobChunk.job_id.in_(job_ids), JobChunk.status == "pending")
            .order_by(JobChunk.id)
        )
    )


def _fail_lost_chunk(chunk: JobChunk) -> None:
    claimed = db.session.execute(
        update(JobChunk)
        .where(JobChunk.id == chunk.id, JobChunk.status == "pending")
        .values(status="failed", attempts=JobChunk.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if claimed:
        logger.warning(
            "AutoQA chunk %s of job %s: its worker stopped and its retries are used up",
            chunk.id,
            chunk.job_id,
        )
        jobs._fail(
            chunk.job_id,
            jobs._line(
                "AutoQA could not score %(count)d conversations: the worker running them stopped "
                "(a crash, or its machine went down) and every retry was used.",
                count=chunk.size,
            ),
        )


def _rq_status(chunk_id: int, queue_name: str | None = None) -> str | None:
    """The RQ status of a chunk's job ("queued", "failed", …), None when Redis has no such job."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(jobs.chunk_rq_id(chunk_id, queue_name), connection=jobs.redis_connection())
    except NoSuchJobError:
        return None
    status = job.get_status(refresh=False)
    return str(getattr(status, "value", status)) if status is not None else None


def _forget_rq_job(chunk_id: int) -> None:
    """Take a chunk's failed RQ job off RQ's failed registry; queueing it anew replaces its data."""
    from rq.registry import FailedJobRegistry

    FailedJobRegistry(current_app.config["JOBS_QUEUE"], connection=jobs.redis_connection()).remove(
        jobs.chunk_rq_id(chunk_id)
    )
