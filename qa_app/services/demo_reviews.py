"""The review side of the demo: generated conversations imported through the real import service
(redaction and spam flags apply), pre-scored by AutoQA in this process, a sampling rule's queue,
and a few reviews by the demo supervisor (one revised, one acknowledged, one disputed).

Dates follow today: the conversations fall in the last six weeks, so dashboards show trends.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..imports import parse_conversations
from ..imports.generate import generate_conversations, write_jsonl
from ..models import AutoQAResult, Conversation, Dispute, Review, ReviewAssignment, User
from . import autoqa
from . import conversations as conversation_service
from . import review as review_service

DEMO_CONVERSATIONS = 200
DEMO_SEED = 2023  # 200 conversations with 63 e-mails, 10 of them spam or system
DEMO_SOURCE = "demo"
DEMO_DAYS = 42
DEMO_SUPERVISOR = "esihenkilo@example.com"
# Finnish and English only: Swedish spelling suggestions (spylls) take seconds per misspelled word,
# which would make `kohtaamo demo` take a minute instead of seconds.
DEMO_LANGUAGES = {"fi": 65, "en": 35}
# Agents as the contact centre's export names them: demo users by e-mail, Jenni by her agent id
# (users.agent_id), and an outsourced agent nobody has linked to a user yet.
UNLINKED_AGENT = "tuomas@bpo-kumppani.example"
DEMO_AGENT_KEYS = ("oppija@example.com", "learner2@example.com", "mikko.nieminen@example.com", "a17",
                   "sami.heikkinen@example.com", UNLINKED_AGENT)
_AGENT_NAMES = {"a17": "Jenni", UNLINKED_AGENT: "Tuomas"}
# (agent, what the supervisor does): the reviews a new supervisor and agent find waiting.
_REVIEW_PLAN = (
    ("oppija@example.com", "acknowledged"),
    ("oppija@example.com", "revised"),
    ("learner2@example.com", "disputed"),
    ("learner2@example.com", "override"),
    ("mikko.nieminen@example.com", "plain"),
    ("a17", "plain"),
)
@dataclass(frozen=True)
class DemoSummary:
    """What the demo holds on the review side (counts from the database)."""

    conversations: int
    flagged: int
    scored: int
    reviews: int
    open_disputes: int
    open_assignments: int


def load_demo_conversations(users: Sequence[User], count: int = DEMO_CONVERSATIONS,
                            now: datetime | None = None) -> DemoSummary:
    """Import `count` generated conversations for the demo agents, pre-score them, review a few."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    # The six weeks up to last midnight (UTC): the same seed then gives the same mix every day.
    midnight = now.replace(hour=0, minute=0, second=0)
    names = {user.email: user.name.split()[0] for user in users} | _AGENT_NAMES
    records = generate_conversations(count, DEMO_SEED, start=midnight - timedelta(days=DEMO_DAYS),
                                     agents=DEMO_AGENT_KEYS, days=DEMO_DAYS, names=names,
                                     languages=DEMO_LANGUAGES)
    buffer = io.StringIO()
    write_jsonl(records, buffer)
    parsed = parse_conversations(buffer.getvalue().encode("utf-8"), "jsonl", name="demo.jsonl")
    conversation_service.import_parsed(parsed, DEMO_SOURCE)
    autoqa.score_conversations(autoqa.scorable_ids(DEMO_SOURCE))  # inline: no worker needed
    db.session.commit()
    supervisor = _user(users, DEMO_SUPERVISOR)
    _sampling_rules(supervisor)
    _reviews(supervisor, users, now.replace(tzinfo=None))
    return demo_summary()


def demo_summary() -> DemoSummary:
    """Count the demo's conversations, AutoQA results, reviews, open disputes and open assignments."""
    in_demo = Conversation.source == DEMO_SOURCE
    count = db.session.scalar(select(func.count(Conversation.id)).where(in_demo)) or 0
    flagged = db.session.scalar(select(func.count(Conversation.id)).where(in_demo, Conversation.flag.is_not(None))) or 0
    scored = db.session.scalar(select(func.count(AutoQAResult.id)).join(AutoQAResult.conversation).where(in_demo)) or 0
    reviews = db.session.scalar(select(func.count(Review.id)).join(Review.conversation).where(in_demo)) or 0
    disputes = db.session.scalar(select(func.count(Dispute.id)).where(Dispute.status == "open")) or 0
    assignments = db.session.scalar(
        select(func.count(ReviewAssignment.id)).where(ReviewAssignment.status == "open")) or 0
    return DemoSummary(count, flagged, scored, reviews, disputes, assignments)


def _user(users: Sequence[User], email: str) -> User:
    return next(user for user in users if user.email == email)


def _sampling_rules(supervisor: User) -> None:
    """A weekly random share and the lowest AutoQA scores, applied to fill the supervisor's queue."""
    review_service.create_rule(supervisor, review_service.RuleInput(
        name="Satunnaisotanta 10 % / agentti / viikko", kind="random_share", share=0.1, seed=DEMO_SEED))
    review_service.create_rule(supervisor, review_service.RuleInput(
        name="Heikoimmat AutoQA-pisteet", kind="lowest_autoqa", count=8, seed=DEMO_SEED))
    review_service.apply_rules(supervisor)


def _reviews(supervisor: User, users: Sequence[User], now: datetime) -> None:
    by_key = {user.email: user for user in users} | {"a17": _user(users, "jenni.laine@example.com")}
    chosen: set[int] = set()
    for agent_key, action in _REVIEW_PLAN:
        conversation = _conversation_to_review(supervisor, agent_key, chosen)
        if conversation is None:
            continue
        chosen.add(conversation.id)
        _review(supervisor, by_key[agent_key], conversation, action, now)


def _conversation_to_review(supervisor: User, agent_key: str, chosen: set[int]) -> Conversation | None:
    """The agent's oldest queued conversation, else their oldest pre-scored one (not yet chosen)."""
    queued = [item.conversation for item in review_service.queue_for(supervisor)
              if item.conversation.agent and item.conversation.agent.external_key == agent_key]
    scored = db.session.scalars(
        select(Conversation).join(AutoQAResult, AutoQAResult.conversation_id == Conversation.id)
        .join(Conversation.agent).where(Conversation.source == DEMO_SOURCE)
        .where(Conversation.agent.has(external_key=agent_key))
        .order_by(Conversation.first_message_at, Conversation.id))
    for conversation in [*sorted(queued, key=lambda c: (c.first_message_at, c.id)), *scored]:
        if conversation.id not in chosen:
            return conversation
    return None


def _review(supervisor: User, agent: User, conversation: Conversation, action: str, now: datetime) -> None:
    card = review_service.scorecard_for(conversation)
    entries = judgement(card, conversation)
    comment = _COMMENTS[action]
    if entries.get("data-protection") and entries["data-protection"].score == 0:
        comment = _DATA_PROTECTION_COMMENT
    when = min(conversation.first_message_at + timedelta(days=1, hours=2), now - timedelta(hours=3))
    if action == "override":
        empathy = card.auto.get("empathy")
        if empathy is not None:
            entries["empathy"] = review_service.CriterionInput(
                score=max(0.0, round(empathy - 20)),
                override_reason="Pahoittelu oli kaavamainen, eikä asiakkaan huoleen vastattu.")
    review = review_service.submit_review(conversation, supervisor, entries, comment=comment, now=when)
    if action == "revised":
        entries["identified-customer"] = review_service.CriterionInput(score=100.0)
        review_service.revise_review(
            review, supervisor, entries, now=when + timedelta(hours=1),
            reason="Kuuntelin tallenteen uudelleen: asiakas tunnistettiin ennen tietojen käsittelyä.",
            comment=comment)
    elif action == "acknowledged":
        review_service.acknowledge(review, agent, now=when + timedelta(hours=5))
    elif action == "disputed":
        review_service.raise_dispute(
            review, agent, "closing-next-steps", now=when + timedelta(hours=6),
            comment="Kerroin viimeisessä viestissä, mitä tapahtuu seuraavaksi ja milloin. Pyydän tarkistamaan.")


_DATA_PROTECTION_COMMENT = ("Asiakkaalta pyydettiin tunnuksia: niitä ei kysytä koskaan, ei chatissa eikä "
                            "puhelimessa. Käydään tämä läpi yhdessä.")
_COMMENTS = {
    "acknowledged": "Hyvä, rauhallinen ote. Kerro jatkossa vielä, milloin asiakas saa vahvistuksen.",
    "revised": "Selkeä vastaus. Tunnistus jäi aluksi epäselväksi, tarkistettu tallenteesta.",
    "disputed": "Ratkaisu oli oikea, mutta lopetuksesta puuttui yhteenveto seuraavista vaiheista.",
    "override": "Faktat kunnossa. Empatiaan kannattaa panostaa: asiakas oli selvästi huolissaan.",
    "plain": "Asiallinen palvelu, jatka samaan malliin.",
}


def judgement(card: review_service.Scorecard, conversation: Conversation) -> dict[str, review_service.CriterionInput]:
    """The supervisor's scores: AutoQA's kept for automatic criteria, manual ones from the transcript."""
    # As a reviewer would: AutoQA's highlighted credentials finding, not a word search (an agent
    # who warns "we never ask for your PIN" has not asked for it).
    asked_secret = any(f.rule.startswith("builtin.credentials")
                       for findings in card.auto_findings.values() for f in findings)
    base = card.autoqa.overall if card.autoqa and card.autoqa.overall is not None else 70.0
    last_agent = next((m.text for m in reversed(conversation.messages) if m.author == "agent"), "")
    manual = {
        "identified-customer": None if conversation.channel == "social" else (40.0 if asked_secret else 75.0),
        "first-contact-resolution": {True: 100.0, False: 40.0, None: None}[conversation.resolved],
        "correct-information": float(round(min(100.0, base + 5))),
        "closing-next-steps": 90.0 if "?" in last_agent or "!" in last_agent else 60.0,
        "data-protection": 0.0 if asked_secret else 100.0,
    }
    entries = {cid: review_service.CriterionInput(score=score) for cid, score in card.auto.items() if score is not None}
    for criterion in card.rubric.spec.criteria:
        if criterion.is_manual:
            score = manual.get(criterion.id, float(round(base)))
            entries[criterion.id] = review_service.CriterionInput(score=score, na=score is None and criterion.allow_na)
            if score is None and not criterion.allow_na:
                entries[criterion.id] = review_service.CriterionInput(score=float(round(base)))
    return entries
