"""Finnish spelling and Voikko grammar exemptions: compounds of two known parts, signature lines,
a name joined to a common word by a hyphen, a lexical compound written apart ("kotiin paluu"),
and lines that take no full stop or main verb (a dash sign-off, "label: value" rows, "Tässä …")."""

from __future__ import annotations

import pytest

from qa_app.grading.analyzers.grammar import GrammarAnalyzer
from qa_app.grading.analyzers.grammar_backends import compound_of_known_parts, verbless_formula
from qa_app.grading.context import GradingContext
from qa_app.grading.text import Document


@pytest.fixture(scope="module")
def grammar() -> GrammarAnalyzer:
    return GrammarAnalyzer()


def rules_on(grammar: GrammarAnalyzer, text: str) -> dict[str, str]:
    """Return {flagged span: rule id} for a Finnish e-mail `text`."""
    result = grammar.analyze(Document.build(text, "fi"), GradingContext("email", None))
    return {text[f.start:f.end]: f.rule for f in result.findings}


# --- compounds of two known parts ----------------------------------------------------------------

def test_a_new_compound_of_an_adverb_and_a_noun_is_no_typo(grammar: GrammarAnalyzer) -> None:
    """Voikko lacks "takaisinsoittopyyntö", but "takaisin" + "soittopyyntö" is a compound, not a typo."""
    assert compound_of_known_parts("takaisinsoittopyyntö")
    text = "Kirjasin takaisinsoittopyynnön, ja myyjämme soittaa sinulle huomenna."
    assert "voikko.spelling" not in rules_on(grammar, text).values()


def test_a_typo_that_splits_into_two_words_is_still_a_typo(grammar: GrammarAnalyzer) -> None:
    """"toimitusaluelila" splits into "toimitusalue" + "lila", but its neighbour one edit away,
    "toimitusalueilla", has no part boundary there: it is that word mistyped."""
    assert not compound_of_known_parts("toimitusaluelila")
    text = "Kuljetus on maksuton kaikilla toimitusaluelila tämän kuun ajan."
    assert rules_on(grammar, text).get("toimitusaluelila") == "voikko.spelling"


# --- signature lines -----------------------------------------------------------------------------

def test_a_job_title_in_the_signature_is_no_typo(grammar: GrammarAnalyzer) -> None:
    """A title Voikko lacks on a short line under the closing is part of the signature."""
    text = "Hei Liisa,\n\nkorjasimme laskun.\n\nYstävällisin terveisin\nPekka Laine\nkiinteistösihteerikkö"
    assert "voikko.spelling" not in rules_on(grammar, text).values()


def test_the_same_word_in_the_body_is_still_checked(grammar: GrammarAnalyzer) -> None:
    text = "Hei Liisa,\n\nkiinteistösihteerikkö korjasi laskun.\n\nYstävällisin terveisin\nPekka Laine"
    assert rules_on(grammar, text).get("kiinteistösihteerikkö") == "voikko.spelling"


def test_a_word_one_edit_from_a_common_word_is_a_typo_in_the_signature_too(grammar: GrammarAnalyzer) -> None:
    """"sihteri" is one edit from "sihteeri": a typo wherever it stands."""
    text = "Hei Liisa,\n\nkorjasimme laskun.\n\nYstävällisin terveisin\nPekka Laine\nsihteri"
    assert rules_on(grammar, text).get("sihteri") == "voikko.spelling"


# --- a name, a hyphen and a common word ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Lähetä Vero-päätös meille liitteenä.",  # a capitalised head inside a sentence is a name
    "Posti-paketti saapuu noutopisteeseen huomenna.",  # at a sentence start, a head Voikko knows as a name
])
def test_a_name_joined_to_a_common_word_is_no_typo(grammar: GrammarAnalyzer, text: str) -> None:
    assert "voikko.spelling" not in rules_on(grammar, text).values()


@pytest.mark.parametrize(("text", "word"), [
    ("Tilaus-vahvistus tulee sinulle erikseen.", "Tilaus-vahvistus"),  # a common noun opening the sentence
    ("Lasku-kopio lähti sinulle eilen.", "Lasku-kopio"),
    ("Lähetimme tilaus-vahvistuksen eilen.", "tilaus-vahvistuksen"),
])
def test_a_compound_wrongly_hyphenated_is_still_flagged(grammar: GrammarAnalyzer, text: str, word: str) -> None:
    """At a sentence start the capital says nothing: "tilaus" is a common noun and "tilausvahvistus" a word."""
    assert rules_on(grammar, text).get(word) == "voikko.spelling"


# --- a lexical compound written apart ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "pair"), [
    ("Kotiin paluu onnistuu junalla.", "Kotiin paluu"),
    ("Varaa kotiin paluu samalla kertaa.", "kotiin paluu"),
])
def test_a_lexical_compound_with_an_inflected_first_part_written_apart_is_flagged(
        grammar: GrammarAnalyzer, text: str, pair: str) -> None:
    """Voikko lists "kotiin=paluu": "kotiin" written apart from "paluu" is the split compound."""
    assert rules_on(grammar, text).get(pair) == "fi.split_compound"


@pytest.mark.parametrize("text", [
    "Kotiinpaluu onnistuu junalla.",
    "Tuomme paketin kotiin paluupäivänäsi.",  # "kotiin" belongs to the verb
])
def test_the_joined_compound_and_a_sentence_adverb_pass(grammar: GrammarAnalyzer, text: str) -> None:
    assert "fi.split_compound" not in rules_on(grammar, text).values()


# --- lines that take no full stop ------------------------------------------------------------------

def test_a_post_signed_after_a_dash_needs_no_full_stop(grammar: GrammarAnalyzer) -> None:
    text = "Hei,\n\ntilauksesi on lähetetty. Seuraa pakettia sovelluksessa. – Anna, asiakaspalvelu"
    assert "voikko.gc9" not in rules_on(grammar, text).values()


def test_a_sentence_continued_after_a_dash_still_needs_its_full_stop(grammar: GrammarAnalyzer) -> None:
    text = "Hei,\n\ntilauksesi on lähetetty. Seuraa pakettia sovelluksessa – se näyttää tilan\n\nTerveisin\nAnna"
    assert rules_on(grammar, text).get("tilan") == "voikko.gc9"


ROWS = ("Tilaus 4471, villasukat ja pipo: lähetetty tiistaina postin kautta\n"
        "Tilaus 4472, lapaset ja kaulahuivi: odottaa vielä varastossa\n")


def test_rows_of_label_and_value_need_no_full_stops(grammar: GrammarAnalyzer) -> None:
    """Two "label: value" rows in a row are a list, even with labels too long for a heading."""
    text = "Hei,\n\ntässä tilauksesi tila.\n\n" + ROWS + "\nTerveisin\nAnna"
    assert "voikko.gc9" not in rules_on(grammar, text).values()


def test_a_single_long_label_line_still_needs_its_full_stop(grammar: GrammarAnalyzer) -> None:
    text = "Hei,\n\ntässä tilauksesi tila.\n\n" + ROWS.split("\n")[0] + "\n\nTerveisin\nAnna"
    assert rules_on(grammar, text).get("kautta") == "voikko.gc9"


# --- "Tässä", "Ohessa", "Alla": a verbless line pointing at what follows ----------------------------

@pytest.mark.parametrize("sentence", [
    "Tässä tilauksesi tiedot ja toimitusosoite tarkistettavaksi.",
    "Ohessa lasku viime kuun huoltokäynnistä ja varaosista.",
    "Alla yhteenveto eilisestä puhelustamme ja sovituista asioista.",
])
def test_a_pointer_to_what_follows_is_a_formula(grammar: GrammarAnalyzer, sentence: str) -> None:
    assert verbless_formula(sentence)
    assert "voikko.gc17" not in rules_on(grammar, "Hei,\n\n" + sentence + "\nPaketti lähtee huomenna.").values()


@pytest.mark.parametrize("sentence", [
    "Huomenna tilauksesi tiedot ja toimitusosoite tarkistettavaksi.",
    "Siellä tilauksesi tiedot ja toimitusosoite tarkistettavaksi.",
])
def test_other_adverbs_open_no_formula(grammar: GrammarAnalyzer, sentence: str) -> None:
    assert not verbless_formula(sentence)
    assert rules_on(grammar, "Hei,\n\n" + sentence + "\nPaketti lähtee huomenna.").get(sentence) == "voikko.gc17"
