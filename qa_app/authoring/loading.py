"""Load-or-404/403 helpers the authoring views share: a record the user may see, a draft to edit."""

from __future__ import annotations

from typing import Protocol, TypeVar

from flask import abort
from flask_login import current_user

from ..content import UnknownContentError
from ..models import ContentVersion
from ..services import content_store
from ..services.authoring import drafts


class Viewable(Protocol):
    def can_view(self, user) -> bool: ...


V = TypeVar("V", bound=Viewable)


def viewable(found: V | None) -> V:
    """Return `found`, 404 when there is none, 403 when the user may not see it."""
    if found is None:
        abort(404)
    if not found.can_view(current_user):
        abort(403)
    return found


def open_draft(kind: str, content_id: str) -> ContentVersion:
    """Return the open draft of a scenario or rubric, starting one from its latest published
    version (404 if unknown).

    Content the database has never stored (a starter file nobody used yet) is stored as its
    published version first, as on first use, so the draft has a parent to show the changes
    against.
    """
    try:
        return drafts.start_draft(kind, content_id, current_user)
    except drafts.DraftError:
        pass
    library = content_store.library()
    try:
        item = library.rubric(content_id) if kind == "rubric" else library.scenario(content_id)
    except UnknownContentError:
        abort(404)
    if drafts.content_exists(kind, content_id):
        abort(404)
    content_store.record_version(kind, item)
    return drafts.start_draft(kind, content_id, current_user)
