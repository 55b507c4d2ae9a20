"""UI language: the user's explicit choice, then their profile, then the browser, then Finnish."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from .extensions import babel


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in supported:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in supported:
        return current_user.locale
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def inject_locale() -> dict:
        return {"current_locale": str(get_locale()), "ui_languages": app.config["LANGUAGES"]}
