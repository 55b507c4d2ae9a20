"""Request ids and logs: one line per request, JSON or text, with an id that follows the request's jobs.

The request id is taken from the proxy's `X-Request-ID` when it looks like an id (letters, digits,
`-`, `_`, `.`, `:`; at most 64 characters), else generated; it is echoed in the response header and
kept in a context variable, so every log line of the request, and of the jobs it starts (RQ job
meta, or the inline job thread), carries it. Standard-library `logging` with a small formatter:
python-json-logger would add a dependency for the same 30 lines.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, Response, g, request

from .origin import Origin, reset_origin, set_origin

LOG_FORMATS = ("json", "text")
REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_HANDLER_MARK = "_kohtaamo_handler"
# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged too.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "kohtaamo_request_id", default=None
)
access_log = logging.getLogger("kohtaamo.request")


def current_request_id() -> str | None:
    """Return the id of the request (or job) this code runs for, if any."""
    return request_id_var.get()


def sane_request_id(value: str | None) -> str:
    """Return `value` when it is a plausible id from a proxy, else a new random one."""
    if value and _SANE_ID.match(value):
        return value
    return uuid.uuid4().hex


def install_record_factory() -> None:
    """Put the current request id on every log record (None outside requests and jobs); once per process."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, _HANDLER_MARK, False):
        return

    def factory(*args, **kwargs) -> logging.LogRecord:  # type: ignore[no-untyped-def]
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    setattr(factory, _HANDLER_MARK, True)
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line: time, level, logger, request id, message."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            defaults={"request_id": None},
        )


def formatter(log_format: str) -> logging.Formatter:
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format must be json or text (got {log_format!r})")
    return JsonFormatter() if log_format == "json" else TextFormatter()


# Lines that are the point of logging (one per request, per task, the server's own): always INFO.
ALWAYS_INFO = ("kohtaamo.request", "kohtaamo.serve", "qa_app.jobs.tasks")


def configure_logging(log_format: str, level: str = "WARNING") -> None:
    """Send the root logger's records to stderr in `log_format` (once per process; later calls re-format).

    The root logger gets `level`; request, task and server lines are logged at INFO whatever it is,
    so a command's own output stays quiet while a server still logs every request.
    """
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, _HANDLER_MARK, False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    handler.setFormatter(formatter(log_format))
    root.setLevel(level.upper())
    for name in ALWAYS_INFO:
        logging.getLogger(name).setLevel(min(logging.INFO, root.level))


def init_app(app: Flask) -> None:
    """Give every request an id and log one line when it ends; configure logging outside tests."""
    install_record_factory()
    if not app.testing:
        configure_logging(
            app.config.get("LOG_FORMAT") or "text", app.config.get("LOG_LEVEL") or "WARNING"
        )
    app.before_request(_start_request)
    app.after_request(_log_request)
    app.teardown_request(_end_request)


def _start_request() -> None:
    g.request_started = time.perf_counter()
    g.request_id = sane_request_id(request.headers.get(REQUEST_ID_HEADER))
    g.request_id_token = request_id_var.set(g.request_id)
    # Where audited actions come from (qa_app.origin): the channel, this id and the client address
    # (after ProxyFix when KOHTAAMO_PROXY_HOPS is set).
    via = "api" if request.blueprint == "api" else "web"
    g.audit_origin_token = set_origin(Origin(via, g.request_id, request.remote_addr))


def _log_request(response: Response) -> Response:
    request_id = g.get("request_id")
    if request_id:
        response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else None
    access_log.info(
        "%s %s %s %s ms",
        request.method,
        request.path,
        response.status_code,
        duration_ms,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
        },
    )
    return response


def _end_request(_error: BaseException | None) -> None:
    origin_token = g.pop("audit_origin_token", None)
    if origin_token is not None:
        try:
            reset_origin(origin_token)
        except ValueError:  # as below
            pass
    token = g.pop("request_id_token", None)
    if token is not None:
        try:
            request_id_var.reset(token)
        except ValueError:  # set in another context (a streamed response); nothing to undo here
            pass
