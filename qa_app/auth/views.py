from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from ..security import safe_local_path
from ..services.users import authenticate
from ..throttle import LoginRefusal, login_refusal, record_failed_login
from . import bp
from .forms import LoginForm


def _safe_next(target: str | None) -> str:
    """Only follow relative redirects, so a link cannot send a user to another site."""
    return safe_local_path(target, url_for("main.home"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        refusal = login_refusal()
        if refusal is not None:  # refused before the password is checked: right or wrong, no answer
            return _refused(form, refusal)
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            record_failed_login()
            form.password.errors.append(_("Wrong email or password."))
        else:
            pending = session.get("pending_reply")
            login_user(user, remember=form.remember.data)
            if pending:
                session["pending_reply"] = pending
                return redirect(_safe_next(pending.get("path")))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


def _refused(form: LoginForm, refusal: LoginRefusal):
    """Answer 429 with the form and the reason on the e-mail field."""
    if refusal.scope == "account":
        message = ngettext("Too many failed logins for this account. Try again in %(num)d minute.",
                           "Too many failed logins for this account. Try again in %(num)d minutes.",
                           refusal.minutes)
    else:
        message = ngettext("Too many failed logins from your network address. Try again in %(num)d minute.",
                           "Too many failed logins from your network address. Try again in %(num)d minutes.",
                           refusal.minutes)
    form.email.errors.append(message)
    response = make_response(render_template("auth/login.html", form=form), 429)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.pop("pending_reply", None)
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))
