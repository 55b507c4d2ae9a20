"""`kohtaamo worker` and `kohtaamo autoqa`: run background jobs, pre-score conversations."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

DEFAULT_HEARTBEAT_S = 10  # RQ's default is 30, with a job's heartbeat living 90 s


def _worker_class():
    from rq import Worker

    from ..extensions import db

    class KohtaamoWorker(Worker):
        """An RQ worker whose work horses open their own database connections, and which finds the
        chunks of workers that died: RQ's heartbeats and registry cleanup, every `heartbeat` × 3 s.

        RQ's own defaults notice a dead worker's job after 90 s and look every 10 minutes (longer
        when idle); here a job's heartbeat lives three heartbeats and every worker looks that often.
        """

        def __init__(self, *args, heartbeat: int = DEFAULT_HEARTBEAT_S, **kwargs):
            super().__init__(*args, job_monitoring_interval=heartbeat, maintenance_interval=3 * heartbeat, **kwargs)

        def get_heartbeat_ttl(self, job) -> int:
            # A running job stays in RQ's StartedJobRegistry this long after the last heartbeat.
            return 3 * self.job_monitoring_interval

        @property
        def dequeue_timeout(self) -> int:
            # Wake up when idle, too, so the maintenance below runs on time.
            return max(1, min(self.worker_ttl - 15, self.maintenance_interval))

        def run_maintenance_tasks(self):
            super().run_maintenance_tasks()  # RQ: a dead worker's job → retry, or failed when none is left
            from ..services import job_recovery

            try:
                job_recovery.sweep_lost_chunks(self.queue_names())
            except Exception:  # the next maintenance tries again; the worker must keep working
                self.log.exception("Worker %s: sweeping lost AutoQA chunks failed", self.name)
            finally:
                db.session.remove()  # hold no transaction while the horses write
            self.run_retention()

        def run_retention(self) -> None:
            """Once a day, anonymise conversations older than KOHTAAMO_RETENTION_DAYS (the audit log
            says when it last ran, so any worker may do it and a restart does not repeat it)."""
            from ..config import config_int
            from ..services import retention

            try:
                counts = retention.run_retention_if_due(config_int(current_app.config, "RETENTION_DAYS", 1))
                if counts is not None:
                    self.log.info("Worker %s: retention anonymised %s", self.name, counts.to_dict())
            except Exception:  # tried again at the next maintenance
                db.session.rollback()
                self.log.exception("Worker %s: the retention run failed", self.name)
            finally:
                db.session.remove()

        def main_work_horse(self, job, queue):  # runs in the forked child
            # The parent's pooled connections must not be shared with the child (NOTES.md).
            db.engine.dispose(close=False)
            return super().main_work_horse(job, queue)

    return KohtaamoWorker


@click.command("worker", short_help="Run an RQ worker for imports and AutoQA.")
@click.option("--queue", "queue_name", default=None, help="Queue to listen on (default: KOHTAAMO_JOBS_QUEUE, kohtaamo).")
@click.option("--burst", is_flag=True, help="Exit when the queue is empty instead of waiting for work.")
@click.option("--heartbeat", type=click.IntRange(1, 600), default=DEFAULT_HEARTBEAT_S, show_default=True,
              help="Seconds between heartbeats; a job whose worker died runs again after about 3 to 6 of them.")
@with_appcontext
def worker_command(queue_name: str | None, burst: bool, heartbeat: int) -> None:
    """Work on background jobs from Redis (KOHTAAMO_REDIS_URL); start several, on any machine, to share a queue.

    Every machine needs the same code version and the same KOHTAAMO_DATABASE_URL and
    KOHTAAMO_REDIS_URL. A job left behind by a worker that died (killed, its machine down) is
    retried by another worker; once its retries are used up it waits on /admin/jobs.
    """
    from redis.exceptions import RedisError
    from rq import Queue

    from ..services import jobs

    connection = jobs.redis_connection()
    try:
        connection.ping()
    except (RedisError, OSError) as error:
        raise click.ClickException(f"Redis does not answer at {current_app.config['REDIS_URL']}: {error}") from error
    queue = Queue(queue_name or current_app.config["JOBS_QUEUE"], connection=connection)
    # Load dictionaries and linters once here: every forked work horse inherits them.
    from ..services import grading as grading_service

    grading_service.grader().warm_up(("fi", "en", "sv"), ("grammar", "clarity", "accuracy", "empathy"))
    _grade_samples()
    worker = _worker_class()([queue], connection=connection, heartbeat=heartbeat)
    worker.work(burst=burst, with_scheduler=True)  # the scheduler runs retries after their back-off


def _grade_samples() -> None:
    """Grade a few generated replies: Harper loads parts of itself on its first long text (about 3 s),
    which every forked work horse would pay again."""
    from ..imports.generate import generate_conversations
    from ..services import autoqa, content_store
    from ..services import grading as grading_service

    rubric = content_store.library().rubric(autoqa.SCORECARD_ID)
    for conversation in generate_conversations(12, seed=1):
        for message in conversation["messages"]:
            if message["author"] == "agent":
                grading_service.grade_with(message["text"], None, rubric, grading_service.grader(),
                                           conversation.get("language") or "auto", conversation["channel"])


@click.command("autoqa", short_help="Pre-score conversations with the scorecard's automatic criteria.")
@click.option("--all", "everything", is_flag=True, help="Every conversation (those already scored are kept).")
@click.option("--unscored", is_flag=True, help="Only conversations without a result for the current scorecard (default).")
@click.option("--source", default=None, help="Only conversations imported from this source.")
@with_appcontext
def autoqa_command(everything: bool, unscored: bool, source: str | None) -> None:
    """Pre-score conversations, inline or on the RQ queue as KOHTAAMO_JOBS says.

    Scoring is idempotent: a conversation already scored with the current scorecard version is
    not scored again, so --all differs from --unscored only in what the job counts.
    """
    from ..services import autoqa, jobs

    if everything and unscored:
        raise click.UsageError("choose --all or --unscored, not both")
    ids = autoqa.scorable_ids(source) if everything else autoqa.unscored_ids(source)
    job = jobs.start_autoqa(ids, None)
    job = jobs.get_job(job.id)
    if job.params.get("mode") == "redis":
        click.echo(f"queued AutoQA job {job.id}: {job.total} conversations in {len(job.chunks)} chunks")
    elif job.status == "failed":
        raise click.ClickException(job.error or "AutoQA failed")
    else:
        click.echo(f"pre-scored: {job.done} of {job.total} conversations")


def register(cli: click.Group) -> None:
    for command in (worker_command, autoqa_command):
        cli.add_command(command)
