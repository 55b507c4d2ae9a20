"""Creating users and teams, and checking passwords."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from ..extensions import db
from ..models import ROLES, Team, User


class UserInputError(ValueError):
    """Bad input for creating a user or team (caller's fault)."""


def authenticate(email: str, password: str) -> User | None:
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def find_user(email: str) -> User | None:
    return db.session.scalars(select(User).where(func.lower(User.email) == email.strip().lower())).first()


def get_or_create_team(name: str) -> Team:
    name = name.strip()
    if not name:
        raise UserInputError("team name must not be empty")
    team = db.session.scalars(select(Team).where(Team.name == name)).first()
    if team is None:
        team = Team(name=name)
        db.session.add(team)
        db.session.flush()
    return team


def create_user(
    email: str,
    name: str,
    role: str,
    password: str | None = None,
    team_name: str | None = None,
    locale: str | None = None,
) -> tuple[User, str]:
    """Create a user; return it with the password (generated when none is given)."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UserInputError(f"'{email}' is not an email address")
    if role not in ROLES:
        raise UserInputError(f"role must be one of {', '.join(ROLES)} (got '{role}')")
    if find_user(email) is not None:
        raise UserInputError(f"a user with email '{email}' already exists")
    if password is not None and len(password) < 8:
        raise UserInputError("password must be at least 8 characters")
    password = password or secrets.token_urlsafe(9)
    user = User(email=email, name=name.strip() or email, role=role, locale=locale)
    user.set_password(password)
    if team_name:
        user.team = get_or_create_team(team_name)
    db.session.add(user)
    db.session.flush()
    return user, password


def set_password(email: str, password: str | None = None) -> str:
    """Give an existing user a new password; return it (generated when none is given)."""
    user = find_user(email)
    if user is None:
        raise UserInputError(f"no user with email '{email}'")
    if password is not None and len(password) < 8:
        raise UserInputError("password must be at least 8 characters")
    password = password or secrets.token_urlsafe(9)
    user.set_password(password)
    return password


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.name)))


def list_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))
