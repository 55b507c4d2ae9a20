from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from ..extensions import db
from ..security import safe_local_path
from ..services import dashboard
from . import bp


@bp.route("/")
@login_required
def home():
    summary = dashboard.summary_for(current_user, str(get_locale()))
    return render_template("main/home.html", summary=summary)


@bp.route("/lang", methods=["POST"])
def set_language():
    """Switch the UI language (a CSRF-protected form in the header) and go back."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    return redirect(safe_local_path(request.form.get("next"), url_for("main.home")))


@bp.route("/healthz")
def health():
    return {"status": "ok"}
