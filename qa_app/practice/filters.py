"""Template filters for showing scenario texts, which are hard-wrapped in their YAML files."""

from __future__ import annotations

import re

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
