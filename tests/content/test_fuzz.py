"""Hypothesis fuzzing of the YAML content loaders: any text or any mutation of a starter file gets
file/line/field problems or builds, never an unexpected exception; valid files round-trip.

Examples per property come from the hypothesis profile (tests/conftest.py): few and derandomized
in the normal suite, many with KOHTAAMO_FUZZ=long.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from qa_app.content import ContentError, load_library
from qa_app.content.build import build_rubric, build_scenario
from qa_app.content.validate import check_text
from qa_app.content.yamlio import content_hash, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
RUBRIC_FILES = sorted((ROOT / "rubrics").glob("*.yaml"))
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
STARTERS = [("rubric", path) for path in RUBRIC_FILES] + [("scenario", path) for path in SCENARIO_FILES]
_DATA = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for _, path in STARTERS}

YAML_PIECES = st.sampled_from([
    ": ", "- ", "\n", "\n  ", "\n    - ", "{", "}", "[", "]", ",", "&a ", "*a", "<<: *a", "!!str ",
    "!!python/object:os.system ", "!!binary ", "!!set ", "? ", "|\n  ", ">-\n  ", "'", '"', "#",
    "---\n", "...\n", "\t", "~", "null", "yes", "no", "1e400", ".nan", "0x1F", "2026-12-02",
    "id", "opening", "criteria", "weight", "levels", "language", "fi", "rubric", "turns", "when",
    "key_points", "forbidden", "auto_fail", "scorer", "title", "version", "-1", "0", "1.5",
    "\u2028", "\ufeff", "\x85", "ä", "€",
])
YAML_TEXT = st.lists(st.one_of(YAML_PIECES, st.text(max_size=6)), max_size=40).map("".join)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["", " ", "fi", "en", "sv", "chat", "grammar", "empathy", "accuracy", "x" * 300]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
        ["id", "fi", "en", "weight", "min", "max", "title", "text", "any", "all", "when", "say"])),
        children, max_size=4),
    max_leaves=10,
)


def _references() -> list[Path]:
    return RUBRIC_FILES


def _check_and_build(kind: str, text: str):
    """Check YAML text as the draft editor does; build what passes as `load_library` does."""
    checked = check_text(kind, text, f"fuzz.{kind}.yaml", _references())
    for problem in checked.problems:
        assert problem.file == f"fuzz.{kind}.yaml" and problem.message.strip()
        assert problem.line is None or problem.line >= 1
    if checked.problems:
        return checked, None
    entry = (checked.rubrics or checked.scenarios)[0]
    build = build_rubric if kind == "rubric" else build_scenario
    return checked, build(entry.parsed.data)


def _paths(data, prefix=()):
    """Every path into nested data (mapping keys and list indexes)."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _mutate(data, path, how, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "add" and isinstance(parent[last], dict):
        parent[last]["fuzz_extra"] = value
    elif how == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    else:
        parent[last] = value
    return data


@pytest.mark.parametrize("kind", ["scenario", "rubric"])
@given(text=YAML_TEXT)
def test_any_text_gets_problems_not_exceptions(kind, text):
    """Arbitrary YAML-like text is checked into problems (or builds); nothing else escapes."""
    _check_and_build(kind, text)


@given(raw=st.one_of(st.binary(max_size=200), YAML_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       kind=st.sampled_from(["scenarios", "rubrics"]))
def test_any_bytes_in_a_content_folder_load_or_raise_content_error(raw, kind):
    """load_library over a folder holding one file of any bytes (bad UTF-8 included) returns a
    library or raises ContentError whose problems name that file."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "scenarios").mkdir()
        (root / "rubrics").mkdir()
        (root / kind / "fuzz.yaml").write_bytes(raw)
        try:
            load_library(root / "scenarios", root / "rubrics")
        except ContentError as error:
            assert error.problems and all(p.file.endswith("fuzz.yaml") for p in error.problems), str(error)


@given(data=st.data())
def test_any_mutation_of_a_starter_file_gets_problems_or_builds(data):
    """Replacing, deleting or adding any value anywhere in a starter file never crashes the checks
    or the build, and a mutation the checks pass builds."""
    kind, path = data.draw(st.sampled_from(STARTERS), label="file")
    original = _DATA[path]
    where = data.draw(st.sampled_from(list(_paths(original))), label="path")
    how = data.draw(st.sampled_from(["replace", "delete", "add"]) if where else st.just("replace"),
                    label="how")
    mutated = _mutate(original, where, how, data.draw(VALUES, label="value"))
    _check_and_build(kind, yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False))


@pytest.mark.parametrize(("kind", "path"), STARTERS, ids=[p.stem for _, p in STARTERS])
def test_starter_files_round_trip(kind, path):
    """A starter file dumped back to YAML checks clean, builds, and keeps its content hash."""
    text = yaml.safe_dump(_DATA[path], allow_unicode=True, sort_keys=False)
    checked, built = _check_and_build(kind, text)
    assert not checked.problems and built is not None
    assert content_hash(parse_yaml(text, "x").data) == content_hash(_DATA[path])


LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True))


@pytest.mark.parametrize(("name", "text", "fragment"), [
    ("python/object/apply on a list", "id: !!python/object/apply:os.system ['echo hi']\nopening: x\n",
     "tag '!!python/object/apply:os.system' is not allowed"),
    ("python/name scalar", "id: !!python/name:os.system\nopening: x\n", "could not determine a constructor"),
    ("python/object mapping", "!!python/object:os.Foo {a: 1}\n", "tag '!!python/object:os.Foo' is not allowed"),
    ("nested aliases (billion laughs)", LAUGHS + "opening: x\n", "expands to more than 100000 values"),
    ("5000-deep flow list", "id: x\nopening: " + "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("3000-deep block mapping", "id: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(3000)),
     "nested too deeply"),
    ("60-deep flow list", "id: x\nopening: " + "[" * 60 + "]" * 60, "nested too deeply (at most 50 levels)"),
    ("NUL character", "id: x\x00\nopening: y\n", "control character (U+0000)"),
    ("lone surrogate", "id: x\nopening: \ud800\n", "lone UTF-16 surrogate"),
    ("5000-digit integer", "id: x\nopening: y\nversion: " + "9" * 5000 + "\n", "cannot read the value"),
])
def test_hostile_yaml_gets_a_located_problem(name, text, fragment):
    """Each hostile document found by fuzzing (or known) is refused with a clear problem, quickly,
    instead of RecursionError, UnicodeEncodeError, ValueError or minutes of alias expansion."""
    checked = check_text("scenario", text, "hostile.yaml", _references())
    assert any(fragment in problem.message for problem in checked.problems), [
        str(p) for p in checked.problems]
