"""What a customer's own words say about a conversation: an escalation, a negative tone.

Pure and small on purpose: a lexicon of word stems and phrases per language (fi, en, sv) that a
supervisor's sampling rule ("escalated or negative conversations") can rely on, not a model of
emotion. Finnish stems cover the inflected forms ("esihenkilölle", "reklamaation"). A negated
phrase ("en ole vihainen", "not angry") is rare in complaints and is not handled: the rule errs
towards showing a supervisor one conversation too many.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The customer asks for a manager or supervisor, threatens a complaint, a regulator, a lawyer
# or to leave as a customer.
_ESCALATION = {
    "fi": [
        r"esihenkilö\w*", r"esimie\w*", r"esimiehe\w*", r"pomo\w*", r"johtaja\w*", r"vastaava\w* henkilö\w*",
        r"reklamaatio\w*", r"reklamoi\w*", r"(?:teen|tehdä|jätän|jättää|laitan) valitukse\w*", r"valitan\b",
        r"kuluttajaneuvon\w*", r"kuluttajariita\w*", r"kuluttaja-asiamie\w*", r"asianajaja\w*", r"lakimie\w*",
        r"(?:vien|viedä) asia\w* oikeute\w*", r"oikeusteitse", r"haastan\b", r"irtisano\w*", r"lopetan (?:asiakkuu\w*|sopimukse\w*|tilaukse\w*)",
        r"vaihdan (?:toisee\w*|kilpailija\w*|operaattori\w*|pankki\w*|yhtiö\w*)", r"kilpailijal\w*",
        r"(?:kerron|kirjoitan) (?:tästä )?some\w*",
    ],
    "en": [
        r"manager\b", r"supervisor\b", r"your (?:boss|superior)", r"someone in charge", r"speak to (?:a|your) (?:senior|manager)",
        r"(?:file|make|lodge|raise) a (?:formal )?complaint", r"formal complaint", r"complain(?:t|ing)? to",
        r"ombudsman", r"consumer (?:rights|authority|agency|board)", r"lawyer", r"legal action", r"sue you",
        r"cancel (?:my|the) (?:account|contract|subscription|membership)", r"close my account",
        r"(?:switch|go|move)(?:ing)? to (?:a )?(?:competitor|another (?:provider|company|bank|operator))",
        r"never (?:use|buy from) you again", r"take my business elsewhere", r"(?:post|write) (?:about )?(?:this|it) (?:on|online)",
    ],
    "sv": [
        r"chef\w*", r"ansvarig\w*", r"arbetsledare\w*", r"överordnad\w*", r"klagomål\w*", r"reklamation\w*",
        r"reklamera\w*", r"anmäla\w*", r"anmälan", r"konsumentverket", r"konsumenttvist\w*", r"advokat\w*",
        r"jurist\w*", r"säga upp", r"säger upp", r"avsluta (?:mitt|mina|avtalet|abonnemanget|kontot)",
        r"byta (?:till )?(?:en )?(?:annan|konkurrent\w*|operatör\w*|bank\w*)",
    ],
}

# Words and phrases of a customer who is upset, angry or disappointed.
_NEGATIVE = {
    "fi": [
        r"pettyn\w*", r"pettymy\w*", r"tyytymät\w*", r"en ole tyytyväi\w*", r"suutu\w*", r"suuttun\w*",
        r"vihai\w*", r"raivo\w*", r"ärsyttä\w*", r"ärsyyn\w*", r"turhautu\w*", r"kyllästy\w*", r"surkea\w*",
        r"surkei\w*", r"kamala\w*", r"kamalaa", r"hirveä\w*", r"järkyttävä\w*", r"törkeä\w*", r"törkeää",
        r"naurettava\w*", r"käsittämätön\w*", r"käsittämätöntä", r"uskomaton\w*", r"uskomatonta", r"skandaali\w*",
        r"huono\w* palvelu\w*", r"ala-arvoi\w*", r"ei (?:taaskaan|vieläkään) toimi\w*", r"jo (?:kolmatta|neljättä|monetta) kertaa",
        r"kukaan ei vastaa", r"odottanut (?:jo )?(?:viikon|viikkoja|tunteja|kuukauden)",
    ],
    "en": [
        r"disappoint\w*", r"unacceptable", r"terrible", r"awful", r"horrible", r"ridiculous", r"outrage\w*",
        r"furious", r"angry", r"annoy\w*", r"frustrat\w*", r"fed up", r"sick of", r"worst", r"useless",
        r"pathetic", r"disgrace\w*", r"appalling", r"unbelievable", r"not happy", r"very unhappy", r"unhappy",
        r"(?:still|again) (?:not working|doesn't work|broken)", r"(?:third|fourth|fifth) time", r"nobody (?:answers|replies|cares)",
        r"waste of (?:time|money)",
    ],
    "sv": [
        r"besvik\w*", r"oacceptabel\w*", r"hemsk\w*", r"fruktansvärd\w*", r"löjlig\w*", r"arg\b", r"arga\b",
        r"irriter\w*", r"frustrer\w*", r"trött på", r"värst\w*", r"usel\w*", r"skandal\w*", r"inte nöjd",
        r"missnöjd\w*", r"fungerar (?:fortfarande|ännu) inte",
    ],
}


def _compile(patterns: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    return {language: re.compile(r"(?<!\w)(?:" + "|".join(stems) + r")", re.IGNORECASE)
            for language, stems in patterns.items()}


_ESCALATION_RE = _compile(_ESCALATION)
_NEGATIVE_RE = _compile(_NEGATIVE)
_SHOUTING = re.compile(r"!{3,}|\b[A-ZÅÄÖ]{2,}(?:\s+[A-ZÅÄÖ]{2,}){3,}\b")  # "!!!" or "THIS IS NOT OK"


def _languages(language: str | None) -> Iterable[str]:
    """The conversation's language first; every language when it is unknown (mixed queues)."""
    if language in _ESCALATION_RE:
        return (language,)
    return tuple(_ESCALATION_RE)


def escalation_phrase(texts: Iterable[str], language: str | None = None) -> str | None:
    """Return the first phrase where the customer escalates (manager, complaint, leaving), if any."""
    for text in texts:
        for lang in _languages(language):
            match = _ESCALATION_RE[lang].search(text)
            if match:
                return match.group()
    return None


def negative_phrase(texts: Iterable[str], language: str | None = None) -> str | None:
    """Return the first phrase that shows an upset or disappointed customer, if any."""
    for text in texts:
        shouting = _SHOUTING.search(text)
        if shouting:
            return shouting.group()
        for lang in _languages(language):
            match = _NEGATIVE_RE[lang].search(text)
            if match:
                return match.group()
    return None
