"""Phrase lists that can never match: checked against how the grader really matches.

The grader (`grading/phrases.py`) splits a phrase at spaces, strips the punctuation
`compile_phrase` strips, and matches each word against the *word* tokens of a reply; numbers,
punctuation, web and e-mail addresses are other kinds of tokens, so a phrase word read as one of
them, or as several tokens, never matches. A key point's `numbers` are read with
`grading.numbers.find_quantities`; text in which it finds no value never matches either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from qa_app.grading.numbers import find_quantities
from qa_app.grading.text import tokenize

from .errors import Problem
from .rules import mappings_in
from .text import FieldPath
from .yamlio import ParsedFile

PHRASE_LISTS = ("any", "paraphrases")
# The characters `grading.phrases.compile_phrase` strips from both ends of each phrase word.
STRIPPED = '.,!?;:"()'
_KIND_WORDS = {
    "number": "a number",
    "punct": "punctuation",
    "url": "a web address",
    "email": "an e-mail address",
    "mention": "a mention",
    "emoji": "an emoji",
}


def phrase_problems(parsed: ParsedFile) -> list[Problem]:
    """Report phrases and numbers of key points and forbidden claims that can never match."""
    data = parsed.data
    language = data.get("language") if isinstance(data.get("language"), str) else "fi"
    places: list[tuple[FieldPath, Mapping[str, Any]]] = [
        (("key_points", index), item) for index, item in mappings_in(data, "key_points")
    ]
    places += [(("forbidden", index), item) for index, item in mappings_in(data, "forbidden")]
    for turn_index, turn in mappings_in(data, "turns"):
        places += [
            (("turns", turn_index, "key_points", index), item)
            for index, item in mappings_in(turn, "key_points")
        ]
    problems: list[Problem] = []
    for base, item in places:
        problems += _phrase_list_problems(parsed, base, item)
        problems += _number_problems(parsed, base, item, language)
    return problems


def phrase_words(phrase: str) -> list[str]:
    """Return a phrase's words as the grader compiles them (before stopwords are dropped)."""
    words = (word.strip(STRIPPED) for word in phrase.replace("’", "'").split())
    return [word for word in words if word]


def unmatchable_word(word: str) -> str | None:
    """Say why a phrase word can never match a word of a reply, or None if it can."""
    reasons = [_alternative_problem(alternative) for alternative in word.split("|")]
    if any(reason is None for reason in reasons):
        return None
    return reasons[0]


def _alternative_problem(alternative: str) -> str | None:
    if alternative.endswith("*"):
        return None if alternative[:-1] else "'*' needs the start of a word before it"
    tokens = tokenize(alternative)
    if len(tokens) == 1 and tokens[0].kind == "word":
        return None
    if len(tokens) == 1:
        hint = "; put numbers in 'numbers'" if tokens[0].kind == "number" else ""
        return f"'{alternative}' is {_KIND_WORDS.get(tokens[0].kind, 'not a word')}, and phrases match only words{hint}"
    parts = " ".join(f"'{token.text}'" for token in tokens)
    return f"'{alternative}' is read as {len(tokens)} tokens ({parts}), so it never matches one word; separate words with spaces"


def _phrase_list_problems(
    parsed: ParsedFile, base: FieldPath, item: Mapping[str, Any]
) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for key in PHRASE_LISTS:
        phrases = item.get(key)
        if not isinstance(phrases, list):
            continue
        for position, phrase in enumerate(phrases):
            if not isinstance(phrase, str) or not phrase.strip():
                continue  # the schema reports these
            path = (*base, key, position)
            words = phrase_words(phrase)
            if not words:
                yield parsed.problem(path, f"phrase '{phrase}' has no words, so it can never match")
                continue
            reason = next(filter(None, map(unmatchable_word, words)), None)
            if reason is not None:
                yield parsed.problem(path, f"phrase '{phrase}' can never match: {reason}")
            normal = " ".join(words).casefold()
            if normal in seen:
                yield parsed.problem(path, f"phrase '{phrase}' repeats {seen[normal]}")
            else:
                seen[normal] = f"{key}[{position}]"


def _number_problems(
    parsed: ParsedFile, base: FieldPath, item: Mapping[str, Any], language: str
) -> Iterator[Problem]:
    numbers = item.get("numbers")
    seen: dict[str, int] = {}
    for position, number in enumerate(numbers if isinstance(numbers, list) else []):
        if isinstance(number, bool) or not isinstance(number, (str, int, float)):
            continue  # the schema reports these
        text = str(number).strip()
        if not text:
            continue
        path = (*base, "numbers", position)
        if not find_quantities(text, language):
            yield parsed.problem(
                path,
                f"the grader reads no number in '{text}', so it can never match; "
                "write a value such as 5,18 €, 15 % or 14.11.",
            )
        elif text in seen:
            yield parsed.problem(path, f"number '{text}' repeats numbers[{seen[text]}]")
        else:
            seen[text] = position
    above = item.get("above")
    if isinstance(above, (str, int, float)) and not isinstance(above, bool):
        if str(above).strip() and not find_quantities(str(above), language):
            yield parsed.problem(
                (*base, "above"),
                f"the grader reads no number in '{above}', so the limit never applies; "
                "write a value such as 15 %",
            )
