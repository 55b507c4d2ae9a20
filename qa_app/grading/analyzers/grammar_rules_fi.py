"""Hand-written Finnish checks: spoken forms that agents type into written replies.

Voikko calls "mut" or "mä" misspelled and suggests unrelated words ("muut", "maut"), and it
accepts "me tutkitaan" (spoken "we" + passive). Customer-service Finnish is written standard
language, so these checks name the standard form instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import resources
from ..text import Document
from .grammar_rules_en import Issue

# Spoken word -> written standard form(s). Only words that are never standard Finnish in a
# reply: "joo" and "okei" are left alone (Voikko accepts them, and chat tolerates them).
SPOKEN_WORDS: dict[str, tuple[str, ...]] = {
    "mut": ("mutta",),
    "mä": ("minä",), "mää": ("minä",), "mie": ("minä",),
    "sä": ("sinä",), "sää": ("sinä",),
    "mun": ("minun",), "mulla": ("minulla",), "mulle": ("minulle",), "multa": ("minulta",),
    "sulla": ("sinulla",), "sulle": ("sinulle",), "sulta": ("sinulta",), "sun": ("sinun",),
    "meil": ("meillä",), "teil": ("teillä",), "meilt": ("meiltä",),
    "sit": ("sitten",), "sitte": ("sitten",),
    "ois": ("olisi",), "oisin": ("olisin",), "oon": ("olen",), "ootte": ("olette",),
    "oot": ("olet",), "ollaa": ("olemme",),
    "niinku": ("niin kuin",), "tota": ("tuota",), "tän": ("tämän",), "ton": ("tuon",),
    "tos": ("tuossa",), "täs": ("tässä",), "nää": ("nämä",), "noi": ("nuo",),
    "kans": ("kanssa", "myös"), "kiitti": ("kiitos",), "sori": ("anteeksi", "pahoittelen"),
    "sorry": ("anteeksi", "pahoittelen"), "pliis": ("ole hyvä",), "jees": ("kyllä",),
}
# The spoken-word check shares its kind with Voikko's spelling check: one issue per word.
SPELLING_KIND = "voikko.spelling"
_WORD = re.compile(r"(?<![\w-])(\w+)(?![\w-])")
_WE = re.compile(r"(?<![\w-])([Mm]e)\s+(ei\s+)?(\w+)")  # "me ei" is never written standard


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written Finnish rules."""
    return [*_spoken_words(doc.text), *_spoken_we_forms(doc.text)]


def _spoken_words(text: str) -> Iterator[Issue]:
    for match in _WORD.finditer(text):
        word = match.group(1)
        standard = SPOKEN_WORDS.get(word.lower())
        if standard is None or (word.isupper() and len(word) > 1):
            continue  # an acronym in capitals (SUN, TON) is not spoken language
        fixed = tuple(s.capitalize() if word[:1].isupper() else s for s in standard)
        yield Issue(match.start(1), match.end(1), "spelling", "fi.spoken_word", suggestions=fixed,
                    message_key="grammar.fi.spoken_word", family=SPELLING_KIND)


def _spoken_we_forms(text: str) -> Iterator[Issue]:
    """Find "me tutkitaan" (we + passive) and "me ei voida" (we + passive negation)."""
    for match in _WE.finditer(text):
        negation, verb = match.group(2), match.group(3)
        if negation:
            yield Issue(match.start(1), match.end(2) - len(negation) + 2, "grammar", "fi.we_not_passive",
                        suggestions=("emme",), message_key="grammar.fi.we_not_passive", family="fi.spoken_we")
        elif _is_passive(verb):
            yield Issue(match.start(1), match.end(3), "grammar", "fi.we_passive",
                        message_key="grammar.fi.we_passive", family="fi.spoken_we")


def _is_passive(word: str) -> bool:
    """Tell whether Voikko reads `word` only as an affirmative passive verb ("tutkitaan", "tehtiin")."""
    if not resources.voikko_available():
        return False
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(
        a.get("CLASS") == "teonsana" and a.get("PERSON") == "4" and a.get("MOOD") == "indicative"
        and a.get("NEGATIVE") in ("false", "both")
        for a in analyses
    )
