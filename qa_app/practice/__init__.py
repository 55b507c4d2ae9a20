"""Role-play practice for learners: catalogue, practice sessions, debriefs and progress."""

from flask import Blueprint

bp = Blueprint("practice", __name__, template_folder="templates")

from . import filters, views  # noqa: E402,F401  (they attach to bp)
