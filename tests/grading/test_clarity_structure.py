"""Tests for the clarity findings on how a reply is put together: stacked hedges, an answer kept
for the end, negatives inside negatives, Finnish clippings and vague conditions."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.clarity import ClarityAnalyzer
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def clarity() -> ClarityAnalyzer:
    return ClarityAnalyzer()


def flagged(clarity: ClarityAnalyzer, text: str, language: str, rule: str) -> list[str]:
    """The text of each finding of `rule` that costs points."""
    result = clarity.analyze(Document.build(text, language), GradingContext("chat"))
    return [text[f.start:f.end] for f in result.findings if f.rule == rule and f.penalty]


# ---------------------------------------------------------------- stacked hedges

@pytest.mark.parametrize(("hedged", "plain", "language"), [
    ("Hi Ruth, I guess the courier could probably deliver the sofa on Friday.",
     "Hi Ruth, the courier will probably deliver the sofa on Friday.", "en"),
    ("Hei Outi, kuriiri tuo sohvan luultavasti perjantaina, uskoisin.",
     "Hei Outi, kuriiri tuo sohvan luultavasti perjantaina.", "fi"),
])
def test_two_hedges_in_a_sentence_are_flagged_one_is_not(clarity, hedged: str, plain: str, language: str) -> None:
    """Two hedges in one sentence leave the customer unsure; a single one is honest caution."""
    assert len(flagged(clarity, hedged, language, "clarity.hedge")) == 2
    assert flagged(clarity, plain, language, "clarity.hedge") == []


@pytest.mark.parametrize(("four", "three", "language"), [
    ("Maybe the spare part arrives on Monday. Perhaps the fitter can come on Tuesday. "
     "It seems the fee remains unchanged. Probably we finish by Friday.",
     "Maybe the spare part arrives on Monday. Perhaps the fitter can come on Tuesday. "
     "The fee remains unchanged. Probably we finish by Friday.", "en"),
    ("Varaosa tulee ehkä maanantaina. Asentaja pääsee kenties tiistaina. "
     "Hinta pysynee samana, tietääkseni. Työ on todennäköisesti valmis perjantaina.",
     "Varaosa tulee ehkä maanantaina. Asentaja pääsee kenties tiistaina. "
     "Hinta pysyy samana. Työ on todennäköisesti valmis perjantaina.", "fi"),
])
def test_four_hedges_in_a_reply_are_flagged_three_are_not(clarity, four: str, three: str, language: str) -> None:
    """Hedges spread over the reply count from the fourth on; three single ones pass."""
    assert len(flagged(clarity, four, language, "clarity.hedge")) == 4
    assert flagged(clarity, three, language, "clarity.hedge") == []


# ---------------------------------------------------------------- the answer kept for the end

BACKGROUND_EN = ("Our technician visited the building on Monday and measured the railing on your balcony. "
                 "The supplier then sent us new glass panels, and the housing company approved the work "
                 "permit last week after a short review of the drawings. ")
BACKGROUND_FI = ("Asentajamme kävi talossa maanantaina ja mittasi parvekkeesi kaiteen. Toimittaja lähetti "
                 "meille sen jälkeen uudet lasilevyt, ja taloyhtiö hyväksyi työluvan viime viikolla, kun se "
                 "oli käynyt piirustukset läpi. Telineet tuodaan pihalle edellisenä päivänä. ")


@pytest.mark.parametrize(("buried", "answered_first", "language"), [
    ("Hi Jonas, thanks for asking about the balcony. " + BACKGROUND_EN
     + "To sum up, the repair starts on 3 March and takes two days.",
     "Hi Jonas, thanks for asking about the balcony. Yes, the repair starts on 3 March. " + BACKGROUND_EN
     + "To sum up, the repair starts on 3 March and takes two days.", "en"),
    ("Hei Jonas, kiitos kysymyksestä. " + BACKGROUND_FI
     + "Kaiken kaikkiaan korjaus alkaa 3.3. ja kestää kaksi päivää.",
     "Hei Jonas, kiitos kysymyksestä. Kyllä, korjaus alkaa 3.3. " + BACKGROUND_FI
     + "Kaiken kaikkiaan korjaus alkaa 3.3. ja kestää kaksi päivää.", "fi"),
])
def test_answer_only_at_the_end_is_flagged(clarity, buried: str, answered_first: str, language: str) -> None:
    """A conclusion after a long background is a buried answer; after an opening "Yes" it only sums up."""
    assert len(flagged(clarity, buried, language, "clarity.buried_answer")) == 1
    assert flagged(clarity, answered_first, language, "clarity.buried_answer") == []


@pytest.mark.parametrize(("text", "language"), [
    ("Hi Jonas, the balcony repair starts on 3 March and takes two days. " + BACKGROUND_EN
     + "To sum up, the balcony repair starts on 3 March.", "en"),
    ("Hei Jonas, parvekkeen korjaus alkaa 3.3. ja kestää kaksi päivää. " + BACKGROUND_FI
     + "Kaiken kaikkiaan parvekkeen korjaus alkaa 3.3.", "fi"),
])
def test_closing_summary_that_repeats_the_first_sentence_is_no_buried_answer(clarity, text: str, language: str) -> None:
    """A reply that answers in its first sentence and repeats it at the end is well ordered."""
    assert flagged(clarity, text, language, "clarity.buried_answer") == []


def test_short_reply_with_a_conclusion_word_is_no_buried_answer(clarity) -> None:
    """A short reply has no background to bury the answer under."""
    text = "Hi Jonas, the panels arrived today. Therefore, the repair starts on 3 March."
    assert flagged(clarity, text, "en", "clarity.buried_answer") == []


# ---------------------------------------------------------------- negatives inside negatives

@pytest.mark.parametrize(("knotted", "plain", "language"), [
    ("Hi Sam, a late fee is not uncommon in this case. We never said the fee would not apply to you.",
     "Hi Sam, a late fee is common in this case. We said the fee would apply to you.", "en"),
    ("Hei Sami, myöhästymismaksu ei ole epätavallinen tässä tilanteessa. En usko, ettei maksu koskisi sinua.",
     "Hei Sami, myöhästymismaksu on tavallinen tässä tilanteessa. Uskon, että maksu koskee sinua.", "fi"),
])
def test_two_nested_negatives_are_flagged(clarity, knotted: str, plain: str, language: str) -> None:
    """Two sentences with a negative inside a negative are flagged; the positive wording passes."""
    assert len(flagged(clarity, knotted, language, "clarity.nested_negation")) == 2
    assert flagged(clarity, plain, language, "clarity.nested_negation") == []


@pytest.mark.parametrize(("text", "language"), [
    ("Hi Sam, a late fee is not uncommon in this case. The fee is 5 euros and it is on your next invoice.", "en"),
    ("Hei Sami, tämä ei ole epätavallista. Maksu on 5 euroa, ja se tulee seuraavalle laskullesi.", "fi"),
    ("Hi Sam, the fee is not 15 euros but 5 euros. Neither the card nor the app charges anything extra.", "en"),
])
def test_a_single_knot_or_a_correction_is_not_flagged(clarity, text: str, language: str) -> None:
    """One idiomatic double negative, "not X but Y" and "neither … nor" pass."""
    assert flagged(clarity, text, language, "clarity.nested_negation") == []


# ---------------------------------------------------------------- Finnish clippings

def test_finnish_clipping_is_slang_and_the_full_word_is_not(clarity) -> None:
    """A colloquial clipping the dictionary lacks is flagged; the written-out word passes."""
    slang = "Hei Jari, tarvitsemme auton rekkarin, jotta voimme varata huollon."
    full = "Hei Jari, tarvitsemme auton rekisterinumeron, jotta voimme varata huollon."
    assert flagged(clarity, slang, "fi", "clarity.slang") == ["rekkarin"]
    assert flagged(clarity, full, "fi", "clarity.slang") == []


def test_capitalised_unknown_word_mid_sentence_is_a_name_not_slang(clarity) -> None:
    """A capitalised word inside a sentence is read as a name, even with the clipping's shape."""
    assert flagged(clarity, "Hei, huoltoa hoitaa Vekkari Oy tiistaina.", "fi", "clarity.slang") == []


# ---------------------------------------------------------------- vague conditions

@pytest.mark.parametrize(("vague", "exact", "language"), [
    ("We will refund part of the fee, depending on the circumstances.",
     "We will refund 20 euros of the fee by Friday.", "en"),
    ("We will call you if something frees up.",
     "We will call you on Thursday with the first free time.", "en"),
    ("Hyvitämme osan maksusta tilanteesta riippuen.",
     "Hyvitämme maksusta 20 euroa perjantaihin mennessä.", "fi"),
    ("Soitamme sinulle, jos jotain vapautuu.",
     "Soitamme sinulle torstaina ja kerromme ensimmäisen vapaan ajan.", "fi"),
])
def test_vague_conditions_are_flagged(clarity, vague: str, exact: str, language: str) -> None:
    """Open-ended conditions ("depending on the circumstances", "jos jotain vapautuu") are vague."""
    assert flagged(clarity, vague, language, "clarity.vague")
    assert flagged(clarity, exact, language, "clarity.vague") == []
