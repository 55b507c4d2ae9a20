"""Finnish case rules: the genitive subject of a necessive (fi.necessive_subject), an attribute
adjective agreeing with its noun (fi.attribute_case) and the genitive before a postposition
(fi.postposition_genitive)."""

from __future__ import annotations

import pytest

from .finnish_findings import spans_and_suggestions

rule_flags = spans_and_suggestions


@pytest.mark.parametrize(("text", "expected"), [
    ("Jos haluat vaihtaa osoitteen, sinä täytyy kirjautua palveluun.", [("sinä", ("sinun",))]),
    ("He ei tarvitse tulla paikan päälle.", [("He", ("Heidän",))]),
    ("Hän on pakko allekirjoittaa sopimus ennen muuttoa.", [("Hän", ("Hänen",))]),
    ("Te pitäisi vielä meille lähettää kuitti.", [("Te", ("Teidän",))]),
    ("Minä kannattaa odottaa huomiseen.", [("Minä", ("Minun",))]),
    ("Hän ei tarvinnut odottaa jonossa.", [("Hän", ("Hänen",))]),
])
def test_nominative_subject_of_a_necessive(text: str, expected: list) -> None:
    """A nominative personal pronoun before täytyy, pitää, kannattaa, on pakko or ei tarvitse + infinitive is flagged."""
    assert rule_flags(text, "fi.necessive_subject") == expected


@pytest.mark.parametrize("text", [
    "Jos haluat vaihtaa osoitteen, sinun täytyy kirjautua palveluun.",
    "Heidän ei tarvitse tulla paikan päälle.",
    "Hänen on pakko allekirjoittaa sopimus ennen muuttoa.",
    "Hän pitää uudesta sovelluksesta.",  # "pitää" = like: a personal verb
    "Hän ei tarvitse uutta korttia.",  # "tarvita" with an object
    "Te tarvitsette vain tilausnumeron.",
    "Me ei voida muuttaa tilausta.",  # spoken "me ei" has its own rule
])
def test_genitive_subjects_and_personal_uses_pass(text: str) -> None:
    """The genitive subject and the personal uses of the same verbs are not flagged."""
    assert rule_flags(text, "fi.necessive_subject") == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Toimitamme paketin yrityksen uusi toimipisteeseen.", ["uusi toimipisteeseen"]),
    ("Vaihto tehdään liikkeen pieni huoltopisteessä.", ["pieni huoltopisteessä"]),
    ("Korjaus on mukana tässä uusi versiossa.", ["uusi versiossa"]),
])
def test_adjective_left_in_the_nominative(text: str, flagged: list) -> None:
    """A nominative adjective after a genitive or a pronoun in the noun's case, before an inflected noun, is flagged."""
    assert [span for span, _ in rule_flags(text, "fi.attribute_case")] == flagged


@pytest.mark.parametrize("text", [
    "Toimitamme paketin yrityksen uuteen toimipisteeseen.",
    "Vaihto tehdään liikkeen pienessä huoltopisteessä.",
    "Asiakas oli tyytyväinen palveluun.",  # a predicate adjective with its complement
    "Yhtiön uusi Tampereella toimiva myymälä avataan keväällä.",  # the noun comes after a participle
    "Kaupungin eri kirjastoissa on tilaa.",  # "eri" does not inflect
    "Myymälän paras vaihtoehdoista on uusin malli.",  # a superlative with an elative
])
def test_agreeing_or_predicate_adjectives_pass(text: str) -> None:
    """Agreeing attributes, predicates, indeclinables and superlatives are not flagged."""
    assert rule_flags(text, "fi.attribute_case") == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Toimitamme tilaukset Tampere alueella maksutta.", ["Tampere alueella"]),
    ("Olin eilen yhteydessä asiakas kanssa.", ["asiakas kanssa"]),
    ("Lähetys kulkee Helsinki kautta.", ["Helsinki kautta"]),
])
def test_nominative_before_a_postposition(text: str, flagged: list) -> None:
    """A name or noun left in the nominative before a head that takes a genitive is flagged."""
    assert [span for span, _ in rule_flags(text, "fi.postposition_genitive")] == flagged


@pytest.mark.parametrize("text", [
    "Toimitamme tilaukset Tampereen alueella maksutta.",
    "Olin eilen yhteydessä asiakkaan kanssa.",
    "Asuntojen hinta alueella on noussut.",  # a subject and a place, not a missing genitive
    "Sovimme asiasta ystäväni kanssa.",  # with a possessive suffix the genitive looks the same
])
def test_genitive_before_a_postposition_passes(text: str) -> None:
    """The genitive, a local adverbial after a subject and a possessive form are not flagged."""
    assert rule_flags(text, "fi.postposition_genitive") == []
