"""Detecting content changed without a version bump after it was used."""

from __future__ import annotations

import pytest

from qa_app.content import ContentLibrary, StoredVersion, check_against_stored


def test_same_hash_is_fine(library: ContentLibrary) -> None:
    """A stored version whose hash matches the file is no problem."""
    scenario = library.scenario("palautus")
    stored = [StoredVersion("scenario", "palautus", 2, scenario.content_hash)]
    assert check_against_stored(library, stored) == []


def test_changed_content_with_same_version_is_reported(library: ContentLibrary) -> None:
    """A used version whose content changed asks the trainer to raise 'version'."""
    stored = [StoredVersion("rubric", "chat-reply", 1, "0123456789abcdef" * 4)]
    (problem,) = check_against_stored(library, stored)
    assert problem.file.endswith("chat-reply.yaml") and problem.field == "version"
    assert problem.message.startswith(
        "rubric 'chat-reply' version 1 changed since it was used (stored hash 0123456789ab"
    )
    assert problem.message.endswith("; raise 'version'")


def test_other_versions_and_unknown_ids_are_ignored(library: ContentLibrary) -> None:
    """Older stored versions and content no longer in the library are not conflicts."""
    stored = [
        StoredVersion("scenario", "palautus", 1, "old"),
        StoredVersion("scenario", "removed", 1, "gone"),
    ]
    assert check_against_stored(library, stored) == []


def test_unknown_kind_is_a_value_error(library: ContentLibrary) -> None:
    """A stored record of an unknown kind is a programming error."""
    with pytest.raises(ValueError, match="unknown content kind"):
        check_against_stored(library, [StoredVersion("quiz", "x", 1, "h")])
