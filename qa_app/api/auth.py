"""Bearer-token authentication for the API; session cookies are deliberately ignored."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, jsonify, request
from sqlalchemy import select

from ..extensions import db
from ..models import ApiToken
from ..models.user import utcnow


def token_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Require `Authorization: Bearer <token>` of an active user; answer 401 JSON otherwise."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return _unauthorized("Send an API token as 'Authorization: Bearer <token>'.")
        token = db.session.scalars(
            select(ApiToken).where(
                ApiToken.token_hash == ApiToken.hash_token(header.removeprefix("Bearer ").strip()),
                ApiToken.revoked.is_(False),
            )
        ).first()
        if token is None or not token.user.active:
            return _unauthorized("The API token is not valid.")
        token.last_used_at = utcnow()
        db.session.commit()
        g.api_user = token.user
        return view(*args, **kwargs)

    return wrapped


def _unauthorized(message: str):
    response = jsonify(error="unauthorized", message=message)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = "Bearer"
    return response
