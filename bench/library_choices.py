"""Measure the three libraries issue 10 suggests against what the engine does today.

Run: PYTHONPATH=/tmp/libs .venv/bin/python bench/library_choices.py [ahocorasick|lingua|simplemma]...
(the libraries are not dependencies: install them into a scratch folder with
`pip install --target /tmp/libs pyahocorasick lingua-language-detector simplemma`).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _median_ms(call, rounds: int = 50) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e3


# ---------------------------------------------------------------- pyahocorasick


def ahocorasick_bench() -> None:
    """Find which words every lexicon slot accepts: our form index vs one Aho-Corasick automaton."""
    import ahocorasick
    from speed_goals import TEXTS, long_text

    from qa_app.grading.empathy_lexicon import load_lexicon
    from qa_app.grading.phrases import WordView
    from qa_app.grading.text import Document

    sep = "\x1f"
    for language in ("en", "fi"):
        lexicon = load_lexicon(language)
        phrases = [p for group in (*lexicon.credits.values(), *lexicon.deductions.values(),
                                   lexicon.actions, lexicon.anchors) for p in group]
        slots = list(dict.fromkeys(s for p in phrases for s in p.slots))
        start = time.perf_counter()
        automaton = ahocorasick.Automaton()
        keys: dict[str, list[int]] = {}
        for number, slot in enumerate(slots):
            for form in slot.forms:
                keys.setdefault(sep + form + sep, []).append(number)
            for prefix in slot.prefixes:
                keys.setdefault(sep + prefix, []).append(number)
        for key, numbers in keys.items():
            automaton.add_word(key, (len(key), numbers))
        automaton.make_automaton()
        build_ms = (time.perf_counter() - start) * 1e3

        for label, text in (("120 words", TEXTS[language]), ("10,000 words", long_text(language))):
            doc = Document.build(text, language)
            view = WordView.of(doc)

            def with_index(view: WordView = view, slots: list = slots) -> list[frozenset[int]]:
                fresh = WordView(view.doc, view.words, view.forms, view.sentence_of)  # empty caches
                return [fresh.positions(slot) for slot in slots]

            def with_automaton(view: WordView = view, slots: list = slots, automaton=automaton) -> list[set[int]]:
                parts, owner = [], []
                offset = 0
                for index, forms in enumerate(view.forms):
                    for form in forms:
                        piece = sep + form + sep
                        parts.append(piece)
                        owner.append((offset, index))
                        offset += len(piece)
                haystack = "".join(parts)
                starts = [o for o, _ in owner]
                found: list[set[int]] = [set() for _ in slots]
                from bisect import bisect_right
                for end, (length, numbers) in automaton.iter(haystack):
                    word = owner[bisect_right(starts, end - length + 1) - 1][1]
                    for number in numbers:
                        found[number].add(word)
                return found

            same = [set(a) for a in with_index()] == with_automaton()
            rounds = 50 if label == "120 words" else 5
            print(f"ahocorasick {language} {label}: index {_median_ms(with_index, rounds):.2f} ms, "
                  f"automaton {_median_ms(with_automaton, rounds):.2f} ms (+{build_ms:.1f} ms build once), "
                  f"{len(slots)} slots, same result: {same}")


# ---------------------------------------------------------------- lingua


def language_samples() -> list[tuple[str, str, str]]:
    """Return (source, language, text): our labelled short texts, evaluation answers, scenario lines."""
    import yaml

    root = Path(__file__).resolve().parents[1]
    out: list[tuple[str, str, str]] = []
    short = yaml.safe_load((Path(__file__).parent / "data" / "langid_short.yaml").read_text(encoding="utf-8"))
    out += [("short", lang, text) for lang, texts in short.items() for text in texts]
    for path in [*(root / "tests" / "data").glob("eval_pairs_*.yaml"), *(root / "tests" / "data").glob("heldout_*/pairs_*.yaml")]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [("eval", data["language"], p[side]) for p in data["pairs"] for side in ("better", "worse")]
    for path in [root / "tests" / "data" / "eval_clean.yaml", *(root / "tests" / "data").glob("heldout_*/clean.yaml")]:
        out += [("eval", a["language"], a["text"]) for a in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]]
    for path in (root / "scenarios").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lines = [data.get("opening"), data.get("model_answer"), *(t.get("customer") for t in data.get("turns") or ())]
        out += [("scenario", data["language"], line) for line in lines if line]
    return out


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def lingua_bench() -> None:
    """Accuracy on fi/en/sv texts by length, load time, memory and per-call time: ours vs lingua."""
    from qa_app.grading.langdetect import confident_language, detect_language
    from qa_app.grading.text import tokenize

    samples = language_samples()
    detect_language("warm up the dictionaries")  # ours loads the CMU word list and Voikko once
    rss = _rss_mb()
    start = time.perf_counter()
    from lingua import Language, LanguageDetectorBuilder

    codes = {Language.FINNISH: "fi", Language.ENGLISH: "en", Language.SWEDISH: "sv"}
    forced = LanguageDetectorBuilder.from_languages(*codes).with_preloaded_language_models().build()
    load_s = time.perf_counter() - start
    load_mb = _rss_mb() - rss
    cautious = LanguageDetectorBuilder.from_languages(*codes).with_minimum_relative_distance(0.25).build()

    def lingua_forced(text: str) -> str:
        found = forced.detect_language_of(text)
        return codes[found] if found else "en"

    def lingua_confident(text: str) -> str | None:
        found = cautious.detect_language_of(text)
        return codes[found] if found else None

    def bucket(text: str) -> str:
        n = sum(1 for t in tokenize(text) if t.kind == "word")
        return "1-5 words" if n <= 5 else "6-20 words" if n <= 20 else ">20 words"

    print(f"lingua (fi/en/sv, preloaded): load {load_s:.2f} s, +{load_mb:.0f} MB RSS; {len(samples)} texts")
    for name, forced_call, confident_call in (("ours", detect_language, confident_language),
                                              ("lingua", lingua_forced, lingua_confident)):
        rows: dict[tuple[str, str], list[int]] = {}
        wrong_confident = abstained = 0
        for _, lang, text in samples:
            key = (lang, bucket(text))
            rows.setdefault(key, [0, 0])
            rows[key][0] += forced_call(text) == lang
            rows[key][1] += 1
            verdict = confident_call(text)
            abstained += verdict is None
            wrong_confident += verdict is not None and verdict != lang
        total = sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values())
        cells = "  ".join(f"{lang} {b}: {ok}/{n}" for (lang, b), (ok, n) in sorted(rows.items()))
        texts = [t for _, _, t in samples]
        ms = _median_ms(lambda call=forced_call, texts=texts: [call(t) for t in texts], 3) / len(texts)
        print(f"  {name}: forced choice {total[0]}/{total[1]} ({100 * total[0] / total[1]:.1f} %); "
              f"confident-but-wrong {wrong_confident}, abstained {abstained}; {ms:.3f} ms per text")
        print(f"    {cells}")
    for _, lang, text in samples:
        ours, theirs = detect_language(text), lingua_forced(text)
        if ours != lang or theirs != lang:
            print(f"    {lang}: ours {ours} lingua {theirs}: {text[:70]!r}")


# ---------------------------------------------------------------- simplemma


def english_words_sample() -> list[str]:
    """Return the lowercase English words of the evaluation answers, scenarios and lexicons."""
    import yaml

    from qa_app.grading.text import tokenize

    root = Path(__file__).resolve().parents[1]
    texts = [t for src, lang, t in language_samples() if lang == "en"]
    lexicon = yaml.safe_load((root / "qa_app" / "grading" / "lexicons" / "empathy_en.yaml").read_text(encoding="utf-8"))
    texts.append(json_dump(lexicon))
    return sorted({t.lower for text in texts for t in tokenize(text) if t.kind == "word" and t.lower.isalpha()})


def json_dump(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)


def simplemma_bench() -> None:
    """Agreement of the first English base form and speed: lemmas.py rules vs simplemma."""
    from qa_app.grading import lemmas

    words = english_words_sample()
    lemmas.base_forms("warm", "en")
    start = time.perf_counter()
    import simplemma

    simplemma.lemmatize("warmed", lang="en")
    load_ms = (time.perf_counter() - start) * 1e3
    ours = {w: lemmas._english_base_forms(w) for w in words}
    theirs = {w: simplemma.lemmatize(w, lang="en").lower() for w in words}
    agree_first = sum(ours[w][0] == theirs[w] for w in words)
    agree_any = sum(theirs[w] in ours[w] for w in words)
    ours_ms = _median_ms(lambda: [lemmas._english_base_forms(w) for w in words], 5)
    theirs_ms = _median_ms(lambda: [simplemma.lemmatize(w, lang="en") for w in words], 5)
    print(f"simplemma: {len(words)} English words; first base form agrees {agree_first} "
          f"({100 * agree_first / len(words):.1f} %), simplemma's lemma among ours {agree_any} "
          f"({100 * agree_any / len(words):.1f} %); uncached: ours {1e3 * ours_ms / len(words):.1f} us/word, "
          f"simplemma {1e3 * theirs_ms / len(words):.1f} us/word (+{load_ms:.0f} ms first call)")
    for w in words:
        if theirs[w] not in ours[w]:
            print(f"    {w}: ours {ours[w]} simplemma {theirs[w]!r}")


if __name__ == "__main__":
    chosen = sys.argv[1:] or ["ahocorasick", "lingua", "simplemma"]
    for name in chosen:
        globals()[f"{name}_bench"]()
