"""Measure how often the grader agrees with a trainer's verdicts on realistic replies.

    .venv/bin/python bench/trainer_judgement.py tests/data/trainer_2026_12_a [--json OUT] [--show N]

Each item is a reply to a starter scenario, with the conversation before it, and a trainer's
expected verdict (see the folder's README). Agreement is reported per part of the verdict:
- claims: the set of forbidden claims the grader finds equals the trainer's (per item);
- key points: each key point's met / not met agrees (per key point; met so far in the conversation);
- rules: the set of built-in rules that fire equals the trainer's (per item);
- wrong fact: the grader reports a wrong number exactly when the trainer does (per item);
- band: the overall score falls in the trainer's band, high 80-100, mid 50-79, low 0-49 (per item).
Run it from the checkout to measure (it imports `qa_app` from the current directory).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path.cwd()))

from qa_app.content import default_content_dirs, load_library  # noqa: E402
from qa_app.grading.context import HistoryMessage  # noqa: E402
from qa_app.grading.engine import Grader  # noqa: E402

PARTS = ("claims", "key_points", "rules", "wrong_fact", "band")
WRONG_FACT_CATEGORIES = ("wrong_amount", "wrong_fact")


def band_of(score: float) -> str:
    return "high" if score >= 80 else "mid" if score >= 50 else "low"


def verdict(result) -> dict:
    """Read the grader's verdict in the trainer's terms."""
    claims, met, not_met = set(), set(), set()
    for criterion in result.criteria:
        for kp in criterion.details.get("key_points", ()):
            (met if kp.get("met") else not_met).add(kp["id"])
        claims |= {fc["id"] for fc in criterion.details.get("forbidden", ()) if fc.get("found")}
    rules = {f.rule.split(".", 1)[1] for f in result.findings if f.rule.startswith("builtin.")}
    wrong = any(f.category in WRONG_FACT_CATEGORIES for f in result.findings)
    return {"claims": claims, "met": met, "not_met": not_met, "rules": rules, "wrong_fact": wrong,
            "overall": round(result.overall, 1), "band": band_of(result.overall)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements per part")
    args = parser.parse_args()
    library = load_library(*default_content_dirs(Path.cwd()))
    grader = Grader()
    rows = []
    for path in sorted(args.folder.glob("items_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["items"]:
            scenario = library.scenario(item["scenario"])
            history = [HistoryMessage(m["author"], m["text"]) for m in item.get("history") or ()]
            result = grader.grade(item["reply"], library.rubric_for(scenario).spec, scenario.spec,
                                  language=scenario.language, history=history)
            got, want = verdict(result), item["expected"]
            follow_up = sum(1 for m in history if m.author == "agent") > 0
            row = {"id": item["id"], "language": data["language"], "follow_up": follow_up, "got": got, "want": want,
                   "agree": {
                       "claims": got["claims"] == set(want.get("claims") or ()),
                       "rules": got["rules"] == set(want.get("rules") or ()),
                       "wrong_fact": got["wrong_fact"] == bool(want.get("wrong_fact")),
                       "band": got["band"] == want["band"],
                   },
                   "key_points": {kp: (kp in got["met"]) == (kp in set(want.get("key_points_met") or ()))
                                  for kp in [*(want.get("key_points_met") or ()), *(want.get("key_points_not_met") or ())]}}
            rows.append(row)
    report(rows, args.show)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=sorted), encoding="utf-8")
    return 0


def report(rows: list[dict], show: int) -> None:
    tally: dict = defaultdict(lambda: [0, 0])
    for row in rows:
        for group in (row["language"], "first" if not row["follow_up"] else "follow-up", "all"):
            for part in ("claims", "rules", "wrong_fact", "band"):
                tally[(group, part)][0] += row["agree"][part]
                tally[(group, part)][1] += 1
            for agree in row["key_points"].values():
                tally[(group, "key_points")][0] += agree
                tally[(group, "key_points")][1] += 1
    print(f"{len(rows)} items")
    for group in ("fi", "en", "first", "follow-up", "all"):
        cells = []
        for part in PARTS:
            hit, total = tally[(group, part)]
            if total:
                cells.append(f"{part} {100 * hit / total:.0f} % ({hit}/{total})")
        if cells:
            print(f"  {group:<9} " + ", ".join(cells))
    if show:
        for part in ("claims", "rules", "wrong_fact", "band"):
            misses = [r for r in rows if not r["agree"][part]][:show]
            for r in misses:
                print(f"  [{part}] {r['id']}: got {sorted(r['got'][part]) if isinstance(r['got'][part], set) else r['got'][part]}"
                      f" ({r['got']['overall']}) want {r['want'].get(part)}")
        kp_misses = [(r["id"], kp) for r in rows for kp, ok in r["key_points"].items() if not ok][:show]
        for item_id, kp in kp_misses:
            print(f"  [key_points] {item_id}: {kp}")


if __name__ == "__main__":
    sys.exit(main())
