"""Quality dashboards: load what a user may see, with filters, and let `qa_app.stats.quality`
compute the figures. One query path serves the dashboard, its CSV export and the list of the
conversations behind each number, so a number and its list always agree.

Who sees what follows `models.can_review_conversation`, in SQL: admins every conversation,
supervisors those of their team's agents and of agents not yet linked to a user.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..imports.types import CHANNELS
from ..models import (
    Agent,
    AutoQAResult,
    ContentVersion,
    Conversation,
    Review,
    ReviewRevision,
    Role,
    Team,
    User,
)
from ..stats import quality as core
from ..stats.quality import FactFilter

DEFAULT_WEEKS = 12
PER_PAGE = 50
AgentUser = aliased(User, name="agent_user")


@dataclass(frozen=True)
class QualityFilter:
    """The dashboard's filters (all optional): first-message dates inclusive, team/agent ids as
    text or "none" (no team / no agent record), a channel."""

    date_from: date | None = None
    date_to: date | None = None
    team: str = ""
    channel: str = ""
    agent: str = ""

    def to_args(self) -> dict[str, str]:
        """Return the filters as URL query arguments, empty ones left out."""
        args = {
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "team": self.team, "channel": self.channel, "agent": self.agent,
        }
        return {key: value for key, value in args.items() if value}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FilterOptions:
    """What the filter form offers this user."""

    teams: tuple[Option, ...]
    agents: tuple[Option, ...]
    channels: tuple[str, ...] = CHANNELS


@dataclass(frozen=True)
class Dashboard:
    figures: core.QualityFigures
    filters: QualityFilter
    reviews_total: int  # scored reviews in the filter, spam included: tells "no reviews yet" apart
    criterion_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ListItem:
    facts: core.ConversationFacts
    subject: str | None


@dataclass(frozen=True)
class ConversationPage:
    items: tuple[ListItem, ...]
    total: int
    page: int
    pages: int


# ---------------------------------------------------------------- SQL


def _base(*columns: Any) -> Select:
    """Select `columns` from conversations with their agent, the agent's user and team joined."""
    return (
        select(*columns)
        .select_from(Conversation)
        .outerjoin(Agent, Conversation.agent_id == Agent.id)
        .outerjoin(AgentUser, Agent.user_id == AgentUser.id)
        .outerjoin(Team, AgentUser.team_id == Team.id)
    )


def _permitted(stmt: Select, user: User) -> Select:
    """Keep the conversations `user` may review (can_review_conversation, in SQL)."""
    # On conversations.agent_id (a subquery over the few agents), not on the outer-joined user:
    # PostgreSQL then estimates the share of conversations kept and uses their indexes.
    if user.role == Role.ADMIN:
        return stmt
    if not user.can_review():
        return stmt.where(false())
    kept = AgentUser.id.is_(None)  # agents no user is linked to
    if user.team_id is not None:
        kept = or_(kept, AgentUser.team_id == user.team_id)
    return stmt.where(_agent_where(kept, include_none=True))


def _agent_where(condition: Any, include_none: bool) -> Any:
    """Return "the conversation's agent (user) meets `condition`", on conversations.agent_id;
    `include_none` also keeps conversations without an agent (all of whose joined columns are NULL)."""
    # The few hundred agents are looked up first: PostgreSQL estimates `agent_id IN (list)` from
    # its statistics, where a subquery under OR is guessed at half the table.
    agents = db.session.scalars(
        select(Agent.id).outerjoin(AgentUser, Agent.user_id == AgentUser.id).where(condition).order_by(Agent.id)
    ).all()
    found = Conversation.agent_id.in_(agents) if agents else false()
    return or_(Conversation.agent_id.is_(None), found) if include_none else found


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _filtered(stmt: Select, filters: QualityFilter) -> Select:
    if filters.date_from:
        stmt = stmt.where(Conversation.first_message_at >= _start(filters.date_from))
    if filters.date_to:
        stmt = stmt.where(Conversation.first_message_at < _start(filters.date_to + timedelta(days=1)))
    if filters.channel:
        stmt = stmt.where(Conversation.channel == filters.channel)
    if filters.team == core.NO_TEAM:
        stmt = stmt.where(_agent_where(AgentUser.team_id.is_(None), include_none=True))
    elif filters.team:
        stmt = stmt.where(_agent_where(AgentUser.team_id == _int(filters.team), include_none=False))
    if filters.agent == core.NO_TEAM:
        stmt = stmt.where(Conversation.agent_id.is_(None))
    elif filters.agent:
        stmt = stmt.where(Conversation.agent_id == _int(filters.agent))
    return stmt


def _int(value: str) -> int:
    """Return a filter id as a number; an id that is not one matches nothing."""
    return int(value) if value.isdigit() else -1


def visible_ids(user: User, filters: QualityFilter) -> Select:
    """Return a SELECT of the ids of the conversations `user` may see within `filters`."""
    return _filtered(_permitted(_base(Conversation.id), user), filters)


def _rows(user: User, filters: QualityFilter) -> list[core.ConversationRow]:
    stmt = _filtered(_permitted(_base(
        Conversation.id, Conversation.channel, Conversation.first_message_at, Conversation.agent_id,
        Agent.external_key, AgentUser.name, AgentUser.team_id, Team.name, Conversation.customer,
        Conversation.resolved, Conversation.flag, Conversation.external_id,
    ), user), filters).order_by(Conversation.id)  # a stable order, e.g. of the flagged counts
    rows = []
    for (cid, channel, started, agent_id, agent_key, user_name, team_id, team_name, customer,
         resolved, flag, external_id) in db.session.execute(stmt):
        rows.append(core.ConversationRow(
            id=cid, channel=channel, started_at=started,
            agent_key=str(agent_id) if agent_id is not None else core.NO_TEAM,
            agent_label=user_name or agent_key or "",
            team_key=str(team_id) if team_id is not None else core.NO_TEAM, team_label=team_name or "",
            customer=customer, resolved=resolved, flag=flag, external_id=external_id,
        ))
    return rows


def _criteria(scores_json: str | None) -> dict[str, float | None]:
    """Return {criterion: score, or None for N/A}; unscored criteria are left out."""
    criteria: dict[str, float | None] = {}
    for cid, entry in json.loads(scores_json or "{}").items():
        if isinstance(entry, dict) and entry.get("na"):
            criteria[cid] = None
        elif isinstance(entry, dict) and isinstance(entry.get("score"), int | float):
            criteria[cid] = float(entry["score"])
    return criteria


def _reviews(ids: Select) -> tuple[list[core.ReviewScore], set[int]]:
    """Return each review's newest revision, and the rubric versions the reviews used."""
    # Every revision of the reviews in order, the newest kept here: reviews have one or two, and
    # grouping over the whole revisions table to find the newest made PostgreSQL read all of it.
    stmt = (
        select(Review.id, Review.conversation_id, Review.rubric_version_id, ReviewRevision.overall,
               ReviewRevision.scores_json)
        .join(ReviewRevision, ReviewRevision.review_id == Review.id)
        .where(Review.conversation_id.in_(ids))
        .order_by(Review.id, ReviewRevision.number)
    )
    newest = {row[0]: row for row in db.session.execute(stmt)}
    reviews, rubrics = [], set()
    for review_id, conversation_id, rubric_id, overall, scores_json in newest.values():
        reviews.append(core.ReviewScore(review_id, conversation_id, overall, _criteria(scores_json)))
        rubrics.add(rubric_id)
    return reviews, rubrics


def _autoqa(ids: Select) -> list[core.AutoQAScore]:
    """Return the newest AutoQA result of each conversation."""
    stmt = (
        select(AutoQAResult.conversation_id, AutoQAResult.overall, AutoQAResult.first_response_met,
               AutoQAResult.first_response_target_s)
        .where(AutoQAResult.conversation_id.in_(ids))
        .order_by(AutoQAResult.created_at, AutoQAResult.id)
    )
    newest = {row[0]: core.AutoQAScore(*row) for row in db.session.execute(stmt)}
    return list(newest.values())


def _contacts(ids: Select, filters: QualityFilter) -> list[core.Contact]:
    """Return every counted conversation of the customers in `ids`, whoever handled it: a
    customer who came back through another channel or agent still came back."""
    customers = ids.with_only_columns(func.lower(Conversation.customer)).where(Conversation.customer.is_not(None))
    stmt = select(Conversation.id, Conversation.customer, Conversation.first_message_at).where(
        Conversation.flag.is_(None), Conversation.first_message_at.is_not(None),
        func.lower(Conversation.customer).in_(customers),
    )
    if filters.date_from:
        stmt = stmt.where(Conversation.first_message_at >= _start(filters.date_from))
    if filters.date_to:
        # A return counts within REPEAT_WINDOW after a conversation of the window: later ones never do.
        end = _start(filters.date_to + timedelta(days=1)) + core.REPEAT_WINDOW
        stmt = stmt.where(Conversation.first_message_at <= end)
    return [core.Contact(cid, customer, started) for cid, customer, started in db.session.execute(stmt)]


def data_end() -> datetime | None:
    """Return the newest first message of any conversation: how far the data reaches, for FCR."""
    return db.session.scalar(select(func.max(Conversation.first_message_at)))


def load_facts(user: User, filters: QualityFilter) -> tuple[list[core.ConversationFacts], set[int]]:
    """Return the facts of every conversation `user` may see within `filters`, and the rubric
    versions their reviews used."""
    ids = visible_ids(user, filters)
    reviews, rubrics = _reviews(ids)
    facts = core.build_facts(_rows(user, filters), reviews, _autoqa(ids), _contacts(ids, filters), data_end())
    return facts, rubrics


# ---------------------------------------------------------------- use cases


def criterion_labels(rubric_version_ids: set[int], locale: str) -> dict[str, str]:
    """Return {criterion id: title in `locale`} from the rubric versions reviews used."""
    labels: dict[str, str] = {}
    if not rubric_version_ids:
        return labels
    versions = db.session.scalars(
        select(ContentVersion).where(ContentVersion.id.in_(rubric_version_ids)).order_by(ContentVersion.version.desc())
    )
    for version in versions:
        for criterion in json.loads(version.body_json).get("criteria", []):
            title = criterion.get("title") or {}
            text = (title.get(locale) or title.get("en") or criterion["id"]) if isinstance(title, dict) else str(title)
            labels.setdefault(criterion["id"], text)
    return labels


def dashboard(user: User, filters: QualityFilter, locale: str = "fi", most: int = 10) -> Dashboard:
    """Return every dashboard figure of the conversations `user` may see within `filters`."""
    facts, rubrics = load_facts(user, filters)
    labels = criterion_labels(rubrics, locale)
    return Dashboard(
        figures=core.summarise(facts, labels, most), filters=filters,
        reviews_total=sum(len(fact.review_scores) for fact in facts), criterion_labels=labels,
    )


def conversation_list(
    user: User, filters: QualityFilter, wanted: FactFilter, page: int = 1, per_page: int = PER_PAGE
) -> ConversationPage:
    """Return one page of the conversations behind a dashboard number, with their subjects."""
    facts, _ = load_facts(user, filters)
    found = core.filter_facts(facts, wanted)
    pages = max(1, math.ceil(len(found) / per_page))
    page = min(max(page, 1), pages)
    shown = found[(page - 1) * per_page: page * per_page]
    subjects = dict(db.session.execute(
        select(Conversation.id, Conversation.subject).where(Conversation.id.in_([fact.id for fact in shown]))
    ).all()) if shown else {}
    return ConversationPage(tuple(ListItem(fact, subjects.get(fact.id)) for fact in shown), len(found), page, pages)


def filter_options(user: User) -> FilterOptions:
    """Return the teams and agents `user` may filter by."""
    if user.role == Role.ADMIN:
        teams = db.session.execute(select(Team.id, Team.name).order_by(Team.name)).all()
    elif user.team_id is not None:
        teams = db.session.execute(select(Team.id, Team.name).where(Team.id == user.team_id)).all()
    else:
        teams = []
    agents = db.session.execute(
        _permitted(_base(Agent.id, Agent.external_key, AgentUser.name), user)
        .where(Agent.id.is_not(None)).distinct()
    ).all()
    return FilterOptions(
        teams=tuple(Option(str(tid), name) for tid, name in teams),
        agents=tuple(sorted((Option(str(aid), name or key) for aid, key, name in agents), key=lambda o: o.label.casefold())),
    )


def default_period(user: User, weeks: int = DEFAULT_WEEKS) -> tuple[date | None, date | None]:
    """Return the `weeks` weeks up to the newest conversation `user` may see, or (None, None)."""
    # On conversations alone (the permission as a subquery on agents), PostgreSQL reads the newest
    # rows from ix_conversations_first_message_at instead of scanning every conversation.
    if not user.can_review():
        return None, None
    stmt = _permitted(select(func.max(Conversation.first_message_at)), user)
    newest = db.session.scalar(stmt)
    if newest is None:
        return None, None
    return newest.date() - timedelta(weeks=weeks) + timedelta(days=1), newest.date()


def has_conversations(user: User) -> bool:
    """Whether `user` may see any conversation at all (for the empty state)."""
    return db.session.scalar(_permitted(_base(Conversation.id), user).limit(1)) is not None


def table_rows(figures: core.QualityFigures, headers: dict[str, str]) -> list[list[Any]]:
    """Return the dashboard tables as CSV rows: a header row, then one row per group and criterion.

    `headers` gives the (translated) column titles and section names: keys "section", "group",
    "conversations", "reviewed", "reviews", "iqs", "fcr", "resolved", "unresolved", "unknown",
    "compliance", "met", "missed", "autoqa", "na", "difference", "all", "agent", "team", "channel",
    "week", "criterion", "histogram", "differs", "none". In the histogram rows the group is the
    range of AutoQA minus human; in the differs-most rows it is the conversation's id in its file.
    """
    columns = ["section", "group", "conversations", "reviewed", "reviews", "iqs", "fcr", "resolved",
               "unresolved", "unknown", "compliance", "met", "missed", "autoqa", "na", "difference"]
    blank = [None] * (len(columns) - 2)
    rows: list[list[Any]] = [[headers[column] for column in columns]]

    def group_row(section: str, group: core.GroupFigures) -> list[Any]:
        label = group.label or headers["none"]
        return [headers[section], label, group.conversations, group.reviewed, group.reviews, group.iqs,
                group.fcr.percent, group.fcr.hits, group.fcr.misses, group.fcr.unknown,
                group.compliance.percent, group.compliance.hits, group.compliance.misses, group.autoqa, None, None]

    rows.append(group_row("all", figures.total))
    for section, groups in (("agent", figures.agents), ("team", figures.teams),
                            ("channel", figures.channels), ("week", figures.weeks)):
        rows.extend(group_row(section, group) for group in groups)
    for criterion in figures.criteria:
        rows.append([headers["criterion"], criterion.label, criterion.conversations, criterion.conversations,
                     criterion.scored, criterion.mean, None, None, None, None, None, None, None, None, criterion.na, None])
    for bin_ in figures.agreement.histogram:
        closing = "]" if bin_.high >= 100 else ")"  # interval notation: no cell starts with a minus
        rows.append([headers["histogram"], f"[{bin_.low}, {bin_.high}{closing}", bin_.count, *blank[1:]])
    for fact in figures.agreement.differs_most:
        row = [headers["differs"], fact.row.external_id, 1, 1, len(fact.review_scores), fact.human, *blank[4:]]
        row[columns.index("autoqa")], row[columns.index("difference")] = fact.autoqa, fact.diff
        rows.append(row)
    return rows
