"""The flagged spans of one English hand-written rule, shared by the English rule tests."""

from __future__ import annotations

from qa_app.grading.analyzers.grammar_rules_en import find_issues
from qa_app.grading.text import Document


def spans(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (flagged text, suggestions) of the issues `rule` finds in `text`."""
    return [(text[i.start:i.end], i.suggestions) for i in find_issues(Document.build(text, "en")) if i.rule == rule]
