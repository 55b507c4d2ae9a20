"""Content hashes ignore layout and comments but change with any value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_app.content import ContentLibrary, content_hash, resolve_rubric

BASE = """\
id: hashed
version: 1
criteria:
  - {id: grammar, weight: 60, scorer: grammar}
  - {id: empathy, weight: 40, scorer: empathy}
"""
RELAID = """\
# A comment, different spacing, block style and another key order.
version:   1
id: "hashed"

criteria:
  - id: grammar
    scorer: grammar
    weight: 60
  - {scorer: empathy,   id: empathy, weight: 40}   # trailing comment
"""
CHANGED = BASE.replace("weight: 60", "weight: 61").replace("weight: 40", "weight: 39")


def _hash_of(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve_rubric(path, ContentLibrary()).content_hash


def test_layout_and_comments_keep_the_hash(tmp_path: Path) -> None:
    """Reformatting, comments, quoting and key order leave the hash unchanged."""
    assert _hash_of(tmp_path, BASE) == _hash_of(tmp_path, RELAID)


def test_value_change_alters_the_hash(tmp_path: Path) -> None:
    """Changing any value gives a different hash."""
    assert _hash_of(tmp_path, BASE) != _hash_of(tmp_path, CHANGED)


def test_hash_is_sha256_of_canonical_json() -> None:
    """content_hash is a 64-character hex sha256 that ignores mapping order."""
    first = content_hash({"a": 1, "b": ["ä", 2.5]})
    assert first == content_hash({"b": ["ä", 2.5], "a": 1})
    assert len(first) == 64 and first != content_hash({"a": 1, "b": ["ä", 2.6]})


def test_raw_dumps_as_json_with_the_same_hash(library: ContentLibrary) -> None:
    """json.dumps(item.raw) works and hashes to item.content_hash, so it can be stored."""
    for item in (*library.rubrics(), *library.scenarios()):
        assert content_hash(json.loads(json.dumps(item.raw))) == item.content_hash


def test_raw_is_read_only(library: ContentLibrary) -> None:
    """Loaded content cannot be changed in place."""
    with pytest.raises(TypeError, match="read-only"):
        library.rubric("chat-reply").raw["version"] = 2  # type: ignore[index]
