"""Hypothesis fuzzing of the agreement CSV reader and `kohtaamo agreement`: any file gives a report
or one RatingsFileError line naming the file, the report is strict JSON, and ratings written by
write_ratings read back the same.

Examples per property come from the hypothesis profile (tests/conftest.py): few and derandomized
in the normal suite, many with KOHTAAMO_FUZZ=long.
"""

from __future__ import annotations

import json
import math
import os

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_app.cli import cli
from qa_app.stats.agreement import Rating
from qa_app.stats.ratings import (
    MAX_SCORE,
    RatingsFileError,
    agreement_report,
    read_ratings,
    write_ratings,
)
from qa_app.stats.safe_csv import FORMULA_STARTS

HEADER = "item,rater,criterion,score\n"
CELLS = st.one_of(
    st.sampled_from(["", " ", "1", "a", "b", "tone", "3", "2,5", "1.5", "-0", "1e308", "-1e308", "nan",
                     "inf", "1_0", "0x10", "9" * 400, "5e-324", '"', '""', '"a,b"', "\x00", "\ufeff",
                     "item", "score", "=1+1"]),
    st.text(max_size=6),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=6).map(",".join), max_size=12)
HEADERS = st.sampled_from([HEADER, "\ufeff" + HEADER, "Item, Rater ,CRITERION,score,extra\n",
                           "item,rater,criterion,score,score\n", "item,rater,score\n", "", "\n"])
TEXTS = st.one_of(
    st.tuples(HEADERS, ROWS, st.sampled_from(["\n", "\r\n", "\r"])).map(
        lambda parts: parts[0] + parts[2].join(parts[1])),
    st.text(max_size=200),
)


def _strict_json(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


@given(text=TEXTS)
def test_any_file_gives_a_report_or_one_error_line(text):
    """read_ratings raises only RatingsFileError (one line, naming the file); what it reads gives
    an agreement report that is strict JSON (no NaN or Infinity)."""
    try:
        ratings = read_ratings(text, "fuzz.csv")
    except RatingsFileError as error:
        assert str(error).startswith("fuzz.csv") and "\n" not in str(error) and len(str(error)) < 400
        return
    assert all(math.isfinite(r.score) and abs(r.score) <= MAX_SCORE for r in ratings)
    _strict_json(json.dumps(agreement_report(ratings)))


NAMES = st.text(alphabet="abcxyzäö 0123456789-_'=+@.", min_size=1, max_size=8).map(str.strip).filter(
    lambda name: name and not name.startswith(FORMULA_STARTS) and not name.startswith("'"))
SCORES = st.one_of(st.integers(min_value=-MAX_SCORE, max_value=MAX_SCORE),
                   st.floats(min_value=-MAX_SCORE, max_value=MAX_SCORE, allow_nan=False))


@given(rows=st.dictionaries(st.tuples(NAMES, NAMES, NAMES), SCORES, max_size=15))
def test_written_ratings_read_back_the_same(rows):
    """write_ratings then read_ratings gives the same ratings (names that need no formula quote)."""
    ratings = [Rating(item, rater, criterion, float(score)) for (item, rater, criterion), score in rows.items()]
    assert read_ratings(write_ratings(ratings), "x.csv") == ratings


# Each run builds the app (the kohtaamo group is a FlaskGroup): fewer examples than the profile's.
@settings(max_examples=500 if os.environ.get("KOHTAAMO_FUZZ") == "long" else 8)
@given(data=st.one_of(st.binary(max_size=200), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_cli_exits_0_with_json_or_2_with_one_line(data):
    """`kohtaamo agreement --csv -` on any bytes prints strict JSON (exit 0) or one error line (exit 2)."""
    result = CliRunner().invoke(cli, ["agreement", "--csv", "-"], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 0:
        _strict_json(result.stdout)
    else:
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("kohtaamo agreement: stdin")


@pytest.mark.parametrize(("name", "text", "message"), [
    ("scores of 1e308 (NaN ICC, invalid JSON)", HEADER + "1,a,c,1e308\n1,b,c,-1e308\n2,a,c,1e308\n2,b,c,1e308\n",
     "fuzz.csv:2: score '1e308' is out of range (from -1 000 000 to 1 000 000)"),
    ("underscore read as a digit separator", HEADER + "1,a,c,1_0\n", "fuzz.csv:2: score '1_0' is not a number"),
    ("two score columns", "item,rater,criterion,score,score\n1,a,c,1,2\n", "fuzz.csv:1: the header names 'score' twice"),
    ("a 5000-digit score", HEADER + "1,a,c," + "9" * 5000 + "\n",
     "fuzz.csv:2: score '" + "9" * 40 + "'... (5000 characters) is not a finite number"),
])
def test_fuzz_findings_are_refused_naming_the_line(name, text, message):
    """Files fuzzing found read wrongly (a guessed column, 1_0 as 10) or reported NaN are refused."""
    with pytest.raises(RatingsFileError) as caught:
        read_ratings(text, "fuzz.csv")
    assert str(caught.value) == message

