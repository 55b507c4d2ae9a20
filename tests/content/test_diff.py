"""The readable diff between two content versions: changes by field, in a trainer's terms."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from qa_app.content.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    REORDERED,
    compare,
    describe,
    word_diff,
)

ROOT = Path(__file__).resolve().parents[2]


def load(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


@pytest.fixture()
def rubric() -> dict:
    return load("rubrics/chat-reply.yaml")


@pytest.fixture()
def scenario() -> dict:
    return load("scenarios/sohva-hyvitysneuvottelu.yaml")


def described(old: dict, new: dict) -> list[str]:
    return [describe(change) for change in compare(old, new).changes]


def test_first_version_has_no_changes_but_says_so(rubric):
    """With no parent the diff is a first version, not 'unchanged'."""
    diff = compare(None, rubric)
    assert diff.first_version and not diff.changes and not diff.unchanged


def test_identical_content_is_unchanged_even_with_a_new_version_number(rubric):
    """Only the version number differs: nothing to report."""
    new = {**copy.deepcopy(rubric), "version": 9}
    diff = compare(rubric, new, "a: 1\n", "a: 1\n")
    assert diff.unchanged and diff.yaml_lines == ()


def test_criterion_weight_is_reported_as_a_percentage(rubric):
    """A weight change names the criterion by id and shows both values with %."""
    new = copy.deepcopy(rubric)
    new["criteria"][1]["weight"] = 25
    assert described(rubric, new) == ["Criterion 'clarity' weight: 20 % → 25 %"]


def test_criteria_are_matched_by_id_not_position(rubric):
    """Moving a criterion is a reorder, not five changes; a new one is 'added', a dropped one 'removed'."""
    new = copy.deepcopy(rubric)
    new["criteria"].reverse()
    changes = compare(rubric, new).changes
    assert [change.action for change in changes] == [REORDERED]
    new = copy.deepcopy(rubric)
    removed = new["criteria"].pop(0)
    new["criteria"].append({"id": "courtesy", "weight": 15, "scorer": "manual"})
    changes = compare(rubric, new).changes
    assert [(change.path, change.action) for change in changes] == [
        ("criterion['courtesy']", ADDED),
        (f"criterion[{removed['id']!r}]", REMOVED),
    ]
    assert describe(changes[0]) == "Criterion 'courtesy' added"


def test_phrases_added_and_removed_are_listed(scenario):
    """A key point's phrase list reports the phrases themselves."""
    new = copy.deepcopy(scenario)
    new["key_points"][1]["any"].append("hyvitämme")
    new["key_points"][1]["any"].remove("hyvittää")
    assert described(scenario, new) == [
        "Key point 'price-reduction' phrases: added 'hyvitämme'; removed 'hyvittää'"
    ]


def test_turns_added_and_branch_conditions_changed(scenario):
    """A new turn is named by id; a branch without an id is named by its position in the turn."""
    new = copy.deepcopy(scenario)
    new["turns"].append({"id": "quits", "customer": "Hei hei.", "outcome": "abandoned"})
    new["turns"][0]["next"][2]["when"]["at_least"] = 60
    assert described(scenario, new) == [
        "Turn 'start' branch 3 condition at least: 50 → 60",
        "Turn 'quits' added",
    ]


def test_model_answer_change_carries_a_word_diff(scenario):
    """A long text reports 'changed' and the words that went and came."""
    new = copy.deepcopy(scenario)
    new["model_answer"] = new["model_answer"].replace("todella pahoillani", "hyvin pahoillani")
    (change,) = compare(scenario, new).changes
    assert describe(change) == "Model answer changed"
    edits = [(op, text) for op, text in change.words if op != EQUAL]
    assert edits == [(DELETE, "todella"), (INSERT, "hyvin")]
    assert "".join(text for op, text in change.words if op != INSERT) == scenario["model_answer"]
    assert "".join(text for op, text in change.words if op != DELETE) == new["model_answer"]


def test_translated_text_reports_the_language(rubric):
    """One language of a title changing names that language; short texts show both values."""
    new = copy.deepcopy(rubric)
    new["title"]["sv"] = "Chatt"
    assert described(rubric, new) == ["Title (sv): 'Chattsvar' → 'Chatt'"]


def test_a_field_added_where_there_was_none(rubric):
    """A new allow_na flag reads as 'nothing → yes'."""
    new = copy.deepcopy(rubric)
    new["criteria"][0]["allow_na"] = True
    assert described(rubric, new) == ["Criterion 'grammar' N/A allowed: – → yes"]


def test_rules_without_ids_are_aligned_by_content(rubric):
    """Removing the second auto-fail rule reports that one rule, named by its rule, not every rule after it."""
    new = copy.deepcopy(rubric)
    del new["auto_fail"][1]
    (change,) = compare(rubric, new).changes
    assert change.action == REMOVED
    assert describe(change) == "Auto-fail rule 2 (builtin.other_customer) removed"


def test_describe_uses_the_given_gettext_and_number_format(rubric):
    """The caller words the change in its language: gettext for words, its own number format."""
    new = copy.deepcopy(rubric)
    new["criteria"][1]["weight"] = 22.5
    finnish = {
        "criterion": "kriteeri",
        "weight": "paino",
        "%(what)s: %(before)s → %(after)s": "%(what)s: %(before)s → %(after)s",
    }
    (change,) = compare(rubric, new).changes
    text = describe(change, lambda s: finnish.get(s, s), lambda n: str(n).replace(".", ","))
    assert text == "Kriteeri 'clarity' paino: 20 % → 22,5 %"


def test_yaml_line_diff_is_unified(rubric):
    """The collapsed line diff is difflib's unified diff of the two texts."""
    old_text = "a: 1\nb: 2\n"
    new_text = "a: 1\nb: 3\n"
    diff = compare(rubric, {**rubric, "channel": "email"}, old_text, new_text)
    assert "-b: 2" in diff.yaml_lines and "+b: 3" in diff.yaml_lines
    assert diff.changes[0].action == CHANGED


def test_word_diff_of_identical_text_is_one_equal_piece():
    """No change: a single equal piece."""
    assert word_diff("sama teksti", "sama teksti") == ((EQUAL, "sama teksti"),)
