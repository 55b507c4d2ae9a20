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
