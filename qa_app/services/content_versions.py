"""Content in the database: import YAML files as published versions, export them, build the library.

No Flask here: the CLI, the demo and the app's library refresh call these functions. YAML files
are the exchange format; the database holds every version (see models/content.py).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from sqlalchemy import Connection, func, select

from ..content import ContentError, ContentLibrary, Problem
from ..content.build import build_rubric, build_scenario
from ..content.library import validate_paths_checked
from ..content.validate import CheckedFile
from ..content.yamlio import content_hash
from ..extensions import db
from ..models import ContentVersion, User
from ..models.content import PUBLISHED
from ..models.user import utcnow
from . import audit

KINDS = ("rubric", "scenario")  # rubrics first: scenarios name them
FOLDERS = {"rubric": "rubrics", "scenario": "scenarios"}

# What import did with one file.
PUBLISHED_NEW = "published"  # a new version, now the latest
PUBLISHED_OLDER = "published-older"  # stored as history; a newer published version stays in use
UNCHANGED = "unchanged"  # this version is already published with identical content


class ContentImportError(ContentError):
    """Files that cannot become published versions; nothing was imported."""


@dataclass(frozen=True)
class ImportOutcome:
    """One imported file: which version it is and what import did with it."""

    file: str
    kind: str
    content_id: str
    version: int
    action: str
    latest_version: int  # the published version in use after the import

    def describe(self) -> str:
        what = f"{self.kind} '{self.content_id}' v{self.version}"
        if self.action == PUBLISHED_OLDER:
            return f"{self.file}: {what} stored; v{self.latest_version} stays the one in use"
        return f"{self.file}: {what} {self.action}"


def import_paths(
    paths: Iterable[Path], *, published_by: User | None = None, note: str | None = None
) -> list[ImportOutcome]:
    """Make every scenario and rubric file under `paths` a published version, all or nothing.

    Identical content already published is a no-op; a file that changed but kept a version
    number the database already has raises ContentImportError with `file:line` problems, as
    do files that `kohtaamo validate` rejects. The caller commits.
    """
    with reference_rubrics() as references:
        checked = validate_paths_checked(list(paths), [references])
    if checked.problems:
        raise ContentImportError.from_problems(list(checked.problems))
    files = [*checked.rubrics, *checked.scenarios]
    problems = [problem for file in files for problem in _conflicts(file)]
    if problems:
        raise ContentImportError.from_problems(problems)
    outcomes = [_import_one(file, published_by, note) for file in files]
    db.session.flush()
    return outcomes


def starter_paths(content_dir: Path) -> list[Path]:
    """Return the starter library's folders under `content_dir` (CONTENT_DIR) that exist."""
    return [path for path in (content_dir / "rubrics", content_dir / "scenarios") if path.exists()]


def import_starter(content_dir: Path) -> list[ImportOutcome]:
    """Publish the starter files where they are new; a newer published version stays in use."""
    return import_paths(starter_paths(content_dir))


def export_latest(target: Path) -> list[Path]:
    """Write each scenario's and rubric's latest published version to target/{scenarios,rubrics}/."""
    written = []
    for version in latest_published():
        folder = target / FOLDERS[version.kind]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{version.content_id}.yaml"
        path.write_text(yaml_text(version), encoding="utf-8")
        written.append(path)
    return written


def yaml_text(version: ContentVersion) -> str:
    """Return the version as YAML: the text as written, or a dump of the stored body."""
    if version.source_yaml is not None:
        return version.source_yaml
    return yaml.safe_dump(body(version), allow_unicode=True, sort_keys=False, width=100)


def body(version: ContentVersion) -> dict[str, Any]:
    return json.loads(version.body_json)


def _latest_published_query():
    newest = (
        select(
            ContentVersion.kind,
            ContentVersion.content_id,
            func.max(ContentVersion.version).label("version"),
        )
        .where(ContentVersion.status == PUBLISHED)
        .group_by(ContentVersion.kind, ContentVersion.content_id)
        .subquery()
    )
    return select(ContentVersion).join(
        newest,
        (ContentVersion.kind == newest.c.kind)
        & (ContentVersion.content_id == newest.c.content_id)
        & (ContentVersion.version == newest.c.version),
    )


def latest_published() -> list[ContentVersion]:
    """Return the highest published version of every scenario and rubric, rubrics first."""
    rows = db.session.scalars(_latest_published_query())
    return sorted(rows, key=lambda row: (KINDS.index(row.kind), row.content_id))


def published_rows(connection: Connection) -> list[tuple[str, str, str]]:
    """Return (kind, content_id, body_json) of each latest published version, on `connection`."""
    query = _latest_published_query().with_only_columns(
        ContentVersion.kind, ContentVersion.content_id, ContentVersion.body_json
    )
    return [tuple(row) for row in connection.execute(query)]


def publish_generation(connection: Connection) -> tuple[Any, ...]:
    """Return what changes whenever a version is published: count, highest id, latest publish time.

    Published rows are never changed or deleted, so any publication changes this; the id and
    time also tell apart databases emptied and refilled to the same count (as tests do).
    """
    query = select(
        func.count(ContentVersion.id),
        func.max(ContentVersion.id),
        func.max(ContentVersion.published_at),
    ).where(ContentVersion.status == PUBLISHED)
    return tuple(connection.execute(query).one())


def library_from_rows(rows: Iterable[tuple[str, str, str]]) -> ContentLibrary:
    """Build a library from (kind, content_id, body_json) rows of published versions."""
    rubrics, scenarios = {}, {}
    for kind, content_id, body_json in rows:
        data = json.loads(body_json)
        if kind == "rubric":
            rubrics[content_id] = build_rubric(data)
        else:
            scenarios[content_id] = build_scenario(data)
    return ContentLibrary(MappingProxyType(rubrics), MappingProxyType(scenarios))


def library_from_database() -> ContentLibrary:
    """Build the library from the latest published versions alone (empty if there are none)."""
    return library_from_rows(published_rows(db.session.connection()))


def stored_version(kind: str, content_id: str, version: int) -> ContentVersion | None:
    """The stored row of this kind, id and version number (draft or published), if any."""
    return db.session.scalars(
        select(ContentVersion).where(
            ContentVersion.kind == kind,
            ContentVersion.content_id == content_id,
            ContentVersion.version == version,
        )
    ).first()


def _latest_before(kind: str, content_id: str, version: int) -> ContentVersion | None:
    return db.session.scalars(
        select(ContentVersion)
        .where(
            ContentVersion.kind == kind,
            ContentVersion.content_id == content_id,
            ContentVersion.status == PUBLISHED,
            ContentVersion.version < version,
        )
        .order_by(ContentVersion.version.desc())
    ).first()


def _latest_version(kind: str, content_id: str) -> int:
    return db.session.scalar(
        select(func.max(ContentVersion.version)).where(
            ContentVersion.kind == kind,
            ContentVersion.content_id == content_id,
            ContentVersion.status == PUBLISHED,
        )
    )


def _conflicts(file: CheckedFile) -> list[Problem]:
    data = file.parsed.data
    stored = stored_version(file.kind, data["id"], data["version"])
    if stored is None or (stored.is_published and stored.content_hash == content_hash(data)):
        return []
    if stored.is_published:
        message = (
            f"{file.kind} '{data['id']}' version {data['version']} is already published with "
            "other content; raise 'version' to publish this change"
        )
    else:
        message = (
            f"{file.kind} '{data['id']}' version {data['version']} is a draft in the app; "
            "publish or discard it there, or raise 'version'"
        )
    return [file.parsed.problem(("version",), message)]


def _import_one(file: CheckedFile, published_by: User | None, note: str | None) -> ImportOutcome:
    data = file.parsed.data
    kind, content_id, number = file.kind, data["id"], data["version"]
    if stored_version(kind, content_id, number) is None:
        row = ContentVersion(
            kind=kind,
            content_id=content_id,
            version=number,
            content_hash=content_hash(data),
            body_json=json.dumps(data, ensure_ascii=False, sort_keys=True, default=str),
            source_yaml=file.path.read_text(encoding="utf-8-sig"),
            status=PUBLISHED,
            parent=_latest_before(kind, content_id, number),
            note=note,
            created_by=published_by,
            published_by=published_by,
            published_at=utcnow(),
        )
        db.session.add(row)
        db.session.flush()
        latest = _latest_version(kind, content_id)
        action = PUBLISHED_NEW if latest == number else PUBLISHED_OLDER
        audit.record("content.publish", published_by, object_type="content_version",
                     object_id=row.id, reason=note,
                     details={"kind": kind, "content_id": content_id, "version": number, "imported": True})
    else:
        latest = _latest_version(kind, content_id)
        action = UNCHANGED
    return ImportOutcome(file.parsed.display, kind, content_id, number, action, latest)


@contextmanager
def reference_rubrics() -> Iterator[Path]:
    """Write the published rubrics to a folder, so imported scenarios may name them."""
    with tempfile.TemporaryDirectory(prefix="kohtaamo-rubrics-") as folder:
        for version in latest_published():
            if version.kind == "rubric":
                (Path(folder) / f"{version.content_id}.yaml").write_text(
                    yaml_text(version), encoding="utf-8"
                )
        yield Path(folder)
