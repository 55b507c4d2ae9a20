"""The 'phrase list that can never match' rule agrees with how the grader matches phrases."""

from __future__ import annotations

import pytest
import yaml

from qa_app.content.phrase_rules import phrase_problems
from qa_app.content.validate import check_text
from qa_app.content.yamlio import parse_yaml
from qa_app.grading.phrases import WordView, compile_phrase, find
from qa_app.grading.text import Document


def _scenario(**extra) -> str:
    data = {
        "id": "phrases",
        "version": 1,
        "language": "fi",
        "channel": "chat",
        "title": "Fraasit",
        "opening": "Hei, laskuni on väärin.",
        **extra,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _problems(**extra) -> list[tuple[str, str]]:
    parsed = parse_yaml(_scenario(**extra), "scenarios/phrases.yaml")
    return [(problem.field, problem.message) for problem in phrase_problems(parsed)]


def _grader_matches(phrase: str, reply: str, language: str = "fi") -> bool:
    view = WordView.of(Document.build(reply, language))
    return bool(find(view, compile_phrase(phrase, language), max_gap=2, unordered=True))


def test_a_punctuation_only_phrase_is_reported_at_its_place():
    """'...' passes the schema (it is not blank) but has no word to match."""
    problems = _problems(
        key_points=[{"id": "a", "say": "Pahoittelee", "any": ["pahoittelen", "..."]}]
    )
    assert problems == [
        ("key_points[0].any[1]", "phrase '...' has no words, so it can never match")
    ]


def test_a_phrase_word_that_is_a_number_is_reported_with_the_fix():
    """Phrases match words only, so '24 tuntia' never matches: the number belongs in 'numbers'."""
    [(field, message)] = _problems(forbidden=[{"id": "fast", "say": "Lupaa", "any": ["24 tuntia"]}])
    assert field == "forbidden[0].any[0]"
    assert "'24' is a number" in message and "put numbers in 'numbers'" in message


def test_a_word_glued_with_a_comma_is_reported_as_several_tokens():
    problems = _problems(key_points=[{"id": "a", "say": "x", "paraphrases": ["hinta,arvio"]}])
    assert problems[0][0] == "key_points[0].paraphrases[0]" and "3 tokens" in problems[0][1]


def test_a_repeated_phrase_names_the_first_one_across_any_and_paraphrases():
    """Case and surrounding punctuation do not make a phrase different."""
    item = {"id": "a", "say": "x", "any": ["Hyvitämme"], "paraphrases": ["hyvitämme."]}
    assert _problems(key_points=[item]) == [
        ("key_points[0].paraphrases[0]", "phrase 'hyvitämme.' repeats any[0]")
    ]


def test_turn_key_points_and_unparseable_numbers_are_checked():
    """A number the grader reads no value from never matches; a repeated number is reported."""
    turns = [
        {
            "id": "start",
            "next": [{"goto": "end"}],
            "key_points": [{"id": "sum", "say": "Summa", "numbers": ["noin", "5,18 €", "5,18 €"]}],
        },
        {"id": "end", "customer": "Kiitos.", "outcome": "resolved"},
    ]
    fields = [field for field, _ in _problems(turns=turns)]
    assert fields == ["turns[0].key_points[0].numbers[0]", "turns[0].key_points[0].numbers[2]"]


def test_a_limit_the_grader_cannot_read_is_reported():
    claim = {"id": "big", "say": "Lupaa alennuksen", "any": ["alennus"], "above": "paljon"}
    assert [field for field, _ in _problems(forbidden=[claim])] == ["forbidden[0].above"]


def test_good_phrases_numbers_and_alternatives_pass():
    """Words with hyphens, apostrophes, digits-with-letters, alternatives and prefixes can match."""
    item = {
        "id": "ok",
        "say": "x",
        "any": ["2-vuotias", "sähkö-posti", "hyvit*", "24h", "maksu|lasku 5|viisi"],
        "numbers": ["5,18 €", 15, "14.11."],
    }
    assert _problems(key_points=[item]) == []


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        ("24 tuntia", "Korjaamme vian 24 tuntia kuluessa."),
        ("hinta,arvio", "Lähetämme hinta,arvio huomenna."),
        ("...", "Hetkinen ... tarkistan."),
        ("asiakas-", "Olet asiakas- ja tukipalvelun jonossa."),
        ("www.esimerkki.fi", "Katso www.esimerkki.fi sivulta."),
    ],
)
def test_every_reported_phrase_really_never_matches_even_when_written_verbatim(phrase, reply):
    """The rule reports the phrase and the grader finds no match in a reply that contains it."""
    assert _problems(key_points=[{"id": "a", "say": "x", "any": [phrase]}])
    assert not _grader_matches(phrase, reply)


@pytest.mark.parametrize(
    ("phrase", "reply"),
    [
        ("2-vuotias", "Laite on 2-vuotias."),
        ("24h", "Palvelemme 24h vuorokaudessa."),
        ("hyvit*", "Hyvitämme maksun."),
        ("uudet jalat", "Lähetämme uudet jalat."),
    ],
)
def test_phrases_the_rule_accepts_do_match_when_written_verbatim(phrase, reply):
    """No false alarms: an accepted phrase is found by the grader in a reply that states it."""
    assert _problems(key_points=[{"id": "a", "say": "x", "any": [phrase]}]) == []
    assert _grader_matches(phrase, reply)


def test_kohtaamo_validate_runs_the_rule_with_file_and_line():
    """The rule is part of the validate rules, so drafts and `kohtaamo validate` report it."""
    text = _scenario(key_points=[{"id": "a", "say": "x", "any": ["?!"]}])
    checked = check_text("scenario", text, "scenarios/phrases.yaml")
    [problem] = [p for p in checked.problems if p.field == "key_points[0].any[0]"]
    assert str(problem).startswith("scenarios/phrases.yaml:") and "can never match" in str(problem)
