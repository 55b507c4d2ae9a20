"""Finnish relative pronoun case: "joka" before a verb with its own I/you/we subject is "jonka"."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


def relative_flags(text: str) -> list[str]:
    result = GrammarAnalyzer().analyze(Document.build(text, "fi"), GradingContext())
    return [text[f.start:f.end] for f in result.findings if f.rule == "fi.relative_case"]


@pytest.mark.parametrize("text", [
    "Kiitos lomakkeesta, joka täytit eilen.",
    "Palautimme maksun, joka maksoit kahdesti.",
    "Tilaus, joka teimme puolestasi, on matkalla.",
])
def test_subject_form_before_a_personal_verb_is_flagged(text: str) -> None:
    """"joka" followed by a first- or second-person verb is the wrong case."""
    assert relative_flags(text) == ["joka"]


@pytest.mark.parametrize("text", [
    "Kiitos lomakkeesta, jonka täytit eilen.",
    "Paketti, joka lähti tänään, on perillä huomenna.",
    "Sinä, joka tilasit sohvan, saat hyvityksen.",
    "Lähetämme kortin, joka toimii heti.",
])
def test_correct_relative_clauses_pass(text: str) -> None:
    """The object form, a third-person verb, and a personal antecedent are all fine."""
    assert relative_flags(text) == []


def plural_flags(text: str) -> list[str]:
    result = GrammarAnalyzer().analyze(Document.build(text, "fi"), GradingContext())
    return [text[f.start:f.end] for f in result.findings if f.rule == "fi.plural_on"]


@pytest.mark.parametrize("text", [
    "Tilasit kaksi laturia, ja ne on jo matkalla.",
    "Molemmat on lähteneet varastolta tänään.",
])
def test_plural_pronoun_with_on_is_flagged(text: str) -> None:
    """A plural pronoun subject with "on" is spoken Finnish; the written form is "ovat"."""
    assert plural_flags(text) == ["on"]


@pytest.mark.parametrize("text", [
    "Ne ovat jo matkalla.",
    "Kaikki on tarkistettu, ja ne on lähetetty tänään.",
    "Se on perillä huomenna.",
])
def test_plural_agreement_and_passives_pass(text: str) -> None:
    """"ovat", a passive participle after "on", and a singular subject are standard."""
    assert plural_flags(text) == []


@pytest.mark.parametrize("text", [
    "Uudet hinnat on nyt verkkosivuillamme.",
    "Kuljettajat on paikalla aamuseitsemästä.",
    "Ohjeet on porraskäytävän ovessa.",  # a genitive participle is an attribute, not a passive
])
def test_plural_noun_subject_with_on_is_flagged(text: str) -> None:
    """A plural noun subject takes "ovat" as a plural pronoun does."""
    assert plural_flags(text) == ["on"]


@pytest.mark.parametrize("text", [
    "Laskut on nyt maksettu, ja muistutukset on peruttu.",  # passive: the plural is the object
    "Tunnukset on hyvä vaihtaa kerran vuodessa.",           # on + adjective + infinitive
    "Tilaukset on mahdollista perua 14 päivän ajan.",
    "Liitteet on toimitettava perjantaihin mennessä.",      # necessive
    "Liput voi vaihtaa sovelluksessa.",                     # zero person, the plural is the object
    "Virtaset on tavoitettavissa huomenna.",                # a family name, not a common noun
    "Varaston hyllyt ovat täynnä.",
])
def test_plural_objects_necessives_zero_person_and_names_pass(text: str) -> None:
    assert plural_flags(text) == []


def mika_flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    result = GrammarAnalyzer().analyze(Document.build(text, "fi"), GradingContext())
    return [(text[f.start:f.end], f.suggestions) for f in result.findings if f.rule == "fi.relative_mika"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hyvitys, mikä näkyy tililläsi huomenna, on 30 euroa.", [("mikä", ("joka",))]),
    ("Laskut, mitkä lähetimme maaliskuussa, olivat oikein.", [("mitkä", ("jotka",))]),
    ("Kiitos viestistä. Lomakkeesta, mitä kysyit, on uusi versio.", [("mitä", ("jota",))]),
])
def test_mika_after_a_noun_opening_the_sentence(text: str, expected: list) -> None:
    """A noun opening the sentence takes "joka"/"jotka"/"jota", not "mikä"/"mitkä"/"mitä"."""
    assert mika_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Kaikki, mitä tarvitset, on liitteenä.",
    "Paras, mitä voin tehdä, on hyvitys.",
    "Ainoa asia, mikä puuttuu, on kuitti.",
    "Toimitus myöhästyi kaksi päivää, mikä on harmillista.",
    "Hyvitys, joka näkyy tililläsi huomenna, on 30 euroa.",
])
def test_mika_after_pronoun_superlative_or_clause(text: str) -> None:
    """A pronoun, a superlative, "ainoa" and a whole clause take "mikä"; "joka" itself passes."""
    assert mika_flags(text) == []
