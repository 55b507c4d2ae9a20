"""Ratings in the long CSV format `item, rater, criterion, score`, and the agreement report on them.

Pure: the same reader serves `kohtaamo agreement --csv` and calibration's CSV export reads back in.
An empty score, or an absent row, is a missing score.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

from .agreement import Matrix, Rating, alpha, icc2, rater_bias
from .safe_csv import safe_cell

COLUMNS = ("item", "rater", "criterion", "score")
MAX_SCORE = 1_000_000


class RatingsFileError(ValueError):
    """A ratings file that cannot be used; the message is one line naming the file (and line)."""


def read_ratings(text: str, name: str = "ratings.csv") -> list[Rating]:
    """Parse the long format; raise RatingsFileError naming `name:LINE` for the first bad row."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise RatingsFileError(f"{name}: the file is empty (expected a header {', '.join(COLUMNS)})") from None
    except csv.Error as error:
        raise RatingsFileError(f"{name}:1: {error}") from None
    columns = [column.strip().lstrip("\ufeff").lower() for column in header]
    missing = [column for column in COLUMNS if column not in columns]
    if missing:
        raise RatingsFileError(f"{name}:1: missing column {', '.join(repr(m) for m in missing)} "
                               f"(the header must name {', '.join(COLUMNS)})")
    repeated = [column for column in COLUMNS if columns.count(column) > 1]
    if repeated:  # which of two score columns counts would be a guess
        raise RatingsFileError(f"{name}:1: the header names {', '.join(repr(r) for r in repeated)} twice")
    position = {column: columns.index(column) for column in COLUMNS}
    ratings: list[Rating] = []
    seen: dict[tuple[str, str, str], int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(columns):
                raise RatingsFileError(f"{name}:{line}: expected {len(columns)} columns, found {len(row)}")
            item, rater, criterion, raw = (row[position[c]].strip() for c in COLUMNS)
            for column, value in (("item", item), ("rater", rater), ("criterion", criterion)):
                if not value:
                    raise RatingsFileError(f"{name}:{line}: the {column} is empty")
            key = (item, rater, criterion)
            if key in seen:
                raise RatingsFileError(f"{name}:{line}: {rater} scored {item} on {criterion} already on line {seen[key]}")
            seen[key] = line
            if not raw:
                continue
            ratings.append(Rating(item, rater, criterion, _score(raw, name, line)))
    except csv.Error as error:
        raise RatingsFileError(f"{name}:{reader.line_num}: {error}") from None
    return ratings


def _score(raw: str, name: str, line: int) -> float:
    try:
        if "_" in raw:  # Python's float() reads 1_0 as 10; no spreadsheet writes that
            raise ValueError(raw)
        value = float(raw.replace(",", ".")) if raw.count(",") == 1 and "." not in raw else float(raw)
    except ValueError:
        raise RatingsFileError(f"{name}:{line}: score {_shown(raw)} is not a number") from None
    if not math.isfinite(value):
        raise RatingsFileError(f"{name}:{line}: score {_shown(raw)} is not a finite number")
    if abs(value) > MAX_SCORE:  # squares of larger scores overflow the variances (NaN figures)
        raise RatingsFileError(
            f"{name}:{line}: score {_shown(raw)} is out of range (from -{MAX_SCORE:,} to {MAX_SCORE:,})".replace(",", " "))
    return value


def _shown(raw: str) -> str:
    """The score as quoted in a message, cut short so a 5000-digit cell stays a one-line error."""
    return repr(raw) if len(raw) <= 40 else repr(raw[:40]) + f"... ({len(raw)} characters)"


def write_ratings(ratings: Iterable[Rating]) -> str:
    """Return ratings in the long format (the calibration export); numbers as plain decimals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rating in ratings:
        score = int(rating.score) if float(rating.score).is_integer() else rating.score
        writer.writerow([_safe(rating.item), _safe(rating.rater), _safe(rating.criterion), score])
    return out.getvalue()


def _safe(cell: str) -> str:
    """Quote a text cell that a spreadsheet would run as a formula (see stats.safe_csv)."""
    return str(safe_cell(cell))


def agreement_report(ratings: Sequence[Rating], benchmark: str | None = None) -> dict[str, Any]:
    """Return the `kohtaamo agreement` JSON: figures per criterion and each rater's bias."""
    criteria: dict[str, Any] = {}
    matrices = []
    for criterion in sorted({r.criterion for r in ratings}):
        matrix = Matrix.build(ratings, criterion)
        matrices.append(matrix)
        icc = icc2(matrix.complete().values)
        criteria[criterion] = {
            "n_items": len(matrix.items),
            "n_raters": len(matrix.raters),
            "alpha_nominal": _round(alpha(matrix.values, "nominal")),
            "alpha_ordinal": _round(alpha(matrix.values, "ordinal")),
            "alpha_interval": _round(alpha(matrix.values, "interval")),
            "icc2_1": _round(icc.icc2_1) if icc else None,
            "icc2_1_ci": [_round(v) for v in icc.icc2_1_ci] if icc and icc.icc2_1_ci else None,
            "icc2_k": _round(icc.icc2_k) if icc else None,
            "icc2_k_ci": [_round(v) for v in icc.icc2_k_ci] if icc and icc.icc2_k_ci else None,
        }
    raters = {name: {"bias": _round(b.bias), "n": b.n} for name, b in rater_bias(matrices, benchmark).items()}
    return {"criteria": criteria, "raters": raters}


def _round(value: float | None) -> float | None:
    """Four decimals; a figure that is not finite is null, so the report stays strict JSON."""
    return None if value is None or not math.isfinite(value) else round(value, 4)
