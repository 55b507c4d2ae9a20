"""English verb-form, preposition and apostrophe rules (do/modal + base form, have + participle)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .grammar_en_base import (
    DO_WORDS,
    MODALS,
    OBJECT_STARTS,
    PARTICIPLES,
    PAST_FORMS,
    PERFECT,
    S_FORMS,
    SUBJECT_PRONOUNS,
    WRONG_PARTICIPLES,
    Issue,
    Word,
    after_adverbs,
    joined,
    make_issue,
    rx,
)
from .grammar_words_en import ADJECTIVE_LIKE_VERBS


def verb_form_issues(text: str, words: list[Word]) -> Iterator[Issue]:
    """Find wrong verb forms after do, modals, "to", have and be."""
    for index, word in enumerate(words[:-1]):
        lower = word.lower
        if lower in DO_WORDS or lower in MODALS:
            yield from _base_form_after(text, words, index, subject_allowed=lower in DO_WORDS)
        elif lower in PERFECT:
            verb_index = after_adverbs(words, text, index)
            verb = words[verb_index] if verb_index < len(words) else None
            if verb and joined(text, words[verb_index - 1], verb) and verb.lower in WRONG_PARTICIPLES:
                yield make_issue(verb.start, verb.end, "en.participle", "grammar.en.participle", "grammar",
                             WRONG_PARTICIPLES[verb.lower])
        elif lower == "to":
            yield from _base_form_after_to(text, words, index)
        elif lower in ("be", "been", "being"):
            yield from _participle_after_be(text, words, index)


def _base_form_after(text: str, words: list[Word], index: int, subject_allowed: bool) -> Iterator[Issue]:
    """After do/did or a modal (and an optional subject pronoun), the verb takes its base form."""
    if index and words[index - 1].lower in ("a", "an", "the", "his", "her", "my", "your") or words[index].text == "May":
        return  # "a can", "the will", the month May
    nxt = index + 1
    if subject_allowed and nxt < len(words) and words[nxt].lower in SUBJECT_PRONOUNS and joined(text, words[index], words[nxt]):
        nxt += 1
    verb_index = after_adverbs(words, text, nxt - 1)
    if verb_index >= len(words) or not all(joined(text, words[i], words[i + 1]) for i in range(index, verb_index)):
        return
    verb = words[verb_index]
    base = PAST_FORMS.get(verb.lower) or S_FORMS.get(verb.lower)
    if subject_allowed and base in ("be", "have", "do"):
        return  # "what they did was", "all we do is wait"
    if base and verb.text.islower() and base != verb.lower:
        yield make_issue(verb.start, verb.end, "en.base_form", "grammar.en.base_form", "grammar", base)


def _base_form_after_to(text: str, words: list[Word], index: int) -> Iterator[Issue]:
    """Find "to received the parcel": "to" with a past form followed by its object."""
    if index + 2 >= len(words):
        return
    verb, following = words[index + 1], words[index + 2]
    base = PAST_FORMS.get(verb.lower)
    if (base and verb.text.islower() and following.lower in OBJECT_STARTS
            and joined(text, words[index], verb) and joined(text, verb, following)):
        yield make_issue(verb.start, verb.end, "en.base_form", "grammar.en.base_form", "grammar", base)


_BE_NOUN_LIKE = frozenset({"work", "play", "love", "hope", "wish", "need", "like", "cost", "matter", "plan",
                           "help", "use", "order", "call", "answer", "reply", "wait", "offer", "visit", "test",
                           "support", "return", "request", "change", "charge", "travel", "be", "have", "do",
                           "come", "run", "get", "worry", "thank"})


def _participle_after_be(text: str, words: list[Word], index: int) -> Iterator[Issue]:
    """Find "will be send", "has been cancel": be + base verb where a passive participle is meant."""
    if any(w.lower == "there" for w in words[max(0, index - 3):index]):
        return  # "there will be change" is a missing article, not a passive
    verb_index = after_adverbs(words, text, index)
    if verb_index >= len(words) or not joined(text, words[verb_index - 1], words[verb_index]):
        return
    verb = words[verb_index]
    if (verb.text.islower() and verb.lower in PARTICIPLES and verb.lower not in _BE_NOUN_LIKE
            and verb.lower not in ADJECTIVE_LIKE_VERBS and PARTICIPLES[verb.lower] != verb.lower):
        yield make_issue(verb.start, verb.end, "en.participle", "grammar.en.participle", "grammar",
                     PARTICIPLES[verb.lower])


# (rule pattern: group "bad" is the wrong preposition, replacement)
_PREPOSITION_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (rx(r"\bdepend(?:s|ed|ing)?\s+(?P<bad>of|from)\b"), "on"),
    (rx(r"\binterested\s+(?P<bad>for|on|about|of)\b"), "in"),
    (rx(r"\bresponsible\s+(?P<bad>of)\b"), "for"),
    (rx(r"\bcapable\s+(?P<bad>to)\b"), "of"),
    (rx(r"\bmarried\s+(?P<bad>with)\b"), "to"),
    (rx(r"\bsimilar\s+(?P<bad>with)\b"), "to"),
    (rx(r"\bafraid\s+(?P<bad>from)\b"), "of"),
    (rx(r"\bconsist(?:s|ed|ing)?\s+(?P<bad>from)\b"), "of"),
    (rx(r"\b(?P<bad>in)\s+the\s+other\s+hand\b"), "on"),
    (rx(r"\b(?P<bad>on)\s+my\s+opinion\b"), "in"),
    (rx(r"\barrive[sd]?\s+(?P<bad>to)\s+(?:the|our|your|my|a|an|[A-Z])"), "at"),
    (rx(r"\bexplain(?:s|ed|ing)?\s+(?P<bad>)(?:me|us)\b"), "to "),
    (rx(r"\brepl(?:y|ies|ied|ying)\s+(?P<bad>)(?:me|us|him|her)\b"), "to "),
    (rx(r"\brepl(?:y|ies|ied|ying)\s+(?P<bad>)(?:this|that|these|our|my|your|the)\s+(?:email|e-mail|message|chat|"
        r"thread|letter|post|comment|survey|text|sms)\b"), "to "),
    (rx(r"\b(?P<bad>in)\s+the\s+end\s+of\s+(?:the|your|our|my|this|each|every|a|an)\b"), "at"),
    (rx(r"\bappl(?:y|ies|ied|ying)\s+(?P<bad>to)\s+(?:a|an|the|your|our)?\s*(?:refund|loan|grant|visa|job|discount|"
        r"compensation|reimbursement|permit|allowance|benefit|position)\b"), "for"),
    (rx(r"\bwait(?:s|ed|ing)?\s+(?P<bad>)(?:your|our|my|the)\s+(?:reply|answer|response|call|email|message|confirmation)\b"), "for "),
    # Days take "on" ("on Monday", "on the weekend"; British English also uses "at"), not "in".
    (rx(r"\b(?P<bad>in|at)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b(?!['’])"), "on"),
    (rx(r"\b(?P<bad>in)\s+the\s+weekends?\b(?!['’])"), "on"),
    (rx(r"\b(?P<bad>in)\s+weekends?\b(?!['’])"), "on the"),
    (rx(r"\b(?P<bad>in)\s+(?:certain|specific|particular|selected|busy|working|public)\s+days\b"), "on"),
    # "agree" takes "with" a person or an opinion ("we agree with you"); "agree the price" (British) stays.
    (rx(r"\bagree[sd]?\s+(?P<bad>)(?:you|him|her|them|(?:the|this|that|your|his|her|their)\s+(?:statement|opinion|"
        r"idea|view|point|comment|author|writer|speaker|lecturer|customer|decision))\b"), "with "),
    # Reasons are given "for": "we changed it for two reasons".
    (rx(r"\b(?P<bad>in|with|by|from)\s+(?:two|three|four|five|several|many|some|a\s+few|the\s+following|these|those)"
        r"\s+reasons\b"), "for"),
    # A tour or trip is gone "on": "we went on a guided tour".
    (rx(r"\b(?:go|goes|went|gone|going)\s+(?P<bad>to)\s+(?:a|an|the|our|your|their|this)\s+(?:[a-z]+\s+){0,2}?"
        r"(?:tour|trip|cruise|excursion|journey|holiday|vacation)(?=\s*(?:[.,;:!?)]|$)|\s+(?:to|in|of|with|around|"
        r"through|last|this|next|on|at|and|for|from|with|along)\b)"), "on"),
)
# Verbs that take their object directly: the preposition after them is extra.
_EXTRA_PREPOSITION = (
    rx(r"\bdiscuss(?:es|ed|ing)?(?P<bad>\s+about)\b"),
    rx(r"\benjoy(?:s|ed|ing)?(?P<bad>\s+in)\s+(?:it|this|that|them|your|our)\b"),
    rx(r"\bmention(?:s|ed|ing)?(?P<bad>\s+about)\b"),
    rx(r"\bexplain(?:s|ed|ing)?(?P<bad>\s+about)\b"),
    rx(r"\bemphasi[sz](?:e|es|ed|ing)(?P<bad>\s+on)\b"),
    rx(r"\b(?:contacted|contacting|(?:please|to|will|can|could|should|may)\s+contact)(?P<bad>\s+with)\b"),
)


def _leading_stem(pattern: re.Pattern[str]) -> str:
    """Return the literal word start a pattern opens with ("capable" for "capable to"), or ""
    when it opens with a group: a text without that stem cannot match."""
    found = re.match(r"\\b([a-z]{3,})", pattern.pattern)
    return found.group(1) if found else ""


_PREPOSITION_STEMS = tuple(_leading_stem(pattern) for pattern, _ in _PREPOSITION_RULES)
_EXTRA_PREPOSITION_STEMS = tuple(_leading_stem(pattern) for pattern in _EXTRA_PREPOSITION)


def preposition_issues(text: str) -> Iterator[Issue]:
    """Find customer-service collocations with the wrong or an extra preposition."""
    lowered = text.lower()
    for (pattern, replacement), stem in zip(_PREPOSITION_RULES, _PREPOSITION_STEMS, strict=True):
        if stem and stem not in lowered:
            continue
        for match in pattern.finditer(text):
            start, end = match.span("bad")
            if start == end:  # a missing preposition: mark the word after it
                end = text.find(" ", start)
                end = len(text) if end < 0 else end
                fixed = replacement + text[start:end]
            else:
                fixed = replacement
            yield make_issue(start, end, "en.preposition", "grammar.en.preposition", "grammar", fixed)
    for pattern, stem in zip(_EXTRA_PREPOSITION, _EXTRA_PREPOSITION_STEMS, strict=True):
        if stem and stem not in lowered:
            continue
        for match in pattern.finditer(text):
            start, end = match.span("bad")
            yield make_issue(start + len(match.group("bad")) - len(match.group("bad").lstrip()), end,
                         "en.preposition", "grammar.en.preposition", "grammar")


_ANOTHER = rx(r"\b(an?\s+other)\b(?!\s*-)")
_NO_APOSTROPHE = {"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't",
                  "arent": "aren't", "werent": "weren't", "havent": "haven't", "hasnt": "hasn't",
                  "hadnt": "hadn't", "couldnt": "couldn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
                  "cant": "can't", "wont": "won't", "im": "I'm", "ive": "I've", "youre": "you're",
                  "theyre": "they're", "thats": "that's", "whats": "what's", "theres": "there's"}
_APOSTROPHE_WORD = re.compile(r"(?<![\w'’-])(" + "|".join(_NO_APOSTROPHE) + r")(?![\w'’-])", re.IGNORECASE)


def another_and_apostrophe_issues(text: str) -> Iterator[Issue]:
    """Find "an other" (another) and contractions written without their apostrophe ("dont")."""
    for match in _ANOTHER.finditer(text):
        fixed = "Another" if match.group(1)[0].isupper() else "another"
        yield make_issue(match.start(1), match.end(1), "en.another", "grammar.en.another", "spelling", fixed)
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
        yield make_issue(match.start(1), match.end(1), "en.apostrophe", "grammar.en.apostrophe", "spelling", fixed,
                     category="spelling")
