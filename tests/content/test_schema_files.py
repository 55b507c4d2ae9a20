"""The published JSON Schemas: valid, in sync with the packaged copies, and usable alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path(__file__).parent / "data" / "library"


@pytest.mark.parametrize("kind", ["scenario", "rubric"])
def test_published_schema_matches_packaged_copy(kind: str) -> None:
    """schemas/<kind>.schema.json is the same file as qa_app/content/<kind>.schema.json."""
    published = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    packaged = (ROOT / "qa_app" / "content" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert published == packaged, f"copy qa_app/content/{kind}.schema.json to schemas/"


@pytest.mark.parametrize("kind", ["scenario", "rubric"])
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    """Each schema is itself valid JSON Schema draft 2020-12."""
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("kind", "folder"), [("scenario", "scenarios"), ("rubric", "rubrics")])
def test_fixture_library_passes_plain_jsonschema(kind: str, folder: str) -> None:
    """Valid fixtures pass the published schema with a stock validator (as editors use it)."""
    validator = Draft202012Validator(
        json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    )
    for path in (LIBRARY / folder).glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        data = json.loads(json.dumps(data, default=str))
        assert list(validator.iter_errors(data)) == [], path.name
