"""Reading JSONL conversation files: valid conversations and every rejection with its line."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from qa_app.imports import ConversationIn, MessageIn, RedactionCounts, parse_conversations

from .conftest import make_hetu

AGENT = {"author": "agent", "at": "2026-03-12T10:05:00Z", "text": "Palautus on tehty."}
CUSTOMER = {"author": "customer", "at": "2026-03-12T12:00:00+02:00", "text": "Missä rahani?"}


def record(**changes):
    """Return a valid conversation record with some fields changed (None removes one)."""
    base = {"id": "c1", "channel": "email", "agent": "anna@kohtaamo.example", "language": "fi",
            "customer": "cust-77", "subject": "Tilaus 2024001234", "resolved": True,
            "messages": [CUSTOMER, AGENT]}
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def jsonl(*lines) -> bytes:
    """Join records (dicts are dumped, strings kept) into JSONL bytes."""
    return "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines).encode()


def test_valid_conversation_is_read():
    """A valid line becomes a ConversationIn with UTC timestamps and all fields."""
    result = parse_conversations(jsonl(record()), "jsonl")
    assert result.rejected == ()
    assert result.conversations == (
        ConversationIn(
            id="c1", channel="email", agent="anna@kohtaamo.example", language="fi",
            customer="cust-77", subject="Tilaus 2024001234", resolved=True,
            messages=(
                MessageIn("customer", datetime(2026, 3, 12, 10, 0, tzinfo=UTC), "Missä rahani?"),
                MessageIn("agent", datetime(2026, 3, 12, 10, 5, tzinfo=UTC), "Palautus on tehty."),
            ),
            line=1, flag=None,
        ),
    )


def test_optional_fields_may_be_missing():
    """Language, customer, subject and resolved are optional and read as None."""
    line = record(language=None, customer=None, subject=None, resolved=None)
    (conversation,) = parse_conversations(jsonl(line), "jsonl").conversations
    assert (conversation.language, conversation.customer, conversation.subject,
            conversation.resolved) == (None, None, None, None)


def test_text_and_subject_are_redacted_and_counted():
    """Message text and subject are redacted; agent and customer identifiers are kept."""
    code = make_hetu("131052", "-", 308)
    line = record(agent="anna@kohtaamo.example", customer="matti@example.fi",
                  subject=f"Hetu {code}",
                  messages=[{**CUSTOMER, "text": "Soita 040 123 4567"}, AGENT])
    result = parse_conversations(jsonl(line), "jsonl")
    (conversation,) = result.conversations
    assert conversation.subject == "Hetu [HETU]"
    assert conversation.messages[0].text == "Soita [PHONE]"
    assert (conversation.agent, conversation.customer) == ("anna@kohtaamo.example",
                                                           "matti@example.fi")
    assert result.redacted == RedactionCounts(hetu=1, phone=1)


def test_blank_lines_are_skipped_and_lines_counted():
    """Blank lines are skipped but still counted for line numbers."""
    result = parse_conversations(jsonl(record(id="a"), "", "  ", record(id="b")), "jsonl")
    assert [(c.id, c.line) for c in result.conversations] == [("a", 1), ("b", 4)]


BAD = {"author": "customer", "at": "2026-03-12T10:00:00Z", "text": "x"}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        ("[1, 2]", "a line must hold one JSON object"),
        (record(id=None), "missing required field 'id'"),
        (record(id="  "), "missing required field 'id'"),
        (record(id=7), "'id' must be a string (got a number)"),
        (record(channel=None), "missing required field 'channel'"),
        (record(agent=None), "missing required field 'agent'"),
        (record(messages=None), "missing required field 'messages'"),
        (record(messages="hi"), "'messages' must be a list"),
        (record(messages=[]), "no messages"),
        (record(channel="fax"), "unknown channel 'fax' (expected chat, email, social or phone)"),
        (record(language="de"), "unknown language 'de' (expected fi, en or sv)"),
        (record(resolved="maybe"), "'resolved' must be true or false (got 'maybe')"),
        (record(subject=5), "'subject' must be a string (got a number)"),
        (record(messages=[{**BAD, "author": "robot"}, AGENT]),
         "message 1: unknown author 'robot' (expected customer, agent, bot or system)"),
        (record(messages=[AGENT, {**BAD, "at": None}]), "message 2: missing required field 'at'"),
        (record(messages=[AGENT, {"author": "customer", "at": "2026-03-12T10:00:00Z"}]),
         "message 2: missing required field 'text'"),
        (record(messages=[{**BAD, "at": "2026-03-12T10:00:00"}, AGENT]),
         "message 1: timestamp '2026-03-12T10:00:00' has no UTC offset (add Z or e.g. +02:00)"),
        (record(messages=[{**BAD, "at": "12.3.2026 10:00"}, AGENT]),
         "message 1: cannot parse timestamp '12.3.2026 10:00' (expected ISO 8601, e.g. "
         "2026-03-12T14:30:00+02:00)"),
        (record(messages=[{**BAD, "text": "  \n"}, AGENT]), "message 1: empty text"),
        (record(messages=[{**BAD, "text": 5}, AGENT]),
         "message 1: 'text' must be a string (got a number)"),
        (record(messages=["hello", AGENT]), "message 1: must be an object (got a string)"),
        (record(messages=[BAD, {**BAD, "author": "bot"}]), "no agent message"),
    ],
)
def test_invalid_conversation_is_rejected_with_line(line, reason):
    """An invalid conversation is rejected whole with its line and reason; the rest import."""
    result = parse_conversations(jsonl(record(id="ok1"), line, record(id="ok2")), "jsonl")
    assert [c.id for c in result.conversations] == ["ok1", "ok2"]
    (rejection,) = result.rejected
    assert (rejection.line, rejection.reason) == (2, reason)


def test_rejection_keeps_the_id_when_known():
    """A rejection carries the conversation id when the line had one."""
    (rejection,) = parse_conversations(jsonl(record(channel="fax")), "jsonl").rejected
    assert rejection.id == "c1"


def test_duplicate_id_is_rejected():
    """A second conversation with the same id is rejected, naming the first line."""
    result = parse_conversations(jsonl(record(), record()), "jsonl")
    assert [c.line for c in result.conversations] == [1]
    assert [(r.line, r.id, r.reason) for r in result.rejected] == [
        (2, "c1", "duplicate id (first on line 1)")]


def test_enumerations_are_case_insensitive():
    """Channel, language and author are read case-insensitively and stored lower-case."""
    line = record(channel="Email", language="FI", messages=[{**AGENT, "author": "Agent"}])
    (conversation,) = parse_conversations(jsonl(line), "jsonl").conversations
    assert (conversation.channel, conversation.language, conversation.messages[0].author) == (
        "email", "fi", "agent")


def test_unicode_line_separator_inside_text_is_kept():
    """A U+2028 inside a JSON string does not split the line."""
    line = record(messages=[{**AGENT, "text": "rivi\u2028toinen"}])
    data = json.dumps(line, ensure_ascii=False).encode()
    (conversation,) = parse_conversations(data, "jsonl").conversations
    assert conversation.messages[0].text == "rivi\u2028toinen"
