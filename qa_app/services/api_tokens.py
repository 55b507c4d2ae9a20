"""API tokens: list them for admins and revoke one (a revoked token gets 401 from the API)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ApiToken, User
from . import audit


class TokenNotFound(LookupError):
    """No API token with that id."""


def list_tokens() -> list[ApiToken]:
    """Every token, active ones first, newest first (with its owner loaded)."""
    query = select(ApiToken).options(joinedload(ApiToken.user)).order_by(
        ApiToken.revoked, ApiToken.created_at.desc(), ApiToken.id.desc())
    return list(db.session.scalars(query))


def get_token(token_id: int) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise TokenNotFound(f"no API token with id {token_id}")
    return token


def revoke_token(token_id: int, actor: User | None = None) -> ApiToken:
    """Revoke the token for good (revoking twice changes nothing); the caller commits."""
    token = get_token(token_id)
    if not token.revoked:
        token.revoked = True
        audit.record("api_token.revoke", actor, object_type="api_token", object_id=token.id,
                     details={"name": token.name, "owner": token.user.email})
    return token
