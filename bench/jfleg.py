"""Measure English grammar grading on the JFLEG development set, and false flags on clean text.

Run:
  .venv/bin/python bench/jfleg.py --jfleg /path/to/jfleg [--ud en_ewt-ud-test.conllu] [--rules] [--misses N]

`--jfleg` is a checkout of github.com/keisks/jfleg, or a bare git directory of it (read with
`git show HEAD:dev/dev.src`); `JFLEG_DIR` and `UD_EWT_FILE` may be set instead. The data is read
at measure time and never stored in this repository.

For each pair (dev/dev.src line, dev/dev.ref0 line) it grades both with the grammar criterion
alone and counts how often the corrected sentence scores strictly higher, the same, or lower.
The bare-Harper baseline counts Harper's lints instead (fewer lints on the correction = higher).
JFLEG is tokenised ("do n't", "word ,"); lines are joined back into ordinary text first, since
the engine grades written replies, not token streams (`--raw` keeps them as they are).
With `--ud`, every `# text =` sentence of a UD English file counts as clean text: it reports the
share of sentences with any grammar finding, overall and per rule id.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_app.grading.engine import Grader  # noqa: E402
from qa_app.grading.results import Finding  # noqa: E402
from qa_app.grading.specs import CriterionSpec, RubricSpec  # noqa: E402

RUBRIC = RubricSpec("jfleg", 1, (CriterionSpec("grammar", 1, "grammar"),), channel="email")


def read_jfleg(location: str, name: str) -> list[str]:
    """Return the lines of `name` (e.g. dev/dev.src) from a checkout or a bare git directory."""
    path = Path(location)
    if (path / name).is_file():
        return (path / name).read_text(encoding="utf-8").splitlines()
    out = subprocess.run(["git", f"--git-dir={path}", "show", f"HEAD:{name}"], capture_output=True,
                         text=True, check=True)
    return out.stdout.splitlines()


_SPACE_BEFORE = re.compile(r" ([,.!?;:%)\]}]|n't|'s|'re|'ve|'ll|'d|'m)(?=\s|$|[,.!?;:])", re.IGNORECASE)


def detokenize(line: str) -> str:
    """Join a tokenised JFLEG line back into ordinary text ("do n't ." -> "don't.")."""
    text = " ".join(line.split())
    previous = None
    while previous != text:
        previous = text
        text = _SPACE_BEFORE.sub(r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def grade(grader: Grader, text: str) -> tuple[float, tuple[Finding, ...]]:
    """Return the grammar score and findings of `text` graded as English."""
    criterion = grader.grade(text, RUBRIC, language="en").criterion("grammar")
    assert criterion is not None and criterion.score is not None
    return criterion.score, criterion.findings


@lru_cache(maxsize=1)
def bare_harper():  # type: ignore[no-untyped-def]
    """Return Harper with its default configuration, as a user of the library would call it."""
    import harper

    return harper.Linter()


def harper_count(text: str) -> int:
    return len(bare_harper().lint(text))


def compare(pairs: list[tuple[str, str]], grader: Grader, show_rules: bool, misses: int) -> None:
    """Print how often the correction scores higher, the same or lower, for the engine and Harper."""
    engine, harper = Counter(), Counter()
    src_rules, ref_rules = Counter(), Counter()
    ties = []
    for src, ref in pairs:
        src_score, src_findings = grade(grader, src)
        ref_score, ref_findings = grade(grader, ref)
        outcome = _outcome(ref_score - src_score)
        engine[outcome] += 1
        harper[_outcome(harper_count(src) - harper_count(ref))] += 1
        src_rules.update(f.rule for f in src_findings)
        ref_rules.update(f.rule for f in ref_findings)
        if outcome == "tie":
            ties.append((src, ref))
    total = len(pairs)
    for label, counts in (("engine", engine), ("bare Harper", harper)):
        print(f"{label:12s} ref higher {_pct(counts['higher'], total)}  tie {_pct(counts['tie'], total)}  "
              f"lower {_pct(counts['lower'], total)}")
    if show_rules:
        print("findings per rule (src / ref):")
        for rule in sorted(set(src_rules) | set(ref_rules), key=lambda r: -src_rules[r] - ref_rules[r]):
            print(f"  {rule:32s} {src_rules[rule]:5d} / {ref_rules[rule]:5d}")
    for src, ref in ties[:misses]:
        print(f"TIE src: {src}\n    ref: {ref}")


def _outcome(difference: float) -> str:
    if abs(difference) < 1e-9:
        return "tie"
    return "higher" if difference > 0 else "lower"


def _pct(count: int, total: int) -> str:
    return f"{100.0 * count / total:5.1f} % ({count})"


def ud_sentences(path: str) -> list[str]:
    """Return the `# text =` sentences of a CoNLL-U file."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line[len("# text = "):] for line in lines if line.startswith("# text = ")]


def clean_text_flags(sentences: list[str], grader: Grader, show: str | None) -> None:
    """Print the share of clean sentences with any finding, overall and per rule id."""
    flagged, per_rule = 0, Counter()
    for sentence in sentences:
        _, findings = grade(grader, sentence)
        rules = {f.rule for f in findings}
        flagged += bool(rules)
        per_rule.update(rules)
        if show and any(r.startswith(show) for r in rules):
            spans = [sentence[f.start:f.end] for f in findings if f.rule.startswith(show)]
            print(f"  {spans}: {sentence}")
    total = len(sentences)
    print(f"UD clean sentences: {total}; with any grammar finding {_pct(flagged, total)}")
    for rule, count in per_rule.most_common():
        print(f"  {rule:32s} {_pct(count, total)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jfleg", default=os.environ.get("JFLEG_DIR"), help="jfleg checkout or git dir")
    parser.add_argument("--ud", default=os.environ.get("UD_EWT_FILE"), help="a UD English .conllu file")
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--ref", default="ref0", help="which reference to compare with (ref0..ref3)")
    parser.add_argument("--raw", action="store_true", help="grade the tokenised lines as they are")
    parser.add_argument("--rules", action="store_true", help="print findings per rule on src and ref")
    parser.add_argument("--misses", type=int, default=0, help="print this many tied pairs")
    parser.add_argument("--show-ud", metavar="RULE", help="print UD sentences flagged by rules starting so")
    args = parser.parse_args()
    if not args.jfleg and not args.ud:
        parser.error("give --jfleg (or JFLEG_DIR) and/or --ud (or UD_EWT_FILE)")
    grader = Grader()
    grader.warm_up(("en",), ("grammar",))
    if args.jfleg:
        prepare = (lambda s: " ".join(s.split())) if args.raw else detokenize
        src = read_jfleg(args.jfleg, f"{args.split}/{args.split}.src")
        ref = read_jfleg(args.jfleg, f"{args.split}/{args.split}.{args.ref}")
        pairs = [(prepare(s), prepare(r)) for s, r in zip(src, ref, strict=True)]
        kept = [(s, r) for s, r in pairs if s != r and s.strip() and r.strip()]
        print(f"JFLEG {args.split} vs {args.ref}: {len(pairs)} pairs, {len(pairs) - len(kept)} skipped "
              f"(source equals reference), {len(kept)} compared")
        compare(kept, grader, args.rules, args.misses)
    if args.ud:
        clean_text_flags(ud_sentences(args.ud), grader, args.show_ud)


if __name__ == "__main__":
    main()
