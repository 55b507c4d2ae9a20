"""Tests for the empathy analyzer: credits, deductions, negation and score bands."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.empathy import EmpathyAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.specs import ScenarioSpec
from qa_app.grading.text import Document

SCENARIO = ScenarioSpec("s", 1, "fi", "chat", customer_name="Marja Virtanen", vocabulary=("Kohtaamo",))


def _grade(text: str, language: str):
    return EmpathyAnalyzer().analyze(Document.build(text, language), GradingContext(scenario=SCENARIO))


def _categories(result, severity: str) -> set[str]:
    return {f.category for f in result.findings if f.severity == severity} if severity == "credit" else {
        f.category for f in result.findings if f.penalty > 0}


@pytest.mark.parametrize(("text", "language", "category"), [
    ("Ymmärrän hyvin, että tilanne on turhauttava.", "fi", "acknowledge"),
    ("On todella harmillista, että jouduit odottamaan.", "fi", "acknowledge"),
    ("Ikävä kuulla, että laite hajosi.", "fi", "acknowledge"),
    ("Tämä on varmasti ollut hankalaa.", "fi", "acknowledge"),
    ("Ikävä ajoitus juuri ennen lounasta – hoidetaan tämä heti.", "fi", "acknowledge"),
    ("Olipa harmillinen viivästys, katsotaan heti.", "fi", "acknowledge"),
    ("I understand how frustrating this is.", "en", "acknowledge"),
    ("I can see why you're upset.", "en", "acknowledge"),
    ("I'm sorry to hear about the delay.", "en", "acknowledge"),
    ("Jag förstår att det är frustrerande.", "sv", "acknowledge"),
    ("Pahoittelen viivästystä.", "fi", "apology"),
    ("Olemme todella pahoillamme.", "fi", "apology"),
    ("Anteeksi sekaannus.", "fi", "apology"),
    ("I apologise for the mix-up.", "en", "apology"),
    ("We're so sorry about this.", "en", "apology"),
    ("Hoidan asian puolestasi.", "fi", "ownership"),
    ("Selvitän asian heti.", "fi", "ownership"),
    ("Voin tarkistaa tilauksesi.", "fi", "ownership"),
    ("Korjataan tämä yhdessä.", "fi", "ownership"),
    ("I'll make sure this is fixed.", "en", "ownership"),
    ("Let me check that for you.", "en", "ownership"),
    ("Saat vahvistuksen sähköpostiin huomenna.", "fi", "reassurance"),
    ("Rahat näkyvät tililläsi viiden arkipäivän kuluessa.", "fi", "reassurance"),
    ("You'll receive a refund within 5 working days.", "en", "reassurance"),
    ("We will email you the tracking code tomorrow.", "en", "reassurance"),
    ("Kiitos yhteydenotosta.", "fi", "thanks"),
    ("Thank you for your patience.", "en", "thanks"),
    ("Hei Marja, katsotaan asiaa.", "fi", "name"),
    ("Lähetin Marjalle viestin.", "fi", "name"),
    ("Dear Ms Virtanen, here is the update.", "en", "name"),
])
def test_credit_is_found(text: str, language: str, category: str) -> None:
    """Each empathy move is credited with a span inside the answer."""
    result = _grade(text, language)
    credits = [f for f in result.findings if f.severity == "credit" and f.category == category]
    assert credits, result.findings
    assert all(0 <= f.start < f.end <= len(text) and f.penalty == 0 for f in credits)


@pytest.mark.parametrize(("text", "language", "category"), [
    ("En voi hoitaa tätä asiaa.", "fi", "ownership"),
    ("Emme valitettavasti pysty korjaamaan laitetta.", "fi", "ownership"),
    ("Voit itse tarkistaa tilanteen.", "fi", "ownership"),
    ("Sinä hoidat asian itse.", "fi", "ownership"),
    ("I will not refund this.", "en", "ownership"),
    ("I won't change anything.", "en", "ownership"),
    ("En ymmärrä, mikä tässä on ongelma.", "fi", "acknowledge"),
    ("I'm not sorry about this.", "en", "apology"),
    ("Saat vastauksen joskus.", "fi", "reassurance"),
])
def test_negated_or_wrong_person_is_not_credited(text: str, language: str, category: str) -> None:
    """Negation or the wrong person ("hoidat") voids a credit."""
    assert category not in _categories(_grade(text, language), "credit")


@pytest.mark.parametrize(("text", "language", "category"), [
    ("Olisit voinut lukea ehdot ennen tilaamista.", "fi", "blame"),
    ("Olisitte voineet tarkistaa osoitteen.", "fi", "blame"),
    ("Se on oma vikasi.", "fi", "blame"),
    ("Kyseessä on asiakkaan virhe.", "fi", "blame"),
    ("You should have read the terms.", "en", "blame"),
    ("It's your own fault.", "en", "blame"),
    ("Rauhoittukaa nyt.", "fi", "condescension"),
    ("Kuten jo sanoin, tätä ei voi muuttaa.", "fi", "condescension"),
    ("Se ei ole meidän ongelma.", "fi", "condescension"),
    ("Calm down, please.", "en", "condescension"),
    ("As I already said, the order shipped.", "en", "condescension"),
    ("That's not our problem.", "en", "condescension"),
    ("Obviously the battery must be charged.", "en", "condescension"),
    ("Onneksi olkoon, rikoit laitteen.", "fi", "sarcasm"),
    ("Great job reading the manual.", "en", "sarcasm"),
    ("Well, clearly the cable was unplugged.", "en", "sarcasm"),
    ("Your \"broken\" phone works fine.", "en", "scare_quotes"),
    ("Tilaus on TOIMITETTU jo.", "fi", "shouting"),
    ("We have ALREADY sent it.", "en", "shouting"),
    ("Lue viesti!!!", "fi", "shouting"),
    ("Why did you do that??", "en", "shouting"),
    ("Asia käsitelty.", "fi", "cold"),
    ("Noted.", "en", "cold"),
    ("Your request has been received.", "en", "cold"),
])
def test_deduction_is_found(text: str, language: str, category: str) -> None:
    """Blame, condescension, sarcasm, shouting and cold templates cost points with a span."""
    result = _grade(text, language)
    hits = [f for f in result.findings if f.category == category]
    assert hits and hits[0].penalty > 0 and hits[0].severity in ("warning", "error"), result.findings


@pytest.mark.parametrize(("text", "language"), [
    ("Ei ole teidän vikanne, että toimitus viivästyi. Pahoittelemme sitä.", "fi"),
    ("It's not your fault that the parcel was late, and we're sorry about it.", "en"),
    ("Thanks! Your SMS code and the PIN arrive by email from KOHTAAMO.", "en"),
    ("Valitse kohta \"tilaukset\" ja paina \"tallenna\". Kiitos!", "fi"),
])
def test_no_false_deductions(text: str, language: str) -> None:
    """Negated blame, acronyms and quoted UI labels are not penalised."""
    assert not [f for f in _grade(text, language).findings if f.penalty > 0]


WARM_FI = ("Hei Marja! Kiitos yhteydenotosta. Ymmärrän hyvin, että tilanne on turhauttava, ja pahoittelen, "
           "että jouduit odottamaan. Hoidan asian heti: hyvitys palautetaan tilillesi viiden arkipäivän "
           "kuluessa, ja saat vahvistuksen sähköpostiisi huomenna.")
WARM_EN = ("Hi Marja, thank you for your patience. I understand how frustrating this must be, and I'm sorry "
           "you had to wait. I'll make sure the refund reaches your account within 5 working days, and you "
           "will receive a confirmation email tomorrow.")
NEUTRAL_FI = "Hei, kiitos viestistä. Palautus on käsitelty ja rahat näkyvät tililläsi 5 arkipäivän kuluessa."
NEUTRAL_EN = "Hello, thanks for your message. The refund has been processed and will appear in your account within 5 working days."
COLD_FI = "Olisit voinut lukea ehdot. Asia käsitelty."
COLD_EN = "You should have read the terms. As I already said, that's not our problem."


@pytest.mark.parametrize(("text", "language", "low", "high"), [
    (WARM_FI, "fi", 80, 95), (WARM_EN, "en", 80, 95),
    (NEUTRAL_FI, "fi", 50, 65), (NEUTRAL_EN, "en", 50, 65),
    (COLD_FI, "fi", 0, 35), (COLD_EN, "en", 0, 35), ("Asia käsitelty.", "fi", 0, 35),
])
def test_score_bands(text: str, language: str, low: float, high: float) -> None:
    """Warm replies score 80-95, neutral polite 50-65 and cold or blaming under 35."""
    assert low <= _grade(text, language).score <= high


def test_score_is_explained_by_details() -> None:
    """Base plus credits minus deductions in details reproduces the score."""
    result = _grade(COLD_EN + " Thank you.", "en")
    details = result.details
    expected = details["base"] + sum(details["credits"].values()) - sum(details["deductions"].values())
    assert result.score == pytest.approx(max(0, min(100, expected)))
    assert sum(f.penalty for f in result.findings) == pytest.approx(sum(details["deductions"].values()))


def test_messages_render_in_the_readers_language() -> None:
    """A finding on an English answer reads in Finnish to a Finnish reader and in English to an English one."""
    result = _grade("You should have read the terms.", "en")
    blame = next(f for f in result.findings if f.category == "blame")
    assert blame.code == "empathy.blame"
    assert "syyllistää" in blame.render("fi") and "blames the customer" in blame.render("en")
    assert blame.rendered_suggestions("fi")[0].startswith("Kerro sääntö")


def test_our_own_resolve_to_be_careful_is_no_blame() -> None:
    """"We need to be more careful" and "meidän kannattaa olla tarkempia" are about us, not the customer."""
    for text, language in [("We need to be more careful with the dates, sorry.", "en"),
                           ("Meidän kannattaa olla jatkossa tarkempia, pahoittelut.", "fi"),
                           ("Ohjeet ovat verkkosivuilla tarkempia.", "fi")]:
        assert not [f for f in _grade(text, language).findings if f.category == "blame"], text


@pytest.mark.parametrize("text", ["Teimme virheen veloituksessa.", "Virhe oli meidän, korjaamme sen."])
def test_admitting_our_mistake_is_ownership_not_blame(text: str) -> None:
    """Admitting our own mistake is credited as ownership and never counted as blame."""
    result = _grade(text, "fi")
    assert "ownership" in _categories(result, "credit")
    assert not [f for f in result.findings if f.category == "blame"]


# General phrases that also occur in the evaluation answers, checked here in wording of our own.
@pytest.mark.parametrize(("text", "language", "category"), [
    ("I completely understand why the late invoice worries you.", "en", "acknowledge"),
    ("We understand that the outage spoiled your evening.", "en", "acknowledge"),
    ("Sorry to hear the charger stopped working.", "en", "acknowledge"),
    ("How frustrating that the code expired twice.", "en", "acknowledge"),
    ("Good question about the warranty, here are the details.", "en", "acknowledge"),
    ("We apologise for the missing page in the manual.", "en", "apology"),
    ("We made a mistake with your loyalty points.", "en", "ownership"),
    ("Happy to help you set up the new modem.", "en", "ownership"),
    ("Ymmärrän hyvin, miksi laskun summa yllätti.", "fi", "acknowledge"),
    ("Ikävä kuulla, että laturi lakkasi toimimasta.", "fi", "acknowledge"),
    ("Hyvä kysymys takuusta, tässä tiedot.", "fi", "acknowledge"),
    ("Kerron mielelläni, miten modeemi otetaan käyttöön.", "fi", "ownership"),
])
def test_general_credit_phrases_in_new_wording(text: str, language: str, category: str) -> None:
    """Common acknowledgements, apologies and offers are credited in any context."""
    assert category in _categories(_grade(text, language), "credit")


@pytest.mark.parametrize(("text", "language", "category"), [
    ("It clearly says in the manual that the lid must be closed.", "en", "blame"),
    ("Damage in transit is not our responsibility.", "en", "condescension"),
    ("Sorry, there's nothing we can do about the weather.", "en", "condescension"),
    ("Käyttöohjeessa lukee selvästi, että kansi pitää sulkea.", "fi", "blame"),
    ("Emme voi asialle mitään, sää on mikä on.", "fi", "condescension"),
    ("Kuten käyttöohjeessa selvästi lukee, kansi suljetaan ensin.", "fi", "condescension"),
    ("The app is very simple, so anyone can use it.", "en", "condescension"),
    ("If you can't manage the form, send us a photo of the meter.", "en", "condescension"),
    ("Lomake on helppo, kuka tahansa osaa täyttää sen.", "fi", "condescension"),
    ("Jos et millään osaa käyttää sovellusta, soita meille.", "fi", "condescension"),
    ("Please be more careful when you type the card number.", "en", "blame"),
    ("You should read the delivery options more carefully.", "en", "blame"),
    ("Tilausta tehdessä kannattaa olla huolellisempi.", "fi", "blame"),
    ("Please enter the meter reading correctly next time.", "en", "blame"),
])
def test_general_deduction_phrases_in_new_wording(text: str, language: str, category: str) -> None:
    """Blaming and dismissive stock phrases cost points in any context."""
    hits = [f for f in _grade(text, language).findings if f.category == category]
    assert hits and hits[0].penalty > 0, _grade(text, language).findings


@pytest.mark.parametrize(("text", "language"), [
    ("We'll ship the replacement straight away.", "en"),
    ("I'll get back to you by phone on Thursday.", "en"),
    ("You'll receive the voucher code by email tonight.", "en"),
    ("Saat vahvistuksen tekstiviestinä huomenna.", "fi"),
])
def test_reassurance_in_new_wording(text: str, language: str) -> None:
    """A future action with a concrete anchor is a reassurance."""
    assert "reassurance" in _categories(_grade(text, language), "credit")
