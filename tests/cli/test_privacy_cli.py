"""`kohtaamo retention` and `kohtaamo erase`: counts printed, audit entries, exit 2 for misuse."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from qa_app.models import AuditEvent, Conversation
from qa_app.models.user import utcnow
from tests.review_factory import agent_for, conversation


@pytest.fixture()
def stored(db, make_user):
    agent = make_user("learner", agent_id="agent-7")
    old = conversation(agent_for(agent, "agent-7"), "old", customer="cust-1", at=utcnow() - timedelta(days=100))
    new = conversation(agent_for(agent, "agent-7"), "new", customer="cust-2", at=utcnow())
    return old, new


def _actions(db) -> list[tuple[str, str, bool]]:
    return [(e.action, e.via, e.details.get("dry_run")) for e in db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.in_(("retention.run", "erase.customer", "erase.agent")))
        .order_by(AuditEvent.id))]


def test_retention_dry_run_then_real_run(runner, app, db, stored):
    """--dry-run says what it would do; the real run does it; both are audited from the CLI."""
    dry = runner.invoke(args=["retention", "--days", "30", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would anonymise: 1 conversations, 2 messages" in dry.output
    assert db.session.get(Conversation, stored[0].id).customer == "cust-1"
    app.config["RETENTION_DAYS"] = "30"
    try:
        real = runner.invoke(args=["retention"])
    finally:
        app.config["RETENTION_DAYS"] = None
    assert real.exit_code == 0 and "anonymised: 1 conversations" in real.output
    db.session.expire_all()
    assert db.session.get(Conversation, stored[0].id).customer is None
    assert db.session.get(Conversation, stored[1].id).customer == "cust-2"
    assert _actions(db) == [("retention.run", "cli", True), ("retention.run", "cli", False)]


@pytest.mark.parametrize("args", [["retention"], ["retention", "--days", "0"]])
def test_retention_without_a_period_is_refused(runner, db, args):
    """No KOHTAAMO_RETENTION_DAYS and no --days (or 0): exit 2 and nothing recorded."""
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert _actions(db) == []


@pytest.mark.parametrize("args", [["erase"], ["erase", "--customer", "cust-1", "--agent", "agent-7"]])
def test_erase_needs_exactly_one_person(runner, db, stored, args):
    """Neither or both options: exit 2, one line on stderr, nothing changed or recorded."""
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "kohtaamo erase: give exactly one of --customer IDENTIFIER and --agent ID_OR_EMAIL"]
    assert _actions(db) == []


@pytest.mark.parametrize(("args", "line"), [
    (["--agent", "nobody@example.com"], "kohtaamo erase: no agent with id or e-mail 'nobody@example.com'"),
    (["--customer", "   "], "kohtaamo erase: the customer identifier is empty"),
    (["--agent", ""], "kohtaamo erase: the agent id or e-mail is empty"),
])
def test_erase_an_unknown_or_empty_person_is_one_line_and_exit_2(runner, db, stored, args, line):
    """Nothing is changed or recorded."""
    result = runner.invoke(args=["erase", *args])
    assert result.exit_code == 2
    assert result.stderr.strip() == line
    assert _actions(db) == []


def test_erase_a_customer_and_an_agent(runner, db, stored):
    """Counts are printed; --dry-run changes nothing; each run is audited."""
    dry = runner.invoke(args=["erase", "--customer", "CUST-1", "--dry-run"])
    assert dry.exit_code == 0 and "would anonymise: 1 conversations, 2 messages" in dry.output
    assert db.session.get(Conversation, stored[0].id).customer == "cust-1"
    real = runner.invoke(args=["erase", "--customer", "CUST-1"])
    assert real.exit_code == 0 and "anonymised: 1 conversations" in real.output
    agent = runner.invoke(args=["erase", "--agent", "agent-7"])
    assert agent.exit_code == 0 and "1 agents" in agent.output
    assert _actions(db) == [("erase.customer", "cli", True), ("erase.customer", "cli", False),
                            ("erase.agent", "cli", False)]
