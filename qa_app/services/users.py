"""Creating users and teams, and checking passwords."""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import ROLES, Team, User
from . import audit
from . import conversations as conversation_service
from .passwords import MESSAGES, PasswordProblem, generate_password, password_problem

_AGENT_ID_MAX = User.agent_id.type.length


class UserInputError(ValueError):
    """Bad input for creating a user or team (caller's fault)."""


class PasswordPolicyError(UserInputError):
    """The password breaks the policy (services/passwords.py); `problem` says how."""

    def __init__(self, problem: PasswordProblem) -> None:
        super().__init__(MESSAGES[problem])
        self.problem = problem


def check_password(password: str, email: str, name: str) -> None:
    """Raise PasswordPolicyError when `password` may not be used by this person."""
    problem = password_problem(password, email, name)
    if problem is not None:
        raise PasswordPolicyError(problem)


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
    agent_id: str | None = None,
    actor: User | None = None,
) -> tuple[User, str]:
    """Create a user; return it with the password (generated when none is given).

    With `agent_id`, conversations already imported for that agent id are linked to the user.
    `actor` is the admin who does it (None: the command line); the audit log names them.
    """
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise UserInputError(f"'{email}' is not an email address")
    if role not in ROLES:
        raise UserInputError(f"role must be one of {', '.join(ROLES)} (got '{role}')")
    if find_user(email) is not None:
        raise UserInputError(f"a user with email '{email}' already exists")
    name = name.strip() or email
    if password is not None:
        check_password(password, email, name)
    if agent_id is not None:
        agent_id = _check_agent_id(agent_id, None)
    password = password or generate_password(email, name)
    user = User(email=email, name=name, role=role, locale=locale, agent_id=agent_id)
    user.set_password(password)
    if team_name:
        user.team = get_or_create_team(team_name)
    db.session.add(user)
    db.session.flush()
    conversation_service.link_agents_to_user(user)
    audit.record("user.create", actor, object_type="user", object_id=user.id,
                 details={"email": user.email, "role": user.role, "team": user.team.name if user.team else None})
    return user, password


def set_role(email: str, role: str, actor: User | None = None) -> User:
    """Give an existing user another role (audited with the old and new role). The caller commits."""
    user = find_user(email)
    if user is None:
        raise UserInputError(f"no user with email '{email}'")
    if role not in ROLES:
        raise UserInputError(f"role must be one of {', '.join(ROLES)} (got '{role}')")
    if user.role != role:
        audit.record("user.role", actor, object_type="user", object_id=user.id,
                     details={"email": user.email, "role": {"before": user.role, "after": role}})
        user.role = role
    return user


def set_agent_id(email: str, agent_id: str) -> User:
    """Give an existing user the agent id their conversations carry, and link that agent to them."""
    user = find_user(email)
    if user is None:
        raise UserInputError(f"no user with email '{email}'")
    previous, user.agent_id = user.agent_id, _check_agent_id(agent_id, user)
    conversation_service.link_agents_to_user(user, previous)
    db.session.flush()
    return user


def _check_agent_id(agent_id: str, user: User | None) -> str:
    """Return the agent id as stored (see agent_key), or raise UserInputError if bad or taken."""
    key = conversation_service.agent_key(agent_id)
    if not key or len(key) > _AGENT_ID_MAX:
        raise UserInputError(f"agent id must be 1 to {_AGENT_ID_MAX} characters (got {agent_id!r})")
    holder = db.session.scalars(select(User).where(User.agent_id == key)).first()
    if holder is not None and holder is not user:
        raise UserInputError(f"agent id '{key}' already belongs to {holder.email}")
    return key


def set_password(email: str, password: str | None = None) -> str:
    """Give an existing user a new password; return it (generated when none is given)."""
    user = find_user(email)
    if user is None:
        raise UserInputError(f"no user with email '{email}'")
    if password is not None:
        check_password(password, user.email, user.name)
    password = password or generate_password(user.email, user.name)
    user.set_password(password)
    return password


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.name)))


def list_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).order_by(Team.name)))
