"""One grammar pass over a Finnish text for the Finnish rule tests: the findings of one rule."""

from __future__ import annotations

from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.results import Finding
from qa_app.grading.text import Document


def rule_findings(text: str, rule: str) -> list[Finding]:
    """Return the grammar findings of `rule` in the Finnish `text`."""
    result = GrammarAnalyzer().analyze(Document.build(text, "fi"), GradingContext())
    return [f for f in result.findings if f.rule == rule]


def spans_and_suggestions(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (flagged text, suggestions) of each finding of `rule` in the Finnish `text`."""
    return [(text[f.start:f.end], f.suggestions) for f in rule_findings(text, rule)]
