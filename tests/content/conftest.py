"""Fixtures for content tests: paths to the YAML fixtures and a loaded fixture library."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_app.content import ContentLibrary, load_library

DATA = Path(__file__).parent / "data"
LIBRARY = DATA / "library"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def library() -> ContentLibrary:
    return load_library(LIBRARY / "scenarios", LIBRARY / "rubrics")
