"""Reading CSV conversation files: grouping rows, quoting, conflicts and rejections by line."""

from __future__ import annotations

import pytest

from qa_app.imports import parse_conversations

HEADER = "conversation_id,channel,agent,author,at,text,language,customer,subject,resolved\n"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    """Return CSV bytes: the header then the given rows."""
    return (header + "".join(row + "\n" for row in rows)).encode()


def row(cid="c1", author="agent", text="Hoidettu.", at="2026-03-12T10:05:00Z", channel="email",
        agent="a1", language="fi", customer="", subject="Palautus", resolved="true") -> str:
    """Return one CSV row with the given values (no quoting added)."""
    return ",".join([cid, channel, agent, author, at, text, language, customer, subject, resolved])


def test_quoted_commas_newlines_and_quotes_are_read():
    """RFC 4180 quoting keeps commas, newlines and doubled quotes inside a field."""
    data = csv_bytes(
        row(author="customer", text='"Hei, tilaus ei tullut.\nToinen rivi ja ""lainaus""."',
            subject='"Palautus, kiire"'),
        row(subject='"Palautus, kiire"'),
    )
    result = parse_conversations(data, "csv")
    assert result.rejected == ()
    (conversation,) = result.conversations
    assert conversation.messages[0].text == 'Hei, tilaus ei tullut.\nToinen rivi ja "lainaus".'
    assert (conversation.line, conversation.subject, conversation.resolved) == (
        2, "Palautus, kiire", True)


def test_rows_of_one_conversation_need_not_be_contiguous():
    """Rows are grouped by conversation_id and keep their file order within a conversation."""
    data = csv_bytes(
        row("c1", "customer", "eka"), row("c2", "customer", "toka"),
        row("c1", "agent", "c1 vastaus"), row("c2", "agent", "c2 vastaus"),
        row("c1", "customer", "kiitos", at="2026-03-12T09:00:00Z"),
    )
    result = parse_conversations(data, "csv")
    assert [(c.id, c.line) for c in result.conversations] == [("c1", 2), ("c2", 3)]
    assert [m.text for m in result.conversations[0].messages] == ["eka", "c1 vastaus", "kiitos"]


def test_optional_columns_may_be_absent():
    """A CSV with only the required columns is read; optional fields are None."""
    header = "conversation_id,channel,agent,author,at,text\n"
    data = csv_bytes("c1,chat,a1,agent,2026-03-12T10:05:00+02:00,Moi", header=header)
    (conversation,) = parse_conversations(data, "csv").conversations
    assert (conversation.language, conversation.customer, conversation.subject,
            conversation.resolved) == (None, None, None, None)


def test_header_names_are_case_and_space_insensitive():
    """Header cells are matched after trimming and lower-casing."""
    header = " Conversation_ID ,Channel,AGENT,author,at,text\n"
    data = csv_bytes("c1,chat,a1,agent,2026-03-12T10:05:00Z,Moi", header=header)
    assert len(parse_conversations(data, "csv").conversations) == 1


@pytest.mark.parametrize("resolved, expected", [("true", True), ("FALSE", False), ("kyllä", True),
                                                ("ei", False), ("1", True), ("", None)])
def test_resolved_words_are_read(resolved, expected):
    """The resolved column accepts true/false, yes/no, kyllä/ei, 1/0 or blank."""
    (conversation,) = parse_conversations(csv_bytes(row(resolved=resolved)), "csv").conversations
    assert conversation.resolved is expected


@pytest.mark.parametrize(
    ("column", "values"),
    [("channel", ("email", "chat")), ("agent", ("a1", "a2")), ("language", ("fi", "en")),
     ("customer", ("x", "y")), ("subject", ("A", "B")), ("resolved", ("true", "false")),
     ("subject", ("A", ""))],
)
def test_conflicting_conversation_fields_are_rejected(column, values):
    """Conversation-level fields must agree across rows; the first disagreeing row is named."""
    data = csv_bytes(row(author="customer", text="x", **{column: values[0]}),
                     row("c2"), row(**{column: values[1]}))
    result = parse_conversations(data, "csv")
    assert [c.id for c in result.conversations] == ["c2"]
    (rejection,) = result.rejected
    assert (rejection.line, rejection.id) == (4, "c1")
    assert rejection.reason == (
        f"conflicting '{column}': {values[1]!r} here but {values[0]!r} on line 2")


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ([row(cid="")], 3, "missing required field 'conversation_id'"),
        ([row(channel="")], 3, "missing required field 'channel'"),
        ([row(agent="")], 3, "missing required field 'agent'"),
        ([row(channel="fax")], 3, "unknown channel 'fax' (expected chat, email, social or phone)"),
        ([row(language="de")], 3, "unknown language 'de' (expected fi, en or sv)"),
        ([row(resolved="maybe")], 3, "'resolved' must be true or false (got 'maybe')"),
        ([row(author="customer", text="x"), row(author="")], 4,
         "message 2: missing required field 'author'"),
        ([row(author="customer", text="x"), row(author="robot")], 4,
         "message 2: unknown author 'robot' (expected customer, agent, bot or system)"),
        ([row(author="customer", text="x"), row(at="2026-03-12 10:00")], 4,
         "message 2: timestamp '2026-03-12 10:00' has no UTC offset (add Z or e.g. +02:00)"),
        ([row(at="eilen")], 3, "message 1: cannot parse timestamp 'eilen' (expected ISO 8601, "
         "e.g. 2026-03-12T14:30:00+02:00)"),
        ([row(author="customer", text="x"), row(text='"  "')], 4, "message 2: empty text"),
        ([row(author="customer", text="x"), row(author="bot")], 3, "no agent message"),
        ([row(author="customer", text="x"), row() + ",extra"], 4,
         "row has 11 fields, the header has 10"),
    ],
)
def test_invalid_conversation_is_rejected_with_line(rows, line, reason):
    """An invalid conversation is rejected with its first offending row's line; the rest import."""
    data = csv_bytes(row("ok1"), *rows, row("ok2"))
    result = parse_conversations(data, "csv")
    assert [c.id for c in result.conversations] == ["ok1", "ok2"]
    (rejection,) = result.rejected
    assert (rejection.line, rejection.reason) == (line, reason)


def test_line_numbers_count_quoted_newlines():
    """A row after a multi-line quoted field gets its physical starting line."""
    data = csv_bytes(row("c1", text='"one\ntwo\nthree"'), row("c2", channel="fax"))
    (rejection,) = parse_conversations(data, "csv").rejected
    assert rejection.line == 5


def test_header_only_file_has_no_conversations():
    """A CSV with a header and no rows reads as empty, not as an error."""
    result = parse_conversations(csv_bytes(), "csv")
    assert (result.conversations, result.rejected) == ((), ())
