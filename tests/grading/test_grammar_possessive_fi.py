"""Finnish possessive suffix: after "minun", "teidän" or "meidän" written Finnish puts the suffix
on the noun or postposition ("teidän tilauksenne"); spoken Finnish leaves it out ("teidän tilaus")."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar_rules_fi import find_issues
from qa_app.grading.text import Document


def flags(text: str) -> list[str]:
    return [text[i.start:i.end] for i in find_issues(Document.build(text, "fi")) if i.rule == "fi.possessive_suffix"]


@pytest.mark.parametrize(("text", "flagged"), [
    ("Teidän tilaus lähti varastolta eilen.", ["tilaus"]),
    ("Lähetämme laskun teidän osoitteeseen huomenna.", ["osoitteeseen"]),
    ("Olemme yhteydessä teidän kanssa huomenna.", ["kanssa"]),  # a postposition takes the suffix too
    ("Meidän asiakaspalvelu palvelee arkisin.", ["asiakaspalvelu"]),
])
def test_noun_after_genitive_pronoun_without_suffix(text: str, flagged: list[str]) -> None:
    """A noun or postposition after a personal pronoun in the genitive needs the possessive suffix."""
    assert flags(text) == flagged


@pytest.mark.parametrize("text", [
    "Teidän tilauksenne lähti varastolta eilen.",
    "Tilauksenne lähti varastolta eilen.",
    "Meidän täytyy tarkistaa asia.",  # a verb after the genitive subject
    "Teidän kannattaa soittaa meille.",
    "Tämä on minun tekemä virhe.",  # a participle: another construction
    "Palkinto myönnettiin hänen hoitotieteen väitöskirjastaan.",  # the suffix is on the later head
    "Komission ja teidän lainsäätäjänä on päätettävä asiasta.",  # an essive: "as legislators"
])
def test_suffix_present_or_no_possessed_noun(text: str) -> None:
    """With the suffix, with a verb or participle, or where a later head carries it, nothing is flagged."""
    assert flags(text) == []
