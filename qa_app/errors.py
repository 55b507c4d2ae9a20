"""Map errors to responses once: JSON under /api, HTML pages elsewhere."""

from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        if _wants_json():
            return jsonify(error="csrf", message=error.description), 400
        if request.form.get("reply"):
            # The session (and its CSRF token) is gone, e.g. the cookie expired while the learner
            # typed: keep the reply and let them log in again instead of losing the text.
            session["pending_reply"] = {"path": request.path, "text": request.form["reply"]}
            flash(_l("Your session had expired. Your reply is kept; log in to send it."), "warning")
            return redirect(url_for("auth.login", next=request.path))
        return render_template("errors/error.html", code=400, reason="csrf"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _wants_json():
            return jsonify(error=error.name.lower().replace(" ", "_"), message=error.description), error.code
        return render_template("errors/error.html", code=error.code, reason=None), error.code

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        app.logger.exception("Unhandled error")
        if app.testing and app.config.get("PROPAGATE_EXCEPTIONS", True):
            raise error
        if _wants_json():
            return jsonify(error="internal_error", message="Something went wrong on our side."), 500
        return render_template("errors/error.html", code=500, reason=None), 500
