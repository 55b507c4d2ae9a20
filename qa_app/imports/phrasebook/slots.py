"""Slot values for one generated conversation: names, amounts, dates, codes and personal data.

Personal data is made to pass the checks the importer's redaction uses (a HETU with its check
character, IBANs with valid check digits, Luhn-valid cards, real Finnish mobile prefixes), so a
demo shows it redacted; order numbers and tracking codes look like the real ones and stay.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from types import ModuleType

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_MOBILE_PREFIXES = ("040", "041", "044", "045", "046", "050")
_MAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "kolumbus.fi", "elisanet.fi", "luukku.com", "icloud.com")
_FI_BANKS = ("1", "5", "8", "4", "3", "7")
_WORD_SLOTS = (
    ("street", "streets"), ("street_old", "streets"), ("city", "cities"), ("street_area", "areas"),
    ("pickup", "pickups"), ("branch", "branches"), ("product", "products"), ("ticket", "tickets"),
    ("since", "since"), ("page", "pages"), ("company", "companies"),
)
_ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "Ä": "A", "Ö": "O"})


def make_slots(rng: random.Random, book: ModuleType, customer: dict[str, str] | None, agent: str,
               topic: str, at: datetime) -> dict[str, str]:
    """Return every slot a phrase of `book` may use, drawn once for one conversation."""
    words = book.WORDS
    first = customer["first"] if customer else rng.choice(words["first_names"])
    last = customer["last"] if customer else rng.choice(words["last_names"])
    colleague = f"{rng.choice(words['first_names'])} {rng.choice(words['last_names'])}"
    slots = {
        "agent": agent, "first": first, "last": last, "first2": rng.choice(words["first_names"]),
        "colleague": colleague, "colleague_email": email_address(rng, *colleague.split(" ", 1), "yritys.fi"),
        "brand": book.TOPICS[topic]["brand"] if topic in book.TOPICS else "Kohtaamo",
        "amount": book.money(rng.randint(19, 189), rng.choice((0, 50, 90, 95, 40, 70))),
        "amount2": book.money(rng.randint(200, 480), rng.randrange(0, 100)),
        "kwh": str(rng.randrange(900, 2400, 10)), "kwh2": str(rng.randrange(300, 880, 10)),
        "meter": str(rng.randrange(10000, 89999)), "age": str(rng.randint(74, 93)),
        "order": f"{at.year}{rng.randrange(0, 999999):06d}", "customer_no": str(rng.randrange(1000000, 9999999)),
        "tracking": f"JJFI{rng.randrange(10**16, 10**17)}",
        "date": book.day(at - timedelta(days=rng.randint(2, 12))),
        "date2": book.day(at + timedelta(days=rng.randint(1, 3))),
        "date3": book.day(at + timedelta(days=rng.randint(6, 9))),
        "move_date": book.day(at + timedelta(days=rng.randint(9, 40))),
        "d1": book.day(at - timedelta(days=rng.randint(1, 5))), "d2": book.day(at + timedelta(days=rng.randint(3, 16))),
        "time": f"{rng.randint(12, 20)}{book.TIME_SEPARATOR}{rng.choice(('00', '15', '30', '45'))}",
        "time2": f"{rng.randint(9, 12)}{book.TIME_SEPARATOR}00",
        "days": str(rng.randint(8, 21)), "queue": str(rng.randint(2, 14)),
        "phone": phone_number(rng), "email": email_address(rng, first, last),
        "hetu": hetu(rng), "iban": iban(rng), "card": card_number(rng),
        "link": f"https://{rng.choice(words['spam_domains'])}/{rng.choice(('offer', 'tarjous', 'login', 'secure', 'news'))}"
                f"?id={rng.randrange(10**5, 10**8)}",
    }
    slots["month"] = book.MONTH_OF[(at.month - 2) % 12]  # last month's bill
    for name, key in _WORD_SLOTS:
        slots[name] = rng.choice(words[key])
    return slots


def phone_number(rng: random.Random) -> str:
    """A Finnish mobile number, written the ways customers write them."""
    prefix = rng.choice(_MOBILE_PREFIXES)
    digits = f"{rng.randrange(0, 10**7):07d}"
    style = rng.randrange(4)
    if style == 0:
        return f"{prefix} {digits[:3]} {digits[3:]}"
    if style == 1:
        return f"{prefix}{digits}"
    if style == 2:
        return f"+358 {prefix[1:]} {digits[:3]} {digits[3:]}"
    return f"{prefix}-{digits}"


def email_address(rng: random.Random, first: str, last: str, domain: str | None = None) -> str:
    local = f"{first}.{last}".lower().translate(_ASCII).replace(" ", "")
    if rng.random() < 0.3:
        local += str(rng.randint(1, 99))
    return f"{local}@{domain or rng.choice(_MAIL_DOMAINS)}"


def hetu(rng: random.Random) -> str:
    """A Finnish personal identity code with a valid check character (born 1938–2006)."""
    year = rng.randint(1938, 2006)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    individual = rng.randint(2, 899)
    sign = ("-" if rng.random() < 0.9 else "Y") if year < 2000 else "A"
    stem = f"{day:02d}{month:02d}{year % 100:02d}"
    check = _HETU_CHECK[int(f"{stem}{individual:03d}") % 31]
    return f"{stem}{sign}{individual:03d}{check}"


def luhn_digit(payload: str) -> str:
    """The Luhn check digit for `payload` (used by cards and Finnish account numbers)."""
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def iban(rng: random.Random) -> str:
    """A Finnish IBAN with valid national and IBAN check digits, compact or in groups of four."""
    payload = rng.choice(_FI_BANKS) + f"{rng.randrange(0, 10**12):012d}"
    bban = payload + luhn_digit(payload)
    check = 98 - int(bban + "151800") % 97  # F=15, I=18, then "00"
    compact = f"FI{check:02d}{bban}"
    if rng.random() < 0.3:
        return compact
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def card_number(rng: random.Random) -> str:
    """A Luhn-valid 16-digit Visa-like number in groups of four."""
    payload = "4" + f"{rng.randrange(0, 10**14):014d}"
    number = payload + luhn_digit(payload)
    return " ".join(number[i:i + 4] for i in range(0, 16, 4))
