"""Map errors to responses once: JSON under /api, HTML pages elsewhere."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from .extensions import db, login_manager
from .grading.errors import BackendUnavailable
from .security import keep_posted_reply
from .services.grading import ContentNotFound, GradeRequestError
from .services.review.errors import ReviewError, ReviewNotFound, ReviewStateError


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        if _wants_json():
            return jsonify(error="csrf", message=error.description), 400
        kept_for = keep_posted_reply()
        if kept_for:
            return redirect(url_for("auth.login", next=kept_for))
        return render_template("errors/error.html", code=400, reason="csrf"), 400

    @app.errorhandler(GradeRequestError)
    def grade_request_error(error: GradeRequestError):
        status, code = (404, "not_found") if isinstance(error, ContentNotFound) else (400, "bad_request")
        if _wants_json():
            return jsonify(error=code, message=str(error)), status
        return render_template("errors/error.html", code=status, reason=None), status

    @app.errorhandler(ReviewError)
    def review_error(error: ReviewError):
        if isinstance(error, ReviewNotFound):  # not yours or not there: the same answer, nothing leaks
            status, code = 404, "not_found"
        elif isinstance(error, ReviewStateError):
            status, code = 409, "conflict"
        else:
            status, code = 400, "bad_request"
        if _wants_json():
            return jsonify(error=code, message=str(error)), status
        return render_template("errors/error.html", code=status, reason=code), status

    @app.errorhandler(BackendUnavailable)
    def backend_unavailable(error: BackendUnavailable):
        app.logger.error("grading backend unavailable: %s", error)
        if _wants_json():
            return jsonify(error="grading_unavailable", message=str(error)), 503
        return render_template("errors/error.html", code=503, reason=None), 503

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _wants_json():
            body = jsonify(error=error.name.lower().replace(" ", "_"), message=error.description)
        else:
            body = render_template("errors/error.html", code=error.code, reason=None)
        return body, error.code, _error_headers(error)

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        unreachable = database_unreachable(error)
        if unreachable:
            app.logger.error("database unavailable: %s", str(error).strip().splitlines()[0] if str(error) else error)
        else:
            app.logger.exception("Unhandled error")
        if app.testing and app.config.get("PROPAGATE_EXCEPTIONS", True):
            raise error
        _forget_failed_transaction()
        if unreachable:
            # The page is drawn without the database: the header's user would need a query.
            g._login_user = login_manager.anonymous_user()
            headers = {"Retry-After": str(DATABASE_RETRY_AFTER_S)}
            if _wants_json():
                return jsonify(error="database_unavailable", message="The database does not answer."), 503, headers
            return render_template("errors/error.html", code=503, reason="database"), 503, headers
        if _wants_json():
            return jsonify(error="internal_error", message="Something went wrong on our side."), 500
        return render_template("errors/error.html", code=500, reason=None), 500


DATABASE_RETRY_AFTER_S = 10


def database_unreachable(error: BaseException) -> bool:
    """Whether `error` means the database cannot be reached (a 503), not a fault in the request.

    A dropped or refused connection, or a full pool. SQLite's "database is locked" stays a 500:
    the file is there, another writer holds it.
    """
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    return isinstance(error, OperationalError | InterfaceError) and db.engine.dialect.name != "sqlite"


def _error_headers(error: HTTPException) -> list[tuple[str, str]]:
    """The headers the error itself calls for (a 405's `Allow`, a 401's `WWW-Authenticate`, a
    429's `Retry-After`), without Werkzeug's own content type: the body here is JSON or a page."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def _forget_failed_transaction() -> None:
    """Roll the session back before the error page is drawn.

    After a failed flush (e.g. SQLite's "database is locked" under many writers) the session
    refuses every query until rolled back, and the page's header needs the user: without this
    the error page itself failed and the browser got the server's bare 500.
    """
    try:
        db.session.rollback()
    except SQLAlchemyError:  # the database is gone altogether: the page is drawn without it
        logging.getLogger(__name__).warning("could not roll back after an error", exc_info=True)
