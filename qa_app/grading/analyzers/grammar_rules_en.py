"""Hand-written English checks for customer-service errors Harper misses or reports weakly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..messages import register
from ..resources import english_words
from ..text import Document
from .grammar_words_en import (
    ADJECTIVE_LIKE_VERBS,
    ARTICLE_ADJECTIVES,
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

    @property
    def kind(self) -> str:
        return self.family or self.rule


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each rule: (rule id, pattern whose group 1 is the wrong span, replacement function).
# "your right" is "you're right" only when nothing follows that makes "right" a noun ("defend
# your right to a refund", "your right of withdrawal").
_CONTRACTION_AFTER_YOUR = (r"(?:welcome|going|right(?!\s+(?:to|of|hand|side|now|away|here|there)\b)(?=\s*(?:[.,!?;:]|$|about|that|again)|\s+\w+ly\b)|correct|absolutely|not|able|eligible|entitled|sure|always|very|so|now|"
                           r"all set|in luck|still|also|already|probably|definitely|currently|in(?![-\w]))")
_PHRASE_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("en.your_youre", _rx(rf"\b(your)\s+{_CONTRACTION_AFTER_YOUR}\b"), "you're"),
    # "your right to ..." is the noun after a verb ("defend your right to a refund") but
    # "you're right to ..." after a comma, dash or "and"/"think" ("Hi Anna, your right to ask");
    # a sentence-initial "Your right to cancel ..." stays the noun.
    ("en.your_youre", _rx(r"(?:[,;:–—(]\s*|\b(?:and|but|so|because|think|agree|believe|feel|guess)\s+)(your)\s+right\s+to\b"),
     "you're"),
    ("en.its_its", _rx(r"\b(its)\s+(?:been|not|a|an|the|very|now|going|possible|ok|okay|fine|done|already|important|no longer|too|so)\b"), "it's"),
    ("en.could_of", _rx(r"\b(?:could|should|would|must|might)\s+(of)\b"), "have"),
    ("en.then_than", _rx(r"\b(?:more|less|better|worse|rather|faster|later|earlier|other|higher|lower)\s+(then)\b"), "than"),
    ("en.we_was", _rx(r"\b(?:we|you|they)\s+(was)\b"), "were"),
    # "that"/"this" only open a sentence here: after a noun they are relative ("people that don't").
    ("en.it_dont", _rx(r"(?:\b(?:it|he|she)|(?:^|[.!?]\s+)(?:this|that))\s+(don'?t|do not)\b"), "doesn't"),
    ("en.it_have", _rx(r"\b(?:it|he|she|this)\s+(have)\s+(?:been|a|an|the|not|already)\b"), "has"),
    ("en.we_is", _rx(r"\b(?:we|they|you)\s+(is)\b"), "are"),
    ("en.alot", _rx(r"\b(alot)\b"), "a lot"),
)
_FAMILY = {"en.we_was": "agree", "en.it_dont": "agree", "en.it_have": "agree", "en.we_is": "agree",
           "en.alot": "spelling"}
_VOWEL_SOUND_EXCEPTIONS = ("uni", "use", "usu", "user", "euro", "eu", "one", "once", "ubiq", "uk", "us")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_ARTICLE = re.compile(r"\b([Aa]n?)\s+([A-Za-z][\w'-]*)")
_DOUBLED = re.compile(r"\b(\w+)\s+(\1)\b", re.IGNORECASE)
_ALLOWED_DOUBLES = frozenset({"had", "that", "is", "very", "bye", "no", "ha", "so", "really"})
_LOWER_I = re.compile(r"(?<![\w'’.-])(i)(?=\s|'m|’m|'ve|’ve|'ll|’ll|'d|’d)")


def find_issues(doc: Document) -> list[Issue]:
    """Return issues from the hand-written English rules."""
    text = doc.text
    issues = list(_phrase_issues(text))
    issues += _article_issues(text)
    issues += _doubled_word_issues(text)
    issues += _lowercase_i_issues(text)
    issues += _sentence_start_issues(doc)
    words = _words(text)
    issues += _agreement_issues(text, words)
    issues += _there_is_plural_issues(text, words)
    issues += _noun_number_issues(text, words)
    issues += _uncountable_article_issues(text, words)
    issues += _missing_article_issues(text, words)
    issues += _verb_form_issues(text, words)
    issues += _preposition_issues(text)
    issues += _another_and_apostrophe_issues(text)
    issues += _intro_comma_issues(text)
    return issues


def _phrase_issues(text: str) -> Iterator[Issue]:
    for rule, pattern, replacement in _PHRASE_RULES:
        for match in pattern.finditer(text):
            wrong = match.group(1)
            fixed = replacement.capitalize() if wrong[:1].isupper() else replacement
            yield Issue(match.start(1), match.end(1), "grammar", rule, suggestions=(fixed,),
                        message_key="grammar.en.confusion", family=_FAMILY.get(rule, "confusion"))


def _article_issues(text: str) -> Iterator[Issue]:
    for match in _ARTICLE.finditer(text):
        article, word = match.group(1), match.group(2)
        lower = word.lower()
        if (word.isupper() and len(word) > 1) or len(word) == 2:
            continue  # acronyms ("an SMS", "a URL", "a uv lamp") depend on how letters are read
        vowel_sound = (lower[0] in "aeiou" and not lower.startswith(_VOWEL_SOUND_EXCEPTIONS)) or lower.startswith(_SILENT_H)
        wanted = "an" if vowel_sound else "a"
        if article.lower() != wanted:
            fixed = wanted.capitalize() if article[0].isupper() else wanted
            yield Issue(match.start(1), match.end(1), "grammar", "en.article",
                        suggestions=(fixed,), message_key="grammar.en.article", family="article")


def _doubled_word_issues(text: str) -> Iterator[Issue]:
    for match in _DOUBLED.finditer(text):
        if match.group(1).lower() in _ALLOWED_DOUBLES or match.group(1).isdigit():
            continue
        if re.match(rf"\s+{re.escape(match.group(1))}\b", text[match.end():], re.IGNORECASE):
            continue  # three in a row ("wow wow wow", "compare compare compare") is deliberate
        if re.search(rf"\b{re.escape(match.group(1))}\s+$", text[:match.start()], re.IGNORECASE):
            continue
        yield Issue(match.start(2), match.end(2), "grammar", "en.doubled_word",
                    suggestions=(match.group(1),), message_key="grammar.doubled_word", family="repeat")


def _lowercase_i_issues(text: str) -> Iterator[Issue]:
    for match in _LOWER_I.finditer(text):
        yield Issue(match.start(1), match.end(1), "grammar", "en.lowercase_i",
                    suggestions=("I",), message_key="grammar.en.lowercase_i", family="case")


def _sentence_start_issues(doc: Document) -> Iterator[Issue]:
    for sentence in doc.sentences:
        words = doc.sentence_words(sentence)
        first = words[0] if words else None
        if first is None or first.start != sentence.start or not first.text[:1].islower():
            continue
        if not first.text.isalpha() or any(c.isupper() for c in first.text[1:]):
            continue  # iPhone, eBay and other deliberate lowercase brands
        previous = doc.text[:sentence.start].rstrip()
        if previous.endswith((",", ";", ":")):
            continue  # "Hi Anna,\nthanks ..." continues the greeting
        if previous.endswith(("..", "…")) or re.search(r"[?!][\"”’']+$", previous):
            continue  # after an ellipsis, or '"What?" asks Anna', the sentence goes on
        yield Issue(first.start, first.end, "grammar", "en.sentence_start",
                    suggestions=(first.text.capitalize(),), message_key="grammar.sentence_start",
                    family="case")


# --- Rules for the error classes JFLEG shows Harper misses (articles, agreement, verb forms,
# prepositions, spelling of contractions). Each needs a clear context so clean text stays clean.

MESSAGES = {
    "grammar.en.agreement": {"en": "“{word}” does not agree with its subject.",
                             "fi": "Verbimuoto ”{word}” ei sovi yhteen subjektin kanssa."},
    "grammar.en.plural_needed": {"en": "Use the plural of “{word}” after a number or a word such as “several”.",
                                 "fi": "Käytä sanan ”{word}” monikkoa lukusanan tai esim. sanan ”several” jälkeen."},
    "grammar.en.singular_after_a": {"en": "“a” or “an” goes with a singular noun: “{word}”.",
                                    "fi": "”a” tai ”an” käy vain yksikön kanssa: ”{word}”."},
    "grammar.en.uncountable": {"en": "“{word}”: leave out “a/an”, the noun is uncountable (information, advice, feedback).",
                               "fi": "”{word}”: jätä ”a/an” pois, sana on ei-laskettava (information, advice, feedback)."},
    "grammar.en.missing_article": {"en": "Add “a” or “an” before “{word}”.",
                                   "fi": "Lisää ”a” tai ”an” ilmauksen ”{word}” eteen."},
    "grammar.en.base_form": {"en": "Use the base form of the verb here (“send”, not “sends” or “sent”): “{word}”.",
                             "fi": "Käytä tässä verbin perusmuotoa (”send”, ei ”sends” tai ”sent”): ”{word}”."},
    "grammar.en.participle": {"en": "Use the past participle here (“gone”, “seen”, “sent”): “{word}”.",
                              "fi": "Käytä tässä verbin partisiippia (”gone”, ”seen”, ”sent”): ”{word}”."},
    "grammar.en.preposition": {"en": "“{word}” is not the usual preposition here.",
                               "fi": "”{word}” ei ole tässä tavallinen prepositio."},
    "grammar.en.another": {"en": "Write “another” as one word.", "fi": "Kirjoita ”another” yhteen."},
    "grammar.en.apostrophe": {"en": "“{word}” needs an apostrophe.",
                              "fi": "”{word}” tarvitsee heittomerkin (esim. don't)."},
    "grammar.en.intro_comma": {"en": "Put a comma after “{word}” at the start of a sentence.",
                               "fi": "Lisää pilkku virkkeen aloittavan ilmauksen ”{word}” jälkeen."},
}
register(MESSAGES)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


def _words(text: str) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _joined(text: str, first: _Word, second: _Word) -> bool:
    """Tell whether only spaces separate two words (no punctuation, no line break)."""
    gap = text[first.end:second.start]
    return bool(gap) and gap.strip(" \t") == ""


def _phrase_ends(text: str, end: int) -> bool:
    """Tell whether a noun phrase clearly ends at `end`: punctuation, the end, or a function word."""
    rest = text[end:end + 30]
    stripped = rest.lstrip(" \t")
    if not stripped or stripped[0] in ".,;:!?)\n":
        return not rest[:1].isalnum() and rest[:1] not in "-'’/#"
    if stripped is rest:
        return False  # "refund-related", "order#12"
    match = _WORD.match(stripped)
    return match is not None and match.group().lower() in PHRASE_END_WORDS


def _issue(start: int, end: int, rule: str, key: str, family: str, fixed: str = "",
           category: str = "grammar") -> Issue:
    return Issue(start, end, category, rule, suggestions=(fixed,) if fixed else (),
                 message_key=key, family=family)


def _third_person(base: str) -> str:
    special = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if base in special:
        return special[base]
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _regular_pasts(base: str) -> set[str]:
    if base.endswith("e"):
        return {base + "d"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return {base[:-1] + "ied"}
    forms = {base + "ed"}
    if len(base) >= 3 and base[-1] in "bdglmnprt" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        forms.add(base + base[-1] + "ed")  # stop -> stopped, travel -> travelled
    return forms


def _build_forms() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Return {-s form: base}, {past form: base}, {simple past differing from participle: participle}, {base: participle}."""
    s_forms, pasts, wrong_participles, participles = {}, {}, {}, {}
    for base in REGULAR_VERBS:
        s_forms[_third_person(base)] = base
        for form in _regular_pasts(base):
            pasts[form] = base
        participles[base] = sorted(_regular_pasts(base))[0]
    for base, (past, participle) in IRREGULAR.items():
        s_forms[_third_person(base)] = base
        if past != base:
            pasts[past] = base
        if past != participle and past not in ("showed", "got", "forgot"):
            wrong_participles[past] = participle
        participles[base] = participle
    return s_forms, pasts, wrong_participles, participles


_S_FORMS, _PAST_FORMS, _WRONG_PARTICIPLES, _PARTICIPLES = _build_forms()
_BASE_VERBS = REGULAR_VERBS | frozenset(IRREGULAR)
_SUBJECT_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
_CLAUSE_STARTERS = frozenset("""
and but so because if when while that since although though as or until unless where once
""".split())
_VERB_ADVERBS = frozenset({"also", "always", "never", "often", "usually", "really", "still", "just", "only",
                           "sometimes", "actually", "normally", "generally", "rarely", "probably", "already",
                           "not", "even", "definitely", "certainly"})


def _after_adverbs(words: list[_Word], text: str, index: int) -> int:
    """Return the index of the first word after `index` that is not a verb-modifying adverb."""
    nxt = index + 1
    while nxt < len(words) and words[nxt].lower in _VERB_ADVERBS and _joined(text, words[nxt - 1], words[nxt]):
        nxt += 1
    return nxt


def _is_subject(words: list[_Word], text: str, index: int) -> bool:
    """Tell whether the word at `index` opens a clause (so a pronoun there is a subject)."""
    if index == 0:
        return True
    previous = words[index - 1]
    return not _joined(text, previous, words[index]) or previous.lower in _CLAUSE_STARTERS


def _agreement_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "she need", "it work": he/she/it opening a clause, then a base verb."""
    for index, word in enumerate(words):
        if word.lower not in ("he", "she", "it") or not _is_subject(words, text, index):
            continue
        verb_index = _after_adverbs(words, text, index)
        if verb_index >= len(words) or not _joined(text, words[verb_index - 1], words[verb_index]):
            continue
        verb = words[verb_index]
        if (verb.text.islower() and verb.lower in _BASE_VERBS and verb.lower not in ADJECTIVE_LIKE_VERBS
                and verb.lower not in ("be", "cost", "have", "do")):
            yield _issue(verb.start, verb.end, "en.agreement", "grammar.en.agreement", "agree",
                         _third_person(verb.lower))


def _there_is_plural_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "there is several options", "there was people": a singular verb before a plural subject."""
    for index, word in enumerate(words[:-1]):
        if word.lower == "there's":
            verb, fixed = word, "there are"
        elif word.lower == "there" and words[index + 1].lower in ("is", "was") and _joined(text, word, words[index + 1]):
            verb = words[index + 1]
            fixed = "are" if verb.lower == "is" else "were"
            index += 1
        else:
            continue
        subject_index = _after_adverbs(words, text, index)
        if subject_index >= len(words) or not _joined(text, words[subject_index - 1], words[subject_index]):
            continue
        subject = words[subject_index]
        plural = (subject.lower in _PLURAL_QUANTIFIERS or subject.lower in IRREGULAR_PLURALS - {"data", "staff", "fish", "sheep", "deer", "aircraft"}
                  or (bool(_singular_of(subject.lower)) and _phrase_ends(text, subject.end)))
        if plural and subject.text.islower():
            yield _issue(verb.start, verb.end, "en.there_is_plural", "grammar.en.agreement", "agree",
                         fixed.capitalize() if verb.text[0].isupper() else fixed)


_PLURAL_QUANTIFIERS = frozenset("""
several many various numerous multiple few two three four five six seven eight nine ten eleven twelve
""".split())


def _plural_exists(word: str) -> str:
    """Return the regular plural of `word` if the dictionary knows it, else ""."""
    words = english_words()
    for plural in (_third_person(word), word + "s"):
        if plural in words:
            return plural
    return ""


def _singular_of(word: str) -> str:
    """Return the dictionary singular of a regular plural such as "products", else ""."""
    lower = word.lower()
    if (not lower.endswith("s") or lower.endswith(("ss", "us", "is", "'s")) or lower in SINGULAR_S_WORDS
            or lower in _S_FORMS or len(lower) < 4):
        return ""
    words = english_words()
    candidates = [lower[:-3] + "y"] if lower.endswith("ies") else []
    if lower.endswith("es") and lower[:-2].endswith(("s", "x", "z", "ch", "sh")):
        candidates.append(lower[:-2])
    candidates.append(lower[:-1])
    return next((c for c in candidates if c in words and lower in words), "")


def _noun_number_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "several reason" (plural needed) and "a products" (singular needed)."""
    for first, second in zip(words, words[1:], strict=False):
        if not _joined(text, first, second) or not second.text.islower() or not _phrase_ends(text, second.end):
            continue
        noun = second.lower
        if first.lower in _PLURAL_QUANTIFIERS and _countable_singular(noun):
            plural = _plural_exists(noun)
            if plural:
                yield _issue(second.start, second.end, "en.plural_needed", "grammar.en.plural_needed",
                             "number", plural)
        elif first.lower in ("a", "an", "every", "each") and noun not in _BASE_VERBS:
            singular = _singular_of(noun)
            if singular:
                yield _issue(first.start, second.end, "en.singular_after_a", "grammar.en.singular_after_a",
                             "number", f"{first.text} {singular}")
    yield from _one_of_issues(text, words)


_ONE_OF_DETERMINERS = frozenset({"the", "our", "my", "your", "their", "his", "her", "these", "those"})


def _one_of_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "one of our agent": after "one of the/our" the noun is plural."""
    for index in range(len(words) - 3):
        one, of, determiner = words[index:index + 3]
        if (one.lower, of.lower) != ("one", "of") or determiner.lower not in _ONE_OF_DETERMINERS:
            continue
        noun_index = index + 3
        while noun_index < len(words) - 1 and (words[noun_index].lower in ARTICLE_ADJECTIVES
                                               or words[noun_index].lower.endswith("est")):
            noun_index += 1  # "one of the best", "one of our new"
        noun = words[noun_index]
        if not all(_joined(text, words[i], words[i + 1]) for i in range(index, noun_index)):
            continue
        if noun.text.islower() and _phrase_ends(text, noun.end) and _countable_singular(noun.lower):
            plural = _plural_exists(noun.lower)
            if plural:
                yield _issue(noun.start, noun.end, "en.plural_needed", "grammar.en.plural_needed", "number", plural)


def _countable_singular(noun: str) -> bool:
    """Tell whether `noun` after a quantifier looks like a singular countable noun."""
    if noun in QUANTIFIER_FOLLOWERS or noun in PHRASE_END_WORDS or noun in IRREGULAR_PLURALS:
        return False
    if noun.endswith(("s", "ly", "ing", "ed", "ful", "ous", "ive", "est", "'")):
        return False
    if noun in _BASE_VERBS and noun not in COUNTABLE_NOUNS:
        return False  # "many agree", "several need"
    return True


def _uncountable_article_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "an information", "a great advice": a/an before an uncountable noun."""
    for index, article in enumerate(words[:-1]):
        if article.lower not in ("a", "an"):
            continue
        noun_index = index + 1
        if words[noun_index].lower in ARTICLE_ADJECTIVES and noun_index + 1 < len(words):
            noun_index += 1
        noun = words[noun_index]
        if (noun.lower in UNCOUNTABLE_NOUNS and noun.text.islower() and _joined(text, words[noun_index - 1], noun)
                and _joined(text, article, words[index + 1]) and _phrase_ends(text, noun.end)):
            # Harper reports some of these as agreement errors: the same family counts them once.
            yield _issue(article.start, noun.end, "en.uncountable", "grammar.en.uncountable", "agree",
                         text[words[index + 1].start:noun.end])


_ARTICLE_TRIGGERS = frozenset("""
have has had need needs get got send sent received create created make made
""".split())
_ARTICLE_TRIGGER_PAIRS = frozenset({("there", "is"), ("there", "was"), ("it", "is"), ("it", "was"),
                                    ("this", "is"), ("this", "was"), ("that", "is"), ("that", "was")})


def _missing_article_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find "there was problem", "we sent you new card": a singular countable noun with no article."""
    for index, word in enumerate(words[:-1]):
        previous = words[index - 1] if index else None
        pair = (previous.lower, word.lower) if previous and _joined(text, previous, word) else None
        if not (word.lower in _ARTICLE_TRIGGERS or pair in _ARTICLE_TRIGGER_PAIRS
                or word.lower in ("there's", "it's", "that's")):
            continue
        start_index = index + 1
        if word.lower in ("send", "sent") and start_index < len(words) and words[start_index].lower in ("you", "us", "me", "him", "her", "them"):
            start_index += 1  # "sent you new card"
        noun_index = start_index
        if noun_index < len(words) and words[noun_index].lower in ARTICLE_ADJECTIVES:
            noun_index += 1
        if noun_index >= len(words):
            continue
        noun = words[noun_index]
        span = range(index, noun_index)
        if (noun.lower in COUNTABLE_NOUNS and noun.text.islower() and _phrase_ends(text, noun.end)
                and all(_joined(text, words[i], words[i + 1]) for i in span)):
            first = words[start_index]
            article = "an" if first.lower[0] in "aeiou" else "a"
            yield _issue(first.start, noun.end, "en.missing_article", "grammar.en.missing_article", "article",
                         f"{article} {text[first.start:noun.end]}")


_DO_WORDS = frozenset({"do", "does", "did", "don't", "doesn't", "didn't"})
_MODALS = frozenset({"can", "could", "will", "would", "shall", "should", "may", "might", "must", "cannot",
                     "can't", "couldn't", "won't", "wouldn't", "shouldn't", "mustn't"})
_PERFECT = frozenset({"has", "have", "had", "hasn't", "haven't", "hadn't", "i've", "we've", "you've", "they've"})
_OBJECT_STARTS = frozenset({"the", "a", "an", "your", "my", "our", "their", "his", "her", "its", "this",
                            "that", "these", "those", "it", "them", "him", "us", "me", "you"})


def _verb_form_issues(text: str, words: list[_Word]) -> Iterator[Issue]:
    """Find wrong verb forms after do, modals, "to", have and be."""
    for index, word in enumerate(words[:-1]):
        lower = word.lower
        if lower in _DO_WORDS or lower in _MODALS:
            yield from _base_form_after(text, words, index, subject_allowed=lower in _DO_WORDS)
        elif lower in _PERFECT:
            verb_index = _after_adverbs(words, text, index)
            verb = words[verb_index] if verb_index < len(words) else None
            if verb and _joined(text, words[verb_index - 1], verb) and verb.lower in _WRONG_PARTICIPLES:
                yield _issue(verb.start, verb.end, "en.participle", "grammar.en.participle", "grammar",
                             _WRONG_PARTICIPLES[verb.lower])
        elif lower == "to":
            yield from _base_form_after_to(text, words, index)
        elif lower in ("be", "been", "being"):
            yield from _participle_after_be(text, words, index)


def _base_form_after(text: str, words: list[_Word], index: int, subject_allowed: bool) -> Iterator[Issue]:
    """After do/did or a modal (and an optional subject pronoun), the verb takes its base form."""
    if index and words[index - 1].lower in ("a", "an", "the", "his", "her", "my", "your") or words[index].text == "May":
        return  # "a can", "the will", the month May
    nxt = index + 1
    if subject_allowed and nxt < len(words) and words[nxt].lower in _SUBJECT_PRONOUNS and _joined(text, words[index], words[nxt]):
        nxt += 1
    verb_index = _after_adverbs(words, text, nxt - 1)
    if verb_index >= len(words) or not all(_joined(text, words[i], words[i + 1]) for i in range(index, verb_index)):
        return
    verb = words[verb_index]
    base = _PAST_FORMS.get(verb.lower) or _S_FORMS.get(verb.lower)
    if subject_allowed and base in ("be", "have", "do"):
        return  # "what they did was", "all we do is wait"
    if base and verb.text.islower() and base != verb.lower:
        yield _issue(verb.start, verb.end, "en.base_form", "grammar.en.base_form", "grammar", base)


def _base_form_after_to(text: str, words: list[_Word], index: int) -> Iterator[Issue]:
    """Find "to received the parcel": "to" with a past form followed by its object."""
    if index + 2 >= len(words):
        return
    verb, following = words[index + 1], words[index + 2]
    base = _PAST_FORMS.get(verb.lower)
    if (base and verb.text.islower() and following.lower in _OBJECT_STARTS
            and _joined(text, words[index], verb) and _joined(text, verb, following)):
        yield _issue(verb.start, verb.end, "en.base_form", "grammar.en.base_form", "grammar", base)


_BE_NOUN_LIKE = frozenset({"work", "play", "love", "hope", "wish", "need", "like", "cost", "matter", "plan",
                           "help", "use", "order", "call", "answer", "reply", "wait", "offer", "visit", "test",
                           "support", "return", "request", "change", "charge", "travel", "be", "have", "do",
                           "come", "run", "get", "worry", "thank"})


def _participle_after_be(text: str, words: list[_Word], index: int) -> Iterator[Issue]:
    """Find "will be send", "has been cancel": be + base verb where a passive participle is meant."""
    if any(w.lower == "there" for w in words[max(0, index - 3):index]):
        return  # "there will be change" is a missing article, not a passive
    verb_index = _after_adverbs(words, text, index)
    if verb_index >= len(words) or not _joined(text, words[verb_index - 1], words[verb_index]):
        return
    verb = words[verb_index]
    if (verb.text.islower() and verb.lower in _PARTICIPLES and verb.lower not in _BE_NOUN_LIKE
            and verb.lower not in ADJECTIVE_LIKE_VERBS and _PARTICIPLES[verb.lower] != verb.lower):
        yield _issue(verb.start, verb.end, "en.participle", "grammar.en.participle", "grammar",
                     _PARTICIPLES[verb.lower])


# (rule pattern: group "bad" is the wrong preposition, replacement)
_PREPOSITION_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"\bdepend(?:s|ed|ing)?\s+(?P<bad>of|from)\b"), "on"),
    (_rx(r"\binterested\s+(?P<bad>for|on|about|of)\b"), "in"),
    (_rx(r"\bresponsible\s+(?P<bad>of)\b"), "for"),
    (_rx(r"\bcapable\s+(?P<bad>to)\b"), "of"),
    (_rx(r"\bmarried\s+(?P<bad>with)\b"), "to"),
    (_rx(r"\bsimilar\s+(?P<bad>with)\b"), "to"),
    (_rx(r"\bafraid\s+(?P<bad>from)\b"), "of"),
    (_rx(r"\bconsist(?:s|ed|ing)?\s+(?P<bad>from)\b"), "of"),
    (_rx(r"\b(?P<bad>in)\s+the\s+other\s+hand\b"), "on"),
    (_rx(r"\b(?P<bad>on)\s+my\s+opinion\b"), "in"),
    (_rx(r"\barrive[sd]?\s+(?P<bad>to)\s+(?:the|our|your|my|a|an|[A-Z])"), "at"),
    (_rx(r"\bexplain(?:s|ed|ing)?\s+(?P<bad>)(?:me|us)\b"), "to "),
    (_rx(r"\brepl(?:y|ies|ied|ying)\s+(?P<bad>)(?:me|us|him|her)\b"), "to "),
    (_rx(r"\bwait(?:s|ed|ing)?\s+(?P<bad>)(?:your|our|my|the)\s+(?:reply|answer|response|call|email|message|confirmation)\b"), "for "),
)
# Verbs that take their object directly: the preposition after them is extra.
_EXTRA_PREPOSITION = (
    _rx(r"\bdiscuss(?:es|ed|ing)?(?P<bad>\s+about)\b"),
    _rx(r"\bmention(?:s|ed|ing)?(?P<bad>\s+about)\b"),
    _rx(r"\bemphasi[sz](?:e|es|ed|ing)(?P<bad>\s+on)\b"),
    _rx(r"\b(?:contacted|contacting|(?:please|to|will|can|could|should|may)\s+contact)(?P<bad>\s+with)\b"),
)


def _preposition_issues(text: str) -> Iterator[Issue]:
    """Find customer-service collocations with the wrong or an extra preposition."""
    for pattern, replacement in _PREPOSITION_RULES:
        for match in pattern.finditer(text):
            start, end = match.span("bad")
            if start == end:  # a missing preposition: mark the word after it
                end = text.find(" ", start)
                end = len(text) if end < 0 else end
                fixed = replacement + text[start:end]
            else:
                fixed = replacement
            yield _issue(start, end, "en.preposition", "grammar.en.preposition", "grammar", fixed)
    for pattern in _EXTRA_PREPOSITION:
        for match in pattern.finditer(text):
            start, end = match.span("bad")
            yield _issue(start + len(match.group("bad")) - len(match.group("bad").lstrip()), end,
                         "en.preposition", "grammar.en.preposition", "grammar")


_ANOTHER = _rx(r"\b(an?\s+other)\b(?!\s*-)")
_NO_APOSTROPHE = {"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't",
                  "arent": "aren't", "werent": "weren't", "havent": "haven't", "hasnt": "hasn't",
                  "hadnt": "hadn't", "couldnt": "couldn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
                  "cant": "can't", "wont": "won't", "im": "I'm", "ive": "I've", "youre": "you're",
                  "theyre": "they're", "thats": "that's", "whats": "what's", "theres": "there's"}
_APOSTROPHE_WORD = re.compile(r"(?<![\w'’-])(" + "|".join(_NO_APOSTROPHE) + r")(?![\w'’-])", re.IGNORECASE)


def _another_and_apostrophe_issues(text: str) -> Iterator[Issue]:
    """Find "an other" (another) and contractions written without their apostrophe ("dont")."""
    for match in _ANOTHER.finditer(text):
        fixed = "Another" if match.group(1)[0].isupper() else "another"
        yield _issue(match.start(1), match.end(1), "en.another", "grammar.en.another", "spelling", fixed)
    for match in _APOSTROPHE_WORD.finditer(text):
        word = match.group(1)
        before = text[:match.start()].rstrip().lower()
        if word.lower() in ("cant", "wont") and before.endswith((" his", " her", " their", " as", " its")):
            continue  # "as is his wont"
        opens_sentence = not before or before.endswith((".", "!", "?"))
        if word.lower() == "im" and word != "im" and not (word == "Im" and opens_sentence):
            continue  # "IM" (instant message)
        fixed = _NO_APOSTROPHE[word.lower()]
        if word[0].isupper() and fixed[0].islower():
            fixed = fixed.capitalize()
        yield _issue(match.start(1), match.end(1), "en.apostrophe", "grammar.en.apostrophe", "spelling", fixed,
                     category="spelling")


_INTRO_PHRASES = ("However", "Unfortunately", "Therefore", "For example", "For instance", "In addition",
                  "Moreover", "Furthermore", "Additionally", "In conclusion", "In my opinion",
                  "On the other hand", "In fact", "Firstly", "Secondly", "Thirdly", "Lastly",
                  "Consequently", "As a result", "Fortunately", "Thankfully", "Luckily",
                  "In the meantime", "In summary", "Nevertheless", "Meanwhile")
_INTRO = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(" + "|".join(_INTRO_PHRASES) + r")(?= [a-zA-Z])")
_HOWEVER_NOT_INTRO = re.compile(r" (?:much|many|long|often|far|hard|small|big|little|you|good|bad|well|high|low|"
                                r"late|early|strong|large|careful|great|minor|slight)\b", re.IGNORECASE)


def _intro_comma_issues(text: str) -> Iterator[Issue]:
    """Find "Unfortunately we cannot...": an introductory word opening a sentence without its comma."""
    for match in _INTRO.finditer(text):
        phrase = match.group(1)
        if phrase == "However" and _HOWEVER_NOT_INTRO.match(text, match.end(1)):
            continue  # "However long it takes" is not the connective
        yield _issue(match.start(1), match.end(1), "en.intro_comma", "grammar.en.intro_comma", "comma",
                     phrase + ",", category="punctuation")
