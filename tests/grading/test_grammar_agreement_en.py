"""Tests for the English agreement rules of the seventh pass: a plural subject with a singular verb,
a singular noun with a plural verb after who/that, "most of" + a bare plural, and a capital
function word before "I" inside a sentence."""

from __future__ import annotations

import pytest

from .en_rule_spans import spans


@pytest.mark.parametrize(("text", "expected"), [
    ("The invoices is attached to this message.", [("is", ("are",))]),
    ("I can see that your parcels was handed to the courier.", [("was", ("were",))]),
    ("Because damaged items is not covered, we sent a new one.", [("is", ("are",))]),
    ("Our new prices has been on the website since May.", [("has", ("have",))]),
    ("The orders is ready for collection.", [("is", ("are",))]),
    ("People was waiting in the queue for an hour, and that is on us.", []),  # a capital: not read
    ("We know that people was waiting too long.", [("was", ("were",))]),
])
def test_plural_subject_with_singular_verb(text: str, expected: list) -> None:
    """A plural noun opening its clause, perhaps after a determiner and an adjective, takes a plural verb."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "One of the reasons is the storm in Oulu.",
    "The number of calls is higher on Mondays.",
    "Checking the receipts is the first step.",
    "Our terms and conditions is the document you signed.",
    "The news is good: the order has shipped.",
    "The invoices are attached to this message.",
    "This returns the device to its factory settings.",
    "Each of the payments is shown on your statement.",
])
def test_plural_noun_not_the_subject(text: str) -> None:
    """"one of the reasons", "the number of calls", a gerund, a title, "news" and a verb in -s pass."""
    assert spans(text, "en.agreement") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We are looking for a customer who are happy to test the app.", [("are", ("is",))]),
    ("Every order that have a tracking code shows it here.", [("have", ("has",))]),
    ("She is an agent who don't give up.", [("don't", ("doesn't",))]),
])
def test_singular_noun_with_plural_relative_verb(text: str, expected: list) -> None:
    """One singular noun ("a customer", "every order") then who/that takes a singular verb."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "We are looking for a customer who is happy to test the app.",
    "A team who are this helpful deserves thanks.",
    "A lot of people who have called today got through.",
    "A couple that were travelling together asked for one booking.",
    "Customers who are waiting will hear from us.",
])
def test_relative_verb_agrees(text: str) -> None:
    """The singular verb, group nouns ("a team", "a lot", "a couple") and plural nouns pass."""
    assert spans(text, "en.agreement") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Most of customers get their refund in a week.", [("Most of customers", ("Most customers",))]),
    ("We answer many of questions by chat.", [("many of questions", ("many questions",))]),
    ("None of orders were lost.", [("None of orders", ("None of the orders",))]),
    ("Some of people asked for a paper copy.", [("Some of people", ("Some people",))]),
])
def test_quantifier_of_bare_plural(text: str, expected: list) -> None:
    """"most of", "many of", "none of" + a plural noun with no determiner."""
    assert spans(text, "en.of_determiner") == expected


@pytest.mark.parametrize("text", [
    "Most of our customers get their refund in a week.",
    "Most customers get their refund in a week.",
    "The majority of customers pay by card.",
    "Many of them asked for a paper copy.",
    "Some of these orders were lost.",
    "All of us are sorry for the wait.",
])
def test_quantifier_of_with_determiner(text: str) -> None:
    """A determiner or a pronoun after "of", no "of" at all, or "the majority of" pass."""
    assert spans(text, "en.of_determiner") == []


def test_capital_function_word_before_i() -> None:
    """"…, When I" is a capital inside a sentence even though "I" itself is a capital."""
    assert spans("Sorry about that, When I checked the order it had left.",
                 "en.capital_mid_sentence") == [("When", ("when",))]
    assert spans("It happened because If I had known, I would have called.",
                 "en.capital_mid_sentence") == [("If", ("if",))]
    assert spans("Sorry about that, when I checked the order it had left.", "en.capital_mid_sentence") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("I sorry for the late reply.", [("I sorry", ("I am sorry",))]),
    ("We happy to help with the booking.", [("We happy", ("We are happy",))]),
    ("If she unable to log in, she can call us.", [("she unable", ("she is unable",))]),
])
def test_pronoun_and_adjective_without_verb(text: str, expected: list) -> None:
    """A subject pronoun straight before "sorry", "happy", "unable" … lacks am/are/is."""
    assert spans(text, "en.missing_be") == expected


@pytest.mark.parametrize("text", [
    "I am sorry for the late reply.",
    "The new app makes you happy, we hope.",
    "I sure hope the parcel arrives today.",
    "It will keep them busy for a while.",
    "Thank you kindly.",
])
def test_pronoun_as_object_or_sure_as_adverb(text: str) -> None:
    """The verb there, a pronoun as an object ("makes you happy") and "I sure hope" pass."""
    assert spans(text, "en.missing_be") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Sorry, it is to late to change the address.", [("to late", ("too late",))]),
    ("The delivery fee was to high.", [("to high", ("too high",))]),
    ("The form is to complicated for most people.", [("to complicated", ("too complicated",))]),
])
def test_to_for_too(text: str, expected: list) -> None:
    """"to" before a degree word where the phrase ends there means "too"."""
    assert spans(text, "en.too") == expected


@pytest.mark.parametrize("text", [
    "It is too late to change the address.",
    "We sent the survey to many customers.",
    "Prices go from cheap to expensive.",
    "We hold our partners to high standards.",
    "The queue went from short to long.",
    "Please come back to Long Beach.",
])
def test_to_as_a_preposition(text: str) -> None:
    """"too" itself, "to" + a noun phrase, a range and a capitalised name pass."""
    assert spans(text, "en.too") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("One of our technicians are coming on Friday.", [("are", ("is",))]),
    ("Each of the rooms have a safe.", [("have", ("has",))]),
    ("Neither of the chargers were in the box.", [("were", ("was",))]),
])
def test_one_of_with_plural_verb(text: str, expected: list) -> None:
    """"one/each/neither of" + a plural noun phrase keeps the singular verb of "one"."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "One of our technicians is coming on Friday.",
    "One of the people who are waiting can go first.",
    "We had one of our technicians have a look at it.",
    "Each of them is signed.",
])
def test_one_of_agrees(text: str) -> None:
    """The singular verb, a relative clause and "one of" as an object ("had one of … have a look") pass."""
    assert spans(text, "en.agreement") == []


@pytest.mark.parametrize(("text", "rule", "expected"), [
    ("Good news: you're parcel is on its way.", "en.your_youre", [("you're", ("your",))]),
    ("Thanks, and its arriving tomorrow.", "en.its_its", [("its", ("it's",))]),
    ("Great, your receiving the voucher by email.", "en.your_youre", [("your", ("you're",))]),
])
def test_possessive_and_contraction_swapped(text: str, rule: str, expected: list) -> None:
    """"you're" before a thing the reader owns; "its"/"your" before a verb in -ing and its object."""
    assert spans(text, rule) == expected


@pytest.mark.parametrize("text", [
    "Good news: your parcel is on its way.",
    "You're booking a table for two.",
    "Its opening hours are short.",
    "Thanks for your booking the other day.",
    "Your shipping address is missing.",
])
def test_possessive_and_contraction_right(text: str) -> None:
    """The right forms, "you're booking" (a verb), a gerund noun and a preposition before "your" pass."""
    assert spans(text, "en.your_youre") == [] and spans(text, "en.its_its") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Please bring a ID with you.", [("a", ("an",))]),
    ("We sent a SMS to your number.", [("a", ("an",))]),
    ("Attach an PDF of the receipt.", [("an", ("a",))]),
])
def test_article_before_a_spelled_acronym(text: str, expected: list) -> None:
    """An acronym read letter by letter takes the article of its first letter's name."""
    assert spans(text, "en.article") == expected


@pytest.mark.parametrize("text", [
    "Please bring an ID with you.", "We sent an SMS.", "Attach a PDF.", "It is a UK number.",
    "Open a URL.", "Join a NATO project.", "It was an honest mistake.",
])
def test_article_before_acronyms_right(text: str) -> None:
    """The right article, and acronyms read as words ("a URL", "a NATO"), which the rule does not judge."""
    assert spans(text, "en.article") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The cost of the two repairs have been refunded.", [("have", ("has",))]),
    ("The list of open tickets for your team are below.", [("are", ("is",))]),
    ("The rooms on the top floor is ready.", [("is", ("are",))]),
])
def test_verb_agrees_with_head_before_a_phrase(text: str, expected: list) -> None:
    """The verb after "the cost of …", "the rooms on …" agrees with the head noun, not the phrase's last noun."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "The cost of the two repairs has been refunded.",
    "A number of customers are waiting.",
    "The majority of our orders are shipped the same day.",
    "The photos of the box you sent are clear.",
    "The rooms on the top floor are ready.",
])
def test_head_and_verb_agree(text: str) -> None:
    """The right verb, group nouns ("a number of", "the majority of") and a clause inside the phrase pass."""
    assert spans(text, "en.agreement") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We can borrow you a charger until Monday.", [("borrow", ("lend",))]),
    ("The form is quiet easy to fill in.", [("quiet", ("quite",))]),
    ("Unfortunately we cannot except returns after 30 days.", [("except", ("accept",))]),
])
def test_words_confused_with_a_neighbour(text: str, expected: list) -> None:
    """borrow/lend (one verb in Finnish), quiet/quite, except/accept."""
    assert spans(text, "en.word_confusion") == expected


@pytest.mark.parametrize("text", [
    "You can borrow a charger from the front desk.",
    "The hotel is on a quiet street.",
    "We open every day except Sunday.",
])
def test_right_words_pass(text: str) -> None:
    assert spans(text, "en.word_confusion") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Please reply this message with your order number.", [("this", ("to this",))]),
    ("The key goes in the box in the end of your stay.", [("in", ("at",))]),
    ("You can apply to a refund on our website.", [("to", ("for",))]),
])
def test_prepositions_of_service_phrases(text: str, expected: list) -> None:
    """reply to a message, at the end of, apply for a refund."""
    assert spans(text, "en.preposition") == expected


@pytest.mark.parametrize("text", [
    "Please reply to this message.", "In the end, the parcel arrived.", "You can apply to the tribunal.",
    "Apply for a refund on our website.",
])
def test_service_prepositions_right(text: str) -> None:
    assert spans(text, "en.preposition") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("If the courier arrive before noon, please sign for the parcel.", [("arrive", ("arrives",))]),
    ("Once the landlord approve the repair, we will book a date.", [("approve", ("approves",))]),
    ("Unfortunately, insurance exclude wear and tear.", [("exclude", ("excludes",))]),
    ("Our driver usually deliver on Tuesdays.", [("deliver", ("delivers",))]),
    ("Because the invoice contain the old address, we will send a new one.", [("contain", ("contains",))]),
    ("It seem that the payment failed.", [("seem", ("seems",))]),
])
def test_singular_noun_subject_with_base_verb(text: str, expected: list) -> None:
    """A singular common noun opening its clause, alone or after a determiner, takes the verb's -s form;
    adverbs in between are skipped."""
    assert spans(text, "en.agreement") == expected


@pytest.mark.parametrize("text", [
    "We recommend that the customer contact us first.",  # a subjunctive after "that"
    "Please let the technician know the door code.",  # "let" + object + base verb
    "Salt and pepper taste good together.",  # a subject of two nouns
    "The support team want to hear from you.",  # a group noun, British plural
    "Our order form asks for your phone number.",  # "form" may be a verb: a compound noun here
    "The salad bar is open until nine.",  # "bar is": a compound noun, whatever the lexicon says
    "Every day we ship about a thousand parcels.",  # a time adverbial, not a subject
    "Does the courier arrive before noon?",  # a question: the auxiliary carries the number
    "God bless you for your patience.",  # a set phrase
    "Reply to this message, or enter the code in the app.",  # the lexicon's noun "or" (operating room)
    "The courier arrives before noon.",
])
def test_singular_noun_without_agreement_error(text: str) -> None:
    """Subjunctives, objects of "let", compound subjects and nouns, group nouns, time phrases and
    questions keep their base verb."""
    assert spans(text, "en.agreement") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("We have hired many new technician this autumn.", [("technician", ("technicians",))]),
    ("A lot of passenger asked about the delay.", [("passenger", ("passengers",))]),
    ("These important invoice should be kept for two years.", [("invoice", ("invoices",))]),
    ("Three new customer every week ask the same.", [("customer", ("customers",))]),
])
def test_plural_needed_after_quantifier_and_adjective(text: str, expected: list) -> None:
    """After a plural quantifier, "a lot of", "these" or "those", an only-countable noun is plural,
    adjectives in between or not."""
    assert spans(text, "en.plural_needed") == expected


@pytest.mark.parametrize("text", [
    "We have hired many new technicians this autumn.",
    "A lot of time went into the new schedule.",  # "time" is also uncountable
    "Both driver and passenger signed the form.",  # "both ... and"
    "Check these out: the new opening hours.",  # a particle, not a noun
    "These work well with the older model.",  # "these" as a subject, "work" a verb
    "Those new rules apply from Monday.",
])
def test_plural_not_needed(text: str) -> None:
    """Uncountable nouns, "both ... and", particles and "these" as a pronoun stay as they are."""
    assert spans(text, "en.plural_needed") == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("We apology for the delay with your order.", "apology"),
    ("If they success in fixing the line, you will get a message.", "success"),
])
def test_noun_where_the_verb_should_be(text: str, flagged: str) -> None:
    """A subject pronoun followed by a word that can only be a singular noun lacks its verb."""
    assert [span for span, _ in spans(text, "en.noun_for_verb")] == [flagged]


@pytest.mark.parametrize("text", [
    "We apologise for the delay with your order.",
    "We customers expect a reply within a day.",  # a plural noun in apposition
    "Thank you, we ourselves checked the parcel.",
    "You idiot, said the sticker on the box.",  # "you" is left alone
])
def test_pronoun_before_verb_or_apposition(text: str) -> None:
    """Verbs, plural nouns and reflexives after a pronoun, and anything after "you", pass."""
    assert spans(text, "en.noun_for_verb") == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Some customers cannot log in on certain device.", "device"),
    ("These problem should be solved by Friday.", "problem"),
])
def test_plural_after_certain_and_these(text: str, flagged: str) -> None:
    """"certain" with no article, and "these", take a plural countable noun."""
    assert [span for span, _ in spans(text, "en.plural_needed")] == [flagged]


@pytest.mark.parametrize("text", [
    "A certain customer called twice today.",
    "Make certain the door is locked.",
    "These answer most of your questions.",  # "these" as a subject, "answer" a verb
])
def test_certain_and_these_right(text: str) -> None:
    """"a certain", "make certain" and "these" as a pronoun pass."""
    assert spans(text, "en.plural_needed") == []
