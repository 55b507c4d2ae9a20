"""The content library the app grades with, and the immutable versions of it that results point at.

The library is built from the published versions in the database (see content_versions), laid
over the files in CONTENT_DIR/scenarios and CONTENT_DIR/rubrics: a scenario or rubric the
database has is taken from the database, latest published version; one it has never had comes
from its file. So an empty or not yet migrated database serves the files, as before 0005.
Every app context checks once, with one cheap query, whether something was published since the
library was built and rebuilds it then, so every gunicorn and RQ worker process follows.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from flask import Flask, current_app, g, request
from sqlalchemy import Connection, event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import SingletonThreadPool, StaticPool

from ..content import ContentError, ContentLibrary, load_library
from ..extensions import db
from ..models import ContentVersion
from ..models.content import PUBLISHED
from ..models.user import utcnow

_EXTENSION_KEY = "kohtaamo.content"
_CHECKED_KEY = "kohtaamo_content_checked"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _LibraryState:
    """The file library, and the library built over it from the database at `generation`."""

    files: ContentLibrary
    generation: tuple[Any, ...] | None = None  # None: not built yet, or the database cannot be read
    built: ContentLibrary | None = None
    warned: bool = False  # said once that the database cannot be read


class ContentVersionConflict(ContentError):
    """A content file changed without a new version number after that version was used."""


class PublishedVersionFrozen(ContentError):
    """Something tried to change a published content version; a change is a new version."""


@event.listens_for(ContentVersion, "before_update")
def _refuse_published_update(mapper, connection, target) -> None:  # noqa: ARG001
    """A published version is never changed once stored: results point at exactly it."""
    # Ask the database: the old value of an expired attribute is not in the session's history.
    stored_status = connection.scalar(
        select(ContentVersion.status).where(ContentVersion.id == target.id)
    )
    if stored_status == PUBLISHED:
        raise PublishedVersionFrozen(
            f"{target.kind} '{target.content_id}' version {target.version} is published and "
            "cannot change; make a new version instead"
        )


def init_app(app: Flask) -> None:
    """Load and validate the content files at start-up; a broken file stops the app."""
    root = Path(app.config["CONTENT_DIR"])
    app.extensions[_EXTENSION_KEY] = _LibraryState(
        load_library([root / "scenarios"], [root / "rubrics"])
    )
    app.extensions[_EXTENSION_KEY + ".lock"] = threading.Lock()
    app.before_request(_check_before_session)


def _check_before_session() -> None:
    """Check the published versions before the request's session takes its connection.

    The check borrows a connection of its own (`_check_connection`). Done later, while the
    session holds one (loading `current_user` takes it), every request would need two at once:
    with as many concurrent requests as the pool has connections, each would wait for a second
    one until the pool timeout. Done first, the check's connection is back in the pool before
    the session asks for one. Static files and health checks skip it (liveness must not touch
    the database).
    """
    endpoint = request.endpoint or ""
    if endpoint == "static" or endpoint.endswith(".static") or endpoint.startswith("health."):
        return
    library()


def library() -> ContentLibrary:
    """Return the library: the database's published versions over the files, checked once per context."""
    if not g.get(_CHECKED_KEY):
        setattr(g, _CHECKED_KEY, True)
        _refresh(current_app._get_current_object())
    state: _LibraryState = current_app.extensions[_EXTENSION_KEY]
    return state.built or state.files


def refresh_library() -> ContentLibrary:
    """Check the database again now (after publishing in this context) and return the library."""
    g.pop(_CHECKED_KEY, None)
    return library()


def set_library(app: Flask, new_library: ContentLibrary) -> None:
    """Swap the file library under the database's versions (tests)."""
    app.extensions[_EXTENSION_KEY] = _LibraryState(new_library)


def _refresh(app: Flask) -> None:
    from .content_versions import library_from_rows, publish_generation, published_rows

    state: _LibraryState = app.extensions[_EXTENSION_KEY]
    try:
        with _check_connection() as connection:
            generation = publish_generation(connection)
            if generation == state.generation:
                return
            rows = published_rows(connection) if generation[0] else []
    except SQLAlchemyError as exc:  # not migrated yet, or the database is down
        if not state.warned:
            log.warning(
                "content: cannot read published versions (%s); serving the content files",
                getattr(exc, "orig", None) or exc.__class__.__name__,
            )
        app.extensions[_EXTENSION_KEY] = replace(state, generation=None, built=None, warned=True)
        return
    try:
        from_db = library_from_rows(rows)
    except ContentError as exc:
        log.error("content: published versions do not build (%s); keeping the previous library", exc)
        return
    with app.extensions[_EXTENSION_KEY + ".lock"]:
        current = app.extensions[_EXTENSION_KEY]
        app.extensions[_EXTENSION_KEY] = _LibraryState(
            current.files, generation, _overlay(current.files, from_db) if rows else None
        )


@contextmanager
def _check_connection() -> Iterator[Connection]:
    """Give the check its own connection, so it cannot begin or break the caller's transaction.

    An in-memory SQLite database has one connection for everything (StaticPool); closing a
    second handle on it would roll the session back, so the check borrows the session's there.
    """
    if isinstance(db.engine.pool, StaticPool | SingletonThreadPool):
        yield db.session.connection()
        return
    with db.engine.connect() as connection:
        yield connection


def _overlay(files: ContentLibrary, from_db: ContentLibrary) -> ContentLibrary:
    """Take every scenario and rubric the database has from it, the rest from the files."""
    return ContentLibrary(
        MappingProxyType({**files.rubrics_by_id, **from_db.rubrics_by_id}),
        MappingProxyType({**files.scenarios_by_id, **from_db.scenarios_by_id}),
    )


def record_version(kind: str, item: Any) -> ContentVersion:
    """Return the stored snapshot of `item`'s version, storing it on first use.

    Raises ContentVersionConflict when that version was stored with other content: a used
    version is frozen, so the file must raise `version` instead.
    """
    from .content_versions import stored_version

    stored = stored_version(kind, item.id, item.version)
    if stored is None:
        # Insert or get: another request may store the same first use at the same moment; its row
        # wins (the insert waits for it, then does nothing) and both use it.
        db.session.execute(
            _insert_new(ContentVersion).values(
                kind=kind,
                content_id=item.id,
                version=item.version,
                content_hash=item.content_hash,
                body_json=json.dumps(item.raw, ensure_ascii=False, sort_keys=True, default=str),
                status=PUBLISHED,
                published_at=utcnow(),
            ).on_conflict_do_nothing(index_elements=["kind", "content_id", "version"])
        )
        stored = stored_version(kind, item.id, item.version)
        assert stored is not None  # inserted now, or by the request that won
    if stored.content_hash != item.content_hash:
        raise ContentVersionConflict(
            f"{kind} '{item.id}' version {item.version} changed after it was used "
            f"(stored hash {stored.content_hash[:12]}, file hash {item.content_hash[:12]}); raise 'version'"
        )
    return stored


def _insert_new(model: Any) -> Any:
    """Return an INSERT that can skip a row the table has already (PostgreSQL and SQLite)."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def stored_versions() -> list[ContentVersion]:
    return list(db.session.scalars(select(ContentVersion)))
