"""Helpers every template may use."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "learner": _l("Learner"),
    "supervisor": _l("Supervisor"),
    "trainer": _l("Trainer"),
    "admin": _l("Admin"),
}


def has_endpoint(name: str) -> bool:
    """Let shared templates link to areas that may not be installed."""
    return name in current_app.view_functions


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(role_label=lambda role: ROLE_LABELS.get(role, role), has_endpoint=has_endpoint)
