"""Per-view upload limits: a view marked with `upload_limit` accepts larger requests than the rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request

F = TypeVar("F", bound=Callable[..., Any])


def upload_limit(config_key: str) -> Callable[[F], F]:
    """Let the view accept request bodies up to `current_app.config[config_key]` bytes."""

    def decorator(view: F) -> F:
        view.upload_limit_key = config_key  # type: ignore[attr-defined]
        return view

    return decorator


def init_app(app: Flask) -> None:
    app.before_request(_apply_upload_limit)


def _apply_upload_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    key = getattr(view, "upload_limit_key", None)
    if key is not None:
        request.max_content_length = current_app.config[key]
