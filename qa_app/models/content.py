"""Content versions: every scenario and rubric version lives here, as a draft or published.

A score always points at the exact published version it was made with. Published versions are
never changed (the content service refuses it, see `services/content_versions.py`); a change is
a new version whose `parent_id` names the version it was made from.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .user import User, utcnow

DRAFT = "draft"
PUBLISHED = "published"
STATUSES = (DRAFT, PUBLISHED)


class ContentVersion(db.Model):
    """One version of a scenario or rubric: an editable draft, or an immutable published version."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "content_id", "version", name="uq_content_versions_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "scenario" or "rubric"
    content_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    body_json: Mapped[str] = mapped_column(Text)  # the parsed file, so old results can be shown as they were
    # The YAML as the trainer or the file wrote it (comments, order), so export gives it back;
    # None for versions stored before 0005, which export from body_json instead.
    source_yaml: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=PUBLISHED, server_default=PUBLISHED, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("content_versions.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None]
    first_used_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the row was stored

    parent: Mapped[ContentVersion | None] = relationship(remote_side=[id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def can_view(self, user: User) -> bool:
        """Published versions are for everyone logged in; drafts only for trainers and admins."""
        return self.is_published or user.can_author()

    def can_edit(self, user: User) -> bool:
        """Only trainers and admins edit, and only drafts: a published version never changes."""
        return self.is_draft and user.can_author()

    def __repr__(self) -> str:
        return f"<ContentVersion {self.kind} {self.content_id} v{self.version} {self.status}>"
