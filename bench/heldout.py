"""Run a held-out evaluation batch once and print its figures (ordering per criterion, clean set).

    .venv/bin/python bench/heldout.py tests/data/heldout_2026_12 [--json OUT]

A pair counts as ordered when `better` scores strictly higher than `worse` on its criterion
(`overall`: the rubric's overall score). Answers are graded in the file's language against the
pair's starter scenario (and its rubric) or the channel's built-in rubric. A clean answer passes
when grammar is at least 85 and no grammar, clarity or empathy finding is an error.
Uses only the Grader's long-standing signature, so the same script measures older commits
(run it from their checkout: `cd OLD && python /path/bench/heldout.py ...`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path.cwd()))  # grade with the checkout we run in

from qa_app.content import default_content_dirs, load_library  # noqa: E402
from qa_app.grading.defaults import default_rubric  # noqa: E402
from qa_app.grading.engine import Grader  # noqa: E402

CLEAN_MIN_GRAMMAR = 85.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path, help="also write the per-item results here")
    args = parser.parse_args()
    library = load_library(*default_content_dirs(Path.cwd()))
    grader = Grader()
    report: dict = {"pairs": [], "clean": []}

    def grade(text: str, language: str, channel: str, scenario_id: str | None):
        scenario = library.scenario(scenario_id) if scenario_id else None
        rubric = library.rubric_for(scenario).spec if scenario else default_rubric(channel)
        return grader.grade(text, rubric, scenario.spec if scenario else None, language=language)

    def score(result, criterion: str) -> float | None:
        if criterion == "overall":
            return result.overall
        found = result.criterion(criterion)
        return found.score if found is not None else None

    for path in sorted(args.folder.glob("pairs_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        language = data["language"]
        for pair in data["pairs"]:
            better = grade(pair["better"], language, pair["channel"], pair.get("scenario"))
            worse = grade(pair["worse"], language, pair["channel"], pair.get("scenario"))
            b, w = score(better, pair["criterion"]), score(worse, pair["criterion"])
            ordered = b is not None and w is not None and b > w
            report["pairs"].append({"id": pair["id"], "language": language, "criterion": pair["criterion"],
                                    "better": b, "worse": w, "ordered": ordered})
    clean = yaml.safe_load((args.folder / "clean.yaml").read_text(encoding="utf-8"))
    for answer in clean["answers"]:
        result = grade(answer["text"], answer["language"], answer["channel"], answer.get("scenario"))
        grammar = result.criterion("grammar")
        errors = [f"{c.id}:{f.rule or f.category}:{answer['text'][f.start:f.end]!r}" for c in result.criteria
                  if c.id in ("grammar", "clarity", "empathy") for f in c.findings if f.severity == "error"]
        ok = grammar is not None and grammar.score is not None and grammar.score >= CLEAN_MIN_GRAMMAR and not errors
        report["clean"].append({"id": answer["id"], "language": answer["language"], "grammar": grammar.score if grammar else None,
                                "errors": errors, "ok": ok})
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_report(report: dict) -> None:
    table: dict = defaultdict(lambda: [0, 0])
    for item in report["pairs"]:
        for key in ((item["language"], item["criterion"]), (item["language"], "all")):
            table[key][0] += item["ordered"]
            table[key][1] += 1
    print("ordered pairs (better strictly above worse):")
    for language in sorted({k[0] for k in table}):
        cells = [f"{c} {table[(language, c)][0]}/{table[(language, c)][1]}"
                 for c in ("grammar", "clarity", "accuracy", "empathy", "overall", "all") if (language, c) in table]
        total = table[(language, "all")]
        print(f"  {language}: " + ", ".join(cells) + f"  = {100 * total[0] / total[1]:.1f} %")
    for language in sorted({c["language"] for c in report["clean"]}):
        items = [c for c in report["clean"] if c["language"] == language]
        print(f"clean {language}: {sum(c['ok'] for c in items)}/{len(items)} pass")
    misses = [p for p in report["pairs"] if not p["ordered"]]
    if misses:
        print("misordered:", ", ".join(f"{p['id']} ({p['better']} vs {p['worse']})" for p in misses))
    failed = [c for c in report["clean"] if not c["ok"]]
    for c in failed:
        print(f"clean fail {c['id']}: grammar {c['grammar']}; {'; '.join(c['errors'][:3])}")


if __name__ == "__main__":
    sys.exit(main())
