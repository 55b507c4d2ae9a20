"""`kohtaamo agreement --csv FILE`: the JSON contract, missing data, and misuse with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa_app", "agreement", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def long_csv(rows) -> str:
    return "item,rater,criterion,score\n" + "".join(f"{i},{r},{c},{s}\n" for i, r, c, s in rows)


def test_published_icc_and_bias_in_the_contract_keys(tmp_path):
    rows = [(t, "ABCD"[j], "tone", score) for t, judges in enumerate(SHROUT_FLEISS, 1)
            for j, score in enumerate(judges)]
    path = tmp_path / "scores.csv"
    path.write_text(long_csv(rows), encoding="utf-8")
    result = run("--csv", str(path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    tone = report["criteria"]["tone"]
    assert set(tone) == {"n_items", "n_raters", "alpha_nominal", "alpha_ordinal", "alpha_interval",
                         "icc2_1", "icc2_1_ci", "icc2_k", "icc2_k_ci"}
    assert (tone["n_items"], tone["n_raters"]) == (6, 4)
    assert round(tone["icc2_1"], 2) == 0.29 and [round(v, 2) for v in tone["icc2_1_ci"]] == [0.02, 0.76]
    assert round(tone["icc2_k"], 2) == 0.62 and [round(v, 2) for v in tone["icc2_k_ci"]] == [0.07, 0.93]
    # Judge A's mean minus the mean of the others, item by item: hand-computed 3.1667.
    assert report["raters"]["A"] == {"bias": pytest.approx(3.1667, abs=1e-4), "n": 6}


def test_missing_scores_and_icc_null_with_fewer_than_two_complete_items():
    rows = [("c1", "anna", "tone", 80), ("c1", "ben", "tone", 60), ("c2", "anna", "tone", 40),
            ("c2", "ben", "tone", ""), ("c3", "anna", "tone", 70)]
    result = run("--csv", "-", stdin=long_csv(rows))
    assert result.returncode == 0, result.stderr
    tone = json.loads(result.stdout)["criteria"]["tone"]
    assert tone["n_items"] == 3 and tone["n_raters"] == 2
    assert tone["icc2_1"] is None and tone["icc2_1_ci"] is None and tone["icc2_k"] is None
    assert tone["alpha_interval"] is not None


@pytest.mark.parametrize(("text", "message"), [
    ("item,rater,score\n1,a,3\n", "stdin:1: missing column 'criterion'"),
    ("item,rater,criterion,score\n1,a,x,3\n2,a,x,hyvä\n", "stdin:3: score 'hyvä' is not a number"),
    ("item,rater,criterion,score\n1,a,x,3\n1,a,x,4\n", "stdin:3: a scored 1 on x already on line 2"),
    ("", "stdin: the file is empty"),
])
def test_malformed_csv_exits_2_with_one_line_naming_the_line(text, message):
    result = run("--csv", "-", stdin=text)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_unreadable_file_and_unknown_benchmark_exit_2(tmp_path):
    assert "no such file" in run("--csv", str(tmp_path / "nope.csv")).stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("item,rater,criterion,score\n1,ä,x,3\n".encode("latin-1"))
    assert run("--csv", str(latin)).returncode == 2
    good = tmp_path / "good.csv"
    good.write_text(long_csv([("1", "a", "x", 3), ("1", "b", "x", 4)]), encoding="utf-8")
    result = run("--csv", str(good), "--benchmark", "zed")
    assert result.returncode == 2 and "benchmark rater 'zed'" in result.stderr
    assert run("--csv", str(good), "--benchmark", "a").returncode == 0
