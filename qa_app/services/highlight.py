"""Split a graded reply into highlighted pieces with numbered marks, for the debrief."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..grading.messages import CONTENT_PARAMS
from ..grading.results import Finding

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
    message: str  # rendered in the reader's language
    suggestions: tuple[str, ...] = ()  # literal replacements, in the answer's language
    criterion: str = ""
    rule: str = ""
    penalty: float = 0.0
    credit: float = 0.0
    criterion_id: str = ""
    # The message as (text, quotes content) pieces: content text is in the scenario's language.
    parts: tuple[tuple[str, bool], ...] = ()
    tip: str = ""  # advice in the reader's language

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
    text: str, findings: Iterable[tuple[str, str, Finding]], ui_lang: str = "en"
) -> list[Mark]:
    """Number (criterion id, criterion title, finding) triples in reading order, clamping spans.

    Messages are rendered in `ui_lang`, the reader's language, whatever language was used
    when the reply was graded.
    """
    marks = []
    for criterion_id, criterion, finding in findings:
        start = _clamp(finding.start, len(text))
        end = max(start, _clamp(finding.end, len(text)))
        severity = finding.severity if finding.severity in SEVERITY_ORDER else "info"
        marks.append((start, end, severity, criterion_id, criterion, finding))
    # In reading order; notes about the whole reply (an empty span at 0) come last.
    marks.sort(
        key=lambda item: (item[0] == item[1] == 0, item[0], item[1], SEVERITY_ORDER.index(item[2]))
    )
    return [
        _mark(index, start, end, severity, criterion_id, criterion, finding, ui_lang)
        for index, (start, end, severity, criterion_id, criterion, finding) in enumerate(
            marks, start=1
        )
    ]


def _mark(
    number: int, start: int, end: int, severity: str, criterion_id: str, criterion: str,
    finding: Finding, ui_lang: str,
) -> Mark:
    parts = tuple(
        (piece, name in CONTENT_PARAMS) for piece, name in finding.render_parts(ui_lang)
    )
    tips = finding.rendered_suggestions(ui_lang)[: 1 if finding.tip else 0]
    return Mark(
        number=number,
        start=start,
        end=end,
        severity=severity,
        category=finding.category,
        message="".join(piece for piece, _ in parts),
        suggestions=finding.suggestions,
        criterion=criterion,
        rule=finding.rule,
        penalty=finding.penalty,
        credit=finding.credit,
        criterion_id=criterion_id,
        parts=parts,
        tip=tips[0] if tips else "",
    )


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


def _clamp(value: Any, length: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    return max(0, min(length, number))
