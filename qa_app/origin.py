"""Where the current action comes from (web request, command line, worker), for the audit log.

A context variable in a module that imports nothing else, so the `kohtaamo` command group can
set it without loading the database layer; services/audit.py reads it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """The channel ("web", "api", "cli", "worker", "app") and, for requests, request id and address."""

    via: str = "app"
    request_id: str | None = None
    address: str | None = None


_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar(
    "kohtaamo_audit_origin", default=Origin()  # noqa: B039 (frozen: never mutated)
)


def current_origin() -> Origin:
    return _origin.get()


def set_origin(origin: Origin) -> contextvars.Token[Origin]:
    return _origin.set(origin)


def reset_origin(token: contextvars.Token[Origin]) -> None:
    _origin.reset(token)


@contextmanager
def origin(via: str, request_id: str | None = None, address: str | None = None) -> Iterator[Origin]:
    """Attribute the events recorded inside the block to `via`."""
    value = Origin(via, request_id, address)
    token = set_origin(value)
    try:
        yield value
    finally:
        reset_origin(token)
