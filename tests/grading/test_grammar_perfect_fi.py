"""Finnish perfect tenses: the participle takes the number of its "olla" (fi.perfect_number)."""

from __future__ import annotations

import pytest

from .finnish_findings import rule_findings


def flags(text: str, rule: str) -> list[str]:
    """The flagged spans of one Finnish rule in `text`."""
    return [text[f.start:f.end] for f in _findings(text, rule)]


_findings = rule_findings


def perfect_flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[f.start:f.end], f.suggestions) for f in _findings(text, "fi.perfect_number")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Olemme käsitellyt hakemuksenne, ja päätös on liitteenä.", [("käsitellyt", ("käsitelleet",))]),
    ("Laskut ovat jo mennyt eräpäivän yli.", [("mennyt", ("menneet",))]),
    ("Emme ole vielä vastaanottanut palautustanne.", [("vastaanottanut", ("vastaanottaneet",))]),
    ("Olimme luvannut toimituksen perjantaiksi.", [("luvannut", ("luvanneet",))]),
    ("Olen soittaneet teille kahdesti.", [("soittaneet", ("soittanut",))]),
    ("En ole saaneet vahvistusta.", [("saaneet", ("saanut",))]),
])
def test_participle_in_the_other_number(text: str, expected: list) -> None:
    """A plural "olla" (olemme, ovat, emme ole) takes -neet, a singular one (olen, en ole) -nut."""
    assert perfect_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Olemme käsitelleet hakemuksenne, ja päätös on liitteenä.",
    "Laskut ovat jo menneet eräpäivän yli.",
    "Olen soittanut teille kahdesti.",
    "Olette tilannut kaksi tuotetta.",  # polite address to one person: either number is right
    "Olette tilanneet kaksi tuotetta.",
    "Tilaus on lähetetty.",  # a passive with "on"
    "Olemme iloisia, että olette tyytyväinen.",  # not a participle after "olla"
    "Olen ollut yhteydessä varastoon.",
])
def test_agreeing_or_other_forms_pass(text: str) -> None:
    assert perfect_flags(text) == []


def government_flags(text: str) -> list[str]:
    return flags(text, "fi.case_government")


@pytest.mark.parametrize(("text", "expected"), [
    ("Voit tutustua hinnastoa sivuillamme.", ["tutustua hinnastoa"]),
    ("Haluaisitteko osallistua asiakasillassa ensi viikolla?", ["osallistua asiakasillassa"]),
    ("Voimme auttaa sinulle laskun kanssa.", ["auttaa sinulle"]),
    ("Pyydän teitä osallistumaan torstain koulutusta.", ["osallistumaan torstain koulutusta"]),
    ("Pahoittelemme laskutusvirheestä, korjaamme sen heti.", ["Pahoittelemme laskutusvirheestä"]),
])
def test_complement_in_the_wrong_case(text: str, expected: list) -> None:
    """tutustua/osallistua take "mihin", auttaa takes "ketä": another case right after is wrong."""
    assert government_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Voit tutustua hinnastoon sivuillamme.",
    "Haluaisitteko osallistua asiakasiltaan ensi viikolla?",
    "Voimme auttaa sinua laskun kanssa.",
    "Kerro, jos voimme auttaa.",
    "Tutustumisen jälkeen voit valita paketin.",  # a noun made from the verb
    "Osallistuin kokoukseen, jossa asiaa käsiteltiin.",
    "Pahoittelemme laskutusvirhettä, korjaamme sen heti.",
    "Pahoittelemme laskutusvirheestä johtuvaa vaivaa.",  # the participle takes the elative
])
def test_complement_in_its_case_passes(text: str) -> None:
    assert government_flags(text) == []


def object_flags(text: str) -> list[str]:
    return flags(text, "fi.negative_object")


@pytest.mark.parametrize(("text", "expected"), [
    ("Emme ole vielä vastaanottaneet palautuksen.", ["palautuksen"]),
    ("Valitettavasti emme löytäneet tilauksen.", ["tilauksen"]),
    ("Teidän ei tarvitse täyttää uuden lomakkeen.", ["uuden lomakkeen"]),
    ("Ette saa hyvityksen, koska takuu on päättynyt.", ["hyvityksen"]),
])
def test_total_object_after_a_negated_verb(text: str, expected: list) -> None:
    """A negated verb takes a partitive object: "emme löytäneet tilausta"."""
    assert object_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Emme ole vielä vastaanottaneet palautusta.",
    "Valitettavasti emme löytäneet tilaustanne.",
    "Emme saa laitteen takuuta voimaan ilman kuittia.",  # the genitive modifies "takuuta"
    "Ette tarvitse uuden laitteen asennusta.",
    "Emme voi luvata toimitusta viikon aikana.",  # "viikon aikana" is a time phrase
    "Saimme laskun, mutta emme maksaneet sitä.",
])
def test_partitive_or_other_genitives_pass(text: str) -> None:
    assert object_flags(text) == []


def numeral_flags(text: str) -> list[str]:
    return flags(text, "fi.numeral_case")


@pytest.mark.parametrize(("text", "expected"), [
    ("Tilasit kolme paitoja, ja ne lähtevät tänään.", ["kolme paitoja"]),
    ("Toimitus kestää viisi arkipäivät.", ["viisi arkipäivät"]),
    ("Hyvitys näkyy tililläsi kahden viikkojen kuluessa.", ["kahden viikkojen"]),
    ("Lähetämme kaksi uudet kortit postitse.", ["kaksi uudet kortit"]),
])
def test_plural_after_a_numeral(text: str, expected: list) -> None:
    """After "kaksi" the noun is singular partitive, after "kahden" singular genitive."""
    assert numeral_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Tilasit kolme paitaa, ja ne lähtevät tänään.",
    "Toimitus kestää viisi arkipäivää.",
    "Hyvitys näkyy tililläsi kahden viikon kuluessa.",
    "Lähetämme kaksi uutta korttia postitse.",
    "Kuusi on hyvä luku.",
])
def test_singular_after_a_numeral(text: str) -> None:
    assert numeral_flags(text) == []
