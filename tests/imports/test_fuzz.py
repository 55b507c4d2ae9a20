"""Hypothesis fuzzing of the conversation importers (docs/import-formats.md): valid conversations
written as JSONL or CSV read back the same; a corrupted file or a hostile field value gives
ImportFileError or row-level rejections, never another exception, and what is imported can be
stored (no NUL, no lone surrogate, UTC timestamps).

Examples per property come from the hypothesis profile (tests/conftest.py): few and derandomized
in the normal suite, many with KOHTAAMO_FUZZ=long.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_app.imports import ImportFileError, parse_conversations
from qa_app.imports.generate import write_csv, write_jsonl

# Words only: digits and @ could form phone numbers or addresses, which redaction changes.
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ,.!?'\"\n;:-", min_size=1, max_size=40)
TEXTS = WORDS.filter(lambda text: text.strip())
IDS = st.text(alphabet="ABCXYZ-_.0123456789abc", min_size=1, max_size=12).filter(
    lambda text: text.strip() and len(text) < 7)
AT = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31),
                  timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)),
                                             timezone(timedelta(hours=-5, minutes=-30))]))


@st.composite
def conversations(draw, number: int):
    messages = draw(st.lists(st.fixed_dictionaries({
        "author": st.sampled_from(["customer", "agent", "bot", "system"]),
        "at": AT.map(lambda moment: moment.isoformat()),
        "text": TEXTS,
    }), min_size=0, max_size=4))
    messages.append({"author": "agent", "at": draw(AT).isoformat(), "text": draw(TEXTS)})
    record = {"id": f"{draw(IDS)}-{number}", "channel": draw(st.sampled_from(["chat", "email", "social", "phone"])),
              "agent": draw(IDS), "messages": messages}
    optional = {"language": st.sampled_from(["fi", "en", "sv"]), "customer": IDS,
                "subject": TEXTS.map(str.strip).filter(bool), "resolved": st.booleans()}
    for key, strategy in optional.items():
        if draw(st.booleans()):
            record[key] = draw(strategy)
    return record


FILES = st.integers(min_value=1, max_value=4).flatmap(
    lambda n: st.tuples(*[conversations(number) for number in range(n)]))


def _write(records, fmt: str, errors: str = "strict") -> bytes:
    out = io.StringIO(newline="")
    (write_jsonl if fmt == "jsonl" else write_csv)(records, out)
    return out.getvalue().encode("utf-8", errors)


def _assert_storable(result, data: bytes) -> None:
    """What the reader returns can go to the database and its rejections point at real lines."""
    lines = len(re.findall(rb"\r\n|\r|\n", data)) + 1  # CSV also ends a line at a lone CR
    for conversation in result.conversations:
        strings = [conversation.id, conversation.agent, conversation.customer or "",
                   conversation.subject or "", *(m.text for m in conversation.messages)]
        for value in strings:
            value.encode("utf-8")  # no lone surrogate
            assert "\x00" not in value
        assert all(m.at.utcoffset() == timedelta(0) for m in conversation.messages)
        assert any(m.author == "agent" for m in conversation.messages)
    for rejection in result.rejected:
        assert 1 <= rejection.line <= lines and rejection.reason.strip()
        rejection.reason.encode("utf-8"), (rejection.id or "").encode("utf-8")  # the report is shown


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@given(records=FILES)
def test_valid_conversations_round_trip(fmt, records):
    """Conversations written by write_jsonl/write_csv read back with the same fields and messages."""
    result = parse_conversations(_write(records, fmt), fmt, name=f"fuzz.{fmt}")
    assert not result.rejected
    assert [c.id for c in result.conversations] == [r["id"] for r in records]
    for conversation, record in zip(result.conversations, records, strict=True):
        assert (conversation.channel, conversation.agent) == (record["channel"], record["agent"])
        assert conversation.language == record.get("language")
        assert conversation.customer == record.get("customer")
        assert conversation.subject == record.get("subject")
        assert conversation.resolved == record.get("resolved")
        assert [(m.author, m.text) for m in conversation.messages] == [
            (m["author"], m["text"]) for m in record["messages"]]
        assert [m.at for m in conversation.messages] == [
            datetime.fromisoformat(m["at"]).astimezone(UTC) for m in record["messages"]]


HOSTILE_PIECES = st.sampled_from([
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\n\n", b'"', b'""',
    b",", b"{", b"}", b"[", b"]", b":", b"\\", b"\\u0000", b"\\ud800", b"\\udfff", b'"\\ud83d"',
    b"NaN", b"Infinity", b"-0", b"1e999", b"9" * 5000, b"[" * 2000, b"null", b"true",
    b"9999-12-31T23:59:59-23:59", b"0001-01-01T00:00:00+23:59", b"2026-02-30T10:00:00Z",
    b"\xe2\x80\xa8", b"\xc2\x85", b"\t", b"agent", b"customer", b"conversation_id",
])


@st.composite
def corrupted(draw, fmt: str):
    data = bytearray(_write(draw(FILES), fmt))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(data)))
        end = draw(st.integers(min_value=start, max_value=min(len(data), start + 8)))
        piece = draw(st.one_of(HOSTILE_PIECES, st.binary(max_size=6)))
        data[start:end] = piece
    return bytes(data)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@given(data=st.data())
def test_corrupted_files_give_file_errors_or_row_rejections(fmt, data):
    """Bytes cut, replaced or inserted anywhere in a valid file (NUL, bad UTF-8, surrogate escapes,
    stray quotes, huge numbers, deep nesting, dates at datetime's limits) raise ImportFileError or
    become rejections naming a line; nothing else is raised and nothing unstorable is imported."""
    raw = data.draw(corrupted(fmt), label="file")
    for format in (fmt, "auto"):
        try:
            result = parse_conversations(raw, format, name=f"fuzz.{fmt}")
        except ImportFileError as error:
            assert str(error).startswith(f"fuzz.{fmt}: ") and "\n" not in str(error)
            continue
        _assert_storable(result, raw)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
    | st.sampled_from(["", " ", "\x00", "\ud800", "agent", "chat", "FI", "2026-03-12T10:00:00",
                       "9999-12-31T23:59:59-23:59", "9999-12-31T23:59:59.999999+00:00", "kyllä"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "channel", "agent", "language", "customer", "subject", "resolved", "messages"]
MESSAGE_FIELDS = ["author", "at", "text"]


@given(record=conversations(0), field=st.sampled_from(FIELDS + MESSAGE_FIELDS), value=JSON_VALUES,
       fmt=st.sampled_from(["jsonl", "csv"]))
def test_any_field_value_is_imported_or_rejected_by_row(record, field, value, fmt):
    """Any JSON value in any field (CSV: its text) is imported or rejected on the conversation's
    line with a reason; never an exception."""
    if field in MESSAGE_FIELDS:
        record["messages"][-1][field] = value
    else:
        record[field] = value
    if fmt == "jsonl":
        raw = json.dumps(record).encode("utf-8")  # ASCII escapes: a lone surrogate survives as \ud800
    else:
        if field == "messages":  # CSV has no messages column: its rows are the messages
            return
        record = {k: (v if isinstance(v, str) or k == "messages" else json.dumps(v)) for k, v in record.items()}
        for message in record["messages"]:
            message.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in message.items()})
        raw = _write([record], "csv", errors="surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    try:
        result = parse_conversations(raw, fmt, name="field")
    except ImportFileError:
        assert fmt == "csv"  # only a CSV whose text is not UTF-8 (a lone surrogate) fails whole
        return
    assert len(result.conversations) + len(result.rejected) == 1
    _assert_storable(result, raw)


FINDINGS = [
    ("timestamp after datetime.max in UTC", {"at": "9999-12-31T23:59:59-23:59"},
     "message 1: timestamp '9999-12-31T23:59:59-23:59' is out of range"),
    ("timestamp before datetime.min in UTC", {"at": "0001-01-01T00:00:00+23:59"},
     "message 1: timestamp '0001-01-01T00:00:00+23:59' is out of range"),
    ("NUL in message text", {"text": "Hei\x00"}, "message 1: 'text' holds a NUL character (0x00)"),
]
SURROGATE = ("lone surrogate escape in text", {"text": "Hei \ud800"}, "message 1: 'text' holds a lone surrogate")


# A lone surrogate cannot be written in a UTF-8 CSV (such a file is refused whole): JSONL only.
@pytest.mark.parametrize(("fmt", "name", "line", "reason"),
                         [("jsonl", *f) for f in [*FINDINGS, SURROGATE]] + [("csv", *f) for f in FINDINGS])
def test_fuzz_findings_are_row_rejections(fmt, name, line, reason):
    """Inputs that crashed the reader (OverflowError) or imported text PostgreSQL cannot store
    (NUL, lone surrogate) are rejected with a reason naming the message."""
    message = {"author": "agent", "at": "2026-03-12T10:00:00Z", "text": "Hei", **line}
    record = {"id": "T-1", "channel": "chat", "agent": "a1", "messages": [message]}
    raw = json.dumps(record).encode() if fmt == "jsonl" else _write([record], "csv")
    result = parse_conversations(raw, fmt, name="x")
    assert not result.conversations
    assert [r.reason[:len(reason)] for r in result.rejected] == [reason]


@pytest.mark.parametrize(("field", "reason"), [
    ("id", "'id' holds a lone surrogate"), ("agent", "'agent' holds a lone surrogate"),
    ("subject", "'subject' holds a NUL character"), ("customer", "'customer' holds a NUL character"),
])
def test_conversation_fields_with_unstorable_text_are_rejected(field, reason):
    """A lone surrogate or NUL in a conversation-level JSONL field is a row rejection too."""
    value = "x\ud800" if "surrogate" in reason else "x\x00"
    record = {"id": "T-1", "channel": "chat", "agent": "a1", field: value,
              "messages": [{"author": "agent", "at": "2026-03-12T10:00:00Z", "text": "Hei"}]}
    result = parse_conversations(json.dumps(record).encode(), "jsonl", name="x")
    assert [r.reason[:len(reason)] for r in result.rejected] == [reason]


def test_a_rejected_id_with_a_lone_surrogate_is_reported_as_its_escape():
    """{"id": "T\\ud800", ...} is rejected with the id shown as the text T\\ud800, which the
    import page can render (a lone surrogate cannot be encoded as UTF-8 in the response)."""
    raw = b'{"id": "T\\ud800", "channel": "chat", "agent": "a1", "messages": []}'
    result = parse_conversations(raw, "jsonl", name="x")
    assert [(r.id, r.reason) for r in result.rejected] == [("T\\ud800", "'id' holds a lone surrogate "
                                                          "(an escape such as \\ud800 that is not a character)")]
