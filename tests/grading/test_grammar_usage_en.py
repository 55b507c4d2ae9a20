"""Tests for the English comma, capital-letter and usage rules (grammar_commas_en, grammar_usage_en)."""

from __future__ import annotations

import pytest

from .en_rule_spans import spans


@pytest.mark.parametrize(("text", "expected"), [
    ("If the code does not arrive we can send a new one.", [("arrive", ("arrive,",))]),
    ("When your refund is ready you will get an email.", [("ready", ("ready,",))]),
    ("Once the engineer has visited please send us the report.", [("visited", ("visited,",))]),
    ("To get a refund you need to send us the receipt.", [("refund", ("refund,",))]),
    ("If you want to cancel you have to call us.", [("cancel", ("cancel,",))]),
    ("If the parcel is lost it will be refunded in full.", [("lost", ("lost,",))]),
    ("To arrange a time that suits you best we need to know your shifts.", [("best", ("best,",))]),
    ("To deliver to the flat you are moving to we need to know the floor.", [("to", ("to,",))]),
    ("The order is ready, so when you come to the shop we can hand it over.", [("shop", ("shop,",))]),
    ("And if the seal is broken you can still return it.", [("broken", ("broken,",))]),
])
def test_intro_clause_without_comma(text: str, expected: list) -> None:
    """An opening if/when/once clause or infinitive phrase followed by a main clause with a modal,
    "need to"/"have to" or "please" needs a comma."""
    assert spans(text, "en.intro_clause_comma") == expected


@pytest.mark.parametrize("text", [
    "If the code does not arrive, we can send a new one.",
    "If you think we should call you, reply to this email.",
    "When the parcel you ordered arrives it is checked at the door.",
    "We can help if you send us the number.",
    "To be honest we have no record of it.",  # "have" with no "to": not read as a main clause
    "To Anna we sent a new card.",  # "To" before a name is a preposition
    "When the new cards are sent I doubt it will take long.",  # "doubt" takes an object clause
    "We checked it and when it arrives, we will call you.",
    "Tell us when you want it and we can book it.",  # "when" here is not after ", and" or a sentence start
])
def test_intro_clause_comma_not_needed(text: str) -> None:
    """A comma already there, an object clause, a relative clause or a trailing if-clause pass."""
    assert spans(text, "en.intro_clause_comma") == []


def test_comma_before_but_joining_clauses() -> None:
    """"but" between two clauses with their own subjects takes a comma."""
    text = "We checked your account but it was already closed."
    assert spans(text, "en.clause_comma") == [("but", (", but",))]


@pytest.mark.parametrize("text", [
    "We checked your account, but it was already closed.",
    "I will call the courier so we can fix the delivery date.",
    "Thanks for your patience but please wait a little longer.",
    "Nothing but the receipt is needed.",
])
def test_no_clause_comma_needed(text: str) -> None:
    """A comma already there, a purpose "so", an imperative or "but" as "except" are left alone."""
    assert spans(text, "en.clause_comma") == []


def test_capital_function_word_inside_sentence() -> None:
    """A function word capitalised after a comma is flagged; a title ("The Times") is not."""
    assert spans("Thanks for asking, The refund is on its way.", "en.capital_mid_sentence") == [("The", ("the",))]
    assert spans("We read about it in The Times yesterday.", "en.capital_mid_sentence") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("The new plan is more cheaper for you.", "en.double_comparative", [("more cheaper", ("cheaper",))]),
    ("This is the most fastest option.", "en.double_comparative", [("most fastest", ("fastest",))]),
    ("We don't have no record of that order.", "en.double_negative", [("no", ("any",))]),
    ("I could not find nothing in the logs.", "en.double_negative", [("nothing", ("anything",))]),
    ("Is possible to move the appointment.", "en.missing_subject", [("Is possible", ("It is possible",))]),
    ("We cannot refund because is necessary to return the item.", "en.missing_subject",
     [("is necessary", ("it is necessary",))]),
    ("Sorry, we do not have many information yet.", "en.quantifier", [("many", ("much",))]),
    ("There were much problems with the update.", "en.quantifier", [("much", ("many",))]),
    ("Less customers called this week.", "en.quantifier", [("Less", ("Fewer",))]),
    ("We received a lot of complaint about it.", "en.plural_needed", [("complaint", ("complaints",))]),
    ("Yesterday we send you a new code.", "en.past_tense", [("send", ("sent",))]),
    ("Two days ago I call the courier.", "en.past_tense", [("call", ("called",))]),
    ("We sended the invoice on Monday.", "en.irregular_past", [("sended", ("sent",))]),
    ("You will able to log in tomorrow.", "en.missing_be", [("able", ("be able",))]),
    ("Our costumer service team is here.", "en.word_confusion", [("costumer", ("customer",))]),
    ("We don't want you to loose any data.", "en.word_confusion", [("loose", ("lose",))]),
    ("Could you explain about the fee?", "en.preposition", [("about", ())]),
])
def test_usage_errors(text: str, rule: str, expected: list) -> None:
    """Each usage rule flags its error with the correction."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("The new plan is cheaper and more flexible.", "en.double_comparative"),
    ("This is the most honest answer we can give.", "en.double_comparative"),
    ("We can't say no to a good idea.", "en.double_negative"),
    ("It doesn't matter, no worries.", "en.double_negative"),
    ("We don't know, no matter how often we check.", "en.double_negative"),
    ("It is possible to move the appointment.", "en.missing_subject"),
    ("Is it possible to move the appointment?", "en.missing_subject"),
    ("There were many problems with the update.", "en.quantifier"),
    ("We need much more information.", "en.quantifier"),
    ("It costs no less than the old plan.", "en.quantifier"),
    ("Yesterday we sent you a new code.", "en.past_tense"),
    ("Yesterday you mentioned a refund, and today we send it.", "en.past_tense"),
    ("We sent the invoice on Monday.", "en.irregular_past"),
    ("You will be able to log in tomorrow.", "en.missing_be"),
    ("A loose cable caused the fault.", "en.word_confusion"),
    ("Could you explain the fee?", "en.preposition"),
])
def test_usage_near_misses(text: str, rule: str) -> None:
    """Correct sentences close to each usage error stay clean."""
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We will happy to help you with the booking.", [("happy", ("be happy",))]),
    ("The new card will ready on Monday.", [("ready", ("be ready",))]),
    ("The replacement could not available before May.", [("available", ("be available",))]),
])
def test_be_missing_between_modal_and_adjective(text: str, expected: list) -> None:
    """A modal before a word that can only be an adjective needs "be"."""
    assert spans(text, "en.missing_be") == expected


@pytest.mark.parametrize("text", [
    "We will soon send the new card.",  # an adverb
    "You can only pay by card.",
    "We will be happy to help.",
    "The courier will deliver on Monday.",
])
def test_modal_before_adverb_or_verb(text: str) -> None:
    """Adverbs and verbs after a modal need no "be"."""
    assert spans(text, "en.missing_be") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I am agree that the delay was too long.", [("am agree", ("agree",))]),
    ("The price is depend on the size of the parcel.", [("is depend", ("depends",))]),
    ("Some customers are not agree with the new fee.", [("are not agree", ("do not agree",))]),
    ("I'm agree with you.", [("I'm agree", ("I agree",))]),
])
def test_be_before_base_verb(text: str, expected: list) -> None:
    """"am/is/are" before a verb's base form is one verb too many."""
    assert spans(text, "en.be_base_verb") == expected


@pytest.mark.parametrize("text", [
    "All you need to do is click the link in the message.",  # a base verb after "do ... is"
    "What we can do is contact the courier for you.",
    "The old receipts are found in the app.",  # "found" is also a past participle
    "The problem is that we agree.",
    "We are happy to help.",
])
def test_be_before_participle_or_after_do(text: str) -> None:
    """Pseudo-clefts with "do", participles that look like base forms, and adjectives pass."""
    assert spans(text, "en.be_base_verb") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("We can to help you with the return.", "en.modal_to", [("to", ())]),
    ("You should not to pay twice for the same order.", "en.modal_to", [("to", ())]),
    ("It can the fastest way to get a refund.", "en.missing_be", [("the", ("be the",))]),
    ("The important is to keep the receipt.", "en.missing_noun", [("The important", ("The important thing",))]),
    ("There are not anything wrong with your card.", "en.there_is_plural", [("are", ("is",))]),
    ("We can learn you how to use the app.", "en.word_confusion", [("learn", ("teach",))]),
])
def test_modal_and_noun_phrase_slips(text: str, rule: str, expected: list) -> None:
    """"can to", a modal before a noun phrase, an adjective for a noun, "there are anything", "learn you how"."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("We will be able to help you.", "en.modal_to"),
    ("Our willingness to help is the same.", "en.modal_to"),
    ("Can the courier come on Friday?", "en.missing_be"),
    ("You will a receive a code.", "en.missing_be"),  # a stray article, not a missing "be"
    ("The best is yet to come.", "en.missing_noun"),
    ("The same is true for gift cards.", "en.missing_noun"),
    ("There are a lot of options and there is nothing to pay.", "en.there_is_plural"),
    ("You can learn them by heart.", "en.word_confusion"),
])
def test_modal_and_noun_phrase_right(text: str, rule: str) -> None:
    """Questions, nominal superlatives, "there are a lot of" and "learn them" (the words) are right."""
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Without a backup we will loss the photos.", "en.word_confusion", [("loss", ("lose",))]),
    ("Please let us know weather you want a refund.", "en.word_confusion", [("weather", ("whether",))]),
    ("We are looking in to it right now.", "en.word_confusion", [("in to", ("into",))]),
    ("I am writing regarding to your invoice.", "en.preposition", [("regarding to", ("regarding",))]),
    ("The new price looks to high he said.", "en.too", [("to high", ("too high",))]),
])
def test_real_word_slips_in_replies(text: str, rule: str, expected: list) -> None:
    """Words a speller accepts but the context rules out: loss/lose, weather/whether, in to, regarding to, to/too."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("The loss of the photos is on us.", "en.word_confusion"),
    ("Check the weather before you travel.", "en.word_confusion"),
    ("Come in to the shop and we will help.", "en.word_confusion"),
    ("It went from cheap to high in a week.", "en.too"),
    ("We want to get to know you.", "en.too"),
])
def test_real_words_where_they_belong(text: str, rule: str) -> None:
    """The same words in their own sense pass."""
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("We look forward to hear from you.", "en.gerund_after", [("hear", ("hearing",))]),
    ("Please avoid to use the old card.", "en.gerund_after", [("use", ("using",))]),
    ("We enjoy to help our members.", "en.gerund_after", [("help", ("helping",))]),
    ("The delay made me to wait for an hour.", "en.no_to", [("to", ())]),
    ("We suggest you to restart the router.", "en.suggest_that", [("suggest you to", ("suggest that you",))]),
    ("Our Tampere store is biggest store in the chain.", "en.superlative_the", [("biggest store", ("the biggest store",))]),
    ("That is most reliable way to pay.", "en.superlative_the", [("most reliable way", ("the most reliable way",))]),
    ("The fee is the same like last year.", "en.preposition", [("like", ("as",))]),
    ("You can contact to us by phone.", "en.preposition", [("to", ("",))]),
])
def test_verb_patterns_of_learners(text: str, rule: str, expected: list) -> None:
    """-ing after "enjoy", "avoid" and "look forward to"; "made me wait"; "suggest that you";
    "the" before a superlative; "the same as"; "contact us"."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("We look forward to the meeting.", "en.gerund_after"),
    ("Such claims are considered to be urgent.", "en.gerund_after"),
    ("There is a risk to lose data.", "en.gerund_after"),
    ("Please keep in mind to bring the receipt.", "en.gerund_after"),
    ("He was honest man about it.", "en.superlative_the"),  # no superlative (another error)
    ("It is most likely to arrive on Friday.", "en.superlative_the"),
    ("This is the best way to reach us.", "en.superlative_the"),
    ("Your contact to the bank is Anna.", "en.preposition"),
])
def test_verb_patterns_right(text: str, rule: str) -> None:
    """Nouns, passives, "in mind to", words in -est that are no superlatives and "your contact to" pass."""
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We have received your email yesterday.", [("have received", ("received",))]),
    ("I have spoken with the warehouse last week, and they confirmed it.", [("have spoken", ("spoke",))]),
    ("We've sent the new card two days ago.", [("We've sent", ("We sent",))]),
])
def test_present_perfect_with_finished_past_time(text: str, expected: list) -> None:
    """A finished past time ("yesterday", "last week", "two days ago") takes the simple past."""
    assert spans(text, "en.past_tense") == expected


@pytest.mark.parametrize("text", [
    "Have you received the email we sent yesterday?",  # a question; the time belongs to "sent"
    "You have the email we sent yesterday.",
    "We have been waiting for the courier since yesterday.",
    "The courier should have called you yesterday.",  # a modal perfect
    "The parcel seems to have left two days ago.",  # a perfect infinitive
    "We have checked last month's invoice.",  # "last month's" names the invoice
])
def test_present_perfect_right(text: str) -> None:
    """Questions, other clauses' times, "since", modal and infinitive perfects and possessives pass."""
    assert spans(text, "en.past_tense") == []


def test_compared_with_and_consider_as() -> None:
    """"Comparing with" opening a sentence is "Compared with"; "consider it as a" drops "as"."""
    assert spans("Comparing with last year, prices are up.", "en.participle") == [("Comparing", ("Compared",))]
    assert spans("We consider it as a priority.", "en.preposition") == [("as", ("",))]
    assert spans("We regard it as a priority. Comparing prices is easy.", "en.participle") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("We will become an answer from the warehouse tomorrow.", "en.word_confusion", [("become", ("get",))]),
    ("Could you control whether the serial number matches?", "en.word_confusion", [("control", ("check",))]),
])
def test_swedish_and_finnish_false_friends(text: str, rule: str, expected: list) -> None:
    """"become a refund" (Swedish "få") is "get a refund"; "control that" (kontrollera) is "check that"."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize("text", [
    "The delay will become a problem for many of you.",
    "Please control your dog in the shop.",
])
def test_become_and_control_in_their_own_sense(text: str) -> None:
    assert spans(text, "en.word_confusion") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("When I was at the shop, I pay with my card.", [("pay", ("paid",))]),
    ("When we were in Oulu last spring, we visit the store.", [("visit", ("visited",))]),
])
def test_present_after_a_when_clause_about_the_past(text: str, expected: list) -> None:
    """"When I was ..." sets a past time for the clause after its comma; "visit" becomes "visited"."""
    assert spans(text, "en.past_tense") == expected


def test_verb_forms_double_only_a_stressed_final_consonant() -> None:
    """"stop" -> "stopped", "prefer" -> "preferred", but "visit" -> "visited", "offer" -> "offering"."""
    from qa_app.grading.analyzers.grammar_en_base import ing_form, preferred_past, regular_pasts

    assert [preferred_past(v) for v in ("stop", "prefer", "visit", "offer")] == ["stopped", "preferred", "visited", "offered"]
    assert [ing_form(v) for v in ("chat", "visit", "use", "lie")] == ["chatting", "visiting", "using", "lying"]
    assert regular_pasts("travel") == {"traveled", "travelled"}
    assert regular_pasts("stop") == {"stopped"}


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("I am very interesting in the new offer.", "en.word_confusion", [("interesting", ("interested",))]),
    ("Thank you for you message and the photos.", "en.your_youre", [("you", ("your",))]),
    ("We can offer you 15% discount on the next order.", "en.missing_article",
     [("15% discount", ("a 15% discount",))]),
])
def test_common_reply_slips(text: str, rule: str, expected: list) -> None:
    """"interesting in" for a person, "for you message", and a sized discount without "a"."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize(("text", "rule"), [
    ("The new plan is interesting in many ways.", "en.word_confusion"),
    ("Thank you for you and your team's help.", "en.your_youre"),
    ("We offer a 15% discount to members.", "en.missing_article"),
    ("Are you interested in the upgrade?", "en.missing_be"),  # a question puts "are" first
    ("Were they happy with the repair?", "en.missing_be"),
])
def test_common_reply_slips_right(text: str, rule: str) -> None:
    assert spans(text, rule) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("It very easy to change the date online.", [("It very easy", ("It is very easy",))]),
    ("We so grateful for your patience.", [("We so grateful", ("We are so grateful",))]),
])
def test_degree_word_and_adjective_without_be(text: str, expected: list) -> None:
    assert spans(text, "en.missing_be") == expected


@pytest.mark.parametrize("text", [
    "It is very easy to change the date online.",
    "You will find it very easy to use.",  # "it" is an object here
    "It very likely arrives tomorrow.",  # "likely" before a verb is an adverb
    "We really appreciate your patience.",
])
def test_degree_word_with_verb(text: str) -> None:
    assert spans(text, "en.missing_be") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I seen the photos you sent.", [("seen", ("have seen",))]),
    ("She already done the paperwork.", [("done", ("has done",))]),
    ("As you all known, the shop moves in May.", [("known", ("have known",))]),
])
def test_participle_without_have(text: str, expected: list) -> None:
    assert spans(text, "en.participle") == expected


@pytest.mark.parametrize("text", [
    "I have seen the photos you sent.",
    "I saw the photos you sent.",
    "Let us know when you come over.",  # "come" is also the base form
    "The photos we have taken are attached.",
])
def test_participle_with_have_or_past(text: str) -> None:
    assert spans(text, "en.participle") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A new cable will make it works again.", [("works", ("work",))]),
    ("Please let me knows the time.", [("knows", ("know",))]),
    ("We let the courier decides the route.", [("decides", ("decide",))]),
])
def test_s_form_after_let_make_object(text: str, expected: list) -> None:
    assert spans(text, "en.base_form") == expected


@pytest.mark.parametrize("text", [
    "A new cable will make it work again.",
    "We make them sweets for the holidays.",  # a plural noun, not a verb
    "It helps them plan ahead.",
])
def test_base_form_after_let_make_object(text: str) -> None:
    assert spans(text, "en.base_form") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("You got the voucher code, didn't you.", [("didn't you.", ("didn't you?",))]),
    ("The app is updated now, isn't it.", [("isn't it.", ("isn't it?",))]),
])
def test_question_tag_needs_question_mark(text: str, expected: list) -> None:
    assert spans(text, "en.tag_question") == expected


def test_question_tag_with_question_mark() -> None:
    assert spans("You got the voucher code, didn't you?", "en.tag_question") == []
    assert spans("We checked it, and it wasn't.", "en.tag_question") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We hope you enjoy in your stay.", [("in", ())]),
    ("Many customers enjoyed in it.", [("in", ())]),
])
def test_enjoy_takes_its_object_directly(text: str, expected: list) -> None:
    assert spans(text, "en.preposition") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Could you tell me where is the charger plugged in?", [("where is the", ())]),
    ("Please let us know when can we collect the bike.", [("when can we", ())]),
    ("Do you know which model did you buy?", [("which model did you", ())]),
    ("I'm not sure how much does the repair cost.", [("how much does the", ())]),
])
def test_question_inside_a_sentence_keeps_statement_order(text: str, expected: list) -> None:
    assert spans(text, "en.embedded_question") == expected


@pytest.mark.parametrize("text", [
    "Could you tell me where the charger is plugged in?",
    "Please let us know when we can collect the bike.",
    "Please tell me which cable is missing.",  # "which cable" is the subject
    "Where is the charger? Tell me, please.",
])
def test_embedded_question_in_order(text: str) -> None:
    assert spans(text, "en.embedded_question") == []
