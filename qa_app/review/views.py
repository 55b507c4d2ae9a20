from __future__ import annotations

from flask import render_template
from flask_login import current_user

from ..models import Role
from ..security import role_required
from ..services import team_overview
from . import bp


@bp.route("/")
@role_required(Role.SUPERVISOR)
def overview():
    """Supervisors see their team's practice; admins see every team."""
    return render_template("review/overview.html", rows=team_overview.rows_for(current_user))
