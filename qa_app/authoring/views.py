from __future__ import annotations

from flask import current_app, render_template

from ..models import Role
from ..security import role_required
from ..services import content_store
from ..services.authoring import drafts
from . import bp


@bp.route("/")
@role_required(Role.TRAINER)
def library():
    """Trainers see every scenario and rubric: latest published version, open drafts, edit links."""
    lib = content_store.library()
    open_drafts = drafts.all_drafts()
    drafted = {(draft.kind, draft.content_id): draft for draft in open_drafts}
    # Drafts of content nobody has published yet are listed with the drafts only.
    return render_template(
        "authoring/library.html",
        scenarios=lib.scenarios(),
        rubrics=lib.rubrics(),
        drafted=drafted,
        open_drafts=open_drafts,
        has_endpoint=lambda name: name in current_app.view_functions,
    )
