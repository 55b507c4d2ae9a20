"""Tests for finding and comparing quantities in Finnish, English and Swedish text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qa_app.grading.numbers import Quantity, find_quantities, parse_quantity, same_quantity


def _only(text: str, language: str) -> Quantity:
    found = find_quantities(text, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "language", "value", "unit"), [
    ("Hinta on 5,18 €.", "fi", "5.18", "EUR"),
    ("Hinta on 5.18 EUR.", "fi", "5.18", "EUR"),
    ("Se maksaa 5,18 euroa.", "fi", "5.18", "EUR"),
    ("It costs €5.18 now.", "en", "5.18", "EUR"),
    ("Maksu on 5 euroa 18 senttiä.", "fi", "5.18", "EUR"),
    ("That is 5 euros and 18 cents.", "en", "5.18", "EUR"),
    ("Hyvitämme 5,18 euron summan.", "fi", "5.18", "EUR"),
    ("Lasku on 1 200 €.", "fi", "1200", "EUR"),
    ("The total is 1,200.50 €.", "en", "1200.5", "EUR"),
    ("Puhelut 17 c/min.", "fi", "0.17", "EUR/min"),
    ("Puhelut maksavat 17 senttiä minuutilta.", "fi", "0.17", "EUR/min"),
    ("Hinta 0,17 €/min.", "fi", "0.17", "EUR/min"),
    ("Kuukausimaksu on 19,90 € kuukaudessa.", "fi", "19.9", "EUR/month"),
    ("It's 19.90 EUR per month.", "en", "19.9", "EUR/month"),
    ("Alennus on 20 %.", "fi", "20", "%"),
    ("Alennus on 20%.", "fi", "20", "%"),
    ("Saat 20 prosentin alennuksen.", "fi", "20", "%"),
    ("You get 20 percent off.", "en", "20", "%"),
    ("Odota 30 min.", "fi", "30", "min"),
    ("Odota 30 minuuttia.", "fi", "30", "min"),
    ("Odota puoli tuntia.", "fi", "30", "min"),
    ("Please wait half an hour.", "en", "30", "min"),
    ("It takes two hours.", "en", "120", "min"),
    ("Palautus 14 päivän kuluessa.", "fi", "14", "day"),
    ("Refund within 14 days.", "en", "14", "day"),
    ("Toimitus kahden viikon sisällä.", "fi", "14", "day"),
    ("Käsittely viiden arkipäivän aikana.", "fi", "5", "workday"),
    ("Within 5 working days.", "en", "5", "workday"),
    ("Sopimus on 24 kk.", "fi", "24", "month"),
    ("Sopimus kestää 2 vuotta.", "fi", "24", "month"),
    ("Sopimus kestää kaksitoista kuukautta.", "fi", "12", "month"),
    ("Återbetalning inom 14 dagar.", "sv", "14", "day"),
])
def test_finds_value_and_unit(text: str, language: str, value: str, unit: str) -> None:
    """Each spelling of an amount is found once with its normalised value and unit."""
    q = _only(text, language)
    assert (q.value, q.unit) == (Decimal(value), unit)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("a", "b", "language"), [
    ("5,18 €", "5.18 EUR", "fi"),
    ("5,18 euroa", "€5.18", "fi"),
    ("5 euroa 18 senttiä", "5,18 €", "fi"),
    ("17 c/min", "0,17 €/min", "fi"),
    ("17 senttiä minuutilta", "17 c/min", "fi"),
    ("20 %", "20 prosenttia", "fi"),
    ("30 min", "puoli tuntia", "fi"),
    ("2 viikkoa", "14 päivää", "fi"),
    ("1 vuosi", "12 kk", "fi"),
])
def test_same_quantity_across_spellings(a: str, b: str, language: str) -> None:
    """Different spellings of the same amount compare equal."""
    assert same_quantity(parse_quantity(a, language), parse_quantity(b, language))


@pytest.mark.parametrize(("a", "b"), [("5,18 €", "5,00 €"), ("20 %", "20 €"), ("14 päivää", "14 kk"), ("17 c/min", "17 €/min")])
def test_different_quantities_differ(a: str, b: str) -> None:
    """A different value or unit is not the same quantity."""
    assert not same_quantity(parse_quantity(a, "fi"), parse_quantity(b, "fi"))


def test_loose_comparison_accepts_bare_number_and_working_days() -> None:
    """Loose comparison lets a bare number or "days" stand in for the key point's unit."""
    assert same_quantity(parse_quantity("5,18", "fi"), parse_quantity("5,18 €", "fi"), loose=True)
    assert same_quantity(parse_quantity("5 päivää", "fi"), parse_quantity("5 arkipäivää", "fi"), loose=True)
    assert not same_quantity(parse_quantity("5 päivää", "fi"), parse_quantity("5 arkipäivää", "fi"))


@pytest.mark.parametrize(("text", "language", "unit"), [
    ("Eräpäivä on 15.3.2025.", "fi", "date"),
    ("Due on 2025-03-15.", "en", "date"),
    ("Due on March 15th.", "en", "date"),
    ("Eräpäivä 15. maaliskuuta.", "fi", "date"),
    ("Soitamme klo 14.30.", "fi", "time"),
    ("We call at 3 pm.", "en", "time"),
    ("Open 9:30 daily.", "en", "time"),
    ("Soita 040 123 4567.", "fi", "id"),
    ("Call +358 40 123 4567.", "en", "id"),
    ("Tilausnumero 123456 on käsitelty.", "fi", "id"),
    ("Order #4567 was shipped.", "en", "id"),
])
def test_non_amounts_are_marked(text: str, language: str, unit: str) -> None:
    """Dates, times, phone and order numbers are recognised and are not amounts."""
    q = _only(text, language)
    assert q.unit == unit
    assert not q.is_amount


@pytest.mark.parametrize(("text", "language"), [
    ("Kolme laitetta.", "fi"), ("Three devices.", "en"), ("We have 3 devices.", "en"),
])
def test_plain_numbers_have_no_unit(text: str, language: str) -> None:
    """Plain integers and number words without a unit are found with unit None."""
    q = _only(text, language)
    assert (q.value, q.unit) == (Decimal(3), None)


def test_one_and_articles_alone_are_not_numbers() -> None:
    """"one" and "a" count only before a unit, so ordinary prose yields no quantities."""
    assert find_quantities("One of our agents will call you. It is a good idea.", "en") == []


def test_list_commas_do_not_make_decimals() -> None:
    """"1, 2 ja 3" is three numbers, not 1.2."""
    assert [q.value for q in find_quantities("Vaihtoehdot 1, 2 ja 3.", "fi")] == [1, 2, 3]
