"""Offline language detection among Finnish, English and Swedish for short service replies.

Function words and very common service words carry most of the signal; letters (å, ä/ö) and the
share of words the Finnish speller and the English word list know break ties. Tiny or
ambiguous input defaults to English.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from . import resources
from .errors import BackendUnavailable
from .text import tokenize

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"

_COMMON: dict[str, frozenset[str]] = {
    "fi": frozenset("""ja on ei se että kun jos niin mutta tai myös vain nyt voi voit voimme
        olen olet olemme ovat oli ole olla tämä tämän tässä siitä sen sinun teidän meidän
        minä sinä me te he hän joka mikä kuin kanssa sitten vielä jo kiitos kiitoksia hei
        moi terve selvä kyllä juttu asia asiasta asian pahoittelen pahoittelemme tilaus
        tilauksesi laskusi lasku palautus ystävällisin terveisin hyvää päivää päivänjatkoa
        ole hyvä ota yhteyttä mukavaa viikonloppua heti kuitenkin koska jotta sekä eli
        saat saatte teille sinulle meille tarkistan tarkistin autan autamme""".split()),
    "en": frozenset("""the a an and or but if is are was were be been to of in on at for
        with from by this that these those it its you your we our us i my me he she they
        them their have has had do does did not no yes can could will would should please
        thank thanks hi hello dear sorry apologise apologize order refund help let know
        regards best kind sincerely team there here what when how why which who as so
        just also about any all into out up""".split()),
    "sv": frozenset("""och att det som en ett är var har inte jag du vi ni de den för med
        på till av om men så kan vill ska skulle tack hej hälsningar vänliga din ditt dina
        er era vår våra oss dig mig här där nu också bara mycket ursäkta beklagar
        beställning beställningen paket paketet återbetalning kontakta hjälp gärna""".split()),
}
# Words shared by two languages say little ("on" is Finnish and English, "se" Finnish and Swedish).
_SHARED = frozenset({"on", "se", "i", "a", "hej", "no", "me", "he", "te", "de", "ni", "var", "men", "in", "ole"})


def detect_language(text: str) -> str:
    """Return "fi", "en" or "sv": the most likely language of `text`."""
    return confident_language(text) or DEFAULT_LANGUAGE


def confident_language(text: str, words: Sequence[str] | None = None) -> str | None:
    """Return the language of `text`, or None when it is too short or too mixed to tell.

    `words` are the lowercase words of `text` when the caller has tokenised it already.
    """
    words = list(words) if words is not None else [t.lower for t in tokenize(text) if t.kind == "word"]
    if not words:
        return None
    scores = _function_word_scores(words)
    _add_letter_evidence(scores, text.lower())
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] - ranked[1] < 0.15:
        _add_dictionary_evidence(scores, words)
        best = max(scores, key=lambda lang: scores[lang])
        ranked = sorted(scores.values(), reverse=True)
    if ranked[0] <= 0.2 or ranked[0] - ranked[1] < 0.05:
        return None
    return best


def _function_word_scores(words: list[str]) -> dict[str, float]:
    """Return, per language, the share of words that are its common words."""
    scores = {}
    for lang, common in _COMMON.items():
        hits = sum((0.3 if w in _SHARED else 1.0) for w in words if w in common)
        scores[lang] = 2.0 * hits / len(words)
    return scores


def _add_letter_evidence(scores: dict[str, float], lower: str) -> None:
    """Add evidence from letters: å is Swedish, ä/ö are Finnish or Swedish, never English."""
    letters = [c for c in lower if c.isalpha()]
    if not letters:
        return
    if "å" in lower:
        scores["sv"] += 0.6
    if "ä" in lower or "ö" in lower:
        scores["fi"] += 0.3
        scores["sv"] += 0.2
        scores["en"] -= 0.3
    doubled_vowels = sum(lower.count(v + v) for v in "aeiouyäö")
    scores["fi"] += min(0.4, 4.0 * doubled_vowels / len(letters))


def _add_dictionary_evidence(scores: dict[str, float], words: list[str]) -> None:
    """Break near-ties with the share of words the Finnish speller or English list accepts."""
    content = [w for w in words if len(w) > 2]
    if not content:
        return
    try:
        voikko = resources.voikko()
        fi_rate = sum(voikko.spell(w) for w in content) / len(content)
    except BackendUnavailable as error:  # detection still works from letters and function words
        log.warning("language detection without Finnish dictionary evidence: %s", error)
        fi_rate = 0.0
    english = resources.english_words()
    en_rate = sum(w in english for w in content) / len(content)
    scores["fi"] += 0.5 * fi_rate
    scores["en"] += 0.5 * en_rate
