"""The parts of rubrics and scenarios the grader needs, as immutable values.

`qa_app.content` parses YAML into these (and richer content types that hold them);
the grader never reads files itself, so tests and the CLI can build specs directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

AUTOMATIC_SCORERS = ("grammar", "clarity", "accuracy", "empathy")
MANUAL_SCORER = "manual"
LANGUAGES = ("fi", "en", "sv")
CHANNELS = ("chat", "email", "social", "phone")


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


def highest_level(levels: tuple[Level, ...], score: float | None) -> Level | None:
    """Return the highest level whose `min` the score reaches (None for no score or no level)."""
    if score is None:
        return None
    reached = [level for level in levels if score >= level.min]
    return max(reached, key=lambda level: level.min) if reached else None


@dataclass(frozen=True)
class Level:
    """A named band of a criterion: a score at or above `min` earns `label`."""

    min: float
    label: str
    description: str = ""


@dataclass(frozen=True)
class CriterionSpec:
    """One rubric criterion: which scorer grades it, how much it weighs, its levels."""

    id: str
    weight: float
    scorer: str
    levels: tuple[Level, ...] = ()
    title: str = ""
    description: str = ""
    critical: bool = False
    params: Mapping = field(default_factory=lambda: MappingProxyType({}))
    allow_na: bool = False  # a reviewer may mark it not applicable (it drops out of the overall)

    @property
    def is_manual(self) -> bool:
        return self.scorer == MANUAL_SCORER

    def level_for(self, score: float | None) -> Level | None:
        """Return the highest level whose `min` the score reaches."""
        return highest_level(self.levels, score)


@dataclass(frozen=True)
class AutoFailRule:
    """A rule that caps the overall score, e.g. any forbidden claim, or a critical criterion failed.

    kind: "forbidden_claim" (any forbidden claim found), "criterion_below" (criterion `criterion`
    scored below `below`) or "finding" (a finding whose rule is `rule` or starts with it, e.g.
    "builtin.credentials", "wrong_amount"). `cap` is the overall score applied on failure.
    """

    kind: str
    criterion: str | None = None
    below: float | None = None
    cap: float = 0.0
    message: str = ""
    rule: str | None = None

    def matches_rule(self, rule: str) -> bool:
        """Tell whether a finding's rule id is the one this rule names, or one of its family:
        "builtin" names "builtin.credentials", "wrong_amount" names "wrong_amount:refund"."""
        wanted = (self.rule or "").rstrip(".:")
        return bool(wanted) and (rule == wanted or rule.startswith((wanted + ".", wanted + ":")))


@dataclass(frozen=True)
class RubricSpec:
    """A rubric: weighted criteria, levels and auto-fail rules.

    Weights are relative; criteria that are not applicable (score None) drop out and the
    remaining weights are re-normalised (`na_policy == "reweight"`).
    """

    id: str
    version: int
    criteria: tuple[CriterionSpec, ...]
    auto_fail: tuple[AutoFailRule, ...] = ()
    title: str = ""
    channel: str | None = None
    na_policy: str = "reweight"
    levels: tuple[Level, ...] = ()  # overall levels; empty means the default bands

    def level_for(self, overall: float | None) -> Level | None:
        """Return the highest of the rubric's own overall levels that `overall` reaches."""
        return highest_level(self.levels, overall)

    def criterion(self, criterion_id: str) -> CriterionSpec | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


@dataclass(frozen=True)
class KeyPoint:
    """Something a good answer must convey: a phrase or paraphrase stated as fact, or its number.

    `any` phrases are matched on base forms; `paraphrases` are whole wordings a trainer accepts;
    `numbers` are the values (amounts, durations, percentages, dates, clock times) the point names.
    """

    id: str
    say: str
    any: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    paraphrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForbiddenClaim:
    """Something the answer must not claim, e.g. a discount that does not exist.

    With `above` (a limit such as "15 %"), promising any value of that kind above the limit is the
    claim, and `any` phrases name the context the value must appear in (e.g. "alennus").
    """

    id: str
    say: str
    any: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    paraphrases: tuple[str, ...] = ()
    above: str | None = None


BUILTIN_RULES = ("credentials", "other_customer", "public_details", "absolute_promise")


@dataclass(frozen=True)
class TurnSpec:
    """A customer message of a branching scenario and the key points a reply to it must add."""

    id: str
    customer: str
    key_points: tuple[KeyPoint, ...] = ()


@dataclass(frozen=True)
class ScenarioSpec:
    """What the grader needs from a scenario."""

    id: str
    version: int
    language: str
    channel: str
    rubric: str | None = None
    key_points: tuple[KeyPoint, ...] = ()
    forbidden: tuple[ForbiddenClaim, ...] = ()
    vocabulary: tuple[str, ...] = ()  # names, products and terms that are not spelling errors
    customer_name: str | None = None
    customer_address: str | None = None  # "formal" or "informal" when the persona states it
    facts_text: str = ""  # the facts shown to the learner, for numbers a reply may legitimately quote
    turns: tuple[TurnSpec, ...] = ()
    disabled_rules: frozenset[str] = frozenset()  # built-in rules a trainer switched off
    time_target_s: int | None = None  # how fast a reply should come (chat: 60 s)
    opening: str = ""

    def turn_for(self, customer_message: str | None) -> TurnSpec | None:
        """Return the turn whose customer message this is (white space ignored), if any."""
        if not customer_message:
            return None
        wanted = " ".join(customer_message.split())
        return next((t for t in self.turns if " ".join(t.customer.split()) == wanted), None)

    def rule_enabled(self, rule: str) -> bool:
        return rule not in self.disabled_rules

    def known_words(self) -> frozenset[str]:
        """Lowercase words of the vocabulary and the customer's name: names, not errors or others."""
        phrases = [*self.vocabulary, self.customer_name or ""]
        return frozenset(w.strip(".,").lower() for phrase in phrases for w in phrase.split() if w)
