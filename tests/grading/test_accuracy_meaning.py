"""Accuracy by meaning: claims need their stance and number, key points their content, and a
conversation is graded as a whole."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.accuracy import AccuracyAnalyzer
from qa_app.grading.context import GradingContext, HistoryMessage
from qa_app.grading.specs import ForbiddenClaim, KeyPoint, ScenarioSpec, TurnSpec
from qa_app.grading.text import Document

GYM = ScenarioSpec(
    "gym", 1, "fi", "chat",
    key_points=(
        KeyPoint("offer", "Kertoo oikean tarjouksen, 10 %", any=("jäsenetu", "tarjous"), numbers=("10 %",)),
        KeyPoint("deadline", "Kertoo, että tarjous on voimassa 15.6. asti", any=("voimassa", "asti")),
    ),
    forbidden=(
        ForbiddenClaim("promise-25", "Lupaa 25 %:n alennuksen", any=("saat alennuksen", "alennus pätee")),
        ForbiddenClaim("over-limit", "Lupaa yli 10 %:n alennuksen", any=("alennus",), above="10 %"),
    ),
    facts_text="Tarjous: 10 % jäsenmaksusta 15.6. asti. Jäsenmaksu 49,00 €/kk.",
)
SHOP = ScenarioSpec(
    "shop", 1, "en", "email",
    key_points=(
        KeyPoint("approved", "Says the return refund of €64.00 has been approved", any=("approved", "refund"),
                 numbers=("€64.00",)),
        KeyPoint("when", "Money back within 3 banking days, by 14:00 on Friday", any=("banking days", "by"),
                 numbers=("3 banking days",)),
        KeyPoint("estimate", "Explains the delivery date was only an estimate", any=("estimate",),
                 paraphrases=("only a guess", "not a promised date")),
    ),
    forbidden=(ForbiddenClaim("today", "Promises the money today", any=("in your account today",)),),
    turns=(TurnSpec("why", "Why did it take so long?", (KeyPoint("cause", "Names the cause: a customs check",
                                                                   any=("customs",)),)),),
    facts_text="Refund €64.00, paid by card. Banking days: 3. Order total €128.00.",
)


def grade(text: str, scenario: ScenarioSpec, history: tuple[HistoryMessage, ...] = ()):
    doc = Document.build(text, scenario.language)
    return AccuracyAnalyzer().analyze(doc, GradingContext(channel=scenario.channel, scenario=scenario, history=history))


def claims(result) -> set[str]:
    return {c["id"] for c in result.details["forbidden"] if c["found"]}


def met(result) -> set[str]:
    return {kp["id"] for kp in result.details["key_points"] if kp["met"]}


@pytest.mark.parametrize("text", [
    "25 %:n alennusta en valitettavasti voi antaa, mutta jäsenetu on 10 %.",
    "Kollegani lupasi sinulle 25 %, mutta se oli virhe.",
    "Oikea tarjous on 10 %, ei 25 %.",
    "Jos saat alennuksen, se näkyy laskulla.",
    "Saatko alennuksen jo nyt?",
])
def test_refusals_corrections_reports_and_questions_are_not_claims(text: str) -> None:
    """A refusal, a correction, a colleague's reported promise, an if-clause or a question is not the claim."""
    assert claims(grade(text, GYM)) == set()


@pytest.mark.parametrize(("text", "claim"), [
    ("Saat alennuksen 25 % heti ensi kuusta.", "promise-25"),
    ("Hoidan asian: jäsenmaksustasi lähtee 25 % pois.", "promise-25"),
    ("Annan sinulle 15 %:n alennuksen.", "over-limit"),
])
def test_promises_worded_differently_are_claims(text: str, claim: str) -> None:
    """A promise of the forbidden number, or of more than the limit, is the claim however it is worded."""
    assert claim in claims(grade(text, GYM))


def test_a_claim_about_a_number_needs_that_number() -> None:
    """"Saat alennuksen" with the real 10 % is not the forbidden 25 % claim."""
    assert claims(grade("Saat alennuksen 10 % jäsenmaksusta 15.6. asti.", GYM)) == set()


def test_a_word_of_the_point_in_a_hedge_does_not_meet_it() -> None:
    """"Refunds can take some days" does not say the refund was approved."""
    assert "approved" not in met(grade("Refunds can take a few days to show.", SHOP))


def test_a_paraphrase_meets_a_point() -> None:
    """A trainer's paraphrase meets the point although none of its words match."""
    assert "estimate" in met(grade("The date on the page was only a guess, sorry for that.", SHOP))


def test_a_different_value_of_the_points_kind_is_a_wrong_fact() -> None:
    """A refund of another amount is a wrong fact, and the point is not met."""
    result = grade("Your refund of €128.00 has been approved.", SHOP)
    assert "approved" not in met(result)
    assert [f.params["found"] for f in result.findings if f.category == "wrong_amount"] == ["€128.00"]


def test_times_of_day_and_dates_are_compared_by_value() -> None:
    """A clock time or date named in the point's description is a target: another value is wrong."""
    right = grade("Tarjous on voimassa 15.6. asti.", GYM)
    wrong = grade("Tarjous on voimassa 30.6. asti.", GYM)
    assert "deadline" in met(right)
    assert "deadline" not in met(wrong) and any(f.category == "wrong_amount" for f in wrong.findings)


def test_an_unrelated_date_is_not_a_wrong_fact() -> None:
    """A date in a sentence that is not about the point is left alone."""
    result = grade("Liityit kuntosalille 3.1. Tarjous on voimassa 15.6. asti.", GYM)
    assert not [f for f in result.findings if f.category == "wrong_amount"]


def test_a_wrong_fact_costs_more_than_a_missing_point() -> None:
    """The same point given with a wrong value costs more than leaving it out."""
    missing = grade("Your money is back within 3 banking days. The date was only an estimate.", SHOP)
    wrong = grade("Your money is back within 3 banking days. The date was only an estimate. "
                  "Your refund of €128.00 has been approved.", SHOP)
    assert 0 < wrong.score < missing.score


def test_key_points_met_earlier_stay_met_in_a_follow_up() -> None:
    """A follow-up is not marked down for points an earlier reply already covered."""
    history = (HistoryMessage("customer", "Where is my money?"),
               HistoryMessage("agent", "Your refund of €64.00 has been approved."),
               HistoryMessage("customer", "And when will I see it?"))
    result = grade("Within 3 banking days.", SHOP, history)
    assert {"approved", "when"} <= met(result)
    approved = next(kp for kp in result.details["key_points"] if kp["id"] == "approved")
    assert approved["earlier"] is True and approved["evidence"] is None


def test_a_turn_adds_its_own_key_points() -> None:
    """The reply to a scenario turn is judged on that turn's points as well."""
    history = (HistoryMessage("customer", "Where is my money?"), HistoryMessage("agent", "Let me check."),
               HistoryMessage("customer", "Why did it take so long?"))
    with_cause = grade("It was held in a customs check, sorry.", SHOP, history)
    without = grade("Sorry about that.", SHOP, history)
    cause = next(kp for kp in with_cause.details["key_points"] if kp["id"] == "cause")
    assert cause["met"] and cause["turn"] == "why" and with_cause.score > without.score


def test_an_open_point_costs_less_in_a_follow_up_than_in_the_first_reply() -> None:
    """A follow-up answers the new message; the points it leaves open cost half their share."""
    history = (HistoryMessage("customer", "Hello?"), HistoryMessage("agent", "Hi, looking into it."),
               HistoryMessage("customer", "Any news?"))
    first = grade("Hi there.", SHOP)
    follow_up = grade("Hi there.", SHOP, history)
    assert follow_up.score > first.score


def test_a_wrong_time_names_the_right_one_from_the_points_description() -> None:
    """A wrong clock time is explained with the time the key point's description names."""
    result = grade("The money is back by 16:00 on Friday, within 3 banking days.", SHOP)
    (wrong,) = [f for f in result.findings if f.category == "wrong_amount"]
    assert wrong.params["found"] == "16:00" and "14:00" in wrong.params["expected"]


def test_a_value_set_off_by_commas_belongs_to_its_clause() -> None:
    """"Hyvitämme koko hinnan, 49,00 €, ..." offers that value, even though the facts mention it elsewhere."""
    gym = GYM.__class__(**{**GYM.__dict__, "key_points": (
        KeyPoint("refund", "Hyvittää koko jäsenmaksun, 59,00 €", any=("hyvittää",), numbers=("59,00 €",)),)})
    result = grade("Hyvitämme koko jäsenmaksun, 49,00 €, seuraavalla laskulla.", gym)
    assert [f.params["found"] for f in result.findings if f.category == "wrong_amount"] == ["49,00 €"]
