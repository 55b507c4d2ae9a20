"""Tests for tone without false alarms: sarcasm markers, credits that must be earned, cold replies
and the customer's form of address."""

from __future__ import annotations

import pytest

from qa_app.content.build import build_scenario
from qa_app.grading.analyzers.empathy import EmpathyAnalyzer
from qa_app.grading.context import GradingContext, HistoryMessage
from qa_app.grading.specs import ScenarioSpec
from qa_app.grading.text import Document

PLAIN = ScenarioSpec("plain", 1, "fi", "chat", customer_name="Veera Salo")
FORMAL_FI = ScenarioSpec("formal-fi", 1, "fi", "phone", customer_name="Helmi Rantanen", customer_address="formal")
FORMAL_EN = ScenarioSpec("formal-en", 1, "en", "email", customer_name="Edith Carter", customer_address="formal")


def _grade(text: str, language: str, scenario: ScenarioSpec = PLAIN, channel: str = "chat",
           history: tuple[HistoryMessage, ...] = ()):
    ctx = GradingContext(channel=channel, scenario=scenario, history=history)
    return EmpathyAnalyzer().analyze(Document.build(text, language), ctx)


def _penalised(result) -> set[str]:
    return {f.category for f in result.findings if f.penalty > 0}


def _credited(result) -> set[str]:
    return {f.category for f in result.findings if f.severity == "credit"}


def _follow_up(customer_says: str) -> tuple[HistoryMessage, ...]:
    return (HistoryMessage("customer", "Laskussani on virhe."), HistoryMessage("agent", "Katson asiaa heti."),
            HistoryMessage("customer", customer_says))


# ---------------------------------------------------------------- sarcasm


@pytest.mark.parametrize(("text", "language"), [
    ("Ymmärrän hyvin, että tällainen katko harmittaa.", "fi"),
    ("Onneksi olkoon uudesta asunnosta! Sähkösopimus siirtyy mukanasi maksutta.", "fi"),
    ("Kiva kun kysyit, autan mielelläni.", "fi"),
    ("Congratulations on the new job! Your contract moves with you at no cost.", "en"),
    ("Well done for spotting the double charge; I have refunded it.", "en"),
    ("Thanks a lot for your patience while we sorted this out.", "en"),
])
def test_sincere_warmth_is_not_sarcasm(text: str, language: str) -> None:
    """Praise, congratulations and understanding without a sarcasm marker are not flagged."""
    assert "sarcasm" not in _penalised(_grade(text, language))


@pytest.mark.parametrize(("text", "language"), [
    ("Oh great, the courier lost it.", "en"),
    ("Wow, thanks for nothing.", "en"),
    ("Sure, because we enjoy losing parcels.", "en"),
    ("Your refund is on its way 🙄", "en"),
    ("Congratulations, you forgot the password again.", "en"),
    ("Well done. Obviously nobody reads the instructions.", "en"),
    ("No voi voi, sama vika taas.", "fi"),
    ("Kiva kun vihdoin vaivauduit vastaamaan.", "fi"),
    ("Onneksi olkoon, hukkasit kortin jälleen.", "fi"),
    ("Hienosti tehty. Tietysti ohjeet jäivät lukematta.", "fi"),
])
def test_real_sarcasm_markers_are_flagged(text: str, language: str) -> None:
    """Plain sarcasm, and praise next to a marker such as a repeated failure or an eye-roll, cost points."""
    assert "sarcasm" in _penalised(_grade(text, language))


def test_sarcastic_thanks_earns_no_thanks_credit() -> None:
    """Words that are plainly sarcastic do not also count as thanking the customer."""
    result = _grade("Thanks for nothing, then.", "en")
    assert "thanks" not in _credited(result) and "sarcasm" in _penalised(result)


def test_sarcasm_never_lands_on_credited_words() -> None:
    """A span that earned a credit is never the span of a sarcasm deduction."""
    result = _grade("Kiva kun otit yhteyttä taas, hoidan asian.", "fi")
    credits = [f for f in result.findings if f.severity == "credit"]
    sarcasm = [f for f in result.findings if f.category == "sarcasm"]
    assert not any(s.start < c.end and c.start < s.end for s in sarcasm for c in credits)


# ---------------------------------------------------------------- credits must be earned


@pytest.mark.parametrize(("text", "language"), [
    ("Don't worry, the meter reading is only an estimate.", "en"),
    ("Dont worry about the bill, it is an estimate.", "en"),
    ("No need to worry, the parcel is safe.", "en"),
    ("Älä huoli, lasku on vain arvio.", "fi"),
    ("Ei tarvitse huolehtia, paketti on tallessa.", "fi"),
])
def test_telling_the_customer_not_to_worry_is_not_acknowledgement(text: str, language: str) -> None:
    """Telling someone not to worry does not acknowledge the worry."""
    assert "acknowledge" not in _credited(_grade(text, language))


@pytest.mark.parametrize(("text", "language"), [
    ("We apologise for any inconvenience caused.", "en"),
    ("Pahoittelemme mahdollista haittaa.", "fi"),
])
def test_hedged_apology_is_not_an_apology(text: str, language: str) -> None:
    """An apology for "any possible" trouble does not apologise for what happened."""
    assert "apology" not in _credited(_grade(text, language))


@pytest.mark.parametrize("text", [
    "Summa näkyy seuraavalla laskulla.",
    "Tuleva lasku on pienempi.",
])
def test_describing_participle_is_not_ownership(text: str) -> None:
    """A present participle such as "seuraavalla" describes something and is not our action."""
    assert "ownership" not in _credited(_grade(text, "fi"))


def test_our_own_action_with_a_future_date_is_still_ownership() -> None:
    """Our own verb still counts as ownership when a participle sits next to it."""
    assert "ownership" in _credited(_grade("Hyvitämme summan seuraavalla laskulla.", "fi"))


@pytest.mark.parametrize(("text", "language"), [
    ("Katko alkoi 3.12. aamulla ja se on jo korjattu.", "fi"),
    ("Viesti tuli perille eilen.", "fi"),
    ("Tänään emme valitettavasti pysty rahoja tilillesi palauttamaan.", "fi"),
    ("As expected, the meter was read on 4 December.", "en"),
])
def test_a_date_next_to_a_past_or_refused_action_is_not_a_next_step(text: str, language: str) -> None:
    """Reassurance needs an action still ahead, not a report of what happened or a refusal."""
    assert "reassurance" not in _credited(_grade(text, language))


@pytest.mark.parametrize(("text", "language"), [
    ("Lähetämme uuden kortin kotiosoitteeseesi perjantaina.", "fi"),
    ("The new card will be sent to your home address on Friday.", "en"),
])
def test_future_action_with_anchor_is_reassurance(text: str, language: str) -> None:
    """A future action with a concrete anchor still earns reassurance."""
    assert "reassurance" in _credited(_grade(text, language))


@pytest.mark.parametrize(("text", "expected"), [
    ("Vastaamme viestiisi kolmen tunnin kuluessa.", True),
    ("Korjataan yhteys huomenna aamupäivällä.", True),
    ("Olen pahoillani tänään sattuneesta.", False),
    ("Emme vastaa viesteihin viikonloppuna.", False),
])
def test_our_own_present_verb_with_an_anchor_is_reassurance(text: str, expected: bool) -> None:
    """Any verb of ours in the Finnish present (the future) with an anchor is a next step; being sorry is not."""
    assert ("reassurance" in _credited(_grade(text, "fi"))) is expected


# ---------------------------------------------------------------- cold replies


COLD_FI = "Hei.\n\nVika löytyi ja se korjataan huomenna klo 12 mennessä, minkä jälkeen liittymä toimii normaalisti.\n\nAsiakaspalvelu"
WARM_TYPO_FI = ("Hei Veera,\n\nkiitos viestistä, ja pahoittelen katkosta. Ymmärrän, että ilman nettiä on hankalaa. "
                "Vika löytyi, ja korjaamme sen huomenna klo 12 mennesä. Lähetän sinulle tekstiviestin, kun "
                "yhteys toimii.\n\nTerveisin\nLauri")


def test_cold_opening_with_team_signature_scores_below_warm_reply_with_a_typo() -> None:
    """A bare greeting, facts and a team signature score well below a warm, complete reply with a typo."""
    cold, warm = _grade(COLD_FI, "fi"), _grade(WARM_TYPO_FI, "fi")
    assert {"cold", "signature"} <= _penalised(cold)
    assert warm.score - cold.score >= 30


@pytest.mark.parametrize(("text", "language"), [
    ("Hei Veera! Kortti on matkalla ja saapuu huomenna postilaatikkoosi.", "fi"),
    ("Hyvää päivää, Veera. Kortti on matkalla ja saapuu huomenna postilaatikkoosi.", "fi"),
    ("Hi! Your card is on its way and arrives in your letterbox tomorrow.", "en"),
])
def test_personal_greeting_keeps_an_opening_reply_from_feeling_cold(text: str, language: str) -> None:
    """A salutation with a name, or a cheerful "Hi!", is not a cold reply."""
    assert "cold" not in _penalised(_grade(text, language))


@pytest.mark.parametrize("text", [
    "Hei. Kortti on matkalla ja saapuu huomenna postilaatikkoosi.",
    "Kortti on matkalla. Tilausnumero on 5521 ja toimitus kestää kolmesta viiteen arkipäivää, seuranta löytyy sovelluksesta.",
])
def test_opening_reply_without_any_personal_touch_is_cold(text: str) -> None:
    """An opening reply with no greeting by name, thanks, apology or acknowledgement feels cold, short or long."""
    assert "cold" in _penalised(_grade(text, "fi"))


def test_short_chat_follow_up_is_not_cold() -> None:
    """In chat, a short follow-up that answers the question needs no greeting."""
    result = _grade("Kyllä, teknikko soittaa puoli tuntia ennen.", "fi",
                    history=_follow_up("Soittaako teknikko ennen tuloaan?"))
    assert "cold" not in _penalised(result)


def test_same_short_text_as_opening_reply_is_cold() -> None:
    """The same short text without history is an opening reply and feels cold."""
    assert "cold" in _penalised(_grade("Kyllä, teknikko soittaa puoli tuntia ennen.", "fi"))


@pytest.mark.parametrize(("text", "language"), [("Ok.", "fi"), ("Selvä.", "fi"), ("Noted.", "en")])
def test_bare_acknowledgement_follow_up_is_still_cold(text: str, language: str) -> None:
    """A bare "Ok." to a customer's question is cold even in a chat follow-up."""
    result = _grade(text, language, history=_follow_up("Miksi minua laskutettiin kahdesti?"))
    assert "cold" in _penalised(result)


def test_short_email_follow_up_without_greeting_is_cold() -> None:
    """E-mail is not a brief channel: a very short follow-up with no personal touch still feels cold."""
    result = _grade("Korjattu lasku tulee perästä.", "fi", channel="email",
                    history=_follow_up("Mitä tämä summa tarkoittaa?"))
    assert "cold" in _penalised(result)


@pytest.mark.parametrize(("text", "language"), [
    ("Ole hyvä, ja aurinkoista viikonloppua!", "fi"),
    ("Eipä kestä. Onnea muuttoon!", "fi"),
    ("You're welcome, have a lovely weekend!", "en"),
    ("My pleasure, and best of luck with the exam!", "en"),
])
def test_short_email_follow_up_with_a_courtesy_or_wish_is_not_cold(text: str, language: str) -> None:
    """A closing courtesy or a wish is a personal touch: the short e-mail follow-up is not cold."""
    result = _grade(text, language, channel="email", history=_follow_up("Kiitos avusta!"))
    assert "cold" not in _penalised(result)


def test_a_courtesy_does_not_warm_an_opening_reply() -> None:
    """An opening reply still needs a greeting, thanks, apology or acknowledgement."""
    assert "cold" in _penalised(_grade("Lasku on korjattu. Hyvää päivänjatkoa.", "fi", channel="email"))


@pytest.mark.parametrize("text", [
    "Hei Veera,\n\nkortti lähtee huomenna.\n\nTerveisin\nAsiakaspalvelu",
    "Hello Veera,\n\nthe card ships tomorrow.\n\nKind regards,\nCustomer Support",
    "Hello Veera,\n\nthe card ships tomorrow.\n\nK.",
])
def test_team_name_or_initial_as_signature_is_impersonal(text: str) -> None:
    """A sign-off that is only a team name or an initial costs a few points."""
    language = "fi" if "Terveisin" in text else "en"
    assert "signature" in _penalised(_grade(text, language))


def test_personal_signature_with_team_is_fine() -> None:
    """A person's name followed by the team name is a personal signature."""
    text = "Hei Veera,\n\nkortti lähtee huomenna.\n\nTerveisin\nLauri Koski\nAsiakaspalvelu"
    assert "signature" not in _penalised(_grade(text, "fi"))


# ---------------------------------------------------------------- address form


def test_sina_to_a_persona_who_prefers_formal_address_is_a_finding() -> None:
    """Addressing a formal persona with sinä is a register finding with its own message."""
    result = _grade("Hyvää päivää. Voit painaa vihreää nappia, niin sovellus avautuu.", "fi", FORMAL_FI)
    register = [f for f in result.findings if f.category == "register"]
    assert register and register[0].code == "empathy.register.sina" and register[0].penalty > 0
    assert "teitittel" in register[0].render("fi")


@pytest.mark.parametrize("text", [
    "Hyvää päivää, Helmi. Voitte painaa vihreää nappia, niin sovellus avautuu.",
    "Teidän ei tarvitse tehdä mitään, eikä pankki koskaan kysy tunnuslukuja.",
    "Painakaa kohtaa \"Jatka\", niin pääsette eteenpäin.",
])
def test_te_forms_and_look_alikes_keep_formal_address(text: str) -> None:
    """Te forms, a negated verb ("ei tarvitse") and a quoted button label are not sinä."""
    assert "register" not in _penalised(_grade(text, "fi", FORMAL_FI))


def test_customer_polite_te_question_asks_for_te() -> None:
    """A customer who asks politely with te ("voisitteko") expects te back."""
    history = (HistoryMessage("customer", "Hyvää iltaa. Voisitteko kertoa, milloin lasku erääntyy?"),)
    result = _grade("Lasku erääntyy perjantaina, ja voit maksaa sen sovelluksessa.", "fi", history=history)
    assert "register" in _penalised(result)


@pytest.mark.parametrize("customer", [
    "Tilasin teiltä kengät ja ette ole vieläkään lähettäneet niitä. Kertokaa, missä ne ovat.",
    "Voisitteko nyt vihdoin kertoa, missä mun paketti on?",
])
def test_plural_you_for_the_company_or_colloquial_customer_allows_sina(customer: str) -> None:
    """Plural "you" for the company, or a colloquial customer, does not call for te."""
    history = (HistoryMessage("customer", customer),)
    result = _grade("Paketti on matkalla, ja saat seurantakoodin huomenna.", "fi", history=history)
    assert "register" not in _penalised(result)


def test_first_name_to_a_formal_english_persona_is_a_finding() -> None:
    """An English persona who prefers formal address is not greeted by first name alone."""
    result = _grade("Hi Edith, the engineer will call you tomorrow.", "en", FORMAL_EN)
    assert [f.code for f in result.findings if f.category == "register"] == ["empathy.register.informal"]


def test_title_and_surname_to_a_formal_english_persona_is_fine() -> None:
    """Title and surname is the formal address the persona asked for."""
    assert "register" not in _penalised(_grade("Dear Mrs Carter, the engineer will call you tomorrow.", "en", FORMAL_EN))


def test_customer_signing_with_a_title_asks_for_formal_english() -> None:
    """A customer who signs with a title is owed title and surname."""
    scenario = ScenarioSpec("titled", 1, "en", "email", customer_name="Edith Carter")
    history = (HistoryMessage("customer", "My bill doubled this month.\n\nMrs E. Carter"),)
    result = _grade("Hey Edith, the bill is an estimate.", "en", scenario, history=history)
    assert "register" in _penalised(result)


def test_persona_address_is_read_from_scenario_yaml() -> None:
    """A persona's `address` reaches the grader's scenario spec."""
    data = {"id": "x", "version": 1, "language": "fi", "channel": "phone", "title": {"fi": "x", "en": "x"},
            "opening": "Hyvää päivää.", "persona": {"name": "Helmi Rantanen", "address": "formal"}}
    assert build_scenario(data).spec.customer_address == "formal"


def test_an_adverb_in_sti_is_not_its_adjective_for_the_credits() -> None:
    """"on oikeasti helppoa" (is really easy) is not "olet oikeassa" (you are right)."""
    assert "acknowledge" not in _credited(_grade("Asennus on oikeasti helppo, onnistuu kyllä.", "fi"))
    assert "acknowledge" in _credited(_grade("Olet oikeassa, lasku oli väärin.", "fi"))


def test_finnish_sti_adverbs_are_their_own_base_form() -> None:
    from qa_app.grading.lemmas import base_forms

    assert base_forms("oikeasti", "fi") == ("oikeasti",)
    assert "oikea" in base_forms("oikeassa", "fi")


def test_a_possessive_is_not_the_is_of_a_next_step() -> None:
    """"the engineer's schedule" is not "is scheduled": a report of the past earns no next-step
    credit, while "An engineer will come round on Thursday" does."""
    report = "The engineer's schedule for Tuesday was full, so the visit did not happen."
    assert "reassurance" not in _credited(_grade(report, "en", channel="email"))
    assert "reassurance" in _credited(_grade("An engineer will come round on Thursday morning.", "en",
                                             channel="email"))


def test_apostrophe_s_is_is_only_after_pronouns() -> None:
    from qa_app.grading.phrases import split_contraction

    assert split_contraction("company's", "en") == ("company",)
    assert split_contraction("Anna's", "en") == ("anna",)
    assert split_contraction("it's", "en") == ("it", "is")
    assert split_contraction("there's", "en") == ("there", "is")
