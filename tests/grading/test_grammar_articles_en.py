"""Tests for the English determiner and adverb-order rules (grammar_articles_en)."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar_articles_en import count_noun
from qa_app.grading.engine import Grader
from qa_app.grading.specs import CriterionSpec, RubricSpec

from .en_rule_spans import spans


@pytest.mark.parametrize(("text", "expected"), [
    ("Electrician will ring you before the visit.", [("Electrician", ("The electrician",))]),
    ("Parcel was handed to the courier this morning.", [("Parcel", ("The parcel",))]),
    ("Hi Maria,\nInvoice has been corrected and sent again.", [("Invoice", ("The invoice",))]),
    ("We cannot change the time until courier has confirmed it.", [("courier", ("the courier",))]),
    ("Please call us if driver arrives late.", [("driver", ("the driver",))]),
    ("Unfortunately, engineer can't come on Friday.", [("engineer", ("the engineer",))]),
])
def test_countable_noun_alone_as_subject(text: str, expected: list) -> None:
    """A singular countable noun opening a clause before its verb needs a determiner."""
    assert spans(text, "en.bare_noun") == expected


@pytest.mark.parametrize("text", [
    "The electrician will ring you before the visit.",
    "Delivery is free for orders over 40 euros.",  # also an uncountable noun
    "Payment was received on Monday.",
    "Shipping takes two to three days.",
    "Apple has confirmed the recall.",  # a name as well as a noun
    "Order numbers are on the receipt.",  # a compound: the subject is "numbers"
    "Call us if anything changes.",  # a verb, not a noun, before "us"
    "Ask the driver to ring the bell.",
    "Thank you, Anna. Customer service is open until six.",  # "service" is also uncountable
    "We will phone you when your technician is on the way.",
])
def test_determiner_there_or_not_needed(text: str) -> None:
    assert spans(text, "en.bare_noun") == []


def test_count_noun_reads_both_lexicons() -> None:
    """Only-countable nouns need a determiner; nouns also used uncountably do not."""
    assert count_noun("technician") and count_noun("parcel") and count_noun("invoice")
    assert not count_noun("delivery") and not count_noun("payment") and not count_noun("advice")
    assert not count_noun("new")  # an adjective


@pytest.mark.parametrize(("text", "expected"), [
    ("We have lot of orders this week.", [("lot", ("a lot",))]),
    ("Lot of customers ask about the new plan.", [("Lot", ("A lot",))]),
    ("It takes lot of time to check every claim.", [("lot", ("a lot",))]),
])
def test_lot_of_without_a(text: str, expected: list) -> None:
    assert spans(text, "en.a_lot_of") == expected


@pytest.mark.parametrize("text", [
    "We have a lot of orders this week.",
    "There are lots of ways to pay.",
    "The parking lot of the hotel is free for guests.",
    "It helped a whole lot of people.",
])
def test_lot_of_right(text: str) -> None:
    assert spans(text, "en.a_lot_of") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("For the these reasons we cannot refund the fee.", [("the these", ("these",))]),
    ("I spoke to a my colleague about it.", [("a my", ("my",))]),
])
def test_two_determiners(text: str, expected: list) -> None:
    assert spans(text, "en.double_determiner") == expected


@pytest.mark.parametrize("text", [
    "For these reasons we cannot refund the fee.",
    "The staff at the desk can help.",
    "This is the one we sent.",
])
def test_one_determiner(text: str) -> None:
    assert spans(text, "en.double_determiner") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("You will be always welcome at our shop.", [("be always", ("always be",))]),
    ("The form should be usually signed by the tenant.", [("be usually", ("usually be",))]),
])
def test_adverb_after_be(text: str, expected: list) -> None:
    assert spans(text, "en.adverb_before_be") == expected


@pytest.mark.parametrize("text", [
    "You will always be welcome at our shop.",
    "We are always happy to help.",
    "The desk will be open as usual.",
])
def test_adverb_in_place(text: str) -> None:
    assert spans(text, "en.adverb_before_be") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The office is closed in Sunday.", [("in", ("on",))]),
    ("We can deliver at Saturdays too.", [("at", ("on",))]),
    ("The helpline is shut in weekend.", [("in", ("on the",))]),
    ("Our staff do not work in the weekend.", [("in", ("on",))]),
])
def test_days_take_on(text: str, expected: list) -> None:
    assert spans(text, "en.preposition") == expected


@pytest.mark.parametrize("text", [
    "The office is closed on Sunday.",
    "The price was in Monday's newsletter.",
    "We reply within a day, at weekends too.",
])
def test_days_right(text: str) -> None:
    assert spans(text, "en.preposition") == []


def test_bare_noun_lowers_the_grammar_score() -> None:
    """Through the whole engine, the missing determiner costs grammar points and names its word."""
    rubric = RubricSpec("t", 1, (CriterionSpec("grammar", 1, "grammar"),), channel="email")
    grader = Grader()
    wrong = grader.grade("Plumber will ring you on Friday morning.", rubric, language="en").criterion("grammar")
    right = grader.grade("The plumber will ring you on Friday morning.", rubric, language="en").criterion("grammar")
    assert wrong is not None and right is not None and wrong.score is not None and right.score is not None
    assert wrong.score < right.score
    assert any(f.rule == "en.bare_noun" for f in wrong.findings)
