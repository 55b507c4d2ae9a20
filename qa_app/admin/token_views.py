"""API tokens for admins: the list (name, owner, created, last used) and Revoke, after a confirmation page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import Role
from ..security import role_required
from ..services import api_tokens
from . import bp
from .forms import RevokeTokenForm


def _load(token_id: int):
    try:
        return api_tokens.get_token(token_id)
    except api_tokens.TokenNotFound:
        abort(404)


@bp.route("/tokens")
@role_required(Role.ADMIN)
def tokens():
    return render_template("admin/tokens.html", tokens=api_tokens.list_tokens())


@bp.route("/tokens/<int:token_id>/revoke")
@role_required(Role.ADMIN)
def confirm_revoke_token(token_id: int):
    """Ask before revoking: scripts using the token stop working at once."""
    return render_template("admin/token_revoke.html", token=_load(token_id), form=RevokeTokenForm())


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@role_required(Role.ADMIN)
def revoke_token(token_id: int):
    token = _load(token_id)
    if not RevokeTokenForm().validate_on_submit():
        abort(400)
    api_tokens.revoke_token(token.id, actor=current_user)
    db.session.commit()
    flash(_("API token %(name)s of %(email)s is revoked: the API refuses it from now on.",
            name=token.name, email=token.user.email), "success")
    return redirect(url_for("admin.tokens"))
