from __future__ import annotations

from dataclasses import dataclass

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..models import Role
from ..security import role_required
from ..services import api_tokens
from ..services import users as user_service
from . import bp
from .forms import PASSWORD_MESSAGES, TeamForm, TokenForm, UserForm


@dataclass(frozen=True)
class ShownOnce:
    """A new password or API token, shown on the page that made it and nowhere else."""

    kind: str  # "password" or "token"
    owner: str  # the new user's e-mail, or the token's name
    value: str


def _user_form(blank: bool = False) -> UserForm:
    form = UserForm(prefix="user", formdata=None) if blank else UserForm(prefix="user")
    form.team.choices = [("", _("No team"))] + [(t.name, t.name) for t in user_service.list_teams()]
    return form


def _render(
    user_form: UserForm | None = None,
    team_form: TeamForm | None = None,
    token_form=None,
    shown_once: ShownOnce | None = None,
):
    return render_template(
        "admin/users.html",
        users=user_service.list_users(),
        teams=user_service.list_teams(),
        user_form=user_form or _user_form(),
        team_form=team_form or TeamForm(prefix="team"),
        token_form=token_form or TokenForm(prefix="token"),
        shown_once=shown_once,
    )


def _show_once(secret: ShownOnce):
    """Answer the POST with the page itself: the secret never goes into the session cookie (as a
    flash through a redirect would put it) nor into any cache."""
    blank_token_form = TokenForm(prefix="token", formdata=None)
    response = make_response(
        _render(_user_form(blank=True), token_form=blank_token_form, shown_once=secret)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    return _render()


@bp.route("/users", methods=["POST"])
@role_required(Role.ADMIN)
def create_user():
    form = _user_form()
    if not form.validate_on_submit():
        return _render(user_form=form), 400
    try:
        user, password = user_service.create_user(
            form.email.data,
            form.name.data,
            form.role.data,
            form.password.data or None,
            form.team.data or None,
            actor=current_user,
        )
    except user_service.PasswordPolicyError as error:  # the form checked already; kept for safety
        form.password.errors.append(str(PASSWORD_MESSAGES[error.problem]))
        return _render(user_form=form), 400
    except user_service.UserInputError as error:
        form.email.errors.append(str(error))
        return _render(user_form=form), 400
    db.session.commit()
    return _show_once(ShownOnce("password", user.email, password))


@bp.route("/teams", methods=["POST"])
@role_required(Role.ADMIN)
def create_team():
    form = TeamForm(prefix="team")
    if not form.validate_on_submit():
        return _render(team_form=form), 400
    team = user_service.get_or_create_team(form.team_name.data)
    db.session.commit()
    flash(_("Team %(name)s is ready.", name=team.name), "success")
    return redirect(url_for("admin.users"))


@bp.route("/tokens", methods=["POST"])
@role_required(Role.ADMIN)
def create_token():
    form = TokenForm(prefix="token")
    if not form.validate_on_submit():
        return _render(token_form=form), 400
    token, plain = api_tokens.issue_token(current_user, form.token_name.data.strip(), actor=current_user)
    db.session.commit()
    return _show_once(ShownOnce("token", token.name, plain))
