"""Rubric editor forms, and the mapping between a rubric's content dict and the form.

Rows carry a hidden `origin` (their index in the draft when the page was drawn), so a saved row
starts from the stored item and fields the form does not show survive the save untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import yaml
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields import FloatField
from wtforms.validators import Length
from wtforms.widgets import TextInput

from ..content.rules import known_scorers
from .form_parts import content_id_field

LANGS = ("fi", "en")
CHANNELS = ("chat", "email", "social", "phone")
AUTO_FAIL_WHEN = ("forbidden_claim", "criterion_below", "finding")

SCORER_LABELS = {
    "grammar": _l("Grammar and spelling (automatic)"),
    "clarity": _l("Clarity (automatic)"),
    "accuracy": _l("Accuracy and key points (automatic)"),
    "empathy": _l("Empathy and tone (automatic)"),
    "response_time": _l("Response time (automatic)"),
    "manual": _l("Manual: scored by a reviewer"),
}
WHEN_LABELS = {
    "forbidden_claim": _l("A forbidden claim is made"),
    "criterion_below": _l("A criterion scores below a limit"),
    "finding": _l("A finding of a rule"),
}


class NumberField(FloatField):
    """A number that also accepts a decimal comma (12,5), as Finnish users type it; blank is None."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = str(valuelist[0]).replace(",", ".").replace("\u00a0", "").replace(" ", "")
        if not text:
            self.data = None
            return
        super().process_formdata([text])

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else _display_number(self.data)


class LevelForm(Form):
    origin = HiddenField()
    min = NumberField(_l("From score"))
    label_fi = StringField(_l("Label (Finnish)"))
    label_en = StringField(_l("Label (English)"))
    description_fi = StringField(_l("Description (Finnish)"))
    description_en = StringField(_l("Description (English)"))


class CriterionForm(Form):
    origin = HiddenField()
    id = StringField(_l("ID"), description=_l("Lowercase letters, digits, - and _."))
    title_fi = StringField(_l("Title (Finnish)"))
    title_en = StringField(_l("Title (English)"))
    description_fi = TextAreaField(_l("Description (Finnish)"))
    description_en = TextAreaField(_l("Description (English)"))
    weight = NumberField(_l("Weight (%)"))
    scorer = SelectField(_l("Scorer"), validate_choice=False)
    critical = BooleanField(_l("Critical"))
    allow_na = BooleanField(_l("A reviewer may mark it N/A"))
    params = TextAreaField(
        _l("Scorer parameters (YAML)"),
        description=_l("Optional, for example max_words: 60 for the clarity scorer."),
    )
    levels = FieldList(FormField(LevelForm))


class AutoFailForm(Form):
    origin = HiddenField()
    when = SelectField(_l("When"), validate_choice=False)
    rule = StringField(
        _l("Rule"),
        description=_l("With a finding: the rule id or its start, e.g. builtin.credentials."),
    )
    criterion = StringField(
        _l("Criterion"), description=_l("With a criterion below a limit: its id.")
    )
    below = NumberField(_l("Below"))
    cap = NumberField(_l("Cap the overall score at"), description=_l("0 when left empty."))
    message_fi = StringField(_l("Message (Finnish)"))
    message_en = StringField(_l("Message (English)"))


class RubricForm(FlaskForm):
    title_fi = StringField(_l("Title (Finnish)"))
    title_en = StringField(_l("Title (English)"))
    title_sv = StringField(_l("Title (Swedish)"))
    channel = SelectField(_l("Channel"), validate_choice=False)
    na_policy = SelectField(_l("N/A policy"), validate_choice=False)
    criteria = FieldList(FormField(CriterionForm))
    auto_fail = FieldList(FormField(AutoFailForm))
    levels = FieldList(FormField(LevelForm))
    save = SubmitField(_l("Save draft"))


class NewRubricForm(FlaskForm):
    id = content_id_field(
        _l("ID"),
        _l("Give the rubric an id."),
        _l("Lowercase letters, digits and hyphens; scenarios name the rubric by it."),
    )
    title_fi = StringField(_l("Title (Finnish)"), validators=[Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200)])
    channel = SelectField(_l("Channel"), validate_choice=False)
    copy_from = SelectField(_l("Copy criteria from"), validate_choice=False)
    submit = SubmitField(_l("Create draft"))


class RubricYamlForm(FlaskForm):
    text = TextAreaField(_l("Rubric as YAML"))
    save = SubmitField(_l("Save draft"))


def channel_choices() -> list[tuple[str, str]]:
    return [("", _l("Any channel")), *((name, name) for name in CHANNELS)]


def set_choices(form: RubricForm, content: Mapping[str, Any]) -> None:
    """Fill the select boxes, keeping any stored value the lists do not know (validate reports it)."""
    form.channel.choices = _with_current(channel_choices(), form.channel.data)
    form.na_policy.choices = _with_current(
        [("", _l("Default (reweight)")), ("reweight", _l("Reweight: N/A criteria drop out"))],
        form.na_policy.data,
    )
    scorers = [(name, SCORER_LABELS.get(name, name)) for name in known_scorers()]
    for row in form.criteria:
        row.scorer.choices = _with_current(scorers, row.scorer.data)
    whens = [(name, WHEN_LABELS[name]) for name in AUTO_FAIL_WHEN]
    for row in form.auto_fail:
        row.when.choices = _with_current(whens, row.when.data)


def _with_current(choices: list[tuple[str, Any]], current: Any) -> list[tuple[str, Any]]:
    if current and current not in {value for value, _ in choices}:
        return [*choices, (current, current)]
    return choices


# ------------------------------------------------------------ content → form


def form_data(content: Mapping[str, Any]) -> dict[str, Any]:
    """Return the form's data for a rubric content dict."""
    title = _texts(content.get("title"), ("fi", "en", "sv"))
    return {
        "title_fi": title["fi"],
        "title_en": title["en"],
        "title_sv": title["sv"],
        "channel": content.get("channel") or "",
        "na_policy": content.get("na_policy") or "",
        "criteria": [_criterion_data(index, item) for index, item in _items(content, "criteria")],
        "auto_fail": [_auto_fail_data(index, item) for index, item in _items(content, "auto_fail")],
        "levels": [_level_data(index, item) for index, item in _items(content, "levels")],
    }


def _criterion_data(index: int, item: Mapping[str, Any]) -> dict[str, Any]:
    title, description = _texts(item.get("title")), _texts(item.get("description"))
    params = item.get("params")
    return {
        "origin": str(index),
        "id": _str(item.get("id")),
        "title_fi": title["fi"],
        "title_en": title["en"],
        "description_fi": description["fi"],
        "description_en": description["en"],
        "weight": item.get("weight") if _is_number(item.get("weight")) else None,
        "scorer": _str(item.get("scorer")),
        "critical": item.get("critical") is True,
        "allow_na": item.get("allow_na") is True,
        "params": yaml_block(params) if params else "",
        "levels": [_level_data(number, level) for number, level in _items(item, "levels")],
    }


def _level_data(index: int, item: Mapping[str, Any]) -> dict[str, Any]:
    label, description = _texts(item.get("label")), _texts(item.get("description"))
    return {
        "origin": str(index),
        "min": item.get("min") if _is_number(item.get("min")) else None,
        "label_fi": label["fi"],
        "label_en": label["en"],
        "description_fi": description["fi"],
        "description_en": description["en"],
    }


def _auto_fail_data(index: int, item: Mapping[str, Any]) -> dict[str, Any]:
    message = _texts(item.get("message"))
    return {
        "origin": str(index),
        "when": _str(item.get("when")),
        "rule": _str(item.get("rule")),
        "criterion": _str(item.get("criterion")),
        "below": item.get("below") if _is_number(item.get("below")) else None,
        "cap": item.get("cap") if _is_number(item.get("cap")) else None,
        "message_fi": message["fi"],
        "message_en": message["en"],
    }


# ------------------------------------------------------------ form → content


def merged_content(
    form: RubricForm, stored: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the stored rubric with the form's values put in, and params that did not parse.

    The second value maps a form field name (criteria-0-params) to the text that was not a
    mapping; that criterion keeps its stored params.
    """
    content = copy.deepcopy(dict(stored))
    _put_text(
        content,
        "title",
        {"fi": form.title_fi.data, "en": form.title_en.data, "sv": form.title_sv.data},
    )
    _put(content, "channel", form.channel.data or None, keep_none=True)
    _put(content, "na_policy", form.na_policy.data or None)
    old_criteria = _list(stored, "criteria")
    bad_params: list[int] = []
    criteria = []
    for index, row in enumerate(form.criteria):
        criterion, bad = _criterion(row.form, _origin(row.form, old_criteria))
        criteria.append(criterion)
        if bad is not None:
            bad_params.append(index)
    content["criteria"] = criteria
    old_rules = _list(stored, "auto_fail")
    _put_list(
        content,
        "auto_fail",
        [_auto_fail(row.form, _origin(row.form, old_rules)) for row in form.auto_fail],
    )
    _put_list(content, "levels", _levels(form.levels, _list(stored, "levels")))
    return content, bad_params


def _criterion(row: CriterionForm, old: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    item = copy.deepcopy(dict(old))
    _put(item, "id", (row.id.data or "").strip() or None)
    _put_text(item, "title", {"fi": row.title_fi.data, "en": row.title_en.data})
    _put_text(item, "description", {"fi": row.description_fi.data, "en": row.description_en.data})
    _put(item, "weight", _clean_number(row.weight.data), keep_old=row.weight.errors, old=old)
    _put(item, "scorer", row.scorer.data or None)
    _put_flag(item, "critical", row.critical.data)
    _put_flag(item, "allow_na", row.allow_na.data)
    bad = None
    text = (row.params.data or "").strip()
    if not text:
        if old.get("params"):  # cleared; an empty mapping stored as {} stays as it was
            item.pop("params", None)
    else:
        try:
            params = yaml.safe_load(text)
        except yaml.YAMLError:
            params = None
        if isinstance(params, dict):
            item["params"] = params
        else:
            bad = text
    _put_list(item, "levels", _levels(row.levels, _list(old, "levels")))
    return item, bad


def _levels(rows: FieldList, old_levels: list[Any]) -> list[dict[str, Any]]:
    levels = []
    for row in rows:
        level_form = row.form
        old = _origin(level_form, old_levels)
        level = copy.deepcopy(dict(old))
        _put(
            level,
            "min",
            _clean_number(level_form.min.data),
            keep_old=level_form.min.errors,
            old=old,
        )
        _put_text(level, "label", {"fi": level_form.label_fi.data, "en": level_form.label_en.data})
        _put_text(
            level,
            "description",
            {"fi": level_form.description_fi.data, "en": level_form.description_en.data},
        )
        levels.append(level)
    return levels


def _auto_fail(row: AutoFailForm, old: Mapping[str, Any]) -> dict[str, Any]:
    rule = copy.deepcopy(dict(old))
    _put(rule, "when", row.when.data or None)
    _put(rule, "rule", (row.rule.data or "").strip() or None)
    _put(rule, "criterion", (row.criterion.data or "").strip() or None)
    _put(rule, "below", _clean_number(row.below.data), keep_old=row.below.errors, old=old)
    _put(rule, "cap", _clean_number(row.cap.data), keep_old=row.cap.errors, old=old)
    _put_text(rule, "message", {"fi": row.message_fi.data, "en": row.message_en.data})
    return rule


# ------------------------------------------------------------ blank rows


def blank_criterion(weight: float | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"scorer": "manual"}
    if weight:
        item["weight"] = weight
    return item


def blank_level(after: list[Any]) -> dict[str, Any]:
    mins = [
        level.get("min")
        for level in after
        if isinstance(level, Mapping) and _is_number(level.get("min"))
    ]
    return {"min": 0 if not mins else min(100, max(mins) + 10), "label": {}}


def blank_auto_fail() -> dict[str, Any]:
    return {"when": "forbidden_claim", "cap": 0}


# ------------------------------------------------------------ helpers


def yaml_block(value: Any) -> str:
    return yaml.safe_dump(
        value, allow_unicode=True, sort_keys=False, default_flow_style=False
    ).strip()


def weight_total(content: Mapping[str, Any]) -> float:
    """Sum the numeric weights of the criteria (what `rules._weight_total` checks)."""
    return sum(
        item["weight"] for _, item in _items(content, "criteria") if _is_number(item.get("weight"))
    )


def _items(content: Mapping[str, Any] | Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = content.get(key) if isinstance(content, Mapping) else None
    if not isinstance(value, list):
        return []
    return [(index, item if isinstance(item, Mapping) else {}) for index, item in enumerate(value)]


def _list(content: Mapping[str, Any], key: str) -> list[Any]:
    value = content.get(key)
    return value if isinstance(value, list) else []


def _origin(row: Form, old_items: list[Any]) -> Mapping[str, Any]:
    origin = (row.origin.data or "").strip()
    if (
        origin.isdigit()
        and int(origin) < len(old_items)
        and isinstance(old_items[int(origin)], Mapping)
    ):
        return old_items[int(origin)]
    return {}


def _texts(value: Any, langs: tuple[str, ...] = LANGS) -> dict[str, str]:
    """Split a text (one string for every language, or a mapping) into one string per language."""
    if isinstance(value, str):
        return {lang: value for lang in langs}
    if isinstance(value, Mapping):
        return {lang: _str(value.get(lang)) for lang in langs}
    return {lang: "" for lang in langs}


def _put_text(item: dict[str, Any], key: str, shown: Mapping[str, str | None]) -> None:
    """Put per-language values into item[key], keeping languages the form does not show.

    A text stored as one string stays one string when every shown language still reads it.
    """
    old = item.get(key)
    values = {lang: (text or "").strip() for lang, text in shown.items()}
    if isinstance(old, str) and all(text in ("", old.strip()) for text in values.values()):
        if any(values.values()):
            return
    merged = dict(old) if isinstance(old, Mapping) else {}
    for lang, text in values.items():
        if text:
            merged[lang] = text
        else:
            merged.pop(lang, None)
    if merged:
        item[key] = merged
    else:
        item.pop(key, None)


def _put(
    item: dict[str, Any], key: str, value: Any, *, keep_none: bool = False, keep_old=None, old=None
) -> None:
    """Set item[key], or drop it when empty; a value the form could not read keeps the stored one."""
    if keep_old:
        if old is not None and key in old:
            item[key] = old[key]
        return
    if value is None and not (keep_none and key in item):
        item.pop(key, None)
    else:
        item[key] = value


def _put_flag(item: dict[str, Any], key: str, value: bool) -> None:
    """Store a ticked box as true; an unticked one as false only where the file said so."""
    if value:
        item[key] = True
    elif key in item:
        item[key] = False


def _put_list(item: dict[str, Any], key: str, values: list[Any]) -> None:
    if values:
        item[key] = values
    else:
        item.pop(key, None)


def _clean_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _display_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""
