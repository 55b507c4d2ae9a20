"""SQLAlchemy models, one module per aggregate. Import from here."""

from .content import ContentVersion
from .conversation import FLAGS, Agent, Conversation, ConversationMessage
from .practice import Assignment, Attempt, AttemptTurn
from .user import ROLES, ApiToken, Role, Team, User

__all__ = [
    "FLAGS",
    "ROLES",
    "Agent",
    "ApiToken",
    "Assignment",
    "Attempt",
    "AttemptTurn",
    "ContentVersion",
    "Conversation",
    "ConversationMessage",
    "Role",
    "Team",
    "User",
]
