"""Tests for the English clause-pattern rules (grammar_clauses_en) and the agreement, "to" and
base-form rules they came with, each with the correct sentence beside it."""

from __future__ import annotations

import pytest

from .en_rule_spans import spans


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Your parcel is late because the blizzard in Lapland.", "en.because_of", [("because", ("because of",))]),
    ("Because the heavy snowfall, the bus did not run.", "en.because_of", [("Because", ("Because of",))]),
    ("The important is that you keep the receipt.", "en.adjective_as_noun",
     [("The important", ("The important thing",))]),
    ("This plan is good, but our old plan was the cheap.", "en.adjective_as_noun",
     [("the cheap", ("the cheap thing",))]),
    ("Only then we can refund the ticket.", "en.only_inversion", [("we can", ("can we",))]),
    ("Only with your consent we will share the photos.", "en.only_inversion", [("we will", ("will we",))]),
    ("We will help you, no matter how the problem is difficult.", "en.no_matter_how",
     [("the problem is difficult", ("difficult the problem is",))]),
    ("Note:please bring the receipt with you.", "en.space_after", [(":", (": ",))]),
    ("I think, this is the best option for you.", "en.comma_after_think", [(",", ())]),
    ("I hope, that the new card arrives soon.", "en.comma_after_think", [(",", ())]),
    ("The gift box comes with a new gift cards.", "en.article_plural", [("cards", ("card",))]),
    ("We printed it on this glossy photo papers.", "en.article_plural", [("papers", ("paper",))]),
    ("Many customers ask about kind of payment we accept.", "en.kind_of_determiner",
     [("kind of", ("this kind of",))]),
    ("Please think about creates a new password.", "en.preposition_verb", [("creates", ("creating",))]),
    ("It is not problem for us to change the date.", "en.bare_noun", [("problem", ("a problem",))]),
    ("Thank you for a quick respond.", "en.article_verb", [("respond", ())]),
    ("Its widely known that the bridge is closed in winter.", "en.its_it_is", [("Its", ("It's",))]),
    ("The engineer will bring new adapter to you.", "en.bare_noun", [("new adapter", ("a new adapter",))]),
])
def test_clause_pattern_found(text: str, rule: str, expected: list) -> None:
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("Your parcel is late because of the strike at the depot.", "en.because_of"),
    ("Your parcel is late because the driver was ill.", "en.because_of"),
    ("It was late because the courier never came.", "en.because_of"),
    ("The important thing is that you keep the receipt.", "en.adjective_as_noun"),
    ("The price is the same.", "en.adjective_as_noun"),
    ("The elderly are welcome to use the priority line.", "en.adjective_as_noun"),
    ("The latter is cheaper.", "en.adjective_as_noun"),
    ("Only then can we refund the ticket.", "en.only_inversion"),
    ("Only customers with an account can log in.", "en.only_inversion"),
    ("Only when you have the receipt can we help.", "en.only_inversion"),
    ("We will help you, no matter how difficult the problem is.", "en.no_matter_how"),
    ("We answer quickly no matter how the customer contacts us.", "en.no_matter_how"),
    ("Our shop is open 9:30-17:00; see https://example.com or mailto:info@example.com.", "en.space_after"),
    ("I think this is the best option for you.", "en.comma_after_think"),
    ("I think, however, that the best option is the yearly plan.", "en.comma_after_think"),
    ("As I understand, the order was sent on Monday.", "en.comma_after_think"),
    ("The gift box comes with a new gift card.", "en.article_plural"),
    ("We will call you back in a few days.", "en.article_plural"),
    ("A customer calls us every morning.", "en.article_plural"),
    ("It is a sports bag.", "en.article_plural"),
    ("We will check it again for every two weeks.", "en.article_plural"),
    ("Many customers ask about this kind of payment.", "en.kind_of_determiner"),
    ("What kind of payment do you accept?", "en.kind_of_determiner"),
    ("Please think about creating a new password.", "en.preposition_verb"),
    ("It is not a problem for us to change the date.", "en.bare_noun"),
    ("The price is subject to change.", "en.bare_noun"),
    ("She was president of the residents' association.", "en.bare_noun"),
    ("The staff are not responsible for lost items.", "en.bare_noun"),
    ("Please use a template like this one.", "en.article_verb"),
    ("It has a hover mode for the camera.", "en.article_verb"),
    ("Its widely used format opens on any phone.", "en.its_it_is"),
    ("The engineer will bring a new adapter to you.", "en.bare_noun"),
    ("They told you one thing and did another.", "en.bare_noun"),
    ("We made good progress with your case.", "en.bare_noun"),
])
def test_clause_pattern_right_as_written(text: str, rule: str) -> None:
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("If the customer need to change the date, they can reply to this email.", [("need", ("needs",))]),
    ("The courier want us to sign for it.", [("want", ("wants",))]),
    ("The trouble is that the driver arrive after six.", [("arrive", ("arrives",))]),
])
def test_agreement_of_noun_or_verb_word(text: str, expected: list) -> None:
    """A word that may be a noun or a verb is the verb after "the" + noun and before "to" + verb
    or an object pronoun; a subject after "that" agrees unless a word of demand leads the clause."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "The refund request to the bank was sent on Monday.",
    "The delivery charge to Lapland is five euros.",
    "If the customer needs to change the date, they can reply.",
    "We recommend that the customer contact us first.",
    "It is important that the form reach us by Friday.",
])
def test_agreement_not_a_compound_or_subjunctive(text: str) -> None:
    assert spans(text, "en.agreement") == []


def test_no_to_after_let_and_a_person() -> None:
    assert spans("Please let us to know which day suits you.", "en.no_to") == [("to", ())]
    assert spans("Long queues are making customers to wait.", "en.no_to") == [("to", ())]
    assert spans("Please let us know which day suits you.", "en.no_to") == []


def test_base_form_after_let_and_a_noun_before_a_comparative() -> None:
    assert spans("The new layout will let the invoice looks clearer.", "en.base_form") == [("looks", ("look",))]
    assert spans("The new layout will let the invoice look clearer.", "en.base_form") == []
    assert spans("We let the product names stand out.", "en.base_form") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Which delivery slot you would prefer?", "en.question_order", [("you would", ("would you",))]),
    ("How many seats you need for the trip?", "en.question_order", [("you need", ("do you need",))]),
    ("Is no extra fee for the second bag.", "en.missing_subject", [("Is", ("There is",))]),
    ("Takes about ten minutes to set up.", "en.missing_subject", [("Takes", ("It takes",))]),
    ("If the app still freezes, is best to reinstall it.", "en.missing_subject", [("is", ("it is",))]),
    ("The invoice and the receipt is attached.", "en.agreement", [("is", ("are",))]),
    ("The delivery times of the service depends on the season.", "en.agreement", [("depends", ("depend",))]),
    ("The keys to the locker is at the front desk.", "en.agreement", [("is", ("are",))]),
    ("The new members needs a key card.", "en.agreement", [("needs", ("need",))]),
    ("We check always the address before sending.", "en.adverb_before_object", [("always", ("always check",))]),
    ("After the update, the delivery very expensive to rural areas.", "en.missing_be",
     [("the delivery very expensive", ("the delivery is very expensive",))]),
    ("Also, book early saves you money.", "en.gerund_subject", [("book", ("booking",))]),
    ("The yearly plan costs less money that the monthly plan.", "en.than_that", [("that", ("than",))]),
    ("We try send the parcel today.", "en.two_verbs", [("send", ("to send",))]),
    ("Many customers billed by mistake.", "en.passive_without_be", [("billed", ("are billed",))]),
    ("It called “fixed price”.", "en.passive_without_be", [("called", ("is called",))]),
    ("The shop is closed in certain days.", "en.preposition", [("in", ("on",))]),
    ("There are more traffic on Fridays.", "en.there_is_plural", [("are", ("is",))]),
    ("You can take the train instead of car.", "en.bare_noun", [("car", ("a car",))]),
])
def test_learner_pattern_found(text: str, rule: str, expected: list) -> None:
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("Which delivery slot would you prefer?", "en.question_order"),
    ("Could you tell me which size you need?", "en.question_order"),
    ("What you need is a new card.", "en.question_order"),
    ("There is no extra fee for the second bag.", "en.missing_subject"),
    ("Is it possible to change the date?", "en.missing_subject"),
    ("It takes about ten minutes to set up.", "en.missing_subject"),
    ("The invoice and the receipt are attached.", "en.agreement"),
    ("Each box and each bag is checked.", "en.agreement"),
    ("The delivery times of the service depend on the season.", "en.agreement"),
    ("The price of the tickets includes VAT.", "en.agreement"),
    ("The sales figures show steady growth.", "en.agreement"),
    ("We always check the address before sending.", "en.adverb_before_object"),
    ("It is always the same price.", "en.adverb_before_object"),
    ("We found the delivery very expensive to rural areas.", "en.missing_be"),
    ("Take the bus that leaves at nine.", "en.gerund_subject"),
    ("We have more options than you might think.", "en.than_that"),
    ("It is better that you call us first.", "en.than_that"),
    ("Later that night the courier called.", "en.than_that"),
    ("We help clean the office on Fridays.", "en.two_verbs"),
    ("Customers affected by the outage will get a refund.", "en.passive_without_be"),
    ("It called me twice yesterday.", "en.passive_without_be"),
    ("We will call you in a few days.", "en.preposition"),
    ("There are more people on Fridays.", "en.there_is_plural"),
    ("You can take the train instead of the car.", "en.bare_noun"),
])
def test_learner_pattern_right_as_written(text: str, rule: str) -> None:
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("We fully agree the customer on this.", "en.preposition", [("the", ("with the",))]),
    ("Last year we went to a guided tour of the castle.", "en.preposition", [("to", ("on",))]),
    ("We raised the price in two reasons.", "en.preposition", [("in", ("for",))]),
    ("Please read the terms before sign them.", "en.preposition_verb", [("sign", ("signing",))]),
    ("After receive the parcel, open it at once.", "en.preposition_verb", [("receive", ("receiving",))]),
    ("We also can offer a refund.", "en.also_after_modal", [("also can", ("can also",))]),
    ("Prices had risen recently.", "en.present_perfect", [("had", ("have",))]),
    ("We offer a so good price this week.", "en.so_after_article", [("a so good", ("such a good",))]),
    ("I read an article said that the shop will close.", "en.relative_that", [("said", ("that said",))]),
    ("This change affect the whole order.", "en.agreement", [("affect", ("affects",))]),
])
def test_preposition_order_and_tense_found(text: str, rule: str, expected: list) -> None:
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("We fully agree with the customer on this.", "en.preposition"),
    ("We agreed the price last week.", "en.preposition"),
    ("Last year we went to the tour office.", "en.preposition"),
    ("We raised the price for two reasons.", "en.preposition"),
    ("Before lunch the office is closed.", "en.preposition_verb"),
    ("When time permits, we call back.", "en.preposition_verb"),
    ("You will get a confirmation by email within the hour.", "en.preposition_verb"),
    ("We can also offer a refund.", "en.also_after_modal"),
    ("When we called, prices had risen recently.", "en.present_perfect"),
    ("It was so good to hear from you.", "en.so_after_article"),
    ("The report said that the shop will close.", "en.relative_that"),
    ("The delivery address the customer gave us was wrong.", "en.agreement"),
])
def test_preposition_order_and_tense_right(text: str, rule: str) -> None:
    assert spans(text, rule) == []
