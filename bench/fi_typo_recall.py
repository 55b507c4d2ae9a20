"""Measure how many Finnish typos the grammar criterion still catches (recall of the speller's exemptions).

Run:
  .venv/bin/python bench/fi_typo_recall.py --fi GITDIR:fi_tdt-ud-dev.conllu [--count 2000] [--seed 1] [--show 40]

The precision bench (ud_precision.py) counts false flags on clean text; every exemption that lowers
them (names, loanwords, English phrases, abbreviations) may also hide a real typo. This bench puts
one synthetic typo into a clean sentence of a UD Finnish file (read at measure time, never stored):
a common word of four letters or more (not a proper noun; capitalised only as a sentence's first word) gets one deletion, insertion, substitution
or swap of neighbours, kept only if Voikko rejects the result. The sentence is graded with the
grammar criterion alone, and the typo counts as caught when a finding covers it. It prints the
share caught and a sample of the typos missed, so a new exemption's cost is a number.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ud_precision import RUBRIC, read_conllu  # noqa: E402

from qa_app.grading import resources  # noqa: E402
from qa_app.grading.engine import Grader  # noqa: E402

LETTERS = "abcdefghijklmnoprstuvyäö"


def candidates(conllu: str) -> list[tuple[str, str]]:
    """Return (sentence, word) pairs: a common lowercase word that occurs once in its sentence."""
    pairs, text, words = [], "", []
    for line in conllu.splitlines() + [""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line[:1].isdigit():
            cols = line.split("\t")
            if "-" not in cols[0] and "." not in cols[0] and cols[3] != "PROPN":
                words.append(cols[1])
        elif not line and text:
            for index, word in enumerate(words):
                common = word.islower() or (index == 0 and word.istitle())  # a sentence's first word too
                if len(word) >= 4 and word.isalpha() and common and \
                        len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text)) == 1:
                    pairs.append((text, word))
            text, words = "", []
    return pairs


def typo(word: str, rng: random.Random) -> str:
    """Return the word with one random edit."""
    i = rng.randrange(len(word))
    edit = rng.choice("dist")
    if edit == "d":
        return word[:i] + word[i + 1:]
    if edit == "i":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if edit == "s":
        return word[:i] + rng.choice(LETTERS) + word[i + 1:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fi", required=True, help="UD Finnish .conllu (path or GITDIR:FILE)")
    parser.add_argument("--count", type=int, default=2000, help="typos to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=40, help="misses to print")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pairs = candidates(read_conllu(args.fi))
    voikko, grader = resources.voikko(), Grader()
    tried = caught = tried_first = caught_first = 0
    missed: list[str] = []
    while tried < args.count and pairs:
        text, word = pairs.pop(rng.randrange(len(pairs)))
        wrong = typo(word, rng)
        if word[:1].isupper():
            wrong = wrong[:1].upper() + wrong[1:].lower()  # a typist keeps the capital in front
        if wrong == word or not wrong or voikko.spell(wrong):
            continue
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        assert match
        start = match.start()
        sentence = text[:start] + wrong + text[match.end():]
        end = start + len(wrong)
        criterion = grader.grade(sentence, RUBRIC, language="fi").criterion("grammar")
        findings = criterion.findings if criterion else ()
        tried += 1
        first = word[:1].isupper()
        tried_first += first
        if any(f.start < end and f.end > start for f in findings):
            caught += 1
            caught_first += first
        else:
            missed.append(f"{word} -> {wrong}")
    print(f"fi typos caught: {caught}/{tried} = {caught / max(tried, 1):.2%}")
    print(f"  of them capitalised first words: {caught_first}/{tried_first} = {caught_first / max(tried_first, 1):.2%}")
    print("missed (sample):", ", ".join(missed[:args.show]))


if __name__ == "__main__":
    main()
