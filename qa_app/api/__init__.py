"""JSON API. Authenticated by bearer tokens only, so it needs no CSRF token (no cookies used)."""

from flask import Blueprint

bp = Blueprint("api", __name__)

from . import views  # noqa: E402,F401
