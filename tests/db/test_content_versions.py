"""Used content versions are frozen snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from qa_app.services.content_store import ContentVersionConflict, record_version


@dataclass
class FakeItem:
    id: str = "jonotusmaksu"
    version: int = 1
    content_hash: str = "a" * 64
    raw: dict = field(default_factory=lambda: {"id": "jonotusmaksu", "version": 1})


def test_first_use_stores_snapshot(db):
    """The first use of a version stores its hash and parsed body."""
    stored = record_version("scenario", FakeItem())
    assert stored.id is not None and stored.content_hash == "a" * 64
    assert '"jonotusmaksu"' in stored.body_json


def test_same_version_same_content_reuses_snapshot(db):
    """Using an unchanged version again returns the same snapshot."""
    assert record_version("scenario", FakeItem()).id == record_version("scenario", FakeItem()).id


def test_changed_content_without_new_version_is_refused(db):
    """Editing a used version without raising `version` is an error that says what to do."""
    record_version("scenario", FakeItem())
    with pytest.raises(ContentVersionConflict, match="raise 'version'"):
        record_version("scenario", FakeItem(content_hash="b" * 64))


def test_new_version_is_a_new_snapshot(db):
    """Raising the version stores a second snapshot beside the first."""
    first = record_version("scenario", FakeItem())
    second = record_version("scenario", FakeItem(version=2, content_hash="b" * 64))
    assert first.id != second.id


def test_first_use_stores_a_published_version(db):
    """A snapshot stored on first use is a published version with its publish time."""
    stored = record_version("scenario", FakeItem())
    assert stored.status == "published" and stored.published_at is not None


def test_published_version_cannot_be_changed(db):
    """Changing a published version is refused at flush, whatever code tried it."""
    from qa_app.services.content_store import PublishedVersionFrozen

    stored = record_version("scenario", FakeItem())
    db.session.commit()
    stored.body_json = '{"changed": true}'
    with pytest.raises(PublishedVersionFrozen, match="make a new version"):
        db.session.flush()
    db.session.rollback()


def test_draft_can_change_and_then_be_published_once(db):
    """A draft is editable; the flush that publishes it succeeds, later changes are refused."""
    from qa_app.models import ContentVersion
    from qa_app.services.content_store import PublishedVersionFrozen

    draft = ContentVersion(
        kind="rubric", content_id="uusi", version=1, content_hash="c" * 64, body_json="{}",
        status="draft",
    )
    db.session.add(draft)
    db.session.commit()
    draft.body_json = '{"id": "uusi"}'
    db.session.commit()
    draft.status = "published"
    db.session.commit()
    draft.note = "later"
    with pytest.raises(PublishedVersionFrozen):
        db.session.flush()
    db.session.rollback()
