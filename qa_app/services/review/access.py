"""SQL versions of the models' permission questions, for lists (the models answer for one object)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true

from ...models import Agent, Conversation, Role, User


def reviewable_conversations(user: User) -> ColumnElement[bool]:
    """Return a condition on Conversation matching models.can_review_conversation(user, c)."""
    if user.role == Role.ADMIN:
        return true()
    if not user.can_review():
        return false()
    unlinked = select(Agent.id).where(Agent.user_id.is_(None))
    conditions = [Conversation.agent_id.in_(unlinked), Conversation.agent_id.is_(None)]
    if user.team_id is not None:
        team_agents = select(Agent.id).join(User, Agent.user_id == User.id).where(User.team_id == user.team_id)
        conditions.append(Conversation.agent_id.in_(team_agents))
    return or_(*conditions)


def own_conversations(user: User) -> ColumnElement[bool]:
    """Return a condition on Conversation matching models.is_agent_of(user, c)."""
    return Conversation.agent_id.in_(select(Agent.id).where(Agent.user_id == user.id))


def is_linked_agent(user: User) -> bool:
    """Tell whether any agent record is linked to the user (they then have reviews of their own)."""
    from ...extensions import db

    return db.session.scalar(select(Agent.id).where(Agent.user_id == user.id).limit(1)) is not None
