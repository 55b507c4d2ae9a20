"""Finnish punctuation and capitals: a comma before a subordinate clause ("Soita, jos …"), lowercase weekdays, months and languages."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


def rule_flags(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (flagged text, suggestions) of the grammar findings of `rule` in a Finnish text."""
    result = GrammarAnalyzer().analyze(Document.build(text, "fi"), GradingContext())
    return [(text[f.start:f.end], f.suggestions) for f in result.findings if f.rule == rule]


def comma_flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return rule_flags(text, "fi.clause_comma")


@pytest.mark.parametrize(("text", "flagged"), [
    ("Soita meille jos lasku on väärin.", ["jos"]),
    ("Hyvitämme maksun kun olemme tarkistaneet sen.", ["kun"]),
    ("Lähetän sinulle ohjeen jonka avulla voit vaihtaa salasanan.", ["jonka"]),
    ("Tarkistan järjestelmästä milloin tilauksesi lähti varastolta.", ["milloin"]),
    ("Olen pahoillani että jouduit odottamaan.", ["että"]),
    ("Kerron huomenna mitä asentaja sanoi.", ["mitä"]),
    ("Uusi kortti joka on jo matkalla korvaa vanhan.", ["joka"]),
])
def test_subordinate_clause_without_comma(text: str, flagged: list[str]) -> None:
    """A conjunction, relative pronoun or question word opening a clause needs a comma before it."""
    assert [span for span, _ in comma_flags(text)] == flagged


def test_suggestion_adds_the_comma() -> None:
    assert comma_flags("Soita meille jos lasku on väärin.") == [("jos", (", jos",))]


@pytest.mark.parametrize("text", [
    "Soita meille, jos lasku on väärin.",
    "Jos lasku on väärin, soita meille.",
    "Soita, jos haluat muuttaa tilausta ja jos aikaa on vielä.",
    "Voit palauttaa sekä kengät että laukun.",
    "Luemme viestit joka päivä.",
    "Saat valita mikä tahansa värin.",
    "Kysy mitä vain, autan mielelläni.",
    "Toimitamme paketin mitä pikimmin.",
    "Ilmoitamme sinulle heti kun paketti on perillä.",
    "Hän sanoi, että kun paketti tulee, hän soittaa.",
    "Kirjoita meille\njos jokin jäi epäselväksi.",
])
def test_comma_present_or_no_clause(text: str) -> None:
    """A comma already there, a clause first, "ja jos", "sekä … että", "joka päivä" (every),
    "mikä tahansa", "mitä vain", "mitä pikimmin", "heti kun", "että kun" and a line break pass."""
    assert comma_flags(text) == []


def case_flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return rule_flags(text, "fi.lowercase_name")


@pytest.mark.parametrize(("text", "expected"), [
    ("Toimitamme paketin Torstaina aamupäivällä.", [("Torstaina", ("torstaina",))]),
    ("Lasku erääntyy vasta Helmikuussa.", [("Helmikuussa", ("helmikuussa",))]),
    ("Voimme palvella myös Ruotsiksi.", [("Ruotsiksi", ("ruotsiksi",))]),
])
def test_weekday_month_language_take_no_capital(text: str, expected: list) -> None:
    """Weekdays, months and languages (in their -ksi form) are written in lowercase inside a sentence."""
    assert case_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Torstaina toimitamme paketin.",
    "Asiakkaamme asuvat Ruotsissa ja Suomessa.",
    "Toimituspäivä: Torstai 10.12.",
    "Toimitamme paketin torstaina.",
])
def test_capitals_that_are_right(text: str) -> None:
    """A sentence start, a country and a label line keep their capital."""
    assert case_flags(text) == []


def test_holidays_take_no_capital() -> None:
    """Holiday names are common nouns too ("pääsiäisen jälkeen"); "Vapun" may be the name Vappu and is left alone."""
    assert case_flags("Myymälä on kiinni Juhannusaattona ja avataan taas Pääsiäisen jälkeen.") == [
        ("Juhannusaattona", ("juhannusaattona",)), ("Pääsiäisen", ("pääsiäisen",))]
    assert case_flags("Myymälä on kiinni juhannusaattona.") == []
