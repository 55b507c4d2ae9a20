"""Loading the library, applying defaults and looking content up by id or file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa_app.content import (
    ContentError,
    ContentLibrary,
    UnknownContentError,
    default_content_dirs,
    load_library,
    localized,
    resolve_rubric,
    resolve_scenario,
)

DATA = Path(__file__).parent / "data"
LIBRARY = DATA / "library"


def test_library_lists_content_sorted_by_id(library: ContentLibrary) -> None:
    """rubrics() and scenarios() return every item, sorted by id."""
    assert [rubric.id for rubric in library.rubrics()] == ["chat-reply", "email-reply"]
    assert [scenario.id for scenario in library.scenarios()] == ["jonotusmaksu", "palautus"]


def test_scenario_defaults_are_applied(library: ContentLibrary) -> None:
    """Left-out fields get the documented defaults, including the channel's rubric."""
    scenario = library.scenario("jonotusmaksu")
    assert scenario.rubric_id == "chat-reply"
    assert (scenario.time_target_s, scenario.max_turns, scenario.difficulty) == (60, 6, "medium")
    assert scenario.turns == () and scenario.start_turn is None
    assert library.rubric_for(scenario).id == "chat-reply"
    assert library.scenario("palautus").time_target_s == 86400


def test_scenario_spec_carries_grading_inputs(library: ContentLibrary) -> None:
    """The ScenarioSpec holds key points, forbidden claims, vocabulary, name and facts."""
    spec = library.scenario("jonotusmaksu").spec
    assert spec.customer_name == "Marja Virtanen"
    assert spec.facts_text == "Puhelun hinta: 8 c/puhelu + 17 c/min\nJonotus on maksullista."
    assert spec.key_points[0].numbers == ("8 c", "17 c/min")
    assert spec.key_points[1].say == "Pahoittele"  # localised to the scenario language
    assert spec.forbidden[0].any == ("hyvitämme",)
    assert spec.vocabulary == ("OmaTili",)


def test_scenario_extras_are_loaded(library: ContentLibrary) -> None:
    """Persona, facts, email history and model answer are available to the app."""
    scenario = library.scenario("palautus")
    assert scenario.title() == "Late refund" and scenario.title("fi") == "Myöhästynyt palautus"
    assert scenario.email is not None and scenario.email.history[0].date == "2024-03-01"
    assert str(library.scenario("jonotusmaksu").facts[1]) == "Jonotus on maksullista."
    assert library.scenario("jonotusmaksu").persona.mood == "angry"


def test_turns_are_built_with_defaults(library: ContentLibrary) -> None:
    """The first turn says the opening; moods default to the persona's; ends are terminal."""
    scenario = library.scenario("palautus")
    start = scenario.start_turn
    assert start is not None and start.customer == "Where is my refund?"
    assert start.next[-1].when is None and start.next[0].when.below == 50
    assert scenario.turn("neutral").mood == "calm"
    assert scenario.turn("resolved").is_terminal
    with pytest.raises(KeyError):
        scenario.turn("nope")


def test_rubric_spec_is_finnish_and_spec_in_localises(library: ContentLibrary) -> None:
    """Rubric.spec has Finnish texts; spec_in(lang) gives the same rubric in another language."""
    rubric = library.rubric("chat-reply")
    assert rubric.spec.criteria[0].title == "Kielioppi"
    english = rubric.spec_in("en")
    assert english.title == "Chat reply"
    assert english.criteria[0].levels[1].label == "Good"
    assert english.criteria[0].levels[1].description == "Clear language."
    assert english.auto_fail[0].message == "Forbidden promise."
    assert (
        english.levels[0].label == "Harjoittele lisää"
    )  # a plain string is used for every language
    assert rubric.spec.criteria[2].critical and rubric.spec.criteria[2].params["greeting_required"]


def test_rubric_defaults_are_applied(library: ContentLibrary) -> None:
    """A rubric without title, levels or na_policy gets its id as title and 'reweight'."""
    spec = library.rubric("email-reply").spec
    assert spec.title == "email-reply" and spec.na_policy == "reweight" and spec.levels == ()
    assert spec.criterion("tone").is_manual


def test_refs_carry_id_version_and_hash(library: ContentLibrary) -> None:
    """Each item's ref is the (id, version, hash) to store with a grade."""
    ref = library.scenario("palautus").ref
    assert (ref.id, ref.version) == ("palautus", 2) and len(ref.content_hash) == 64


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ({"fi": "Hei", "en": "Hello", "sv": "Hej"}, "sv", "Hej"),
        ({"fi": "Hei", "en": "Hello"}, "sv", "Hello"),
        ({"fi": "Hei", "sv": "Hej"}, "en", "Hei"),
        ({"sv": "Hej"}, "fi", "Hej"),
        ("Sama", "en", "Sama"),
        (None, "fi", ""),
    ],
)
def test_localized_falls_back_to_english_then_finnish(
    value: object, lang: str, expected: str
) -> None:
    """localized() picks the language, else English, else Finnish, else any text."""
    assert localized(value, lang) == expected


def test_unknown_id_lists_known_ids(library: ContentLibrary) -> None:
    """Looking up a missing id raises UnknownContentError naming the known ids."""
    with pytest.raises(
        UnknownContentError, match=r"unknown rubric 'x' \(known: chat-reply, email-reply\)"
    ):
        library.rubric("x")
    with pytest.raises(ContentError, match="did you mean 'palautus'"):
        library.scenario("palautu")


def test_resolve_by_id_and_by_path(library: ContentLibrary) -> None:
    """resolve_* accept an id or a path to a YAML file."""
    assert resolve_rubric("chat-reply", library) is library.rubric("chat-reply")
    path = LIBRARY / "scenarios" / "palautus.yaml"
    assert (
        resolve_scenario(str(path), library).content_hash
        == library.scenario("palautus").content_hash
    )
    assert resolve_rubric(LIBRARY / "rubrics" / "email-reply.yaml", library).version == 3


def test_resolve_path_validates_the_file(library: ContentLibrary) -> None:
    """A broken file given by path raises ContentError with file, line and field."""
    with pytest.raises(
        ContentError, match=r"weights-sum\.yaml:3: criteria: criteria weights must add up to 100"
    ):
        resolve_rubric(DATA / "broken" / "rubrics" / "weights-sum.yaml", library)


def test_resolve_scenario_path_needs_its_rubric_in_library(tmp_path: Path) -> None:
    """A scenario file whose rubric the library lacks is refused."""
    empty = ContentLibrary()
    with pytest.raises(
        ContentError, match="default rubric 'chat-reply' for channel chat does not exist"
    ):
        resolve_scenario(LIBRARY / "scenarios" / "jonotusmaksu.yaml", empty)
    with pytest.raises(UnknownContentError, match="no such file"):
        resolve_scenario(tmp_path / "missing.yaml", empty)


def test_broken_library_raises_with_every_problem(tmp_path: Path) -> None:
    """load_library raises one ContentError listing all problems in all files."""
    shutil.copytree(LIBRARY, tmp_path / "lib")
    for name in ("weights-sum.yaml", "unknown-scorer.yaml"):
        shutil.copy(DATA / "broken" / "rubrics" / name, tmp_path / "lib" / "rubrics" / name)
    with pytest.raises(ContentError) as caught:
        load_library(tmp_path / "lib" / "scenarios", tmp_path / "lib" / "rubrics")
    assert len(caught.value.problems) == 3
    assert str(caught.value).splitlines()[0] == "3 content problems in 2 files:"
    assert "unknown-scorer.yaml:4: criteria[0].scorer: unknown scorer 'gramar'" in str(caught.value)


def test_duplicate_ids_across_files_are_reported() -> None:
    """Two scenarios with the same id are an error that points at both files."""
    with pytest.raises(ContentError) as caught:
        load_library(DATA / "duplicates" / "scenarios", LIBRARY / "rubrics")
    (problem,) = caught.value.problems
    assert problem.file.endswith("second.yaml") and problem.line == 2 and problem.field == "id"
    assert problem.message.startswith("duplicate scenario id 'same-id' (also in ")
    assert problem.message.endswith("first.yaml:1)")


def test_rubric_among_scenarios_is_reported_once() -> None:
    """A rubric saved in a scenarios folder gets one 'move it' problem, not a schema dump."""
    with pytest.raises(ContentError) as caught:
        load_library(DATA / "misplaced" / "scenarios", LIBRARY / "rubrics")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (4, "criteria")
    assert (
        problem.message
        == "this looks like a rubric (it has 'criteria'), but it is among the scenarios; move it"
    )


def test_missing_directory_is_a_content_error(tmp_path: Path) -> None:
    """A content directory that does not exist is reported, not silently skipped."""
    with pytest.raises(ContentError, match="no such file or directory"):
        load_library(tmp_path / "nope", LIBRARY / "rubrics")


def test_default_content_dirs_point_at_root(tmp_path: Path) -> None:
    """default_content_dirs(root) names root/scenarios and root/rubrics and unpacks into load_library."""
    dirs = default_content_dirs(tmp_path)
    assert dirs.scenarios == (tmp_path / "scenarios",) and dirs.rubrics == (tmp_path / "rubrics",)
    (tmp_path / "scenarios").mkdir()
    shutil.copytree(LIBRARY / "rubrics", tmp_path / "rubrics")
    assert [rubric.id for rubric in load_library(*dirs).rubrics()] == ["chat-reply", "email-reply"]
