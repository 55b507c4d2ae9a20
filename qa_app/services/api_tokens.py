"""API tokens: issue one, list them for admins and revoke one (a revoked token gets 401 from the API)."""

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


def issue_token(owner: User, name: str, actor: User | None = None) -> tuple[ApiToken, str]:
    """Make a token for `owner` and record who made it; return it and its plain text (shown once).
    The caller commits. The admin page, `kohtaamo tokens create` and the demo all come here."""
    token, plain = ApiToken.issue(owner, name)
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.create", actor, object_type="api_token", object_id=token.id,
                 details={"name": token.name, "owner": owner.email})
    return token, plain


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
