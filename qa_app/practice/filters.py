"""Template filters of the practice pages: scenario texts (hard-wrapped in YAML), points, chart dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from flask_babel import format_decimal

from ..templating import local_date, local_datetime
from . import bp

# A line at least this long was probably wrapped by the author; a shorter one ("Best wishes,") is a real break.
WRAPPED_LINE = 50


@bp.app_template_filter("reflow")
def reflow(text: str | None) -> list[str]:
    """Split a text into paragraphs at blank lines and join lines that were only wrapped for the file."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        joined = ""
        for index, line in enumerate(lines):
            if index:
                joined += " " if len(lines[index - 1]) >= WRAPPED_LINE else "\n"
            joined += line
        if joined:
            paragraphs.append(joined)
    return paragraphs


@bp.app_template_filter("points")
def points(value: float | None, signed: bool = False) -> str:
    """Format score points in the UI locale (5,5 in Finnish), with a real minus sign when signed."""
    if value is None:
        return "–"
    shown = format_decimal(abs(value) if signed else value, format="#,##0.#")
    if not signed:
        return shown
    return ("+" if value >= 0 else "−") + "\u2009" + shown


@bp.app_template_filter("chart_labels")
def chart_labels(times: Iterable[datetime]) -> list[str]:
    """Label chart points by day in the UI locale, or by day and time when two share a day."""
    times = list(times)
    labels = [local_date(t) for t in times]
    if len(set(labels)) < len(labels):  # several sessions a day: the dates alone would repeat
        labels = [local_datetime(t) for t in times]
    return labels
