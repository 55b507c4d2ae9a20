"""Between a scenario draft's content and the editor's form data, both plain dicts. No Flask here.

`form_data` turns stored content into the form's rows; `merge` lays the posted rows back over
the stored content. Every row carries `src`, the place of its item in the stored content, so a
key the form does not show (a paraphrase list, a slow-reply condition, anything a later
version of the format adds) is kept, and an untouched value keeps its type (15 stays a number).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from ..content.text import localized

BUILTIN_RULES = ("credentials", "other_customer", "public_details", "absolute_promise")
CONDITION_KEYS = ("forbidden", "key_point", "missed_key_point", "criterion", "below", "at_least")
TOP_ORDER = (
    "id", "version", "language", "channel", "title", "opening", "difficulty", "tags", "rubric",
    "time_target_s", "max_turns", "persona", "facts", "email", "social", "inbox", "key_points",
    "forbidden", "vocabulary", "model_answer", "turns", "builtin_rules",
)  # fmt: skip
MATCHER_ORDER = ("id", "say", "any", "paraphrases", "numbers", "above")
TURN_ORDER = ("id", "customer", "mood", "key_points", "model_answer", "next", "outcome")
TOP_LEVEL = ""  # a key point's turn choice for "the whole scenario"


def form_data(content: Mapping[str, Any]) -> dict[str, Any]:
    """Return the editor's initial data for stored content (rows in the page's order)."""
    language = _language(content)
    title = content.get("title")
    persona = _mapping(content.get("persona"))
    rules = _mapping(content.get("builtin_rules"))
    data: dict[str, Any] = {
        "title_fi": _title_in(title, "fi", language),
        "title_en": _title_in(title, "en", language),
        "language": _text(content.get("language")),
        "channel": _text(content.get("channel")),
        "difficulty": _text(content.get("difficulty")),
        "tags": ", ".join(_text(tag) for tag in _list(content.get("tags"))),
        "rubric": _text(content.get("rubric")),
        "time_target_s": _text(content.get("time_target_s")),
        "max_turns": _text(content.get("max_turns")),
        "persona_name": _text(persona.get("name")),
        "persona_mood": _text(persona.get("mood")),
        "persona_address": _text(persona.get("address")),
        "persona_background": _text(persona.get("background")),
        "opening": _text(content.get("opening")),
        "model_answer": _text(content.get("model_answer")),
        "vocabulary": _lines(content.get("vocabulary")),
        "facts": [_fact_row(index, fact) for index, fact in enumerate(_list(content.get("facts")))],
        "key_points": [row for row, _path in key_point_rows(content)],
        "forbidden": [
            _matcher_row(str(index), item, language)
            for index, item in enumerate(_list(content.get("forbidden")))
        ],
        "turns": [_turn_row(index, turn) for index, turn in enumerate(_list(content.get("turns")))],
    }
    for rule in BUILTIN_RULES:
        data[f"rule_{rule}"] = rules.get(rule) is not False
    return data


def key_point_rows(content: Mapping[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Return (row, field path) for every key point: the scenario's, then each turn's."""
    language = _language(content)
    rows = []
    for index, item in enumerate(_list(content.get("key_points"))):
        row = _matcher_row(f"key_points:{index}", item, language)
        rows.append(({**row, "turn": TOP_LEVEL}, f"key_points[{index}]"))
    for turn_index, turn in enumerate(_list(content.get("turns"))):
        turn = _mapping(turn)
        for index, item in enumerate(_list(turn.get("key_points"))):
            row = _matcher_row(f"turns:{turn_index}:key_points:{index}", item, language)
            row["turn"] = _text(turn.get("id"))
            rows.append((row, f"turns[{turn_index}].key_points[{index}]"))
    return rows


def blank_row(kind: str) -> dict[str, Any]:
    """Return an empty row to add to the form (not stored until something is written in it)."""
    rows = {
        "facts": {"src": "", "label": "", "value": ""},
        "key_points": {"src": "", "id": "", "say": "", "turn": TOP_LEVEL},
        "forbidden": {"src": "", "id": "", "say": ""},
        "turns": {"src": "", "id": "", "customer": "", "branches": []},
        "branches": {"src": "", "goto": "", "comparison": "at_least"},
    }
    return dict(rows[kind])


def merge(content: Mapping[str, Any], posted: Mapping[str, Any]) -> dict[str, Any]:
    """Lay the posted form over the stored content; keys the form does not show are kept."""
    merged = copy.deepcopy(dict(content))
    language = _text(posted.get("language")) or _language(content)
    _set(merged, "title", _merged_title(content.get("title"), posted, language))
    for key in ("language", "channel", "difficulty", "rubric", "opening", "model_answer"):
        multiline = key in ("opening", "model_answer")
        _set(merged, key, _edited(content.get(key), posted.get(key), multiline))
    _set(merged, "tags", _keep_if_same(content.get("tags"), _split(posted.get("tags"), ",")))
    _set(
        merged,
        "vocabulary",
        _keep_if_same(content.get("vocabulary"), _split(posted.get("vocabulary"))),
    )
    for key in ("time_target_s", "max_turns"):
        _set(merged, key, _keep_if_same(content.get(key), _number(posted.get(key))))
    _set(merged, "persona", _merged_persona(content.get("persona"), posted))
    _set(merged, "facts", _merged_facts(content.get("facts"), posted.get("facts") or []))
    _set(merged, "builtin_rules", _merged_rules(content.get("builtin_rules"), posted))
    claims = [
        _merged_matcher(_item_at(content, "forbidden", row.get("src")), row, language)
        for row in _kept(posted.get("forbidden"))
    ]
    _set_rows(merged, content, "forbidden", claims)
    turns, renamed = _merged_turns(content, posted)
    points = _place_key_points(content, posted, turns, renamed, language)
    _set_rows(merged, content, "key_points", points)
    _set_rows(merged, content, "turns", turns)
    return _ordered(merged, TOP_ORDER)


def _merged_turns(
    content: Mapping[str, Any], posted: Mapping[str, Any]
) -> tuple[list[Any], dict[str, str]]:
    """Return the merged turns, and the turns renamed (old id to new) with branches following."""
    turns: list[Any] = []
    renamed: dict[str, str] = {}
    for row in _kept(posted.get("turns")):
        original = _item_at(content, "turns", row.get("src"))
        if not isinstance(original, Mapping) and original is not None and _blank(row, "branches"):
            turns.append(original)  # not a mapping (written as YAML): kept for the YAML editor
            continue
        turn = copy.deepcopy(dict(_mapping(original)))
        for key in ("id", "customer", "model_answer"):
            _set(turn, key, _edited(turn.get(key), row.get(key), key != "id"))
        _set(turn, "mood", _mood(row.get("mood_new")) or _clean(row.get("mood")))
        _set(turn, "outcome", _clean(row.get("outcome")))
        branches = [
            _merged_branch(_item_at(_mapping(original), "next", branch.get("src")), branch)
            for branch in _kept(row.get("branches"))
        ]
        _set(turn, "next", branches)
        turn.pop("key_points", None)  # laid back from the key point rows
        old_id = _mapping(original).get("id")
        if isinstance(old_id, str) and old_id and turn.get("id") not in (None, old_id):
            renamed[old_id] = turn["id"]
        turns.append(turn)
    _follow_renames(turns, renamed)
    return turns, renamed


def _follow_renames(turns: list[Any], renamed: dict[str, str]) -> None:
    """Point branches at a renamed turn's new id, unless another turn still has the old one."""
    ids = {turn.get("id") for turn in turns if isinstance(turn, Mapping)}
    for old_id in [old_id for old_id in renamed if old_id in ids]:
        del renamed[old_id]
    for turn in turns:
        for branch in _list(_mapping(turn).get("next")):
            if isinstance(branch, dict) and branch.get("goto") in renamed:
                branch["goto"] = renamed[branch["goto"]]


def _place_key_points(
    content: Mapping[str, Any],
    posted: Mapping[str, Any],
    turns: list[Any],
    renamed: Mapping[str, str],
    language: str,
) -> list[Any]:
    """Put each key point row under the turn it names; return the scenario's own key points."""
    by_turn = {
        turn["id"]: turn
        for turn in turns
        if isinstance(turn, dict) and isinstance(turn.get("id"), str)
    }
    by_turn.update({old: by_turn[new] for old, new in renamed.items() if new in by_turn})
    top_level: list[Any] = []
    for row in _kept(posted.get("key_points")):
        point = _merged_matcher(_item_at(content, *_src_path(row.get("src"))), row, language)
        owner = by_turn.get(_text(row.get("turn")))
        if owner is None:
            top_level.append(point)
        else:
            owner.setdefault("key_points", []).append(point)
    for index, turn in enumerate(turns):
        if isinstance(turn, Mapping):
            turns[index] = _ordered(turn, TURN_ORDER)
    return top_level


def _merged_matcher(original: Any, row: Mapping[str, Any], language: str) -> Any:
    if not isinstance(original, Mapping) and original is not None and _blank(row, "turn"):
        return original
    item = copy.deepcopy(dict(_mapping(original)))
    _set(item, "id", _edited(item.get("id"), row.get("id")))
    _set(item, "say", _merged_say(item.get("say"), row.get("say"), language))
    for key in ("any", "paraphrases"):
        _set(item, key, _keep_if_same(item.get(key), _split(row.get(key))))
    _set(item, "numbers", _merged_numbers(item.get("numbers"), _split(row.get("numbers"))))
    if "above" in row:
        _set(item, "above", _keep_if_same(item.get("above"), _clean(row.get("above"))))
    return _ordered(item, MATCHER_ORDER)


def _merged_branch(original: Any, row: Mapping[str, Any]) -> dict[str, Any]:
    branch = copy.deepcopy(dict(_mapping(original)))
    when = {
        key: value
        for key, value in _mapping(branch.get("when")).items()
        if key not in CONDITION_KEYS
    }
    for key in ("forbidden", "key_point", "missed_key_point", "criterion"):
        if _clean(row.get(key)):
            when[key] = _clean(row.get(key))
    score = _number(row.get("score"))
    if score != "":
        comparison = "below" if row.get("comparison") == "below" else "at_least"
        old = _mapping(_mapping(original).get("when")).get(comparison)
        when[comparison] = _keep_if_same(old, score)
    _set(branch, "when", when)
    _set(branch, "goto", _clean(row.get("goto")))
    return _ordered(branch, ("when", "goto"))


def _merged_title(original: Any, posted: Mapping[str, Any], language: str) -> Any:
    values = {lang: _clean(posted.get(f"title_{lang}")) for lang in ("fi", "en")}
    shown = {lang: _title_in(original, lang, language) for lang in ("fi", "en")}
    if values == shown and original is not None:
        return original
    title = dict(original) if isinstance(original, Mapping) else {}
    for lang, value in values.items():
        _set(title, lang, value)
    return title


def _merged_say(original: Any, posted: Any, language: str) -> Any:
    if isinstance(original, Mapping):
        value = _clean(posted, True)
        if value == _clean(localized(original, language), True):
            return original
        say = dict(original)
        _set(say, language, value)
        return say
    return _edited(original, posted, True)


def _merged_numbers(original: Any, lines: list[str]) -> list[Any]:
    """Keep a stored number as it was written (15 stays 15, not "15") when its text is unchanged."""
    stored = {_text(value): value for value in _list(original)}
    return [stored.get(line, line) for line in lines]


def _merged_persona(original: Any, posted: Mapping[str, Any]) -> dict[str, Any]:
    persona = copy.deepcopy(dict(_mapping(original)))
    for key in ("name", "address", "background"):
        value = posted.get(f"persona_{key}")
        _set(persona, key, _edited(persona.get(key), value, key == "background"))
    _set(
        persona, "mood", _mood(posted.get("persona_mood_new")) or _clean(posted.get("persona_mood"))
    )
    return persona


def _merged_facts(original: Any, rows: list[Mapping[str, Any]]) -> list[Any]:
    facts: list[Any] = []
    for row in rows:
        if row.get("remove"):
            continue
        before = _item_at({"facts": original}, "facts", row.get("src"))
        label, value = _clean(row.get("label")), _clean(row.get("value"))
        if not label and not value:
            continue  # emptied: the same as removed
        if (label, value) == (_fact_row(0, before)["label"], _fact_row(0, before)["value"]):
            facts.append(before)
        elif not label:
            facts.append(value)
        else:
            facts.append({**_mapping(before), "label": label, "value": value})
    return facts


def _merged_rules(original: Any, posted: Mapping[str, Any]) -> dict[str, Any]:
    rules = dict(_mapping(original))
    for rule in BUILTIN_RULES:
        if not posted.get(f"rule_{rule}"):
            rules[rule] = False
        elif rules.get(rule) is False:
            del rules[rule]  # on is the default
    return rules


def _fact_row(index: int, fact: Any) -> dict[str, Any]:
    if isinstance(fact, Mapping):
        return {
            "src": str(index),
            "label": _text(fact.get("label")),
            "value": _text(fact.get("value")),
        }
    return {"src": str(index), "label": "", "value": _text(fact)}


def _matcher_row(src: str, item: Any, language: str) -> dict[str, Any]:
    item = _mapping(item)
    say = item.get("say")
    return {
        "src": src,
        "id": _text(item.get("id")),
        "say": localized(say, language) if isinstance(say, (str, Mapping)) else "",
        "any": _lines(item.get("any")),
        "paraphrases": _lines(item.get("paraphrases")),
        "numbers": _lines(item.get("numbers")),
        "above": _text(item.get("above")),
    }


def _turn_row(index: int, turn: Any) -> dict[str, Any]:
    turn = _mapping(turn)
    return {
        "src": str(index),
        "id": _text(turn.get("id")),
        "customer": _text(turn.get("customer")),
        "mood": _text(turn.get("mood")),
        "outcome": _text(turn.get("outcome")),
        "model_answer": _text(turn.get("model_answer")),
        "branches": [
            _branch_row(position, branch) for position, branch in enumerate(_list(turn.get("next")))
        ],
    }


def _branch_row(position: int, branch: Any) -> dict[str, Any]:
    branch = _mapping(branch)
    when = _mapping(branch.get("when"))
    comparison = "below" if "below" in when and "at_least" not in when else "at_least"
    return {
        "src": str(position),
        "forbidden": _text(when.get("forbidden")),
        "key_point": _text(when.get("key_point")),
        "missed_key_point": _text(when.get("missed_key_point")),
        "criterion": _text(when.get("criterion")),
        "comparison": comparison,
        "score": _text(when.get(comparison)),
        "goto": _text(branch.get("goto")),
    }


def _item_at(content: Any, *path: Any) -> Any:
    """Return the stored item at `path` (list keys and "3"-style indices), or None."""
    value = content
    for part in path:
        if isinstance(value, Mapping) and isinstance(part, str) and not part.isdigit():
            value = value.get(part)
        elif isinstance(value, list) and str(part).isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _src_path(src: Any) -> tuple[str, ...]:
    """Read a key point row's source, "key_points:2" or "turns:1:key_points:0"."""
    parts = tuple(_text(src).split(":")) if src else ()
    return parts if parts and parts[0] in ("key_points", "turns") else ("key_points", "")


def _set_rows(
    merged: dict[str, Any], content: Mapping[str, Any], key: str, rows: list[Any]
) -> None:
    """Store a list the form shows; a stored value that is not a list (a YAML slip) is kept."""
    if rows or isinstance(content.get(key), list) or key not in content:
        _set(merged, key, rows)


def _kept(rows: Any) -> list[Mapping[str, Any]]:
    """Return the rows that stay: not marked for removal, and not new rows left empty."""
    kept = []
    for row in rows or []:
        if row.get("remove"):
            continue
        if not row.get("src") and _blank(row, "turn", "comparison"):
            continue
        kept.append(row)
    return kept


def _blank(row: Mapping[str, Any], *ignored: str) -> bool:
    for key, value in row.items():
        if key in ("src", "remove", *ignored):
            continue
        if isinstance(value, list):
            if any(not _blank(item, "comparison") for item in value if isinstance(item, Mapping)):
                return False
        elif _clean(value):
            return False
    return True


def _set(target: dict[str, Any], key: str, value: Any) -> None:
    """Set `key`, or drop it when the value is empty (the format's default applies)."""
    if value is None or value == "" or value == [] or value == {}:
        target.pop(key, None)
    else:
        target[key] = value


def _keep_if_same(original: Any, value: Any) -> Any:
    if original is not None and _text_of(original) == _text_of(value):
        return original
    return value


def _text_of(value: Any) -> Any:
    if isinstance(value, list):
        return [_text(item) for item in value]
    return _text(value)


def _number(value: Any) -> Any:
    """Read a whole or decimal number (5 or 5,5); other text is kept for the rules to report."""
    text = _clean(value)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+[.,]\d+", text):
        return float(text.replace(",", "."))
    return text


def _mood(value: Any) -> str:
    """Write a new mood as a slug: 'Very tired' becomes 'very-tired'."""
    return re.sub(r"\s+", "-", _clean(value).lower())


def _edited(original: Any, posted: Any, multiline: bool = False) -> str:
    """Return the posted text, or the stored one when only line ends or edge spaces differ."""
    value = _clean(posted, multiline)
    if isinstance(original, str) and _clean(original, multiline) == value:
        return original
    return value


def _clean(value: Any, multiline: bool = False) -> str:
    if value is None or isinstance(value, bool):
        return ""
    text = str(value).replace("\r\n", "\n")
    return text.strip() if not multiline else text.strip("\n").rstrip()


def _split(value: Any, separator: str = "\n") -> list[str]:
    return [part.strip() for part in _clean(value, True).split(separator) if part.strip()]


def _lines(value: Any) -> str:
    return "\n".join(_text(item) for item in _list(value))


def _title_in(title: Any, lang: str, language: str) -> str:
    if isinstance(title, Mapping):
        return _text(title.get(lang))
    if isinstance(title, str):
        home = language if language in ("fi", "en") else "en"
        return title if lang == home else ""
    return ""


def _language(content: Mapping[str, Any]) -> str:
    language = content.get("language")
    return language if isinstance(language, str) else "fi"


def _ordered(item: Mapping[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = [key for key in order if key in item]
    return {
        **{key: item[key] for key in known},
        **{k: v for k, v in item.items() if k not in order},
    }


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
