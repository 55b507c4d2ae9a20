"""`kohtaamo users add --agent-id` and `kohtaamo users set-agent-id`: users linked to imported agents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_app.models import Agent, User


def agent(db, key: str) -> Agent:
    return db.session.scalars(select(Agent).where(Agent.external_key == key)).one()


def user(db, email: str) -> User:
    return db.session.scalars(select(User).where(User.email == email)).one()


@pytest.fixture()
def imported_agent(runner, db, tmp_path: Path) -> Agent:
    """Import one conversation by agent "A-17", who matches no user yet."""
    line = {"id": "c1", "channel": "chat", "agent": "A-17", "messages": [
        {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Laskuni on väärin."},
        {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Tarkistan asian."},
    ]}
    path = tmp_path / "chats.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    record = agent(db, "A-17")
    assert record.user_id is None
    return record


def test_add_with_agent_id_links_an_imported_agent(runner, db, imported_agent):
    """A user created with --agent-id gets the agent already imported under that id."""
    result = runner.invoke(args=["users", "add", "maija@example.com", "--agent-id", "A-17"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert user(db, "maija@example.com").agent_id == "A-17"
    assert agent(db, "A-17").user.email == "maija@example.com"


def test_set_agent_id_links_an_imported_agent(runner, db, imported_agent, make_user):
    """set-agent-id stores the id and links the agent already imported under it."""
    make_user("learner", email="maija@example.com")
    result = runner.invoke(args=["users", "set-agent-id", "Maija@example.com", " A-17 "])
    assert result.exit_code == 0, result.output
    assert result.stdout == "agent id A-17 set for maija@example.com\n"
    db.session.expire_all()
    assert agent(db, "A-17").user.email == "maija@example.com"


def test_changing_the_agent_id_unlinks_the_old_agent(runner, db, imported_agent, make_user):
    """Moving a user to another agent id unlinks the agent of the old id."""
    make_user("learner", email="maija@example.com", agent_id="A-17")
    db.session.expire_all()
    assert agent(db, "A-17").user.email == "maija@example.com"
    assert runner.invoke(args=["users", "set-agent-id", "maija@example.com", "A-99"]).exit_code == 0
    db.session.expire_all()
    assert agent(db, "A-17").user is None
    assert user(db, "maija@example.com").agent_id == "A-99"


def test_later_import_links_by_agent_id(runner, db, make_user, tmp_path):
    """A user given an agent id before any import gets the agent when it is first imported."""
    make_user("learner", email="maija@example.com")
    assert runner.invoke(args=["users", "set-agent-id", "maija@example.com", "A-17"]).exit_code == 0
    line = {"id": "c1", "channel": "chat", "agent": "A-17", "messages": [
        {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Hei, tilaukseni puuttuu."},
        {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Selvitän asian."},
    ]}
    path = tmp_path / "later.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert runner.invoke(args=["import", str(path)]).exit_code == 0
    assert agent(db, "A-17").user.email == "maija@example.com"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["users", "set-agent-id", "nobody@example.com", "A-1"], "kohtaamo: no user with email 'nobody@example.com'\n"),
        (["users", "set-agent-id", "maija@example.com", "A-1"], "kohtaamo: agent id 'A-1' already belongs to olli@example.com\n"),
        (["users", "add", "uusi@example.com", "--agent-id", "A-1"], "kohtaamo: agent id 'A-1' already belongs to olli@example.com\n"),
        (["users", "set-agent-id", "maija@example.com", "  "], "kohtaamo: agent id must be 1 to 120 characters (got '  ')\n"),
    ],
)
def test_bad_agent_ids_exit_2_with_one_line(runner, db, make_user, args, message):
    """An unknown user, an agent id someone else has, or an empty id: exit 2, one line on stderr."""
    make_user("learner", email="olli@example.com", agent_id="A-1")
    make_user("learner", email="maija@example.com")
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert db.session.scalars(select(User).where(User.email == "uusi@example.com")).first() is None


def test_setting_the_same_agent_id_again_is_harmless(runner, db, make_user):
    """Giving a user the agent id they already have succeeds."""
    make_user("learner", email="olli@example.com", agent_id="A-1")
    assert runner.invoke(args=["users", "set-agent-id", "olli@example.com", "A-1"]).exit_code == 0
