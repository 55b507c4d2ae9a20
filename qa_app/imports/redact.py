"""Replace personal data in free text with typed placeholders, counting what was replaced.

Passes run in a fixed order: e-mail, HETU, IBAN, card, phone. Numbers with a check digit are
replaced only when the check passes (python-stdnum), so order numbers, prices, dates and tracking
codes stay. Phone numbers come last, through phonenumbers at its default `Leniency.VALID`, which
leaves order numbers alone. Values are never logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import phonenumbers
from stdnum import iban, luhn
from stdnum.fi import hetu

from .types import RedactionCounts

PLACEHOLDERS = {
    "hetu": "[HETU]",
    "iban": "[IBAN]",
    "card": "[CARD]",
    "phone": "[PHONE]",
    "email": "[EMAIL]",
}
# A value must stand alone: not glued to a letter or digit (so "JJFI1234…" tracking codes stay).
_BOUNDARY_BEFORE = r"(?<![^\W_])"
_EMAIL = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+"
)
_HETU_START = re.compile(_BOUNDARY_BEFORE + r"\d{6}[-+A-FYXWVU]\d{3}[0-9A-Y]", re.IGNORECASE)
_IBAN_START = re.compile(_BOUNDARY_BEFORE + r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", re.IGNORECASE)
_CARD_START = re.compile(_BOUNDARY_BEFORE + r"\d(?:[ -]?\d){12,18}")
_MAX_PASSES = 4  # replacing one value can expose another; stop once a pass changes nothing


def redact(text: str) -> tuple[str, RedactionCounts]:
    """Return the text with personal data replaced by placeholders, and the counts replaced."""
    total = RedactionCounts()
    for _ in range(_MAX_PASSES):
        text, counts = _redact_once(text)
        if not counts.total:
            break
        total = total + counts
    return text, total


def _redact_once(text: str) -> tuple[str, RedactionCounts]:
    counts: dict[str, int] = {}
    for kind, find in _FINDERS:
        spans = list(find(text))
        counts[kind] = len(spans)
        text = _replace(text, spans, PLACEHOLDERS[kind])
    return text, RedactionCounts(**counts)


def _replace(text: str, spans: list[tuple[int, int]], placeholder: str) -> str:
    for start, end in reversed(spans):
        text = text[:start] + placeholder + text[end:]
    return text


def _is_alnum(char: str) -> bool:
    return char.isalnum()


def _scan(
    text: str, pattern: re.Pattern[str], is_valid: Callable[[str], bool]
) -> Iterator[tuple[int, int]]:
    """Yield non-overlapping spans that match `pattern`, stand alone and pass `is_valid`.

    A greedy match may run into the next word or number, so every shorter span that ends at a
    token boundary is tried too, longest first; a failed start moves on by one character, so a
    valid value right after a near-miss is still found.
    """
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = match.start()
        end = _longest_valid_end(text, start, match.end(), is_valid)
        if end is None:
            pos = start + 1
            continue
        yield start, end
        pos = end


def _longest_valid_end(
    text: str, start: int, stop: int, is_valid: Callable[[str], bool]
) -> int | None:
    for end in range(stop, start, -1):
        if end < len(text) and _is_alnum(text[end]):
            continue
        if not _is_alnum(text[end - 1]):
            continue
        if is_valid(text[start:end]):
            return end
    return None


def _valid_hetu(candidate: str) -> bool:
    return len(candidate) == 11 and hetu.is_valid(candidate, allow_temporary=True)


def _valid_iban(candidate: str) -> bool:
    return iban.is_valid(candidate)


def _valid_card(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    return 13 <= len(digits) <= 19 and luhn.is_valid(digits)


def _find_emails(text: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in _EMAIL.finditer(text))


def _find_phones(text: str) -> Iterator[tuple[int, int]]:
    return ((m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "FI"))


_FINDERS: tuple[tuple[str, Callable[[str], Iterator[tuple[int, int]]]], ...] = (
    ("email", _find_emails),
    ("hetu", lambda text: _scan(text, _HETU_START, _valid_hetu)),
    ("iban", lambda text: _scan(text, _IBAN_START, _valid_iban)),
    ("card", lambda text: _scan(text, _CARD_START, _valid_card)),
    ("phone", _find_phones),
)
