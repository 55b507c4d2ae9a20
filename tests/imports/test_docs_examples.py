"""The JSONL and CSV examples in docs/import-formats.md import without rejections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_app.imports import parse_conversations

DOC = (Path(__file__).resolve().parents[2] / "docs" / "import-formats.md").read_text("utf-8")


@pytest.mark.parametrize(("fence", "ids"), [("json", ["T-1001"]), ("csv", ["T-1001", "T-1002"])])
def test_doc_example_imports(fence, ids):
    """Each documented example parses into its conversations with nothing rejected."""
    (block,) = re.findall(rf"```{fence}\n(.*?)```", DOC, re.S)
    result = parse_conversations(block.encode(), "jsonl" if fence == "json" else "csv")
    assert result.rejected == ()
    assert [c.id for c in result.conversations] == ids
