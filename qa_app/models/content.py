"""Content versions as used: a score always points at the exact rubric/scenario it was made with."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .user import utcnow


class ContentVersion(db.Model):
    """An immutable snapshot of a scenario or rubric version, stored the first time it is used."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "content_id", "version", name="uq_content_versions_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "scenario" or "rubric"
    content_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    body_json: Mapped[str] = mapped_column(Text)  # the parsed file, so old results can be shown as they were
    first_used_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<ContentVersion {self.kind} {self.content_id} v{self.version}>"
