"""Find quantities (money, rates, percentages, durations, dates...) in text and compare them.

Values are normalised so that different spellings compare equal: money in euros ("17 c" is
0.17 EUR), durations in minutes, days and months ("2 viikkoa" is 14 days, "1 vuosi" 12 months).
Dates, clock times, phone numbers and order/reference numbers are recognised too, with the
units "date", "time" and "id", so callers can tell them apart from amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import numwords
from .numwords import PER_PATTERNS, UNIT_PATTERNS

NON_AMOUNT_UNITS = frozenset({"date", "time", "id"})
# Units that describe the same kind of thing; a loose comparison accepts either.
_FAMILY = {"workday": "day"}

_SPACE = "[ \u00a0\u202f]"
_NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:(?:,|\.|" + _SPACE + r")\d+)*")
_DATE = re.compile(
    r"(?<![\w.,])(?:(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?!\d|\.\d)|(\d{4})-(\d{2})-(\d{2})"
    r"|(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?!\d))"
)
_MONTHS = (
    r"(?:tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu\w*"
    r"|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|januari|februari|mars|maj|juni|juli|augusti|september|oktober|november|december"
)
_DATE_WORDS = re.compile(
    rf"(?i)(?<![\w.,])(?:(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b"
    rf"|\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)"
)
_TIME = re.compile(
    r"(?i)(?:\b(?:klo|kello|kl|at)\.?\s*(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?\b(?!\s*(?:%|€|e\b|eur))"
    r"|(?<![\w.,])(?P<h2>\d{1,2}):(?P<m2>\d{2})\b|(?<![\w.,])(?P<h3>\d{1,2})(?:[.:](?P<m3>\d{2}))?(?=\s*[ap]\.?m\b))"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?(?!\w))?"
)
_PHONE = re.compile(r"(?<![\w])(?:\+\d{1,3}[ -]?|0)\d{1,3}(?:[ -]?\d){5,10}(?![\w])")
_ID_PREFIX = re.compile(
    r"(?i)(?:#|\bnro\.?|\bnumero(?:\w*)|\bno\.|\bnumber|\bnr\.?|\bref\w*|\bviite\w*|\bid)\s*:?\s*$"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its normalised value and unit (None for a bare number)."""

    value: Decimal
    unit: str | None
    start: int
    end: int
    text: str

    @property
    def is_amount(self) -> bool:
        """Return True unless this is a date, clock time, phone or reference number."""
        return self.unit not in NON_AMOUNT_UNITS


def same_quantity(a: Quantity, b: Quantity, loose: bool = False) -> bool:
    """Return True when both quantities have the same value and unit.

    With `loose`, a bare number matches any unit, "working days" match "days" and a rate
    ("0.17 EUR/min") matches the same money amount without its "per" part.
    """
    if a.unit == "date" and b.unit == "date":
        return _same_date(a.value, b.value)
    if a.value != b.value:
        return False
    if a.unit == b.unit:
        return True
    if not loose or a.unit in NON_AMOUNT_UNITS or b.unit in NON_AMOUNT_UNITS:
        return False
    return a.unit is None or b.unit is None or unit_family(a.unit) == unit_family(b.unit)


def unit_family(unit: str | None) -> str | None:
    """Return the broad kind of a unit: "EUR/min" -> "EUR", "workday" -> "day"."""
    if unit is None:
        return None
    base = unit.split("/", 1)[0]
    return _FAMILY.get(base, base)


def parse_quantity(text: str, language: str) -> Quantity | None:
    """Parse a single quantity such as a scenario's "5,18 €" (the first one found)."""
    found = find_quantities(text, language)
    return found[0] if found else None


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Return the quantities in `text`, in order of appearance, without overlaps."""
    return list(_find_quantities(text, language))


# Accuracy and empathy both read the answer's quantities, and a scenario's facts and key-point
# numbers are parsed again for every answer: parse each (text, language) once.
@lru_cache(maxsize=128)
def _find_quantities(text: str, language: str) -> tuple[Quantity, ...]:
    taken: list[tuple[int, int]] = []
    found: list[Quantity] = []

    def add(q: Quantity | None) -> None:
        if q is not None and not any(q.start < e and s < q.end for s, e in taken):
            taken.append((q.start, q.end))
            found.append(q)

    for q in _special_quantities(text, language):
        add(q)
    for match in _NUMBER.finditer(text):
        for q in _numeric_quantities(text, match, language):
            add(q)
    for q in numwords.word_quantities(text, language):
        value, unit, start, end, raw = q
        add(Quantity(_tidy(value), unit, start, end, raw))
    return tuple(sorted(found, key=lambda q: q.start))


def _special_quantities(text: str, language: str) -> list[Quantity]:
    """Dates, clock times and phone numbers, found before plain numbers so they are not misread."""
    out: list[Quantity] = []
    for m in _DATE.finditer(text):
        day, month, year = _date_parts(m)
        if language == "en" and m.group(1) and not m.group(3):
            continue  # English "5.12." is a price at a sentence end, not a date
        if 1 <= day <= 31 and 1 <= month <= 12:
            out.append(Quantity(Decimal(year * 10000 + month * 100 + day), "date", m.start(), m.end(), m.group()))
    for m in _DATE_WORDS.finditer(text):
        day = int(m.group(1) or m.group(4))
        month = numwords.month_number(m.group(2) or m.group(3))
        if month and 1 <= day <= 31:
            out.append(Quantity(Decimal(month * 100 + day), "date", m.start(), m.end(), m.group()))
    for m in _TIME.finditer(text):
        q = _time_quantity(m)
        if q is not None:
            out.append(q)
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 8 and not re.search(r"[.,]\d", m.group()):
            out.append(Quantity(Decimal(digits), "id", m.start(), m.end(), m.group()))
    return out


def _date_parts(m: re.Match[str]) -> tuple[int, int, int]:
    if m.group(4):
        return int(m.group(6)), int(m.group(5)), int(m.group(4))
    if m.group(7):  # 3/15/2024 (US) or 15/3/2024: take the reading that is a valid date
        first, second = int(m.group(7)), int(m.group(8))
        day, month = (second, first) if first <= 12 < second else (first, second)
        return day, month, _full_year(m.group(9))
    return int(m.group(1)), int(m.group(2)), _full_year(m.group(3))


def _full_year(raw: str | None) -> int:
    if not raw:
        return 0
    year = int(raw)
    return year + 2000 if year < 100 else year


def _same_date(a: Decimal, b: Decimal) -> bool:
    """Dates match on day and month when either lacks a year."""
    ia, ib = int(a), int(b)
    if ia >= 10000 and ib >= 10000:
        return ia == ib
    return ia % 10000 == ib % 10000


def _time_quantity(m: re.Match[str]) -> Quantity | None:
    hour = int(m.group("h1") or m.group("h2") or m.group("h3"))
    minute = int(m.group("m1") or m.group("m2") or m.group("m3") or 0)
    if (m.group("ampm") or "").lower() == "p" and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None
    return Quantity(Decimal(hour * 60 + minute), "time", m.start(), m.end(), m.group())


def _numeric_quantities(text: str, match: re.Match[str], language: str) -> list[Quantity]:
    """Turn a run of digits into one quantity (or several, when spaces split numbers)."""
    out: list[Quantity] = []
    for start, end in _split_number_run(match.group(), match.start(), language):
        value = _parse_number(text[start:end], language)
        if value is None:
            continue
        out.append(_with_unit(text, start, end, value, language))
    return out


def _split_number_run(run: str, offset: int, language: str) -> list[tuple[int, int]]:
    """Split "14 200" style runs: a space joins only a following group of exactly three digits."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(_SPACE + r"(\d+)", run):
        group = m.group(1)
        head = run[start:m.start()]
        joinable = len(group) == 3 and re.fullmatch(r"\d{1,3}(?:" + _SPACE + r"\d{3})*", head)
        if not joinable:
            pieces.append((offset + start, offset + m.start()))
            start = m.start() + 1
    pieces.append((offset + start, offset + len(run)))
    return pieces


def _parse_number(raw: str, language: str) -> Decimal | None:
    """Parse "1 200,50", "1,200.50", "5.18", "5,18" into a Decimal."""
    s = re.sub(_SPACE, "", raw)
    commas, dots = s.count(","), s.count(".")
    if commas and dots:  # the later separator is the decimal one
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        s = s.replace(thousands, "").replace(decimal_sep, ".")
    elif commas:
        thousands = language == "en" and re.fullmatch(r"\d{1,3}(?:,\d{3})+", s)
        if commas > 1 and not thousands:
            return None  # "1,2,3" is a list, not a number
        s = s.replace(",", "") if thousands else s.replace(",", ".")
    elif dots > 1:
        if not re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return None
        s = s.replace(".", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _with_unit(text: str, start: int, end: int, value: Decimal, language: str) -> Quantity:
    """Attach the unit written before or after the number, or mark it a reference number."""
    prefix = re.search(r"(?i)(€|\$|£|\beur|\busd|\bsek|\bgbp)\s*$", text[max(0, start - 5):start])
    if prefix:
        unit = {"€": "EUR", "$": "USD", "£": "GBP"}.get(prefix.group(1), prefix.group(1).upper())
        q_start = start - len(prefix.group(0))
        value, unit, end = _add_rate(text, end, value, unit)
        return Quantity(value, unit, q_start, end, text[q_start:end])
    unit_match = numwords.match_unit(text, end)
    if unit_match is not None:
        unit, factor, unit_end = unit_match
        value = value * factor
        if unit in numwords.MONEY_UNITS:
            value, unit_end = _add_cents(text, unit_end, value, language)
            value, unit, unit_end = _add_rate(text, unit_end, value, unit)
        return Quantity(_tidy(value), unit, start, unit_end, text[start:unit_end])
    raw = text[start:end]
    is_id = _ID_PREFIX.search(text[max(0, start - 16):start]) or (
        re.fullmatch(r"\d{5,}", raw) is not None
    )
    if is_id or (_YEAR.match(raw) and value == int(value)):
        return Quantity(Decimal(re.sub(r"\D", "", raw)), "id" if is_id else "date", start, end, raw)
    return Quantity(_tidy(value), None, start, end, raw)


def _add_cents(text: str, pos: int, value: Decimal, language: str) -> tuple[Decimal, int]:
    """Handle "5 euroa 18 senttiä" / "5 euros and 18 cents"."""
    m = re.match(r"\s*(?:ja|and|och)?\s*(\d{1,2})(?!\d)", text[pos:])
    if not m:
        return value, pos
    after = pos + m.end()
    unit_match = numwords.match_unit(text, after)
    if unit_match is None or unit_match[0] != "EUR" or unit_match[1] != Decimal("0.01"):
        return value, pos
    return value + Decimal(m.group(1)) / 100, unit_match[2]


def _add_rate(text: str, pos: int, value: Decimal, unit: str) -> tuple[Decimal, str, int]:
    """Append a "per" part: "€/min", "senttiä minuutilta", "a month", "per kk"."""
    for pattern, per in PER_PATTERNS:
        m = pattern.match(text, pos)
        if m:
            return _tidy(value), f"{unit}/{per}", m.end()
    return _tidy(value), unit, pos


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros so 5.00 == 5 prints and compares simply."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal


__all__ = ["Quantity", "find_quantities", "same_quantity", "parse_quantity", "unit_family", "UNIT_PATTERNS"]
