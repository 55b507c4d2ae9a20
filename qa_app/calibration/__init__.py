"""Calibration sessions: blind scoring, reveal, agreement figures and the agreed scores."""

from flask import Blueprint

bp = Blueprint("calibration", __name__, template_folder="templates")

from . import views  # noqa: E402,F401
