"""`kohtaamo import` and `kohtaamo export conversations` through the real `qa_app.imports` package."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from qa_app.models import Agent, AutoQAMessage, AutoQAResult, Conversation, ConversationMessage

HETU = "131052-308T"  # the Finnish tax administration's published example code
SPAM = "Olet voittanut! Klikkaa tästä ja vahvista tilisi 24 tunnin kuluessa: http://example.com/voitto"


def conversation(conv_id: str, agent: str = "agent-7", text: str = "Laskuni on väärin, voitteko auttaa?", **fields) -> dict:
    """Return one valid JSONL conversation record with a customer message and an agent reply."""
    record = {
        "id": conv_id,
        "channel": "chat",
        "agent": agent,
        "language": "fi",
        "customer": "cust-1",
        "subject": "Lasku",
        "resolved": True,
        "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": text},
            {"author": "agent", "at": "2026-11-30T08:02:30Z", "text": "Tarkistan asian heti."},
        ],
    }
    record.update(fields)
    return record


def write_jsonl(path: Path, records: list) -> Path:
    """Write records (dicts, or raw strings for broken lines) as a JSON Lines file."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_json(runner, path: Path, *extra: str):
    """Run `kohtaamo import PATH --report json`; return the result and the parsed report."""
    result = runner.invoke(args=["import", str(path), "--report", "json", *extra])
    assert result.exit_code == 0, result.output
    return result, json.loads(result.stdout)


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture()
def two_conversations(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "chats.jsonl", [conversation("c1"), conversation("c2", agent="agent-8")])


def test_json_report_has_exactly_the_documented_keys(runner, db, two_conversations):
    """`--report json` prints imported, duplicates, rejected and the five redaction counts, nothing else."""
    _, report = import_json(runner, two_conversations)
    assert set(report) == {"imported", "duplicates", "rejected", "redacted"}
    assert report["imported"] == 2 and report["duplicates"] == 0 and report["rejected"] == []
    assert set(report["redacted"]) == {"hetu", "iban", "card", "phone", "email"}
    assert all(isinstance(value, int) for value in report["redacted"].values())


def test_text_report_is_a_few_readable_lines(runner, db, two_conversations):
    """The default text report says how many were imported, duplicated, rejected and redacted."""
    result = runner.invoke(args=["import", str(two_conversations)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert 2 <= len(lines) <= 6
    assert "imported: 2" in lines[0] and any("redacted" in line for line in lines)


def test_reimport_adds_nothing_and_counts_duplicates(runner, db, two_conversations):
    """Importing the same file twice stores each conversation once; the second run reports duplicates."""
    import_json(runner, two_conversations)
    _, report = import_json(runner, two_conversations)
    assert (report["imported"], report["duplicates"]) == (0, 2)
    assert count(db, Conversation) == 2 and count(db, ConversationMessage) == 4


def test_another_source_is_another_identity(runner, db, two_conversations):
    """The same ids under another --source are other conversations."""
    import_json(runner, two_conversations)
    _, report = import_json(runner, two_conversations, "--source", "zendesk")
    assert report["imported"] == 2 and count(db, Conversation) == 4


def test_rejected_conversations_go_to_stderr_and_the_rest_import(runner, db, tmp_path):
    """Each invalid conversation is one FILE:LINE: reason line on stderr; the valid ones import, exit 0."""
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        conversation("ok-1"),
        "{not json",
        conversation("bad-channel", channel="fax"),
        conversation("ok-2"),
    ])
    result, report = import_json(runner, path)
    assert report["imported"] == 2
    assert [r["line"] for r in report["rejected"]] == [2, 3]
    assert report["rejected"][1]["id"] == "bad-channel"
    stderr = result.stderr.splitlines()
    assert len(stderr) == 2
    assert stderr[0].startswith(f"{path}:2: ") and stderr[1].startswith(f"{path}:3: ")
    assert stderr[1] == f"{path}:3: {report['rejected'][1]['reason']}"


@pytest.mark.parametrize("case", ["missing", "not-utf8"])
def test_unreadable_file_exits_2_with_one_line(runner, db, tmp_path, case):
    """A missing or non-UTF-8 file exits 2 with one `kohtaamo import:` line on stderr and imports nothing."""
    path = tmp_path / "chats.jsonl"
    if case == "not-utf8":
        path.write_bytes(json.dumps(conversation("c1", text="Hyvää päivää"), ensure_ascii=False).encode().replace(
            "ä".encode(), "ä".encode("latin-1")) + b"\n")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kohtaamo import: ")
    assert count(db, Conversation) == 0


@pytest.mark.parametrize("args", [["--format", "xml"], ["--report", "yaml"], ["--source", "  "]])
def test_bad_options_exit_2(runner, db, two_conversations, args):
    """An unknown format, report or an empty source is CLI misuse: exit 2, nothing imported."""
    result = runner.invoke(args=["import", str(two_conversations), *args])
    assert result.exit_code == 2
    assert count(db, Conversation) == 0


def test_agents_match_users_by_email_any_case_and_by_agent_id(runner, db, make_user, tmp_path):
    """An agent field equal to a user's e-mail (in any case) or to their agent id links that user."""
    by_email = make_user("learner", email="anna@example.com")
    by_id = make_user("learner", email="ben@example.com")
    by_id.agent_id = "zd-4411"  # no command sets it yet; a supervisor page will
    db.session.commit()
    path = write_jsonl(tmp_path / "chats.jsonl", [
        conversation("c1", agent="Anna@Example.COM"), conversation("c2", agent="zd-4411"),
    ])
    import_json(runner, path)
    agents = {a.external_key: a.user_id for a in db.session.scalars(select(Agent))}
    assert agents == {"anna@example.com": by_email.id, "zd-4411": by_id.id}


def test_unknown_agent_is_kept_for_linking_later(runner, db, make_user, two_conversations):
    """An agent no user matches is stored unlinked, and a later import links it once a user matches."""
    import_json(runner, two_conversations)
    agent = db.session.scalars(select(Agent).where(Agent.external_key == "agent-7")).one()
    assert agent.user_id is None
    conv = db.session.scalars(select(Conversation).where(Conversation.external_id == "c1")).one()
    assert conv.agent_id == agent.id
    user = make_user("learner")
    user.agent_id = "agent-7"
    db.session.commit()
    import_json(runner, two_conversations)
    db.session.expire_all()
    assert db.session.get(Agent, agent.id).user_id == user.id and count(db, Agent) == 2


def test_spam_flag_is_stored(runner, db, tmp_path):
    """A conversation the parser flags as spam is stored with flag 'spam'; an ordinary one has none."""
    from qa_app.imports import is_spam_or_system

    spam_text = SPAM
    path = write_jsonl(tmp_path / "chats.jsonl", [conversation("spam-1", text=spam_text), conversation("c1")])
    import_json(runner, path)
    flags = dict(db.session.execute(select(Conversation.external_id, Conversation.flag)).all())
    assert flags == {"spam-1": "spam", "c1": None}
    assert is_spam_or_system is not None


def test_personal_data_is_stored_redacted_and_logged_as_counts(runner, db, tmp_path, caplog):
    """A personal identity code is replaced before storage, counted in the report and never logged."""
    path = write_jsonl(tmp_path / "chats.jsonl", [conversation("c1", text=f"Henkilötunnukseni on {HETU}.")])
    with caplog.at_level(logging.INFO, logger="qa_app"):
        _, report = import_json(runner, path)
    assert report["redacted"]["hetu"] == 1
    texts = list(db.session.scalars(select(ConversationMessage.text)))
    assert all(HETU not in text for text in texts)
    assert HETU not in caplog.text and "imported chats.jsonl" in caplog.text


def test_export_writes_one_import_format_line_per_conversation(runner, db, two_conversations):
    """`export conversations` prints each conversation with Z timestamps, its AutoQA scores and no reviews yet."""
    import_json(runner, two_conversations)
    result = runner.invoke(args=["export", "conversations"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["c1", "c2"]
    first = records[0]
    assert first["agent"] == "agent-7" and first["channel"] == "chat" and first["resolved"] is True
    assert [m["at"] for m in first["messages"]] == ["2026-11-30T08:00:00Z", "2026-11-30T08:02:30Z"]
    assert first["messages"][0] == {"author": "customer", "at": "2026-11-30T08:00:00Z",
                                    "text": "Laskuni on väärin, voitteko auttaa?"}
    assert isinstance(first["autoqa"]["overall"], float) and first["autoqa"]["criteria"]["data-protection"] is None
    assert first["reviews"] == []


def test_export_to_output_file_then_reimport_adds_nothing(runner, db, two_conversations, tmp_path):
    """Importing an export again with the same source only finds duplicates."""
    import_json(runner, two_conversations)
    exported = tmp_path / "export.jsonl"
    assert runner.invoke(args=["export", "conversations", "--output", str(exported)]).exit_code == 0
    _, report = import_json(runner, exported)
    assert (report["imported"], report["duplicates"], report["rejected"]) == (0, 2, [])


def test_export_then_import_into_empty_database_gives_the_same_conversations(runner, db, tmp_path):
    """Export, empty the database, import the export: exporting again gives the same lines."""
    path = write_jsonl(tmp_path / "chats.jsonl", [
        conversation("c1", text=f"Tunnukseni {HETU}, soita 040 1234567."),
        conversation("c2", agent="Anna@Example.com", language=None, resolved=None, subject=None),
        conversation("spam-1", text=SPAM),
    ])
    import_json(runner, path)
    first = runner.invoke(args=["export", "conversations"]).stdout
    exported = tmp_path / "export.jsonl"
    exported.write_text(first, encoding="utf-8")
    stored_before = _snapshot(db)
    for model in (AutoQAMessage, AutoQAResult, ConversationMessage, Conversation, Agent):
        db.session.execute(delete(model))
    db.session.commit()
    _, report = import_json(runner, exported)
    assert report["imported"] == 3 and report["rejected"] == []
    assert runner.invoke(args=["export", "conversations"]).stdout == first
    assert _snapshot(db) == stored_before


def _snapshot(db) -> list[tuple]:
    """Return every stored conversation's fields and messages, without database ids."""
    rows = []
    for conv in db.session.scalars(select(Conversation).order_by(Conversation.external_id)):
        rows.append((conv.source, conv.external_id, conv.channel, conv.agent.external_key, conv.language,
                     conv.customer, conv.subject, conv.resolved, conv.flag, conv.first_message_at,
                     [(m.position, m.author, m.at, m.text) for m in conv.messages]))
    return rows


def test_csv_file_imports_like_jsonl(runner, db, tmp_path):
    """A CSV file (one message per row) imports its conversations, and a bad row is reported by its line."""
    path = tmp_path / "chats.csv"
    path.write_text(
        "conversation_id,channel,agent,author,at,text\n"
        "c1,email,agent-7,customer,2026-11-30T08:00:00Z,Lasku on väärin\n"
        "c1,email,agent-7,agent,2026-11-30T09:00:00Z,Korjaan sen\n"
        "c2,email,agent-7,customer,not-a-time,Hei\n",
        encoding="utf-8",
    )
    result, report = import_json(runner, path)
    assert report["imported"] == 1 and [r["line"] for r in report["rejected"]] == [4]
    assert result.stderr.startswith(f"{path}:4: ")
    stored = db.session.scalars(select(Conversation)).one()
    assert (stored.external_id, stored.channel, len(stored.messages)) == ("c1", "email", 2)
