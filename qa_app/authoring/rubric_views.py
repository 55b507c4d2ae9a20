"""Rubric editor: new rubric, the form editor (criteria, levels, auto-fail rules) and its YAML.

Thin views over services.authoring.drafts. Saving keeps the draft even when it is invalid; the
problems `kohtaamo validate` finds are shown next to the field they name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import ContentVersion, Role
from ..security import role_required
from ..services import content_store
from ..services.authoring import drafts
from . import bp
from .loading import open_draft
from .problems import ProblemPlaces, problem_text
from .rubric_forms import (
    NewRubricForm,
    RubricForm,
    RubricYamlForm,
    blank_auto_fail,
    blank_criterion,
    blank_level,
    channel_choices,
    form_data,
    merged_content,
    set_choices,
    weight_total,
)
from .yaml_editor import yaml_editor

KIND = "rubric"


@bp.route("/rubrics/new", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def new_rubric():
    """Start a draft of a new rubric: id, title, channel, and optionally another's criteria."""
    library = content_store.library()
    form = NewRubricForm()
    form.channel.choices = channel_choices()
    lang = str(get_locale())
    form.copy_from.choices = [("", _("Nothing: start with one criterion"))] + [
        (rubric.id, f"{rubric.title(lang)} ({rubric.id})") for rubric in library.rubrics()
    ]
    if form.validate_on_submit():
        content = _new_content(form, library)
        try:
            draft = drafts.new_draft(KIND, content, current_user, frozenset(library.rubrics_by_id))
        except drafts.ContentIdTaken:
            form.id.errors = [*form.id.errors, _("That id is already in use; choose another.")]
        else:
            db.session.commit()
            flash(_("Draft started. Fill in the criteria, then publish it."), "success")
            return redirect(url_for("authoring.edit_rubric", content_id=draft.content_id))
    return render_template("authoring/rubric_new.html", form=form)


def _new_content(form: NewRubricForm, library) -> dict[str, Any]:
    title = {
        lang: text.strip()
        for lang, text in (("fi", form.title_fi.data or ""), ("en", form.title_en.data or ""))
        if text.strip()
    }
    content: dict[str, Any] = {"id": form.id.data.strip(), "version": 1}
    if title:
        content["title"] = title
    if form.channel.data:
        content["channel"] = form.channel.data
    source = _copy_source(form.copy_from.data, library)
    if source:
        for key in ("na_policy", "criteria", "auto_fail", "levels"):
            if key in source:
                content[key] = source[key]
    else:
        content["na_policy"] = "reweight"
        content["criteria"] = [blank_criterion(100)]
    return content


def _copy_source(rubric_id: str | None, library) -> dict[str, Any] | None:
    if not rubric_id:
        return None
    stored = drafts.latest_published(KIND, rubric_id)
    if stored is not None:
        return drafts.data(stored)
    rubric = library.rubrics_by_id.get(rubric_id)
    if rubric is None or rubric.raw is None:
        return None
    return json.loads(json.dumps(rubric.raw, ensure_ascii=False, default=str))


@bp.route("/rubrics/<content_id>/edit", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def edit_rubric(content_id: str):
    """Edit a rubric's draft (started from the latest published version when there is none)."""
    draft = open_draft(KIND, content_id)
    stored = drafts.data(draft)
    if request.method != "POST":
        db.session.commit()  # a draft started just now
        form = RubricForm(data=form_data(stored))
        set_choices(form, stored)
        return _render_editor(draft, form, stored, drafts.check_draft(draft))
    form = RubricForm()
    set_choices(form, stored)
    form.validate()
    if "csrf_token" in form.errors:
        abort(400)
    content, bad_params = merged_content(form, stored)
    unread = bool(form.errors) or bool(bad_params)
    anchor = None if unread else _apply_action(content, request.form.get("action", ""))
    check = drafts.save_draft(draft, content)
    db.session.commit()
    if not unread:
        flash(
            _("Draft saved.")
            if check.ok
            else _("Draft saved. It has problems to fix before it can be published."),
            "success" if check.ok else "warning",
        )
        return redirect(url_for("authoring.edit_rubric", content_id=content_id, _anchor=anchor))
    for index in bad_params:
        form.criteria.entries[index].form.params.errors = [
            _(
                "Write the parameters as YAML lines such as max_words: 60; the stored ones were kept."
            )
        ]
    _renumber(form)
    return _render_editor(draft, form, content, check, unread=True)


def _apply_action(content: dict[str, Any], action: str) -> str | None:
    """Add or remove a row as the pressed button asks; return the anchor to scroll to."""
    name, _sep, rest = action.partition(":")
    numbers = [int(part) for part in rest.split(":") if part.isdigit()]
    criteria = content.setdefault("criteria", [])
    if name == "add_criterion":
        missing = round(100 - weight_total(content), 4)
        criteria.append(blank_criterion(missing if missing > 0 else None))
        return f"criterion-{len(criteria) - 1}"
    if name == "remove_criterion" and numbers and numbers[0] < len(criteria):
        del criteria[numbers[0]]
        return "criteria"
    if name in ("add_level", "remove_level") and numbers and numbers[0] < len(criteria):
        criterion = criteria[numbers[0]]
        if isinstance(criterion, dict):
            _change_rows(criterion, "levels", name.startswith("add"), numbers[1:], blank_level)
        return f"criterion-{numbers[0]}"
    if name in ("add_auto_fail", "remove_auto_fail"):
        _change_rows(
            content, "auto_fail", name.startswith("add"), numbers, lambda _rows: blank_auto_fail()
        )
        return "auto-fail"
    if name in ("add_overall_level", "remove_overall_level"):
        _change_rows(content, "levels", name.startswith("add"), numbers, blank_level)
        return "overall-levels"
    return None


def _change_rows(item: dict[str, Any], key: str, add: bool, numbers: list[int], blank) -> None:
    rows = item.get(key) if isinstance(item.get(key), list) else []
    if add:
        rows = [*rows, blank(rows)]
    elif numbers and numbers[0] < len(rows):
        rows = [row for index, row in enumerate(rows) if index != numbers[0]]
    if rows:
        item[key] = rows
    else:
        item.pop(key, None)


def _renumber(form: RubricForm) -> None:
    """After a save the rows are stored in form order: let each row point at its new place."""
    for index, row in enumerate(form.criteria):
        row.form.origin.data = str(index)
        for number, level in enumerate(row.form.levels):
            level.form.origin.data = str(number)
    for rows in (form.auto_fail, form.levels):
        for index, row in enumerate(rows):
            row.form.origin.data = str(index)


def _render_editor(
    draft: ContentVersion, form: RubricForm, content: Mapping[str, Any], check, unread: bool = False
):
    places = ProblemPlaces(check.problems, _field_prefixes(content))
    return render_template(
        "authoring/rubric_edit.html",
        draft=draft,
        form=form,
        check=check,
        places=places,
        problem_text=problem_text,
        total_text=format_decimal(round(weight_total(content), 2), "0.##"),
        anchor_for=anchor_for,
        place_label=place_label,
        unread=unread,
    )


def _field_prefixes(content: Mapping[str, Any]) -> list[str]:
    """Name every place on the page a problem can be shown."""
    level_fields = ("min", "label", "description")
    prefixes = ["title", "channel", "na_policy", "criteria", "auto_fail", "levels"]
    criteria = content.get("criteria") if isinstance(content.get("criteria"), list) else []
    for index, criterion in enumerate(criteria):
        base = f"criteria[{index}]"
        prefixes.append(base)
        for key in (
            "id",
            "title",
            "description",
            "weight",
            "scorer",
            "critical",
            "allow_na",
            "params",
            "levels",
        ):
            prefixes.append(f"{base}.{key}")
        levels = criterion.get("levels") if isinstance(criterion, Mapping) else None
        prefixes += _row_prefixes(f"{base}.levels", levels, level_fields)
    prefixes += _row_prefixes(
        "auto_fail",
        content.get("auto_fail"),
        ("when", "rule", "criterion", "below", "cap", "message"),
    )
    prefixes += _row_prefixes("levels", content.get("levels"), level_fields)
    return prefixes


def _row_prefixes(base: str, rows: Any, fields: tuple[str, ...]) -> list[str]:
    if not isinstance(rows, list):
        return []
    return [
        f"{base}[{index}]" + suffix
        for index in range(len(rows))
        for suffix in ("", *(f".{key}" for key in fields))
    ]


def anchor_for(place: str) -> str:
    """Return the id of the page element that shows the problems at `place`."""
    match = re.match(r"^(criteria|auto_fail|levels)\[(\d+)\]", place)
    if match:
        name = {"criteria": "criterion", "auto_fail": "auto-fail", "levels": "levels"}[match[1]]
        return f"{name}-{match[2]}"
    return {"criteria": "weights-total", "auto_fail": "auto-fail", "levels": "overall-levels"}.get(
        place, "rubric-meta"
    )


def place_label(place: str) -> str:
    """Name the part of the page that shows the problems at `place` (for the summary's links)."""
    match = re.match(r"^(criteria|auto_fail|levels)\[(\d+)\]", place)
    if match:
        number = int(match[2]) + 1
        if match[1] == "criteria":
            return _("Criterion %(n)s", n=number)
        if match[1] == "auto_fail":
            return _("Rule %(n)s", n=number)
        return _("Overall level %(n)s", n=number)
    labels = {
        "criteria": _("Weights together"),
        "auto_fail": _("Auto-fail rules"),
        "levels": _("Overall levels"),
    }
    return labels.get(place, _("Rubric"))


@bp.route("/rubrics/<content_id>/yaml", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def edit_rubric_yaml(content_id: str):
    """Edit a rubric's draft as YAML text; it is kept even when it does not parse."""
    return yaml_editor(
        KIND, content_id, RubricYamlForm(), "authoring.edit_rubric", "authoring/rubric_yaml.html"
    )
