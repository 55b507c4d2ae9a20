"""Plain-text grade report: scores per criterion and the answer with numbered problem marks."""

from __future__ import annotations

from typing import Any

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LABELS = {
    "en": {"overall": "Overall", "criteria": "Criteria", "answer": "Answer", "notes": "Notes",
           "na": "n/a", "failed": "Auto-fail"},
    "fi": {"overall": "Kokonaisarvio", "criteria": "Kriteerit", "answer": "Vastaus", "notes": "Huomiot",
           "na": "ei arvioitu", "failed": "Automaattinen hylkäys"},
}


def text_report(text: str, result: Any, ui_lang: str = "en") -> str:
    """Return a readable report of a GradeResult for `text`."""
    labels = _LABELS.get(ui_lang, _LABELS["en"])
    lines = [f"{labels['overall']}: {result.overall:.0f}/100" + (f" ({result.level})" if result.level else "")]
    lines += [f"{labels['failed']}: {message}" for message in result.auto_failed]
    lines += ["", f"{labels['criteria']}:"]
    for criterion in result.criteria:
        score = labels["na"] if criterion.score is None else f"{criterion.score:.0f}"
        level = f" ({criterion.level})" if criterion.level else ""
        lines.append(f"  {criterion.title or criterion.id:<28} {score:>5}{level}  ×{criterion.weight:g}")
    findings = sorted((f for f in result.findings if f.end > f.start), key=lambda f: (f.start, f.end))
    marked, notes = mark_spans(text, findings)
    lines += ["", f"{labels['answer']}:", marked]
    if notes:
        lines += ["", f"{labels['notes']}:", *notes]
    return "\n".join(lines)


def mark_spans(text: str, findings: list[Any]) -> tuple[str, list[str]]:
    """Wrap problem spans as [[span]]ⁿ (overlapping spans share the first one's mark)."""
    out, notes, cursor, number = [], [], 0, 0
    open_end = -1
    for finding in findings:
        number += 1
        suggestion = f" → {', '.join(finding.suggestions)}" if finding.suggestions else ""
        penalty = f" (−{finding.penalty:.1f})" if finding.penalty else ""
        notes.append(f"  {number}. [{finding.category}] {finding.message}{suggestion}{penalty}")
        if finding.start < open_end or finding.end - finding.start > 60:
            continue  # nested or sentence-long spans are listed in the notes only
        out.append(text[cursor:finding.start])
        out.append(f"[[{text[finding.start:finding.end]}]]{str(number).translate(_SUPERSCRIPT)}")
        cursor = open_end = finding.end
    out.append(text[cursor:])
    return "".join(out), notes
