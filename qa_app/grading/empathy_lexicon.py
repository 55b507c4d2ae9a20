"""Load and compile the empathy lexicons (`lexicons/empathy_<lang>.yaml`) once per language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .phrases import Phrase, compile_phrase

LEXICON_DIR = Path(__file__).parent / "lexicons"
# libyaml's safe loader when PyYAML has it: the same data, read several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CREDIT_CATEGORIES = ("acknowledge", "apology", "ownership", "thanks")
DEDUCTION_CATEGORIES = ("blame", "condescension", "sarcasm", "cold", "deflection")


@dataclass(frozen=True)
class EmpathyLexicon:
    """Compiled phrases per category for one language.

    `voids` holds, per credit category, look-alike phrases that do not earn it ("don't worry" is
    not an acknowledgement). `praise` is praise that is sarcastic only next to a `marker`.
    `team_signatures` and `closings` are lowercase sign-off lines; `informal_words` and
    `formal_words` are lowercase words that show the address form (pronouns, greetings, titles);
    `colloquial_words` are a customer's informal words about themselves ("mä", "mun");
    `greetings` are the words that open a salutation ("hei", "dear"); `courtesies` are closing
    courtesies and wishes ("you're welcome", "mukavaa päivänjatkoa") that keep a short
    follow-up from feeling cold.
    """

    language: str
    credits: dict[str, tuple[Phrase, ...]]
    deductions: dict[str, tuple[Phrase, ...]]
    actions: tuple[Phrase, ...]
    anchors: tuple[Phrase, ...]
    acronyms: frozenset[str]
    voids: dict[str, tuple[Phrase, ...]]
    praise: tuple[Phrase, ...] = ()
    markers: tuple[Phrase, ...] = ()
    team_signatures: frozenset[str] = frozenset()
    closings: frozenset[str] = frozenset()
    informal_words: frozenset[str] = frozenset()
    formal_words: frozenset[str] = frozenset()
    colloquial_words: frozenset[str] = frozenset()
    greetings: frozenset[str] = frozenset()
    courtesies: tuple[Phrase, ...] = ()


def lexicon_language(language: str) -> str:
    """Return the lexicon language used for an answer language (English when unknown)."""
    return language if (LEXICON_DIR / f"empathy_{language}.yaml").exists() else "en"


@lru_cache(maxsize=8)
def load_lexicon(language: str) -> EmpathyLexicon:
    """Read and compile `empathy_<language>.yaml`; a missing category is an empty tuple."""
    language = lexicon_language(language)
    text = (LEXICON_DIR / f"empathy_{language}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_SAFE_LOADER) or {}

    def compiled(entries: list | None) -> tuple[Phrase, ...]:
        return tuple(compile_phrase(str(e), language) for e in entries or ())

    def words(entries: list | None) -> frozenset[str]:
        return frozenset(str(e).lower() for e in entries or ())

    credit = data.get("credit") or {}
    void = data.get("credit_void") or {}
    deduction = data.get("deduction") or {}
    reassurance = data.get("reassurance") or {}
    sarcasm = data.get("sarcasm") or {}
    signature = data.get("signature") or {}
    register = data.get("register") or {}
    return EmpathyLexicon(
        language=language,
        credits={c: compiled(credit.get(c)) for c in CREDIT_CATEGORIES},
        deductions={c: compiled(deduction.get(c)) for c in DEDUCTION_CATEGORIES},
        actions=compiled(reassurance.get("action")),
        anchors=compiled(reassurance.get("anchor")),
        acronyms=frozenset(str(a).upper() for a in data.get("acronyms") or ()),
        voids={c: compiled(void.get(c)) for c in CREDIT_CATEGORIES},
        praise=compiled(sarcasm.get("praise")),
        markers=compiled(sarcasm.get("marker")),
        team_signatures=words(signature.get("team")),
        closings=words(signature.get("closing")),
        informal_words=words(register.get("informal")),
        formal_words=words(register.get("formal")),
        colloquial_words=words(register.get("colloquial")),
        greetings=words(data.get("greeting")),
        courtesies=compiled(data.get("courtesy")),
    )
