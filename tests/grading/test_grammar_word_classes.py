"""Tests for word classes the spellers flagged wrongly in clean text (issue 11 §5, third pass).

Each rule has correct text it now leaves alone and an error of the same shape it still flags.
"""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.analyzers.grammar_backends import _spelling_variant
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def grammar() -> GrammarAnalyzer:
    return GrammarAnalyzer()


def rules_on(grammar: GrammarAnalyzer, text: str, language: str) -> dict[str, str]:
    """Return {flagged span: rule id} for `text` graded as an e-mail reply."""
    found = grammar.analyze(Document.build(text, language), GradingContext("email", None)).findings
    return {text[f.start:f.end]: f.rule for f in found}


# --- Finnish spelling ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sovelluksen beta-versio on nyt ladattavissa.",
    "Avaamme chat-palvelun ensi viikolla.",
    "Myymälä on kiinni huhti- ja toukokuussa.",
    "Saat syys-/lokakuussa alennuksen.",
    "Soita meille (puh. 040 123 4567) arkisin.",
    "Tilauksesi on toimituserässä nr. 5 tällä viikolla.",
])
def test_foreign_heads_truncated_compounds_and_abbreviations_pass(grammar: GrammarAnalyzer, text: str) -> None:
    """A foreign first part before a hyphen, a compound part whose shared tail a hyphen stands for
    and a short abbreviation inside a sentence are not misspellings."""
    assert "voikko.spelling" not in rules_on(grammar, text, "fi").values()


@pytest.mark.parametrize(("text", "word"), [
    ("Pahoittelemme asikas-palvelun viivettä.", "asikas-palvelun"),  # a typo of a Finnish head
    ("Kiitos asiakas-palvelulle.", "asiakas-palvelulle"),  # a native compound needs no hyphen
    ("Valitetavasti emme voi auttaa.", "Valitetavasti"),
    ("Toimitamme paketin huomena.", "huomena"),
    ("Viesti lähti eilen. Tilaukesi on matkalla.", "Tilaukesi"),
])
def test_finnish_typos_of_the_same_shapes_are_still_flagged(grammar: GrammarAnalyzer, text: str, word: str) -> None:
    """Typos in hyphened compounds and ordinary typos keep their spelling finding."""
    assert rules_on(grammar, text, "fi").get(word) == "voikko.spelling"


def test_a_hyphen_without_a_shared_part_is_no_truncated_compound(grammar: GrammarAnalyzer) -> None:
    """A misspelled word before a hyphen and "ja" passes only when it completes the next compound."""
    assert rules_on(grammar, "Myymälä on kiinni huhi- ja toukokuussa.", "fi").get("huhi") == "voikko.spelling"


# --- Finnish split compounds and Voikko's grammar rules --------------------------------------

@pytest.mark.parametrize("text", [
    "Käymme läpi tilauksesi tiedot.",
    "Päivystys on auki joka keskiviikko kello 15.",
    "Hän lainasi multa kirjan.",
    "Asiakas aika hyvin tyytyväinen.",
])
def test_adverbs_spoken_pronouns_and_clock_times_are_no_split_compounds(grammar: GrammarAnalyzer, text: str) -> None:
    """"läpi" as an adverb, a spoken pronoun and a weekday before a clock time are not compounds written apart."""
    assert "fi.split_compound" not in rules_on(grammar, text, "fi").values()


@pytest.mark.parametrize("text", ["Asiakas palvelu vastaa pian.", "Herätys kello soi.", "Aika varaus on vahvistettu.",
                                  "Toimitus aika on kaksi viikkoa."])
def test_compounds_written_apart_are_still_split_compounds(grammar: GrammarAnalyzer, text: str) -> None:
    """Nouns that belong together are still flagged, "kello" too when no time follows."""
    assert "fi.split_compound" in rules_on(grammar, text, "fi").values()


def test_a_heading_in_capitals_needs_no_full_stop(grammar: GrammarAnalyzer) -> None:
    """A line in capitals between punctuated sentences is a heading and takes no full stop."""
    text = ("Tarkistimme tilauksesi.\nTILAUKSEN TIEDOT JA TOIMITUKSEN ARVIOITU AIKATAULU\n"
            "Paketti lähtee varastolta huomenna aamulla.")
    assert "voikko.gc9" not in rules_on(grammar, text, "fi").values()


def test_a_forgotten_full_stop_in_lowercase_is_still_flagged(grammar: GrammarAnalyzer) -> None:
    """The same line in ordinary case among punctuated sentences is still missing its full stop."""
    text = ("Tarkistimme tilauksesi.\nTilauksen tiedot ja toimituksen arvioitu aikataulu ovat alla\n"
            "Paketti lähtee varastolta huomenna aamulla.")
    assert "voikko.gc9" in rules_on(grammar, text, "fi").values()


def test_a_lowercase_word_after_a_one_letter_abbreviation_starts_no_sentence(grammar: GrammarAnalyzer) -> None:
    """After "4 b." the full stop belongs to the abbreviation, so the next word needs no capital."""
    text = "Asia on käsitelty sopimuksen kohdassa 4 b. liitteineen ja ehtoineen."
    assert "voikko.gc7" not in rules_on(grammar, text, "fi").values()


def test_a_lowercase_sentence_start_after_a_word_is_still_flagged(grammar: GrammarAnalyzer) -> None:
    """After an ordinary word and its full stop a lowercase start still needs its capital."""
    assert rules_on(grammar, "Tilaus vahvistettiin. toimitus lähtee huomenna.", "fi").get("toimitus") == "voikko.gc7"


def test_an_inflected_abbreviation_with_its_full_stop_is_valid(grammar: GrammarAnalyzer) -> None:
    """".:" in "U.S.A.:sta" is an abbreviation's case ending, not a sentence starting with a colon."""
    assert "voikko.gc5" not in rules_on(grammar, "Paketti tuli U.S.A.:sta eilen.", "fi").values()


# --- English spelling ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I have cancelled your order and refunded the full amount.",
    "We realised the catalogue was out of date.",
    "Your favourite colour is back in stock at our centre.",
    "Please restart the router and check the wx10 model.",
    "Our co-ordinator will call you tomorrow.",
    "We would like to re-start the process.",
    "The ebook is attached.",
])
def test_british_spellings_codes_and_hyphen_variants_pass(grammar: GrammarAnalyzer, text: str) -> None:
    """British spellings, model codes with digits and hyphenated or joined variants are not misspellings."""
    assert not {"harper.Spelling", "harper.Typo"} & set(rules_on(grammar, text, "en").values())


@pytest.mark.parametrize(("text", "word"), [
    ("I recieve your order yesterday.", "recieve"),
    ("We will deliver it untill Friday.", "untill"),
    ("The colur is wrong.", "colur"),
    ("Thank you for your pateince.", "pateince"),
])
def test_english_typos_are_still_flagged(grammar: GrammarAnalyzer, text: str, word: str) -> None:
    """Typos of common words keep a finding, "untill" (not a British "ll") too."""
    assert word in rules_on(grammar, text, "en")


@pytest.mark.parametrize(("word", "suggestion", "variant"), [
    ("travelling", "traveling", True), ("licence", "license", True), ("analyse", "analyze", True),
    ("untill", "until", False), ("ordre", "order", False), ("helpfull", "helpful", False),
    ("re-boot", "reboot", True), ("over cooked", "overcooked", False),
])
def test_spelling_variants_are_narrow(word: str, suggestion: str, variant: bool) -> None:
    """Only regular British endings and an added or dropped hyphen count as variants."""
    assert _spelling_variant(word, (suggestion,)) is variant


# --- English grammar and formatting ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Please check your voice mail and our web site.",
    "Our manager Dick Brown will call you.",
    "We spoke to ten customers, most of whom were happy.",
    "Your parcel from Acme Inc. is on its way.",
    "We spent our holiday in Bora Bora last year.",
    "Thanks for your patience -",
    "I will ask the warehouse ...",
    "The driver wrote that the parcel was left at the door.\"",  # closes a quote of an earlier message
])
def test_open_compounds_names_whom_abbreviations_and_spaced_dashes_pass(grammar: GrammarAnalyzer, text: str) -> None:
    """Correct English of these shapes has no grammar finding."""
    assert rules_on(grammar, text, "en") == {}


@pytest.mark.parametrize(("text", "span"), [
    ("We checked the invoice. is it correct now?", "is"),
    ("Please check the the invoice.", "the the"),
    ("See you at the shop .", " "),
    ("Click \"Save to continue.", "\""),
])
def test_errors_of_the_same_shapes_are_still_flagged(grammar: GrammarAnalyzer, text: str, span: str) -> None:
    """A lowercase start after an ordinary full stop, a doubled function word, a space before a full
    stop and an unclosed opening quote keep their finding."""
    assert span in rules_on(grammar, text, "en")


# --- A name opening a sentence -----------------------------------------------------------------

def test_a_name_the_reply_also_uses_inside_a_sentence_is_a_name_at_its_start(grammar: GrammarAnalyzer) -> None:
    """"Maks" opening a sentence is the same name the reply uses later in the middle of one."""
    text = "Maks voi noutaa paketin huomenna. Lähetämme tekstiviestin, kun Maks voi hakea sen."
    assert "voikko.spelling" not in rules_on(grammar, text, "fi").values()


def test_a_capitalised_unknown_word_used_only_at_sentence_starts_is_still_checked(grammar: GrammarAnalyzer) -> None:
    """A typo that opens two sentences is not made a name by its capital ("Pahoitelemme")."""
    text = "Pahoitelemme viivettä. Pahoitelemme myös sitä, että vastaus viipyi."
    assert rules_on(grammar, text, "fi").get("Pahoitelemme") == "voikko.spelling"
    assert rules_on(grammar, "Maks voi noutaa paketin huomenna.", "fi") == {"Maks": "voikko.spelling"}
