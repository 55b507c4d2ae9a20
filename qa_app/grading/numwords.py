"""Unit words and number words for `numbers`: "euroa", "c/min", "viiden päivän", "half an hour".

Unit patterns are ordered (specific before general) and anchored where a number ends. Each maps
to a canonical unit and a factor into it: cents are 0.01 EUR, hours 60 min, weeks 7 days.
"""

from __future__ import annotations

import re
from decimal import Decimal

MONEY_UNITS = frozenset({"EUR", "USD", "SEK", "GBP"})
_CENT = Decimal("0.01")

# (regex, canonical unit, factor, may follow the number without a space only)
_UNITS: tuple[tuple[str, str, Decimal, bool], ...] = (
    (r"€|eur(?:o\w*|s)?\b|:-", "EUR", Decimal(1), False),
    (r"e\b", "EUR", Decimal(1), True),  # "5e", "5,18e" in chat
    (r"c\b|snt\b|sentti\w*|senti\w*|cents?\b|¢|öre\b", "EUR", _CENT, False),
    (r"\$|usd\b|dollar\w*", "USD", Decimal(1), False),
    (r"£|gbp\b|pounds?\b", "GBP", Decimal(1), False),
    (r"kr\b|kronor\b|krona\b|sek\b|kruunu\w*", "SEK", Decimal(1), False),
    (r"%|prosent\w*|pros\.|percent\b|per\s?cent\b|procent\w*", "%", Decimal(1), False),
    (r"(?:arki|työ|pankki)päiv\w*|arkip\.|working\s+days?\b|business\s+days?\b|work\s?days?\b"
     r"|weekdays?\b|arbetsdag\w*|vardag\w*|bankdag\w*", "workday", Decimal(1), False),
    (r"päiv(?:ä\w*|i(?:en|ä|nä|ssä|ltä|lle|in)\b)|pv\b\.?|pvä\b|vrk\b|vuorokau\w*|days?\b|dagar?\b|dagen\b|dygn\w*", "day", Decimal(1), False),
    (r"viik\w*|vko\b|vk\b|weeks?\b|veck\w*", "day", Decimal(7), False),
    (r"kuukau\w*|kk\b|months?\b|månad\w*|mån\b", "month", Decimal(1), False),
    (r"vuo(?:si|de|tt|sia|sis)\w*|years?\b|yrs?\b|år\b|året\b", "month", Decimal(12), False),
    (r"min(?:uut\w*|utes?\b|uter\w*|s\b|\b)\.?", "min", Decimal(1), False),
    (r"h\b|tunti\w*|tunni\w*|tuntia|hours?\b|hrs?\b|timm\w*|tim\b", "min", Decimal(60), False),
    (r"sekun\w*|seconds?\b|secs?\b|sek\b|s\b", "min", Decimal(1) / Decimal(60), False),
    (r"mbit/s|mbps\b|mb/s|mt/s|megaa?\b|megan\b", "Mbps", Decimal(1), False),
    (r"gt\b|gb\b|giga\w*", "GB", Decimal(1), False),
    (r"kwh\b", "kWh", Decimal(1), False),
    (r"kpl\b|pcs\b|pieces?\b|kappale\w*|stycken\b", "pcs", Decimal(1), False),
)
UNIT_PATTERNS = tuple((re.compile(p, re.IGNORECASE), u, f, tight) for p, u, f, tight in _UNITS)

_PER = (
    (r"\s*/\s*(?:min\w*)|\s+minuut(?:ilta|issa|ille)\b|\s+(?:per|a|an|each)\s+min(?:ute)?\b"
     r"|\s+(?:per|i)\s+minut(?:en)?\b", "min"),
    (r"\s*/\s*(?:h|tunti|hour|tim)\b|\s+tunni(?:lta|ssa)\b|\s+(?:per|an|each)\s+hour\b", "h"),
    (r"\s*/\s*(?:pv|vrk|päivä|day|dag)\b|\s+(?:päivässä|päivältä|vuorokaudessa|vuorokaudelta)\b"
     r"|\s+(?:per|a|each)\s+day\b|\s+(?:per|om)\s+dag(?:en)?\b", "day"),
    (r"\s*/\s*(?:kk|kuukausi|kuu|mo|month|mån|månad)\b|\s+(?:kuukaudessa|kuussa|kuukaudelta)\b"
     r"|\s+(?:per|a|each|every)\s+month\b|\s+(?:per|i)\s+månad(?:en)?\b|\s+monthly\b", "month"),
    (r"\s*/\s*(?:v|vuosi|year|yr|år)\b|\s+(?:vuodessa|vuodelta)\b|\s+(?:per|a|each)\s+year\b"
     r"|\s+(?:annually|yearly)\b|\s+(?:per|om)\s+år(?:et)?\b", "year"),
    (r"\s*/\s*(?:gb|gt)\b|\s+(?:per\s+gb|gigalta)\b", "GB"),
    (r"\s*/\s*(?:kpl|pcs|st)\b|\s+(?:kappaleelta|each|apiece|per\s+piece)\b", "pcs"),
)
PER_PATTERNS = tuple((re.compile(p, re.IGNORECASE), per) for p, per in _PER)

_EN_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a": 1, "an": 1, "half": Decimal("0.5"), "couple": 2,
}
_FI_UNITS = {
    "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
    "kahdeksan": 8, "yhdeksän": 9,
}
_FI_SPECIAL = {"kymmenen": 10, "sata": 100, "tuhat": 1000, "puoli": Decimal("0.5"), "puolitoista": Decimal("1.5")}
_SV_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30,
    "halv": Decimal("0.5"), "halvt": Decimal("0.5"),
}
# Words that only count as numbers before a unit ("a week", "half an hour", "en vecka").
_ONLY_WITH_UNIT = frozenset({"a", "an", "one", "half", "couple", "en", "ett", "halv", "halvt", "yksi", "puoli"})
_FI_POSTPOSITIONS = re.compile(r"\s+(?:kuluessa|sisällä|sisässä|päästä|aikana|ajan|kuluttua|mittaan)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MONTH_STEMS = (
    ("tammi", "jan"), ("helmi", "feb"), ("maalis", "mar"), ("huhti", "apr"), ("touko", "may"),
    ("kesä", "jun"), ("heinä", "jul"), ("elo", "aug"), ("syys", "sep"), ("loka", "oct"),
    ("marras", "nov"), ("joulu", "dec"),
)
_SV_MONTHS = {"januari": 1, "februari": 2, "mars": 3, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
              "oktober": 10}


def match_unit(text: str, pos: int) -> tuple[str, Decimal, int] | None:
    """Return (unit, factor, end) for a unit written at `pos` (after at most one space)."""
    space = re.match(r"[ \u00a0\u202f]?", text[pos:pos + 1])
    gap = space.end() if space else 0
    for pattern, unit, factor, tight in UNIT_PATTERNS:
        if tight and gap:
            continue
        m = pattern.match(text, pos + gap)
        if m:
            return unit, factor, m.end()
    return None


def month_number(name: str) -> int | None:
    """Return 1-12 for a Finnish, English or Swedish month name."""
    lower = name.lower()
    if lower in _SV_MONTHS:
        return _SV_MONTHS[lower]
    for index, (fi_stem, en_stem) in enumerate(_MONTH_STEMS, start=1):
        if lower.startswith(fi_stem + "kuu") or lower.startswith(en_stem):
            return index
    return None


def word_value(word: str, language: str) -> Decimal | None:
    """Return the value of a number word ("viiden" -> 5, "twenty-four" -> 24), else None."""
    lower = word.lower()
    if language == "en":
        parts = lower.split("-")
        if all(p in _EN_WORDS for p in parts):
            return Decimal(sum(Decimal(_EN_WORDS[p]) for p in parts))
        return None
    if language == "sv":
        return Decimal(_SV_WORDS[lower]) if lower in _SV_WORDS else None
    if language == "fi":
        # Imported here so that Voikko loads only when Finnish number words are needed.
        from .lemmas import base_forms

        for lemma in base_forms(word, "fi"):
            value = _finnish_numeral(lemma)
            if value is not None:
                return value
    return None


def _finnish_numeral(lemma: str) -> Decimal | None:
    """Parse a nominative Finnish numeral such as "kaksikymmentäneljä" or "viisitoista"."""
    if lemma in _FI_SPECIAL:
        return Decimal(_FI_SPECIAL[lemma])
    if lemma in _FI_UNITS:
        return Decimal(_FI_UNITS[lemma])
    for unit_word, unit_value in _FI_UNITS.items():
        if lemma == unit_word + "toista":
            return Decimal(10 + unit_value)
        if lemma.startswith(unit_word + "kymmentä"):
            rest = lemma[len(unit_word) + len("kymmentä"):]
            if not rest:
                return Decimal(unit_value * 10)
            if rest in _FI_UNITS:
                return Decimal(unit_value * 10 + _FI_UNITS[rest])
    return None


def word_quantities(text: str, language: str) -> list[tuple[Decimal, str | None, int, int, str]]:
    """Return (value, unit, start, end, text) for spelled-out quantities."""
    out: list[tuple[Decimal, str | None, int, int, str]] = []
    words = list(_WORD.finditer(text))
    skip_until = -1
    for m in words:
        if m.start() < skip_until:
            continue
        value = word_value(m.group(), language)
        if value is None and language == "fi":
            bare = _finnish_bare_unit(text, m)
            if bare is not None:
                out.append(bare)
            continue
        if value is None:
            continue
        start, pos = m.start(), m.end()
        if language == "en" and m.group().lower() == "half":  # "half an hour", "half a day"
            article = re.match(r"\s+an?\b", text[pos:])
            pos += article.end() if article else 0
        elif language == "en" and m.group().lower() == "couple":
            of = re.match(r"\s+of\b", text[pos:])
            pos += of.end() if of else 0
        unit = match_unit(text, pos) if re.match(r"\s", text[pos:pos + 1]) else None
        if unit is not None:
            name, factor, end = unit
            out.append((value * factor, name, start, end, text[start:end]))
            skip_until = end
        elif m.group().lower() not in _ONLY_WITH_UNIT and value >= 2:
            out.append((value, None, start, pos, text[start:pos]))
    return out


def _finnish_bare_unit(text: str, m: re.Match[str]) -> tuple[Decimal, str | None, int, int, str] | None:
    """"tunnin kuluessa", "viikon sisällä": a unit in the genitive before a postposition means one."""
    if not _FI_POSTPOSITIONS.match(text, m.end()):
        return None
    unit = match_unit(text, m.start())
    if unit is None or unit[2] != m.end() or unit[0] in MONEY_UNITS or unit[0] == "%":
        return None
    name, factor, end = unit
    return factor, name, m.start(), end, text[m.start():end]
