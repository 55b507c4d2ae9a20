"""The RQ tasks: each runs one service call in a fresh app context and session.

A worker started with `kohtaamo worker` already holds the app (its parent process built it, the
forked work horse inherits it); a worker started some other way (`rq worker`) builds it on first
use. Each task tells the service whether this is its last attempt, from RQ's `retries_left`, so a
failure on the last attempt fails the job with one line and earlier ones only say "retrying".
Each task logs under the id of the request that started its job (RQ job meta `request_id`), and
the chunks an import queues carry it on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app, has_app_context

from ..logs import request_id_var

_app: Flask | None = None  # built once per worker process when no app context was inherited
log = logging.getLogger(__name__)


def import_file(job_id: int) -> None:
    """Import an uploaded file kept for a job, then queue its AutoQA chunks."""
    from ..services import jobs

    with _app_context(), _logged("import job", job_id):
        jobs.run_import(job_id, final_attempt=_final_attempt())


def score_chunk(chunk_id: int) -> bool:
    """Pre-score one chunk of conversations; a chunk already done does nothing."""
    from ..services import jobs

    with _app_context(), _logged("AutoQA chunk", chunk_id):
        return jobs.run_chunk(chunk_id, final_attempt=_final_attempt())


@contextmanager
def _logged(what: str, number: int) -> Iterator[None]:
    """Run under the request id from the RQ job's meta and log the task's start, end and duration."""
    token = request_id_var.set(_meta().get("request_id"))
    started = time.perf_counter()
    log.info("%s %s started", what, number)
    try:
        yield
        log.info("%s %s done in %.0f ms", what, number, (time.perf_counter() - started) * 1000,
                 extra={"duration_ms": round((time.perf_counter() - started) * 1000, 1)})
    except Exception:
        log.warning("%s %s failed after %.0f ms", what, number, (time.perf_counter() - started) * 1000)
        raise
    finally:
        request_id_var.reset(token)


def _meta() -> dict[str, Any]:
    from rq import get_current_job

    job = get_current_job()
    return dict(job.meta or {}) if job is not None else {}


def _final_attempt() -> bool:
    from rq import get_current_job

    job = get_current_job()
    return job is None or not job.retries_left


def _app_context():
    """A new app context (and so a new database session) on the worker's app."""
    global _app
    if has_app_context():
        return current_app._get_current_object().app_context()  # type: ignore[attr-defined]
    if _app is None:
        from .. import create_app

        _app = create_app()
    return _app.app_context()
