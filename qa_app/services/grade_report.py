"""Plain-text grade report: scores per criterion and the answer with numbered problem marks."""

from __future__ import annotations

from ..grading.results import Finding, GradeResult
from ..grading.specs import RubricSpec

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_LABELS = {
    "en": {"overall": "Overall", "criteria": "Criteria", "answer": "Answer", "notes": "Notes",
           "na": "n/a", "failed": "Auto-fail", "remove": "(delete)"},
    "fi": {"overall": "Kokonaisarvio", "criteria": "Kriteerit", "answer": "Vastaus", "notes": "Huomiot",
           "na": "ei arvioitu", "failed": "Automaattinen hylkäys", "remove": "(poista)"},
}


def text_report(text: str, result: GradeResult, ui_lang: str = "en", rubric: RubricSpec | None = None) -> str:
    """Return a readable report of `result` for `text`, in `ui_lang` with `rubric`'s titles."""
    labels = _LABELS.get(ui_lang, _LABELS["en"])
    lines = [f"{labels['overall']}: {result.overall:.0f}/100" + (f" ({result.display_level(rubric)})" if result.display_level(rubric) else "")]
    lines += [f"{labels['failed']}: {message}" for message in result.auto_fail_messages(ui_lang, rubric)]
    lines += ["", f"{labels['criteria']}:"]
    for criterion in result.criteria:
        score = labels["na"] if criterion.score is None else f"{criterion.score:.0f}"
        level = f" ({criterion.display_level(rubric)})" if criterion.display_level(rubric) else ""
        lines.append(f"  {criterion.display_title(rubric):<28} {score:>5}{level}  ×{criterion.weight:g}")
    findings = sorted((f for f in result.findings if f.end > f.start), key=lambda f: (f.start, f.end))
    marked, notes = mark_spans(text, findings, ui_lang)
    lines += ["", f"{labels['answer']}:", marked]
    if notes:
        lines += ["", f"{labels['notes']}:", *notes]
    return "\n".join(lines)


def mark_spans(text: str, findings: list[Finding], ui_lang: str = "en") -> tuple[str, list[str]]:
    """Wrap problem spans as [[span]]ⁿ (overlapping spans share the first one's mark)."""
    out, notes, cursor, number = [], [], 0, 0
    open_end = -1
    for finding in findings:
        number += 1
        # An empty replacement deletes the span ("contact to us" -> "contact us").
        suggestions = [s or _LABELS.get(ui_lang, _LABELS["en"])["remove"] for s in finding.rendered_suggestions(ui_lang)]
        suggestion = f" → {', '.join(suggestions)}" if suggestions else ""
        penalty = f" (−{finding.penalty:.1f})" if finding.penalty else ""
        notes.append(f"  {number}. [{finding.category}] {finding.render(ui_lang)}{suggestion}{penalty}")
        if finding.start < open_end or finding.end - finding.start > 60:
            continue  # nested or sentence-long spans are listed in the notes only
        out.append(text[cursor:finding.start])
        out.append(f"[[{text[finding.start:finding.end]}]]{str(number).translate(_SUPERSCRIPT)}")
        cursor = open_end = finding.end
    out.append(text[cursor:])
    return "".join(out), notes
