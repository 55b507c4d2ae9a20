"""Trainers author content in the browser: library, editors, Try it, publishing, assignments."""

from flask import Blueprint

bp = Blueprint("authoring", __name__, template_folder="templates")

from . import (  # noqa: E402,F401
    assignment_views,
    publish_views,
    rubric_views,
    scenario_views,
    try_views,
    views,
)
