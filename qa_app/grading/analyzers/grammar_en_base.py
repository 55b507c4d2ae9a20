"""Shared pieces of the hand-written English rules: the issue type, word scanning, verb forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..resources import english_word_classes, english_words
from .grammar_words_en import (
    COUNTABLE_NOUNS,
    IRREGULAR,
    IRREGULAR_PLURALS,
    PHRASE_END_WORDS,
    QUANTIFIER_FOLLOWERS,
    REGULAR_VERBS,
    SINGULAR_S_WORDS,
    UNCOUNTABLE_NOUNS,
)


@dataclass(frozen=True)
class Issue:
    """A raw problem found by a backend, before exemptions and scoring."""

    start: int
    end: int
    category: str  # spelling, grammar, punctuation, style
    rule: str
    detail: str = ""  # backend message, in English or the UI language
    suggestions: tuple[str, ...] = ()
    message_key: str = ""  # catalogue key for a learner message; "" means use `detail`
    family: str = ""  # what kind of problem, so two backends reporting it count once
    texts: tuple[tuple[str, str], ...] = ()  # a backend's own message per UI language (Voikko)
    repeats: int = 1  # how often the reply has this same misspelling (it counts once)

    @property
    def kind(self) -> str:
        return self.family or self.rule


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each rule: (rule id, pattern whose group 1 is the wrong span, replacement function).
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    lower: str = field(init=False, repr=False, compare=False)  # lowercase, with "’" as "'"

    def __post_init__(self) -> None:
        # Computed once: the rules read it thousands of times per reply.
        object.__setattr__(self, "lower", self.text.lower().replace("’", "'"))


@lru_cache(maxsize=16)
def words_of(text: str) -> list[Word]:
    """Return the words of `text`; cached, as the rules and the pair counts read the same reply
    (callers must not change the list)."""
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def joined(text: str, first: Word, second: Word) -> bool:
    """Tell whether only spaces separate two words (no punctuation, no line break)."""
    gap = text[first.end:second.start]
    return gap == " " or (bool(gap) and gap.strip(" \t") == "")  # one space: nearly every pair


def phrase_ends(text: str, end: int) -> bool:
    """Tell whether a noun phrase clearly ends at `end`: punctuation, the end, or a function word."""
    rest = text[end:end + 30]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] in ".,;:!?)\n":
        return not rest[:1].isalnum() and rest[:1] not in "-'’/#"
    if stripped is rest:
        return False  # "refund-related", "order#12"
    match = WORD.match(stripped)
    return match is not None and match.group().lower() in PHRASE_END_WORDS


def make_issue(start: int, end: int, rule: str, key: str, family: str, fixed: str = "",
           category: str = "grammar") -> Issue:
    return Issue(start, end, category, rule, suggestions=(fixed,) if fixed else (),
                 message_key=key, family=family)


def third_person(base: str) -> str:
    special = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if base in special:
        return special[base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


# Verbs of two syllables stressed on the last one double their final consonant ("preferred").
_FINAL_STRESS = frozenset("""
prefer refer occur admit commit permit submit omit control regret transfer equip forget begin upset
""".split())


def _ends_consonant_vowel_consonant(base: str) -> bool:
    return len(base) >= 3 and base[-1] in "bdglmnprt" and base[-2] in "aeiou" and base[-3] not in "aeiou"


def doubles_final(base: str) -> bool:
    """Tell whether a verb doubles its final consonant before -ed/-ing: one syllable ("stop",
    "plan") or a stressed last syllable ("prefer"); not "visit", "offer", "open"."""
    syllables = len(re.findall(r"[aeiouy]+", base))
    return _ends_consonant_vowel_consonant(base) and (syllables == 1 or base in _FINAL_STRESS)


def regular_pasts(base: str) -> set[str]:
    """Return the accepted regular past forms: "stopped", and both "travelled" (British) and "traveled"."""
    if base.endswith("e"):
        return {base + "d"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return {base[:-1] + "ied"}
    if doubles_final(base):
        return {base + base[-1] + "ed"}  # stop -> stopped
    if base.endswith("l") and _ends_consonant_vowel_consonant(base):
        return {base + "ed", base + "led"}  # travel -> traveled, travelled
    return {base + "ed"}


def preferred_past(base: str) -> str:
    """Return the regular past a suggestion shows: "stopped", "visited", "traveled"."""
    if base.endswith("e") or base.endswith("y") and base[-2:-1] not in "aeiou":
        return next(iter(regular_pasts(base)))
    return base + base[-1] + "ed" if doubles_final(base) else base + "ed"


def ing_form(base: str) -> str:
    """Return the -ing form of a verb's base: help -> helping, hear -> hearing, use -> using,
    stop -> stopping, lie -> lying, visit -> visiting."""
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    return (base + base[-1] + "ing") if doubles_final(base) else base + "ing"


def _build_forms() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Return {-s form: base}, {past form: base}, {simple past differing from participle: participle}, {base: participle}."""
    s_forms, pasts, wrong_participles, participles = {}, {}, {}, {}
    for base in REGULAR_VERBS:
        s_forms[third_person(base)] = base
        for form in regular_pasts(base):
            pasts[form] = base
        participles[base] = preferred_past(base)
    for base, (past, participle) in IRREGULAR.items():
        s_forms[third_person(base)] = base
        if past != base:
            pasts[past] = base
        if past != participle and past not in ("showed", "got", "forgot"):
            wrong_participles[past] = participle
        participles[base] = participle
    return s_forms, pasts, wrong_participles, participles


S_FORMS, PAST_FORMS, WRONG_PARTICIPLES, PARTICIPLES = _build_forms()
BASE_VERBS = REGULAR_VERBS | frozenset(IRREGULAR)
SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
CLAUSE_STARTERS = frozenset("""
and but so because if when while that since although though as or until unless where once
""".split())
VERB_ADVERBS = frozenset({"also", "always", "never", "often", "usually", "really", "still", "just", "only",
                           "sometimes", "actually", "normally", "generally", "rarely", "probably", "already",
                           "not", "even", "definitely", "certainly"})


def after_adverbs(words: list[Word], text: str, index: int) -> int:
    """Return the index of the first word after `index` that is not a verb-modifying adverb."""
    nxt = index + 1
    while nxt < len(words) and words[nxt].lower in VERB_ADVERBS and joined(text, words[nxt - 1], words[nxt]):
        nxt += 1
    return nxt


def is_subject(words: list[Word], text: str, index: int) -> bool:
    """Tell whether the word at `index` opens a clause (so a pronoun there is a subject)."""
    if index == 0:
        return True
    previous = words[index - 1]
    return not joined(text, previous, words[index]) or previous.lower in CLAUSE_STARTERS


PLURAL_QUANTIFIERS = frozenset("""
several many various numerous multiple few two three four five six seven eight nine ten eleven twelve
""".split())


def plural_exists(word: str) -> str:
    """Return the regular plural of `word` if the dictionary knows it, else ""."""
    words = english_words()
    for plural in (third_person(word), word + "s"):
        if plural in words:
            return plural
    return ""


def singular_of(word: str, verb_forms: bool = False) -> str:
    """Return the dictionary singular of a regular plural such as "products", else "".

    A word that is also a verb's -s form ("orders", "returns") counts only with `verb_forms`, for a
    place where a verb cannot stand (after "the", "your", "of").
    """
    lower = word.lower()
    if (not lower.endswith("s") or lower.endswith(("ss", "us", "is", "'s")) or lower in SINGULAR_S_WORDS
            or (lower in S_FORMS and not verb_forms) or len(lower) < 4):
        return ""
    words = english_words()
    candidates = [lower[:-3] + "y"] if lower.endswith("ies") else []
    if lower.endswith("es") and lower[:-2].endswith(("s", "x", "z", "ch", "sh")):
        candidates.append(lower[:-2])
    candidates.append(lower[:-1])
    return next((c for c in candidates if c in words and lower in words), "")


def countable_singular(noun: str) -> bool:
    """Tell whether `noun` after a quantifier looks like a singular countable noun."""
    if noun in QUANTIFIER_FOLLOWERS or noun in PHRASE_END_WORDS or noun in IRREGULAR_PLURALS or noun in UNCOUNTABLE_NOUNS:
        return False
    if noun.endswith(("s", "ly", "ing", "ed", "ful", "ous", "ive", "est", "'")):
        return False
    if noun in BASE_VERBS and noun not in COUNTABLE_NOUNS:
        return False  # "many agree", "several need"
    return True


def countable_only(noun: str) -> bool:
    """Tell whether the lexicon knows `noun` as a singular noun that is only countable ("scientist",
    "place"; not "time", "work" or "advice", whose plural may be the word itself)."""
    classes = english_word_classes().get(noun, "")
    return "C" in classes and "N" in classes


def verb_base_only(word: str) -> bool:
    """Tell whether the lexicon knows `word` only as a verb's base form: "teach", "arrive"; not
    "found" (also the past of "find"), "help" (also a noun) or "put" (also its own past)."""
    return english_word_classes().get(word, "") == "V"


def adjective_only(word: str) -> bool:
    """Tell whether the lexicon knows `word` only as an adjective (perhaps an adverb): "new", "famous"."""
    classes = english_word_classes().get(word, "")
    return "J" in classes and not any(c in classes for c in "NnVvA")


DO_WORDS = frozenset({"do", "does", "did", "don't", "doesn't", "didn't"})
MODALS = frozenset({"can", "could", "will", "would", "shall", "should", "may", "might", "must", "cannot",
                     "can't", "couldn't", "won't", "wouldn't", "shouldn't", "mustn't"})
PERFECT = frozenset({"has", "have", "had", "hasn't", "haven't", "hadn't", "i've", "we've", "you've", "they've"})
OBJECT_STARTS = frozenset({"the", "a", "an", "your", "my", "our", "their", "his", "her", "its", "this",
                            "that", "these", "those", "it", "them", "him", "us", "me", "you"})

AUXILIARIES = frozenset("""
am is are was were be been being have has had do does did will would can could shall should may might must
don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't isn't aren't wasn't weren't haven't hasn't
hadn't 'll 're 've 'd 'm
""".split())
FUTURE_MODALS = frozenset({"will", "would", "can", "could", "should", "may", "might", "must", "shall", "won't",
                           "can't", "cannot", "couldn't", "wouldn't", "shouldn't"})
# Contracted subject + auxiliary: one token, but a subject and a verb ("we'll", "you're").
CONTRACTED_SUBJECTS = frozenset("""
i'm i'll i've i'd we'll we're we've we'd you'll you're you've you'd they'll they're they've they'd
he'll he's he'd she'll she's she'd it'll it's there's there'll
""".split())


def looks_like_finite_verb(word: str) -> bool:
    """Tell whether a lowercase word is an auxiliary or a verb form the word lists know."""
    return word in AUXILIARIES or word in S_FORMS or word in PAST_FORMS or word in BASE_VERBS


def noun_phrase_ends(text: str, words: list[Word], index: int) -> bool:
    """Tell whether the noun phrase ends with the word at `index`: punctuation, a function word or a verb."""
    if phrase_ends(text, words[index].end):
        return True
    following = words[index + 1] if index + 1 < len(words) else None
    return (following is not None and joined(text, words[index], following)
            and looks_like_finite_verb(following.lower) and following.lower not in BASE_VERBS)
