"""What a calibration session shows after reveal: spreads, agreement, bias, AutoQA as a rater, trend.

The figures come from the pure `stats.agreement`; this module only gathers the scores that exist
(missing and N/A scores are missing data, and the counts say how many) and labels the raters as
the viewer may see them. Presentation (sentences, level labels) stays in the templates.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

import numpy as np
from sqlalchemy import select

from ...extensions import db
from ...grading.specs import CriterionSpec
from ...models import AutoQAResult, CalibrationItem, CalibrationSession, User
from ...stats.agreement import (
    ICC,
    Matrix,
    Rating,
    alpha,
    alpha_interval,
    icc2,
    level_index,
    rater_bias,
    reading,
    within_one_level,
)
from ...stats.ratings import write_ratings
from .errors import CalibrationNotFound
from .sessions import session_rubric

AUTOQA = "autoqa"
OVERALL = "overall"
BOOTSTRAP_SAMPLES = 200  # ~0.1 s per criterion on a session of ten conversations
AS_GOOD_MARGIN = 0.05  # AutoQA "agrees as well as a person" within this much alpha
VERDICT_MIN_ITEMS = 4  # fewer shared conversations say nothing about AutoQA
DISCUSS_MIN_RANGE = 25.0  # a spread of fewer points within one level is not worth a meeting
DISCUSS_FIRST = 5
DISCUSS_PER_CRITERION = 2


@dataclass(frozen=True)
class Rater:
    """A rater as the viewer may see them: a name, or "Rater N" (`number`), or AutoQA."""

    key: str  # str(user id) or "autoqa"
    user_id: int | None
    name: str | None  # None when anonymised to the viewer
    number: int
    is_you: bool = False
    is_benchmark: bool = False
    submitted: int = 0
    late: int = 0

    @property
    def is_autoqa(self) -> bool:
        return self.key == AUTOQA


@dataclass(frozen=True)
class GivenScore:
    rater: Rater
    score: float | None
    na: bool
    late: bool = False


@dataclass(frozen=True)
class Spread:
    """One conversation × criterion: who gave which score, and how far apart they are."""

    criterion_id: str
    scores: tuple[GivenScore, ...]  # people, in rater order; missing raters left out
    autoqa: float | None
    low: float | None
    high: float | None
    low_level: int | None
    high_level: int | None
    n_na: int

    @property
    def range(self) -> float:
        return 0.0 if self.low is None or self.high is None else self.high - self.low

    @property
    def n_scored(self) -> int:
        return sum(1 for s in self.scores if s.score is not None)

    @property
    def level_gap(self) -> int:
        return 0 if self.low_level is None or self.high_level is None else self.high_level - self.low_level

    @property
    def na_split(self) -> bool:
        """Some marked it not applicable while others scored it."""
        return self.n_na > 0 and self.n_scored > 0

    @property
    def weight(self) -> tuple[int, int, float]:
        return (self.level_gap, int(self.na_split), self.range)


@dataclass(frozen=True)
class ItemResult:
    item: CalibrationItem
    spreads: tuple[Spread, ...]
    overall: Spread
    n_submitted: int

    @property
    def disagreement(self) -> float:
        return max((s.range for s in self.spreads), default=0.0)


@dataclass(frozen=True)
class Figures:
    """Agreement of the people on one criterion (or the overall)."""

    criterion_id: str
    level: str
    n_items: int
    n_raters: int
    n_scores: int
    alpha: float | None
    alpha_ci: tuple[float, float] | None
    icc: ICC | None

    @property
    def reading(self) -> str:
        return reading(self.alpha)


@dataclass(frozen=True)
class PersonAgreement:
    rater: Rater
    alpha: float | None
    n: int


@dataclass(frozen=True)
class AutoQAFigures:
    """AutoQA as one more rater on an automatic criterion, next to the people's own agreement."""

    criterion_id: str
    level: str
    with_people: tuple[PersonAgreement, ...]
    with_consensus: float | None
    n_consensus: int
    people_pairwise: float | None  # mean alpha of each pair of people
    autoqa_pairwise: float | None  # mean alpha of AutoQA with each person
    bias: float | None  # mean of AutoQA − the people's mean on the same conversation

    @property
    def verdict(self) -> str:
        """as_good (within AS_GOOD_MARGIN of a person), worse, better, or unknown."""
        if self.autoqa_pairwise is None or self.people_pairwise is None or self.n_consensus < VERDICT_MIN_ITEMS:
            return "unknown"
        if self.autoqa_pairwise >= self.people_pairwise + AS_GOOD_MARGIN:
            return "better"
        if self.autoqa_pairwise >= self.people_pairwise - AS_GOOD_MARGIN:
            return "as_good"
        return "worse"


@dataclass(frozen=True)
class RaterFigures:
    rater: Rater
    bias: float | None  # against the other people's mean
    n: int
    benchmark_bias: float | None = None
    benchmark_n: int = 0
    within_one: float | None = None  # share within one level of the benchmark
    within_n: int = 0


@dataclass(frozen=True)
class Results:
    session: CalibrationSession
    raters: tuple[Rater, ...]  # people, then AutoQA
    criteria: tuple[CriterionSpec, ...]
    figures: tuple[Figures, ...]
    overall: Figures
    items: tuple[ItemResult, ...]  # largest disagreement first
    autoqa: tuple[AutoQAFigures, ...]
    rater_figures: tuple[RaterFigures, ...]
    discuss: tuple[tuple[ItemResult, Spread], ...]  # what to talk about first
    expected: int  # scorecards expected: participants × conversations
    submitted: int
    missing: tuple[Rater, ...] = field(default_factory=tuple)  # people who did not submit every scorecard

    @property
    def people(self) -> tuple[Rater, ...]:
        return tuple(r for r in self.raters if not r.is_autoqa)


def measurement_level(spec: CriterionSpec, automatic: bool) -> str:
    """Interval for AutoQA's 0–100 criteria; ordinal for a level scale; nominal for a yes/no scale."""
    if automatic or not spec.levels:
        return "interval"
    return "nominal" if len(spec.levels) <= 2 else "ordinal"


def results_for(session: CalibrationSession, viewer: User, lang: str, bootstrap: bool = True) -> Results:
    """Return the revealed figures; CalibrationNotFound while the viewer may not see scores yet."""
    if not session.can_see_scores(viewer):
        raise CalibrationNotFound(f"calibration session {session.id} results")
    rubric = session_rubric(session)
    spec = rubric.spec_in(lang)
    automatic = {c.id for c in rubric.spec.criteria if not c.is_manual}
    raters = _raters(session, viewer)
    people = [r for r in raters if not r.is_autoqa]
    by_key = {r.key: r for r in raters}
    ratings, na = _ratings(session)
    autoqa = _autoqa_ratings(session, automatic)
    items = tuple(sorted((_item(session, item, spec, ratings, na, autoqa, by_key, people) for item in session.items),
                         key=lambda r: (-r.disagreement, -r.overall.range, r.item.position)))
    figures = tuple(_figures(ratings, c.id, measurement_level(c, c.id in automatic), session.id, bootstrap)
                    for c in spec.criteria)
    overall = _figures(ratings, OVERALL, "interval", session.id, bootstrap)
    criteria_matrices = [Matrix.build(ratings, c.id) for c in spec.criteria]
    discuss = _discuss_first(items)
    submitted = sum(r.submitted for r in people)
    expected = len(people) * len(session.items)
    return Results(
        session, tuple(raters), spec.criteria, figures, overall, items,
        tuple(_autoqa_figures(ratings, autoqa, c, measurement_level(c, True), by_key)
              for c in spec.criteria if c.id in automatic),
        _rater_figures(session, criteria_matrices, spec.criteria, by_key),
        discuss, expected, submitted,
        tuple(r for r in people if r.submitted < len(session.items)),
    )


def _raters(session: CalibrationSession, viewer: User) -> list[Rater]:
    names = session.shows_names_to(viewer)
    raters = []
    for number, participant in enumerate(session.participants, start=1):
        mine = [s for item in session.items for s in item.scores if s.rater_id == participant.user_id and s.submitted]
        raters.append(Rater(str(participant.user_id), participant.user_id, participant.user.name if names else None,
                            number, participant.user_id == viewer.id, participant.user_id == session.benchmark_id,
                            len(mine), sum(1 for s in mine if session.is_late(s.submitted_at))))
    raters.append(Rater(AUTOQA, None, "AutoQA", len(raters) + 1))
    return raters


def _ratings(session: CalibrationSession) -> tuple[list[Rating], set[tuple[str, str, str]]]:
    """Submitted human scores as ratings (criteria and the overall); N/A kept aside as (item, rater, criterion)."""
    ratings, na = [], set()
    for item in session.items:
        for score in item.scores:
            if not score.submitted:
                continue
            key = (str(item.id), str(score.rater_id))
            for cid, entry in score.scores.items():
                if entry.get("na"):
                    na.add((*key, cid))
                elif entry.get("score") is not None:
                    ratings.append(Rating(*key, cid, float(entry["score"])))
            if score.overall is not None:
                ratings.append(Rating(*key, OVERALL, float(score.overall)))
    return ratings, na


def _autoqa_ratings(session: CalibrationSession, automatic: set[str]) -> list[Rating]:
    """AutoQA's criterion scores of the session's conversations (its rubric version, else the newest)."""
    ratings = []
    for item in session.items:
        results = list(db.session.scalars(select(AutoQAResult).where(AutoQAResult.conversation_id == item.conversation_id)
                                          .order_by(AutoQAResult.created_at.desc(), AutoQAResult.id.desc())))
        result = next((r for r in results if r.rubric_version_id == session.rubric_version_id), results[0] if results else None)
        if result is None:
            continue
        for cid, score in result.criteria.items():
            if cid in automatic and score is not None:
                ratings.append(Rating(str(item.id), AUTOQA, cid, float(score)))
    return ratings


def _item(session, item, spec, ratings, na, autoqa, by_key, people) -> ItemResult:
    mine = [r for r in ratings if r.item == str(item.id)]
    auto = {r.criterion: r.score for r in autoqa if r.item == str(item.id)}
    spreads = tuple(_spread(c.id, mine, na, item, auto.get(c.id), [lvl.min for lvl in c.levels], by_key, people, session)
                    for c in spec.criteria)
    overall = _spread(OVERALL, mine, na, item, None, [], by_key, people, session)
    return ItemResult(item, spreads, overall, len({r.rater for r in mine}))


def _spread(cid, ratings, na, item, auto, level_mins, by_key, people, session) -> Spread:
    given = []
    submitted_at = {str(s.rater_id): s.submitted_at for s in item.scores if s.submitted}
    for rater in people:
        if rater.key not in submitted_at:
            continue
        score = next((r.score for r in ratings if r.rater == rater.key and r.criterion == cid), None)
        given.append(GivenScore(rater, score, (str(item.id), rater.key, cid) in na,
                                session.is_late(submitted_at[rater.key])))
    values = [g.score for g in given if g.score is not None]
    low, high = (min(values), max(values)) if values else (None, None)
    levels = level_mins or None
    return Spread(cid, tuple(given), auto, low, high,
                  level_index(low, levels) if levels and low is not None else None,
                  level_index(high, levels) if levels and high is not None else None,
                  sum(1 for g in given if g.na))


def _discuss_first(items: Sequence[ItemResult]) -> tuple[tuple[ItemResult, Spread], ...]:
    """The largest disagreements, at most DISCUSS_PER_CRITERION per criterion so one misread level
    does not crowd out the rest."""
    ranked = sorted(((i, s) for i in items for s in i.spreads if _worth_discussing(s)),
                    key=lambda pair: tuple(-x for x in pair[1].weight))
    chosen: list[tuple[ItemResult, Spread]] = []
    per_criterion: dict[str, int] = {}
    for item, spread in ranked:
        if per_criterion.get(spread.criterion_id, 0) < DISCUSS_PER_CRITERION:
            chosen.append((item, spread))
            per_criterion[spread.criterion_id] = per_criterion.get(spread.criterion_id, 0) + 1
        if len(chosen) == DISCUSS_FIRST:
            break
    return tuple(chosen)


def _worth_discussing(spread: Spread) -> bool:
    return spread.level_gap > 0 or spread.na_split or spread.range >= DISCUSS_MIN_RANGE


def _figures(ratings: Sequence[Rating], cid: str, level: str, seed: int, bootstrap: bool) -> Figures:
    matrix = Matrix.build([r for r in ratings if r.rater != AUTOQA], cid)
    value = alpha(matrix.values, level) if matrix.values.size else None
    interval = (alpha_interval(matrix.values, level, samples=BOOTSTRAP_SAMPLES, seed=seed)
                if bootstrap and value is not None else None)
    return Figures(cid, level, len(matrix.items), len(matrix.raters), matrix.n_scores, value, interval,
                   icc2(matrix.complete().values) if matrix.values.size else None)


def _pair_alpha(ratings: Sequence[Rating], a: str, b: str, cid: str, level: str) -> tuple[float | None, int]:
    pair = Matrix.build([r for r in ratings if r.criterion == cid and r.rater in (a, b)], cid)
    if len(pair.raters) < 2:
        return None, 0
    both = int((~np.isnan(pair.values)).all(axis=0).sum())
    return alpha(pair.values, level), both


def _autoqa_figures(ratings, autoqa, spec: CriterionSpec, level: str, by_key) -> AutoQAFigures:
    cid = spec.id
    people = sorted({r.rater for r in ratings if r.criterion == cid and r.rater != AUTOQA}, key=lambda k: by_key[k].number)
    combined = [r for r in ratings if r.criterion == cid] + [r for r in autoqa if r.criterion == cid]
    with_people = tuple(PersonAgreement(by_key[p], *_pair_alpha(combined, p, AUTOQA, cid, level)) for p in people)
    pairs = [_pair_alpha(combined, a, b, cid, level)[0] for a, b in combinations(people, 2)]
    consensus = [Rating(item, "people", cid, statistics.fmean(scores))
                 for item, scores in _by_item(r for r in ratings if r.criterion == cid).items()]
    auto = [r for r in autoqa if r.criterion == cid]
    consensus_alpha, n_consensus = _pair_alpha(consensus + auto, "people", AUTOQA, cid, level)
    mean_of_people = {r.item: r.score for r in consensus}
    differences = [r.score - mean_of_people[r.item] for r in auto if r.item in mean_of_people]
    return AutoQAFigures(cid, level, with_people, consensus_alpha, n_consensus, _mean(pairs),
                         _mean([p.alpha for p in with_people]), _mean(differences))


def _by_item(ratings) -> dict[str, list[float]]:
    grouped: dict[str, list[float]] = {}
    for rating in ratings:
        grouped.setdefault(rating.item, []).append(rating.score)
    return grouped


def _mean(values) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _rater_figures(session, matrices: Sequence[Matrix], criteria: Sequence[CriterionSpec], by_key) -> tuple[RaterFigures, ...]:
    against_others = rater_bias(matrices)
    benchmark = str(session.benchmark_id) if session.benchmark_id else None
    against_gold = rater_bias(matrices, benchmark) if benchmark else {}
    rows = []
    for rater in (r for r in by_key.values() if not r.is_autoqa):
        bias = against_others.get(rater.key)
        gold = against_gold.get(rater.key)
        close = n_close = 0
        if benchmark and rater.key != benchmark:
            for matrix, spec in zip(matrices, criteria, strict=True):
                share, n = within_one_level(matrix, rater.key, benchmark, [lvl.min for lvl in spec.levels] or [0])
                if share is not None:
                    close, n_close = close + share * n, n_close + n
        rows.append(RaterFigures(rater, bias.bias if bias else None, bias.n if bias else 0,
                                 gold.bias if gold else None, gold.n if gold else 0,
                                 close / n_close if n_close else None, n_close))
    return tuple(rows)


# ------------------------------------------------------------------ export and trend


def export_csv(session: CalibrationSession, viewer: User) -> str:
    """The session's scores in the long format `item, rater, criterion, score` (AutoQA included)."""
    if not session.can_see_scores(viewer):
        raise CalibrationNotFound(f"calibration session {session.id} results")
    rubric = session_rubric(session)
    automatic = {c.id for c in rubric.spec.criteria if not c.is_manual}
    raters = {r.key: r for r in _raters(session, viewer)}
    ratings, _ = _ratings(session)
    names = {item.id: item.conversation.external_id for item in session.items}
    if len(set(names.values())) < len(names):
        names = {item.id: f"{item.conversation.source}:{item.conversation.external_id}" for item in session.items}
    order = {c.id: n for n, c in enumerate(rubric.spec.criteria)} | {OVERALL: len(rubric.spec.criteria)}

    def label(key: str) -> str:
        rater = raters[key]
        if rater.is_autoqa:
            return "AutoQA"
        participant = next(p for p in session.participants if str(p.user_id) == key)
        return participant.user.email if rater.name else f"Rater {rater.number}"

    rows = sorted((Rating(names[int(r.item)], label(r.rater), r.criterion, r.score)
                   for r in [*ratings, *_autoqa_ratings(session, automatic)]),
                  key=lambda r: (r.item, order.get(r.criterion, 99), r.criterion, r.rater))
    return write_ratings(rows)


@dataclass(frozen=True)
class TrendPoint:
    session: CalibrationSession
    when: datetime
    alpha: float | None  # people's alpha on the overall score
    median_criterion_alpha: float | None
    n_raters: int
    n_items: int

    @property
    def reading(self) -> str:
        return reading(self.alpha)


def agreement_trend(user: User, sessions: Sequence[CalibrationSession]) -> list[TrendPoint]:
    """Agreement in each closed session the user may see, oldest first (no bootstrap: a quick table)."""
    points = []
    for session in sessions:
        if session.is_open or not session.can_see_scores(user):
            continue
        rubric = session_rubric(session)
        automatic = {c.id for c in rubric.spec.criteria if not c.is_manual}
        ratings, _ = _ratings(session)
        overall = _figures(ratings, OVERALL, "interval", session.id, bootstrap=False)
        per_criterion = [_figures(ratings, c.id, measurement_level(c, c.id in automatic), session.id, False).alpha
                         for c in rubric.spec.criteria]
        present = [a for a in per_criterion if a is not None]
        points.append(TrendPoint(session, session.closed_at or session.created_at, overall.alpha,
                                 statistics.median(present) if present else None, overall.n_raters, overall.n_items))
    return sorted(points, key=lambda p: (p.when, p.session.id))
