"""Demo data so that a new user can log in and look around at once."""

from __future__ import annotations

import secrets

from ..extensions import db
from ..models import User
from . import users as user_service

DEMO_TEAM = "Asiakaspalvelu Helsinki"
DEMO_USERS = (
    ("oppija@example.com", "Olli Oppija", "learner"),
    ("learner2@example.com", "Lea Learner", "learner"),
    ("esihenkilo@example.com", "Sanna Esihenkilö", "supervisor"),
    ("kouluttaja@example.com", "Kalle Kouluttaja", "trainer"),
    ("admin@example.com", "Aino Admin", "admin"),
)


class DemoAlreadyLoaded(ValueError):
    """The demo users exist already."""


def load_demo(password: str | None = None) -> list[tuple[User, str]]:
    """Create the demo team and one user per role; return users with their passwords."""
    if user_service.find_user(DEMO_USERS[0][0]) is not None:
        raise DemoAlreadyLoaded("demo data is already loaded (demo users exist)")
    created = []
    for email, name, role in DEMO_USERS:
        plain = password or f"demo-{secrets.token_urlsafe(6)}"
        user, plain = user_service.create_user(email, name, role, plain, DEMO_TEAM, locale=None)
        created.append((user, plain))
    db.session.commit()
    return created
