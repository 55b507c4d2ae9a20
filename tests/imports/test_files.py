"""Files that cannot be read at all raise ImportFileError; format is chosen by name or content."""

from __future__ import annotations

import json

import pytest

from qa_app.imports import ImportFileError, parse_conversations, read_conversations

LINE = {"id": "c1", "channel": "chat", "agent": "a1",
        "messages": [{"author": "agent", "at": "2026-03-12T10:00:00Z", "text": "Hei"}]}
CSV = b"conversation_id,channel,agent,author,at,text\nc1,chat,a1,agent,2026-03-12T10:00:00Z,Hei\n"


@pytest.mark.parametrize(
    ("data", "format", "message"),
    [
        (b"", "auto", "x.csv: empty file"),
        (b"  \n\n", "jsonl", "x.csv: empty file"),
        (b"\xef\xbb\xbf", "csv", "x.csv: empty file"),
        (b"caf\xe9", "csv", "x.csv: not UTF-8 text (byte 0xe9 at offset 3); save the file as UTF-8"),
        (CSV, "xml", "x.csv: unknown format 'xml' (expected auto, csv or jsonl)"),
        (b",,,\nc1,chat", "csv", "x.csv: CSV has no header row"),
        (b"c1,chat,a1,bot,2026-03-12T10:00:00Z,Hei\n", "csv",
         "x.csv: CSV header lacks required column(s) conversation_id, channel, agent, author, at, "
         "text (found 'c1', 'chat', 'a1', 'bot', '2026-03-12T10:00:00Z', 'Hei')"),
        (b"conversation_id,channel,agent,text\n", "csv",
         "x.csv: CSV header lacks required column(s) author, at (found 'conversation_id', "
         "'channel', 'agent', 'text')"),
        (CSV.replace(b"text", b"text,agent"), "csv", "x.csv: CSV header repeats column(s) agent"),
        (b'conversation_id,channel,agent,author,at,text\nc1,"chat"x,a1\n', "csv",
         "x.csv: line 2: malformed CSV (',' expected after '\"')"),
    ],
)
def test_unreadable_input_raises(data, format, message):
    """Each kind of unreadable input raises ImportFileError with one clear line."""
    with pytest.raises(ImportFileError) as caught:
        parse_conversations(data, format, name="x.csv")
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_missing_file_raises(tmp_path):
    """A missing path raises ImportFileError naming it."""
    path = tmp_path / "nope.csv"
    with pytest.raises(ImportFileError, match="nope.csv: no such file$"):
        read_conversations(path)


def test_directory_raises(tmp_path):
    """A directory raises ImportFileError."""
    with pytest.raises(ImportFileError, match="is a directory"):
        read_conversations(tmp_path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.csv", CSV), ("a.CSV", CSV), ("a.jsonl", json.dumps(LINE).encode()),
     ("a.ndjson", json.dumps(LINE).encode()), ("a.json", json.dumps(LINE).encode()),
     ("a.txt", json.dumps(LINE).encode()), ("a.txt", CSV), ("noext", b"\n  " + json.dumps(LINE).encode()),
     ("bom.csv", b"\xef\xbb\xbf" + CSV)],
)
def test_auto_format_by_extension_then_content(tmp_path, name, content):
    """Auto picks the format from the extension, else from the first non-blank character."""
    path = tmp_path / name
    path.write_bytes(content)
    result = read_conversations(path)
    assert [c.id for c in result.conversations] == ["c1"]


def test_explicit_format_overrides_extension():
    """An explicit format wins over the name's extension."""
    result = parse_conversations(CSV, "csv", name="upload.jsonl")
    assert len(result.conversations) == 1
