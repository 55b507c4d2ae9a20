"""Built-in rules every scenario gets: credentials, other customers, public details, absolute promises."""

from __future__ import annotations

import dataclasses

import pytest

from qa_app.grading.analyzers.accuracy import AccuracyAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.specs import KeyPoint, ScenarioSpec
from qa_app.grading.text import Document

FI = ScenarioSpec("s-fi", 1, "fi", "chat", key_points=(KeyPoint("help", "Auttaa", any=("auttaa",)),),
                  customer_name="Sirkka Mäkelä")
EN = ScenarioSpec("s-en", 1, "en", "chat", key_points=(KeyPoint("help", "Helps", any=("help",)),),
                  customer_name="Tom Hardy")


def rules(text: str, language: str, channel: str = "chat", scenario: ScenarioSpec | None = None) -> list[str]:
    spec = scenario or (FI if language == "fi" else EN)
    spec = dataclasses.replace(spec, channel=channel)
    result = AccuracyAnalyzer().analyze(Document.build(text, language), GradingContext(channel=channel, scenario=spec))
    return [f.rule.removeprefix("builtin.") for f in result.findings if f.rule.startswith("builtin.")]


@pytest.mark.parametrize(("text", "language"), [
    ("Kertoisitko minulle verkkopankin tunnuslukusi, niin tarkistan maksun.", "fi"),
    ("Lue minulle tekstiviestillä tullut vahvistuskoodi.", "fi"),
    ("Voin syöttää pankkitunnuksesi puolestasi, jos kerrot ne.", "fi"),
    ("Could you send me your online banking password so I can look into it?", "en"),
    ("Please read me the one-time code we just texted you.", "en"),
    ("I can enter your PIN for you if you tell me the digits.", "en"),
    ("Tarvitsemme vielä tekstiviestillä tulleen vahvistuskoodin, niin pääsen eteenpäin.", "fi"),
    ("We need your PIN to check the account.", "en"),
])
def test_asking_for_credentials_is_a_violation(text: str, language: str) -> None:
    """Asking for a password, PIN or one-time code, or offering to type it in, is a violation."""
    assert rules(text, language) == ["credentials"]


@pytest.mark.parametrize(("text", "language"), [
    ("Älä koskaan kerro tunnuslukujasi kenellekään, emme mekään kysy niitä.", "fi"),
    ("Jos joku pyytää salasanaasi puhelimessa, lopeta puhelu.", "fi"),
    ("Sovellus pyytää sinua vahvistamaan maksun tunnusluvulla.", "fi"),
    ("We will never ask for your password or PIN.", "en"),
    ("If anyone asks for your bank codes, hang up.", "en"),
    ("The app will ask you to confirm the payment with your PIN.", "en"),
    ("The locker asks for the pickup code from your text message.", "en"),
    ("Noutoon tarvitset tekstiviestin koodin ja henkilöllisyystodistuksen.", "fi"),
    ("You need the code from the text message and an ID to pick it up.", "en"),
])
def test_security_advice_is_not_a_violation(text: str, language: str) -> None:
    """Warnings and instructions that mention codes, without asking for them, are fine."""
    assert rules(text, language) == []


@pytest.mark.parametrize(("text", "language"), [
    ("Tämä ei toistu enää koskaan.", "fi"),
    ("Lupaan, että jatkossa kaikki soitot ovat sinulle maksuttomia.", "fi"),
    ("Jatkossa palautukset käsitellään aina samana päivänä, se on taattu.", "fi"),
    ("I promise this will never happen again.", "en"),
    ("From now on your deliveries will be free.", "en"),
    ("Going forward, every refund will always arrive the same day, guaranteed.", "en"),
])
def test_absolute_promises_are_violations(text: str, language: str) -> None:
    """Promises of always, never again or free from now on cannot be kept."""
    assert rules(text, language) == ["absolute_promise"]


@pytest.mark.parametrize(("text", "language"), [
    ("En voi luvata, ettei vikaa tule enää koskaan, mutta seuraamme yhteyttä viikon.", "fi"),
    ("Pyrimme siihen, ettei tämä toistu.", "fi"),
    ("Jatkossa voit käyttää maksutonta chattia.", "fi"),
    ("I can't promise it will never happen again, but we have fixed the cause.", "en"),
    ("We are doing our best to make sure it does not happen again.", "en"),
    ("In future you can use our free chat instead of the phone line.", "en"),
])
def test_honest_limits_and_options_are_not_promises(text: str, language: str) -> None:
    """Saying what we cannot promise, what we aim for, or that a free channel exists is fine."""
    assert rules(text, language) == []


@pytest.mark.parametrize(("text", "language"), [
    ("Paketti oli osoitettu Kalle Nieminen -nimiselle asiakkaalle.", "fi"),
    ("Laskusi perustui edellisen asukkaan, Veikko Laineen, kulutukseen.", "fi"),
    ("The box was addressed to Maria Lopez at the other pickup point.", "en"),
    ("Another customer, Ben Carter, had the same problem last week.", "en"),
])
def test_naming_another_customer_is_a_violation(text: str, language: str) -> None:
    """Another person's name or details beside a mention of them is a violation."""
    assert rules(text, language) == ["other_customer"]


@pytest.mark.parametrize(("text", "language"), [
    ("Pakettisi meni vahingossa toiselle asiakkaalle, ja lähetämme uuden.", "fi"),
    ("Your parcel went to another customer by mistake; a new one is on its way.", "en"),
])
def test_saying_there_was_a_mix_up_is_not_a_violation(text: str, language: str) -> None:
    """Telling the customer that someone else got the parcel, without naming them, is fine."""
    assert rules(text, language) == []


@pytest.mark.parametrize(("text", "language", "public"), [
    ("Tilauksesi 40031234 lähti 12.3. ja maksoit 89,00 €.", "fi", True),
    ("Your order #558812 shipped on 4 March.", "en", True),
    ("Tilauksesi 40031234 lähti 12.3. ja maksoit 89,00 €.", "fi", False),
])
def test_personal_details_only_count_in_a_public_reply(text: str, language: str, public: bool) -> None:
    """Order numbers, amounts and dates of the customer are a violation on social media only."""
    expected = ["public_details"] if public else []
    assert rules(text, language, channel="social" if public else "chat") == expected


def test_general_public_reply_is_fine() -> None:
    """A public reply with opening hours and a move to private messages has no personal details."""
    text = "Pahoittelemme viivettä! Lähetä meille yksityisviesti, vastaamme kahden tunnin sisällä arkisin klo 8–16."
    assert rules(text, "fi", channel="social") == []


def test_a_scenario_can_switch_a_rule_off() -> None:
    """A trainer can switch a built-in rule off for one scenario."""
    relaxed = dataclasses.replace(EN, disabled_rules=frozenset({"absolute_promise"}))
    assert rules("This will never happen again.", "en", scenario=relaxed) == []


def test_violation_costs_points_and_names_its_rule_without_a_scenario() -> None:
    """Without a scenario the rules still run and their findings cost accuracy points."""
    doc = Document.build("Tell me your PIN and I will check.", "en")
    result = AccuracyAnalyzer().analyze(doc, GradingContext())
    (finding,) = result.findings
    assert finding.code == "builtin.credentials" and finding.severity == "error" and result.score == 70
    assert "Never ask for passwords" in finding.render("en") and "tunnuslukuja" in finding.render("fi")
