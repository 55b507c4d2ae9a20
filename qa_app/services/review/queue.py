"""The review queue: supervisors' sampling rules fill reviewers' assignments, with done/remaining counts."""

from __future__ import annotations

import json
import math
import random
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import (
    SAMPLING_KINDS,
    Agent,
    AutoQAResult,
    Conversation,
    Review,
    ReviewAssignment,
    Role,
    SamplingRule,
    User,
    can_review_conversation,
    is_agent_of,
)
from .access import reviewable_conversations
from .errors import ReviewInputError, ReviewNotFound

CHANNELS = ("chat", "email", "social", "phone")
MAX_COUNT = 1000


@dataclass(frozen=True)
class RuleInput:
    """A sampling rule as a supervisor fills it in; `share` is a fraction (0.1 is 10 %)."""

    name: str
    kind: str
    share: float | None = None
    count: int | None = None
    team_id: int | None = None
    channel: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    reviewer_id: int | None = None
    seed: int | None = None


@dataclass(frozen=True)
class QueueCount:
    """Done and remaining assignments of one reviewer from one rule (None: assigned by hand)."""

    reviewer: User
    rule: SamplingRule | None
    done: int
    remaining: int


@dataclass(frozen=True)
class QueueItem:
    """An open assignment with what the queue shows about its conversation."""

    assignment: ReviewAssignment
    conversation: Conversation
    autoqa_overall: float | None


@dataclass(frozen=True)
class ApplyReport:
    created: dict[int, int]  # rule id -> assignments created

    @property
    def total(self) -> int:
        return sum(self.created.values())


# ------------------------------------------------------------------ rules


def rules_for(user: User) -> list[SamplingRule]:
    query = select(SamplingRule).order_by(SamplingRule.active.desc(), SamplingRule.created_at, SamplingRule.id)
    if user.role != Role.ADMIN:
        if not user.can_review():
            return []
        mine = SamplingRule.created_by_id == user.id
        query = query.where(or_(mine, SamplingRule.team_id == user.team_id) if user.team_id else mine)
    return list(db.session.scalars(query))


def load_rule(rule_id: int, user: User) -> SamplingRule:
    rule = db.session.get(SamplingRule, rule_id)
    if rule is None or not rule.can_manage(user):
        raise ReviewNotFound(f"sampling rule {rule_id}")
    return rule


def reviewers_for(user: User) -> list[User]:
    """Who the user may assign reviews to: supervisors and admins of their team (admins: anyone's)."""
    query = select(User).where(User.active.is_(True), User.role.in_((Role.SUPERVISOR.value, Role.ADMIN.value)))
    if user.role != Role.ADMIN:
        query = query.where(or_(User.id == user.id, User.team_id == user.team_id) if user.team_id else User.id == user.id)
    return list(db.session.scalars(query.order_by(User.name, User.id)))


def create_rule(creator: User, data: RuleInput) -> SamplingRule:
    """Check and store a sampling rule; a supervisor's rules always cover their own team."""
    if not creator.can_review():
        raise ReviewNotFound("sampling rules")
    errors = _rule_errors(creator, data)
    if errors:
        raise ReviewInputError(errors)
    params: dict[str, object] = {}
    if data.kind == "random_share":
        params["share"] = float(data.share or 0)
    elif data.count is not None:
        params["count"] = int(data.count)
    if data.channel:
        params["channel"] = data.channel
    if data.date_from:
        params["date_from"] = data.date_from.isoformat()
    if data.date_to:
        params["date_to"] = data.date_to.isoformat()
    team_id = data.team_id if creator.role == Role.ADMIN else creator.team_id
    rule = SamplingRule(
        name=data.name.strip(), kind=data.kind, params_json=json.dumps(params, sort_keys=True),
        team_id=team_id, reviewer_id=data.reviewer_id, created_by_id=creator.id, active=True,
        seed=data.seed if data.seed is not None else secrets.randbelow(2**31),
    )
    db.session.add(rule)
    db.session.commit()
    return rule


def _rule_errors(creator: User, data: RuleInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = "name_required"
    if data.kind not in SAMPLING_KINDS:
        errors["kind"] = "unknown_kind"
    elif data.kind == "random_share" and (data.share is None or not 0 < data.share <= 1):
        errors["share"] = "share_range"
    elif data.kind in ("lowest_autoqa", "longest_handling") and (data.count is None or not 1 <= data.count <= MAX_COUNT):
        errors["count"] = "count_range"
    elif data.kind == "escalated_negative" and data.count is not None and not 1 <= data.count <= MAX_COUNT:
        errors["count"] = "count_range"
    if data.channel and data.channel not in CHANNELS:
        errors["channel"] = "unknown_channel"
    if data.date_from and data.date_to and data.date_to < data.date_from:
        errors["date_to"] = "date_order"
    if data.reviewer_id is not None and data.reviewer_id not in {u.id for u in reviewers_for(creator)}:
        errors["reviewer_id"] = "reviewer_not_allowed"
    return errors


def set_rule_active(rule: SamplingRule, user: User, active: bool) -> SamplingRule:
    """Pause or resume a rule; its assignments stay (they may already be reviewed)."""
    if not rule.can_manage(user):
        raise ReviewNotFound(f"sampling rule {rule.id}")
    rule.active = active
    db.session.commit()
    return rule


# ------------------------------------------------------------------ applying rules


def apply_rules(user: User, rules: Iterable[SamplingRule] | None = None) -> ApplyReport:
    """Apply the user's active rules (or the given ones); create missing assignments, never twice."""
    chosen = [r for r in (rules if rules is not None else rules_for(user)) if r.active and r.can_manage(user)]
    created = {rule.id: _apply(rule) for rule in chosen}
    db.session.commit()
    return ApplyReport(created)


def _apply(rule: SamplingRule) -> int:
    reviewer = rule.reviewer or rule.created_by
    selected = select_conversations(rule)
    assigned = set(db.session.scalars(select(ReviewAssignment.conversation_id).where(
        ReviewAssignment.conversation_id.in_([c.id for c in selected]))))
    created = 0
    for conversation in selected:
        if (conversation.id in assigned or not can_review_conversation(reviewer, conversation)
                or is_agent_of(reviewer, conversation)):
            continue
        db.session.add(ReviewAssignment(conversation_id=conversation.id, reviewer_id=reviewer.id,
                                        rule_id=rule.id, status="open"))
        assigned.add(conversation.id)
        created += 1
    db.session.flush()
    return created


def select_conversations(rule: SamplingRule) -> list[Conversation]:
    """Return the conversations the rule picks (already assigned ones included; reviewed ones not)."""
    params = rule.params
    reviewer = rule.reviewer or rule.created_by
    base = _candidates(rule, reviewer)
    unreviewed = ~exists().where(Review.conversation_id == Conversation.id)
    latest = _latest_autoqa()
    if rule.kind == "random_share":
        return _random_share(rule, list(db.session.scalars(base.order_by(Conversation.id))), float(params.get("share", 0)))
    if rule.kind == "lowest_autoqa":
        query = (base.join(latest, latest.c.conversation_id == Conversation.id)
                 .join(AutoQAResult, AutoQAResult.id == latest.c.id)
                 .where(unreviewed, AutoQAResult.overall.is_not(None))
                 .order_by(AutoQAResult.overall, Conversation.id))
        return list(db.session.scalars(query.limit(int(params.get("count", 0)))))
    if rule.kind == "longest_handling":
        query = (base.join(latest, latest.c.conversation_id == Conversation.id)
                 .join(AutoQAResult, AutoQAResult.id == latest.c.id)
                 .where(unreviewed, AutoQAResult.handling_s.is_not(None))
                 .order_by(AutoQAResult.handling_s.desc(), Conversation.id))
        return list(db.session.scalars(query.limit(int(params.get("count", 0)))))
    if rule.kind == "escalated_negative":
        query = (base.join(latest, latest.c.conversation_id == Conversation.id)
                 .join(AutoQAResult, AutoQAResult.id == latest.c.id)
                 .where(unreviewed, or_(AutoQAResult.escalated.is_(True), AutoQAResult.customer_negative.is_(True)))
                 .order_by(Conversation.first_message_at, Conversation.id))
        if params.get("count"):
            query = query.limit(int(params["count"]))
        return list(db.session.scalars(query))
    raise ReviewInputError({"kind": "unknown_kind"})


def _latest_autoqa():
    return (select(AutoQAResult.conversation_id, func.max(AutoQAResult.id).label("id"))
            .group_by(AutoQAResult.conversation_id).subquery())


def _candidates(rule: SamplingRule, reviewer: User) -> Select:
    """Conversations in the rule's filters the reviewer may review; spam and system mail never."""
    params = rule.params
    query = (select(Conversation).where(Conversation.flag.is_(None), reviewable_conversations(reviewer))
             .options(selectinload(Conversation.agent).selectinload(Agent.user)))
    if rule.team_id is not None:
        team_agents = select(Agent.id).join(User, Agent.user_id == User.id).where(User.team_id == rule.team_id)
        query = query.where(Conversation.agent_id.in_(team_agents))
    if params.get("channel"):
        query = query.where(Conversation.channel == params["channel"])
    if params.get("date_from"):
        start = datetime.combine(date.fromisoformat(params["date_from"]), time.min)
        query = query.where(Conversation.first_message_at >= start)
    if params.get("date_to"):
        end = datetime.combine(date.fromisoformat(params["date_to"]) + timedelta(days=1), time.min)
        query = query.where(Conversation.first_message_at < end)
    return query


def iso_week(conversation: Conversation) -> tuple[int, int]:
    moment = conversation.first_message_at or conversation.imported_at
    year, week, _ = moment.isocalendar()
    return year, week


def _random_share(rule: SamplingRule, conversations: Sequence[Conversation], share: float) -> list[Conversation]:
    """Pick ceil(share × n) of each agent's conversations per ISO week, reproducibly from the rule's seed.

    The pick is made over the whole group (reviewed ones included), so applying the rule again,
    or after reviews, picks the same conversations; reviewed ones are then left out.
    """
    groups: dict[tuple[str, int, int], list[Conversation]] = defaultdict(list)
    for conversation in conversations:
        agent = conversation.agent.external_key if conversation.agent else ""
        groups[(agent, *iso_week(conversation))].append(conversation)
    reviewed = set(db.session.scalars(select(Review.conversation_id).where(
        Review.conversation_id.in_([c.id for c in conversations]))))
    picked = []
    for (agent, year, week), group in sorted(groups.items()):
        rng = random.Random(f"{rule.seed}:{agent}:{year}-W{week:02d}")
        ordered = sorted(group, key=lambda c: (c.source, c.external_id))
        take = min(len(ordered), math.ceil(share * len(ordered) - 1e-9))
        picked.extend(c for c in rng.sample(ordered, take) if c.id not in reviewed)
    return picked


# ------------------------------------------------------------------ what the queue shows


def queue_for(user: User, status: str = "open") -> list[QueueItem]:
    """The user's own assignments (open by default), oldest conversation first."""
    # The newest result per assignment (an index lookup each), not grouped over every result.
    latest_overall = (select(AutoQAResult.overall)
                      .where(AutoQAResult.conversation_id == ReviewAssignment.conversation_id)
                      .order_by(AutoQAResult.id.desc()).limit(1).correlate(ReviewAssignment).scalar_subquery())
    query = (select(ReviewAssignment, latest_overall)
             .join(ReviewAssignment.conversation)
             .where(ReviewAssignment.reviewer_id == user.id, ReviewAssignment.status == status)
             .order_by(Conversation.first_message_at, ReviewAssignment.id))
    return [QueueItem(a, a.conversation, overall) for a, overall in db.session.execute(query)]


def queue_counts(user: User) -> list[QueueCount]:
    """Done and remaining per reviewer and rule: the user's own, and those of rules they manage."""
    managed = [r.id for r in rules_for(user)]
    query = (select(ReviewAssignment.reviewer_id, ReviewAssignment.rule_id, ReviewAssignment.status, func.count())
             .where(or_(ReviewAssignment.reviewer_id == user.id, ReviewAssignment.rule_id.in_(managed)))
             .group_by(ReviewAssignment.reviewer_id, ReviewAssignment.rule_id, ReviewAssignment.status))
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(lambda: {"open": 0, "done": 0})
    for reviewer_id, rule_id, status, number in db.session.execute(query):
        counts[(reviewer_id, rule_id)][status] = number
    rows = []
    for (reviewer_id, rule_id), by_status in counts.items():
        reviewer = db.session.get(User, reviewer_id)
        rule = db.session.get(SamplingRule, rule_id) if rule_id else None
        rows.append(QueueCount(reviewer, rule, by_status.get("done", 0), by_status.get("open", 0)))
    return sorted(rows, key=lambda r: (r.reviewer.name, r.rule.name if r.rule else ""))
