"""The scenario examples in docs/content-format.md are valid content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_app.content import validate_paths

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = Path(__file__).parent / "data" / "library" / "rubrics"
BLOCKS = re.findall(
    r"```yaml\n(.*?)```", (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8"), re.S
)
SCENARIOS = [block for block in BLOCKS if block.startswith("id: ") and "opening:" in block]


@pytest.mark.parametrize("example", SCENARIOS, ids=lambda block: block.split()[1])
def test_documented_scenario_example_validates(example: str, tmp_path: Path) -> None:
    """Each full scenario example in the trainers' guide passes validation."""
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    assert [str(problem) for problem in validate_paths([path], [RUBRICS])] == []


def test_docs_have_both_examples() -> None:
    """The guide shows a grading-only scenario and a branching one."""
    assert len(SCENARIOS) == 2 and "turns:" in SCENARIOS[1]
