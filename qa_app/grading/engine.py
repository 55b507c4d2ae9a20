"""The grading entry point: text + rubric (+ scenario) -> GradeResult.

A Grader builds each analyzer once and reuses it; dictionaries and linters are process-wide
singletons in `resources`, so many Graders stay cheap.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence

from . import resources
from .analyzers import analyzer_class, scorer_names
from .context import GradingContext, HistoryMessage
from .errors import BackendUnavailable, GradingInputError
from .langdetect import detect_language
from .results import AnalyzerResult, ContentRef, GradeResult
from .scoring import combine
from .specs import LANGUAGES, RubricSpec, ScenarioSpec
from .text import Document

AUTO_LANGUAGE = "auto"


class Grader:
    """Grade answers against rubrics; safe to share between threads."""

    def __init__(self, languagetool_url: str | None = None) -> None:
        self.languagetool_url = languagetool_url
        self._analyzers: dict[str, object] = {}
        self._lock = threading.Lock()

    def grade(self, text: str, rubric: RubricSpec, scenario: ScenarioSpec | None = None,
              language: str = AUTO_LANGUAGE, manual_scores: Mapping[str, float] | None = None,
              rubric_ref: ContentRef | None = None, scenario_ref: ContentRef | None = None,
              history: Sequence[HistoryMessage] = (), response_time_s: float | None = None) -> GradeResult:
        """Grade `text` with `rubric`; raise GradingInputError for input that cannot be graded.

        `history` holds the earlier messages of the same conversation, oldest first. The result
        holds message codes, not text: render it in the reader's language with `to_dict`.
        Raises BackendUnavailable when a language library the answer needs fails.
        """
        if not isinstance(text, str) or not text.strip():
            raise GradingInputError("the answer is empty: write something to grade")
        language = self.resolve_language(text, language, scenario)
        channel = scenario.channel if scenario else (rubric.channel or "chat")
        doc = Document.build(text, language)
        base = GradingContext(channel=channel, scenario=scenario, history=tuple(history),
                              response_time_s=response_time_s)
        results: dict[str, AnalyzerResult | None] = {}
        for spec in rubric.criteria:
            if spec.is_manual:
                continue
            analyzer = self.analyzer(spec.scorer)
            results[spec.id] = analyzer.analyze(doc, base.with_params(spec.params))  # type: ignore[attr-defined]
        if scenario_ref is None and scenario is not None:
            scenario_ref = ContentRef(scenario.id, scenario.version)
        notices = tuple(dict.fromkeys(n for r in results.values() if r is not None for n in r.notices))
        return combine(rubric, results, language, manual_scores, rubric_ref, scenario_ref,
                       content_lang=scenario.language if scenario else None, notices=notices)

    @staticmethod
    def resolve_language(text: str, language: str, scenario: ScenarioSpec | None = None) -> str:
        """Return the answer language: the given one, or detected for "auto"."""
        if language == AUTO_LANGUAGE:
            return detect_language(text)
        if language not in LANGUAGES:
            raise GradingInputError(f"unknown language {language!r}: expected one of {', '.join(LANGUAGES)} or auto")
        return language

    def analyzer(self, scorer: str) -> object:
        """Return this Grader's analyzer for `scorer`, building it on first use."""
        existing = self._analyzers.get(scorer)
        if existing is not None:
            return existing
        if scorer not in scorer_names():
            raise GradingInputError(f"unknown scorer {scorer!r}: expected one of {', '.join(scorer_names())} or manual")
        with self._lock:
            if scorer not in self._analyzers:
                self._analyzers[scorer] = self._build(scorer)
        return self._analyzers[scorer]

    def _build(self, scorer: str) -> object:
        try:
            cls = analyzer_class(scorer)
        except ImportError as error:
            raise BackendUnavailable(f"the {scorer!r} analyzer cannot be loaded: {error}") from error
        if scorer == "grammar":
            return cls(languagetool_url=self.languagetool_url)
        return cls()

    def warm_up(self, languages: Iterable[str] = ("fi", "en"), scorers: Iterable[str] | None = None) -> None:
        """Load dictionaries, linters and analyzers now instead of on the first grade."""
        languages = tuple(languages)
        if "fi" in languages:
            resources.voikko()
        if "en" in languages:
            resources.harper_linter()
            resources.english_words()
            resources.english_wordlist()
            resources.ensure_nltk_data()
        if "sv" in languages:
            resources.swedish_dictionary()
        for scorer in scorers or ("grammar", "clarity"):
            self.analyzer(scorer)
        samples = {"fi": "Kiitos viestistäsi, autamme mielellämme.", "en": "Thanks for your message, we are happy to help.",
                   "sv": "Tack för ditt meddelande."}
        from .analyzers.readability import english_syllables

        for language in languages:
            Document.build(samples.get(language, "ok"), language)
            if language == "en":
                english_syllables("message")  # loads textstat's CMU dictionary


_default: Grader | None = None
_default_lock = threading.Lock()


def default_grader() -> Grader:
    """Return the process-wide Grader (no LanguageTool)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Grader()
        return _default
