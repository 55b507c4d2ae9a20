"""`kohtaamo serve`: run the app under gunicorn (threads in forked worker processes), in-process.

The app is built once in the master (`preload_app`), so a broken setting or content file stops
start-up before any worker exists. The master also loads the grading resources (Voikko, Harper,
the Swedish and English dictionaries; about 320 MB) and freezes the garbage collector, so the
workers share those pages copy-on-write instead of each loading its own copy (they work after
a fork: checked in bench/README.md); `--no-preload-grading` loads them in each worker after the
fork instead. Each worker disposes of the inherited database pool before its first request. HUP restarts the workers gracefully
(gunicorn's own), TERM stops after the running requests finish, INT (Ctrl-C) stops at once.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

import click

from ..config import Config, ConfigError, config_int

MAX_DEFAULT_WORKERS = 8  # each worker holds its own dictionaries and linters (~150 MB)
_BIND = re.compile(r"^(?:unix:.+|(?P<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]*):(?P<port>\d{1,5}))$")
log = logging.getLogger("kohtaamo.serve")


def _fail(message: str) -> None:
    """Stop with exit code 2 and one line on stderr (bad input or an unusable setting)."""
    click.echo(f"kohtaamo serve: {message}", err=True)
    raise click.exceptions.Exit(2)


def default_workers() -> int:
    """2 × cores + 1, at most MAX_DEFAULT_WORKERS (gunicorn's rule of thumb, capped for memory)."""
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


def check_bind(bind: str) -> str:
    """Return `bind` when it is HOST:PORT, [IPv6]:PORT or unix:PATH with a port 1–65535; ConfigError otherwise."""
    match = _BIND.match(bind)
    if match is None or (
        match.group("port") is not None and not 0 < int(match.group("port")) < 65536
    ):
        raise ConfigError(
            f"--bind must be HOST:PORT or unix:PATH, e.g. 127.0.0.1:5000 (got {bind!r})"
        )
    return bind


def gunicorn_options(
    bind: str, workers: int, threads: int, timeout: int, graceful_timeout: int
) -> dict[str, Any]:
    """gunicorn settings for the app (hooks are added by `serve`)."""
    return {
        "bind": [bind],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        "timeout": timeout,  # a worker silent this long is restarted (gthread beats while requests run)
        "graceful_timeout": graceful_timeout,
        "keepalive": 5,
        "accesslog": None,  # the app logs one line per request itself, with its request id
        "errorlog": "-",
        "reload": False,
        "control_socket_disable": True,  # one per user by default: two servers would share it
        "proc_name": "kohtaamo",
    }


@click.command("serve", short_help="Serve the app with gunicorn (production server).")
@click.option(
    "--bind", default=None, help="HOST:PORT or unix:PATH (default: KOHTAAMO_BIND, 127.0.0.1:5000)."
)
@click.option(
    "--workers",
    default=None,
    help="Worker processes (default: KOHTAAMO_WORKERS, else 2 × cores + 1, at most 8).",
)
@click.option("--threads", default=None, help="Threads per worker (default: KOHTAAMO_THREADS, 4).")
@click.option(
    "--timeout",
    default=None,
    help="Seconds before a stuck worker is restarted (default: KOHTAAMO_TIMEOUT, 120).",
)
@click.option(
    "--preload-grading/--no-preload-grading",
    default=True,
    help="Load dictionaries and linters once in the master and share them (default), "
    "or load them in every worker.",
)
@click.option(
    "--graceful-timeout",
    default=None,
    help="Seconds to finish requests on restart or stop (default: 30).",
)
def serve_command(
    bind: str | None,
    workers: str | None,
    threads: str | None,
    timeout: str | None,
    graceful_timeout: str | None,
    preload_grading: bool,
) -> None:
    """Serve Kohtaamo with gunicorn: several workers, threads, health checks at /healthz and /readyz."""
    try:
        bind = check_bind(bind or Config.BIND or "127.0.0.1:5000")
        numbers = {
            name: _number(name, value)
            for name, value in (
                ("WORKERS", workers),
                ("THREADS", threads),
                ("TIMEOUT", timeout),
                ("GRACEFUL_TIMEOUT", graceful_timeout),
            )
        }
    except ConfigError as error:
        _fail(str(error))
    options = gunicorn_options(
        bind,
        numbers["WORKERS"] or default_workers(),
        numbers["THREADS"] or 4,
        numbers["TIMEOUT"] or 120,
        numbers["GRACEFUL_TIMEOUT"] or 30,
    )
    app = _build_app()
    _run(app, options, preload_grading)


def _number(name: str, option: str | None) -> int | None:
    """The option's value, else the KOHTAAMO_ variable's, as a whole number >= 1 (errors name the one given)."""
    if option is None:
        return config_int({name: getattr(Config, name)}, name, 1)
    try:
        return config_int({name: option}, name, 1)
    except ConfigError as error:
        raise ConfigError(
            str(error).replace(f"KOHTAAMO_{name}", "--" + name.lower().replace("_", "-"))
        ) from None


def _build_app():  # type: ignore[no-untyped-def]
    """Build the app in the master (JSON logs unless KOHTAAMO_LOG_FORMAT says otherwise) and check the database."""
    from .. import create_app
    from ..content import ContentError
    from ..services import readiness

    try:
        app = create_app(
            {"LOG_FORMAT": Config.LOG_FORMAT or "json", "LOG_LEVEL": Config.LOG_LEVEL or "INFO"}
        )
    except (ConfigError, ContentError) as error:
        _fail(f"cannot start: {str(error).splitlines()[0]}")
    problem = readiness.probe_database(app.config["SQLALCHEMY_DATABASE_URI"])
    if problem:
        _fail(problem)
    return app


def _run(app, options: dict[str, Any], preload_grading: bool = True) -> None:  # type: ignore[no-untyped-def]
    import gc

    from gunicorn.app.base import BaseApplication
    from gunicorn.glogging import Logger

    from ..extensions import db
    from ..logs import formatter
    from ..services import readiness

    log_format = app.config.get("LOG_FORMAT") or "json"

    class KohtaamoLogger(Logger):
        """gunicorn's own lines (start, workers, signals) in the app's log format."""

        def setup(self, cfg):  # type: ignore[no-untyped-def]
            super().setup(cfg)
            for handler in self.error_log.handlers:
                handler.setFormatter(formatter(log_format))

    def post_fork(server, worker) -> None:  # type: ignore[no-untyped-def]
        # The master's pooled connections must not be shared with the child (NOTES.md).
        with app.app_context():
            db.engine.dispose(close=False)

    _check_pool(app, options["threads"])
    preloaded = False
    if preload_grading:
        seconds = readiness.warm_up_grading(app)
        preloaded = readiness.check_grading(app).ok
        if preloaded:
            log.info(
                "grading resources loaded in the master in %.1f s, shared by the workers", seconds
            )
        with app.app_context():
            db.engine.dispose()  # the warm-up's connections stay with the master
        gc.collect()
        gc.freeze()  # objects made so far are never scanned, so the GC does not copy their pages

    def post_worker_init(worker) -> None:  # type: ignore[no-untyped-def]
        if preloaded:
            log.info("worker %s ready", os.getpid())
            return
        seconds = readiness.warm_up_grading(app)  # not preloaded, or failed in the master: try here
        log.info("worker %s ready: grading resources loaded in %.1f s", os.getpid(), seconds)

    def when_ready(server) -> None:  # type: ignore[no-untyped-def]
        where = options["bind"][0]
        url = where if where.startswith("unix:") else f"http://{where}"
        log.info(
            "serving on %s: %d workers × %d threads", url, options["workers"], options["threads"]
        )

    class KohtaamoApplication(BaseApplication):
        def load_config(self) -> None:
            settings = {
                **options,
                "logger_class": KohtaamoLogger,
                "post_fork": post_fork,
                "post_worker_init": post_worker_init,
                "when_ready": when_ready,
            }
            for key, value in settings.items():
                if key in self.cfg.settings:  # older gunicorn lacks e.g. control_socket_disable
                    self.cfg.set(key, value)

        def load(self):  # type: ignore[no-untyped-def]
            return app

    KohtaamoApplication().run()


def _check_pool(app, threads: int) -> None:  # type: ignore[no-untyped-def]
    """Warn when the threads could use up the connection pool. A request's content check runs
    before its session takes a connection, but a request that publishes checks again while its
    session holds one, so a request may still hold two: with more threads than half the pool such
    requests can wait on each other until the pool timeout (seen with the development server at
    50 users before the check moved, bench/README.md)."""
    from sqlalchemy.pool import QueuePool

    from ..extensions import db

    with app.app_context():
        pool = db.engine.pool
        if not isinstance(pool, QueuePool):
            return
        capacity = pool.size() + max(pool._max_overflow, 0)  # noqa: SLF001
    if 2 * threads > capacity:
        log.warning(
            "%d threads per worker may need %d database connections but the pool has %d: "
            "use --threads %d at most, or raise KOHTAAMO_DB_POOL_SIZE / KOHTAAMO_DB_MAX_OVERFLOW",
            threads,
            2 * threads,
            capacity,
            capacity // 2,
        )


def register(cli: click.Group) -> None:
    cli.add_command(serve_command)
