"""Inter-rater agreement: Krippendorff's alpha, ICC(2,1)/ICC(2,k), bootstrap intervals, rater bias.

Pure: numbers in, typed figures out; no Flask, no database. Alpha comes from the `krippendorff`
package (>= 0.9: earlier releases gave a wrong ordinal alpha); ICC is the two-way random-effects
model of Shrout & Fleiss (1979) from the ANOVA mean squares, with the confidence intervals of
McGraw & Wong (1996) from `scipy.stats.f`. A reliability matrix has one row per rater and one
column per item; a missing score is NaN.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
from scipy.stats import f as f_dist

LEVELS = ("nominal", "ordinal", "interval")
RELIABLE_ALPHA = 0.800  # Krippendorff: rely on data at or above this
TENTATIVE_ALPHA = 0.667  # ... and draw only tentative conclusions down to this


@dataclass(frozen=True, slots=True)
class Rating:
    """One rater's score of one item on one criterion."""

    item: str
    rater: str
    criterion: str
    score: float


@dataclass(frozen=True)
class Matrix:
    """Scores of one criterion: `values[r, i]` is rater `raters[r]`'s score of `items[i]` (NaN: none)."""

    raters: tuple[str, ...]
    items: tuple[str, ...]
    values: np.ndarray

    @classmethod
    def build(cls, ratings: Iterable[Rating], criterion: str | None = None) -> Matrix:
        """Collect `ratings` (of `criterion` when given) into a matrix; raters and items sorted."""
        chosen = [r for r in ratings if criterion is None or r.criterion == criterion]
        raters = tuple(sorted({r.rater for r in chosen}))
        items = tuple(sorted({r.item for r in chosen}))
        row = {rater: index for index, rater in enumerate(raters)}
        column = {item: index for index, item in enumerate(items)}
        values = np.full((len(raters), len(items)), np.nan)
        for rating in chosen:
            values[row[rating.rater], column[rating.item]] = rating.score
        return cls(raters, items, values)

    def complete(self) -> Matrix:
        """Keep only the items every rater scored (what ICC needs)."""
        keep = ~np.isnan(self.values).any(axis=0) if self.values.size else np.zeros(0, dtype=bool)
        return Matrix(self.raters, tuple(i for i, k in zip(self.items, keep, strict=True) if k),
                      self.values[:, keep])

    @property
    def n_scores(self) -> int:
        return int((~np.isnan(self.values)).sum())


def alpha(values: np.ndarray, level: str) -> float | None:
    """Return Krippendorff's alpha at `level` (nominal, ordinal, interval), or None when undefined:
    fewer than two pairable scores, or every score the same (no disagreement can be measured)."""
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement {level!r}")
    pairable = (~np.isnan(values)).sum(axis=0) >= 2 if values.size else np.zeros(0, dtype=bool)
    observed = values[:, pairable]
    present = observed[~np.isnan(observed)]
    if present.size < 2 or np.unique(present).size < 2:
        return None
    value = krippendorff.alpha(reliability_data=observed, level_of_measurement=level)
    return None if math.isnan(value) else float(value)


def alpha_interval(values: np.ndarray, level: str, *, samples: int = 1000, seed: int = 0,
                   confidence: float = 0.95) -> tuple[float, float] | None:
    """Return a percentile bootstrap interval for alpha, resampling items with a seeded generator.

    None when alpha itself is undefined or fewer than three items can be resampled; replicates in
    which alpha is undefined (e.g. all resampled scores equal) are left out of the percentiles."""
    if alpha(values, level) is None:
        return None
    pairable = np.flatnonzero((~np.isnan(values)).sum(axis=0) >= 2)
    if pairable.size < 3:
        return None
    rng = np.random.default_rng(seed)
    replicates = []
    for _ in range(samples):
        picked = values[:, rng.choice(pairable, size=pairable.size, replace=True)]
        value = alpha(picked, level)
        if value is not None:
            replicates.append(value)
    if not replicates:
        return None
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(replicates, [tail, 100 - tail])
    return float(low), float(high)


@dataclass(frozen=True)
class ICC:
    """Two-way random effects, absolute agreement (Shrout & Fleiss 1979): single rater and mean of k."""

    icc2_1: float
    icc2_1_ci: tuple[float, float] | None  # None when the interval is undefined (too few items)
    icc2_k: float
    icc2_k_ci: tuple[float, float] | None
    n_items: int
    n_raters: int


def icc2(values: np.ndarray, confidence: float = 0.95) -> ICC | None:
    """Return ICC(2,1) and ICC(2,k) with confidence intervals for a complete matrix (raters × items).

    None for fewer than two items or raters, or when the items do not vary at all (undefined)."""
    k, n = values.shape
    if n < 2 or k < 2 or np.isnan(values).any():
        return None
    x = values.T  # targets as rows, judges as columns, as Shrout & Fleiss write it
    grand = x.mean()
    ss_rows = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_error = ((x - grand) ** 2).sum() - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = max(ss_error / ((n - 1) * (k - 1)), 0.0)  # never below 0 but by rounding
    single_denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    mean_denominator = msr + (msc - mse) / n
    if single_denominator <= 0 or mean_denominator <= 0:
        return None
    single = (msr - mse) / single_denominator
    mean = (msr - mse) / mean_denominator
    bounds = _icc2_1_bounds(single, msr, msc, mse, n, k, confidence)
    mean_bounds = (_spearman_brown(bounds[0], k), _spearman_brown(bounds[1], k)) if bounds else None
    return ICC(float(single), bounds, float(mean), mean_bounds, n, k)


def _icc2_1_bounds(icc: float, msr: float, msc: float, mse: float, n: int, k: int,
                   confidence: float) -> tuple[float, float] | None:
    """McGraw & Wong (1996) case 2A interval, with Satterthwaite's degrees of freedom; None when
    it is undefined (e.g. two items whose raters differ by the same amount: no error variance to
    scale by, or degrees of freedom of zero)."""
    if n < 3:  # one degree of freedom between items: any interval would be an artefact
        return None
    if mse == 0:  # every rater gives every item the same score, or they differ by a constant
        return (float(icc), float(icc)) if msc == 0 else None
    with np.errstate(divide="ignore", invalid="ignore"):
        fj = msc / mse
        vn = (k - 1) * (n - 1) * (k * icc * fj + n * (1 + (k - 1) * icc) - k * icc) ** 2
        vd = (n - 1) * k**2 * icc**2 * fj**2 + (n * (1 + (k - 1) * icc) - k * icc) ** 2
        v = vn / vd if vd else math.nan
        upper_tail = 1 - (1 - confidence) / 2
        f_upper = f_dist.ppf(upper_tail, n - 1, v)
        f_lower = f_dist.ppf(upper_tail, v, n - 1)
        spread = k * msc + (k * n - k - n) * mse
        low = np.float64(n * (msr - f_upper * mse)) / np.float64(f_upper * spread + n * msr)
        high = np.float64(n * (f_lower * msr - mse)) / np.float64(spread + n * f_lower * msr)
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    return float(low), float(high)


def _spearman_brown(value: float, k: int) -> float:
    """Step a single-rater reliability up to the mean of k raters."""
    return float(k * value / (1 + (k - 1) * value))


@dataclass(frozen=True)
class Bias:
    """A rater's mean difference from the others (or the benchmark) over `n` shared scores."""

    rater: str
    bias: float | None
    n: int


def rater_bias(matrices: Sequence[Matrix], benchmark: str | None = None) -> dict[str, Bias]:
    """Return each rater's bias: the mean of (their score − the mean of the other raters' scores on
    the same item), over every criterion given; with `benchmark`, the difference from that rater.
    Scores with no other score to compare with are left out of `n`."""
    differences: dict[str, list[float]] = {}
    for matrix in matrices:
        for r, rater in enumerate(matrix.raters):
            mine = differences.setdefault(rater, [])
            for i in range(len(matrix.items)):
                score = matrix.values[r, i]
                if np.isnan(score):
                    continue
                reference = _reference(matrix, r, i, benchmark)
                if reference is not None:
                    mine.append(float(score - reference))
    return {rater: Bias(rater, float(np.mean(d)) if d else None, len(d)) for rater, d in sorted(differences.items())}


def _reference(matrix: Matrix, r: int, i: int, benchmark: str | None) -> float | None:
    if benchmark is not None:
        if benchmark not in matrix.raters or matrix.raters[r] == benchmark:
            return None
        value = matrix.values[matrix.raters.index(benchmark), i]
        return None if np.isnan(value) else float(value)
    others = np.delete(matrix.values[:, i], r)
    others = others[~np.isnan(others)]
    return float(others.mean()) if others.size else None


def level_index(score: float, level_mins: Sequence[float]) -> int:
    """Return the index of the highest level whose minimum the score reaches (0 below all)."""
    reached = [index for index, low in enumerate(sorted(level_mins)) if score >= low]
    return reached[-1] if reached else 0


def within_one_level(matrix: Matrix, rater: str, benchmark: str, level_mins: Sequence[float]) -> tuple[float | None, int]:
    """Return the share of `rater`'s scores within one level of the benchmark's, and how many."""
    if rater not in matrix.raters or benchmark not in matrix.raters:
        return None, 0
    mine = matrix.values[matrix.raters.index(rater)]
    gold = matrix.values[matrix.raters.index(benchmark)]
    both = ~np.isnan(mine) & ~np.isnan(gold)
    if not both.any():
        return None, 0
    close = [abs(level_index(a, level_mins) - level_index(b, level_mins)) <= 1
             for a, b in zip(mine[both], gold[both], strict=True)]
    return sum(close) / len(close), len(close)


def reading(value: float | None) -> str:
    """Return the plain-language band of an agreement figure: reliable, tentative, unreliable, unknown."""
    if value is None:
        return "unknown"
    if value >= RELIABLE_ALPHA:
        return "reliable"
    if value >= TENTATIVE_ALPHA:
        return "tentative"
    return "unreliable"
