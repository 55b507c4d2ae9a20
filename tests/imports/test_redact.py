"""Redaction of personal data in message text, and near-misses that must stay."""

from __future__ import annotations

import pytest
from stdnum import iban, luhn
from stdnum.fi import hetu

from qa_app.imports import RedactionCounts, redact

from .conftest import make_card, make_hetu, wrong_check_hetu

HETUS = [
    make_hetu("131052", "-", 308),
    make_hetu("010199", "-", 123, lower=True),
    make_hetu("240895", "+", 57),
    make_hetu("010101", "A", 234),
    make_hetu("150605", "B", 42),
    make_hetu("311207", "F", 999 - 100),
    make_hetu("020304", "Y", 321),
    make_hetu("101010", "X", 45),
    make_hetu("051180", "W", 876),
    make_hetu("290292", "V", 111),
    make_hetu("121212", "U", 202),
    make_hetu("010190", "-", 901),  # temporary number
    make_hetu("010190", "-", 999),  # temporary number
]
IBANS = ["FI2112345600000785", "FI21 1234 5600 0007 85", "DE89370400440532013000",
         "SE4550000000058398257466", "GB82 WEST 1234 5698 7654 32"]
CARDS = [make_card("411111111111111"), make_card("555555555555444"), make_card("378282246310"),
         make_card("601111111111111"), make_card("4000056655665"), make_card("356600202036050")]


@pytest.mark.parametrize("code", HETUS)
def test_hetu_is_replaced(code):
    """A valid HETU (any century sign, temporary number or lower-case check) becomes [HETU]."""
    assert hetu.is_valid(code, allow_temporary=True)
    text, counts = redact(f"Henkilötunnukseni on {code}, kiitos.")
    assert text == "Henkilötunnukseni on [HETU], kiitos."
    assert counts == RedactionCounts(hetu=1)


@pytest.mark.parametrize("number", IBANS)
def test_iban_is_replaced(number):
    """A valid IBAN, compact or in groups of four, becomes [IBAN]."""
    assert iban.is_valid(number)
    text, counts = redact(f"Tilinumero: {number}. Palauta rahat sinne.")
    assert text == "Tilinumero: [IBAN]. Palauta rahat sinne."
    assert counts == RedactionCounts(iban=1)


@pytest.mark.parametrize("number", CARDS)
@pytest.mark.parametrize("separator", ["", " ", "-"])
def test_card_is_replaced(number, separator):
    """A Luhn-valid 13–19 digit card number, with optional spaces or dashes, becomes [CARD]."""
    assert luhn.is_valid(number)
    grouped = separator.join(number[i : i + 4] for i in range(0, len(number), 4))
    text, counts = redact(f"My card {grouped} was charged twice.")
    assert text == "My card [CARD] was charged twice."
    assert counts == RedactionCounts(card=1)


@pytest.mark.parametrize(
    "phone",
    ["040 123 4567", "0401234567", "050-123 4567", "+358 40 123 4567", "+358401234567",
     "09-310 11", "(09) 310 11", "+46 8 123 456 78", "+44 20 7946 0958"],
)
def test_phone_is_replaced(phone):
    """Finnish and international phone numbers become [PHONE]."""
    text, counts = redact(f"Soittakaa numeroon {phone} iltapäivällä.")
    assert text == "Soittakaa numeroon [PHONE] iltapäivällä."
    assert counts == RedactionCounts(phone=1)


@pytest.mark.parametrize(
    "address", ["matti.meikalainen@example.fi", "anna+kohtaamo@posti.example.com",
                "pörrö.kääpiö@esimerkki.fi", "x_y-z@sub.domain.org"],
)
def test_email_is_replaced(address):
    """E-mail addresses become [EMAIL]."""
    text, counts = redact(f"Vastatkaa osoitteeseen {address}, kiitos.")
    assert text == "Vastatkaa osoitteeseen [EMAIL], kiitos."
    assert counts == RedactionCounts(email=1)


NEAR_MISSES = [
    wrong_check_hetu(make_hetu("131052", "-", 308)),
    wrong_check_hetu(make_hetu("010101", "A", 234)),
    make_hetu("010190", "-", 1),  # individual numbers start at 002
    "321399-1234",  # no such date
    make_card("411111111111111")[:-1] + str((int(make_card("411111111111111")[-1]) + 1) % 10),
    "1234 5678 9012 3456",
    "FI2112345600000786",
    "tilausnumero 2024001234",
    "hinta 49,90 €",
    "päivämäärä 12.3.2026",
    "klo 14.30",
    "seurantakoodi JJFI12345678901234567",
    "lähetys JJ123456789FI",
    "asiakasnumero 123456",
    "vuosina 2019-2026",
    "2 kpl à 19,95 € = 39,90 €",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_stays(text):
    """Wrong check digits, order numbers, prices, dates, times and tracking codes stay."""
    assert redact(text) == (text, RedactionCounts())


def test_all_types_in_one_text_are_counted():
    """Several values of several types in one text are each replaced and counted."""
    card = make_card("411111111111111")
    code = make_hetu("131052", "-", 308)
    text = (f"Olen {code}, tili FI2112345600000785, kortti {card}, puh. 040 123 4567, "
            f"maili matti@example.fi ja toinen matti2@example.fi; tilaus 2024001234.")
    redacted, counts = redact(text)
    assert redacted == ("Olen [HETU], tili [IBAN], kortti [CARD], puh. [PHONE], "
                        "maili [EMAIL] ja toinen [EMAIL]; tilaus 2024001234.")
    assert counts.to_dict() == {"hetu": 1, "iban": 1, "card": 1, "phone": 1, "email": 2}


def test_valid_iban_after_a_near_miss_is_found():
    """A valid IBAN right after an IBAN-like near-miss is still replaced."""
    assert redact("AB12 FI2112345600000785")[0] == "AB12 [IBAN]"


def test_counts_add_up():
    """RedactionCounts add field by field."""
    total = RedactionCounts(hetu=1, phone=2) + RedactionCounts(phone=1, email=4)
    assert total == RedactionCounts(hetu=1, phone=3, email=4)
    assert total.to_dict() == {"hetu": 1, "iban": 0, "card": 0, "phone": 3, "email": 4}
