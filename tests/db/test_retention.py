"""Retention and erasure: conversations anonymised in place, scores kept, every run audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from qa_app.models import (
    Agent,
    AuditEvent,
    AutoQAMessage,
    Conversation,
    ConversationMessage,
    Review,
    ReviewDraft,
    ReviewRevision,
)
from qa_app.services import retention
from qa_app.services import review as review_service
from qa_app.services.review import CriterionInput as C
from tests.db.test_review_service import full_scores
from tests.review_factory import START, agent_for, autoqa, conversation

KEY = "test-secret-key"


@pytest.fixture()
def world(db, make_user):
    """Two conversations of one agent, a reviewed one with AutoQA grades, a dispute and a draft,
    for customer Asiakas-1; a third conversation of another customer, newer."""
    sup = make_user("supervisor", team="A")
    agent = make_user("learner", team="A", agent_id="agent-7")
    old = conversation(agent_for(agent, "agent-7"), "old", customer="Asiakas-1", at=START - timedelta(days=400))
    old.subject = "Lasku 123"
    autoqa(old)
    review = review_service.submit_review(old, sup, full_scores(grammar=C(50, override_reason="Kirjoitusvirheitä")),
                                          comment="Asiakas Matti oli vihainen")
    review_service.raise_dispute(review, agent, "closing-next-steps", "Kerroin Matille jatkosta")
    other = conversation(agent_for(agent, "agent-7"), "second", customer="asiakas-1", at=START - timedelta(days=10))
    review_service.save_draft(other, sup, {"comment": "Luonnos Matista"})
    newer = conversation(agent_for(None, "agent-8"), "newer", customer="Asiakas-2", at=START)
    return {"sup": sup, "agent": agent, "old": old, "other": other, "newer": newer, "review": review}


def _texts(conv: Conversation) -> list[str]:
    return list(retention.db.session.scalars(
        select(ConversationMessage.text).where(ConversationMessage.conversation_id == conv.id)
        .order_by(ConversationMessage.position)))


def test_retention_anonymises_old_conversations_and_keeps_their_scores(world, db):
    """Customer, subject, texts, findings' quotes and review free text go; scores and overall stay;
    the newer conversation is untouched; the run is recorded with its counts."""
    before = world["review"].overall
    counts = retention.run_retention(300, now=START)
    db.session.expire_all()
    old = db.session.get(Conversation, world["old"].id)
    assert (old.customer, old.subject) == (None, None) and old.anonymised_at == START
    assert _texts(old) == [retention.ERASED, retention.ERASED]
    grade = db.session.scalars(select(AutoQAMessage).join(AutoQAMessage.message)
                               .where(ConversationMessage.conversation_id == old.id)).first()
    assert all(f["params"] == {} and f["suggestions"] == [] for c in json.loads(grade.grade_json)["criteria"]
               for f in c["findings"])
    review = db.session.get(Review, world["review"].id)
    assert review.overall == before
    revision = review.current
    assert revision.comment == retention.ERASED
    assert revision.scores["grammar"] == {"score": 50.0, "na": False, "auto": 90.0, "override_reason": retention.ERASED}
    assert review.disputes[0].comment == retention.ERASED
    assert db.session.get(Conversation, world["newer"].id).customer == "Asiakas-2"
    assert counts.conversations == 1 and counts.messages == 2 and counts.review_texts == 1 and counts.disputes == 1
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "retention.run")).one()
    assert event.details["days"] == 300 and event.details["conversations"] == 1 and event.actor_id is None


def test_a_second_run_finds_nothing_left_and_a_dry_run_changes_nothing(world, db):
    """Anonymised conversations are skipped; --dry-run counts the same as the real run would."""
    dry = retention.run_retention(5, dry_run=True, now=START)
    db.session.expire_all()
    assert db.session.get(Conversation, world["old"].id).customer == "Asiakas-1"
    assert db.session.scalar(select(ReviewDraft.id)) is not None
    real = retention.run_retention(5, now=START)
    assert dry == real and real.conversations == 2 and real.drafts == 1
    assert retention.run_retention(5, now=START).conversations == 0
    assert db.session.scalar(select(ReviewDraft.id)) is None
    dry_runs = [e.details["dry_run"] for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "retention.run").order_by(AuditEvent.id))]
    assert dry_runs == [True, False, False]


def test_the_worker_runs_retention_once_a_day(world, db):
    """Due with no run yet; not due again within a day (dry runs do not count); due a day later;
    no setting, no run."""
    assert retention.run_retention_if_due(None, now=START) is None
    retention.run_retention(5, dry_run=True, now=START)
    assert retention.retention_due(START)
    first = retention.run_retention_if_due(5, now=START)
    assert first is not None and first.conversations == 2
    assert retention.run_retention_if_due(5, now=START + timedelta(hours=23)) is None
    assert retention.run_retention_if_due(5, now=START + timedelta(days=1)) is not None
    vias = db.session.scalars(select(AuditEvent.via).where(AuditEvent.action == "retention.run")
                              .order_by(AuditEvent.id)).all()
    assert vias == ["app", "worker", "worker"]


def test_retention_refuses_zero_days(db):
    with pytest.raises(ValueError):
        retention.run_retention(0)


def test_erasing_a_customer_reaches_every_letter_case_and_logs_no_identifier(world, db):
    """Both conversations of asiakas-1 (any case) are anonymised; the log holds a keyed hash."""
    counts = retention.erase_customer("  ASIAKAS-1 ", KEY)
    db.session.expire_all()
    assert counts.conversations == 2
    assert db.session.get(Conversation, world["other"].id).customer is None
    assert db.session.get(Conversation, world["newer"].id).customer == "Asiakas-2"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "erase.customer")).one()
    assert event.object_id == retention.fingerprint("asiakas-1", KEY) != retention.fingerprint("asiakas-1", "other")
    assert "asiakas" not in (event.details_json + event.object_id).lower()
    assert retention.erase_customer("asiakas-1", KEY).conversations == 0  # again: nothing left, no error


def test_erasing_an_agent_pseudonymises_them_and_keeps_the_customers_words(world, db):
    """The agent record loses its key and user link, the user their agent id; the agent's own
    messages and the free text about their conversations go; customers' messages and scores stay."""
    agent_id = world["agent"].id
    counts = retention.erase_agent("agent-7", KEY)
    db.session.expire_all()
    [agent] = db.session.scalars(select(Agent).where(Agent.external_key.like("erased-agent-%"))).all()
    assert agent.user_id is None and world["agent"].agent_id is None
    old = db.session.get(Conversation, world["old"].id)
    assert _texts(old)[0] != retention.ERASED and _texts(old)[1] == retention.ERASED
    assert old.customer == "Asiakas-1" and old.anonymised_at is None
    assert db.session.get(Review, world["review"].id).current.comment == retention.ERASED
    assert counts.agents == 1 and counts.messages == 2 and counts.drafts == 1
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "erase.agent")).one()
    assert event.details["user_id"] == agent_id and "agent-7" not in event.details_json + event.object_id


def test_an_agent_is_found_by_the_users_email_and_an_unknown_one_is_refused(world, db):
    """The e-mail of the linked user names the agent too; an unknown id raises ErasureInputError
    and records nothing; a dry run records but changes nothing."""
    counts = retention.erase_agent(world["agent"].email.upper(), KEY, dry_run=True)
    assert counts.agents == 1
    assert db.session.scalar(select(Agent.external_key).where(Agent.user_id == world["agent"].id)) == "agent-7"
    with pytest.raises(retention.ErasureInputError, match="no agent"):
        retention.erase_agent("nobody-99", KEY)
    with pytest.raises(retention.ErasureInputError):
        retention.erase_customer("   ", KEY)
    assert [e.details["dry_run"] for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("erase.%")))] == [True]


def test_erasure_rewrites_immutable_revisions_only_through_its_own_path(world, db):
    """Review revisions stay immutable for the ORM; erasure's UPDATE is the one exception."""
    revision = db.session.scalars(select(ReviewRevision)).first()
    revision.comment = "changed"
    with pytest.raises(review_service.ReviewStateError):
        db.session.commit()
    db.session.rollback()
    retention.erase_customer("asiakas-1", KEY)
    db.session.expire_all()
    assert db.session.scalars(select(ReviewRevision.comment)).first() == retention.ERASED


def test_the_stored_grade_still_loads_after_erasure(world, db):
    """The review page rebuilds grades from storage: an anonymised one must still parse."""
    from qa_app.grading.results import GradeResult

    retention.erase_customer("asiakas-1", KEY)
    for stored in db.session.scalars(select(AutoQAMessage.grade_json)):
        GradeResult.from_stored(json.loads(stored))
