"""SQLAlchemy models, one module per aggregate. Import from here."""

from .content import ContentVersion
from .practice import Assignment, Attempt, AttemptTurn
from .user import ROLES, ApiToken, Role, Team, User

__all__ = [
    "ROLES",
    "ApiToken",
    "Assignment",
    "Attempt",
    "AttemptTurn",
    "ContentVersion",
    "Role",
    "Team",
    "User",
]
