"""The Edit as YAML page, the same for a scenario's draft and a rubric's."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from ..extensions import db
from ..services.authoring import drafts
from ..services.content_versions import yaml_text
from .loading import open_draft
from .problems import problem_text


def yaml_editor(
    kind: str, content_id: str, form: FlaskForm, editor_endpoint: str, template: str, **context: Any
):
    """Show the draft as YAML text or save the posted text; it is kept even when it does not parse.

    A save without problems goes back to the form editor (`editor_endpoint`); one with problems
    stays on the page and lists them.
    """
    draft = open_draft(kind, content_id)
    if form.validate_on_submit():
        check = drafts.save_draft_yaml(draft, form.text.data or "")
        db.session.commit()
        if check.ok:
            flash(_("Draft saved."), "success")
            return redirect(url_for(editor_endpoint, content_id=content_id))
        flash(_("Draft saved. It has problems to fix before it can be published."), "warning")
    else:
        db.session.commit()  # keeps a draft open_draft just started
        form.text.data = yaml_text(draft)
        check = drafts.check_draft(draft)
    return render_template(
        template, draft=draft, form=form, check=check, problem_text=problem_text, **context
    )
