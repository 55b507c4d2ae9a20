"""The scenarios and rubrics shipped in the repository load without problems."""

from __future__ import annotations

from qa_app.content import ContentError, default_content_dirs, load_library


def test_shipped_library_is_valid() -> None:
    """Every file in scenarios/ and rubrics/ validates, so the app can start."""
    try:
        load_library(*default_content_dirs())
    except ContentError as exc:  # show every problem, not a truncated repr
        raise AssertionError(str(exc)) from None
