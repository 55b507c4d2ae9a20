"""Spelling and grammar backends: Harper (en), Voikko (fi), spylls hunspell (sv), LanguageTool.

Each returns raw `Issue`s; the grammar analyzer decides what is exempt and how much it costs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

from .. import resources
from ..lemmas import nfc
from ..text import Document, Token
from .grammar_rules_en import Issue

log = logging.getLogger(__name__)

SkipWord = Callable[[Token], bool]
# Longer "words" are junk (pasted hashes, keyboard mashing): report them without asking the
# speller, whose look-ups and suggestions slow down sharply with length.
MAX_CHECKED_WORD = 60
MAX_SUGGESTED_WORD = 25

# Harper lint kinds -> our categories. Kinds not listed count as style (cheapest).
_HARPER_CATEGORY = {
    "Spelling": "spelling", "Typo": "spelling", "Capitalization": "grammar",
    "Agreement": "grammar", "Grammar": "grammar", "WordChoice": "grammar", "Usage": "grammar",
    "Miscellaneous": "grammar", "Repetition": "grammar", "Eggcorn": "grammar",
    "Malapropism": "grammar", "BoundaryError": "spelling", "Nonstandard": "grammar",
    "Punctuation": "punctuation", "Formatting": "punctuation",
}
# Harper messages that duplicate what the clarity analyzer judges, or that misfire on chat text.
# "Insert `to` to complete the infinitive" misfires on correct "expect <noun> to <verb>" when the
# noun can also be a verb ("we expect work to start", "expect delivery to take"); see test_grammar.
_HARPER_SKIP_MESSAGES = ("sentence is", "long sentence", "filler", "hedg", "consider removing",
                         "complete the infinitive")


def harper_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Lint English text with Harper; spelling lints on exempt words are dropped."""
    issues = []
    by_start = {t.start: t for t in doc.tokens}
    protected = [(t.start, t.end) for t in doc.tokens if t.kind in ("url", "email", "mention", "emoji", "number")]
    for lint in resources.harper_linter().lint(doc.text):
        start, end = lint.span.start, lint.span.end
        category = _HARPER_CATEGORY.get(str(lint.lint_kind), "style")
        message = str(lint.message)
        if any(s in message.lower() for s in _HARPER_SKIP_MESSAGES):
            continue
        token = by_start.get(start)
        if any(start < p_end and p_start < end for p_start, p_end in protected):
            continue  # URLs, emails, numbers, emoji and mentions are never errors
        problem = doc.text[start:end]
        if problem.isupper() and len(problem) <= 6:
            continue  # acronyms and codes (INV, XE, SLA) are not words Harper knows
        if category == "spelling" and token is not None and skip_word(token):
            continue
        if str(lint.lint_kind) == "Capitalization" and token is not None and token.text[:1].isupper() and skip_word(token):
            continue  # "Sam" is a name, not the acronym SAM
        suggestions = tuple(s.replacement_text for s in lint.suggestions if s.replacement_text)[:3]
        issues.append(Issue(start, end, category, f"harper.{lint.lint_kind}", message, suggestions,
                            family=_harper_family(str(lint.lint_kind), message, category)))
    return issues


def _harper_family(kind: str, message: str, category: str) -> str:
    """Name the kind of problem a Harper lint reports, to match it with our own rules."""
    lower = message.lower()
    if kind == "Capitalization":
        return "case"
    if "article" in lower:
        return "article"
    if kind == "Repetition" or "repeat" in lower:
        return "repeat"
    if kind == "Agreement":
        return "agree"
    return category


def _word_parts(token: Token) -> list[tuple[int, str]]:
    """Split a hyphenated or slashed word into (offset, part) pairs worth spell-checking."""
    text = nfc(token.text)
    parts, offset = [], 0
    for piece in text.replace("/", "-").split("-"):
        parts.append((token.start + offset, piece))
        offset += len(piece) + 1
    return [(o, p) for o, p in parts if p]


def misspelled_words(doc: Document, skip_word: SkipWord, spell: Callable[[str], bool]) -> list[Token]:
    """Return word tokens the speller rejects, after exemptions (names, vocabulary, units)."""
    wrong = []
    for token in doc.words:
        if skip_word(token) or any(c.isdigit() for c in token.text) or "." in token.text:
            continue
        if len(token.text) <= MAX_CHECKED_WORD and _spelled_ok(token, skip_word, spell):
            continue
        wrong.append(token)
    return wrong


def _spelled_ok(token: Token, skip_word: SkipWord, spell: Callable[[str], bool]) -> bool:
    """Check a word, or for "SMS-viesti" / "Kohtaamo-sovellus" only the parts that are not exempt."""
    text = nfc(token.text).replace("’", "'")
    if spell(text) or (text[:1].isupper() and spell(text.lower())):
        return True
    if "-" not in text and "/" not in text:
        return False
    parts = _word_parts(token)
    if "/" in text:
        return all(_part_ok(part, skip_word, spell) for _, part in parts)
    # A hyphen after an abbreviation, name or number is correct Finnish ("SMS-viesti"); elsewhere
    # it usually splits a compound that should be written together, so judge the last part only then.
    head_exempt = all(_part_exempt(part, skip_word, spell) for _, part in parts[:-1])
    return head_exempt and _part_ok(parts[-1][1], skip_word, spell)


def _part_exempt(part: str, skip_word: SkipWord, spell: Callable[[str], bool]) -> bool:
    """Tell whether a compound part is an acronym, a name or an allowed word (not a common word)."""
    if part.isupper() or skip_word(Token(part.lower(), 0, len(part), "word")):
        return True
    return part[:1].isupper() and not spell(part.lower())


def _part_ok(part: str, skip_word: SkipWord, spell: Callable[[str], bool]) -> bool:
    return _part_exempt(part, skip_word, spell) or spell(part) or spell(part.lower())


@lru_cache(maxsize=4096)
def finnish_suggestions(word: str) -> tuple[str, ...]:
    """Return up to three Voikko suggestions for a misspelled Finnish word."""
    if len(word) > MAX_SUGGESTED_WORD:
        return ()
    return tuple(resources.voikko().suggest(word)[:3])


VOIKKO_SPELLING = "voikko.spelling"  # rule id of Voikko's spelling issues (and their kind)


def voikko_spelling_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Spell-check Finnish words with Voikko."""
    voikko = resources.voikko()
    return [
        Issue(t.start, t.end, "spelling", VOIKKO_SPELLING, suggestions=finnish_suggestions(nfc(t.text)),
              message_key="grammar.spelling")
        for t in misspelled_words(doc, skip_word, voikko.spell)
    ]


# Nouns that work as quantifiers or determiners before another noun ("puoli tuntia", "koko
# hinnan", "pari päivää"): Voikko accepts them joined, but written apart they are correct.
_DETERMINER_NOUNS = frozenset({"koko", "puoli", "pari", "osa", "joukko", "loput", "kerta", "kilo", "litra", "metri", "tusina", "sata", "tuhat"})


def finnish_split_compound_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Find compounds written apart ("asiakas palvelumme"), the most common Finnish writing error.

    A pair counts when the first word is a lowercase noun in the nominative, the second is only
    ever a noun, and Voikko accepts the two written together.
    """
    voikko = resources.voikko()
    issues = []
    words = doc.words
    for first, second in zip(words, words[1:], strict=False):
        gap = doc.text[first.end:second.start]
        if gap != " " or skip_word(first) or skip_word(second) or not first.text[1:].islower():
            continue
        if first.lower in _DETERMINER_NOUNS:
            continue
        if not (_nominative_noun(first.lower) and _only_noun(second.lower)):
            continue
        joined = nfc(first.text + second.text.lower())
        if voikko.spell(joined):
            issues.append(Issue(first.start, second.end, "spelling", "fi.split_compound",
                                suggestions=(joined,), message_key="grammar.fi.split_compound"))
    return issues


@lru_cache(maxsize=16384)
def _nominative_noun(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("CLASS") == "nimisana" and a.get("SIJAMUOTO") == "nimento" for a in analyses)


@lru_cache(maxsize=16384)
def _only_noun(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("CLASS") == "nimisana" for a in analyses)


# Voikko grammar error codes (libvoikko GCERR_*) -> our categories.
_VOIKKO_CATEGORY = {
    2: "punctuation", 3: "punctuation", 4: "punctuation", 5: "grammar", 6: "grammar",
    7: "grammar", 8: "grammar", 9: "punctuation", 10: "punctuation", 11: "punctuation",
    12: "punctuation", 13: "grammar", 14: "grammar", 15: "grammar", 16: "grammar",
    17: "grammar", 18: "grammar",
}
_LOWERCASE_NEEDED, _UPPERCASE_NEEDED, _MISSING_END_PUNCTUATION, _MISSING_MAIN_VERB = 6, 7, 9, 17


def voikko_grammar_issues(doc: Document, channel: str) -> list[Issue]:
    """Check Finnish grammar with Voikko, skipping what is normal in letters and chat.

    Each issue keeps Voikko's own description in Finnish and English, so it can be shown in
    either language later.
    """
    issues = []
    for start, length, code, descriptions, suggestions in resources.voikko().grammar_errors(doc.text):
        if _voikko_false_alarm(doc, start, length, code, channel):
            continue
        issues.append(Issue(start, start + length, _VOIKKO_CATEGORY.get(code, "grammar"),
                            f"voikko.gc{code}", descriptions.get("en", ""), tuple(suggestions[:3]),
                            texts=tuple(sorted(descriptions.items()))))
    return issues


def _voikko_false_alarm(doc: Document, start: int, length: int, code: int, channel: str) -> bool:
    """Tell whether a Voikko grammar error is a convention of service writing rather than an error."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
    short_line = len(line.split()) <= 4  # greetings, sign-offs and names
    if code == _LOWERCASE_NEEDED:
        return True  # mid-sentence capitals are mostly product names, titles and list items
    if code == _UPPERCASE_NEEDED and doc.text[:start].rstrip().endswith(","):
        return True  # "Hei Matti,\nkiitos viestistäsi" is accepted Finnish letter style
    if code in (_MISSING_END_PUNCTUATION, _MISSING_MAIN_VERB) and short_line:
        return True
    if code == _MISSING_END_PUNCTUATION and channel in ("chat", "social") and not doc.text[start + length:].strip():
        return True  # chat messages often end without a full stop
    return False


def swedish_spelling_issues(doc: Document, skip_word: SkipWord, max_suggested: int = 3) -> list[Issue]:
    """Spell-check Swedish words with spylls; only the first few get (slow) suggestions."""
    dictionary = resources.swedish_dictionary()
    issues = []
    for index, token in enumerate(misspelled_words(doc, skip_word, dictionary.lookup)):
        suggestions: tuple[str, ...] = ()
        if index < max_suggested and len(token.text) <= MAX_SUGGESTED_WORD:
            suggestions = tuple(_take(dictionary.suggest(nfc(token.text)), 3))
        issues.append(Issue(token.start, token.end, "spelling", "hunspell.spelling",
                            suggestions=suggestions, message_key="grammar.spelling"))
    return issues


def _take(iterable, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    for item in iterable:
        out.append(str(item))
        if len(out) >= count:
            break
    return out


_LT_CATEGORY = {"misspelling": "spelling", "typographical": "punctuation", "style": "style",
                "grammar": "grammar", "whitespace": "punctuation"}
_LT_LANG = {"en": "en-US", "sv": "sv-SE"}


def languagetool_issues(doc: Document, url: str) -> list[Issue]:
    """Check with a user-run LanguageTool server; never downloads LanguageTool."""
    if doc.language not in _LT_LANG:
        return []
    tool = _languagetool_client(url, _LT_LANG[doc.language])
    issues = []
    for match in tool.check(doc.text):
        category = _LT_CATEGORY.get(getattr(match, "ruleIssueType", ""), "grammar")
        start = match.offset
        issues.append(Issue(start, start + match.errorLength, category, f"lt.{match.ruleId}",
                            match.message, tuple(match.replacements[:3])))
    return issues


@lru_cache(maxsize=8)
def _languagetool_client(url: str, language: str):  # type: ignore[no-untyped-def]
    import language_tool_python  # optional extra

    return language_tool_python.LanguageTool(language, remote_server=url)
