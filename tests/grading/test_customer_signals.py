"""Escalation and negative-tone phrases in a customer's words, in Finnish, English and Swedish."""

from __future__ import annotations

import pytest

from qa_app.grading.customer_signals import escalation_phrase, negative_phrase


@pytest.mark.parametrize(("language", "text"), [
    ("fi", "Haluan puhua esihenkilöllenne tästä."),
    ("fi", "Teen tästä reklamaation."),
    ("fi", "Jos tämä ei korjaannu, irtisanon sopimuksen."),
    ("fi", "Vien asian kuluttajaneuvontaan."),
    ("en", "I want to speak to your manager."),
    ("en", "I will file a complaint about this."),
    ("en", "Please cancel my account, I'm switching to another provider."),
    ("sv", "Jag vill prata med din chef."),
    ("sv", "Jag kommer att säga upp mitt abonnemang."),
])
def test_escalations_are_found(language, text):
    """Asking for a manager, threatening a complaint or leaving is an escalation."""
    assert escalation_phrase([text], language) is not None


@pytest.mark.parametrize(("language", "text"), [
    ("fi", "Valitettavasti paketti myöhästyi, mutta kiitos avusta."),
    ("fi", "Voisitteko tarkistaa laskuni oikeutuksen?"),
    ("en", "Thanks, that solved it. Have a nice day!"),
    ("sv", "Tack för hjälpen, det fungerar nu."),
])
def test_ordinary_messages_are_not_escalations(language, text):
    """'Valitettavasti' (unfortunately) and thanks are not escalations."""
    assert escalation_phrase([text], language) is None


@pytest.mark.parametrize(("language", "text", "negative"), [
    ("fi", "Olen todella pettynyt palveluunne.", True),
    ("fi", "Tämä on jo kolmatta kertaa sama vika.", True),
    ("fi", "Kiitos nopeasta vastauksesta!", False),
    ("en", "This is ridiculous, I'm fed up.", True),
    ("en", "Great, thanks for the quick answer.", False),
    ("sv", "Jag är mycket besviken.", True),
    ("sv", "Tack så mycket.", False),
    (None, "THIS IS NOT OK AT ALL", True),
])
def test_negative_tone(language, text, negative):
    """Disappointment, anger and shouting are negative; thanks are not."""
    assert (negative_phrase([text], language) is not None) is negative
