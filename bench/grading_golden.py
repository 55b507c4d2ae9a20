"""Grade every evaluation answer and starter model answer and save `result.to_dict()` as JSON.

Run: .venv/bin/python bench/grading_golden.py OUT.json [--root PATH] [--naive]
     .venv/bin/python bench/grading_golden.py --compare A.json B.json

Used to check that a speed change keeps scores and findings identical. `--naive` grades with the
reference phrase matcher (`phrases.find_naive`), so both matchers can be compared on the same
working tree while other files change under us.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import os
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def cases(root: Path) -> list[tuple[str, dict]]:
    """Return (case id, grade arguments) for every answer to grade."""
    sys.path.insert(0, str(root / "tests" / "grading"))
    import test_evaluation as ev  # the evaluation's own loaders build the ScenarioSpecs

    from qa_app import content
    from qa_app.grading.defaults import default_rubric

    out: list[tuple[str, dict]] = []
    for language in ev.PAIR_LANGUAGES:
        for pair in ev.pairs(language):
            scenario = ev.scenario_spec(pair["scenario"]) if pair.get("scenario") else None
            for side in ("better", "worse"):
                out.append((f"{pair['id']}:{side}", {"text": pair[side], "rubric": default_rubric(pair["channel"]),
                                                      "scenario": scenario, "language": language}))
    for answer in ev.clean_answers():
        scenario = ev.scenario_spec(answer["scenario"]) if answer.get("scenario") else None
        out.append((answer["id"], {"text": answer["text"], "rubric": default_rubric(answer["channel"]),
                                   "scenario": scenario, "language": answer["language"]}))
    library = content.load_library(*content.default_content_dirs())
    for scenario_id, scenario in sorted(library.scenarios_by_id.items()):
        text = getattr(scenario, "model_answer", None) or _model_answer(root, scenario_id)
        if not text:
            continue
        rubric = library.rubric_for(scenario).spec_in("en")
        for language in (scenario.spec.language, "auto"):
            out.append((f"{scenario_id}:{language}", {"text": text, "rubric": rubric, "scenario": scenario.spec,
                                                      "language": language}))
    return out


def _model_answer(root: Path, scenario_id: str) -> str | None:
    for path in (root / "scenarios").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("id") == scenario_id:
            return data.get("model_answer")
    return None


def snapshot(root: Path, naive: bool) -> dict[str, dict]:
    from qa_app.grading import phrases
    from qa_app.grading.engine import Grader

    if naive:
        phrases.find = phrases.find_naive
        for module in ("accuracy", "empathy"):
            analyzer = __import__(f"qa_app.grading.analyzers.{module}", fromlist=["find"])
            analyzer.find = phrases.find_naive
    grader = Grader()
    # The grade API moved the UI language from grade() to to_dict(); support both shapes.
    ui_in_grade = "ui_lang" in inspect.signature(grader.grade).parameters
    results = {}
    for case_id, args in cases(root):
        grade = functools.partial(grader.grade, args["text"], args["rubric"], args["scenario"],
                                  language=args["language"])
        shared = None if ui_in_grade else grade()
        for ui_lang in ("en", "fi"):
            if ui_in_grade:
                results[f"{case_id}:{ui_lang}"] = grade(ui_lang=ui_lang).to_dict()
            else:
                results[f"{case_id}:{ui_lang}"] = shared.to_dict(ui_lang)
    return results


def compare(a_path: Path, b_path: Path) -> int:
    a = json.loads(a_path.read_text(encoding="utf-8"))
    b = json.loads(b_path.read_text(encoding="utf-8"))
    differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differing[:20]:
        print(f"differs: {key}")
        print(f"  A: {json.dumps(a.get(key), ensure_ascii=False)[:600]}")
        print(f"  B: {json.dumps(b.get(key), ensure_ascii=False)[:600]}")
    print(f"{len(a)} vs {len(b)} results, {len(differing)} differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--naive", action="store_true", help="use the reference phrase matcher")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    os.chdir(root)
    results = snapshot(root, args.naive)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(results)} results -> {args.out}")


if __name__ == "__main__":
    main()
