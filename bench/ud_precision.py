"""Measure how often each grammar rule flags clean published text (Universal Dependencies test sets).

Run:
  .venv/bin/python bench/ud_precision.py --fi fi_tdt-ud-test.conllu --en en_ewt-ud-test.conllu \
      [--judged bench/data/ud_judged.tsv] [--dump flags.tsv] [--sample 30]

A .conllu argument may also be `GITDIR:FILE` (a bare git directory of the UD repository, read with
`git show HEAD:FILE`); the data is read at measure time and never stored in this repository.
Every `# text =` sentence is graded alone with the grammar criterion only (channel email), in
Finnish (UD_Finnish-TDT) resp. English (UD_English-EWT). Per rule id it reports how many
sentences the rule flags.

Precision needs a human: `--dump` writes every flag (sentence id, rule, offsets, span, sentence, message)
for reading. `--judged` reads a TSV of verdicts (lang, sent_id, rule, start, end, TRUE|FALSE,
reason) — only ids and offsets, no corpus text — and adds per rule: judged flags, false share
and the estimated share of sentences the rule flags falsely (judged flags count as judged,
unjudged ones by the rule's false share; exact where every flag is judged), and the same per
language over all rules. Judged flags that no longer fire are ignored, so the same verdicts
measure a tightened rule again. `--sample N` picks, per rule, a fixed pseudo-random sample of N
flags still unjudged and writes them to the dump (all flags if fewer).
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_app.grading.engine import Grader  # noqa: E402
from qa_app.grading.specs import CriterionSpec, RubricSpec  # noqa: E402

RUBRIC = RubricSpec("ud_precision", 1, (CriterionSpec("grammar", 1, "grammar"),), channel="email")


@dataclass(frozen=True)
class Flag:
    """One finding on one clean sentence."""

    lang: str
    sent_id: str
    rule: str
    start: int
    end: int
    span: str
    sentence: str
    message: str = ""

    @property
    def key(self) -> tuple[str, str, str, int, int]:
        return (self.lang, self.sent_id, self.rule, self.start, self.end)


def read_conllu(location: str) -> str:
    """Return a .conllu file's text from a path or from `GITDIR:FILE`."""
    if Path(location).is_file():
        return Path(location).read_text(encoding="utf-8")
    git_dir, _, name = location.rpartition(":")
    out = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{name}"], capture_output=True,
                         text=True, check=True)
    return out.stdout


def ud_sentences(conllu: str) -> list[tuple[str, str]]:
    """Return (sent_id, text) for every sentence of a CoNLL-U file."""
    sentences, sent_id = [], ""
    for line in conllu.splitlines():
        if line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = "):].strip()
        elif line.startswith("# text = "):
            sentences.append((sent_id or str(len(sentences)), line[len("# text = "):]))
    return sentences


def collect_flags(grader: Grader, lang: str, sentences: list[tuple[str, str]]) -> list[Flag]:
    """Grade every sentence alone and return all its grammar findings."""
    flags = []
    for sent_id, text in sentences:
        criterion = grader.grade(text, RUBRIC, language=lang).criterion("grammar")
        for f in criterion.findings if criterion else ():
            flags.append(Flag(lang, sent_id, f.rule or f.category, f.start, f.end, text[f.start:f.end], text,
                              f"{f.render('en')} -> {', '.join(f.suggestions)}"))
    return flags


def ud_documents(conllu: str) -> list[list[tuple[str, str, bool]]]:
    """Return the documents of a CoNLL-U file as lists of (sent_id, text, opens a paragraph).

    A document starts at `# newdoc`; a file without those (UD_Finnish-TDT) names each sentence
    after its document ("w173.5" is sentence 5 of w173), so a new prefix starts a new document.
    """
    documents: list[list[tuple[str, str, bool]]] = []
    sent_id, new_doc, new_par, last_prefix = "", False, False, None
    for line in conllu.splitlines():
        if line.startswith("# newdoc"):
            new_doc = True
        elif line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# sent_id = "):
            sent_id = line[len("# sent_id = "):].strip()
        elif line.startswith("# text = "):
            prefix = sent_id.rpartition(".")[0] if "." in sent_id else None
            if new_doc or not documents or (prefix is not None and prefix != last_prefix):
                documents.append([])
                new_par = True
            documents[-1].append((sent_id, line[len("# text = "):], new_par))
            new_doc = new_par = False
            last_prefix = prefix
    return documents


def collect_flags_in_documents(grader: Grader, lang: str, documents: list[list[tuple[str, str, bool]]]) -> list[Flag]:
    """Grade each document as one text (sentences joined by spaces, paragraphs by a blank line),
    as a reply is graded, and return its findings as flags on the sentences they start in, with
    offsets within the sentence (so verdicts given on sentences graded alone still apply)."""
    flags = []
    for document in documents:
        parts, places = [], []
        offset = 0
        for sent_id, text, new_par in document:
            if parts:
                gap = "\n\n" if new_par else " "
                parts.append(gap)
                offset += len(gap)
            places.append((offset, sent_id, text))
            parts.append(text)
            offset += len(text)
        full = "".join(parts)
        criterion = grader.grade(full, RUBRIC, language=lang).criterion("grammar")
        for f in criterion.findings if criterion else ():
            start, sent_id, text = next(p for p in reversed(places) if p[0] <= f.start)
            flags.append(Flag(lang, sent_id, f.rule or f.category, f.start - start, f.end - start,
                              full[f.start:f.end], text, f"{f.render('en')} -> {', '.join(f.suggestions)}"))
    return flags


def read_verdicts(path: Path | None) -> dict[tuple[str, str, str, int, int], bool]:
    """Return {flag key: is a true error} from a verdict TSV (missing file: no verdicts)."""
    if path is None or not path.is_file():
        return {}
    verdicts = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            lang, sent_id, rule, start, end, verdict = row[:6]
            verdicts[(lang, sent_id, rule, int(start), int(end))] = verdict.strip().upper() == "TRUE"
    return verdicts


def report(lang: str, total: int, flags: list[Flag], verdicts: dict) -> None:
    """Print per rule: flagged %, sampled, false share, estimated false-flag %; then the totals."""
    by_rule: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        by_rule[flag.rule].append(flag)
    sentences_flagged = {f.sent_id for f in flags}
    print(f"\n{lang}: {total} sentences, {len(sentences_flagged)} flagged ({100 * len(sentences_flagged) / total:.1f} %)")
    print(f"  {'rule':28s} {'flagged':>14s} {'sampled':>8s} {'false':>7s} {'est. false':>10s}")
    false_share_by_rule = {}
    for rule, rule_flags in sorted(by_rule.items(), key=lambda kv: -len({f.sent_id for f in kv[1]})):
        sents = {f.sent_id for f in rule_flags}
        judged = [verdicts[f.key] for f in rule_flags if f.key in verdicts]
        false_share = (judged.count(False) / len(judged)) if judged else None
        false_share_by_rule[rule] = false_share
        flagged_pct = 100 * len(sents) / total
        shown = f"{flagged_pct:5.2f} % ({len(sents)})"
        if false_share is None:
            print(f"  {rule:28s} {shown:>14s} {0:8d} {'?':>7s} {'?':>10s}")
            continue
        est = _false_sentences(rule_flags, verdicts, {rule: false_share})
        print(f"  {rule:28s} {shown:>14s} {len(judged):8d} {100 * false_share:6.0f}% {100 * est / total:9.2f}%")
    est_false_sentences = _false_sentences(flags, verdicts, false_share_by_rule)
    print(f"  estimated sentences with a false flag: {100 * est_false_sentences / total:.2f} %")


def _false_sentences(flags: list[Flag], verdicts: dict, false_share_by_rule: dict) -> float:
    """Return the expected number of sentences with at least one false flag among `flags`.

    A sentence is flagged falsely when any of its flags is false: judged flags count as judged,
    unjudged ones by their rule's false share. Where every flag is judged, this is an exact count.
    """
    per_sentence: dict[str, list[float]] = defaultdict(list)
    for flag in flags:
        p_false = (0.0 if verdicts[flag.key] else 1.0) if flag.key in verdicts else (false_share_by_rule[flag.rule] or 0.0)
        per_sentence[flag.sent_id].append(p_false)
    expected = 0.0
    for probs in per_sentence.values():
        p_none = 1.0
        for p in probs:
            p_none *= 1.0 - p
        expected += 1.0 - p_none
    return expected


def sample_unjudged(flags: list[Flag], verdicts: dict, size: int) -> list[Flag]:
    """Pick per rule up to `size` flags (fixed seed), minus those already judged; all if fewer."""
    by_rule: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        by_rule[flag.rule].append(flag)
    picked = []
    for rule, rule_flags in sorted(by_rule.items()):
        judged = sum(f.key in verdicts for f in rule_flags)
        todo = [f for f in rule_flags if f.key not in verdicts]
        random.Random(rule).shuffle(todo)
        picked += todo[:max(0, size - judged)]
    return picked


def write_dump(path: Path, flags: list[Flag]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t", lineterminator="\n")
        for f in flags:
            out.writerow([f.lang, f.sent_id, f.rule, f.start, f.end, "", f.span, f.sentence, f.message])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fi", help="UD Finnish .conllu (path or GITDIR:FILE)")
    parser.add_argument("--en", help="UD English .conllu (path or GITDIR:FILE)")
    parser.add_argument("--judged", type=Path, help="TSV of verdicts on flags (see the module docstring)")
    parser.add_argument("--dump", type=Path, help="write flags here for judging")
    parser.add_argument("--sample", type=int, default=0, help="dump only N unjudged flags per rule")
    parser.add_argument("--rules", help="comma-separated rule ids to dump (default all)")
    parser.add_argument("--documents", action="store_true",
                        help="grade each document as one text, as a reply is graded, not each sentence alone")
    args = parser.parse_args()
    if not args.fi and not args.en:
        parser.error("give --fi and/or --en")
    verdicts = read_verdicts(args.judged)
    grader = Grader()
    dumped: list[Flag] = []
    for lang, location in (("fi", args.fi), ("en", args.en)):
        if not location:
            continue
        grader.warm_up((lang,), ("grammar",))
        conllu = read_conllu(location)
        sentences = ud_sentences(conllu)
        if args.documents:
            flags = collect_flags_in_documents(grader, lang, ud_documents(conllu))
        else:
            flags = collect_flags(grader, lang, sentences)
        report(lang, len(sentences), flags, verdicts)
        chosen = sample_unjudged(flags, verdicts, args.sample) if args.sample else flags
        if args.rules:
            wanted = set(args.rules.split(","))
            chosen = [f for f in chosen if f.rule in wanted]
        dumped += chosen
    if args.dump:
        write_dump(args.dump, dumped)
        print(f"\nwrote {len(dumped)} flags to {args.dump}")
    counts = Counter(f.rule for f in dumped)
    if args.dump and counts:
        print("  " + ", ".join(f"{r} {n}" for r, n in counts.most_common()))


if __name__ == "__main__":
    main()
