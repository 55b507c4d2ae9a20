"""Drafts of scenarios and rubrics: start, edit, check, publish and discard.

No Flask here: the authoring views, the CLI and tests call these. A draft is a ContentVersion
with status "draft" and the next free version number; it may be invalid while it is edited,
and it is checked with exactly the rules `kohtaamo validate` applies to files. Publishing turns
the row into a published version (immutable from then on, see models/content.py); every app
process picks it up through the library's publish-generation check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import func, select

from ...content import ContentError, Problem
from ...content.validate import check_text
from ...content.yamlio import content_hash
from ...extensions import db
from ...models import ContentVersion, User
from ...models.content import DRAFT, PUBLISHED
from ...models.user import utcnow
from .. import audit
from ..content_versions import FOLDERS, KINDS, body, reference_rubrics, yaml_text

NOTE_MAX = 2000


class DraftError(ContentError):
    """A draft operation that cannot be done (the message says why)."""


class DraftInvalid(DraftError):
    """A draft that breaks the content rules cannot be published; `problems` says where."""


class ContentIdTaken(DraftError):
    """A new scenario or rubric must have an id nobody has used."""


@dataclass(frozen=True)
class DraftCheck:
    """The problems `kohtaamo validate` finds in a draft; none means it can be published."""

    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def for_field(self, prefix: str) -> list[Problem]:
        """Return the problems about the field `prefix` or anything inside it."""
        return [problem for problem in self.problems if _inside(problem.field, prefix)]

    def unplaced(self, prefixes: list[str]) -> list[Problem]:
        """Return the problems about none of the fields in `prefixes` (shown at the top)."""
        return [
            problem
            for problem in self.problems
            if not any(_inside(problem.field, prefix) for prefix in prefixes)
        ]


def _inside(field: str, prefix: str) -> bool:
    return field == prefix or field.startswith((prefix + ".", prefix + "["))


def display_name(version: ContentVersion) -> str:
    """Name a version in problems as its file would be named: scenarios/<id>.yaml."""
    return f"{FOLDERS[version.kind]}/{version.content_id}.yaml"


def data(version: ContentVersion) -> dict[str, Any]:
    """Return a version's content as a dict (a draft's as last saved), keys in the order written.

    The stored body is sorted JSON; the YAML text keeps the order the file or the editor gave,
    so editors and new drafts start from that when it reads as a mapping.
    """
    stored = body(version)
    if version.source_yaml is None:
        return stored
    try:
        written = yaml.safe_load(version.source_yaml)
    except yaml.YAMLError:
        return stored
    if not isinstance(written, dict) or _json(written) != _json(stored):
        return stored  # text that was never stored as the body (broken YAML kept for the trainer)
    return written


def get_version(version_id: int) -> ContentVersion | None:
    return db.session.get(ContentVersion, version_id)


def versions_of(kind: str, content_id: str) -> list[ContentVersion]:
    """Return every stored version of one scenario or rubric, newest first (a draft is newest)."""
    return list(
        db.session.scalars(
            select(ContentVersion)
            .where(ContentVersion.kind == kind, ContentVersion.content_id == content_id)
            .order_by(ContentVersion.version.desc())
        )
    )


def latest_published(kind: str, content_id: str) -> ContentVersion | None:
    return next((row for row in versions_of(kind, content_id) if row.is_published), None)


def current_draft(kind: str, content_id: str) -> ContentVersion | None:
    return db.session.scalars(
        select(ContentVersion).where(
            ContentVersion.kind == kind,
            ContentVersion.content_id == content_id,
            ContentVersion.status == DRAFT,
        )
    ).first()


def all_drafts(kind: str | None = None) -> list[ContentVersion]:
    """Return every open draft (of one kind, if given), by kind and id."""
    query = select(ContentVersion).where(ContentVersion.status == DRAFT)
    if kind is not None:
        query = query.where(ContentVersion.kind == kind)
    rows = db.session.scalars(query)
    return sorted(rows, key=lambda row: (KINDS.index(row.kind), row.content_id))


def content_exists(kind: str, content_id: str) -> bool:
    return (
        db.session.scalar(
            select(func.count(ContentVersion.id)).where(
                ContentVersion.kind == kind, ContentVersion.content_id == content_id
            )
        )
        > 0
    )


def start_draft(kind: str, content_id: str, user: User) -> ContentVersion:
    """Return the open draft of a scenario or rubric, starting one from its latest published version.

    The caller commits. Raises DraftError when nothing of that id is stored.
    """
    _check_kind(kind)
    existing = current_draft(kind, content_id)
    if existing is not None:
        return existing
    parent = latest_published(kind, content_id)
    if parent is None:
        raise DraftError(f"there is no published {kind} '{content_id}' to start a draft from")
    content = data(parent)
    return _new_row(kind, content_id, _next_version(kind, content_id), content, user, parent)


def new_draft(
    kind: str, content: Mapping[str, Any], user: User, known_ids: frozenset[str] = frozenset()
) -> ContentVersion:
    """Start a draft of a new scenario or rubric from `content` (its `id` names it), version 1.

    `known_ids` are ids the app knows from elsewhere (content files the database has never
    had); a new draft may not take one. The caller commits.
    """
    _check_kind(kind)
    content_id = str(content.get("id") or "").strip()
    if not content_id:
        raise DraftError(f"a new {kind} needs an id")
    if content_exists(kind, content_id) or content_id in known_ids:
        raise ContentIdTaken(f"{kind} id '{content_id}' is already in use; choose another")
    return _new_row(kind, content_id, 1, dict(content), user, None)


def save_draft(draft: ContentVersion, content: Mapping[str, Any]) -> DraftCheck:
    """Store `content` as the draft's new text (id and version kept) and check it.

    Invalid content is saved too: a trainer may stop half-way. The caller commits.
    """
    _require_draft(draft)
    fixed = _with_identity(draft, content)
    _store(draft, fixed, yaml_dump(fixed))
    return check_draft(draft)


def save_draft_yaml(draft: ContentVersion, text: str) -> DraftCheck:
    """Store YAML text as the draft; text that is not a mapping is kept and reported."""
    _require_draft(draft)
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict):
        fixed = _with_identity(draft, loaded)
        draft.body_json = _json(fixed)
        draft.content_hash = content_hash(fixed)
        if (loaded.get("id"), loaded.get("version")) != (draft.content_id, draft.version):
            text = yaml_dump(fixed)  # the id and version name the row; write them back in
    draft.source_yaml = text
    db.session.flush()
    return check_draft(draft)


def check_draft(draft: ContentVersion) -> DraftCheck:
    """Check the draft's text with the rules of `kohtaamo validate` (scenarios against the rubrics)."""
    text = yaml_text(draft)
    with reference_rubrics() as references:
        checked = check_text(draft.kind, text, display_name(draft), sorted(references.glob("*.yaml")))
    return DraftCheck(tuple(checked.problems))


def publish_draft(draft: ContentVersion, user: User, note: str) -> ContentVersion:
    """Publish the draft with a note; it becomes immutable. The caller commits.

    Raises DraftInvalid with the problems when it breaks a content rule, and DraftError when
    the note is empty or a newer version was published while the draft was open.
    """
    _require_draft(draft)
    note = (note or "").strip()
    if not note:
        raise DraftError("say in a note what changed before publishing")
    if len(note) > NOTE_MAX:
        raise DraftError(f"the note is longer than {NOTE_MAX} characters")
    newest = latest_published(draft.kind, draft.content_id)
    if newest is not None and newest.version > draft.version:
        raise DraftError(
            f"version {newest.version} was published while this draft was open; "
            "discard the draft and start again from it"
        )
    checked = check_draft(draft)
    if not checked.ok:
        raise DraftInvalid.from_problems(checked.problems)
    draft.status = PUBLISHED
    draft.note = note
    draft.published_by = user
    draft.published_at = utcnow()
    db.session.flush()
    audit.record("content.publish", user, object_type="content_version", object_id=draft.id, reason=note,
                 details={"kind": draft.kind, "content_id": draft.content_id, "version": draft.version})
    return draft


def discard_draft(draft: ContentVersion) -> None:
    """Delete an open draft; published versions stay. The caller commits."""
    _require_draft(draft)
    db.session.delete(draft)
    db.session.flush()


def yaml_dump(content: Mapping[str, Any]) -> str:
    """Write content as YAML the way the starter files read: keys in order, text unescaped."""
    return yaml.safe_dump(dict(content), allow_unicode=True, sort_keys=False, width=100)


def _new_row(
    kind: str,
    content_id: str,
    number: int,
    content: dict[str, Any],
    user: User,
    parent: ContentVersion | None,
) -> ContentVersion:
    content = {**content, "id": content_id, "version": number}
    source = yaml_dump(content)
    draft = ContentVersion(
        kind=kind,
        content_id=content_id,
        version=number,
        content_hash=content_hash(content),
        body_json=_json(content),
        source_yaml=source,
        status=DRAFT,
        parent=parent,
        created_by=user,
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def _store(draft: ContentVersion, content: dict[str, Any], source: str) -> None:
    draft.body_json = _json(content)
    draft.content_hash = content_hash(content)
    draft.source_yaml = source
    db.session.flush()


def _with_identity(draft: ContentVersion, content: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the draft's id and version whatever the edit says: they name the row."""
    rest = {key: value for key, value in content.items() if key not in ("id", "version")}
    return {"id": draft.content_id, "version": draft.version, **rest}


def _next_version(kind: str, content_id: str) -> int:
    highest = db.session.scalar(
        select(func.max(ContentVersion.version)).where(
            ContentVersion.kind == kind, ContentVersion.content_id == content_id
        )
    )
    return (highest or 0) + 1


def _json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)


def _require_draft(version: ContentVersion) -> None:
    if not version.is_draft:
        raise DraftError(
            f"{version.kind} '{version.content_id}' version {version.version} is published and "
            "cannot change; start a draft from it"
        )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DraftError(f"unknown kind '{kind}' (use scenario or rubric)")
