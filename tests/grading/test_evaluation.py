"""Held-out evaluation of the grader on pairs of answers it was not tuned to.

Data (see tests/data/README.md):
  eval_pairs_fi.yaml / eval_pairs_en.yaml  pairs: `better` must score strictly higher than `worse`
                                           on the pair's criterion
  eval_scenarios.yaml                      scenarios the accuracy pairs (and a few others) use
  eval_clean.yaml                          clean professional answers that must not raise false alarms

The data-validation tests run always. The grading tests are skipped until
qa_app/grading/engine.py exists. Run with `-s` to see the per-criterion breakdown even when
the test passes; set KOHTAAMO_EVAL_REPORT=/path/report.json to also get it as JSON.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from qa_app.grading.specs import AUTOMATIC_SCORERS, CHANNELS, ForbiddenClaim, KeyPoint, ScenarioSpec

DATA = Path(__file__).resolve().parent.parent / "data"
ENGINE_PATH = Path(__file__).resolve().parents[2] / "qa_app" / "grading" / "engine.py"

PAIR_LANGUAGES = ("fi", "en")
MIN_ORDERING_ACCURACY = 0.90
MIN_PAIRS_PER_LANGUAGE = 45
MIN_PAIRS_PER_CRITERION = 10
MIN_CLEAN_PER_LANGUAGE = 10
CLEAN_MIN_GRAMMAR_SCORE = 85.0

requires_engine = pytest.mark.skipif(
    not ENGINE_PATH.exists(), reason="qa_app/grading/engine.py does not exist yet"
)


# ----------------------------------------------------------------------------- loading


def _load(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def raw_scenarios() -> dict[str, dict]:
    return {item["id"]: item for item in _load("eval_scenarios.yaml")["scenarios"]}


def _strings(values) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()))


@cache
def scenario_spec(scenario_id: str) -> ScenarioSpec:
    raw = raw_scenarios()[scenario_id]
    return ScenarioSpec(
        id=raw["id"],
        version=int(raw.get("version", 1)),
        language=raw["language"],
        channel=raw["channel"],
        rubric=raw.get("rubric"),
        key_points=tuple(
            KeyPoint(id=k["id"], say=k.get("say", ""), any=_strings(k.get("any")), numbers=_strings(k.get("numbers")))
            for k in raw.get("key_points", ())
        ),
        forbidden=tuple(
            ForbiddenClaim(id=f["id"], say=f.get("say", ""), any=_strings(f.get("any")), numbers=_strings(f.get("numbers")))
            for f in raw.get("forbidden", ())
        ),
        vocabulary=_strings(raw.get("vocabulary")),
        customer_name=raw.get("customer_name"),
        facts_text=raw.get("facts_text", ""),
    )


@cache
def pairs(language: str) -> tuple[dict, ...]:
    data = _load(f"eval_pairs_{language}.yaml")
    assert data["language"] == language
    return tuple(data["pairs"])


@cache
def clean_answers() -> tuple[dict, ...]:
    return tuple(_load("eval_clean.yaml")["answers"])


# ----------------------------------------------------------------------------- data validation (no engine needed)


@pytest.mark.parametrize("language", PAIR_LANGUAGES)
def test_pair_file_is_well_formed(language: str) -> None:
    items = pairs(language)
    problems: list[str] = []
    ids = Counter(p.get("id") for p in items)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for p in items:
        pid = p.get("id", "?")
        missing = {"id", "criterion", "channel", "better", "worse", "note"} - p.keys()
        if missing:
            problems.append(f"{pid}: missing {sorted(missing)}")
            continue
        if not pid.startswith(f"{language}_"):
            problems.append(f"{pid}: id should start with {language}_")
        if p["criterion"] not in AUTOMATIC_SCORERS:
            problems.append(f"{pid}: unknown criterion {p['criterion']!r}")
        if p["channel"] not in CHANNELS:
            problems.append(f"{pid}: unknown channel {p['channel']!r}")
        if not p["better"].strip() or not p["worse"].strip():
            problems.append(f"{pid}: empty answer")
        if p["better"].strip() == p["worse"].strip():
            problems.append(f"{pid}: better and worse are identical")
        scenario = p.get("scenario")
        if p["criterion"] == "accuracy" and not scenario:
            problems.append(f"{pid}: accuracy pairs need a scenario")
        if scenario:
            if scenario not in raw_scenarios():
                problems.append(f"{pid}: unknown scenario {scenario!r}")
            elif raw_scenarios()[scenario]["language"] != language:
                problems.append(f"{pid}: scenario {scenario} is not in {language}")
    assert not problems, "\n".join(problems)

    per_criterion = Counter(p["criterion"] for p in items)
    assert len(items) >= MIN_PAIRS_PER_LANGUAGE, f"{language}: only {len(items)} pairs"
    for criterion in AUTOMATIC_SCORERS:
        assert per_criterion[criterion] >= MIN_PAIRS_PER_CRITERION, (
            f"{language}/{criterion}: only {per_criterion[criterion]} pairs"
        )
    channels = Counter(p["channel"] for p in items)
    assert {"chat", "email", "social"} <= channels.keys(), channels


def _norm_number(text: str) -> str:
    """'5,18 €' / '€5.18' / '5.18' -> '5.18' (digits with one decimal point)."""
    digits = re.sub(r"[^\d,.]", "", text).replace(",", ".")
    return digits.strip(".")


def test_scenario_file_is_well_formed() -> None:
    problems: list[str] = []
    for sid, raw in raw_scenarios().items():
        for key in ("id", "version", "language", "channel", "facts_text", "key_points"):
            if key not in raw:
                problems.append(f"{sid}: missing {key}")
        if raw.get("channel") not in CHANNELS:
            problems.append(f"{sid}: unknown channel")
        facts_numbers = {_norm_number(m) for m in re.findall(r"\d[\d\s]*(?:[,.]\d+)?", raw.get("facts_text", ""))}
        for item in [*raw.get("key_points", ()), *raw.get("forbidden", ())]:
            if not item.get("id") or not item.get("say"):
                problems.append(f"{sid}: item without id/say")
            if not item.get("any") and not item.get("numbers"):
                problems.append(f"{sid}/{item.get('id')}: needs `any` or `numbers`")
        # key-point numbers are facts; forbidden numbers must NOT be facts
        for kp in raw.get("key_points", ()):
            for number in kp.get("numbers", ()):
                if _norm_number(number) not in facts_numbers:
                    problems.append(f"{sid}/{kp['id']}: number {number} is not in facts_text")
        for fb in raw.get("forbidden", ()):
            for number in fb.get("numbers", ()):
                if _norm_number(number) in facts_numbers:
                    problems.append(f"{sid}/{fb['id']}: forbidden number {number} appears in facts_text")
        scenario_spec(sid)  # builds without error
    assert not problems, "\n".join(problems)


def test_clean_file_is_well_formed() -> None:
    items = clean_answers()
    ids = Counter(a["id"] for a in items)
    assert all(n == 1 for n in ids.values()), ids
    per_language = Counter(a["language"] for a in items)
    for language in PAIR_LANGUAGES:
        assert per_language[language] >= MIN_CLEAN_PER_LANGUAGE, per_language
    for a in items:
        assert a["channel"] in CHANNELS, a["id"]
        assert a["text"].strip(), a["id"]
        if a.get("scenario"):
            assert a["scenario"] in raw_scenarios(), a["id"]


# ----------------------------------------------------------------------------- grading


@pytest.fixture(scope="module")
def grader():
    from qa_app.grading.engine import Grader

    return Grader()


@pytest.fixture(scope="module")
def rubric_for():
    from qa_app.grading.defaults import default_rubric

    return cache(default_rubric)


def _grade(grader, rubric_for, text: str, channel: str, scenario_id: str | None, language: str):
    scenario = scenario_spec(scenario_id) if scenario_id else None
    return grader.grade(text, rubric_for(channel), scenario=scenario, language=language)


def _score(result, criterion: str) -> float | None:
    crit = result.criterion(criterion)
    return None if crit is None else crit.score


def _fmt(score: float | None) -> str:
    return "None" if score is None else f"{score:.1f}"


def _finding_summary(result, criterion: str, limit: int = 4) -> str:
    crit = result.criterion(criterion)
    if crit is None:
        return "criterion missing"
    parts = [f"{f.severity}:{f.rule or f.category}(-{f.penalty:.0f})" for f in crit.findings[:limit]]
    more = len(crit.findings) - limit
    return ", ".join(parts) + (f", +{more} more" if more > 0 else "") if parts else "no findings"


@requires_engine
@pytest.mark.parametrize("language", PAIR_LANGUAGES)
def test_pairs_are_ordered(grader, rubric_for, language: str) -> None:
    """better scores strictly higher than worse on the pair's criterion in >= 90 % of pairs."""
    totals: Counter = Counter()
    correct: Counter = Counter()
    misordered: list[dict] = []
    for pair in pairs(language):
        criterion = pair["criterion"]
        better = _grade(grader, rubric_for, pair["better"], pair["channel"], pair.get("scenario"), language)
        worse = _grade(grader, rubric_for, pair["worse"], pair["channel"], pair.get("scenario"), language)
        b, w = _score(better, criterion), _score(worse, criterion)
        totals[criterion] += 1
        if b is not None and w is not None and b > w:
            correct[criterion] += 1
        else:
            misordered.append(
                {
                    "id": pair["id"],
                    "criterion": criterion,
                    "better": b,
                    "worse": w,
                    "better_findings": _finding_summary(better, criterion),
                    "worse_findings": _finding_summary(worse, criterion),
                    "note": pair["note"],
                }
            )

    n_total, n_correct = sum(totals.values()), sum(correct.values())
    accuracy = n_correct / n_total
    lines = [f"[{language}] ordering accuracy {n_correct}/{n_total} = {accuracy:.1%}"]
    for criterion in AUTOMATIC_SCORERS:
        if totals[criterion]:
            lines.append(
                f"  {criterion:<9} {correct[criterion]:>2}/{totals[criterion]:<2} "
                f"= {correct[criterion] / totals[criterion]:.0%}"
            )
    if misordered:
        lines.append("  misordered:")
        for m in misordered:
            lines.append(
                f"    {m['id']:<7} {m['criterion']:<9} better={_fmt(m['better'])} worse={_fmt(m['worse'])}"
                f"  | better: {m['better_findings']} | worse: {m['worse_findings']}"
            )
            lines.append(f"            ({m['note']})")
    report = "\n".join(lines)
    print("\n" + report)

    report_path = os.environ.get("KOHTAAMO_EVAL_REPORT")
    if report_path:
        path = Path(report_path)
        existing = json.loads(path.read_text()) if path.exists() else {}
        existing[language] = {
            "accuracy": accuracy,
            "per_criterion": {c: [correct[c], totals[c]] for c in AUTOMATIC_SCORERS},
            "misordered": misordered,
        }
        path.write_text(json.dumps(existing, ensure_ascii=False, indent=2))

    assert accuracy >= MIN_ORDERING_ACCURACY, report


@requires_engine
@pytest.mark.parametrize("answer", clean_answers(), ids=lambda a: a["id"])
def test_clean_answers_raise_no_false_alarms(grader, rubric_for, answer: dict) -> None:
    result = _grade(grader, rubric_for, answer["text"], answer["channel"], answer.get("scenario"), answer["language"])
    problems: list[str] = []
    grammar = result.criterion("grammar")
    if grammar is None or grammar.score is None:
        problems.append("grammar was not scored")
    elif grammar.score < CLEAN_MIN_GRAMMAR_SCORE:
        problems.append(f"grammar score {grammar.score:.1f} < {CLEAN_MIN_GRAMMAR_SCORE}")
    for criterion in ("grammar", "clarity", "empathy"):
        crit = result.criterion(criterion)
        for f in crit.findings if crit else ():
            if f.severity == "error":
                problems.append(
                    f"{criterion} error {f.rule or f.category} on {answer['text'][f.start:f.end]!r}: {f.render()}"
                )
    by_criterion = defaultdict(list)
    for crit in result.criteria:
        by_criterion[crit.id] = _fmt(crit.score)
    assert not problems, f"{answer['id']} scores {dict(by_criterion)}:\n" + "\n".join(problems)
