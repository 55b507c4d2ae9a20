"""Finnish commas written where Finnish has none (fi.extra_comma): after an opening sentence
adverb, between a short subject and "olla", before "ja" joining two phrases."""

from __future__ import annotations

import pytest

from .finnish_findings import rule_findings


def extra_commas(text: str) -> list[str]:
    """Return the words right before each extra comma flagged in a Finnish text."""
    return [text[:f.start].split()[-1] for f in rule_findings(text, "fi.extra_comma")]


@pytest.mark.parametrize(("text", "before"), [
    ("Valitettavasti, emme ehdi toimittaa tilausta tänään.", ["Valitettavasti"]),
    ("Toivottavasti, uusi kortti toimii.", ["Toivottavasti"]),
    ("Uudet tunnukset, ovat voimassa huomisesta alkaen.", ["tunnukset"]),
    ("Lähetämme kuitin, ja laskun sähköpostiin.", ["kuitin"]),
])
def test_comma_finnish_does_not_write(text: str, before: list) -> None:
    """A comma after an opening sentence adverb, before "olla" after a subject, or before "ja" between phrases is flagged."""
    assert extra_commas(text) == before


@pytest.mark.parametrize("text", [
    "Valitettavasti emme ehdi toimittaa tilausta tänään.",
    "Valitettavasti, kuten kerroin, tilaus myöhästyy.",  # an inserted clause
    "Lyhyesti, uusi hinta koskee kaikkia.",  # a speech-act adverb may take a comma
    "Hyvä asiakas, on ilo kertoa uutisista.",  # an address
    "Lähetämme kuitin, ja lasku tulee postissa.",  # "ja" joins two clauses
    "Minä otan laskun, ja sinä kuitin.",  # an elliptic clause with its own subject
    "Uudet tunnukset ovat voimassa huomisesta alkaen.",
    "Paketti, jonka tilasit, on matkalla.",  # the comma closes a relative clause
])
def test_commas_finnish_writes_pass(text: str) -> None:
    """Commas around clauses, addresses and after speech-act adverbs are not flagged."""
    assert extra_commas(text) == []
