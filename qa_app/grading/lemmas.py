"""Base forms (lemma candidates) of single words in Finnish, English and Swedish.

Finnish uses every Voikko analysis; English uses a small rule lemmatizer checked against the
CMU word list; Swedish strips common inflection suffixes. All results are lowercase and cached.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import resources

# Irregular English forms that customer-service answers use; rules cannot derive these.
_EN_IRREGULAR: dict[str, str] = {
    "am": "be", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
    "'s": "be", "'re": "be", "'m": "be",
    "has": "have", "had": "have", "having": "have", "'ve": "have",
    "did": "do", "done": "do", "does": "do", "doing": "do",
    "went": "go", "gone": "go", "goes": "go",
    "sent": "send", "paid": "pay", "made": "make", "felt": "feel", "understood": "understand",
    "got": "get", "gotten": "get", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "came": "come", "saw": "see", "seen": "see", "knew": "know",
    "known": "know", "told": "tell", "said": "say", "thought": "think", "bought": "buy",
    "brought": "bring", "kept": "keep", "left": "leave", "lost": "lose", "meant": "mean",
    "met": "meet", "ran": "run", "found": "find", "held": "hold", "heard": "hear",
    "sold": "sell", "spent": "spend", "built": "build", "wrote": "write", "written": "write",
    "spoke": "speak", "spoken": "speak", "broke": "break", "broken": "break", "chose": "choose",
    "chosen": "choose", "forgot": "forget", "forgotten": "forget", "began": "begin",
    "begun": "begin", "became": "become", "fell": "fall", "fallen": "fall", "stood": "stand",
    "led": "lead", "lent": "lend", "sought": "seek", "caught": "catch", "taught": "teach",
    "won": "win", "shown": "show", "hid": "hide", "hidden": "hide", "dealt": "deal",
    "ate": "eat", "eaten": "eat", "drove": "drive", "driven": "drive", "flew": "fly",
    "flown": "fly", "froze": "freeze", "frozen": "freeze", "rode": "ride", "woke": "wake",
    "children": "child", "people": "person", "men": "man", "women": "woman", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "better": "good", "best": "good", "worse": "bad",
    "worst": "bad", "n't": "not", "can't": "can", "won't": "will", "couldn't": "could",
    "didn't": "do", "doesn't": "do", "don't": "do", "isn't": "be", "wasn't": "be",
    "aren't": "be", "weren't": "be", "haven't": "have", "hasn't": "have", "i'm": "i",
    "we're": "we", "you're": "you", "it's": "it", "we'll": "we", "i'll": "i", "we've": "we",
}
_EN_KEEP = frozenset({"this", "his", "has", "was", "is", "us", "yes", "thus", "news", "series", "always", "as", "its"})
_SV_SUFFIXES = ("arnas", "ernas", "ornas", "arna", "erna", "orna", "ande", "ende", "ades",
                "ade", "are", "ast", "en", "et", "er", "ar", "or", "na", "at", "te", "de",
                "s", "a", "e")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, so decomposed "ä" matches the dictionaries."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def base_forms(word: str, language: str) -> tuple[str, ...]:
    """Return lowercase candidate base forms of `word`, most likely first (never empty)."""
    word = nfc(word).replace("’", "'")
    lower = word.lower()
    if language == "fi":
        return _finnish_base_forms(word, lower)
    if language == "en":
        return _english_base_forms(lower)
    if language == "sv":
        return _swedish_base_forms(lower)
    return (lower,)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _finnish_base_forms(word: str, lower: str) -> tuple[str, ...]:
    # Voikko failing raises BackendUnavailable: Finnish base forms without it would be guesses.
    analyses = resources.voikko().analyze(word)
    if not analyses and word != lower:
        analyses = resources.voikko().analyze(lower)
    if not analyses and "-" in word:
        # "asiakas-palvelu": Voikko may know the closed compound even when the hyphenated one is unknown
        analyses = resources.voikko().analyze(word.replace("-", ""))
    # An adverb in -sti is a word of its own: "oikeasti" (really) is not "oikea" (right), so
    # "olet oikeassa" must not match "ovat oikeasti"; Voikko gives the adjective as its base form.
    forms = [lower if a.get("SIJAMUOTO") == "kerrontosti" else a.get("BASEFORM", "").lower() for a in analyses]
    return _unique(forms) or (lower,)


def _english_base_forms(lower: str) -> tuple[str, ...]:
    if lower in _EN_IRREGULAR:
        return _unique([_EN_IRREGULAR[lower], lower])
    if len(lower) <= 3 or lower in _EN_KEEP or not lower.isalpha():
        return (lower,)
    known = resources.english_words()
    candidates = [c for c in _english_candidates(lower) if c in known]
    return _unique([*candidates, lower])


def _english_candidates(word: str) -> list[str]:
    """Return rule-derived base-form guesses for an English word, best first."""
    out: list[str] = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith("ves"):
        # Verbs in -ve (moves, serves, arrives) are commoner in service replies than nouns in -f.
        out += [word[:-1], word[:-3] + "f", word[:-3] + "fe"]
    elif word.endswith(("sses", "xes", "zes", "ches", "shes")):
        out.append(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        out.append(word[:-1])
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    elif word.endswith("ed"):
        stem = word[:-2]
        out += _stem_variants(stem)
    if word.endswith("ing") and len(word) > 5:
        out += _stem_variants(word[:-3])
    if word.endswith("ly") and len(word) > 5:
        out.append(word[:-2])
    return out


def _stem_variants(stem: str) -> list[str]:
    """Return likely verbs for a stem left after removing -ed/-ing (stop+p, hop+e, ask)."""
    out = []
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        out.append(stem[:-1])  # shipped -> ship
    if stem.endswith("e"):
        return [*out, stem]
    # A consonant-vowel-consonant ending usually lost a silent e (hoped, used); others did not (asked).
    vowels = "aeiou"
    cvc = len(stem) >= 2 and stem[-1] not in vowels + "wxy" and stem[-2] in vowels and (len(stem) == 2 or stem[-3] not in vowels)
    out += [stem + "e", stem] if cvc else [stem, stem + "e"]
    return out


def _swedish_base_forms(lower: str) -> tuple[str, ...]:
    out = [lower]
    for suffix in _SV_SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            out.append(lower[: -len(suffix)])
            break
    return _unique(out)
