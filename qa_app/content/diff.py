"""What changed between two versions of a scenario or rubric, in terms a trainer reads.

Pure: no Flask. `compare` walks two content dicts and lists the changes by field: items of
lists with ids (criteria, key points, turns, forbidden claims) are matched by id, other lists
of mappings by position, lists of phrases or numbers as sets; long texts carry a word-level
diff. `describe` words one change ("criterion 'clarity' weight: 20 % → 25 %"); pass a gettext
function to word it in the reader's language. The line diff of the YAML is kept as well.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .text import format_number

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
REORDERED = "reordered"

INSERT = "insert"
DELETE = "delete"
EQUAL = "equal"

# Keys that name the row rather than its content: never reported.
IDENTITY_KEYS = frozenset({"id", "version"})
LANGUAGES = ("fi", "en", "sv")
PERCENT_FIELDS = frozenset({"weight"})
LONG_TEXT_WORDS = 8

# A list's key names one of its items (English; translated by the caller's gettext).
ITEM_NOUNS: dict[str, str] = {
    "criteria": "criterion",
    "key_points": "key point",
    "forbidden": "forbidden claim",
    "turns": "turn",
    "next": "branch",
    "levels": "level",
    "auto_fail": "auto-fail rule",
    "facts": "fact",
    "history": "earlier message",
    "comments": "comment",
    "inbox": "inbox message",
}

FIELD_LABELS: dict[str, str] = {
    "title": "title",
    "description": "description",
    "channel": "channel",
    "na_policy": "N/A policy",
    "weight": "weight",
    "scorer": "scorer",
    "critical": "critical",
    "allow_na": "N/A allowed",
    "params": "parameters",
    "min": "minimum",
    "label": "label",
    "when": "condition",
    "rule": "rule",
    "criterion": "criterion",
    "below": "below",
    "at_least": "at least",
    "cap": "cap",
    "message": "message",
    "language": "language",
    "opening": "opening message",
    "difficulty": "difficulty",
    "tags": "tags",
    "rubric": "rubric",
    "time_target_s": "time target (s)",
    "max_turns": "maximum turns",
    "persona": "persona",
    "name": "name",
    "mood": "mood",
    "address": "form of address",
    "background": "background",
    "value": "value",
    "email": "email",
    "subject": "subject",
    "social": "social post",
    "say": "description",
    "any": "phrases",
    "numbers": "numbers",
    "paraphrases": "paraphrases",
    "above": "above",
    "vocabulary": "vocabulary",
    "model_answer": "model answer",
    "customer": "customer message",
    "outcome": "outcome",
    "goto": "goes to",
    "key_point": "key point",
    "missed_key_point": "missed key point",
    "overall_below": "overall below",
    "overall_at_least": "overall at least",
    "slow": "slow reply",
    "builtin_rules": "built-in rules",
    "text": "text",
}


@dataclass(frozen=True)
class Step:
    """One item on the way to a change: criterion 'clarity', or level 2 (by position)."""

    noun: str
    name: str
    by_id: bool = True


@dataclass(frozen=True)
class Change:
    """One change: where it is, which field, and the values before and after."""

    where: tuple[Step, ...]
    field: tuple[str, ...]
    action: str
    before: Any = None
    after: Any = None
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    words: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> str:
        """Name the change compactly for tests and logs: criteria['clarity'].weight."""
        parts = [
            f"{step.noun}[{step.name!r}]" if step.by_id else f"{step.noun}[{step.name}]"
            for step in self.where
        ]
        return ".".join([*parts, *self.field])


@dataclass(frozen=True)
class ContentDiff:
    """Every change from one version to the next, plus the line diff of their YAML."""

    changes: tuple[Change, ...]
    yaml_lines: tuple[str, ...]
    first_version: bool

    @property
    def unchanged(self) -> bool:
        return not self.first_version and not self.changes


def compare(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    old_yaml: str | None = None,
    new_yaml: str | None = None,
) -> ContentDiff:
    """List what changed from `old` (None for a first version) to `new`."""
    if old is None:
        return ContentDiff((), (), True)
    before = {key: value for key, value in old.items() if key not in IDENTITY_KEYS}
    after = {key: value for key, value in new.items() if key not in IDENTITY_KEYS}
    changes = tuple(_walk(before, after, (), ()))
    lines = (
        tuple(yaml_line_diff(old_yaml, new_yaml))
        if old_yaml is not None and new_yaml is not None
        else ()
    )
    return ContentDiff(changes, lines, False)


def yaml_line_diff(
    old_text: str, new_text: str, old_name: str = "before", new_name: str = "after"
) -> list[str]:
    """Return a unified line diff of two YAML texts (empty when they are equal)."""
    return list(
        difflib.unified_diff(
            old_text.splitlines(),
            new_text.splitlines(),
            fromfile=old_name,
            tofile=new_name,
            lineterm="",
        )
    )


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Return (equal|delete|insert, text) pieces that turn `old` into `new` word by word."""
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == EQUAL:
            _append(pieces, EQUAL, "".join(old_tokens[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _append(pieces, DELETE, "".join(old_tokens[i1:i2]))
        if op in ("insert", "replace"):
            _append(pieces, INSERT, "".join(new_tokens[j1:j2]))
    return tuple(pieces)


def describe(
    change: Change,
    gettext: Callable[[str], str] = lambda text: text,
    number: Callable[[float], str] = format_number,
) -> str:
    """Word one change: "Key point 'goodwill' phrases: added 'hyvitämme'"."""
    text = _wording(change, gettext, number)
    return text[:1].upper() + text[1:]


def _wording(change: Change, gettext: Callable[[str], str], number: Callable[[float], str]) -> str:
    what = subject(change, gettext)
    hint = _item_hint(change.after if change.action == ADDED else change.before)
    if hint and change.where and not change.where[-1].by_id:
        what = f"{what} ({hint})"
    if change.action == ADDED:
        return gettext("%(what)s added") % {"what": what}
    if change.action == REMOVED:
        return gettext("%(what)s removed") % {"what": what}
    if change.action == REORDERED:
        return gettext("%(what)s: order changed") % {"what": what}
    if change.added or change.removed:
        parts = []
        if change.added:
            parts.append(gettext("added %(items)s") % {"items": _quoted(change.added, number)})
        if change.removed:
            parts.append(gettext("removed %(items)s") % {"items": _quoted(change.removed, number)})
        return f"{what}: " + "; ".join(parts)
    if change.words:
        return gettext("%(what)s changed") % {"what": what}
    unit = " %" if change.field and change.field[-1] in PERCENT_FIELDS else ""
    before = _value(change.before, gettext, number, unit)
    after = _value(change.after, gettext, number, unit)
    return gettext("%(what)s: %(before)s → %(after)s") % {
        "what": what,
        "before": before,
        "after": after,
    }


def subject(change: Change, gettext: Callable[[str], str] = lambda text: text) -> str:
    """Name what a change is about: "turn 'start' branch 2 goes to"."""
    steps = [
        f"{gettext(step.noun)} '{step.name}'" if step.by_id else f"{gettext(step.noun)} {step.name}"
        for step in change.where
    ]
    labels = [
        f"({key})" if key in LANGUAGES else gettext(FIELD_LABELS.get(key, key))
        for key in change.field
    ]
    return " ".join([*steps, *labels])


def _walk(old: Any, new: Any, where: tuple[Step, ...], field: tuple[str, ...]):
    if old == new:
        return
    if isinstance(old, Mapping) or isinstance(new, Mapping):
        if _is_mapping_or_none(old) and _is_mapping_or_none(new):
            yield from _walk_mapping(old or {}, new or {}, where, field)
            return
    if _is_list_or_none(old) and _is_list_or_none(new) and (old is not None or new is not None):
        yield from _walk_list(old or [], new or [], where, field)
        return
    words = word_diff(old, new) if _long_text(old) and _long_text(new) else ()
    yield Change(where, field, CHANGED, before=old, after=new, words=words)


def _walk_mapping(old: Mapping[str, Any], new: Mapping[str, Any], where, field):
    keys = [*new.keys(), *(key for key in old if key not in new)]
    for key in keys:
        if field == () and where and key == "id":
            continue
        yield from _walk(old.get(key), new.get(key), where, (*field, str(key)))


def _walk_list(old: Sequence[Any], new: Sequence[Any], where, field):
    if all(_is_scalar(item) for item in [*old, *new]):
        added = tuple(item for item in new if item not in old)
        removed = tuple(item for item in old if item not in new)
        if added or removed:
            yield Change(where, field, CHANGED, added=added, removed=removed)
        elif old and new:
            yield Change(where, field, REORDERED)
        return
    noun = ITEM_NOUNS.get(field[-1], field[-1]) if field else "item"
    key = _item_key(old, new)
    if key is None:
        yield from _walk_by_position(old, new, where, field, noun)
        return
    old_by, new_by = {item[key]: item for item in old}, {item[key]: item for item in new}
    for name, item in new_by.items():
        step = Step(noun, name)
        if name not in old_by:
            yield Change((*where, step), (), ADDED, after=item)
        else:
            yield from _walk(old_by[name], item, (*where, step), ())
    for name, item in old_by.items():
        if name not in new_by:
            yield Change((*where, Step(noun, name)), (), REMOVED, before=item)
    kept_old = [name for name in old_by if name in new_by]
    kept_new = [name for name in new_by if name in old_by]
    if kept_old != kept_new:
        yield Change(where, field, REORDERED)


def _walk_by_position(old, new, where, field, noun):
    """Align items without ids by content, so removing the second of five reports one removal."""
    matcher = difflib.SequenceMatcher(
        a=[_key(item) for item in old], b=[_key(item) for item in new]
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == EQUAL:
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            step = Step(noun, str(j1 + offset + 1), by_id=False)
            yield from _walk(old[i1 + offset], new[j1 + offset], (*where, step), ())
        for index in range(j1 + paired, j2):
            yield Change(
                (*where, Step(noun, str(index + 1), by_id=False)), (), ADDED, after=new[index]
            )
        for index in range(i1 + paired, i2):
            step = Step(noun, str(index + 1), by_id=False)
            yield Change((*where, step), (), REMOVED, before=old[index])


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _item_key(old: Sequence[Any], new: Sequence[Any]) -> str | None:
    """Return "id" (or "label" for facts) when every item has a unique string one, else None."""
    items = [*old, *new]
    for key in ("id", "label"):
        if not all(isinstance(item, Mapping) and isinstance(item.get(key), str) for item in items):
            continue
        if all(len({item[key] for item in side}) == len(side) for side in (old, new)):
            return key
    return None


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def _append(pieces: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1][0] == op:
        pieces[-1] = (op, pieces[-1][1] + text)
    else:
        pieces.append((op, text))


def _long_text(value: Any) -> bool:
    return isinstance(value, str) and (
        "\n" in value.strip() or len(value.split()) > LONG_TEXT_WORDS
    )


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _is_mapping_or_none(value: Any) -> bool:
    return value is None or isinstance(value, Mapping)


def _is_list_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, Sequence) and not isinstance(value, str))


def _value(
    value: Any, gettext: Callable[[str], str], number: Callable[[float], str], unit: str
) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, (int, float)):
        return number(value) + unit
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, Mapping):
        return ", ".join(
            f"{key}: {_value(item, gettext, number, '')}" for key, item in value.items()
        )
    return ", ".join(_value(item, gettext, number, "") for item in value)


def _item_hint(item: Any) -> str:
    """Name an item without an id by its most telling field (an auto-fail rule by its rule)."""
    if not isinstance(item, Mapping):
        return item if isinstance(item, str) else ""
    for key in ("rule", "goto", "label", "criterion", "when", "text"):
        value = item.get(key)
        if isinstance(value, Mapping):
            value = next((text for text in value.values() if isinstance(text, str)), None)
        if isinstance(value, str) and value:
            return value if len(value) <= 40 else value[:37] + "..."
    return ""


def _quoted(items: tuple[Any, ...], number: Callable[[float], str]) -> str:
    return ", ".join(
        number(item)
        if isinstance(item, (int, float)) and not isinstance(item, bool)
        else f"'{item}'"
        for item in items
    )
