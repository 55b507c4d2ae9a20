"""Spelling and grammar backends: Harper (en), Voikko (fi), spylls hunspell (sv), LanguageTool.

Each returns raw `Issue`s; the grammar analyzer decides what is exempt and how much it costs.
"""

from __future__ import annotations

import bisect
import logging
import re
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
# Measured on UD English EWT (bench/ud_precision.py), these flag correct text far more often than
# errors: typographic preferences ("..." for "…", "-" in ranges, the Oxford comma), "excellent"
# for "very good", "all the" for "all of the", and a missing preposition after "am"/"are".
_HARPER_SKIP_MESSAGES = ("sentence is", "long sentence", "filler", "hedg", "consider removing",
                         "complete the infinitive", "unicode ellipsis", "en dash", "oxford comma",
                         "vocabulary enhancement", "consider simplifying",
                         "missing a preposition", "go better together",
                         # Open and closed compounds ("web site", "voice mail", "head count") are
                         # both standard; dictionaries list the open form as a variant, not an error.
                         "closed compound noun")
# Regionalism: British and American usage are both correct in a reply.
_HARPER_SKIP_KINDS = frozenset({"Regionalism"})
# English abbreviations that seldom end a sentence (company forms, titles, Latin): after
# weekdays, months or "etc." a lowercase word may be the start of a sentence written in lowercase.
_MID_SENTENCE_ABBREVIATIONS = frozenset({"inc", "ltd", "co", "corp", "e.g", "i.e", "vs", "approx", "incl", "excl",
                                         "mr", "mrs", "ms", "dr", "prof", "st", "tel", "ext", "ref", "dept"})
_PREPOSITIONS = frozenset({"of", "to", "for", "with", "from", "by", "about", "among", "on", "in", "at",
                           "without", "against", "between", "whom", "under", "through"})
# Repeating these is ordinary emphasis ("very very good"), as in the own doubled-word rule.
_ALLOWED_REPEATS = frozenset({"very", "really", "so", "no", "bye", "ha", "that", "had", "is"})


def harper_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Lint English text with Harper; spelling lints on exempt words are dropped."""
    issues = []
    by_start = {t.start: t for t in doc.tokens}
    protected = [(t.start, t.end) for t in doc.tokens if t.kind in ("url", "email", "mention", "emoji", "number")]
    for lint in resources.harper_linter().lint(doc.text):
        start, end = lint.span.start, lint.span.end
        kind = str(lint.lint_kind)
        category = _HARPER_CATEGORY.get(kind, "style")
        message = str(lint.message)
        if kind in _HARPER_SKIP_KINDS or any(s in message.lower() for s in _HARPER_SKIP_MESSAGES):
            continue
        suggestions = tuple(s.replacement_text for s in lint.suggestions if s.replacement_text)[:3]
        if _harper_false_alarm(doc, kind, start, end, suggestions, skip_word):
            continue
        if "offensive" in message.lower() and _capitalised_mid_sentence(doc, start, end):
            continue  # "Dick Clarke" is a name, not a swear word
        if "start with a capital" in message.lower() and _after_abbreviation(doc.text, start):
            continue  # "Acme Inc. is", "etc. and": the full stop ends an abbreviation, not a sentence
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
        issues.append(Issue(start, end, category, f"harper.{lint.lint_kind}", message, suggestions,
                            family=_harper_family(str(lint.lint_kind), message, category)))
    return issues


def _harper_false_alarm(doc: Document, kind: str, start: int, end: int, suggestions: tuple[str, ...],
                        skip_word: SkipWord) -> bool:
    """Tell whether a Harper lint is one of the kinds UD English showed to be mostly wrong."""
    text = doc.text
    word = text[start:end]
    before = text[:start].rstrip().rsplit(None, 1)[-1:] or [""]
    if kind == "Repetition":
        first = word.split()[0] if word.split() else ""
        return first.lower() in _ALLOWED_REPEATS or first[:1].isupper() and not _sentence_initial(doc, start)
    if kind == "Agreement" and before[0].lower() == "you" and word.lower() in ("guys", "folks", "all"):
        return True  # "you guys do" is a plural pronoun, not a noun-verb mismatch
    if kind == "WordChoice" and word.lower() == "new" and before and before[0].lower() in _PRONOUNS_BEFORE_ADJECTIVE:
        return True  # "nothing new", "something new": an adjective after the pronoun, not "knew"
    if kind == "Miscellaneous" and word.lower() == "a":
        following = text[end:].lstrip()
        nxt = following.split(None, 1)[0] if following else ""
        return following.startswith("&") or (len(nxt) <= 2 and nxt.isalpha())  # "a&m", "a uv lamp"
    if kind == "Grammar" and word.lower() == "whom" and before[0].lower() in _PREPOSITIONS:
        return True  # "some of whom", "to whom": the object of a preposition is "whom"
    if kind in ("Spelling", "Typo"):
        return _spelling_lint_false_alarm(doc, kind, start, end, word, suggestions, skip_word)
    if kind == "Formatting":
        return _spaced_dash_or_ellipsis(text, start, end) or _closing_quote(text, start, end)
    return False


_PRONOUNS_BEFORE_ADJECTIVE = frozenset({"anything", "something", "nothing", "everything"})


def _spaced_dash_or_ellipsis(text: str, start: int, end: int) -> bool:
    """Tell whether a "space at the end of the sentence" stands before a dash or an ellipsis
    ("Thanks -", "at the shop ..."): a spaced dash and a spaced ellipsis are standard typography;
    only a space before a full stop, comma, "?" or "!" is the error."""
    return not text[start:end].strip() and text[end:].lstrip(" ").startswith(("-", "–", "—", "...", "…"))


def _closing_quote(text: str, start: int, end: int) -> bool:
    """Tell whether an "unterminated" quote mark is by its form a closing one: it follows the
    quotation's final punctuation and ends the line ("… was over."), so what is missing, if
    anything, is an opening mark in an earlier sentence, not this one's end."""
    if text[start:end] not in ('"', "”") or start == 0 or text[start - 1] not in ".?!…":
        return False
    return not text[end:].split("\n", 1)[0].strip()


def _after_abbreviation(text: str, start: int) -> bool:
    """Tell whether the word before `start` is an English abbreviation with its full stop."""
    before = text[:start].rstrip()
    if not before.endswith("."):
        return False
    last = before[:-1].rsplit(None, 1)[-1:] or [""]
    return last[0].lower().lstrip("(\"'") in _MID_SENTENCE_ABBREVIATIONS


def _capitalised_mid_sentence(doc: Document, start: int, end: int) -> bool:
    """Tell whether a span is one capitalised word that does not open its sentence (a name)."""
    word = doc.text[start:end]
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and not _sentence_initial(doc, start)


def _sentence_initial(doc: Document, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    return sentence is not None and sentence.start == offset


def _spelling_lint_false_alarm(doc: Document, kind: str, start: int, end: int, word: str,
                               suggestions: tuple[str, ...], skip_word: SkipWord) -> bool:
    """Tell whether a spelling lint is on a name, code or foreign word rather than a typo.

    Harper lints parts of tokens ("al" in "al-Qaeda", "s" in "13s"): the whole token decides.
    A capitalised typo is nearly always one edit from the intended word (Damerau 1964), while
    names get only distant suggestions ("Wolfowitz" -> "Horowitz").
    """
    token = next((t for t in doc.tokens if t.start <= start < t.end), None)
    if token is not None and (token.start, token.end) != (start, end):
        parts = token.text.replace("/", "-").split("-")
        if any(c.isdigit() for c in token.text) or any(p[:1].isupper() for p in parts) or skip_word(token):
            return True
        if "-" in token.text and token.text.lower().replace("-", "") in resources.english_words():
            return True  # "co-ordinator" is the hyphenated spelling of "coordinator"
    if any(c.isdigit() for c in word):
        return True  # model and file names ("wx10", "image001") are codes, not words
    if _spelling_variant(word, suggestions) or kind == "Spelling" and _in_word_list(word, suggestions):
        return True
    if word.islower() and _finnish_name_part(doc.text, start, word):
        return True
    if " " in word or not suggestions:
        return not suggestions and word[:1].isupper()
    if not word[:1].isupper():
        return _lowercase_unknown_not_a_typo(doc.text, start, word, suggestions)
    allowed = 1 if len(word) <= 6 else 2
    return min(edit_distance(word.lower().replace("'", ""), s.lower().replace("'", "")) for s in suggestions) > allowed


# British spellings Harper's American dictionary rejects, as (British, American) endings or
# inner letters: "cancelled"/"canceled", "colour"/"color", "centre"/"center", "realise"/"realize",
# "catalogue"/"catalog". A reply may follow either standard.
# The pairs are narrow on purpose: a bare "ll" -> "l" would also accept the typo "untill".
_BRITISH_AMERICAN = (("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llor", "lor"), ("our", "or"),
                     ("tre", "ter"), ("bre", "ber"), ("ise", "ize"), ("isa", "iza"), ("isi", "izi"),
                     ("yse", "yze"), ("ysi", "yzi"), ("ogue", "og"), ("ence", "ense"))


def _spelling_variant(word: str, suggestions: tuple[str, ...]) -> bool:
    """Tell whether a word is a standard variant of a suggestion: a British spelling of it, or
    the same word with a hyphen added or dropped ("re-start"/"restart", "ebook"/"e-book")."""
    lower = word.lower()
    for suggestion in (s.lower() for s in suggestions):
        if "-" in lower + suggestion and lower.replace("-", "") == suggestion.replace("-", ""):
            return True
        if len(suggestion) < 4 or " " in suggestion:
            continue
        for british, american in _BRITISH_AMERICAN:
            for i in range(2, len(lower)):
                if lower.startswith(british, i) and lower[:i] + american + lower[i + len(british):] == suggestion:
                    return True
    return False


def _in_word_list(word: str, suggestions: tuple[str, ...]) -> bool:
    """Tell whether SCOWL's large word list has the word as written, so Harper's smaller
    dictionary simply lacks it ("ceviche", "cichlids", "undercooked").

    The list also has rare lowercase words that are names in a reply ("texas", "portland") and
    plurals that are contractions without their apostrophe ("shes", "heres"), so a suggestion
    that is the same letters with other capitals or an apostrophe keeps the flag. A capitalised
    word counts as its lowercase form at a sentence start ("Ceviche is …").
    """
    same = word.lower().replace("'", "").replace("’", "")
    if any(s.lower().replace("'", "").replace("’", "") == same for s in suggestions):
        return False
    words = resources.english_wordlist()
    known = word in words or (word.istitle() or word.isupper()) and (word.lower() in words or word.capitalize() in words)
    return known and not _rare_form_of_common_word(word, suggestions)


# A suggestion this frequent (Google Books count) one edit away makes an unlisted rare word a typo.
_COMMON_WORD_COUNT = 1_000_000


def _rare_form_of_common_word(word: str, suggestions: tuple[str, ...]) -> bool:
    """Tell whether a word of the large list is too rare to be in the frequency list while a
    common word one edit away is Harper's first suggestion ("surprize" for "surprise"): a typo,
    not a rare word.
    Rare words of the trade ("ceviche", "cichlids") have no common neighbour that close."""
    counts = resources.english_word_counts()
    lower = word.lower()
    if lower in counts or not suggestions:
        return False
    best = suggestions[0].lower()  # Harper's first guess only: "yuppy" is not a typo of its third, "puppy"
    return edit_distance(lower, best) == 1 and counts.get(best, 0) >= _COMMON_WORD_COUNT


def _lowercase_unknown_not_a_typo(text: str, start: int, word: str, suggestions: tuple[str, ...]) -> bool:
    """Tell whether a lowercase word Harper does not know is a file extension or a foreign word.

    After a full stop with no space it is an extension ("report.vcf"). A typo of an English word
    is near it, so when every suggestion is at least three edits away and at least half the
    word's length, the word is a foreign word or a name ("ceviche" -> "cliche"). Learner typos
    far from the word ("timescedules") are long, and their suggestions keep most of the letters.
    """
    if start > 1 and text[start - 1] == "." and not text[start - 2].isspace():
        return True
    lower = word.lower().replace("'", "")
    distance = min(edit_distance(lower, s.lower().replace("'", "")) for s in suggestions)
    return distance >= 3 and distance * 2 >= len(lower)


def _finnish_name_part(text: str, start: int, word: str) -> bool:
    """Tell whether a lowercase word in English text is the common-noun part of a Finnish name
    after its genitive ("Kalevan puistotie 3", "Kotimaan kieli 2"): the word before is
    capitalised, ends in the genitive -n, is no common English word, and Voikko spells both."""
    before = text[:start].rstrip(" ")
    previous = before.rsplit(None, 1)[-1] if before.strip() else ""
    if len(word) < 5 or not previous.isalpha() or not previous[:1].isupper() or not previous.endswith("n"):
        return False
    if previous.lower() in resources.english_wordlist():
        return False  # "Then", "Often": a common English word, not a Finnish name (names as "Kaaren" pass)
    if not resources.voikko_available():
        return False
    voikko = resources.voikko()
    return bool(voikko.spell(previous) and voikko.spell(word))


def edit_distance(a: str, b: str) -> int:
    """Return the optimal-string-alignment distance (insert, delete, substitute, swap neighbours)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


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
    if _hyphen_joins_compounds(parts, spell):
        return True
    # A hyphen after an abbreviation, name or number is correct Finnish ("SMS-viesti"); elsewhere
    # it usually splits a compound that should be written together, so judge the last part only then.
    head_exempt = all(_part_exempt(part, skip_word, spell) for _, part in parts[:-1])
    return head_exempt and _part_ok(parts[-1][1], skip_word, spell)


def _hyphen_joins_compounds(parts: list[tuple[int, str]], spell: Callable[[str], bool]) -> bool:
    """Tell whether a hyphen joins valid words that are lists or compounds themselves.

    Finnish may join compounds of compounds with a hyphen for readability ("jauheliha-
    pekonikastike") and writes coordinated lists so ("vauva-taapero-lapsi"); a hyphen between
    two simple words ("asiakas-palvelu") is the error this check is for.
    """
    words = [part for _, part in parts]
    if len(words) < 2 or not all(spell(w.lower()) for w in words):
        return False
    return len(words) >= 3 or any(_is_compound(w.lower()) for w in words)


@lru_cache(maxsize=4096)
def _is_compound(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(str(a.get("STRUCTURE", "")).count("=") >= 2 for a in analyses)


def _part_exempt(part: str, skip_word: SkipWord, spell: Callable[[str], bool]) -> bool:
    """Tell whether a compound part is an acronym, a name, an allowed word or a foreign word.

    Finnish joins a foreign first part to a native word with a hyphen ("beta-versio",
    "chat-palvelu", "online-tilaus"), so a head the speller rejects but English knows is no typo.
    """
    if part.isupper() or skip_word(Token(part.lower(), 0, len(part), "word")):
        return True
    if spell(part.lower()):
        return False
    return part[:1].isupper() or (len(part) >= 3 and part.lower() in resources.english_words())


def _part_ok(part: str, skip_word: SkipWord, spell: Callable[[str], bool]) -> bool:
    return _part_exempt(part, skip_word, spell) or spell(part) or spell(part.lower())


@lru_cache(maxsize=4096)
def finnish_suggestions(word: str) -> tuple[str, ...]:
    """Return up to three Voikko suggestions for a misspelled Finnish word."""
    if len(word) > MAX_SUGGESTED_WORD:
        return ()
    return tuple(resources.voikko().suggest(word)[:3])


_FINNISH_LETTERS = "abcdefghijklmnoprstuvyäö"
_MAX_ONE_EDIT = 3


@lru_cache(maxsize=4096)
def _one_edit_words(word: str) -> tuple[str, ...]:
    """Return up to three words Voikko accepts that are one edit from the given one: swaps of
    neighbours first, then deletions, substitutions and insertions, as typos are made.

    Voikko's suggester tries keyboard neighbours and common slips, so it has nothing for many plain
    typos ("huomcnna", "hyvityj", "nufero"); one edit finds "huomenna", "hyvitys", "numero". A
    name or loanword has no such neighbour ("Muntadar", "lachrymosus"). About 1,000 look-ups, 2-8 ms.
    """
    capital = word[:1].isupper()
    lower = word.lower()
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    edits = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    edits += [a + b[1:] for a, b in splits if b]
    edits += [a + c + b[1:] for a, b in splits if b for c in _FINNISH_LETTERS if c != b[0]]
    edits += [a + c + b for a, b in splits for c in _FINNISH_LETTERS]
    found = resources.voikko().first_spelled((e for e in dict.fromkeys(edits) if len(e) > 1), _MAX_ONE_EDIT)
    return tuple(w[:1].upper() + w[1:] if capital else w for w in found)


def one_edit_from_common_word(word: str) -> bool:
    """Tell whether a word Voikko rejects is one edit from a simple word that is not a name
    ("Terveisn" from "terveisin"; not a place name whose only neighbour is some chance compound)."""
    voikko = resources.voikko()
    if not MIN_ONE_EDIT_WORD <= len(word) <= MAX_SUGGESTED_WORD or voikko.spell(word):
        return False
    return any(not _is_name(c) and not _is_compound(c.lower()) for c in _one_edit_words(word))


# Nearly every string of two or three letters is one edit from some word, so for abbreviations
# such as "As Oy", "Ky" or "Hki" the neighbour says nothing.
MIN_ONE_EDIT_WORD = 4


@lru_cache(maxsize=4096)
def _is_name(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("CLASS") in NAME_CLASSES for a in analyses)


VOIKKO_SPELLING = "voikko.spelling"  # rule id of Voikko's spelling issues (and their kind)


# A text with more unknown words than this that Voikko has no suggestion for is not a reply but a
# paste or keyboard mashing; its further such words are left out as before the search existed,
# so 20,000 characters of junk cost about 2 s, not 5 s.
ONE_EDIT_SEARCHES_PER_TEXT = 200


def voikko_spelling_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Spell-check Finnish words with Voikko."""
    voikko = resources.voikko()
    issues: list[Issue] = []
    searches = 0
    closings = [m.start() for m in _CLOSING_LINE.finditer(doc.text)]  # once: a long text has many unknown words
    for token in misspelled_words(doc, skip_word, voikko.spell):
        if _foreign_or_name(token.text) or _suffix_or_abbreviation(doc.text, token, voikko.spell) \
                or _in_english_phrase(doc, token, voikko.spell):
            continue
        word = nfc(token.text)
        signature = _in_signature(doc.text, token, closings)
        if searches < ONE_EDIT_SEARCHES_PER_TEXT and (_known_part_cuts(word.lower()) or signature):
            searches += 1  # both look at the words one edit away
            if compound_of_known_parts(word.lower()) or (signature and not one_edit_from_common_word(word)):
                continue
        suggestions = finnish_suggestions(word)
        if not suggestions and len(word) <= MAX_SUGGESTED_WORD:
            if searches == ONE_EDIT_SEARCHES_PER_TEXT:
                continue
            searches += 1
            suggestions = _one_edit_words(word)
            if not suggestions:
                continue  # no correction is known: a name or loanword ("Muntadar"), not a typo
        if _corrected_only_to_names(token.text, suggestions):
            continue
        issues.append(Issue(token.start, token.end, "spelling", VOIKKO_SPELLING, suggestions=suggestions,
                            message_key="grammar.spelling"))
    return issues


NAME_CLASSES = frozenset({"etunimi", "sukunimi", "paikannimi", "nimi"})  # Voikko's classes of names
# A letter's closing line; the short lines after it are names, titles and units.
_CLOSING_LINE = re.compile(r"(?im)^[ \t]*(?:\w+[ \t]+)?(?:terveisin|terveisin,|ystävällisesti|kiittäen|t\.|terv\.)[ \t]*,?[ \t]*$")
_SIGNATURE_LINE_WORDS = 6


def _in_signature(text: str, token: Token, closings: list[int]) -> bool:
    """Tell whether a word stands in the signature under a closing ("Ystävällisin terveisin"):
    on a short line of its own after it, where job titles and units Voikko may lack stand
    ("Anna Laine, optometristi"). A word one edit from a common one is still a typo there.

    `closings` are the sorted offsets where the text's closing lines start."""
    line_start = text.rfind("\n", 0, token.start) + 1
    if bisect.bisect_left(closings, line_start) == 0:
        return False  # no closing line starts before this word's line
    line_end = text.find("\n", token.start)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return len(line.split()) <= _SIGNATURE_LINE_WORDS and line.rstrip()[-1:] not in ".!?"


# Adverbs that open compounds Voikko does not list ("takaisinsoittopyyntö"): like a
# nominative, they are whole words before the second part.
_ADVERB_COMPOUND_HEADS = frozenset({"takaisin", "edestakaisin", "ulos", "sisään", "ylös", "alas", "pois", "ohi",
                                    "läpi", "yli", "ali", "esiin", "kotiin", "eteen", "taakse", "yhteen"})
MIN_COMPOUND_HEAD = 4  # parts of three letters ("ale", "usa") split too many typos into two words
MIN_COMPOUND_TAIL = 3  # "puu", "työ", "tie"


@lru_cache(maxsize=4096)
def compound_of_known_parts(word: str) -> bool:
    """Tell whether a word Voikko rejects is a compound of two parts it knows, and no typo.

    Finnish compounds freely, and Voikko's lexicon misses new compounds of a head it uses in
    listed compounds with a derived noun, or of an adverb and a noun ("takaisin" + "soittopyyntö").
    But a typo may also split into two words ("toimitusalue" + "lila"): it has a neighbour one edit
    away that Voikko accepts without a part boundary where the split is ("toimitusalueilla"), while
    the neighbours of a real compound keep it.
    Measured with bench/fi_typo_recall.py (see bench/README.md).
    """
    cuts = _known_part_cuts(word)
    if not cuts:
        return False
    neighbours = [s.lower() for s in finnish_suggestions(word) if s.isalpha() and edit_distance(s.lower(), word) == 1]
    neighbours += [w.lower() for w in _one_edit_words(word)]
    return not any(_boundaries(n).isdisjoint({c + d for c in cuts for d in (-1, 0, 1)}) for n in neighbours)


@lru_cache(maxsize=4096)
def _known_part_cuts(word: str) -> tuple[int, ...]:
    """Return where a word splits into a head that can open a compound (a noun or adjective in the
    nominative singular, an adverb such as "takaisin", or a head Voikko uses in a listed compound
    with the start of the second part) and a noun Voikko knows."""
    if len(word) < MIN_COMPOUND_HEAD + MIN_COMPOUND_TAIL or len(word) > MAX_SUGGESTED_WORD or not word.isalpha():
        return ()
    return tuple(cut for cut in range(MIN_COMPOUND_HEAD, len(word) - MIN_COMPOUND_TAIL + 1)
                 if _noun_part(word[cut:]) and _compound_head(word[:cut], word[cut:]))


@lru_cache(maxsize=16384)
def _noun_part(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and any(a.get("CLASS") == "nimisana" for a in analyses)


# Indeclinable adjectives written apart from their noun: "viime kesänä", "eri vaihtoehdot".
_NOT_COMPOUND_HEADS = frozenset({"viime", "ensi", "eri"})


def _compound_head(head: str, tail: str) -> bool:
    if head in _ADVERB_COMPOUND_HEADS:
        return True
    if head in _NOT_COMPOUND_HEADS:
        return False
    voikko = resources.voikko()
    if any(a.get("CLASS") in ("nimisana", "laatusana", "nimisana_laatusana") and a.get("SIJAMUOTO") == "nimento"
           and a.get("NUMBER") == "singular" and not a.get("POSSESSIVE") for a in voikko.analyze(head)):
        return True
    return any(len(head) in _boundaries(head + tail[:k]) for k in range(MIN_COMPOUND_TAIL, len(tail)))


@lru_cache(maxsize=16384)
def _boundaries(word: str) -> frozenset[int]:
    """Return the offsets of the part boundaries in any of Voikko's readings of a compound."""
    found = set()
    for analysis in resources.voikko().analyze(word):
        letters = 0
        for mark in str(analysis.get("STRUCTURE", ""))[1:]:
            if mark == "=":
                found.add(letters)
            else:
                letters += 1
    return frozenset(found)


def _corrected_only_to_names(word: str, suggestions: tuple[str, ...]) -> bool:
    """Tell whether every suggestion for a capitalised word is a proper name ("Evira" -> "Eira",
    "Annimari" -> "Anni Mari", "Anni-Mari"): the word is then another name, since a typo of a common
    word gets common words back. Not for lowercase words: measured with bench/fi_typo_recall.py,
    it hid 11 of 2,760 lowercase typos to spare 2 of 1,555 clean UD sentences."""
    if not word[:1].isupper():
        return False
    return bool(suggestions) and all(
        all(_is_name(part) for part in re.split(r"[ -]", s) if part) for s in suggestions)


def _in_english_phrase(doc: Document, token: Token, spell: Callable[[str], bool]) -> bool:
    """Tell whether a short word sits next to an English word Voikko rejects ("War is over"), so is English too."""
    if len(token.text) > 2 or token.lower not in resources.english_words():
        return False
    words = doc.words
    index = next((i for i, w in enumerate(words) if w.start == token.start), -1)
    neighbours = [words[i] for i in (index - 1, index + 1) if 0 <= i < len(words)]
    return any(len(n.text) >= 3 and n.lower in resources.english_words() and not spell(n.lower)
               for n in neighbours)


def _suffix_or_abbreviation(text: str, token: Token, spell: Callable[[str], bool]) -> bool:
    """Tell whether a token is a case ending after a colon ("km:llä", "EU:ssa"), an abbreviation
    whose full stop the tokenizer left out ("engl.", "puh. 040…"), or the first part of a compound
    whose shared last part a hyphen stands for ("huhti- ja toukokuussa", "alku-/loppupää")."""
    if token.start > 0 and text[token.start - 1] == ":" and text[token.start - 2:token.start - 1].strip():
        return True
    if text[token.end:token.end + 1] == ".":
        return spell(token.text + ".") or _abbreviation_mid_sentence(text, token)
    return _truncated_compound(text, token, spell)


def _abbreviation_mid_sentence(text: str, token: Token) -> bool:
    """Tell whether a short lowercase word with a full stop is an abbreviation: the sentence goes
    on after the stop (a lowercase word or a number follows, "nro. 5", "puh. 040"), or it opens a
    parenthesis ("(ven. Татьяна)", "(myöh. Saville)"); a sentence's last word is followed by a capital."""
    if len(token.text) > 4 or not token.text.islower():
        return False
    following = text[token.end + 1:].lstrip(" ")
    if following[:1].islower() or following[:1].isdigit():
        return True
    return text[:token.start].endswith("(") and bool(following) and following[:1] != "\n"


def _truncated_compound(text: str, token: Token, spell: Callable[[str], bool]) -> bool:
    """Tell whether "huhti-" before "/" or a conjunction is "huhtikuu" with its shared part left
    out: the word plus the tail of the next compound is a word ("huhti" + "kuussa")."""
    after = text[token.end:]
    match = re.match(r"-(?:/| ja | tai | sekä | eli | tahi |, )\s*([^\W\d_]+)", after)
    if not match:
        return False
    following = nfc(match.group(1))
    return any(spell(nfc(token.text) + following[i:]) for i in range(2, len(following) - 1))


def _foreign_or_name(word: str) -> bool:
    """Tell whether a word Voikko rejects is a name with inner capitals or an English word.

    Finnish text quotes English titles and terms ("Games for Windows", "engl. light") and brand
    names ("McAfee"); the English dictionary knows them and Finnish typos are rarely English words.
    """
    if any(c.isupper() for c in word[1:]) and not word.isupper():
        return True
    return (len(word) >= 3 and word.lower() in resources.english_wordlist()) or _inflected_loanword(word)


# Finnish inflects an English word that ends in a consonant with a linking vowel: -i- in the
# singular ("chatin", "botissa", "appin", "bugit"), -e- in the plural ("bugeja", "boteille"),
# then a possessive suffix and a clitic as any noun may have ("appiasi", "botinkin").
_LOAN_ENDING = re.compile(
    r"(?:i(?:n|ä|a|ssä|ssa|stä|sta|in|llä|lla|ltä|lta|lle|nä|na|ksi|t|tä|ta)?"
    r"|e(?:jä|ja|ille|issä|issa|istä|ista|ihin|illä|illa|iltä|ilta|inä|ina|iksi|ine|jen))"
    r"(?:ni|si|nsa|nsä|mme|nne|an|än|en)?(?:kin|kaan|kään|ko|kö|han|hän|pa|pä)?")
_VOWELS = frozenset("aeiouyäöå")
_MIN_LOAN_STEM = 3  # "app", "bot", "sim"


def _inflected_loanword(word: str) -> bool:
    """Tell whether a word Voikko rejects is an English word with a Finnish ending ("botin",
    "appissa", "boteille", "Chelsean"): loanwords that Voikko does not list are inflected so.

    Measured on 5,288 one-letter typos of words in UD Finnish-TDT that Voikko rejects, this
    excuses 18 (0.34 %: "oilisi", "simin" for "silmin"); see bench/README.md.
    """
    lower = nfc(word).lower()
    listed = resources.english_wordlist()
    for cut in range(_MIN_LOAN_STEM, len(lower) - 1):
        stem = lower[:cut]
        if stem[-1] not in _VOWELS and stem in listed and _LOAN_ENDING.fullmatch(lower, cut):
            return True
    return False


# Nouns that work as quantifiers or determiners before another noun ("puoli tuntia", "koko
# hinnan", "pari päivää"): Voikko accepts them joined, but written apart they are correct.
# Voikko also calls pronoun-like "kaikki", "itse", "sama" and "muu" nouns ("kaikki tilaukset").
_DETERMINER_NOUNS = frozenset({"koko", "puoli", "pari", "osa", "joukko", "loput", "kerta", "kilo", "litra", "metri",
                               "tusina", "sata", "tuhat", "kaikki", "itse", "sama", "muu", "valtaosa", "enemmistö"})


# Voikko reads "läpi" only as a noun ("hole"), but in running text it is nearly always the
# adverb or adposition ("käydä läpi", "läpi vuoden", "katsoa läpi sormien").
_ADVERB_NOUNS = frozenset({"läpi"})


def _spoken_form(word: str) -> bool:
    """Tell whether a word is a spoken form of another ("multa" = "minulta", not the noun "soil")."""
    from .grammar_rules_fi import SPOKEN_WORDS  # grammar_rules_fi imports this module

    return word in SPOKEN_WORDS


def finnish_split_compound_issues(doc: Document, skip_word: SkipWord) -> list[Issue]:
    """Find compounds written apart ("asiakas palvelumme"), the most common Finnish writing error.

    A pair counts when the first word is a lowercase noun in the nominative, the second is only
    ever a noun, and Voikko accepts the two written together.
    """
    voikko = resources.voikko()
    issues = []
    words = doc.words
    for index, (first, second) in enumerate(zip(words, words[1:], strict=False)):
        gap = doc.text[first.end:second.start]
        if gap != " " or skip_word(first) or skip_word(second) or not first.text[1:].islower():
            continue
        if (first.lower in _DETERMINER_NOUNS or first.lower in _ADVERB_NOUNS or _spoken_form(first.lower)
                or has_possessive(first.lower)):
            continue  # a first part never has a possessive suffix: "keittiönne kaapit" is two words
        after = words[index + 2] if index + 2 < len(words) and doc.text[second.end:words[index + 2].start] == " " else None
        if second.lower in ("kello", "klo") and doc.text[second.end:].lstrip(" ")[:1].isdigit():
            continue  # "keskiviikko kello 15" is a day and a time of day, not one word
        if second.lower == "aika" and after is not None and _adverb_or_adjective(after.lower):
            continue  # "aika hyvin", "aika kallis": "aika" is the degree adverb "quite"
        if not (_only_noun(second.lower) and _compound_case(second.lower, after.text if after else "")):
            continue
        joined = nfc(first.text + second.text.lower())
        if (_nominative_noun(first.lower) and voikko.spell(joined)) or _lexical_compound_head(
                first.lower, second.lower, joined.lower()):
            issues.append(Issue(first.start, second.end, "spelling", "fi.split_compound",
                                suggestions=(joined,), message_key="grammar.fi.split_compound"))
    return issues


_LEXICAL_LEMMA = re.compile(r"\[Xp\]([^\[]+)\[X\]")


@lru_cache(maxsize=16384)
def _lexical_compound_head(first: str, second: str, joined: str) -> bool:
    """Tell whether Voikko's lexicon lists `joined` as a compound of the inflected word `first`
    and the lemma of `second` ("kotiin=paluu"): such a first part belongs to the
    compound, not to the sentence, so written apart it is the split compound. (Free compounds
    need a nominative first part; that case is checked by spelling the joined word.)"""
    lemmas = {a.get("BASEFORM", "") for a in resources.voikko().analyze(second)}
    for analysis in resources.voikko().analyze(joined):
        lemma = _LEXICAL_LEMMA.search(analysis.get("FSTOUTPUT", ""))
        if lemma is not None and any(lemma.group(1).lower() == f"{first}={base}" for base in lemmas):
            return True
    return False


def _compound_case(second: str, following: str) -> bool:
    """Tell whether the second word's case lets the pair be a compound written apart.

    A nominative ("asiakas palvelumme") can be, and a genitive ("vahinko ilmoituksen") unless it
    is the attribute of the next word ("tarkastus eläinten hyvinvoinnin", "osuus yhteisön
    karjasta"); a noun in another case after a nominative is mostly its complement ("pyyntö
    valmistajille", "itse loppuun").
    """
    if _nominative_noun(second):
        # With a possessive suffix the genitive looks the same ("seuranne" is both), so before a
        # word that takes an attribute it is the genitive ("lasku seuranne kevätjuhlasta").
        return not (has_possessive(second) and _takes_attribute(following.lower()))
    return _genitive_noun(second) and not _takes_attribute(following.lower())


@lru_cache(maxsize=16384)
def has_possessive(word: str) -> bool:
    """Tell whether Voikko reads a possessive suffix on the word ("keittiönne", "palvelumme")."""
    return any(a.get("POSSESSIVE") for a in resources.voikko().analyze(word))


@lru_cache(maxsize=16384)
def _takes_attribute(word: str) -> bool:
    analyses = resources.voikko().analyze(word) if word else []
    return any(a.get("CLASS") == "suhdesana" or (a.get("CLASS") in ("nimisana", "laatusana", "nimisana_laatusana")
               and a.get("SIJAMUOTO") not in (None, "nimento")) for a in analyses)


@lru_cache(maxsize=16384)
def _adverb_or_adjective(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return any(a.get("CLASS") in ("seikkasana", "laatusana") for a in analyses)


@lru_cache(maxsize=16384)
def _genitive_noun(word: str) -> bool:
    analyses = resources.voikko().analyze(word)
    return bool(analyses) and all(a.get("SIJAMUOTO") == "omanto" for a in analyses)


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
_INVALID_SENTENCE_STARTER, _MISPLACED_CLOSING_PARENTHESIS = 5, 12
_LIST_MARKER = re.compile(r"^\s*(?:[-*•–—]|\d+[.)]|[a-z]\))\s*")
# "Tilausnumero: TK-20417", "Nouto: ti 8.12. klo 16", "Amount due: €20.00": up to three words
# and a colon, then the value, on a line of its own.
_LABEL_LINE = re.compile(r"^\s*[^\W\d_][^\W_]*(?:[ -][^\W_]+){0,2}:[ \t]+\S")
# "2 kpl villasukkia (koko 40, harmaa): 24,00 €", "Shipping (2 parcels): €9.80": a line ending
# in a colon and a short value with a number (an order or price line).
_VALUE_LINE = re.compile(r":[ \t]+(?=[^\n]*\d)[^\n:.!?]{1,30}$")
# "Kahvi 20 hlö à 3,20 € = 64,00 €", "Alennus −10,00 €": an item or total line ending in an amount.
_AMOUNT_LINE = re.compile(r"\d(?:[,.]\d{2})?[ \t\u00a0]*(?:€|EUR|e|kr|SEK|\$|£)[ \t]*$")
# "… tervetuloa! – Kahvila Kuppi", "Kiitos! - Anna, asiakaspalvelu": a post signed after a dash,
# at most five words that start with a capital.
_SIGN_OFF_AFTER_DASH = re.compile(r"[.!?…][\"”]?[ \t]+[–—-][ \t]*[A-ZÅÄÖ][^\s.!?]*(?:,?[ \t]+[^\s.!?]+){0,4}[ \t]*$")
# "Tilaus 4471, villasukat ja pipo: lähetetty": a row of a table or list, a label and a value after a colon.
_LABEL_AND_VALUE = re.compile(r"^\s*[^\s:][^:\n]{0,60}:[ \t]+\S[^\n]*$")
_EMOTICON_END = re.compile(r"(?:[:;=]-?[()DPpO/\\|]+|<3|[\U0001F300-\U0001FAFF\u2600-\u27BF])\s*$")
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’)]|$)")


def voikko_grammar_issues(doc: Document, channel: str) -> list[Issue]:
    """Check Finnish grammar with Voikko, skipping what is normal in letters and chat.

    Each issue keeps Voikko's own description in Finnish and English, so it can be shown in
    either language later.
    """
    issues = []
    for start, length, code, descriptions, suggestions in resources.voikko().grammar_errors(doc.text):
        if _voikko_false_alarm(doc, start, length, code, channel):
            continue
        category = _VOIKKO_CATEGORY.get(code, "grammar")
        if code == _MISSING_MAIN_VERB:
            if verbless_formula(doc.text[start:start + length]):
                continue
            category = "style"  # a verbless sentence that is no formula is still often deliberate
        issues.append(Issue(start, start + length, category,
                            f"voikko.gc{code}", descriptions.get("en", ""), tuple(suggestions[:3]),
                            texts=tuple(sorted(descriptions.items()))))
    return issues


def _voikko_false_alarm(doc: Document, start: int, length: int, code: int, channel: str) -> bool:
    """Tell whether a Voikko grammar error is a convention of service writing rather than an error."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
    short_line = len(line.split()) <= 4  # greetings, sign-offs and names
    span = doc.text[start:start + length]
    if code == _LOWERCASE_NEEDED:
        return True  # mid-sentence capitals are mostly product names, titles and list items
    if code == _UPPERCASE_NEEDED:
        return _lowercase_start_allowed(doc.text, start, span, line)
    if code in (_MISSING_END_PUNCTUATION, _MISSING_MAIN_VERB) and short_line:
        return True
    if code == _MISSING_END_PUNCTUATION:
        return (_unpunctuated_line_allowed(doc.text, start, line, channel) or _SIGN_OFF_AFTER_DASH.search(line) is not None
                or _in_label_block(doc.text, line_start, line))
    if code in (_INVALID_SENTENCE_STARTER, _MISPLACED_CLOSING_PARENTHESIS):
        # Emoticons and ellipses; and ".:" in an inflected abbreviation ("U.S.A.:ssa", "esim.:n").
        return bool(re.search(r"[:;=]-?[()DP]|\.{3}|…|\.:[^\W\d_]", doc.text[max(0, start - 3):start + length + 2]))
    return False


def _lowercase_start_allowed(text: str, start: int, span: str, line: str) -> bool:
    """Tell whether a lowercase sentence start is a convention rather than an error.

    "Hei Matti,\nkiitos viestistäsi" continues the greeting; list items ("- tilausnumero") and
    lines without a full stop (headings, fragments) may start in lowercase; "-Hei" is already
    capitalised, the dash only hides it from Voikko.
    """
    if text[:start].rstrip().endswith(","):
        return True
    if re.search(r"(?:^|\s)[^\W\d_]\.\s*$", text[:start]):
        return True  # after an initial or a one-letter abbreviation ("n. 5 €", "X. l. alarum")
    if span[:1] in "-–—*•" or any(c.isupper() for c in span[:2]):
        return True
    return bool(_LIST_MARKER.match(line)) or line.rstrip()[-1:] not in ".!?…"


def _in_label_block(text: str, line_start: int, line: str) -> bool:
    """Tell whether an unpunctuated "label: value" line has a neighbour line of the same shape: rows
    of a list or table ("Tuote A: toimitettu" / "Tuote B: tilattu") take no full stops."""
    if not _label_row(line):
        return False
    before = text[:max(0, line_start - 1)].rsplit("\n", 1)[-1] if line_start > 0 else ""
    line_end = line_start + len(line)
    after = text[line_end + 1:].split("\n", 1)[0] if line_end < len(text) else ""
    return _label_row(before) or _label_row(after)


def _label_row(line: str) -> bool:
    return bool(_LABEL_AND_VALUE.match(line)) and line.rstrip()[-1:] not in ".!?…"


def _unpunctuated_line_allowed(text: str, start: int, line: str, channel: str) -> bool:
    """Tell whether a paragraph may end without a full stop.

    Chat messages often do; so do list items, headings, lines ending in an emoticon, and a reply
    whose writer ends no sentence with punctuation (a one-line title or note, not a forgotten
    full stop among punctuated sentences).
    """
    if channel in ("chat", "social") and not text[start:].strip(" \t\n.!?"):
        return True
    if (_LIST_MARKER.match(line) or _LABEL_LINE.match(line) or _VALUE_LINE.search(line)
            or _AMOUNT_LINE.search(line) or _EMOTICON_END.search(line.rstrip())):
        return True  # a list item, a "Label: value" or "item: amount" line, an emoticon
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True  # a line in capitals is a heading ("TILAUKSEN TIEDOT"), and headings take no full stop
    return not _SENTENCE_END.search(text)


# Heads of verbless formulas: greetings and interjections ("Hei", "Moi"), thanks, apologies,
# wishes and sign-offs are nouns or adjectives in the nominative, partitive or instructive case
# ("Kiitos viestistäsi", "Pahoittelut odotuksesta", "Hyvää päivää", "Ystävällisin terveisin"),
# or a past participle ("Liitteenä lasku", "Tehty Helsingissä").
_FORMULA_CLASSES = frozenset({"huudahdussana", "etunimi", "sukunimi", "paikannimi", "nimi"})
_FORMULA_CASES = frozenset({"nimento", "osanto", "keinonto", "olento"})
# "Tässä tilauksesi tiedot", "Ohessa lasku", "Alla yhteenveto": a pointer to what follows.
_FORMULA_PLACE_WORDS = frozenset({"tässä", "ohessa", "alla", "oheisena"})
_FORMULA_PART = re.compile(r",|;|\s[–—-]\s")


def verbless_formula(sentence: str) -> bool:
    """Tell whether a sentence without a main verb is a formula, so standard written Finnish.

    Each part (split at commas and dashes) must open with an interjection, a name, "anteeksi", a
    pointer to what follows ("Tässä", "Ohessa", "Alla"), or a noun, adjective or participle in a
    case formulas use; whatever follows depends on it.
    """
    parts = [p.strip(" .!?…\n\t") for p in _FORMULA_PART.split(sentence)]
    parts = [p for p in parts if p]
    return bool(parts) and all(_formula_head(p.split()[0]) for p in parts)


@lru_cache(maxsize=4096)
def _formula_head(word: str) -> bool:
    word = word.strip("\"”'()")
    if not word or word.lower() in _FORMULA_PLACE_WORDS:
        return True
    analyses = resources.voikko().analyze(word)
    if not analyses:
        return word[:1].isupper()  # an unknown capitalised word here is a name ("Hei Aleksi")
    for analysis in analyses:
        cls, case = analysis.get("CLASS"), analysis.get("SIJAMUOTO")
        if cls in _FORMULA_CLASSES or analysis.get("BASEFORM") == "anteeksi" or analysis.get("PARTICIPLE"):
            return True
        if cls in ("nimisana", "laatusana", "nimisana_laatusana") and case in _FORMULA_CASES:
            return True
    return False


def swedish_spelling_issues(doc: Document, skip_word: SkipWord, max_suggested: int = 3) -> list[Issue]:
    """Spell-check Swedish words with spylls; only the first few get (slow) suggestions."""
    dictionary = resources.swedish_dictionary()
    issues = []
    for index, token in enumerate(misspelled_words(doc, skip_word, dictionary.lookup)):
        suggestions: tuple[str, ...] = ()
        if index < max_suggested and len(token.text) <= MAX_SUGGESTED_WORD:
            suggestions = _swedish_suggestions(dictionary, nfc(token.text))
        issues.append(Issue(token.start, token.end, "spelling", "hunspell.spelling",
                            suggestions=suggestions, message_key="grammar.spelling"))
    return issues


def _swedish_suggestions(dictionary, word: str, count: int = 3) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Return up to `count` spylls suggestions from single edits that are dictionary words.

    spylls' full `suggest` goes on to compound edits and n-gram search, which take 3–10 s per word
    in the Swedish dictionary (measured: "kundtjänstn" 10.3 s, "beställnnig" 8.7 s); its first,
    non-compound edit round gives the same leading suggestions in under a second.
    """
    def keep(suggestion, check_inclusion=False):  # type: ignore[no-untyped-def]
        return [suggestion]

    found: list[str] = []
    edits = dictionary.suggester.edit_suggestions(word, keep, compounds=False, limit=count * 2)
    for suggestion in edits:
        text = str(getattr(suggestion, "text", suggestion))
        if text not in found and text != word:
            found.append(text)
        if len(found) >= count:
            break
    return tuple(found)


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
