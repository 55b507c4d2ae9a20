"""API tokens: list them for admins and revoke one (a revoked token gets 401 from the API)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import ApiToken, User


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
        # TODO(audit log): record "api_token.revoke" by `actor` for token.id / token.user.email here.
    return token
