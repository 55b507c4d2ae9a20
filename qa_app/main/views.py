from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user, login_required

from ..extensions import db
from ..security import keep_reply, reply_page, safe_local_path
from ..services import dashboard
from . import bp


@bp.route("/")
@login_required
def home():
    summary = dashboard.summary_for(current_user, str(get_locale()))
    return render_template("main/home.html", summary=summary)


@bp.route("/lang", methods=["POST"])
def set_language():
    """Switch the UI language (a CSRF-protected form in the header) and go back.

    On a practice page without JavaScript the switch posts the reply form, draft included
    (`next` then comes in the query string): the draft is kept for the page it came from.
    """
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.locale = lang
            db.session.commit()
    if request.form.get("reply"):
        keep_reply(reply_page(), request.form["reply"], reason="language")
    return redirect(safe_local_path(request.form.get("next") or request.args.get("next"), url_for("main.home")))
