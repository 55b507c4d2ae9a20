"""The loaded content library, and the immutable versions of it that results point at."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event, select

from ..content import ContentError, ContentLibrary, load_library
from ..extensions import db
from ..models import ContentVersion
from ..models.content import PUBLISHED
from ..models.user import utcnow

_EXTENSION_KEY = "kohtaamo.content"


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
    """Load and validate the content library at start-up; a broken file stops the app."""
    root = Path(app.config["CONTENT_DIR"])
    app.extensions[_EXTENSION_KEY] = load_library([root / "scenarios"], [root / "rubrics"])


def library() -> ContentLibrary:
    return current_app.extensions[_EXTENSION_KEY]


def set_library(app: Flask, new_library: ContentLibrary) -> None:
    """Swap the library (tests, and reloads after authoring)."""
    app.extensions[_EXTENSION_KEY] = new_library


def record_version(kind: str, item: Any) -> ContentVersion:
    """Return the stored snapshot of `item`'s version, storing it on first use.

    Raises ContentVersionConflict when that version was stored with other content: a used
    version is frozen, so the file must raise `version` instead.
    """
    stored = db.session.scalars(
        select(ContentVersion).where(
            ContentVersion.kind == kind,
            ContentVersion.content_id == item.id,
            ContentVersion.version == item.version,
        )
    ).first()
    if stored is None:
        stored = ContentVersion(
            kind=kind,
            content_id=item.id,
            version=item.version,
            content_hash=item.content_hash,
            body_json=json.dumps(item.raw, ensure_ascii=False, sort_keys=True, default=str),
            status=PUBLISHED,
            published_at=utcnow(),
        )
        db.session.add(stored)
        db.session.flush()
    elif stored.content_hash != item.content_hash:
        raise ContentVersionConflict(
            f"{kind} '{item.id}' version {item.version} changed after it was used "
            f"(stored hash {stored.content_hash[:12]}, file hash {item.content_hash[:12]}); raise 'version'"
        )
    return stored


def stored_versions() -> list[ContentVersion]:
    return list(db.session.scalars(select(ContentVersion)))
