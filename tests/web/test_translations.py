"""The Finnish UI is complete: every string the templates and code mark has a Finnish text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "qa_app" / "translations" / "fi" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_every_marked_string_has_a_finnish_translation(tmp_path) -> None:
    """Extracting the strings anew finds none that fi/messages.po lacks or leaves fuzzy or empty."""
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-o", str(template), "."],
        check=True, capture_output=True, cwd=ROOT,  # babel.cfg's patterns are relative to the root
    )
    with template.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    assert len(wanted) > 100, "extraction found almost nothing: check babel.cfg"
    with CATALOGUE.open("rb") as handle:
        finnish = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(str(i) for i in wanted if i not in finnish)
    untranslated = sorted(
        str(i) for i in wanted & finnish.keys()
        if finnish[i].fuzzy or not all(finnish[i].string if isinstance(finnish[i].string, tuple) else [finnish[i].string])
    )
    assert not missing, f"run `make translations` and translate: {missing}"
    assert not untranslated, f"translate or unfuzzy in {CATALOGUE.name}: {untranslated}"


def test_finnish_texts_keep_the_placeholders() -> None:
    """A translation uses the same %(name)s placeholders as its English text, so formatting never fails."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in texts:
            assert set(PLACEHOLDER.findall(text)) <= wanted | set(PLACEHOLDER.findall(ids[0])), message.id
