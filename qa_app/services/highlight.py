"""Split a graded reply into highlighted pieces with numbered marks, for the debrief."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Strongest first: where marks overlap, the strongest one decides how the text looks.
SEVERITY_ORDER = ("error", "warning", "info", "credit")


@dataclass(frozen=True)
class Mark:
    """A numbered finding, positioned in the reply."""

    number: int
    start: int
    end: int
    severity: str
    category: str
    message: str
    suggestions: tuple[str, ...] = ()
    criterion: str = ""
    rule: str = ""
    penalty: float = 0.0
    credit: float = 0.0
    criterion_id: str = ""

    @property
    def points(self) -> float:
        """Return what this note did to its criterion's score: + for a credit, − for a deduction."""
        return round(self.credit - self.penalty, 1)

    @property
    def is_general(self) -> bool:
        """Tell whether the finding is about the reply as a whole (e.g. a missing key point)."""
        return self.start == self.end == 0


@dataclass(frozen=True)
class Piece:
    """Either a run of text (covered by zero or more marks) or a reference to the mark ending there."""

    text: str = ""
    marks: tuple[int, ...] = ()
    severity: str | None = None
    ref: Mark | None = None

    @property
    def is_ref(self) -> bool:
        return self.ref is not None


def number_findings(
    text: str, findings: Iterable[tuple[str, str, Mapping[str, Any]]]
) -> list[Mark]:
    """Number (criterion id, criterion title, finding) triples in reading order, clamping spans."""
    marks = []
    for criterion_id, criterion, finding in findings:
        start = _clamp(finding.get("start", 0), len(text))
        end = max(start, _clamp(finding.get("end", start), len(text)))
        severity = finding.get("severity") if finding.get("severity") in SEVERITY_ORDER else "info"
        marks.append((start, end, severity, criterion_id, criterion, finding))
    # In reading order; notes about the whole reply (an empty span at 0) come last.
    marks.sort(
        key=lambda item: (item[0] == item[1] == 0, item[0], item[1], SEVERITY_ORDER.index(item[2]))
    )
    return [
        Mark(
            number=index,
            start=start,
            end=end,
            severity=severity,
            category=str(finding.get("category", "")),
            message=str(finding.get("message", "")),
            suggestions=tuple(str(s) for s in finding.get("suggestions") or ()),
            criterion=criterion,
            rule=str(finding.get("rule", "")),
            penalty=_points(finding.get("penalty")),
            credit=_points(finding.get("credit")),
            criterion_id=criterion_id,
        )
        for index, (start, end, severity, criterion_id, criterion, finding) in enumerate(
            marks, start=1
        )
    ]


def pieces(text: str, marks: list[Mark]) -> list[Piece]:
    """Cut `text` at every mark boundary; after each mark's last character comes its reference.

    Overlapping marks share the pieces they both cover, so no span is lost or doubled. Notes
    about the whole reply get no place in the text; the debrief lists them on their own.
    """
    placed = [m for m in marks if not m.is_general]
    bounds = sorted({0, len(text), *(m.start for m in placed), *(m.end for m in placed)})
    result = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        covering = [m for m in placed if m.start <= left and m.end >= right and m.start < m.end]
        result.append(
            Piece(text[left:right], tuple(m.number for m in covering), strongest(covering))
        )
        result.extend(Piece(ref=m) for m in placed if m.end == right)
    return result


def strongest(marks: Iterable[Mark]) -> str | None:
    """Return the most serious severity among `marks`."""
    severities = [m.severity for m in marks]
    return min(severities, key=SEVERITY_ORDER.index) if severities else None


def _points(value: Any) -> float:
    """Read a stored penalty or credit; grades stored before credits were recorded have none."""
    try:
        return max(0.0, float(value or 0.0))
    except (TypeError, ValueError):
        return 0.0


def _clamp(value: Any, length: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    return max(0, min(length, number))
