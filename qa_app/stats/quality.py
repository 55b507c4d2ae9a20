"""Quality figures of reviewed conversations: IQS, first-contact resolution, AutoQA against human
scores and response-time compliance, with the count behind every figure. Pure: plain dataclasses
in, frozen figures out; no Flask, no database.

Definitions (the dashboard and docs/quality-dashboards.md say the same):
- IQS (internal quality score): the mean of the overall scores of human reviews, each review
  counted once with its newest revision. A review whose overall is empty (everything N/A) is left
  out. A criterion's mean is the mean of that criterion's scores in the same revisions, N/A left out.
- First-contact resolution (FCR): a conversation is resolved at first contact when the file says
  `resolved: true`, and not when it says `false`. Without the field, it is not resolved when the
  same customer (any channel) contacts again within 7 days after it, and resolved when they do not
  and 7 days of later data exist. Otherwise (no customer identifier, or the 7 days not yet over
  in the data) it is unknown and left out of the rate.
- AutoQA against human: per conversation, AutoQA's overall minus the mean of its human reviews'
  overalls (positive: AutoQA scored higher).
- Response-time compliance: the share of conversations whose first reply met the channel's
  target, among those with a target (phone has no reply timer and is not counted).
- Spam and system notifications are left out of every figure; they are only counted.
- Weeks are ISO 8601 weeks of the conversation's first message (UTC), e.g. "2026-W49".
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import fmean

REPEAT_WINDOW = timedelta(days=7)
FCR_STATUSES = ("resolved", "unresolved", "unknown")
# Why a conversation has its FCR status: the file's field, a repeat contact, none in 7 days,
# no customer to follow, or fewer than 7 days of data after it.
FCR_BASES = ("field", "repeat", "no_repeat", "no_customer", "window_open")
DIFF_BIN_WIDTH = 10
DIFF_BINS = tuple((low, low + DIFF_BIN_WIDTH) for low in range(-100, 100, DIFF_BIN_WIDTH))
NO_TEAM = "none"  # the group key of agents not linked to a user with a team


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """One conversation as the dashboard needs it."""

    id: int
    channel: str
    started_at: datetime | None
    agent_key: str = NO_TEAM  # the agent record's id as text; "none" without an agent
    agent_label: str = ""
    team_key: str = NO_TEAM  # the agent's user's team id as text; "none" when unlinked
    team_label: str = ""
    customer: str | None = None
    resolved: bool | None = None
    flag: str | None = None  # "spam", "system" or None
    external_id: str = ""


@dataclass(frozen=True, slots=True)
class ReviewScore:
    """A human review's newest revision: overall and criterion scores (None for N/A)."""

    review_id: int
    conversation_id: int
    overall: float | None
    criteria: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AutoQAScore:
    """A conversation's (newest) AutoQA result."""

    conversation_id: int
    overall: float | None
    first_response_met: bool | None = None
    first_response_target_s: float | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """Any non-flagged conversation of a customer, visible or not: it only tells that they came back."""

    conversation_id: int
    customer: str
    started_at: datetime


# ---------------------------------------------------------------- per conversation


@dataclass(frozen=True, slots=True)
class ConversationFacts:
    """Everything the figures count about one conversation; the conversation list filters these."""

    row: ConversationRow
    week: str | None
    review_scores: tuple[float, ...]  # overall of each review (newest revision), empties left out
    criterion_scores: tuple[tuple[str, float], ...]  # (criterion, score) of every review, N/A left out
    criterion_na: tuple[str, ...]  # criteria marked N/A, once per review
    autoqa: float | None
    fcr: str  # FCR_STATUSES
    fcr_basis: str  # FCR_BASES
    compliance: str | None  # "met", "missed" or None (no target, no AutoQA)

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def counted(self) -> bool:
        """Spam and system notifications are left out of every figure."""
        return self.row.flag is None

    @property
    def human(self) -> float | None:
        return fmean(self.review_scores) if self.review_scores else None

    @property
    def diff(self) -> float | None:
        """AutoQA minus human, when both exist."""
        human = self.human
        return None if self.autoqa is None or human is None else self.autoqa - human


def iso_week(moment: datetime | None) -> str | None:
    """Return the ISO 8601 week of `moment` as "2026-W49"."""
    if moment is None:
        return None
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def _customer_key(customer: str | None) -> str | None:
    key = (customer or "").strip().casefold()
    return key or None


class _RepeatIndex:
    """The start times of each customer's contacts, sorted, to find a return within 7 days."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        times: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
        for contact in contacts:
            key = _customer_key(contact.customer)
            if key is not None:
                times[key].append((contact.started_at, contact.conversation_id))
        self._times = {key: sorted(values) for key, values in times.items()}

    def came_back(self, customer: str, after: datetime, conversation_id: int) -> bool:
        """Whether the customer started another conversation in (after, after + 7 days]."""
        times = self._times.get(customer, [])
        start = bisect.bisect_right(times, (after, float("inf")))
        for moment, other_id in times[start:]:
            if moment > after + REPEAT_WINDOW:
                return False
            if other_id != conversation_id:
                return True
        return False


def fcr_status(row: ConversationRow, repeats: _RepeatIndex, as_of: datetime | None) -> tuple[str, str]:
    """Return (status, basis) of one conversation's first-contact resolution."""
    if row.resolved is not None:
        return ("resolved" if row.resolved else "unresolved"), "field"
    customer = _customer_key(row.customer)
    if customer is None or row.started_at is None:
        return "unknown", "no_customer"
    if repeats.came_back(customer, row.started_at, row.id):
        return "unresolved", "repeat"
    if as_of is not None and row.started_at + REPEAT_WINDOW <= as_of:
        return "resolved", "no_repeat"
    return "unknown", "window_open"


def _compliance(autoqa: AutoQAScore | None) -> str | None:
    if autoqa is None or autoqa.first_response_target_s is None or autoqa.first_response_met is None:
        return None
    return "met" if autoqa.first_response_met else "missed"


def build_facts(
    conversations: Iterable[ConversationRow],
    reviews: Iterable[ReviewScore] = (),
    autoqa: Iterable[AutoQAScore] = (),
    contacts: Iterable[Contact] = (),
    as_of: datetime | None = None,
) -> list[ConversationFacts]:
    """Join conversations with their reviews, AutoQA and the customer's later contacts.

    `as_of` is the end of the data: a conversation without a `resolved` field whose 7 days after
    it are not over by then has an unknown FCR. `contacts` must include the conversations
    themselves' later contacts, from any channel, team or agent.
    """
    by_conversation: dict[int, list[ReviewScore]] = defaultdict(list)
    for review in reviews:
        by_conversation[review.conversation_id].append(review)
    autoqa_by_conversation = {result.conversation_id: result for result in autoqa}
    repeats = _RepeatIndex(contacts)
    facts = []
    for row in conversations:
        own = sorted(by_conversation.get(row.id, []), key=lambda review: review.review_id)
        scored = [(cid, float(score)) for review in own for cid, score in review.criteria.items() if score is not None]
        result = autoqa_by_conversation.get(row.id)
        status, basis = fcr_status(row, repeats, as_of)
        facts.append(ConversationFacts(
            row=row,
            week=iso_week(row.started_at),
            review_scores=tuple(float(review.overall) for review in own if review.overall is not None),
            criterion_scores=tuple(scored),
            criterion_na=tuple(cid for review in own for cid, score in review.criteria.items() if score is None),
            autoqa=None if result is None or result.overall is None else float(result.overall),
            fcr=status,
            fcr_basis=basis,
            compliance=_compliance(result),
        ))
    return facts


# ---------------------------------------------------------------- figures


@dataclass(frozen=True, slots=True)
class Rate:
    """A share with the counts behind it: `hits` of `total`, and `unknown` left out."""

    hits: int
    total: int
    unknown: int = 0

    @property
    def misses(self) -> int:
        return self.total - self.hits

    @property
    def percent(self) -> float | None:
        return 100.0 * self.hits / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """The figures of one agent, team, channel or week, with their counts."""

    key: str
    label: str
    conversations: int  # counted (not spam/system)
    reviewed: int  # conversations with at least one scored review
    reviews: int  # scored reviews (the IQS's n)
    iqs: float | None
    autoqa: float | None  # mean AutoQA overall
    autoqa_n: int
    fcr: Rate
    compliance: Rate


@dataclass(frozen=True, slots=True)
class CriterionFigures:
    """One criterion's mean over review revisions, N/A left out."""

    key: str
    label: str
    mean: float | None
    scored: int
    na: int
    conversations: int  # conversations where a review scored it


@dataclass(frozen=True, slots=True)
class DiffBin:
    """Conversations whose AutoQA-minus-human difference is in [low, high) (the last bin includes 100)."""

    low: int
    high: int
    count: int


@dataclass(frozen=True, slots=True)
class Agreement:
    """AutoQA against human reviews over the conversations that have both."""

    pairs: int
    mean_diff: float | None
    mean_abs_diff: float | None
    within_10: Rate  # |difference| <= 10 points
    histogram: tuple[DiffBin, ...]
    differs_most: tuple[ConversationFacts, ...]


@dataclass(frozen=True, slots=True)
class QualityFigures:
    """The whole dashboard."""

    total: GroupFigures
    flagged: Mapping[str, int]  # spam / system: left out, only counted
    agents: tuple[GroupFigures, ...]
    teams: tuple[GroupFigures, ...]
    channels: tuple[GroupFigures, ...]
    weeks: tuple[GroupFigures, ...]  # oldest first: the trend series
    criteria: tuple[CriterionFigures, ...]
    agreement: Agreement

    @property
    def empty(self) -> bool:
        return self.total.conversations == 0


def _mean(values: Sequence[float]) -> float | None:
    return fmean(values) if values else None


def group_figures(key: str, label: str, facts: Sequence[ConversationFacts]) -> GroupFigures:
    """Return the figures of `facts` (already without spam and system notifications)."""
    scores = [score for fact in facts for score in fact.review_scores]
    autoqa = [fact.autoqa for fact in facts if fact.autoqa is not None]
    fcr_known = [fact for fact in facts if fact.fcr != "unknown"]
    measured = [fact for fact in facts if fact.compliance is not None]
    return GroupFigures(
        key=key, label=label, conversations=len(facts),
        reviewed=sum(1 for fact in facts if fact.review_scores), reviews=len(scores), iqs=_mean(scores),
        autoqa=_mean(autoqa), autoqa_n=len(autoqa),
        fcr=Rate(sum(1 for fact in fcr_known if fact.fcr == "resolved"), len(fcr_known), len(facts) - len(fcr_known)),
        compliance=Rate(sum(1 for fact in measured if fact.compliance == "met"), len(measured)),
    )


def _grouped(
    facts: Sequence[ConversationFacts], key: Callable[[ConversationFacts], tuple[str, str] | None]
) -> list[GroupFigures]:
    groups: dict[str, list[ConversationFacts]] = defaultdict(list)
    labels: dict[str, str] = {}
    for fact in facts:
        found = key(fact)
        if found is not None:
            groups[found[0]].append(fact)
            labels[found[0]] = found[1]
    return [group_figures(k, labels[k], members) for k, members in groups.items()]


def criterion_figures(facts: Sequence[ConversationFacts], labels: Mapping[str, str]) -> list[CriterionFigures]:
    """Return each criterion's mean, in the order of `labels` and then by id."""
    scores: dict[str, list[float]] = defaultdict(list)
    na: dict[str, int] = defaultdict(int)
    conversations: dict[str, set[int]] = defaultdict(set)
    for fact in facts:
        for cid, score in fact.criterion_scores:
            scores[cid].append(score)
            conversations[cid].add(fact.id)
        for cid in fact.criterion_na:
            na[cid] += 1
    order = list(labels) + sorted((set(scores) | set(na)) - set(labels))
    return [
        CriterionFigures(cid, labels.get(cid, cid), _mean(scores[cid]), len(scores[cid]), na[cid], len(conversations[cid]))
        for cid in order if scores.get(cid) or na.get(cid)
    ]


def diff_bin(diff: float) -> tuple[int, int]:
    """Return the fixed bin [low, high) of a difference; the last bin includes 100."""
    for low, high in DIFF_BINS:
        if diff < high:
            return low, high
    return DIFF_BINS[-1]


def agreement(facts: Sequence[ConversationFacts], most: int = 10) -> Agreement:
    """Compare AutoQA with human reviews over the conversations that have both."""
    paired = [fact for fact in facts if fact.diff is not None]
    diffs = [fact.diff for fact in paired]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for diff in diffs:
        counts[diff_bin(diff)] += 1
    return Agreement(
        pairs=len(paired),
        mean_diff=_mean(diffs),
        mean_abs_diff=_mean([abs(diff) for diff in diffs]),
        within_10=Rate(sum(1 for diff in diffs if abs(diff) <= 10), len(diffs)),
        histogram=tuple(DiffBin(low, high, counts[(low, high)]) for low, high in DIFF_BINS),
        differs_most=tuple(differs_most(paired, most)),
    )


def differs_most(facts: Iterable[ConversationFacts], count: int) -> list[ConversationFacts]:
    """Return the `count` conversations where AutoQA and humans differ most (ties: lower id first)."""
    paired = [fact for fact in facts if fact.diff is not None]
    return sorted(paired, key=lambda fact: (-abs(fact.diff), fact.id))[:count]


def _every_week(groups: list[GroupFigures]) -> list[GroupFigures]:
    """Return the weeks oldest first, with the weeks between them that had no conversations."""
    found = {group.key: group for group in groups}
    if not found:
        return []
    first, last = (datetime.strptime(key + "-1", "%G-W%V-%u") for key in (min(found), max(found)))
    weeks = []
    while first <= last:
        key = iso_week(first)
        weeks.append(found.get(key) or group_figures(key, key, []))
        first += timedelta(weeks=1)
    return weeks


def summarise(
    facts: Sequence[ConversationFacts], criterion_labels: Mapping[str, str] | None = None, most: int = 10
) -> QualityFigures:
    """Return every dashboard figure of `facts`; spam and system notifications are only counted."""
    counted = [fact for fact in facts if fact.counted]
    flagged: dict[str, int] = defaultdict(int)
    for fact in facts:
        if not fact.counted:
            flagged[fact.row.flag] += 1

    def by_label(groups: list[GroupFigures]) -> tuple[GroupFigures, ...]:
        return tuple(sorted(groups, key=lambda group: (group.label.casefold(), group.key)))

    return QualityFigures(
        total=group_figures("all", "", counted),
        flagged=dict(flagged),
        agents=by_label(_grouped(counted, lambda f: (f.row.agent_key, f.row.agent_label))),
        teams=by_label(_grouped(counted, lambda f: (f.row.team_key, f.row.team_label))),
        channels=tuple(sorted(_grouped(counted, lambda f: (f.row.channel, f.row.channel)), key=lambda g: g.key)),
        weeks=tuple(_every_week(_grouped(counted, lambda f: (f.week, f.week) if f.week else None))),
        criteria=tuple(criterion_figures(counted, criterion_labels or {})),
        agreement=agreement(counted, most),
    )


# ---------------------------------------------------------------- the conversations behind a number

FLAG_FILTERS = ("", "spam", "system", "flagged", "all")
FCR_FILTERS = ("", "resolved", "unresolved", "unknown", "known")
COMPLIANCE_FILTERS = ("", "met", "missed", "measured")


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which conversations a dashboard number stands for. Agent, team, channel and dates are the
    service's (SQL) filters; these are the ones computed here. Empty means any."""

    week: str = ""
    criterion: str = ""
    flag: str = ""  # "": counted only (no spam/system); "flagged": both; "all": everything
    fcr: str = ""
    compliance: str = ""
    reviewed: bool = False
    autoqa_min: float | None = None
    autoqa_max: float | None = None  # inclusive
    diff_min: float | None = None  # AutoQA minus human in [diff_min, diff_max)
    diff_max: float | None = None
    differs_most: int | None = None


def _flag_matches(fact: ConversationFacts, flag: str) -> bool:
    if flag == "all":
        return True
    if flag == "flagged":
        return not fact.counted
    if flag:
        return fact.row.flag == flag
    return fact.counted


def _diff_matches(diff: float | None, low: float | None, high: float | None) -> bool:
    """Whether `diff` is in [low, high), with the open ends of diff_bin's first and last bins."""
    if low is None and high is None:
        return True
    if diff is None:
        return False
    if low is not None and low > -100 and diff < low:
        return False
    return high is None or high >= 100 or diff < high


def _matches(fact: ConversationFacts, wanted: FactFilter) -> bool:
    checks = (
        not wanted.week or fact.week == wanted.week,
        not wanted.criterion or any(cid == wanted.criterion for cid, _ in fact.criterion_scores),
        not wanted.fcr or (fact.fcr != "unknown" if wanted.fcr == "known" else fact.fcr == wanted.fcr),
        not wanted.compliance or (fact.compliance is not None if wanted.compliance == "measured" else fact.compliance == wanted.compliance),
        not wanted.reviewed or bool(fact.review_scores),
        wanted.autoqa_min is None or (fact.autoqa is not None and fact.autoqa >= wanted.autoqa_min),
        wanted.autoqa_max is None or (fact.autoqa is not None and fact.autoqa <= wanted.autoqa_max),
        _diff_matches(fact.diff, wanted.diff_min, wanted.diff_max),
    )
    return all(checks) and _flag_matches(fact, wanted.flag)


def filter_facts(facts: Iterable[ConversationFacts], wanted: FactFilter) -> list[ConversationFacts]:
    """Return the conversations behind a number: newest first, or by difference for differs-most."""
    found = [fact for fact in facts if _matches(fact, wanted)]
    if wanted.differs_most:
        return differs_most(found, wanted.differs_most)
    return sorted(found, key=lambda fact: (fact.row.started_at or datetime.min, fact.id), reverse=True)
