"""Helpers every template may use."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l

ROLE_LABELS = {
    "learner": _l("Learner"),
    "supervisor": _l("Supervisor"),
    "trainer": _l("Trainer"),
    "admin": _l("Admin"),
}

# How dates and times read in each UI language: "2.12.2026 klo 12.36", "2 Dec 2026, 12:36".
# Babel's own short formats give "12/2/26, 12:36 PM" in English, which our readers do not use.
DATE_PATTERNS = {
    "fi": {"date": "d.M.yyyy", "datetime": "d.M.yyyy 'klo' H.mm"},
    "en": {"date": "d MMM yyyy", "datetime": "d MMM yyyy, HH:mm"},
}


def has_endpoint(name: str) -> bool:
    """Let shared templates link to areas that may not be installed."""
    return name in current_app.view_functions


def _pattern(kind: str) -> str:
    return DATE_PATTERNS.get(str(get_locale()), {}).get(kind, "medium")


def local_date(value: date | datetime | None) -> str:
    """Show a date (or the day of a UTC datetime) in the UI's locale and the user's time zone."""
    if value is None:
        return "–"
    return format_date(value, _pattern("date"))


def local_datetime(value: datetime | None) -> str:
    """Show a stored UTC datetime in the UI's locale and the user's time zone, to the minute."""
    if value is None:
        return "–"
    return format_datetime(value, _pattern("datetime"))


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(role_label=lambda role: ROLE_LABELS.get(role, role), has_endpoint=has_endpoint)
    app.jinja_env.filters.update(local_date=local_date, local_datetime=local_datetime)
