"""Tests for the clarity analyzer."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.clarity import ClarityAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document

PLAIN_EN = ("Hi Jukka, thanks for your message. I checked your account and you were charged twice. "
            "I have refunded the extra 24,90 € and you will see it within 3 working days. Sorry for the trouble!")
PLAIN_FI = ("Hei Matti! Kiitos viestistäsi. Tarkistin tilisi, ja maaliskuun lasku oli veloitettu kahdesti. "
            "Palautin ylimääräisen 24,90 € tilillesi. Näet sen parin arkipäivän kuluessa. Pahoittelen vaivaa!")


@pytest.fixture(scope="module")
def clarity() -> ClarityAnalyzer:
    return ClarityAnalyzer()


def grade(clarity: ClarityAnalyzer, text: str, language: str, channel: str = "chat"):
    return clarity.analyze(Document.build(text, language), GradingContext(channel))


def rules(result) -> set[str]:
    return {f.rule for f in result.findings if f.penalty}


@pytest.mark.parametrize("text, language", [(PLAIN_EN, "en"), (PLAIN_FI, "fi")])
def test_plain_replies_score_high(clarity: ClarityAnalyzer, text: str, language: str) -> None:
    """Plain, short replies lose no points."""
    assert grade(clarity, text, language).score == 100


def test_jargon_filler_and_long_sentence_are_found(clarity: ClarityAnalyzer) -> None:
    """Internal jargon, filler and a very long sentence each cost points."""
    text = ("Basically your ticket has been escalated to tier 2 as per our SLA and the team will handle it when "
            "the batch job has been completed which is expected to happen within the timeframe that was agreed.")
    result = grade(clarity, text, "en")
    assert {"clarity.jargon", "clarity.filler", "clarity.long_sentence"} <= rules(result)
    assert result.score == pytest.approx(100 - sum(f.penalty for f in result.findings))


def test_finnish_jargon_matches_inflected_forms(clarity: ClarityAnalyzer) -> None:
    """Finnish jargon is found through base forms ("tikettisi" -> "tiketti")."""
    text = "Tikettisi on eskaloitu eteenpäin. Palaamme asiaan huomenna."
    hits = {text[f.start:f.end] for f in grade(clarity, text, "fi").findings if f.rule == "clarity.jargon"}
    assert hits == {"Tikettisi", "eskaloitu"}


def test_light_finnish_passive_is_not_penalised(clarity: ClarityAnalyzer) -> None:
    """Polite Finnish passive in one sentence of several is normal."""
    text = "Kiitos viestistäsi. Lasku korjataan huomenna. Saat uuden laskun sähköpostiisi. Pahoittelen vaivaa."
    assert "clarity.passive" not in rules(grade(clarity, text, "fi"))


def test_channel_length_and_wall_of_text(clarity: ClarityAnalyzer) -> None:
    """A long single-paragraph email is a wall of text; the same text is too long for chat."""
    text = " ".join(["We have checked your order and it is on its way to you."] * 12)
    assert "clarity.wall_of_text" in rules(grade(clarity, text, "en", channel="email"))
    assert "clarity.too_long" in rules(grade(clarity, text, "en", channel="chat"))


@pytest.mark.parametrize("text, language, term", [
    ("The provisioning of your new line is still pending, so please wait a little.", "en", "provisioning"),
    ("Uuden liittymäsi provisiointi on vielä kesken.", "fi", "provisiointi"),
    ("We are working on the dunning run for overdue invoices this week.", "en", "dunning"),
    ("Your MSISDN stays the same after the change.", "en", "MSISDN"),
])
def test_general_trade_jargon_is_found(clarity: ClarityAnalyzer, text: str, language: str, term: str) -> None:
    """Internal trade terms customers do not know cost points wherever they appear."""
    result = grade(clarity, text, language)
    assert term in {text[f.start:f.end] for f in result.findings if f.rule == "clarity.jargon"}, result.findings


@pytest.mark.parametrize("text, language", [
    ("Your data allowance of 20 GB is used up, so the speed is slower until the 1st.", "en"),
    ("Your home insurance pays for the broken window after the €150 excess.", "en"),
    ("Datakiintiösi on käytetty, joten nopeus on hitaampi kuun loppuun asti.", "fi"),
    ("Kotivakuutuksesi korvaa rikkoutuneen ikkunan 150 euron omavastuun jälkeen.", "fi"),
])
def test_plain_telecom_and_insurance_words_are_not_jargon(clarity: ClarityAnalyzer, text: str, language: str) -> None:
    """Everyday words of the trade (allowance, excess, kiintiö, omavastuu) are not flagged as jargon."""
    assert "clarity.jargon" not in rules(grade(clarity, text, language))


@pytest.mark.parametrize(("text", "language", "term"), [
    ("Thanks for your patience. Your new router will be sent eventually.", "en", "eventually"),
    ("We have passed your complaint to the relevant department.", "en", "the relevant department"),
    ("The missing bonus points should appear on your account at a later date.", "en", "at a later date"),
    ("Välitin palautteesi oikealle taholle, ja asia käsitellään.", "fi", "oikealle taholle"),
    ("Laskusi korjataan myöhemmässä vaiheessa, kiitos kärsivällisyydestä.", "fi", "myöhemmässä vaiheessa"),
    ("Selvitämme viivästyksen syyn ja ryhdymme tarpeellisiin toimenpiteisiin.", "fi", "tarpeellisiin toimenpiteisiin"),
    ("The refund for your cancelled flight should reach you reasonably soon.", "en", "reasonably soon"),
    ("Our electrician will pop round to check the fuse box when we can.", "en", "when we can"),
    ("Sähkökatkon syy on vielä auki, ja seuraamme tilannetta.", "fi", "seuraamme tilannetta"),
    ("Lähetimme vikailmoituksen verkkoyhtiölle ja palaamme tarvittaessa.", "fi", "palaamme tarvittaessa"),
    ("Bus services are running late in certain areas tonight.", "en", "in certain areas"),
    ("New timetables will be out; keep an eye on our channels.", "en", "keep an eye on our channels"),
    ("Kuntosalin aukioloaikoihin voi tulla muutoksia joulun aikaan.", "fi", "voi tulla muutoksia"),
    ("Katkosta on vaikea arvioida, mutta tiedotamme kanavissamme.", "fi", "tiedotamme kanavissamme"),
])
def test_vague_promises_are_found(clarity: ClarityAnalyzer, text: str, language: str, term: str) -> None:
    """A next step without what, who or when costs clarity, and the finding quotes the words."""
    result = grade(clarity, text, language)
    vague = [f for f in result.findings if f.rule == "clarity.vague"]
    assert [text[f.start:f.end] for f in vague] == [term]
    assert vague[0].penalty > 0 and result.score < 100


@pytest.mark.parametrize(("text", "language"), [
    ("Your new router leaves our warehouse on Monday, and the courier brings it by Wednesday.", "en"),
    ("I have asked our billing team to correct the invoice; you will get the new one by 14 March.", "en"),
    ("Uusi reititin lähtee varastolta maanantaina, ja kuriiri tuo sen keskiviikkoon mennessä.", "fi"),
    ("Pyysin laskutustiimiä korjaamaan laskun, ja saat uuden laskun 14.3. mennessä.", "fi"),
])
def test_concrete_next_steps_are_not_vague(clarity: ClarityAnalyzer, text: str, language: str) -> None:
    assert "clarity.vague" not in rules(grade(clarity, text, language))


def test_vague_promises_are_capped(clarity: ClarityAnalyzer) -> None:
    """Many vague phrases cost at most the vague cap, like jargon and filler."""
    text = ("Eventually we will take appropriate action. At some point the relevant team will look at it, "
            "and sooner or later in due course it should be resolved soon, as and when possible.")
    vague = [f for f in grade(clarity, text, "en").findings if f.rule == "clarity.vague"]
    assert len(vague) >= 5
    assert sum(f.penalty for f in vague) == pytest.approx(12.0)


@pytest.mark.parametrize(("text", "language", "term"), [
    ("Hi Aino, for technical reasons some orders might be affected this week. More information will follow.",
     "en", "might be affected"),
    ("Hei Aino, teknisistä syistä osa tilauksista myöhästyy. Tiedotamme lisää myöhemmin.", "fi",
     "teknisistä syistä"),
    ("Hi Aino, we will send some kind of voucher in the coming days.", "en", "in the coming days"),
    ("Hei Aino, lähetämme hyvityksen mahdollisuuksien mukaan.", "fi", "mahdollisuuksien mukaan"),
    ("Hei Aino, saat jonkinlaisen hyvityksen.", "fi", "jonkinlaisen"),
])
def test_public_non_answers_are_vague(clarity: ClarityAnalyzer, text: str, language: str, term: str) -> None:
    """A statement that names no cause, service or time ("for technical reasons", "might be affected")."""
    hits = {text[f.start:f.end].lower() for f in grade(clarity, text, language).findings if f.rule == "clarity.vague"}
    assert term in hits
