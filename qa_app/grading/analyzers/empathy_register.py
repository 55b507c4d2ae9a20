"""Address form: does the reply use the form of address the customer uses or prefers?

The expected form comes from the scenario's persona (`address: formal|informal`) when it says so,
otherwise from the customer's own messages. Finnish customers address a company in the plural
("teidän chatissa", "ette vastanneet") whatever their own register, so only te in a polite
question or request ("voisitteko", "tiedättekö") or a capitalised "Te" counts as formal address;
any sinä form or colloquial self-reference ("mä", "mun") counts as informal and wins. English
customers show formal address by signing with a title ("Mrs Laine").

When formal address is expected, a Finnish reply that addresses the customer with sinä
("voit", "sinulle", "tilauksesi"), or an English reply that uses the first name alone or "hey",
is a register finding. A formal reply to an informal customer is not a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..context import GradingContext
from ..empathy_lexicon import EmpathyLexicon
from ..text import Document

FORMAL = "formal"
INFORMAL = "informal"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_QUOTED = re.compile(r"[\"“”«»][^\"“”«»\n]{0,60}[\"“”«»]")
_TITLE_SIGNATURE = re.compile(r"^\s*\(?(?:mrs|mr|ms|miss|dr)\.?\)?\s+[A-ZÅÄÖ]", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class RegisterSlip:
    """Where the reply first leaves the expected formal address, and how (code suffix)."""

    start: int
    end: int
    kind: str  # "sina" (Finnish sinä forms) or "informal" (English first name alone, "hey")


def expected_address(ctx: GradingContext, lexicon: EmpathyLexicon) -> str | None:
    """Return "formal", "informal" or None: the persona's stated form, else the customer's own."""
    stated = ctx.scenario.customer_address if ctx.scenario else None
    if stated in (FORMAL, INFORMAL):
        return stated
    texts = [m.text for m in ctx.history if m.author == "customer"]
    if not texts:
        return None
    if lexicon.language == "fi":
        return _finnish_customer_address(texts, lexicon)
    if lexicon.language == "en":
        return FORMAL if any(_TITLE_SIGNATURE.search(t) for t in texts) else None
    return None


def find_register_slip(doc: Document, ctx: GradingContext, lexicon: EmpathyLexicon) -> RegisterSlip | None:
    """Return the first place where a reply owed formal address uses informal address."""
    if expected_address(ctx, lexicon) != FORMAL:
        return None
    if lexicon.language == "fi":
        return _finnish_sina(doc.text, lexicon)
    if lexicon.language == "en":
        name = ctx.scenario.customer_name if ctx.scenario else None
        return _english_informal(doc.text, lexicon, name)
    return None


def _finnish_customer_address(texts: list[str], lexicon: EmpathyLexicon) -> str | None:
    formal = informal = 0
    for text in texts:
        for m in _WORD.finditer(text):
            word, lower = m.group(), m.group().lower()
            if lower in lexicon.informal_words or lower in lexicon.colloquial_words:
                informal += 1
            elif _second_singular_fi(word) == "strong":
                informal += 1
            elif _polite_plural_fi(word):
                formal += 1
            elif lower in lexicon.formal_words and word[0].isupper() and not _sentence_initial(text, m.start()):
                formal += 1  # "Kiitos Teille": the capital marks respect, not the company
    if informal:
        return INFORMAL
    return FORMAL if formal else None


def _finnish_sina(text: str, lexicon: EmpathyLexicon) -> RegisterSlip | None:
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    weak: list[re.Match] = []
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        if any(s <= m.start() < e for s, e in quoted):
            continue  # a button label such as "Ota käyttöön" is not the agent's address
        if any(_is_negation_verb_fi(w.group()) for w in words[max(0, i - 3):i]):
            continue  # "ei tarvitse", "ette ole": the verb after a negation only looks like sinä
        strength = "strong" if m.group().lower() in lexicon.informal_words else _second_singular_fi(m.group())
        if strength == "weak" and i + 1 < len(words) and _is_infinitive_fi(words[i + 1].group()):
            strength = "strong"  # "voit painaa": a verb that takes an infinitive, not "butters"
        if strength == "strong":
            return RegisterSlip(m.start(), m.end(), "sina")
        if strength == "weak":
            weak.append(m)
            if len(weak) >= 2:  # "voit" is also plural "butter": two such words are not chance
                return RegisterSlip(weak[0].start(), weak[0].end(), "sina")
    return None


def _english_informal(text: str, lexicon: EmpathyLexicon, name: str | None) -> RegisterSlip | None:
    parts = [p for p in re.split(r"[\s,]+", name or "") if len(p) >= 2]
    first, rest = (parts[0].lower(), {p.lower() for p in parts[1:]}) if parts else ("", set())
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        lower = m.group().lower()
        if lower in lexicon.informal_words:
            return RegisterSlip(m.start(), m.end(), "informal")
        if first and lower == first:
            before = words[i - 1].group().lower() if i else ""
            after = words[i + 1].group().lower() if i + 1 < len(words) else ""
            if before not in lexicon.formal_words and after not in rest:
                return RegisterSlip(m.start(), m.end(), "informal")
    return None


def _sentence_initial(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \"'“”(")
    return not before or before[-1] in ".!?\n:"


@lru_cache(maxsize=8192)
def _second_singular_fi(word: str) -> str | None:
    """Tell whether a word addresses one person with sinä: "strong" when every reading does."""
    analyses = resources.voikko().analyze(word)
    if not analyses:
        return None
    hits = [a for a in analyses if _is_second_singular(a)]
    if not hits:
        return None
    return "strong" if len(hits) == len(analyses) else "weak"


def _is_second_singular(analysis: dict) -> bool:
    if analysis.get("POSSESSIVE") == "2s":
        return True
    return (analysis.get("CLASS") in ("teonsana", "kieltosana") and analysis.get("PERSON") == "2"
            and analysis.get("NUMBER") == "singular")


@lru_cache(maxsize=8192)
def _is_infinitive_fi(word: str) -> bool:
    return any(a.get("MOOD") == "A-infinitive" for a in resources.voikko().analyze(word))


@lru_cache(maxsize=8192)
def _is_negation_verb_fi(word: str) -> bool:
    """"ei", "emme", "ette" (not "et" or "älä", which address one person themselves)."""
    return any(a.get("CLASS") == "kieltosana" and not _is_second_singular(a) for a in resources.voikko().analyze(word))


@lru_cache(maxsize=8192)
def _polite_plural_fi(word: str) -> bool:
    """A te verb in a question or the conditional ("voitteko", "voisitte") is a polite request."""
    for a in resources.voikko().analyze(word):
        if a.get("CLASS") == "teonsana" and a.get("PERSON") == "2" and a.get("NUMBER") == "plural":
            if a.get("KYSYMYSLIITE") == "true" or a.get("MOOD") == "conditional":
                return True
    return False
