from __future__ import annotations

from flask import render_template

from ..models import Role
from ..security import role_required
from ..services import content_store
from . import bp


@bp.route("/")
@role_required(Role.TRAINER)
def library():
    """Trainers see the content library with versions; editing builds on this page."""
    lib = content_store.library()
    return render_template("authoring/library.html", scenarios=lib.scenarios(), rubrics=lib.rubrics())
