"""Publishing a draft (with a readable diff and a note), discarding one, and version history.

Thin views over services.authoring.drafts and the pure content.diff. Every page is for trainers
and admins; a draft is shown only to those `ContentVersion.can_view` allows.
"""

from __future__ import annotations

import re

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..content.diff import ContentDiff, compare, describe
from ..extensions import db
from ..models import ContentVersion, Role
from ..models.practice import Attempt
from ..security import role_required
from ..services import content_store
from ..services.authoring import drafts
from ..services.content_versions import yaml_text
from . import bp
from .loading import viewable
from .problems import problem_text

KINDS = ("scenario", "rubric")
EDIT_ENDPOINTS = {"scenario": "authoring.edit_scenario", "rubric": "authoring.edit_rubric"}
KIND_LABELS = {"scenario": _l("Scenario"), "rubric": _l("Rubric")}


class PublishForm(FlaskForm):
    note = TextAreaField(
        _l("What changed, in a sentence or two"),
        validators=[
            DataRequired(_l("Write a note: it tells other trainers what changed and why.")),
            Length(max=drafts.NOTE_MAX),
        ],
        description=_l(
            "Shown in the version history, e.g. “Clarity weighs more; new phrase for the refund”."
        ),
    )
    submit = SubmitField(_l("Publish"))


class DiscardForm(FlaskForm):
    submit = SubmitField(_l("Yes, discard the draft"))


def load_version(version_id: int) -> ContentVersion:
    """Return the version, 404 when there is none, 403 when the user may not see it."""
    return viewable(drafts.get_version(version_id))


def edit_url(kind: str, content_id: str) -> str | None:
    """Return the editor's address for the content, if that editor is there."""
    endpoint = EDIT_ENDPOINTS[kind]
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, content_id=content_id)


def version_diff(version: ContentVersion) -> ContentDiff:
    """Compare the version with the published version it was made from."""
    parent = version.parent
    if parent is None:
        return compare(None, drafts.data(version))
    before, after = drafts.data(parent), drafts.data(version)
    # Both sides dumped the same way, so the line diff shows content, not key order or comments.
    return compare(before, after, drafts.yaml_dump(before), drafts.yaml_dump(after))


def describe_change(change) -> str:
    """Word one change in the reader's language (numbers in the locale's format)."""
    return describe(change, _, lambda value: format_decimal(value, "0.##"))


def _diff_context(version: ContentVersion) -> dict:
    return {
        "diff": version_diff(version),
        "describe_change": describe_change,
        "kind_label": KIND_LABELS[version.kind],
    }


@bp.route("/versions/<int:version_id>/publish", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def publish(version_id: int):
    """Show what the draft changes, ask for a note, and publish it when it is valid."""
    version = load_version(version_id)
    if not version.is_draft:
        flash(
            _(
                "Version %(version)s is published already: a published version never changes. "
                "Start a draft to change it.",
                version=version.version,
            ),
            "warning",
        )
        return redirect(url_for("authoring.version", version_id=version.id))
    form = PublishForm()
    check = drafts.check_draft(version)
    refusal = None
    if form.validate_on_submit():
        try:
            drafts.publish_draft(version, current_user, form.note.data)
        except drafts.DraftInvalid:
            db.session.rollback()
            refusal = _("The draft has problems, so it was not published. Fix them first.")
        except drafts.DraftError as error:
            db.session.rollback()
            refusal = _publish_refusal(str(error))
        else:
            db.session.commit()
            content_store.refresh_library()
            flash(
                _(
                    "Version %(version)s of %(id)s is published. New attempts use it from now on.",
                    version=version.version,
                    id=version.content_id,
                ),
                "success",
            )
            return redirect(
                url_for("authoring.history", kind=version.kind, content_id=version.content_id)
            )
    return render_template(
        "authoring/publish.html",
        version=version,
        form=form,
        check=check,
        refusal=refusal,
        problem_text=problem_text,
        edit_link=edit_url(version.kind, version.content_id),
        **_diff_context(version),
    )


def _publish_refusal(message: str) -> str:
    newer = re.match(r"^version (\d+) was published while this draft was open", message)
    if newer:
        return _(
            "Version %(version)s was published while this draft was open. Discard this draft and start again from it.",
            version=newer[1],
        )
    return message


@bp.route("/versions/<int:version_id>/discard", methods=["GET", "POST"])
@role_required(Role.TRAINER)
def discard(version_id: int):
    """Ask, then delete a draft; published versions stay."""
    version = load_version(version_id)
    history = url_for("authoring.history", kind=version.kind, content_id=version.content_id)
    if not version.is_draft:
        flash(
            _("Only a draft can be discarded; published versions stay in the history."), "warning"
        )
        return redirect(history)
    form = DiscardForm()
    if form.validate_on_submit():
        drafts.discard_draft(version)
        db.session.commit()
        flash(_("The draft was discarded."), "success")
        if drafts.content_exists(version.kind, version.content_id):
            return redirect(history)
        return redirect(url_for("authoring.library"))
    return render_template(
        "authoring/discard.html",
        version=version,
        form=form,
        kind_label=KIND_LABELS[version.kind],
        edit_link=edit_url(version.kind, version.content_id),
    )


@bp.route("/<any(scenario, rubric):kind>/<content_id>/history")
@role_required(Role.TRAINER)
def history(kind: str, content_id: str):
    """Every stored version of one scenario or rubric, newest first, with how often each was used."""
    versions = [row for row in drafts.versions_of(kind, content_id) if row.can_view(current_user)]
    draft = next((row for row in versions if row.is_draft), None)
    latest = next((row for row in versions if row.is_published), None)
    return render_template(
        "authoring/history.html",
        kind=kind,
        kind_label=KIND_LABELS[kind],
        content_id=content_id,
        versions=versions,
        draft=draft,
        latest=latest,
        attempts=attempt_counts(kind, [row.id for row in versions]),
        edit_link=edit_url(kind, content_id),
        in_library=_in_library(kind, content_id),
    )


def attempt_counts(kind: str, version_ids: list[int]) -> dict[int, int]:
    """Return how many practice attempts used each version."""
    if not version_ids:
        return {}
    column = Attempt.scenario_version_id if kind == "scenario" else Attempt.rubric_version_id
    rows = db.session.execute(
        select(column, func.count(Attempt.id)).where(column.in_(version_ids)).group_by(column)
    )
    return {version_id: count for version_id, count in rows}


def _in_library(kind: str, content_id: str) -> bool:
    library = content_store.library()
    found = library.rubrics_by_id if kind == "rubric" else library.scenarios_by_id
    return content_id in found


@bp.route("/versions/<int:version_id>")
@role_required(Role.TRAINER)
def version(version_id: int):
    """One version, read-only: its details, what changed from its parent, and its YAML."""
    row = load_version(version_id)
    return render_template(
        "authoring/version.html",
        version=row,
        yaml=yaml_text(row),
        attempts=attempt_counts(row.kind, [row.id]).get(row.id, 0),
        edit_link=edit_url(row.kind, row.content_id),
        **_diff_context(row),
    )
