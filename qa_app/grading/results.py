"""Typed grading results.

Findings carry a message code and its parameters, never rendered text: the reader's language is
chosen when a result is shown (`to_dict(ui_lang, rubric)` is the public JSON contract).
`to_stored()` / `GradeResult.from_stored()` are the versioned storage schema: a stored grade is
rebuilt into a `GradeResult` once, in one place, and rendered like a fresh one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .messages import CONTENT_PARAMS, LEGACY_CODE, message, render_parts

if TYPE_CHECKING:
    from .specs import RubricSpec

SEVERITIES = ("error", "warning", "info", "credit")
# 2: findings stored as codes + params, auto-fail rules by index. 1 (implicit): rendered messages.
STORED_SCHEMA = 2


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Finding:
    """One explained observation about a span of the answer.

    `start`/`end` are character offsets into the answer (Python str indices, end exclusive).
    `code` names the message and `params` fill it in; `tip` is an optional advice code.
    `severity` "credit" marks something done well (e.g. an apology); it carries no deduction.
    `penalty` is the number of points this finding took off its criterion (0 for credits);
    `credit` the points a credit added (criteria that start low, like empathy, earn points).
    A criterion's score is its `baseline` plus the credits minus the penalties, kept to 0-100.
    """

    start: int
    end: int
    category: str
    code: str
    params: Mapping[str, Any] = field(default_factory=_empty)
    suggestions: tuple[str, ...] = ()
    severity: str = "warning"
    criterion: str = ""
    rule: str = ""
    penalty: float = 0.0
    credit: float = 0.0
    tip: str = ""

    def render(self, ui_lang: str = "en") -> str:
        """Return the message in `ui_lang`."""
        return "".join(text for text, _ in self.render_parts(ui_lang))

    def render_parts(self, ui_lang: str = "en") -> list[tuple[str, str | None]]:
        """Return the message as (text, parameter name) pieces, for markup that tags content text."""
        return render_parts(self.code, self.params, ui_lang)

    def has_content_text(self) -> bool:
        """Tell whether the message quotes scenario text (shown in the scenario's language)."""
        return any(name in CONTENT_PARAMS for name in self.params)

    def rendered_suggestions(self, ui_lang: str = "en") -> list[str]:
        """Return the advice (in `ui_lang`) followed by the literal replacements."""
        return ([message(self.tip, ui_lang)] if self.tip else []) + list(self.suggestions)

    def to_dict(self, ui_lang: str = "en") -> dict[str, Any]:
        """Return the public JSON form, with the message rendered in `ui_lang`."""
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "code": self.code,
            "params": _plain(self.params),
            "message": self.render(ui_lang),
            "suggestions": self.rendered_suggestions(ui_lang),
            "severity": self.severity,
            "rule": self.rule,
            "penalty": round(self.penalty, 1),
            "credit": round(self.credit, 1),
        }

    def to_stored(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start, "end": self.end, "category": self.category, "code": self.code,
            "params": _plain(self.params), "suggestions": list(self.suggestions),
            "severity": self.severity, "rule": self.rule, "penalty": self.penalty,
            "credit": self.credit,
        }
        if self.tip:
            data["tip"] = self.tip
        return data

    @classmethod
    def from_stored(cls, data: Mapping[str, Any], criterion: str = "") -> Finding:
        """Rebuild a stored finding; one stored before codes keeps its rendered text."""
        code = data.get("code")
        params = data.get("params") if isinstance(data.get("params"), Mapping) else {}
        if not isinstance(code, str) or not code:
            code, params = LEGACY_CODE, {"text": str(data.get("message", ""))}
        severity = data.get("severity")
        return cls(
            start=_int(data.get("start")),
            end=_int(data.get("end")),
            category=str(data.get("category", "")),
            code=code,
            params=MappingProxyType(dict(params)),
            suggestions=tuple(str(s) for s in data.get("suggestions") or ()),
            severity=severity if severity in SEVERITIES else "info",
            criterion=criterion,
            rule=str(data.get("rule", "")),
            penalty=_points(data.get("penalty")),
            credit=_points(data.get("credit")),
            tip=str(data.get("tip") or ""),
        )


@dataclass(frozen=True)
class AnalyzerResult:
    """What one analyzer returns: a 0-100 score (None = not applicable), findings, details.

    `baseline` is where the score starts before its findings' credits and penalties.
    """

    score: float | None
    findings: tuple[Finding, ...] = ()
    details: Mapping[str, Any] = field(default_factory=_empty)
    baseline: float = 100.0
    notices: tuple[str, ...] = ()  # message codes: a fallback that changed how this was scored


@dataclass(frozen=True)
class CriterionResult:
    id: str
    score: float | None
    level: str | None
    weight: float
    scorer: str
    findings: tuple[Finding, ...] = ()
    details: Mapping[str, Any] = field(default_factory=_empty)
    title: str = ""  # the rubric's title in its default language; shown in the reader's by to_dict
    baseline: float | None = None  # None for a reviewer's manual score: it has no findings

    def display_title(self, rubric: RubricSpec | None = None) -> str:
        """Return the title from `rubric` (a spec in the reader's language), else the stored one."""
        spec = rubric.criterion(self.id) if rubric is not None else None
        return spec.title if spec is not None and spec.title else self.title or self.id

    def display_level(self, rubric: RubricSpec | None = None) -> str | None:
        """Return the level label from `rubric` (in the reader's language), else the stored one."""
        spec = rubric.criterion(self.id) if rubric is not None else None
        if spec is None or not spec.levels:
            return self.level
        level = spec.level_for(self.score)
        return level.label if level else None

    def to_dict(self, ui_lang: str = "en", rubric: RubricSpec | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.display_title(rubric),
            "scorer": self.scorer,
            "score": None if self.score is None else round(self.score, 1),
            "level": self.display_level(rubric),
            "weight": self.weight,
            "baseline": self.baseline,
            "findings": [f.to_dict(ui_lang) for f in self.findings],
            "details": _plain(self.details),
        }

    def to_stored(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "scorer": self.scorer, "score": self.score,
            "level": self.level, "weight": self.weight, "baseline": self.baseline,
            "findings": [f.to_stored() for f in self.findings], "details": _plain(self.details),
        }

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> CriterionResult:
        criterion_id = str(data.get("id", ""))
        score, baseline = data.get("score"), data.get("baseline")
        return cls(
            id=criterion_id,
            score=float(score) if isinstance(score, (int, float)) else None,
            level=data.get("level"),
            weight=float(data.get("weight") or 0.0),
            scorer=str(data.get("scorer", "")),
            findings=tuple(Finding.from_stored(f, criterion_id) for f in data.get("findings") or ()
                           if isinstance(f, Mapping)),
            details=MappingProxyType(dict(data.get("details") or {})),
            title=str(data.get("title", "")),
            baseline=float(baseline) if isinstance(baseline, (int, float)) else None,
        )


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

    @classmethod
    def from_stored(cls, data: Any) -> ContentRef | None:
        if not isinstance(data, Mapping) or "id" not in data:
            return None
        return cls(str(data["id"]), _int(data.get("version")), data.get("hash"))


@dataclass(frozen=True)
class AutoFail:
    """An auto-fail rule that fired: its position in the rubric's `auto_fail` list and its cap.

    The message is the rubric's, in the reader's language; `message` keeps the text that was
    shown when the grade was made, for grades whose rubric is not at hand.
    """

    index: int
    kind: str
    cap: float
    criterion: str | None = None
    below: float | None = None
    message: str = ""

    def render(self, ui_lang: str = "en", rubric: RubricSpec | None = None) -> str:
        if self.index < 0:
            return self.message  # a grade stored before rules were kept by index: its own text
        if rubric is not None and self.index < len(rubric.auto_fail) and rubric.auto_fail[self.index].message:
            return rubric.auto_fail[self.index].message
        if self.kind == "forbidden_claim":
            return message("autofail.forbidden_claim", ui_lang)
        if self.kind == "criterion_below":
            return message("autofail.criterion_below", ui_lang, criterion=self.criterion or "", below=self.below or 0)
        if self.kind == "finding":
            return message("autofail.finding", ui_lang)
        return self.message or self.kind

    def to_stored(self) -> dict[str, Any]:
        return {"index": self.index, "kind": self.kind, "cap": self.cap, "criterion": self.criterion,
                "below": self.below, "message": self.message}

    @classmethod
    def from_stored(cls, data: Any) -> AutoFail:
        if isinstance(data, str):  # schema 1 stored the rendered message only
            return cls(-1, "", 0.0, message=data)
        below = data.get("below")
        return cls(_int(data.get("index"), -1), str(data.get("kind", "")), _points(data.get("cap")),
                   data.get("criterion"), float(below) if isinstance(below, (int, float)) else None,
                   str(data.get("message") or ""))


@dataclass(frozen=True)
class GradeResult:
    language: str
    overall: float
    rubric: ContentRef
    scenario: ContentRef | None
    criteria: tuple[CriterionResult, ...]
    auto_failed: tuple[AutoFail, ...] = ()
    level: str | None = None
    content_lang: str | None = None  # language of the scenario text that findings quote
    notices: tuple[str, ...] = ()  # message codes for conditions that changed how it was graded

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for c in self.criteria for f in c.findings)

    def display_level(self, rubric: RubricSpec | None = None) -> str | None:
        """Return the overall level label from `rubric` (in the reader's language), else the stored one."""
        if rubric is None or not rubric.levels:
            return self.level
        level = rubric.level_for(self.overall)
        return level.label if level else None

    def auto_fail_messages(self, ui_lang: str = "en", rubric: RubricSpec | None = None) -> list[str]:
        return [rule.render(ui_lang, rubric) for rule in self.auto_failed]

    def to_dict(self, ui_lang: str = "en", rubric: RubricSpec | None = None) -> dict[str, Any]:
        """Return the public JSON form, rendered for a reader of `ui_lang`.

        Pass the rubric spec in the reader's language (`Rubric.spec_in(ui_lang)`) so criterion
        titles and auto-fail messages are the rubric's own translations.
        """
        return {
            "language": self.language,
            "ui_lang": ui_lang,
            "content_lang": self.content_lang,
            "overall": round(self.overall, 1),
            "level": self.display_level(rubric),
            "rubric": self.rubric.to_dict(),
            "scenario": self.scenario.to_dict() if self.scenario else None,
            "auto_failed": self.auto_fail_messages(ui_lang, rubric),
            "notices": [message(code, ui_lang) for code in self.notices],
            "criteria": [c.to_dict(ui_lang, rubric) for c in self.criteria],
        }

    def to_stored(self) -> dict[str, Any]:
        """Return the versioned storage form (codes, not rendered text)."""
        return {
            "schema": STORED_SCHEMA,
            "language": self.language,
            "content_lang": self.content_lang,
            "overall": self.overall,
            "level": self.level,
            "rubric": self.rubric.to_dict(),
            "scenario": self.scenario.to_dict() if self.scenario else None,
            "auto_failed": [rule.to_stored() for rule in self.auto_failed],
            "notices": list(self.notices),
            "criteria": [c.to_stored() for c in self.criteria],
        }

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> GradeResult:
        """Rebuild a stored grade of any schema version (1: rendered messages; 2: codes)."""
        overall = data.get("overall")
        return cls(
            language=str(data.get("language", "")),
            overall=float(overall) if isinstance(overall, (int, float)) else 0.0,
            rubric=ContentRef.from_stored(data.get("rubric")) or ContentRef("", 0),
            scenario=ContentRef.from_stored(data.get("scenario")),
            criteria=tuple(CriterionResult.from_stored(c) for c in data.get("criteria") or ()
                           if isinstance(c, Mapping)),
            auto_failed=tuple(AutoFail.from_stored(a) for a in data.get("auto_failed") or ()
                              if isinstance(a, (str, Mapping))),
            level=data.get("level"),
            content_lang=data.get("content_lang"),
            notices=tuple(str(n) for n in data.get("notices") or ()),
        )


def _plain(value: Any) -> Any:
    """Turn mappings/tuples in details into JSON-friendly dicts/lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _points(value: Any) -> float:
    try:
        return max(0.0, float(value or 0.0))
    except (TypeError, ValueError):
        return 0.0
