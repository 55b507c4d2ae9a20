"""Tests for the accuracy analyzer: key points, wrong amounts and forbidden claims."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.accuracy import AccuracyAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.specs import ForbiddenClaim, KeyPoint, ScenarioSpec
from qa_app.grading.text import Document

FI = ScenarioSpec(
    id="lasku", version=1, language="fi", channel="chat",
    key_points=(
        KeyPoint("refund", "Hyvitys 5,18 €", any=("hyvittää", "hyvitys tilille"), numbers=("5,18 €",)),
        KeyPoint("time", "Viiden arkipäivän kuluessa", numbers=("5 arkipäivää",)),
        KeyPoint("guide", "Ohje sähköpostiin", any=("lähettää ohje sähköposti",)),
    ),
    forbidden=(ForbiddenClaim("discount", "Alennusta ei ole", any=("tarjota alennus", "antaa alennus", "saada alennus")),),
    facts_text="Puhelut maksavat 7 c/min. Hyvitys 5,18 € viiden arkipäivän kuluessa.",
)
EN = ScenarioSpec(
    id="bill", version=1, language="en", channel="email",
    key_points=(
        KeyPoint("refund", "Refund of 5.18 EUR", any=("refund to your account",), numbers=("5,18 €",)),
        KeyPoint("time", "Within five working days", numbers=("5 working days",)),
    ),
    forbidden=(ForbiddenClaim("discount", "No discount exists", any=("offer discount", "give discount", "get discount")),),
    facts_text="Calls cost 7 c/min.",
)


def _grade(text: str, scenario: ScenarioSpec | None, language: str):
    return AccuracyAnalyzer().analyze(Document.build(text, language), GradingContext(scenario=scenario))


def _met(result) -> dict[str, bool]:
    return {kp["id"]: kp["met"] for kp in result.details["key_points"]}


def test_not_applicable_without_scenario() -> None:
    """Without a scenario (or with nothing to check) the score is None."""
    assert _grade("Hei!", None, "fi").score is None
    assert _grade("Hei!", ScenarioSpec("x", 1, "fi", "chat"), "fi").score is None


@pytest.mark.parametrize("text", [
    "Hyvitämme summan.",
    "Hyvitys palautetaan tilillesi.",
    "Laskusi on hyvitetty.",
    "Olemme hyvittäneet maksun.",
    "Hyvitys tehdään tilille huomenna.",
    "Palautamme sinulle 5,18 euroa.",
    "Saat takaisin 5 euroa 18 senttiä.",
])
def test_finnish_key_point_met_by_inflected_phrase_or_number(text: str) -> None:
    """Inflected verb forms, reordered phrases and re-spelled amounts all meet the key point."""
    result = _grade(text, FI, "fi")
    assert _met(result)["refund"], result.details
    assert not result.details["wrong_amounts"]


@pytest.mark.parametrize("text", ["Emme hyvitä tätä.", "Hyvitystä ei voida tehdä."])
def test_negated_phrase_does_not_meet_key_point(text: str) -> None:
    """Saying the opposite ("emme hyvitä") does not meet the key point."""
    assert not _met(_grade(text, FI, "fi"))["refund"]


def test_all_points_met_scores_full_with_credits() -> None:
    """A complete answer scores 100 and each met key point is a credit with a span."""
    text = "Hyvitämme 5,18 € viiden arkipäivän kuluessa. Lähetämme ohjeet sähköpostiisi."
    result = _grade(text, FI, "fi")
    assert result.score == 100
    credits = [f for f in result.findings if f.severity == "credit"]
    assert len(credits) == 3
    assert all(0 <= f.start < f.end <= len(text) for f in credits)


def test_missing_points_lower_score_and_are_findings_at_zero() -> None:
    """Each missed key point costs its share and is a zero-length warning at offset 0."""
    result = _grade("Hyvitämme summan.", FI, "fi")
    assert result.score == pytest.approx(33.3, abs=0.1)
    misses = [f for f in result.findings if f.rule.startswith("missing:")]
    assert {f.rule for f in misses} == {"missing:time", "missing:guide"}
    assert all((f.start, f.end) == (0, 0) and f.penalty == pytest.approx(100 / 3) for f in misses)


@pytest.mark.parametrize(("text", "language", "scenario", "wrong"), [
    ("Hyvitämme 5,00 € tilillesi.", "fi", FI, "5,00 €"),
    ("Hyvitys on 4,18 euroa.", "fi", FI, "4,18 euroa"),
    ("We will refund 5.80 EUR to your account.", "en", EN, "5.80 EUR"),
    ("The refund arrives within 10 working days.", "en", EN, "10 working days"),
    ("Hyvitys tulee 14 päivän kuluessa.", "fi", FI, "14 päivän"),
])
def test_wrong_amount_is_an_error(text: str, language: str, scenario: ScenarioSpec, wrong: str) -> None:
    """A same-unit quantity with another value is flagged as a wrong amount on its span."""
    result = _grade(text, scenario, language)
    errors = [f for f in result.findings if f.category == "wrong_amount"]
    assert [text[f.start:f.end] for f in errors] == [wrong]
    assert errors[0].severity == "error" and errors[0].penalty > 0


@pytest.mark.parametrize("text", [
    "Hyvitämme 5,18 €. Puhelut maksavat 7 c/min.",
    "Hyvitämme 5,18 €. Tilausnumerosi on 123456 ja soitamme klo 14.30 numeroon 040 123 4567.",
    "Hyvitämme 5,18 € 15.3.2025 mennessä.",
])
def test_facts_dates_times_and_ids_are_not_wrong_amounts(text: str) -> None:
    """Numbers from the facts, dates, times, phone and order numbers are never wrong amounts."""
    assert not _grade(text, FI, "fi").details["wrong_amounts"]


@pytest.mark.parametrize(("text", "language", "scenario"), [
    ("Voimme tarjota sinulle alennuksen.", "fi", FI),
    ("Annamme teille alennusta ensi kuussa.", "fi", FI),
    ("Saat alennuksen seuraavasta laskusta.", "fi", FI),
    ("We can offer you a discount.", "en", EN),
    ("I'll give you a discount on the next bill.", "en", EN),
])
def test_forbidden_claim_is_flagged(text: str, language: str, scenario: ScenarioSpec) -> None:
    """A forbidden claim is an error finding with rule forbidden:<id> on the matched span."""
    result = _grade(text, scenario, language)
    hits = [f for f in result.findings if f.category == "forbidden"]
    assert len(hits) == 1 and hits[0].rule == "forbidden:discount" and hits[0].severity == "error"
    assert hits[0].end > hits[0].start
    assert result.details["forbidden"][0]["found"]


@pytest.mark.parametrize(("text", "language", "scenario"), [
    ("Emme voi tarjota alennusta.", "fi", FI),
    ("Valitettavasti alennusta ei voida antaa.", "fi", FI),
    ("Alennusta emme valitettavasti pysty tarjoamaan.", "fi", FI),
    ("Et voi saada alennusta tästä.", "fi", FI),
    ("We can't offer a discount.", "en", EN),
    ("We cannot offer any discount.", "en", EN),
    ("Unfortunately we are unable to offer a discount.", "en", EN),
    ("We do not give discounts on this plan.", "en", EN),
])
def test_negated_forbidden_claim_is_not_flagged(text: str, language: str, scenario: ScenarioSpec) -> None:
    """Refusing the forbidden thing is correct and not a forbidden claim."""
    result = _grade(text, scenario, language)
    assert not [f for f in result.findings if f.category == "forbidden"]


def test_negation_in_other_clause_does_not_hide_claim() -> None:
    """A negation before "mutta" belongs to another clause, so the claim still counts."""
    result = _grade("Emme voi hyvittää laskua, mutta voimme tarjota alennuksen.", FI, "fi")
    assert result.details["forbidden"][0]["found"]


def test_forbidden_claim_and_wrong_amount_reduce_score() -> None:
    """Penalties for wrong amounts and forbidden claims are subtracted and the score is clamped at 0."""
    result = _grade("Hyvitämme 5,00 € ja tarjoamme alennuksen.", FI, "fi")
    assert result.score == 0


def test_messages_render_in_the_readers_language_with_content_text_kept() -> None:
    """A finding is shown in the reader's language; the scenario's own words stay as written."""
    doc = Document.build("We can offer you a discount.", "en")
    result = AccuracyAnalyzer().analyze(doc, GradingContext(scenario=EN))
    forbidden = next(f for f in result.findings if f.category == "forbidden")
    assert forbidden.code == "accuracy.forbidden" and forbidden.has_content_text()
    assert forbidden.render("fi").startswith("Älä") and forbidden.render("en").startswith("Do not claim")
    claim = forbidden.params["say"]
    assert claim in forbidden.render("fi") and claim in forbidden.render("en")


def test_near_miss_amount_is_wrong_even_beside_correct_one() -> None:
    """An amount close to a known fact but different is wrong even when the right amount also appears."""
    delivery = ScenarioSpec(
        id="toimitus", version=1, language="fi", channel="chat",
        key_points=(KeyPoint("fee_back", "Toimitusmaksu 7,90 € palautetaan", any=("palauttaa toimitusmaksu",),
                             numbers=("7,90 €",)),),
        facts_text="Toimitusmaksu on 7,90 €.",
    )
    text = "Toimitusmaksu oli 7,90 €, joten palautamme kortillesi 9,70 €."
    result = _grade(text, delivery, "fi")
    assert [text[f.start:f.end] for f in result.findings if f.category == "wrong_amount"] == ["9,70 €"]


def test_computed_total_far_from_facts_is_not_wrong() -> None:
    """A derived amount far from every known amount (twice the fee) is not flagged."""
    result = _grade("Hyvitämme 5,18 €, eli kahdelta kuukaudelta yhteensä 10,36 €.", FI, "fi")
    assert not result.details["wrong_amounts"]


FREE_EN = ScenarioSpec(
    id="swap", version=1, language="en", channel="email",
    key_points=(
        KeyPoint("free-swap", "Says the size exchange is free of charge", any=("free exchange", "no charge")),
        KeyPoint("price", "The jacket stays at 89.00 EUR", numbers=("89,00 €",)),
    ),
    facts_text="Exchanges are free. The jacket costs 89.00 EUR.",
)
FREE_FI = ScenarioSpec(
    id="vaihto", version=1, language="fi", channel="email",
    key_points=(
        KeyPoint("maksuton", "Kertoo, että kokovaihto on maksuton", any=("maksuton vaihto", "vaihto on maksuton")),
        KeyPoint("hinta", "Takin hinta 89,00 €", numbers=("89,00 €",)),
    ),
    facts_text="Vaihto on maksuton. Takki maksaa 89,00 €.",
)


@pytest.mark.parametrize(("scenario", "language", "text", "found"), [
    (FREE_EN, "en", "We can swap the jacket for a size L, and the exchange costs a handling fee of €6.50. "
                    "The jacket stays at €89.00.", "€6.50"),
    (FREE_FI, "fi", "Voimme vaihtaa takin kokoon L 6,50 €:n käsittelymaksua vastaan. Takin hinta on 89,00 €.",
     "6,50 €"),
])
def test_a_charge_where_the_facts_say_free_is_a_wrong_fact(scenario: ScenarioSpec, language: str, text: str,
                                                          found: str) -> None:
    """An amount named as a charge, which the scenario does not have, contradicts a point that says free."""
    result = _grade(text, scenario, language)
    wrong = [f for f in result.findings if f.category == "wrong_amount"]
    assert [text[f.start:f.end] for f in wrong] == [found]
    assert wrong[0].code == "accuracy.fee_for_free" and wrong[0].penalty > 0


@pytest.mark.parametrize(("scenario", "language", "text"), [
    (FREE_EN, "en", "The exchange is free of charge, and the jacket stays at €89.00."),
    (FREE_EN, "en", "The exchange is free and the jacket stays at €89.00. We refund the €6.50 postage you paid."),
    (FREE_FI, "fi", "Vaihto on maksuton, ja takin hinta on 89,00 €."),
    (FREE_FI, "fi", "Vaihto on maksuton, ja takin hinta on 89,00 €. Hyvitämme maksamasi 6,50 €:n postikulut."),
])
def test_free_point_with_known_or_refunded_amounts_passes(scenario: ScenarioSpec, language: str, text: str) -> None:
    """A known amount, or money that goes back to the customer, is no charge."""
    result = _grade(text, scenario, language)
    assert not [f for f in result.findings if f.category == "wrong_amount"]
