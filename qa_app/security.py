"""Log-in, roles and API tokens: every view and API call asks here who may do what."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from flask import Flask, abort, flash, jsonify, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from .extensions import db, login_manager
from .models import User

F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)


def _load_user(user_id: str) -> User | None:
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def keep_reply(path: str, text: str, reason: str | None = None) -> None:
    """Keep a typed reply in the session until the practice page at `path` shows it again.

    `reason` "language" marks a draft carried over a language switch (no notice on return).
    """
    kept = {"path": path, "text": text}
    if reason:
        kept["reason"] = reason
    session["pending_reply"] = kept


def keep_posted_reply() -> str | None:
    """Keep a posted `reply` in the session for after the next login; return the page it belongs to.

    Used when a reply arrives without a valid session (logged out, or the cookie gone and with it
    the CSRF token), so an expired session never loses a learner's typed text. Returns None when
    nothing was posted.
    """
    if request.method != "POST" or not request.form.get("reply"):
        return None
    page = reply_page()
    keep_reply(page, request.form["reply"])
    flash(_l("Your session had expired. Your reply is kept; log in to send it."), "warning")
    return page


def reply_page() -> str:
    """Return the page a posted reply belongs to: where it was posted, or where a language switch came from.

    Without JavaScript the language switch on a practice page posts the reply form (draft
    included) to /lang, with the practice page as `next`.
    """
    if request.endpoint == "main.set_language":
        target = safe_local_path(request.form.get("next") or request.args.get("next"), request.path)
        return urlsplit(target).path
    return request.path


MAX_DECODINGS = 5


def safe_local_path(target: str | None, fallback: str) -> str:
    """Return `target` if it is a path on this site, else `fallback` (no open redirects).

    Browsers read a backslash as a slash and drop tabs and newlines, so a backslash or a tab
    after the first slash leads to another host; some proxies decode `%2F` and `%5C` before the
    browser sees them. So the target, and each percent-decoding of it until nothing changes, must
    start with exactly one slash, hold no backslash and no control character, and have no scheme or
    host.
    """
    if not target:
        return fallback
    form = target
    for _ in range(MAX_DECODINGS):
        if not _is_local_path(form):
            return fallback
        decoded = unquote(form)
        if decoded == form:
            return target
        form = decoded
    return fallback  # still decoding after so many rounds: nobody writes a link like that


def _is_local_path(target: str) -> bool:
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def _unauthorized():
    if request.path.startswith("/api/"):
        return jsonify(error="unauthorized", message="Log in or send a valid API token."), 401
    if not keep_posted_reply():
        flash(login_manager.login_message, "info")
    return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else request.path))


def role_required(*roles: str) -> Callable[[F], F]:
    """Require a logged-in user holding one of `roles` (admins pass every check); else 403."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
