"""Clarity: several acronyms a reply does not explain read as internal shorthand."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.clarity import ClarityAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


def acronyms(text: str, language: str) -> list[str]:
    result = ClarityAnalyzer().analyze(Document.build(text, language), GradingContext("email"))
    return [text[f.start:f.end] for f in result.findings if f.rule == "clarity.acronym"]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Hi Tom, the BNG dropped your PPP session, so the RG lost its lease. It works again now.", "en",
     ["BNG", "PPP", "RG"]),
    ("Hei Tom, BNG:n vika katkaisi PPP-istunnon, ja RG menetti osoitteensa. Nyt yhteys toimii.", "fi",
     ["BNG", "PPP", "RG"]),
])
def test_three_unexplained_acronyms_are_jargon(text: str, language: str, expected: list[str]) -> None:
    """Three different acronyms the customer is not told the meaning of, also inflected in Finnish."""
    assert acronyms(text, language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Hi Tom, the BNG dropped your PPP session. It works again now.", "en"),  # only two
    ("Send the PDF with your IBAN and VAT number by SMS or email.", "en"),  # acronyms customers know
    ("Lähetä PDF, IBAN ja ALV-numero tekstiviestillä.", "fi"),
    ("Hi Tom, SORRY, WE ARE ON IT.", "en"),  # capitals for emphasis: words, not acronyms
    ("The router (RG), the network gateway (BNG) and the session (PPP) all restarted.", "en"),  # explained
])
def test_known_explained_or_few_acronyms_pass(text: str, language: str) -> None:
    assert acronyms(text, language) == []
