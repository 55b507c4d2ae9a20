"""Tests for leaving the customer to do it alone, for blame that an if-clause only supposes, and
for the newer credit, blame and condescension phrases, in English and Finnish."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.empathy import EmpathyAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def empathy() -> EmpathyAnalyzer:
    return EmpathyAnalyzer()


def categories(empathy: EmpathyAnalyzer, text: str, language: str) -> set[str]:
    """Categories of the credits and of the deductions that cost points."""
    result = empathy.analyze(Document.build(text, language), GradingContext("chat"))
    return {f.category for f in result.findings if f.severity == "credit" or f.penalty > 0}


# ---------------------------------------------------------------- deflection

@pytest.mark.parametrize(("alone", "helped", "language"), [
    ("Hi Alex, you will have to sort this out yourself with the courier.",
     "Hi Alex, I will sort this out with the courier myself.", "en"),
    ("Hi Alex, please contact the courier yourself about the broken lamp.",
     "Hi Alex, I have contacted the courier about the broken lamp.", "en"),
    ("Hi Alex, we can't change it for you.", "Hi Alex, we can change it for you.", "en"),
    ("Hi Alex, changes must be made online.", "Hi Alex, I have made the change online.", "en"),
    ("Hei Aki, soita itse kuljetusliikkeeseen rikkinäisestä lampusta.",
     "Hei Aki, soitan itse kuljetusliikkeeseen rikkinäisestä lampusta.", "fi"),
    ("Hei Aki, joudut hoitamaan vaihdon itse.", "Hei Aki, hoidan vaihdon puolestasi.", "fi"),
    ("Hei Aki, ota itse yhteyttä kuljetusliikkeeseen.", "Hei Aki, otin itse yhteyttä kuljetusliikkeeseen.", "fi"),
    ("Hei Aki, emme voi muuttaa sitä puolestasi.", "Hei Aki, voimme muuttaa sen puolestasi.", "fi"),
])
def test_leaving_the_customer_alone_is_deflection(empathy, alone: str, helped: str, language: str) -> None:
    """Telling the customer to manage alone is deflection; doing it ourselves is not."""
    assert "deflection" in categories(empathy, alone, language)
    assert "deflection" not in categories(empathy, helped, language)


@pytest.mark.parametrize(("text", "language"), [
    ("Hi Alex, you can change it yourself in the app, or I can update it for you today.", "en"),
    ("Hei Aki, voit muuttaa sen itse sovelluksessa, tai voin päivittää sen puolestasi tänään.", "fi"),
])
def test_self_service_next_to_our_own_offer_is_no_deflection(empathy, text: str, language: str) -> None:
    """A reply that takes a step of its own may also point to self-service."""
    assert "deflection" not in categories(empathy, text, language)


@pytest.mark.parametrize(("offered", "told", "language"), [
    ("If you prefer, you can change it yourself in the app.", "You can change it yourself in the app.", "en"),
    ("Jos niin haluat, voit muuttaa sen itse sovelluksessa.", "Voit muuttaa sen itse sovelluksessa.", "fi"),
])
def test_an_option_after_if_is_no_deflection(empathy, offered: str, told: str, language: str) -> None:
    """"If you prefer, you can change it yourself" offers an option; the bare instruction deflects."""
    assert "deflection" not in categories(empathy, offered, language)
    assert "deflection" in categories(empathy, told, language)


@pytest.mark.parametrize(("with_step", "language"), [
    ("You can change it yourself in the app. You will get the 30 euros back on your card by Friday.", "en"),
    ("Voit muuttaa sen itse sovelluksessa. Saat 30 euroa takaisin kortillesi perjantaihin mennessä.", "fi"),
])
def test_a_promised_next_step_cancels_deflection(empathy, with_step: str, language: str) -> None:
    """When the reply promises what happens next, self-service is only part of the answer."""
    assert "deflection" not in categories(empathy, with_step, language)


# ---------------------------------------------------------------- blame, and blame only supposed

@pytest.mark.parametrize(("blaming", "supposing", "language"), [
    ("You typed the wrong card number, so the payment failed.",
     "If you typed the wrong card number, the payment may have failed.", "en"),
    ("Syötit väärän korttinumeron, joten maksu epäonnistui.",
     "Jos syötit väärän korttinumeron, maksu on voinut epäonnistua.", "fi"),
])
def test_a_slip_in_an_if_clause_is_no_blame(empathy, blaming: str, supposing: str, language: str) -> None:
    """Naming the customer's slip as fact blames; supposing it in an if-clause does not."""
    assert "blame" in categories(empathy, blaming, language)
    assert "blame" not in categories(empathy, supposing, language)


def test_a_phrase_that_is_itself_conditional_still_blames(empathy) -> None:
    """"Jos olisit lukenut" (if you had read) reproaches, whatever its "jos"."""
    assert "blame" in categories(empathy, "Jos olisit lukenut ehdot, tietäisit tämän.", "fi")


@pytest.mark.parametrize(("blaming", "neutral", "language"), [
    ("You forgot to add the postcode.", "The postcode was missing from the form, so I added it.", "en"),
    ("Next time please check the size chart before ordering.",
     "The size chart sits under the product photos.", "en"),
    ("In future, please make sure the size is right.", "The size guide is linked under each photo.", "en"),
    ("Olit unohtanut lisätä postinumeron.", "Lomakkeesta puuttui postinumero, joten lisäsin sen.", "fi"),
    ("Unohdit lisätä postinumeron.", "Postinumero puuttui, joten lisäsin sen.", "fi"),
    ("Jatkossa kannattaa lukea kokotaulukko ennen tilausta.", "Kokotaulukko löytyy tuotekuvien alta.", "fi"),
    ("Merkitsit väärän koon, joten paketti palautui.", "Merkitsimme väärän koon, joten paketti palautui.", "fi"),
])
def test_slips_and_lectures_are_blame(empathy, blaming: str, neutral: str, language: str) -> None:
    """The customer's slip told as their fault, or a lecture for next time, is blame."""
    assert "blame" in categories(empathy, blaming, language)
    assert "blame" not in categories(empathy, neutral, language)


def test_asking_whether_the_customer_forgot_is_no_blame(empathy) -> None:
    """"Unohditko salasanasi?" offers help, it does not reproach."""
    assert "blame" not in categories(empathy, "Unohditko salasanasi? Voin lähettää uuden.", "fi")


# ---------------------------------------------------------------- condescension

@pytest.mark.parametrize(("talking_down", "plain", "language"), [
    ("Most customers manage this themselves.", "Most customers receive the parts within a week.", "en"),
    ("Resetting the router is really easy.", "Resetting the router takes about two minutes.", "en"),
    ("Let me explain it slowly.", "Let me explain it step by step.", "en"),
    ("Moni asiakas osaa hoitaa tämän itse.", "Moni asiakas saa osat viikon sisällä.", "fi"),
    ("Reitittimen nollaus on todella helppoa.", "Reitittimen nollaus kestää noin kaksi minuuttia.", "fi"),
    ("Selitän sen oikein hitaasti.", "Selitän sen vaihe vaiheelta.", "fi"),
    ("Väännän tämän sinulle rautalangasta.", "Käyn tämän kanssasi läpi vaihe vaiheelta.", "fi"),
])
def test_talking_down_is_condescension(empathy, talking_down: str, plain: str, language: str) -> None:
    """Comparing with others who manage, calling it easy, or explaining as to a child talks down."""
    assert "condescension" in categories(empathy, talking_down, language)
    assert "condescension" not in categories(empathy, plain, language)


# ---------------------------------------------------------------- credits

@pytest.mark.parametrize(("warm", "neutral", "language"), [
    ("What a nuisance for you.", "What a quick reply.", "en"),
    ("Glad you are safe.", "Your data is safe.", "en"),
    ("I hope you are feeling better.", "I hope you are well.", "en"),
    ("Kurja tapaus!", "Tapaus on käsitelty.", "fi"),
    ("Kunhan olet kunnossa, se on tärkeintä.", "Tietosi ovat turvassa.", "fi"),
    ("Toivottavasti voit pian paremmin.", "Toivottavasti viesti tuli perille.", "fi"),
])
def test_concern_in_everyday_words_is_acknowledgement(empathy, warm: str, neutral: str, language: str) -> None:
    """Regret in everyday words and concern for the customer's safety acknowledge; pleasantries do not."""
    assert "acknowledge" in categories(empathy, warm, language)
    assert "acknowledge" not in categories(empathy, neutral, language)


@pytest.mark.parametrize(("ours", "theirs", "language"), [
    ("I've rebooked your table for 7 pm.", "You can rebook your table online.", "en"),
    ("We replaced the lamp yesterday.", "You can replace the lamp yourself.", "en"),
    ("Siirsin varauksesi kello 19:ään.", "Voit siirtää varauksesi verkossa.", "fi"),
    ("Pidensimme tilaustasi kuukaudella.", "Voit pidentää tilaustasi sovelluksessa.", "fi"),
])
def test_our_everyday_actions_are_ownership(empathy, ours: str, theirs: str, language: str) -> None:
    """What we did for the customer, in any tense, is ownership; what the customer may do is not."""
    assert "ownership" in categories(empathy, ours, language)
    assert "ownership" not in categories(empathy, theirs, language)


def test_finnish_infinitive_after_you_is_not_our_action(empathy) -> None:
    """"Voit korjata" (you can fix) is the infinitive, not the passive "(ei) korjata" of our own action."""
    assert "ownership" not in categories(empathy, "Voit korjata osoitteen sovelluksessa.", "fi")
    assert "ownership" in categories(empathy, "Korjaamme osoitteen.", "fi")


def test_finnish_adverb_actually_is_not_you_are_right(empathy) -> None:
    """"On oikeastaan" (is actually) shares a base form with "olet oikeassa" but acknowledges nothing."""
    assert "acknowledge" not in categories(empathy, "Tilanne on oikeastaan selvä.", "fi")
    assert "acknowledge" in categories(empathy, "Olet oikeassa, lasku oli väärä.", "fi")
