"""Is this process ready to serve? Database, Redis (when jobs use it) and the grading resources.

Used by `/readyz`, by `kohtaamo serve` before it starts workers, and by each gunicorn worker
(`warm_up_grading`) before its first request. Messages name the host and say what to check; they
never include a password or any personal data.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from flask import Flask, current_app
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db

log = logging.getLogger(__name__)
_READY_KEY = "kohtaamo.grading_ready"
WARM_LANGUAGES = ("fi", "en", "sv")
WARM_SCORERS = ("grammar", "clarity", "accuracy", "empathy")


@dataclass(frozen=True)
class Check:
    """One readiness check: its name, whether it passed, and a line saying what was found."""

    name: str
    ok: bool
    detail: str
    required: bool = True

    def to_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "detail": self.detail, "required": self.required}


def database_target(url: str) -> str:
    """Where a database URL points, for messages: host:port/name, or the SQLite file (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {parsed.database or ':memory:'}"
    port = f":{parsed.port}" if parsed.port else ""
    return (
        f"{parsed.get_backend_name()} at {parsed.host or 'localhost'}{port}/{parsed.database or ''}"
    )


def database_problem_line(url: str, error: BaseException) -> str:
    """One line for a database that cannot be used: where it is, why, and what to check."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    reason_line = reason[0] if reason else type(error).__name__
    return (
        f"cannot use the database ({database_target(url)}): {reason_line}; check that the database "
        f"server runs there and that KOHTAAMO_DATABASE_URL names the right host, port, database and user"
    )


def probe_database(url: str, timeout_s: int = 5) -> str | None:
    """Connect once with a short time-out and run SELECT 1; return a problem line, or None when it works."""
    parsed = make_url(url)
    connect_args = (
        {"connect_timeout": timeout_s} if parsed.get_backend_name() == "postgresql" else {}
    )
    engine = create_engine(parsed, connect_args=connect_args)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        return database_problem_line(url, error)
    finally:
        engine.dispose()
    return None


def check_database(engine: Engine | None = None) -> Check:
    engine = engine if engine is not None else db.engine
    started = time.perf_counter()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as error:
        return Check("database", False, database_problem_line(engine.url.render_as_string(), error))
    return Check(
        "database",
        True,
        f"{database_target(engine.url.render_as_string())}: "
        f"SELECT 1 in {(time.perf_counter() - started) * 1000:.1f} ms",
    )


def check_redis() -> Check:
    """Redis must answer when jobs are set to run on it; with "auto" it is optional (jobs run inline)."""
    from redis.exceptions import RedisError

    from . import jobs

    mode = current_app.config.get("JOBS", "auto")
    if mode == "inline":
        return Check("redis", True, "not used: KOHTAAMO_JOBS=inline", required=False)
    try:
        jobs.redis_connection().ping()
    except (RedisError, OSError) as error:
        required = mode == "redis"
        where = _redis_target(current_app.config["REDIS_URL"])
        detail = f"Redis at {where} does not answer ({jobs._reason(error)})"
        return Check(
            "redis", False, detail + ("" if required else "; jobs run inline"), required=required
        )
    return Check(
        "redis",
        True,
        f"Redis at {_redis_target(current_app.config['REDIS_URL'])} answers",
        required=mode == "redis",
    )


def _redis_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 6379}"


def check_grading(app: Flask | None = None) -> Check:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    state = app.extensions.get(_READY_KEY)
    if state is True:
        return Check("grading", True, "dictionaries and linters loaded in this worker")
    if isinstance(state, str):
        return Check("grading", False, f"grading resources failed to load: {state}")
    return Check("grading", False, "grading resources are not loaded in this worker yet")


def readiness() -> list[Check]:
    """Run every check (cheap: one query, one ping, one flag)."""
    return [check_database(), check_redis(), check_grading()]


def warm_up_grading(app: Flask) -> float:
    """Load dictionaries and linters and grade a few samples in this process; return the seconds taken.

    Harper loads parts of itself on its first long text, so a few generated replies are graded
    too; afterwards the first real request pays nothing. Call it in each worker after the fork:
    Voikko's and Harper's native objects are not shared across processes.
    """
    from ..grading.errors import BackendUnavailable
    from . import grading as grading_service

    started = time.perf_counter()
    with app.app_context():
        try:
            grading_service.grader().warm_up(WARM_LANGUAGES, WARM_SCORERS)
            _grade_samples()
        except (BackendUnavailable, OSError, SQLAlchemyError) as error:
            log.error("grading resources failed to load: %s", error)
            app.extensions[_READY_KEY] = (
                str(error).splitlines()[0] if str(error) else type(error).__name__
            )
            return time.perf_counter() - started
        finally:
            db.session.remove()
    app.extensions[_READY_KEY] = True
    return time.perf_counter() - started


def _grade_samples() -> None:
    from ..imports.generate import generate_conversations
    from . import autoqa, content_store
    from . import grading as grading_service

    rubric = content_store.library().rubric(autoqa.SCORECARD_ID)
    for conversation in generate_conversations(6, seed=1):
        for message in conversation["messages"]:
            if message["author"] == "agent":
                grading_service.grade_with(
                    message["text"],
                    None,
                    rubric,
                    grading_service.grader(),
                    conversation.get("language") or "auto",
                    conversation["channel"],
                )
