"""What the scenario editor page shows besides the form: choices, problem places, condition words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from ..content import ContentLibrary
from ..content.branch_graph import ConditionPart
from ..content.defaults import default_rubric_id
from ..services.progress import MOOD_LABELS
from .scenario_forms import (
    ScenarioForm,
    address_choices,
    difficulty_choices,
    mood_choices,
    outcome_choices,
)
from .scenario_merge import key_point_rows

TOP_FIELDS = {
    "title": "title_fi",
    "title.fi": "title_fi",
    "title.en": "title_en",
    "language": "language",
    "channel": "channel",
    "difficulty": "difficulty",
    "tags": "tags",
    "rubric": "rubric",
    "time_target_s": "time_target_s",
    "max_turns": "max_turns",
    "persona": "persona_name",
    "persona.name": "persona_name",
    "persona.mood": "persona_mood",
    "persona.address": "persona_address",
    "persona.background": "persona_background",
    "opening": "opening",
    "model_answer": "model_answer",
    "vocabulary": "vocabulary",
    "builtin_rules": "rules-section",
    "facts": "facts-section",
    "key_points": "key-points-section",
    "forbidden": "forbidden-section",
    "turns": "turns-section",
}
MATCHER_FIELDS = ("id", "say", "any", "paraphrases", "numbers", "above")
TURN_FIELDS = ("id", "customer", "mood", "outcome", "model_answer")
CONDITION_FIELDS = {
    "when.forbidden": "forbidden",
    "when.key_point": "key_point",
    "when.missed_key_point": "missed_key_point",
    "when.criterion": "criterion",
    "when.at_least": "score",
    "when.below": "score",
    "goto": "goto",
}


def editor_places(content: Mapping[str, Any]) -> tuple[list[str], dict[str, str], list[str]]:
    """Return every field path the page shows, the element id for each, and the key point rows' paths."""
    anchors = dict(TOP_FIELDS)
    for index, _fact in enumerate(_list(content.get("facts"))):
        base = f"facts[{index}]"
        anchors |= {base: f"facts-{index}", f"{base}.label": f"facts-{index}-label"}
        anchors[f"{base}.value"] = f"facts-{index}-value"
    paths = [path for _row, path in key_point_rows(content)]
    for row, path in enumerate(paths):
        anchors |= _row_anchors(path, f"key_points-{row}", MATCHER_FIELDS)
    for index, _item in enumerate(_list(content.get("forbidden"))):
        anchors |= _row_anchors(f"forbidden[{index}]", f"forbidden-{index}", MATCHER_FIELDS)
    for index, turn in enumerate(_list(content.get("turns"))):
        base = f"turns[{index}]"
        anchors |= _row_anchors(base, f"turns-{index}", TURN_FIELDS)
        anchors[f"{base}.next"] = f"turns-{index}-branches"
        next_ = _list(turn.get("next")) if isinstance(turn, Mapping) else []
        for position, _branch in enumerate(next_):
            row, element = f"{base}.next[{position}]", f"turns-{index}-branches-{position}"
            anchors[row] = element
            for suffix, field in CONDITION_FIELDS.items():
                anchors[f"{row}.{suffix}"] = f"{element}-{field}"
    return list(anchors), anchors, paths


def _row_anchors(base: str, element: str, fields: tuple[str, ...]) -> dict[str, str]:
    return {base: element, **{f"{base}.{field}": f"{element}-{field}" for field in fields}}


def set_choices(form: ScenarioForm, content: Mapping[str, Any], library: ContentLibrary) -> None:
    """Fill the editor's select lists from the draft and the library, keeping unknown values."""
    channel = content.get("channel") if isinstance(content.get("channel"), str) else "chat"
    form.difficulty.choices = difficulty_choices()
    form.rubric.choices = rubric_choices(library, channel, _text(content.get("rubric")))
    form.persona_address.choices = address_choices()
    moods = mood_choices(used_moods(library) + _moods_in(content))
    form.persona_mood.choices = [("", _("Calm (default)")), *moods]
    turn_ids = [_text(turn.get("id")) for turn in _mappings(content.get("turns")) if turn.get("id")]
    point_ids = [
        _text(item.get("id")) for item in _mappings(content.get("key_points")) if item.get("id")
    ]
    claim_ids = [
        _text(item.get("id")) for item in _mappings(content.get("forbidden")) if item.get("id")
    ]
    criteria = _criteria(library, content, channel)
    for row in form.key_points:
        row.form.turn.choices = [
            ("", _("Every reply")),
            *_with_current(turn_ids, row.form.turn.data),
        ]
    for turn_row in form.turns:
        turn = turn_row.form
        turn.mood.choices = [("", _("The customer’s mood")), *moods]
        turn.outcome.choices = outcome_choices()
        for branch_row in turn.branches:
            branch = branch_row.form
            none = ("", "—")
            branch.forbidden.choices = [
                none,
                ("any", _("Any forbidden claim")),
                *_with_current(claim_ids, branch.forbidden.data, "any"),
            ]
            branch.key_point.choices = [none, *_with_current(point_ids, branch.key_point.data)]
            branch.missed_key_point.choices = [
                none,
                *_with_current(point_ids, branch.missed_key_point.data),
            ]
            branch.criterion.choices = [none, *_with_current(criteria, branch.criterion.data)]
            branch.goto.choices = [
                ("", _("Choose a turn")),
                *_with_current(turn_ids, branch.goto.data, missing=True),
            ]


def _with_current(
    options: list[str], current: Any, *known: str, missing: bool = False
) -> list[tuple[str, str]]:
    """Offer the options, plus the current value if it is not one (so a save keeps it)."""
    choices = [(option, option) for option in dict.fromkeys(options)]
    current = _text(current)
    if current and current not in options and current not in known:
        label = _("%(id)s (missing)", id=current) if missing else current
        choices.append((current, label))
    return choices


def rubric_choices(
    library: ContentLibrary, channel: str, current: str | None
) -> list[tuple[str, str]]:
    """Offer the channel's default, then the rubrics for this channel (or any), then the rest."""
    lang = str(get_locale())
    default = default_rubric_id(channel) if channel else ""
    choices = [("", _("The channel’s default (%(id)s)", id=default))]
    fitting = [r for r in library.rubrics() if not r.spec.channel or r.spec.channel == channel]
    others = [r for r in library.rubrics() if r not in fitting]
    choices += [(r.id, f"{r.title(lang)} ({r.id})") for r in fitting]
    choices += [
        (
            r.id,
            _(
                "%(title)s (%(id)s, for %(channel)s)",
                title=r.title(lang),
                id=r.id,
                channel=r.spec.channel,
            ),
        )
        for r in others
    ]
    if current and current not in library.rubrics_by_id:
        choices.append((current, _("%(id)s (missing)", id=current)))
    return choices


def used_moods(library: ContentLibrary) -> list[str]:
    """Return every mood a published scenario uses: its persona's and its turns'."""
    moods = []
    for scenario in library.scenarios():
        moods.append(scenario.persona.mood)
        moods += [turn.mood for turn in scenario.turns]
    return moods


def _moods_in(content: Mapping[str, Any]) -> list[str]:
    persona = content.get("persona") if isinstance(content.get("persona"), Mapping) else {}
    moods = [_text(persona.get("mood"))]
    return moods + [_text(turn.get("mood")) for turn in _mappings(content.get("turns"))]


def _criteria(library: ContentLibrary, content: Mapping[str, Any], channel: str) -> list[str]:
    rubric_id = _text(content.get("rubric")) or default_rubric_id(channel)
    rubric = library.rubrics_by_id.get(rubric_id)
    return [criterion.id for criterion in rubric.spec.criteria] if rubric else []


def mood_label(mood: str) -> str:
    """Name a mood in the reader's language; a trainer's own mood shows as written."""
    return str(MOOD_LABELS[mood]) if mood in MOOD_LABELS else mood


def condition_text(part: ConditionPart) -> str:
    """Word one part of a branch condition for the graph and the list of branches."""
    signs = {"at_least": "≥", "below": "<"}
    if part.kind == "forbidden":
        return (
            _("any forbidden claim")
            if part.subject == "any"
            else _("claims %(id)s", id=part.subject)
        )
    if part.kind == "key_point":
        return _("meets %(id)s", id=part.subject)
    if part.kind == "missed_key_point":
        return _("misses %(id)s", id=part.subject)
    if part.kind == "criterion":
        sign = signs.get(part.comparison, "?")
        return f"{part.subject or '?'} {sign} {part.value or '?'}"
    if part.kind == "overall":
        return _(
            "overall %(sign)s %(value)s", sign=signs.get(part.comparison, "?"), value=part.value
        )
    if part.kind == "slow":
        return _("a slow reply") if part.value == "true" else _("a reply in time")
    return f"{part.kind}: {part.value}"


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return "" if value is None else str(value)
