"""Turn validated YAML mappings into Rubric and Scenario objects, applying the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qa_app.grading.specs import (
    AutoFailRule,
    CriterionSpec,
    ForbiddenClaim,
    KeyPoint,
    Level,
    RubricSpec,
    ScenarioSpec,
    TurnSpec,
)

from . import defaults
from .frozen import freeze
from .text import Text, localized
from .types import (
    Branch,
    Condition,
    CriterionText,
    EmailMessage,
    EmailThread,
    Fact,
    InboxItem,
    LevelText,
    Persona,
    Rubric,
    Scenario,
    SocialComment,
    SocialThread,
    Turn,
)
from .yamlio import content_hash


def build_rubric(data: Mapping[str, Any], source_path: Path | None = None) -> Rubric:
    """Build a Rubric from a mapping that passed validation."""
    criteria = data["criteria"]
    title = freeze(data.get("title", data["id"]))
    spec = RubricSpec(
        id=data["id"],
        version=int(data["version"]),
        criteria=tuple(_criterion(item) for item in criteria),
        auto_fail=tuple(_auto_fail(rule) for rule in data.get("auto_fail", ())),
        title=localized(title, defaults.DEFAULT_LANG),
        channel=data.get("channel"),
        na_policy=data.get("na_policy", defaults.DEFAULT_NA_POLICY),
        levels=_levels(data.get("levels", ()), defaults.DEFAULT_LANG),
    )
    return Rubric(
        spec=spec,
        title_text=title,
        criterion_texts=tuple(_criterion_text(item) for item in criteria),
        level_texts=tuple(_level_text(level) for level in data.get("levels", ())),
        auto_fail_messages=tuple(
            freeze(rule.get("message", "")) for rule in data.get("auto_fail", ())
        ),
        content_hash=content_hash(data),
        source_path=source_path,
        raw=freeze(data),
    )


def _criterion(item: Mapping[str, Any]) -> CriterionSpec:
    lang = defaults.DEFAULT_LANG
    return CriterionSpec(
        id=item["id"],
        weight=float(item["weight"]),
        scorer=item["scorer"],
        levels=_levels(item.get("levels", ()), lang),
        title=localized(item.get("title", item["id"]), lang),
        description=localized(item.get("description"), lang),
        critical=bool(item.get("critical", False)),
        params=freeze(item.get("params", {})),
        allow_na=bool(item.get("allow_na", False)),
    )


def _criterion_text(item: Mapping[str, Any]) -> CriterionText:
    levels = tuple(_level_text(level) for level in item.get("levels", ()))
    return CriterionText(
        freeze(item.get("title", item["id"])), freeze(item.get("description", "")), levels
    )


def _level_text(level: Mapping[str, Any]) -> LevelText:
    return LevelText(freeze(level["label"]), freeze(level.get("description", "")))


def _levels(levels: Any, lang: str) -> tuple[Level, ...]:
    return tuple(
        Level(
            float(level["min"]),
            localized(level["label"], lang),
            localized(level.get("description"), lang),
        )
        for level in levels
    )


def _auto_fail(rule: Mapping[str, Any]) -> AutoFailRule:
    below = rule.get("below")
    return AutoFailRule(
        kind=rule["when"],
        criterion=rule.get("criterion"),
        below=None if below is None else float(below),
        cap=float(rule.get("cap", 0)),
        message=localized(rule.get("message"), defaults.DEFAULT_LANG),
        rule=rule.get("rule"),
    )


def build_scenario(data: Mapping[str, Any], source_path: Path | None = None) -> Scenario:
    """Build a Scenario from a mapping that passed validation."""
    channel, persona = data["channel"], _persona(data.get("persona") or {})
    facts = tuple(_fact(item) for item in data.get("facts", ()))
    return Scenario(
        spec=_scenario_spec(data, persona, facts),
        title_text=freeze(data["title"]),
        opening=data["opening"],
        persona=persona,
        facts=facts,
        difficulty=data.get("difficulty", defaults.DEFAULT_DIFFICULTY),
        tags=tuple(data.get("tags", ())),
        time_target_s=int(data.get("time_target_s", defaults.TIME_TARGETS_S[channel])),
        max_turns=int(data.get("max_turns", defaults.DEFAULT_MAX_TURNS)),
        model_answer=data.get("model_answer", ""),
        content_hash=content_hash(data),
        email=_email(data.get("email")),
        social=_social(data.get("social")),
        inbox=tuple(_inbox_item(item) for item in data.get("inbox", ())),
        turns=tuple(
            _turn(item, index, data["opening"], persona.mood)
            for index, item in enumerate(data.get("turns", ()))
        ),
        source_path=source_path,
        raw=freeze(data),
    )


def _scenario_spec(
    data: Mapping[str, Any], persona: Persona, facts: tuple[Fact, ...]
) -> ScenarioSpec:
    lang = data["language"]
    return ScenarioSpec(
        id=data["id"],
        version=int(data["version"]),
        language=lang,
        channel=data["channel"],
        rubric=data.get("rubric") or defaults.default_rubric_id(data["channel"]),
        key_points=tuple(KeyPoint(**_matcher(item, lang)) for item in data.get("key_points", ())),
        forbidden=tuple(
            ForbiddenClaim(**_matcher(item, lang), above=_above(item))
            for item in data.get("forbidden", ())
        ),
        vocabulary=tuple(data.get("vocabulary", ())),
        customer_name=persona.name,
        customer_address=(data.get("persona") or {}).get("address"),
        facts_text="\n".join(str(fact) for fact in facts),
        turns=tuple(
            TurnSpec(
                item["id"],
                item.get("customer", data["opening"] if index == 0 else ""),
                tuple(KeyPoint(**_matcher(kp, lang)) for kp in item.get("key_points", ())),
            )
            for index, item in enumerate(data.get("turns", ()))
        ),
        disabled_rules=frozenset(
            rule for rule, on in (data.get("builtin_rules") or {}).items() if on is False
        ),
        time_target_s=int(data.get("time_target_s", defaults.TIME_TARGETS_S[data["channel"]])),
        opening=data["opening"],
    )


def _matcher(item: Mapping[str, Any], lang: str) -> dict[str, Any]:
    say: Text = item["say"]
    numbers = tuple(str(number) for number in item.get("numbers", ()))
    return {
        "id": item["id"],
        "say": localized(say, lang),
        "any": tuple(item.get("any", ())),
        "numbers": numbers,
        "paraphrases": tuple(item.get("paraphrases", ())),
    }


def _above(item: Mapping[str, Any]) -> str | None:
    return None if item.get("above") is None else str(item["above"])


def _persona(item: Mapping[str, Any]) -> Persona:
    return Persona(
        item.get("name"), item.get("mood", defaults.DEFAULT_MOOD), item.get("background", "")
    )


def _fact(item: Any) -> Fact:
    if isinstance(item, str):
        return Fact("", item)
    return Fact(item["label"], str(item["value"]))


def _email(item: Mapping[str, Any] | None) -> EmailThread | None:
    if item is None:
        return None
    history = tuple(
        EmailMessage(message.get("from", ""), message.get("date", ""), message["text"])
        for message in item.get("history", ())
    )
    return EmailThread(item.get("subject", ""), history)


def _social(item: Mapping[str, Any] | None) -> SocialThread | None:
    if item is None:
        return None
    comments = tuple(
        SocialComment(comment.get("author", ""), comment["text"])
        for comment in item.get("comments", ())
    )
    return SocialThread(item.get("platform", ""), item.get("post_author", ""), comments)


def _inbox_item(item: Mapping[str, Any]) -> InboxItem:
    kind = item.get("kind", defaults.DEFAULT_INBOX_KIND)
    return InboxItem(item.get("from", ""), item.get("subject", ""), item["text"], kind)


def _turn(item: Mapping[str, Any], index: int, opening: str, default_mood: str) -> Turn:
    customer = item.get("customer", opening if index == 0 else "")
    branches = tuple(
        Branch(branch["goto"], _condition(branch.get("when"))) for branch in item.get("next", ())
    )
    return Turn(
        item["id"], customer, item.get("mood", default_mood), item.get("outcome"), branches,
        item.get("model_answer", ""),
    )


def _condition(when: Mapping[str, Any] | None) -> Condition | None:
    if when is None:
        return None
    numbers = ("below", "at_least", "overall_below", "overall_at_least")
    values = {key: float(value) if key in numbers else value for key, value in when.items()}
    return Condition(**values)
