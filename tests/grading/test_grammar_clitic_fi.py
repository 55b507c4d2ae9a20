"""Finnish clitics: -kaan/-kään, not -kin, in a negative clause (fi.negative_kin)."""

from __future__ import annotations

import pytest

from .finnish_findings import spans_and_suggestions


def kin_flags(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return (flagged text, suggestions) of fi.negative_kin in a Finnish text."""
    return spans_and_suggestions(text, "fi.negative_kin")


@pytest.mark.parametrize(("text", "expected"), [
    ("Asentaja ei tuonut laturiakin mukanaan.", [("laturiakin", ("laturiakaan",))]),
    ("Tätäkin laskua et joudu maksamaan.", [("Tätäkin", ("Tätäkään",))]),
    ("Emme myöskin voi muuttaa tilausta jälkikäteen.", [("myöskin", ("myöskään",))]),
    ("Paketti ei ole vieläkin saapunut.", [("vieläkin", ("vieläkään",))]),
])
def test_kin_in_a_negative_clause(text: str, expected: list) -> None:
    """-kin on a noun, pronoun or adverb in a clause with a negation verb is flagged, with the -kaan/-kään form."""
    assert kin_flags(text) == expected


@pytest.mark.parametrize("text", [
    "Asentaja ei tuonut laturiakaan mukanaan.",
    "Tätäkään laskua et joudu maksamaan.",
    "Emme myöskään voi muuttaa tilausta jälkikäteen.",
    "Ainakin tänään palvelu ei toimi.",  # "ainakin" scopes over the negation
    "Etkö sinäkin halua tulla mukaan?",  # a question asking for agreement
    "Palvelu ei ole vain nopea vaan myöskin edullinen.",  # -kin in the clause after "vaan"
    "Emme ehtineet paikalle, mutta asentajakin oli myöhässä.",
    "En välitä, vaikka jäisinkin jonoon.",  # a verb's concessive -kin
    "Tilaus ei kuitenkaan lähtenyt, varsinkin kun maksu puuttui.",
])
def test_kaan_forms_and_other_clauses_pass(text: str) -> None:
    """-kaan forms, -kin outside the negative clause, lexical -kin words and questions are not flagged."""
    assert kin_flags(text) == []
