"""`kohtaamo worker` and `kohtaamo autoqa`: run background jobs, pre-score conversations."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext


def _worker_class():
    from rq import Worker

    from ..extensions import db

    class KohtaamoWorker(Worker):
        """An RQ worker whose forked work horses open their own database connections."""

        def main_work_horse(self, job, queue):  # runs in the forked child
            # The parent's pooled connections must not be shared with the child (NOTES.md).
            db.engine.dispose(close=False)
            return super().main_work_horse(job, queue)

    return KohtaamoWorker


@click.command("worker", short_help="Run an RQ worker for imports and AutoQA.")
@click.option("--queue", "queue_name", default=None, help="Queue to listen on (default: KOHTAAMO_JOBS_QUEUE, kohtaamo).")
@click.option("--burst", is_flag=True, help="Exit when the queue is empty instead of waiting for work.")
@with_appcontext
def worker_command(queue_name: str | None, burst: bool) -> None:
    """Work on background jobs from Redis (KOHTAAMO_REDIS_URL); start several to share a queue."""
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
    worker = _worker_class()([queue], connection=connection)
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
