"""`kohtaamo demo` loads generated conversations through the real import, AutoQA and review services."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from qa_app.models import (
    Agent,
    AutoQAResult,
    Conversation,
    ConversationMessage,
    Dispute,
    Review,
    ReviewAssignment,
    SamplingRule,
)
from qa_app.services import review as review_service
from qa_app.services.demo_reviews import DEMO_SOURCE, UNLINKED_AGENT
from qa_app.services.users import find_user


@pytest.fixture()
def demo(runner, db):
    """A smaller demo (80 conversations) keeps these tests quick; the default is tested once below."""
    result = runner.invoke(args=["demo", "--conversations", "80"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_imports_two_hundred_conversations_in_the_last_six_weeks(runner, db):
    """About 200 conversations in every channel, dated in the last 42 days, some flagged as spam or system."""
    demo = runner.invoke(args=["demo"])
    assert demo.exit_code == 0, demo.output
    conversations = list(db.session.scalars(select(Conversation).where(Conversation.source == DEMO_SOURCE)))
    assert len(conversations) == 200
    assert {c.channel for c in conversations} == {"chat", "email", "social", "phone"}
    assert {c.language for c in conversations} == {"fi", "en"}
    now = datetime.utcnow()
    assert all(now - timedelta(days=43) <= c.first_message_at <= now for c in conversations)
    emails = [c for c in conversations if c.channel == "email"]
    assert 0.1 <= sum(1 for c in emails if c.flag) / len(emails) <= 0.2
    assert "200 imported" in demo.output and "pre-scored by AutoQA" in demo.output


def test_demo_redacts_personal_data_like_any_import(demo, db):
    """The generated personal data went through redaction: placeholders are stored, never values."""
    texts = list(db.session.scalars(select(ConversationMessage.text)))
    joined = "\n".join(texts)
    assert any(tag in joined for tag in ("[PHONE]", "[EMAIL]", "[HETU]", "[IBAN]"))


def test_demo_agents_are_linked_to_demo_users_and_one_is_not(demo, db):
    """Learners are matched by e-mail, Jenni by her agent id; the outsourced agent waits for a link."""
    agents = {a.external_key: a for a in db.session.scalars(select(Agent))}
    for key, email in [("oppija@example.com", "oppija@example.com"), ("learner2@example.com", "learner2@example.com"),
                       ("a17", "jenni.laine@example.com"), ("mikko.nieminen@example.com", "mikko.nieminen@example.com")]:
        assert agents[key].user is not None and agents[key].user.email == email
        assert agents[key].user.role == "learner"
    assert agents[UNLINKED_AGENT].user_id is None


def test_demo_conversations_are_pre_scored(demo, db):
    """Every conversation that is not spam or system has an AutoQA result with per-message grades."""
    scorable = db.session.scalar(select(func.count(Conversation.id)).where(
        Conversation.source == DEMO_SOURCE, Conversation.flag.is_(None)))
    results = list(db.session.scalars(select(AutoQAResult)))
    assert len(results) == scorable
    assert all(r.messages for r in results if r.overall is not None)
    assert sum(r.overall is not None for r in results) > 0.9 * scorable


def test_demo_reviews_revision_acknowledgement_and_dispute(demo, db):
    """The supervisor reviewed a few conversations: one revised, one acknowledged, one disputed."""
    supervisor = find_user("esihenkilo@example.com")
    reviews = list(db.session.scalars(select(Review)))
    assert 4 <= len(reviews) <= 8 and {r.reviewer_id for r in reviews} == {supervisor.id}
    assert any(len(r.revisions) == 2 and r.current.reason for r in reviews)
    assert any(r.acknowledged_at is not None for r in reviews)
    assert any(entry.get("override_reason") for r in reviews for entry in r.current.scores.values())
    disputes = list(db.session.scalars(select(Dispute)))
    assert len(disputes) == 1 and disputes[0].status == "open"
    assert disputes[0].raised_by.email == "learner2@example.com"


def test_demo_learners_see_their_own_reviews(demo, db):
    """A demo agent's review list holds the reviews of their own conversations only."""
    for email in ("oppija@example.com", "learner2@example.com"):
        user = find_user(email)
        mine = review_service.reviews_for_agent(user)
        assert mine and all(r.conversation.agent.user_id == user.id for r in mine)
        assert all(r.can_view(user) for r in mine)


def test_demo_has_a_sampling_rule_queue(demo, db):
    """Sampling rules filled the supervisor's queue; reviewed conversations count as done."""
    supervisor = find_user("esihenkilo@example.com")
    rules = list(db.session.scalars(select(SamplingRule)))
    assert {r.kind for r in rules} == {"random_share", "lowest_autoqa"}
    statuses = {a.status for a in db.session.scalars(select(ReviewAssignment))}
    assert "open" in statuses
    assert review_service.queue_for(supervisor)


def test_demo_gives_the_admin_a_working_api_token_and_a_revoked_one(demo, db, app):
    """The token page has something to show; the printed token grades, the revoked one is refused."""
    from qa_app.models import ApiToken

    line = next(line for line in demo.output.splitlines() if line.startswith("Demo API token"))
    plain = line.rsplit(" ", 1)[1]
    tokens = {t.name: t for t in db.session.scalars(select(ApiToken))}
    assert {name: t.revoked for name, t in tokens.items()} == {"Raportointiskripti": False, "Vanha kannettava": True}
    assert all(t.last_used_at is not None for t in tokens.values())
    client = app.test_client()
    answer = client.post("/api/v1/grade", json={"text": "Hei, hyvitys on palautettu tilillenne."},
                         headers={"Authorization": f"Bearer {plain}"})
    assert answer.status_code == 200, answer.get_data(as_text=True)
