"""Loaded scenarios and rubrics: the grader's specs plus everything the app shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from qa_app.grading.results import ContentRef
from qa_app.grading.specs import CriterionSpec, Level, RubricSpec, ScenarioSpec

from .text import Text, localized


class VersionedContent:
    """Identity shared by rubrics and scenarios: id and version come from the spec."""

    spec: Any
    content_hash: str

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> int:
        return self.spec.version

    @property
    def ref(self) -> ContentRef:
        """Return (id, version, hash) to store with each grade."""
        return ContentRef(self.spec.id, self.spec.version, self.content_hash)


@dataclass(frozen=True)
class LevelText:
    """The localisable texts of one level."""

    label: Text
    description: Text = ""

    def apply(self, level: Level, lang: str) -> Level:
        return replace(
            level, label=localized(self.label, lang), description=localized(self.description, lang)
        )


@dataclass(frozen=True)
class CriterionText:
    """The localisable texts of one criterion and its levels."""

    title: Text
    description: Text = ""
    levels: tuple[LevelText, ...] = ()

    def apply(self, criterion: CriterionSpec, lang: str) -> CriterionSpec:
        levels = tuple(
            text.apply(level, lang)
            for level, text in zip(criterion.levels, self.levels, strict=True)
        )
        title, description = localized(self.title, lang), localized(self.description, lang)
        return replace(criterion, title=title, description=description, levels=levels)


@dataclass(frozen=True)
class Rubric(VersionedContent):
    """A loaded rubric; `spec` holds Finnish texts, `spec_in(lang)` any language."""

    spec: RubricSpec
    title_text: Text
    criterion_texts: tuple[CriterionText, ...]
    level_texts: tuple[LevelText, ...]
    auto_fail_messages: tuple[Text, ...]
    content_hash: str
    source_path: Path | None = None
    raw: Mapping[str, Any] | None = None


    def title(self, lang: str) -> str:
        return localized(self.title_text, lang)

    def spec_in(self, lang: str) -> RubricSpec:
        """Return the spec with titles, descriptions, labels and messages in `lang`."""
        criteria = tuple(
            text.apply(c, lang)
            for c, text in zip(self.spec.criteria, self.criterion_texts, strict=True)
        )
        levels = tuple(
            text.apply(level, lang)
            for level, text in zip(self.spec.levels, self.level_texts, strict=True)
        )
        rules = tuple(
            replace(rule, message=localized(message, lang))
            for rule, message in zip(self.spec.auto_fail, self.auto_fail_messages, strict=True)
        )
        return replace(
            self.spec, title=self.title(lang), criteria=criteria, levels=levels, auto_fail=rules
        )


@dataclass(frozen=True)
class Persona:
    """The customer the learner talks to."""

    name: str | None = None
    mood: str = "calm"
    background: str = ""


@dataclass(frozen=True)
class Fact:
    """Something the learner is shown, e.g. a price; `label` is empty for a plain line."""

    label: str
    value: str

    def __str__(self) -> str:
        return f"{self.label}: {self.value}" if self.label else self.value


@dataclass(frozen=True)
class EmailMessage:
    sender: str
    date: str
    text: str


@dataclass(frozen=True)
class EmailThread:
    subject: str
    history: tuple[EmailMessage, ...] = ()


@dataclass(frozen=True)
class SocialComment:
    author: str
    text: str


@dataclass(frozen=True)
class SocialThread:
    platform: str
    post_author: str
    comments: tuple[SocialComment, ...] = ()


@dataclass(frozen=True)
class InboxItem:
    """A message in a triage exercise; `kind` is customer, spam or system."""

    sender: str
    subject: str
    text: str
    kind: str = "customer"


@dataclass(frozen=True)
class Condition:
    """When a branch applies; every condition given must hold (they are ANDed)."""

    criterion: str | None = None
    below: float | None = None
    at_least: float | None = None
    overall_below: float | None = None
    overall_at_least: float | None = None
    key_point: str | None = None
    missed_key_point: str | None = None
    forbidden: str | None = None  # a forbidden-claim id, or "any"
    slow: bool | None = None  # the reply came after (True) or within (False) the time target


@dataclass(frozen=True)
class Branch:
    """Go to turn `goto` if `when` holds; `when` None is the default branch."""

    goto: str
    when: Condition | None = None


@dataclass(frozen=True)
class Turn:
    """One customer message in a role-play; terminal turns have an outcome and no branches."""

    id: str
    customer: str
    mood: str
    outcome: str | None = None
    next: tuple[Branch, ...] = ()
    model_answer: str = ""  # a trainer's reply to this message (the opening's is the scenario's)

    @property
    def is_terminal(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Scenario(VersionedContent):
    """A loaded scenario; `spec` is what the grader needs."""

    spec: ScenarioSpec
    title_text: Text
    opening: str
    persona: Persona
    facts: tuple[Fact, ...]
    difficulty: str
    tags: tuple[str, ...]
    time_target_s: int
    max_turns: int
    model_answer: str
    content_hash: str
    email: EmailThread | None = None
    social: SocialThread | None = None
    inbox: tuple[InboxItem, ...] = ()
    turns: tuple[Turn, ...] = ()
    source_path: Path | None = None
    raw: Mapping[str, Any] | None = None


    @property
    def language(self) -> str:
        return self.spec.language

    @property
    def channel(self) -> str:
        return self.spec.channel

    @property
    def rubric_id(self) -> str:
        """Return the rubric id, with the channel default already applied."""
        return self.spec.rubric or ""

    @property
    def is_branching(self) -> bool:
        return bool(self.turns)

    @property
    def start_turn(self) -> Turn | None:
        """Return the first turn of a role-play, or None for a single graded reply."""
        return self.turns[0] if self.turns else None

    def turn(self, turn_id: str) -> Turn:
        """Return the turn `turn_id` (KeyError if the scenario has none by that id)."""
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(f"scenario '{self.id}' has no turn '{turn_id}'")

    def title(self, lang: str | None = None) -> str:
        """Return the title in `lang`, by default in the scenario's own language."""
        return localized(self.title_text, lang or self.language)
