"""Build conversations, agents and AutoQA rows directly, for review tests (no import, no jobs)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from qa_app.extensions import db
from qa_app.grading.context import HistoryMessage
from qa_app.models import (
    Agent,
    AutoQAMessage,
    AutoQAResult,
    Conversation,
    ConversationMessage,
    User,
)
from qa_app.services import content_store
from qa_app.services.grading import grader

START = datetime(2026, 11, 30, 8, 0)  # a Monday
CUSTOMER = "Hei, laskussani on virhe. Henkilötunnukseni on [HETU] ja sähköpostini [EMAIL]."
AGENT = "Hei! Pahoittelen virhettä. Tarkistan laskun heti ja korjaan sen tänään."


def agent_for(user: User | None = None, key: str | None = None) -> Agent:
    """Return the agent record for a key, linked to `user` when given."""
    key = key or (user.email if user else "unknown-agent")
    agent = db.session.query(Agent).filter_by(external_key=key).first()
    if agent is None:
        agent = Agent(external_key=key, user_id=user.id if user else None)
        db.session.add(agent)
        db.session.flush()
    return agent


def conversation(agent: Agent | None, external_id: str = "c1", channel: str = "chat",
                 at: datetime = START, customer: str | None = None, flag: str | None = None,
                 messages: list[tuple[str, str]] | None = None, language: str = "fi") -> Conversation:
    """Store a conversation with messages one minute apart (customer, agent by default)."""
    items = messages or [("customer", CUSTOMER), ("agent", AGENT)]
    conv = Conversation(source="test", external_id=external_id, channel=channel, agent_id=agent.id if agent else None,
                        language=language, customer=customer, flag=flag, first_message_at=at)
    for position, (author, text) in enumerate(items):
        conv.messages.append(ConversationMessage(position=position, author=author,
                                                 at=at + timedelta(minutes=position), text=text))
    db.session.add(conv)
    db.session.commit()
    return conv


def autoqa(conv: Conversation, overall: float | None = 70.0, criteria: dict | None = None,
           handling_s: float | None = 120.0, escalated: bool = False, negative: bool = False,
           grade_messages: bool = True) -> AutoQAResult:
    """Store an AutoQA result; agent messages get a real engine grade so findings are real."""
    rubric = content_store.library().rubric("supervisor-scorecard")
    version = content_store.record_version("rubric", rubric)
    scores = criteria if criteria is not None else {"grammar": 90.0, "clarity": 80.0, "accuracy": None, "empathy": 60.0}
    result = AutoQAResult(conversation_id=conv.id, rubric_version_id=version.id, overall=overall,
                          criteria_json=json.dumps(scores), handling_s=handling_s, escalated=escalated,
                          customer_negative=negative)
    db.session.add(result)
    db.session.flush()
    if grade_messages:
        history: list[HistoryMessage] = []
        for message in conv.messages:
            if message.author == "agent":
                grade = grader().grade(message.text, rubric.spec, None, language=conv.language or "fi",
                                       rubric_ref=rubric.ref, history=tuple(history))
                db.session.add(AutoQAMessage(autoqa_id=result.id, message_id=message.id, overall=grade.overall,
                                             grade_json=json.dumps(grade.to_stored())))
            history.append(HistoryMessage(message.author, message.text))
    db.session.commit()
    return result
