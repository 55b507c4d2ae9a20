"""The shared text layer: tokens, sentences, paragraphs and base forms of one answer.

Every analyzer works on a `Document` built once per grade, so tokenising and sentence splitting
happen once and all findings use the same character offsets (Python str indices into the
original text, end exclusive).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from . import resources
from .lemmas import base_forms, nfc

__all__ = [
    "Document", "Paragraph", "Sentence", "Token", "base_forms", "split_paragraphs",
    "split_sentences", "tokenize",
]

T = TypeVar("T")
TOKEN_KINDS = ("word", "number", "url", "email", "emoji", "punct", "mention")

# Letters, digits and combining marks (decomposed "ä" is "a" + U+0308, which \w does not match).
_W = r"(?:[^\W_]|[\u0300-\u036f])"
_L = r"(?:[^\W\d_]|[\u0300-\u036f])"
_EMOJI = (r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
          r"[\U0001F3FB-\U0001F3FF\uFE0F\u200D\U0001F000-\U0001FAFF\u2600-\u27BF]*")
_TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"]+
           | (?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:fi|com|se|net|org|eu|io|info|ax|ee|no|dk|de|uk)\b(?:/[^\s<>"]*)?)
  | (?P<email>[\w.+-]+@\w[\w-]*(?:\.[\w-]+)+)
  | (?P<mention>(?<![\w@])@\w+)
  | (?P<abbr>(?:{_L}\.){{2,}})                        # e.g. i.e. a.m. n.k.
  | (?P<word>{_W}*{_L}{_W}*(?:[-'’/]{_W}+)*
             | \d+-{_L}{_W}*(?:-{_W}+)*)               # asiakas-palvelu, you're, c/min, 2-vuotias
  | (?P<number>\d+(?:[.,:]\d+)*%?)                     # 5,18  9.00  1.12.2026  50%
  | (?P<emoji>{_EMOJI}|(?<!\S)[:;]-?[()DPp](?![\w]))
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
# The same tokens for a text that cannot hold a URL, an e-mail address, a mention or a dotted
# abbreviation: each of those needs "://", "www.", "@" or a dot right before a letter (or a
# combining mark), and without them the first four branches above never match, so leaving them
# out gives the same tokens for less work (most replies: "Hello. Thanks").
_PLAIN_TOKEN_RE = re.compile(
    rf"""
    (?P<word>{_W}*{_L}{_W}*(?:[-'’/]{_W}+)*
             | \d+-{_L}{_W}*(?:-{_W}+)*)
  | (?P<number>\d+(?:[.,:]\d+)*%?)
  | (?P<emoji>{_EMOJI}|(?<!\S)[:;]-?[()DPp](?![\w]))
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
_NEEDS_FULL_TOKENIZER = re.compile(r"://|www\.|@|\.(?:[^\W\d_]|[\u0300-\u036f])", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\""


@dataclass(frozen=True)
class Token:
    """One token of the answer; `kind` is one of TOKEN_KINDS."""

    text: str
    start: int
    end: int
    kind: str

    @cached_property  # analyzers ask for it many times per grade; frozen dataclasses allow this cache
    def lower(self) -> str:
        """Return the NFC-normalised lowercase text, the form dictionaries and lexicons use."""
        return nfc(self.text).lower()

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


@dataclass(frozen=True)
class Sentence:
    """A sentence: character offsets into the answer and its text (stripped)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: text between blank lines, with offsets into the answer."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> tuple[Token, ...]:
    """Split `text` into typed tokens; whitespace is skipped and offsets index `text`."""
    tokens: list[Token] = []
    pattern = _TOKEN_RE if _NEEDS_FULL_TOKENIZER.search(text) else _PLAIN_TOKEN_RE
    for match in pattern.finditer(text):
        kind = match.lastgroup or "punct"
        start, end = match.span()
        if kind == "url":
            end = start + len(match.group().rstrip(_URL_TRAILING))  # "see www.x.fi." keeps the full stop out
        elif kind == "abbr":
            kind = "word"
        tokens.append(Token(text[start:end], start, end, kind))
        if end < match.end():
            tokens.extend(tokenize_rest(text, end, match.end()))
    return tuple(tokens)


def tokenize_rest(text: str, start: int, end: int) -> list[Token]:
    """Tokenise the punctuation trimmed off a URL."""
    return [Token(text[i], i, i + 1, "punct") for i in range(start, end) if not text[i].isspace()]


# ---------------------------------------------------------------- paragraphs and sentences

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Split `text` at blank lines."""
    paragraphs = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        paragraphs.extend(_stripped(text, cursor, match.start(), Paragraph))
        cursor = match.end()
    paragraphs.extend(_stripped(text, cursor, len(text), Paragraph))
    return tuple(paragraphs)


def _stripped(text: str, start: int, end: int, cls: type) -> list:
    """Return [cls(start, end, text)] for the span without surrounding whitespace, or []."""
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return []
    return [cls(start + left, start + right, chunk[left:right])]


def _line_blocks(text: str) -> list[tuple[int, int]]:
    """Return spans that no sentence may cross: paragraphs, and lines that stand alone.

    A single line break ends a sentence when the line ends in punctuation (or is a greeting
    like "Hi Anna,") or the next line starts a list item or a capital; otherwise it is a wrapped line.
    """
    blocks: list[tuple[int, int]] = []
    for para in split_paragraphs(text):
        start = para.start
        for match in _LINE_BREAK.finditer(text, para.start, para.end):
            before = text[start:match.start()].rstrip()
            after = text[match.end():para.end].lstrip()
            if before and (before[-1] in ".!?:,;)" or not after or after[0].isupper()
                           or after[0] in "-*•–0123456789"):
                blocks.append((start, match.start()))
                start = match.end()
        blocks.append((start, para.end))
    return blocks


def split_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences, respecting abbreviations, times and dates."""
    sentences: list[Sentence] = []
    for start, end in _line_blocks(text):
        chunk = text[start:end]
        if not chunk.strip():
            continue
        spans = _split_chunk(chunk, language)
        for s_start, s_end in spans:
            sentences.extend(_stripped(text, start + s_start, start + s_end, Sentence))
    return tuple(sentences)


def _split_chunk(chunk: str, language: str) -> list[tuple[int, int]]:
    """Split one line block into sentence spans relative to the block."""
    if language == "fi":
        return _split_finnish(chunk)  # Voikko failing raises BackendUnavailable: no silent fallback
    return _split_by_rules(chunk, language)


# Voikko's nextStartType: 0 = end of text, 1 = no start, 2 = probable start, 3 = possible start.
_VOIKKO_POSSIBLE = 3


def _split_finnish(chunk: str) -> list[tuple[int, int]]:
    """Split Finnish with Voikko, re-joining its splits after abbreviations like "esim."."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    join_next = False
    for sentence_text, next_type in resources.voikko().sentences(chunk):
        start, end = cursor, cursor + len(sentence_text)
        cursor = end
        if join_next and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        following = chunk[end:].lstrip()
        join_next = next_type == 1 or _split_inside_emoticon(chunk[spans[-1][0]:end], following) or (
            next_type == _VOIKKO_POSSIBLE
            and (_ends_with_abbreviation(chunk[spans[-1][0]:end], "fi")
                 or (following[:1].islower() if following else False))
        )
    if cursor < len(chunk):
        spans.append((cursor, len(chunk)))
    return spans


def _split_inside_emoticon(sentence: str, following: str) -> bool:
    """Tell whether Voikko split ":)" or a closing bracket away from its sentence."""
    return sentence.rstrip().endswith((":", ";")) or following[:1] in (")", "]", "}", "»", "”")


ABBREVIATIONS: dict[str, frozenset[str]] = {
    "fi": frozenset("""esim mm ym jne ns ks n klo yms tms ts vrt puh p s os nro tk vk vrk
        t ko mr ao em jms ko. eaa jaa ed engl huom kpl kk v. ma ti ke to pe la su tmv lk
        yo ry oy ab vs.""".replace(".", "").split()),
    "en": frozenset("""e.g i.e etc mr mrs ms dr prof st vs no nos approx incl excl dept
        jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
        a.m p.m ref tel ext inc ltd co corp est min max""".split()),
    "sv": frozenset("""t.ex bl.a osv m.m s.k kl ca dvs o.s.v t.o.m f.d nr tel st resp obs
        jfr fr.o.m ang mfl m.fl""".split()),
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")


def _ends_with_abbreviation(sentence: str, language: str) -> bool:
    """Tell whether `sentence` ends with a known abbreviation and its full stop."""
    stripped = sentence.rstrip()
    if not stripped.endswith("."):
        return False
    last = stripped[:-1].rsplit(None, 1)[-1].lower().lstrip("(\"'") if stripped[:-1].strip() else ""
    if len(last) == 1 and last.isalpha():
        return True  # an initial, "J. Smith"
    return last in ABBREVIATIONS.get(language, frozenset()) or last.rstrip(".") in ABBREVIATIONS.get(language, frozenset())


def _split_by_rules(chunk: str, language: str) -> list[tuple[int, int]]:
    """Split at . ! ? … followed by space and a plausible sentence start."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(chunk):
        end = match.end()
        following = chunk[end:].lstrip()
        if not following:
            break
        if match.group()[0] == "." and len(match.group().rstrip("\"'”’)]")) == 1:
            if _ends_with_abbreviation(chunk[start:end], language) or following[0].islower():
                continue
            if following[0].isdigit() and chunk[start:match.start()][-1:].isdigit():
                continue  # "klo 9. 30" style numbers do not end sentences
        spans.append((start, end))
        start = end
    spans.append((start, len(chunk)))
    return spans


# ---------------------------------------------------------------- the document


@dataclass(frozen=True)
class Document:
    """One answer, analysed once: tokens, word tokens, sentences and paragraphs."""

    text: str
    language: str
    tokens: tuple[Token, ...]
    words: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Paragraph, ...]

    @classmethod
    def build(cls, text: str, language: str) -> Document:
        """Tokenise and split `text` written in `language` ("fi", "en" or "sv")."""
        tokens = tokenize(text)
        return cls(
            text=text,
            language=language,
            tokens=tokens,
            words=tuple(t for t in tokens if t.kind == "word"),
            sentences=split_sentences(text, language),
            paragraphs=split_paragraphs(text),
        )

    @cached_property
    def _derived(self) -> dict[str, object]:
        return {}

    def derived(self, key: str, build: Callable[[Document], T]) -> T:
        """Return `build(self)`, computed once per document (e.g. a view several analyzers share)."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]  # type: ignore[return-value]

    @property
    def word_count(self) -> int:
        return len(self.words)

    def lemmas(self, token: Token) -> tuple[str, ...]:
        """Return the lowercase candidate base forms of a token (its lowercase text if not a word)."""
        if token.kind != "word":
            return (token.lower,)
        return base_forms(token.text, self.language)

    # Offsets of sentences, tokens and words, built once: look-ups bisect instead of scanning the
    # whole answer, which made long answers quadratic.
    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [t.start for t in self.words]

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence containing character `offset`, if any."""
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def tokens_in(self, start: int, end: int, kind: str | None = None) -> tuple[Token, ...]:
        """Return the tokens inside [start, end), optionally only those of one kind."""
        return tuple(t for t in _inside(self.tokens, self._token_starts, start, end)
                     if kind is None or t.kind == kind)

    def sentence_words(self, sentence: Sentence) -> tuple[Token, ...]:
        """Return the word tokens of `sentence`."""
        return tuple(_inside(self.words, self._word_starts, sentence.start, sentence.end))


def _inside(tokens: tuple[Token, ...], starts: list[int], start: int, end: int) -> Iterator[Token]:
    """Yield the tokens (sorted by start) that lie wholly inside [start, end)."""
    for index in range(bisect_left(starts, start), len(tokens)):
        token = tokens[index]
        if token.start >= end:
            return
        if token.end <= end:
            yield token
