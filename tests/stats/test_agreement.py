"""Agreement statistics against published values (Krippendorff 2011; Shrout & Fleiss 1979)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qa_app.stats.agreement import (
    Matrix,
    Rating,
    alpha,
    alpha_interval,
    icc2,
    rater_bias,
    reading,
    within_one_level,
)

NAN = math.nan
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers × 12 units.
KRIPPENDORFF = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
])
# Shrout & Fleiss (1979), table 2: six targets (rows) × four judges (columns).
SHROUT_FLEISS = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]], float)


@pytest.mark.parametrize(("level", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_matches_krippendorffs_published_example(level, expected):
    assert round(alpha(KRIPPENDORFF, level), 3) == expected


def test_icc_matches_shrout_and_fleiss():
    result = icc2(SHROUT_FLEISS.T)
    assert round(result.icc2_1, 2) == 0.29
    assert [round(v, 2) for v in result.icc2_1_ci] == [0.02, 0.76]
    assert round(result.icc2_k, 2) == 0.62
    assert [round(v, 2) for v in result.icc2_k_ci] == [0.07, 0.93]
    assert (result.n_items, result.n_raters) == (6, 4)


def test_icc_needs_two_complete_items_and_two_raters():
    assert icc2(SHROUT_FLEISS[:1].T) is None
    assert icc2(SHROUT_FLEISS[:, :1].T) is None
    assert icc2(np.array([[1.0, NAN], [2.0, 3.0]])) is None


def test_icc_interval_is_none_where_it_is_undefined():
    """Two items give no interval worth printing; raters a constant apart leave no error to scale by."""
    two_items = icc2(np.array([[60.0, 70.0], [80.0, 95.0]]))
    assert two_items.icc2_1 is not None and two_items.icc2_1_ci is None and two_items.icc2_k_ci is None
    constant_gap = icc2(np.array([[60.0, 70.0, 90.0], [70.0, 80.0, 100.0]]))
    assert constant_gap.icc2_1_ci is None
    identical = icc2(np.array([[60.0, 70.0, 90.0], [60.0, 70.0, 90.0]]))
    assert identical.icc2_1 == 1.0 and identical.icc2_1_ci == (1.0, 1.0)


def test_matrix_from_ratings_keeps_missing_scores_missing_and_complete_drops_them():
    ratings = [Rating("c1", "anna", "tone", 80), Rating("c1", "ben", "tone", 60),
               Rating("c2", "anna", "tone", 40), Rating("c1", "anna", "other", 10)]
    matrix = Matrix.build(ratings, "tone")
    assert matrix.raters == ("anna", "ben") and matrix.items == ("c1", "c2")
    assert np.isnan(matrix.values[1, 1]) and matrix.n_scores == 3
    assert matrix.complete().items == ("c1",)


def test_alpha_is_undefined_without_pairable_or_varying_scores():
    assert alpha(np.array([[1.0, NAN], [NAN, 2.0]]), "interval") is None
    assert alpha(np.array([[3.0, 3.0], [3.0, 3.0]]), "nominal") is None
    with pytest.raises(ValueError):
        alpha(KRIPPENDORFF, "ratio-ish")


def test_bootstrap_interval_is_seeded_and_brackets_alpha():
    first = alpha_interval(KRIPPENDORFF, "interval", samples=300, seed=7)
    assert first == alpha_interval(KRIPPENDORFF, "interval", samples=300, seed=7)
    assert first[0] <= alpha(KRIPPENDORFF, "interval") <= first[1]
    assert first != alpha_interval(KRIPPENDORFF, "interval", samples=300, seed=8)


def test_rater_bias_is_the_mean_difference_from_the_others():
    ratings = [Rating("c1", "a", "x", 80), Rating("c1", "b", "x", 60), Rating("c1", "c", "x", 70),
               Rating("c2", "a", "x", 50), Rating("c2", "b", "x", 40), Rating("c3", "a", "x", 90)]
    bias = rater_bias([Matrix.build(ratings, "x")])
    # a: c1 80 − mean(60, 70) = 15; c2 50 − 40 = 10; c3 has no other score → n = 2
    assert bias["a"].bias == pytest.approx(12.5) and bias["a"].n == 2
    # b: 60 − 75 = −15; 40 − 50 = −10
    assert bias["b"].bias == pytest.approx(-12.5)
    assert bias["c"].bias == pytest.approx(0.0) and bias["c"].n == 1
    against_gold = rater_bias([Matrix.build(ratings, "x")], benchmark="c")
    assert against_gold["a"].bias == pytest.approx(10.0) and against_gold["a"].n == 1
    assert against_gold["c"].n == 0 and against_gold["c"].bias is None


def test_within_one_level_of_the_benchmark():
    ratings = [Rating("c1", "gold", "x", 100), Rating("c1", "anna", "x", 50),
               Rating("c2", "gold", "x", 100), Rating("c2", "anna", "x", 0)]
    share, n = within_one_level(Matrix.build(ratings), "anna", "gold", [0, 50, 100])
    assert (share, n) == (0.5, 2)


@pytest.mark.parametrize(("value", "band"), [(0.9, "reliable"), (0.8, "reliable"), (0.7, "tentative"),
                                             (0.5, "unreliable"), (None, "unknown")])
def test_reading_bands(value, band):
    assert reading(value) == band
