"""Tests for the hand-written English rules: articles, agreement, verb forms, prepositions, spelling."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar_rules_en import MESSAGES
from qa_app.grading.messages import known

from .en_rule_spans import spans


def test_new_messages_are_registered_in_both_languages() -> None:
    """Every new message key is registered and has English and Finnish text."""
    assert all(known(key) and {"en", "fi"} <= set(texts) for key, texts in MESSAGES.items())


def test_agreement_after_he_she_it() -> None:
    """A base verb after he/she/it opening a clause is flagged with its -s form."""
    assert spans("Thanks for waiting, she also need the invoice number.", "en.agreement") == [("need", ("needs",))]


def test_agreement_not_after_do_or_causative() -> None:
    """"Does it work" and "make it work" keep the base verb."""
    assert spans("Does it work now? We will make it work today.", "en.agreement") == []


def test_there_is_before_plural() -> None:
    """"There is several options" and "there was people" take "are"/"were"."""
    text = "There is several options for you. Yesterday there was people waiting."
    assert spans(text, "en.there_is_plural") == [("is", ("are",)), ("was", ("were",))]


def test_there_is_before_singular_or_a_few() -> None:
    """"there is news", "there is one option" and "there is a delay" are correct."""
    assert spans("There is news: there is one option, and there is a delay.", "en.there_is_plural") == []


def test_plural_after_quantifier() -> None:
    """A singular noun after "several" or a number word gets the plural suggested."""
    assert spans("There are several reason for the delay.", "en.plural_needed") == [("reason", ("reasons",))]


def test_plural_not_needed_before_compound_or_verb() -> None:
    """"several support tickets" and "many agree" are correct."""
    assert spans("We received several support tickets, and many agree with the change.", "en.plural_needed") == []


def test_plural_after_one_of_the() -> None:
    """After "one of our" the noun is plural."""
    assert spans("One of our agent will call you.", "en.plural_needed") == [("agent", ("agents",))]


def test_one_of_with_plural_is_fine() -> None:
    """"one of our agents" is not flagged."""
    assert spans("One of our agents will call you.", "en.plural_needed") == []


def test_singular_after_a() -> None:
    """"a" followed by a plural noun is flagged with the singular suggested."""
    assert spans("We will send you a replacements for it.", "en.singular_after_a") == [("a replacements", ("a replacement",))]


def test_a_before_plural_modifier_is_fine() -> None:
    """"a savings account" and "a bus" are correct."""
    assert spans("You can open a savings account or take a bus to the office.", "en.singular_after_a") == []


def test_every_with_plural_noun() -> None:
    """"every" takes a singular noun."""
    assert spans("We answer every messages within a day.", "en.singular_after_a") == [("every messages", ("every message",))]


def test_each_as_pronoun_is_fine() -> None:
    """"each" before a verb ("each includes") is a pronoun, not a determiner."""
    assert spans("The plans differ, but each includes free delivery.", "en.singular_after_a") == []


def test_article_before_uncountable_noun() -> None:
    """"an information" is flagged and the noun without the article is suggested."""
    assert spans("Here is an information about your plan.", "en.uncountable") == [("an information", ("information",))]


def test_uncountable_noun_as_modifier_is_fine() -> None:
    """"a software update" uses the noun as a modifier, which is correct."""
    assert spans("We released a software update this morning.", "en.uncountable") == []


def test_missing_article_before_countable_noun() -> None:
    """"There was problem" and "sent you new card" miss an article."""
    text = "There was problem with the payment, so we sent you new card."
    assert spans(text, "en.missing_article") == [("problem", ("a problem",)), ("new card", ("a new card",))]


def test_article_not_missing_before_number_or_compound() -> None:
    """"This is order 1234" and "have problem solving skills" need no article."""
    assert spans("This is order 1234. Our agents have problem solving skills.", "en.missing_article") == []


@pytest.mark.parametrize("text, wrong, fixed", [
    ("I didn't received your email.", "received", "receive"),
    ("Did you sent the form yet?", "sent", "send"),
    ("You can sends the receipt to us.", "sends", "send"),
    ("We will refunded the fee.", "refunded", "refund"),
    ("I would like to confirmed the order.", "confirmed", "confirm"),
])
def test_base_form_after_do_modal_and_to(text: str, wrong: str, fixed: str) -> None:
    """After do/did, a modal or "to", a verb keeps its base form."""
    assert spans(text, "en.base_form") == [(wrong, (fixed,))]


def test_base_form_near_misses() -> None:
    """Pseudo-clefts ("what we did was"), "need" and "to" + adjective are not flagged."""
    text = "What we did was call the courier. You will need the code. Welcome to registered users."
    assert spans(text, "en.base_form") == []


@pytest.mark.parametrize("text, wrong, fixed", [
    ("The parcel has went to the wrong address.", "went", "gone"),
    ("Your order will be send tomorrow.", "send", "sent"),
    ("The booking has been cancel.", "cancel", "canceled"),
])
def test_participle_after_have_and_be(text: str, wrong: str, fixed: str) -> None:
    """After has/have and be, a verb takes its past participle."""
    assert spans(text, "en.participle") == [(wrong, (fixed,))]


def test_participle_near_misses() -> None:
    """"has gone", "be open" and "there will be change" are not participle errors."""
    assert spans("It has gone out. The shop will be open. There will be change.", "en.participle") == []


@pytest.mark.parametrize("text, wrong, fixed", [
    ("The price depends of the plan.", "of", "on"),
    ("We are interested for your feedback.", "for", "in"),
    ("Could you explain me the charge?", "me", "to me"),
    ("We are waiting your reply.", "your", "for your"),
    ("We can discuss about it on Monday.", "about", ""),
])
def test_preposition_collocations(text: str, wrong: str, fixed: str) -> None:
    """Common collocations with the wrong, a missing or an extra preposition are flagged."""
    assert spans(text, "en.preposition") == [(wrong, (fixed,) if fixed else ())]


def test_preposition_near_misses() -> None:
    """"depends on", "interested to hear", "explain them" and "keep in contact with us" are correct."""
    text = "It depends on the plan. We are interested to hear more. I will explain them below. Keep in contact with us."
    assert spans(text, "en.preposition") == []


def test_an_other_is_another() -> None:
    """"an other" is written "another"."""
    assert spans("Could you try an other card?", "en.another") == [("an other", ("another",))]


def test_the_other_is_fine() -> None:
    """"the other" and "any other" are correct."""
    assert spans("Try the other card or any other method.", "en.another") == []


def test_contraction_without_apostrophe() -> None:
    """"dont", "wont" and "Im" get their apostrophe."""
    text = "Please dont worry, it wont happen again. Im on it."
    assert spans(text, "en.apostrophe") == [("dont", ("don't",)), ("wont", ("won't",)), ("Im", ("I'm",))]


def test_real_words_that_look_like_contractions() -> None:
    """"as is his wont", "IM" and "don't" are not flagged."""
    assert spans("He replied late, as is his wont. Send an IM if you don't hear back.", "en.apostrophe") == []


def test_comma_after_introductory_word() -> None:
    """"Unfortunately we cannot" misses the comma after the opening word."""
    assert spans("Thanks for asking. Unfortunately we cannot change it.", "en.intro_comma") == [
        ("Unfortunately", ("Unfortunately,",))]


@pytest.mark.parametrize(("text", "flagged"), [
    ("Also we have refunded the delivery fee.", "Also"),
    ("Thank you for waiting. Second the new card is on its way.", "Second"),
    ("By the way you can track the parcel in the app.", "By the way"),
    ("Of course we will keep your booking.", "Of course"),
    ("In other words the charge was made twice.", "In other words"),
])
def test_comma_after_sentence_adverb_before_subject(text: str, flagged: str) -> None:
    """A sentence adverb ("Also", an ordinal, "By the way") before the subject takes a comma."""
    assert spans(text, "en.intro_comma") == [(flagged, (flagged + ",",))]


@pytest.mark.parametrize("text", [
    "Also available: a printed copy of the invoice.",  # no subject follows
    "Second floor, on the left.",
    "First class tickets include a meal.",
    "Of course not, that would be unfair.",
    "Also, we have refunded the delivery fee.",
    "We can also refund it. also we can",  # a lowercase word is no sentence start
])
def test_sentence_adverb_without_subject_needs_no_comma(text: str) -> None:
    """Before anything but a subject the words are no sentence adverb, and a comma already there is right."""
    assert spans(text, "en.intro_comma") == []


def test_however_as_adverb_needs_no_comma() -> None:
    """"However long it takes" and "However, we" are correct."""
    assert spans("However long it takes, we will help. However, we can refund it.", "en.intro_comma") == []


def test_youre_before_adverb() -> None:
    """"your still" means "you're still"; "your in-store credit" is a possessive."""
    assert spans("Your still eligible, and your in-store credit is valid.", "en.your_youre") == [("Your", ("You're",))]


@pytest.mark.parametrize(("text", "flagged"), [
    ("This is important thing to know.", "important thing"),
    ("We have technician on the way to you.", "technician"),
    ("We have booked technician for Thursday.", "technician"),
    ("There was unexpected problem with the payment.", "unexpected problem"),
])
def test_missing_article_with_adjective(text: str, flagged: str) -> None:
    """A countable singular noun after "this is", "have" or "there was" needs an article, with up
    to two adjectives before a listed noun; a noun only the lexicon knows counts right after the
    verb and not before a comma ("has cell, car numbers" is a list)."""
    found = spans(text, "en.missing_article")
    assert [span for span, _ in found] == [flagged]


def test_lexicon_noun_after_adjective_or_before_comma() -> None:
    """"have overdue margin" (a mass noun in finance) and "has cell, car numbers" pass."""
    assert spans("Two clients have overdue margin. She has cell, car numbers.", "en.missing_article") == []
    assert spans("The new flat already has internet, and the clinic has capacity next week.", "en.missing_article") == []


@pytest.mark.parametrize(("text", "fixed"), [
    ("We have checked your order, however it has already left our warehouse.", "; however,"),
    ("The new router however needs a restart first.", ", however,"),
    ("If, however the parcel is damaged, please send a photo.", "however,"),
])
def test_however_needs_its_commas(text: str, fixed: str) -> None:
    """"however" inside a sentence goes between commas, and a comma alone cannot join two sentences with it."""
    assert spans(text, "en.however_comma") == [("however", (fixed,))]


@pytest.mark.parametrize("text", [
    "We can, however, refund the delivery fee.",
    "However long it takes, we will find the parcel.",
    "You can pay however you like: by card or by invoice.",
    "Our offer, however, ends on Friday.",
])
def test_however_with_commas_or_as_whatever_way(text: str) -> None:
    """Between commas, before a degree word, or meaning "in whatever way", "however" is right."""
    assert spans(text, "en.however_comma") == []


def test_no_comma_before_that_clause() -> None:
    """A that-clause after "think", "believe" or "hope" takes no comma, unlike Finnish "että"."""
    text = "I think, that the parcel is lost, and we believe that it can be found. We hope, that you understand."
    assert [span for span, _ in spans(text, "en.comma_before_that")] == [", that", ", that"]
    assert spans("The issue, that you reported, is fixed. So, that is done.", "en.comma_before_that") == []
