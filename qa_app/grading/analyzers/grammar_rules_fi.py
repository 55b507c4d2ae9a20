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
from .grammar_backends import VOIKKO_SPELLING
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
_WE = re.compile(r"(?<![\w-])([Mm]e)\s+(ei\s+)?(\w+)")  # "me ei" is never written standard


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written Finnish rules."""
    return [*_spoken_words(doc), *_spoken_we_forms(doc.text)]


def _spoken_words(doc: Document) -> Iterator[Issue]:
    for token in doc.words:  # hyphen compounds ("sulle-viesti") are one token and never match
        standard = SPOKEN_WORDS.get(token.lower)
        word = token.text
        if standard is None or (word.isupper() and len(word) > 1):
            continue  # an acronym in capitals (SUN, TON) is not spoken language
        fixed = tuple(s.capitalize() if word[:1].isupper() else s for s in standard)
        # Same kind as Voikko's spelling issue, so the de-duplication keeps one issue per word.
        yield Issue(token.start, token.end, "spelling", "fi.spoken_word", suggestions=fixed,
                    message_key="grammar.fi.spoken_word", family=VOIKKO_SPELLING)


def _spoken_we_forms(text: str) -> Iterator[Issue]:
    """Find "me tutkitaan" (we + passive) and "me ei voida" (we + passive negation)."""
    for match in _WE.finditer(text):
        negation, verb = match.group(2), match.group(3)
        if negation:
            yield Issue(match.start(1), match.start(2) + len("ei"), "grammar", "fi.we_not_passive",
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
