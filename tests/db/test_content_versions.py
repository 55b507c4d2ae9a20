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
