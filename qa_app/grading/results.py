"""Typed grading results. One `to_dict()` at the edge produces the public JSON contract."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

SEVERITIES = ("error", "warning", "info", "credit")


@dataclass(frozen=True)
class Finding:
    """One explained observation about a span of the answer.

    `start`/`end` are character offsets into the answer (Python str indices, end exclusive).
    `severity` "credit" marks something done well (e.g. an apology); it carries no deduction.
    `penalty` is the number of points this finding took off its criterion (0 for credits);
    `credit` the points a credit added (criteria that start low, like empathy, earn points).
    A criterion's score is its `baseline` plus the credits minus the penalties, kept to 0-100.
    """

    start: int
    end: int
    category: str
    message: str
    suggestions: tuple[str, ...] = ()
    severity: str = "warning"
    criterion: str = ""
    rule: str = ""
    penalty: float = 0.0
    credit: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "severity": self.severity,
            "rule": self.rule,
            "penalty": round(self.penalty, 1),
            "credit": round(self.credit, 1),
        }


@dataclass(frozen=True)
class AnalyzerResult:
    """What one analyzer returns: a 0-100 score (None = not applicable), findings, details.

    `baseline` is where the score starts before its findings' credits and penalties.
    """

    score: float | None
    findings: tuple[Finding, ...] = ()
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    baseline: float = 100.0


@dataclass(frozen=True)
class CriterionResult:
    id: str
    score: float | None
    level: str | None
    weight: float
    scorer: str
    findings: tuple[Finding, ...] = ()
    details: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    title: str = ""
    baseline: float | None = None  # None for a reviewer's manual score: it has no findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "scorer": self.scorer,
            "score": None if self.score is None else round(self.score, 1),
            "level": self.level,
            "weight": self.weight,
            "baseline": self.baseline,
            "findings": [f.to_dict() for f in self.findings],
            "details": _plain(self.details),
        }


@dataclass(frozen=True)
class ContentRef:
    id: str
    version: int
    content_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "version": self.version}
        if self.content_hash:
            data["hash"] = self.content_hash
        return data


@dataclass(frozen=True)
class GradeResult:
    language: str
    overall: float
    rubric: ContentRef
    scenario: ContentRef | None
    criteria: tuple[CriterionResult, ...]
    auto_failed: tuple[str, ...] = ()  # messages of the auto-fail rules that fired
    level: str | None = None

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.criteria for f in c.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "overall": round(self.overall, 1),
            "level": self.level,
            "rubric": self.rubric.to_dict(),
            "scenario": self.scenario.to_dict() if self.scenario else None,
            "auto_failed": list(self.auto_failed),
            "criteria": [c.to_dict() for c in self.criteria],
        }


def _plain(value: Any) -> Any:
    """Turn mappings/tuples in details into JSON-friendly dicts/lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
