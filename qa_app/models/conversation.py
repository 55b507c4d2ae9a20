"""Imported customer conversations: who handled them (agents) and their messages, redacted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .user import User, utcnow

FLAGS = ("spam", "system")


class Agent(db.Model):
    """An agent as a conversation file names them (agent id or e-mail), linked to a user when known."""

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The file's agent id as given, or the e-mail in lower case: one record per key.
    external_key: Mapped[str] = mapped_column(String(254), unique=True)
    # Empty until the key matches a user's e-mail or agent id, or a supervisor links one.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Agent {self.external_key}>"


class Conversation(db.Model):
    """One imported conversation; (source, external_id) is its identity, so re-imports add nothing."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_conversations_source_external_id"),
        CheckConstraint("flag IS NULL OR flag IN ('spam', 'system')", name="flag"),
        # The same customer in any letter case: FCR's repeat contacts and the review page (0007).
        Index("ix_conversations_lower_customer", sql_text("lower(customer)")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    external_id: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"), index=True)
    language: Mapped[str | None] = mapped_column(String(10))
    customer: Mapped[str | None] = mapped_column(String(254))  # the file's customer identifier
    subject: Mapped[str | None] = mapped_column(Text)  # redacted
    resolved: Mapped[bool | None]
    flag: Mapped[str | None] = mapped_column(String(10), index=True)  # spam / system / None
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    # UTC without a zone, like every time in the schema; the review queue sorts on it.
    first_message_at: Mapped[datetime | None] = mapped_column(index=True)
    # Set when retention or `kohtaamo erase` replaced its personal data (services/retention.py, 0008).
    anonymised_at: Mapped[datetime | None]

    agent: Mapped[Agent | None] = relationship()
    messages: Mapped[list[ConversationMessage]] = relationship(
        back_populates="conversation", order_by="ConversationMessage.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Conversation {self.source}:{self.external_id}>"


class ConversationMessage(db.Model):
    """One message of an imported conversation, in file order; its text is redacted."""

    __tablename__ = "conversation_messages"
    __table_args__ = (UniqueConstraint("conversation_id", "position", name="uq_conversation_messages_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    position: Mapped[int]
    author: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]  # UTC without a zone
    text: Mapped[str] = mapped_column(Text)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
