"""Analyzer registry keyed by the scorer names used in rubric YAML.

An analyzer is any object with `name` and `analyze(doc, ctx) -> AnalyzerResult`. Classes are
imported lazily so that loading a rubric does not load dictionaries; `scorer_names()` lets
content validation reject an unknown scorer when the file is read.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..context import GradingContext
    from ..results import AnalyzerResult
    from ..text import Document

_ANALYZER_CLASSES: dict[str, str] = {
    "grammar": "qa_app.grading.analyzers.grammar:GrammarAnalyzer",
    "clarity": "qa_app.grading.analyzers.clarity:ClarityAnalyzer",
    "accuracy": "qa_app.grading.analyzers.accuracy:AccuracyAnalyzer",
    "empathy": "qa_app.grading.analyzers.empathy:EmpathyAnalyzer",
    "response_time": "qa_app.grading.analyzers.response_time:ResponseTimeAnalyzer",
}


class Analyzer(Protocol):
    name: str

    def analyze(self, doc: Document, ctx: GradingContext) -> AnalyzerResult: ...


def scorer_names() -> tuple[str, ...]:
    return tuple(_ANALYZER_CLASSES)


def analyzer_class(name: str) -> type:
    """Return the analyzer class registered under `name` (KeyError for an unknown name)."""
    module_name, _, class_name = _ANALYZER_CLASSES[name].partition(":")
    return getattr(import_module(module_name), class_name)
