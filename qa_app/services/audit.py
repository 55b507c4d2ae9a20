"""Record and read the audit log (qa_app/models/audit.py). No Flask here: the caller passes the
actor, and the web layer sets where requests come from (`origin`, a context variable).

`record` only adds the event to the session; the caller's commit stores it together with the
change it describes, so a change that rolls back leaves no event and an event never describes
a change that did not happen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select

from ..extensions import db
from ..models import AuditEvent, User
from ..models.user import utcnow
from ..origin import Origin, current_origin, origin, reset_origin, set_origin

__all__ = ["ACTIONS", "Origin", "current_origin", "origin", "record", "reset_origin", "set_origin"]

# Every action code the app writes, in the order the admin page offers them as a filter.
ACTIONS = (
    "review.submit",  # a reviewer scores a conversation (details: overrides of AutoQA's scores)
    "review.revise",  # a new revision of a review: score changes, with the reason
    "dispute.raise",  # an agent disputes a criterion (details: criterion; the comment stays in the dispute)
    "dispute.accept",
    "dispute.reject",
    "content.publish",
    "user.create",
    "user.role",  # a user's role changed
    "api_token.create",
    "api_token.revoke",
    "conversations.import",
    "export.quality",
    "export.calibration",
    "export.conversations",
    "export.all",
    "export.audit",
    "retention.run",
    "erase.customer",
    "erase.agent",
)
VIAS = ("web", "api", "cli", "worker", "app")
PAGE_SIZE = 50
_TEXT_MAX = 2000  # reasons are free text; the log keeps a bounded copy


def record(action: str, actor: User | None = None, *, object_type: str | None = None,
           object_id: int | str | None = None, details: Mapping[str, Any] | None = None,
           reason: str | None = None, at: datetime | None = None) -> AuditEvent:
    """Add one event to the session (the caller commits). `actor` None means the system."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    where = current_origin()
    reason = (reason or "").strip()[:_TEXT_MAX] or None
    event = AuditEvent(
        at=at or utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_email=actor.email if actor is not None else None,
        actor_name=actor.name if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id)[:64],
        details_json=json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True, default=str),
        reason=reason,
        via=where.via if where.via in VIAS else "app",
        request_id=(where.request_id or None) and where.request_id[:64],
        address=(where.address or None) and where.address[:64],
    )
    db.session.add(event)
    return event


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class AuditFilter:
    """The admin page's filters; empty values filter nothing."""

    action: str = ""
    actor: str = ""  # part of the actor's e-mail or name, any case
    start: date | None = None
    end: date | None = None  # inclusive

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> AuditFilter:
        action = (args.get("action") or "").strip()
        return cls(
            action=action if action in ACTIONS else "",
            actor=(args.get("actor") or "").strip()[:254],
            start=_date(args.get("start")),
            end=_date(args.get("end")),
        )

    def to_args(self) -> dict[str, str]:
        values = {"action": self.action, "actor": self.actor,
                  "start": self.start.isoformat() if self.start else "",
                  "end": self.end.isoformat() if self.end else ""}
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return bool(self.to_args())


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


def _query(filters: AuditFilter) -> Select:
    query = select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.actor:
        pattern = "%" + filters.actor.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(func.lower(AuditEvent.actor_email).like(pattern, escape="\\"),
                                func.lower(AuditEvent.actor_name).like(pattern, escape="\\")))
    if filters.start:
        query = query.where(AuditEvent.at >= datetime.combine(filters.start, datetime.min.time()))
    if filters.end:
        query = query.where(AuditEvent.at < datetime.combine(filters.end + timedelta(days=1), datetime.min.time()))
    return query


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    page: int
    pages: int
    total: int


def page_of_events(filters: AuditFilter, page: int = 1, per_page: int = PAGE_SIZE) -> AuditPage:
    """Newest first (time, then id); `page` is clamped to the pages there are."""
    total = db.session.scalar(select(func.count()).select_from(_query(filters).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    events = list(db.session.scalars(
        _query(filters).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ))
    return AuditPage(events, page, pages, total)


def iter_events(filters: AuditFilter) -> Iterator[AuditEvent]:
    """Every matching event, newest first, read in batches."""
    yield from db.session.scalars(
        _query(filters).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).execution_options(yield_per=500)
    )


def last_event(action: str, **details: Any) -> AuditEvent | None:
    """The newest event of `action` whose details hold the given values (checked in Python)."""
    for event in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == action)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(50)
    ):
        if all(event.details.get(key) == value for key, value in details.items()):
            return event
    return None


CSV_HEADER = ("id", "at", "actor_id", "actor_email", "actor_name", "action", "object_type", "object_id",
              "details", "reason", "via", "request_id", "address")


def csv_row(event: AuditEvent) -> list[Any]:
    return [event.id, event.at.isoformat(sep=" ", timespec="seconds"), event.actor_id, event.actor_email,
            event.actor_name, event.action, event.object_type, event.object_id, event.details_json,
            event.reason, event.via, event.request_id, event.address]


def shown_value(value: Any) -> str:
    """One detail value as the audit page shows it: figures to two decimals, lists and mappings as
    compact JSON (the stored value keeps its full precision; the CSV export has it)."""

    def rounded(item: Any) -> Any:
        if isinstance(item, float):
            return round(item, 2)
        if isinstance(item, Mapping):
            return {key: rounded(inner) for key, inner in item.items()}
        if isinstance(item, list | tuple):
            return [rounded(inner) for inner in item]
        return item

    item = rounded(value)
    if isinstance(item, dict | list):
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return str(item)
