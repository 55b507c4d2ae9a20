"""Scenario editor: a new scenario, the form editor with its branch graph, and the YAML editor.

Thin views over services.authoring.drafts. A save keeps the draft even when it is invalid and
redirects back to the editor, which shows the problems `kohtaamo validate` finds next to the
field they name. Published versions are never edited: the editor always works on the draft.
"""

from __future__ import annotations

from typing import Any

import yaml
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..content.branch_graph import build_graph
from ..extensions import db
from ..models import ContentVersion, Role
from ..security import role_required
from ..services import content_store
from ..services.authoring import drafts
from ..services.content_versions import yaml_text
from . import bp
from .loading import open_draft
from .problems import ProblemPlaces, problem_text
from .scenario_forms import OUTCOME_LABELS, NewScenarioForm, ScenarioForm, ScenarioYamlForm
from .scenario_merge import blank_row, form_data, merge
from .scenario_page import (
    condition_text,
    editor_places,
    mood_label,
    rubric_choices,
    set_choices,
)
from .yaml_editor import yaml_editor

KIND = "scenario"
ADDABLE = ("facts", "key_points", "forbidden", "turns")


@bp.route("/scenarios/new", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def new_scenario():
    """Start a draft of a new scenario from an id, titles, language, channel, rubric and opening."""
    library = content_store.library()
    form = NewScenarioForm()
    form.rubric.choices = rubric_choices(library, form.channel.data or "chat", None)
    if form.validate_on_submit() and _rubric_fits(form, library):
        content = _new_content(form)
        try:
            draft = drafts.new_draft(
                KIND, content, current_user, frozenset(library.scenarios_by_id)
            )
        except drafts.ContentIdTaken:
            form.id.errors = [*form.id.errors, _("That id is already in use; choose another.")]
        else:
            db.session.commit()
            flash(_("Draft started. Add key points and turns, then publish it."), "success")
            return redirect(url_for("authoring.edit_scenario", content_id=draft.content_id))
    return render_template("authoring/scenario_new.html", form=form)


def _rubric_fits(form: NewScenarioForm, library) -> bool:
    rubric = library.rubrics_by_id.get(form.rubric.data or "")
    if form.rubric.data and rubric is None:
        form.rubric.errors = [_("Choose a rubric from the list.")]
        return False
    if rubric is not None and rubric.spec.channel and rubric.spec.channel != form.channel.data:
        form.rubric.errors = [_("This rubric is for another channel; choose one for this channel.")]
        return False
    return True


def _new_content(form: NewScenarioForm) -> dict[str, Any]:
    title = {
        lang: text.strip()
        for lang, text in (("fi", form.title_fi.data or ""), ("en", form.title_en.data or ""))
        if text.strip()
    }
    content: dict[str, Any] = {
        "id": form.id.data.strip(),
        "version": 1,
        "language": form.language.data,
        "channel": form.channel.data,
        "title": title,
        "opening": form.opening.data.replace("\r\n", "\n").strip(),
        "difficulty": "medium",
        "persona": {"mood": "calm"},
    }
    if form.rubric.data:
        content["rubric"] = form.rubric.data
    return content


@bp.route("/scenarios/<content_id>/edit", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def edit_scenario(content_id: str):
    """Edit a scenario's draft (started from the latest published version when there is none)."""
    draft = open_draft(KIND, content_id)
    stored = drafts.data(draft)
    if request.method != "POST":
        db.session.commit()  # a draft started just now
        return _render_editor(draft, stored, ScenarioForm(data=_with_added_rows(stored)))
    form = ScenarioForm()
    if not form.validate() and "csrf_token" in form.errors:
        abort(400)
    if form.base_hash.data and form.base_hash.data != draft.content_hash:
        # Another tab or person saved in between: rows would land on the wrong items.
        flash(
            _(
                "This draft was saved elsewhere after you opened it, so your changes were not saved. They are still in the form: copy what you need, then reload the page."
            ),
            "error",
        )
        return _render_editor(draft, stored, form, stale=True)
    content = merge(stored, form.data)
    check = drafts.save_draft(draft, content)
    db.session.commit()
    added = _added_row(content)
    if added is None:
        flash(
            _("Draft saved.")
            if check.ok
            else _("Draft saved. It has problems to fix before it can be published."),
            "success" if check.ok else "warning",
        )
        anchor = None if check.ok else "problems"
        return redirect(url_for("authoring.edit_scenario", content_id=content_id, _anchor=anchor))
    query, anchor = added
    return redirect(
        url_for("authoring.edit_scenario", content_id=content_id, _anchor=anchor, **query)
    )


def _added_row(content: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """Return the query that adds an empty row and its anchor, if an "Add …" button was pressed."""
    kind, _sep, where = request.form.get("action", "").partition(":")
    if kind in ADDABLE:
        count = len(content.get(kind) or []) if kind != "key_points" else _all_key_points(content)
        return {"add": kind}, f"{kind}-{count}"
    turns = content.get("turns") or []
    if kind == "branches" and where.isdigit() and int(where) < len(turns):
        index = int(where)
        if isinstance(turns[index], dict):
            position = len(turns[index].get("next") or [])
            return {"add": "branches", "turn": index}, f"turns-{index}-branches-{position}"
    return None


def _all_key_points(content: dict[str, Any]) -> int:
    turns = [turn for turn in content.get("turns") or [] if isinstance(turn, dict)]
    return len(content.get("key_points") or []) + sum(
        len(turn.get("key_points") or []) for turn in turns
    )


def _with_added_rows(stored: dict[str, Any]) -> dict[str, Any]:
    """Return the form data, plus the empty row an "Add …" button asked for."""
    data = form_data(stored)
    add = request.args.get("add", "")
    if add in ADDABLE:
        data[add].append(blank_row(add))
    elif add == "branches":
        turn = request.args.get("turn", type=int)
        if turn is not None and 0 <= turn < len(data["turns"]):
            data["turns"][turn]["branches"].append(blank_row("branches"))
    return data


def _render_editor(
    draft: ContentVersion, stored: dict[str, Any], form: ScenarioForm, stale: bool = False
):
    library = content_store.library()
    set_choices(form, stored, library)
    form.base_hash.data = draft.content_hash
    check = drafts.check_draft(draft)
    prefixes, anchors, key_point_paths = editor_places(stored)
    places = ProblemPlaces(() if stale else check.problems, prefixes)
    place_of = {id(p): place for place, found in places.by_field.items() for p in found}
    summary = [(p, anchors.get(place_of.get(id(p), ""))) for p in check.problems]
    return render_template(
        "authoring/scenario_edit.html",
        draft=draft,
        scenario_id=draft.content_id,
        form=form,
        check=check,
        places=places,
        anchors=anchors,
        key_point_paths=key_point_paths,
        problem_text=problem_text,
        graph=build_graph(stored),
        condition_text=condition_text,
        summary=summary,
        outcome_labels=OUTCOME_LABELS,
        mood_label=mood_label,
        yaml_broken=_yaml_broken(draft),
        has_endpoint=lambda name: name in current_app.view_functions,
        stale=stale,
        has_turns=bool(stored.get("turns")),
    )


def _yaml_broken(draft: ContentVersion) -> bool:
    """Tell whether the draft's YAML text does not parse (saving the form would replace it)."""
    try:
        return not isinstance(yaml.safe_load(yaml_text(draft)), dict)
    except yaml.YAMLError:
        return True


@bp.route("/scenarios/<content_id>/yaml", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def edit_scenario_yaml(content_id: str):
    """Edit a scenario's draft as YAML text; it is kept even when it does not parse."""
    return yaml_editor(
        KIND,
        content_id,
        ScenarioYamlForm(),
        "authoring.edit_scenario",
        "authoring/scenario_yaml.html",
        has_endpoint=lambda name: name in current_app.view_functions,
    )
