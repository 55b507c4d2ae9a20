"""The audit log: an append-only record of who did what, when, why and from where.

Rows are only ever inserted. The ORM refuses to update or delete one, and migration 0008 adds
database triggers that refuse UPDATE and DELETE on both SQLite and PostgreSQL.

The actor is stored as an id *and* a copy of their e-mail and name at the time. The id is not a
foreign key, so deleting a user cannot fail or cascade into the trail. Erasing someone's
personal data (`kohtaamo erase`) does not rewrite their copy either. The log is the
controller's own record of how personal data was handled (GDPR Art. 5(2) accountability) and is
kept for that reason (Art. 17(3)(b), (e)). For the same reason events never store message text
or customer identifiers: `details` holds ids, counts, scores and settings only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Index, String, Text, event
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .user import utcnow


class AuditLogImmutable(RuntimeError):
    """Code tried to change or delete an audit event (a programming error, never the caller's)."""


class AuditEvent(db.Model):
    """One thing that happened: actor, time, action code, object, details, reason, origin."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_action_at", "action", "at"),
        Index("ix_audit_events_actor_id_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # UTC without a zone
    # No foreign key: the trail outlives the user record. None: the system (CLI, worker).
    actor_id: Mapped[int | None]
    actor_email: Mapped[str | None] = mapped_column(String(254))
    actor_name: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60))  # e.g. "review.revise" (see services/audit.py)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details_json: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str | None] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(10), default="app")  # web / api / cli / worker / app
    request_id: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))

    @property
    def details(self) -> dict[str, Any]:
        data = json.loads(self.details_json or "{}")
        return data if isinstance(data, dict) else {}

    @property
    def actor_label(self) -> str:
        return self.actor_email or self.actor_name or ""

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action}>"


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target) -> None:  # noqa: ARG001
    raise AuditLogImmutable("audit events are append-only")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:  # noqa: ARG001
    raise AuditLogImmutable("audit events are append-only")


@contextmanager
def append_only_lifted(connection: Connection) -> Iterator[None]:
    """Let the caller delete audit rows inside its own transaction, then guard the table again.

    Only for replacing a whole database from a backup (and for emptying the test database). On
    an error the caller's rollback restores the triggers too: DDL is transactional on both
    PostgreSQL and SQLite, so the triggers are never left off.
    """
    if connection.dialect.name == "postgresql":
        if connection.execute(sql_text("SELECT current_setting('is_superuser')")).scalar() == "on":
            # No table lock (ALTER TABLE waits for every open transaction that read the table);
            # foreign keys are triggers too, so they are checked again right after.
            connection.execute(sql_text("SET LOCAL session_replication_role = replica"))
            yield
            connection.execute(sql_text("SET LOCAL session_replication_role = origin"))
        else:  # the table's owner may switch its triggers off inside the transaction
            connection.execute(sql_text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
            yield
            connection.execute(sql_text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
    elif connection.dialect.name == "sqlite":
        # pysqlite opens a transaction only before a write, not before DDL: without this BEGIN,
        # DROP TRIGGER would commit at once and a failed caller would leave the table unguarded.
        if not connection.connection.driver_connection.in_transaction:
            connection.exec_driver_sql("BEGIN")
        triggers = connection.execute(sql_text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
        )).all()
        for name, _sql in triggers:
            connection.execute(sql_text(f'DROP TRIGGER "{name}"'))
        yield
        for _name, sql in triggers:
            connection.execute(sql_text(sql))
    else:
        yield
