"""The conversation generator: reproducible, importable without rejections, and a realistic mix."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from stdnum import iban as iban_check
from stdnum.fi import hetu as hetu_check

from qa_app.imports import parse_conversations
from qa_app.imports.generate import FIRST_REPLY, generate_conversations, write_csv, write_jsonl

_HETU = re.compile(r"\b\d{6}[-+A-FYXWVU]\d{3}[0-9A-Ya-y]\b")
_IBAN = re.compile(r"\bFI\d{2}(?: ?\d{4}){3} ?\d{2}\b")


@pytest.fixture(scope="module")
def thousand() -> list[dict]:
    return generate_conversations(1000, 1)


def _jsonl(conversations: list[dict]) -> bytes:
    out = io.StringIO()
    write_jsonl(conversations, out)
    return out.getvalue().encode("utf-8")


def _csv(conversations: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    write_csv(conversations, out)
    return out.getvalue().encode("utf-8")


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_same_seed_gives_identical_output():
    """Two runs with the same arguments give byte-identical files."""
    start = datetime(2026, 3, 2, tzinfo=UTC)
    assert _jsonl(generate_conversations(300, 5, start)) == _jsonl(generate_conversations(300, 5, start))


def test_different_seeds_differ():
    """Another seed gives other conversations, not a reshuffle of the same ones."""
    first, second = generate_conversations(100, 1), generate_conversations(100, 2)
    texts = {m["text"] for c in first for m in c["messages"] if m["author"] == "customer"}
    other = {m["text"] for c in second for m in c["messages"] if m["author"] == "customer"}
    assert first != second and len(texts & other) < len(texts) / 2


def test_the_period_moves_times_not_the_mix():
    """Another start date gives the same conversations (channels, agents, languages, customers), only at other times."""
    shape = lambda items: [(c["channel"], c["agent"], c["language"], c.get("customer"), len(c["messages"]))  # noqa: E731
                           for c in items]
    early = generate_conversations(200, 4, datetime(2026, 1, 5, tzinfo=UTC))
    late = generate_conversations(200, 4, datetime(2026, 7, 20, tzinfo=UTC))
    assert Counter(shape(early)) == Counter(shape(late))


def test_count_period_and_agents_are_respected():
    """Exactly n conversations, oldest first, inside the period, handled by the agents given."""
    start = datetime(2026, 5, 4, tzinfo=UTC)
    conversations = generate_conversations(250, 3, start, ["anna@example.com", "a17"], days=14)
    assert len(conversations) == 250
    assert {c["agent"] for c in conversations} == {"anna@example.com", "a17"}
    firsts = [_at(c["messages"][0]["at"]) for c in conversations]
    assert all(start <= _at(m["at"]) <= start + timedelta(days=14) for c in conversations for m in c["messages"])
    assert firsts == sorted(firsts)
    assert len({c["id"] for c in conversations}) == 250


@pytest.mark.parametrize("kwargs", [{"n": -1}, {"agents": []}, {"agents": [" "]}, {"days": 0},
                                    {"languages": {"de": 1}}, {"languages": {"fi": 0}}])
def test_bad_arguments_raise_value_error(kwargs):
    """A negative count, no agents, an empty period or unknown languages are refused."""
    arguments = {"n": 5, "seed": 1} | kwargs
    with pytest.raises(ValueError):
        generate_conversations(**arguments)


@pytest.mark.parametrize("writer", [_jsonl, _csv], ids=["jsonl", "csv"])
def test_every_conversation_passes_the_importer(thousand, writer):
    """The real importer reads all 1,000 conversations, in JSONL and in CSV, with no rejection."""
    name = "generated.jsonl" if writer is _jsonl else "generated.csv"
    result = parse_conversations(writer(thousand), "auto", name=name)
    assert result.rejected == ()
    assert len(result.conversations) == 1000


def test_jsonl_and_csv_import_to_the_same_conversations(thousand):
    """Both formats carry the same fields: the parsed conversations are equal but for line numbers."""
    from_jsonl = parse_conversations(_jsonl(thousand), "jsonl").conversations
    from_csv = parse_conversations(_csv(thousand), "csv").conversations
    strip = lambda items: sorted((c.id, c.channel, c.agent, c.language, c.customer, c.subject, c.resolved,  # noqa: E731
                                  c.messages, c.flag) for c in items)
    assert strip(from_jsonl) == strip(from_csv)


def test_mix_of_channels_languages_authors_and_timestamps(thousand):
    """Every channel and language, bot and system messages in chat, subjects on e-mail, Z and offsets."""
    channels = Counter(c["channel"] for c in thousand)
    assert set(channels) == {"chat", "email", "social", "phone"} and min(channels.values()) > 80
    languages = Counter(c["language"] for c in thousand)
    assert languages["fi"] > languages["en"] > languages["sv"] > 0
    chat_authors = {m["author"] for c in thousand if c["channel"] == "chat" for m in c["messages"]}
    assert chat_authors == {"customer", "agent", "bot", "system"}
    assert all(c.get("subject") for c in thousand if c["channel"] == "email")
    assert not any("subject" in c for c in thousand if c["channel"] != "email")
    stamps = [m["at"] for c in thousand for m in c["messages"]]
    assert any(s.endswith("Z") for s in stamps) and any(s.endswith(("+02:00", "+03:00")) for s in stamps)
    resolved = Counter(c.get("resolved") for c in thousand)
    assert resolved[True] and resolved[False] and resolved[None]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_spam_and_system_share_of_email_is_ten_to_twenty_percent(seed):
    """10–20 % of the e-mail queue is flagged by the importer's own rules; other channels never."""
    parsed = parse_conversations(_jsonl(generate_conversations(1000, seed)), "jsonl").conversations
    emails = [c for c in parsed if c.channel == "email"]
    share = sum(1 for c in emails if c.flag) / len(emails)
    assert 0.10 <= share <= 0.20, share
    assert {c.flag for c in emails} == {None, "spam", "system"}
    assert not any(c.flag for c in parsed if c.channel != "email")


def test_repeat_contacts_within_and_after_seven_days_across_channels(thousand):
    """Customers come back, within a week (first contact not resolved) and later, often elsewhere."""
    by_customer: dict[str, list[dict]] = {}
    for conversation in thousand:
        if "customer" in conversation:
            by_customer.setdefault(conversation["customer"], []).append(conversation)
    soon = later = cross_channel = 0
    came_back: set[str] = set()
    for contacts in by_customer.values():
        for first, second in zip(contacts, contacts[1:], strict=False):
            gap = _at(second["messages"][0]["at"]) - _at(first["messages"][0]["at"])
            soon += gap <= timedelta(days=7)
            if gap <= timedelta(days=7):
                came_back.add(first["id"])
            later += gap > timedelta(days=7)
            cross_channel += first["channel"] != second["channel"]
            if gap <= timedelta(days=7) and "resolved" in first:
                assert first["resolved"] is False
    assert soon > 100 and later > 20 and cross_channel > 50
    # About a third of contacts are not solved at first contact (a repeat within 7 days or resolved false).
    unsolved = came_back | {c["id"] for c in thousand if c.get("resolved") is False}
    assert 0.2 < len(unsolved) / len(thousand) < 0.45


def test_personal_data_is_present_and_redacted_on_import(thousand):
    """Customers give phones, e-mails, valid HETUs, IBANs and cards; the importer removes every one."""
    raw = " ".join(m["text"] for c in thousand for m in c["messages"] if m["author"] == "customer")
    hetus = [h for h in _HETU.findall(raw) if hetu_check.is_valid(h)]
    ibans = [i for i in _IBAN.findall(raw) if iban_check.is_valid(i)]
    assert len(hetus) > 20 and len(ibans) > 20
    result = parse_conversations(_jsonl(thousand), "jsonl")
    counts = result.redacted.to_dict()
    assert all(counts[kind] > 10 for kind in ("hetu", "iban", "card", "phone", "email")), counts
    stored = " ".join(m.text for c in result.conversations for m in c.messages)
    assert not any(value in stored for value in hetus + ibans)
    assert "[HETU]" in stored and "[IBAN]" in stored and "[PHONE]" in stored
    assert re.search(r"JJFI\d{17}", stored), "tracking codes are not personal data and stay"


def test_good_and_bad_replies_both_occur(thousand):
    """Agents greet and show empathy, and some ask for a password, promise a discount or reply late."""
    agent_text = [m["text"] for c in thousand for m in c["messages"] if m["author"] == "agent"]
    joined = "\n".join(agent_text)
    assert "pahoittelen" in joined.lower() and "sorry" in joined.lower()
    assert "salasana" in joined or "password" in joined
    assert "30 % alennuksen" in joined or "30% off" in joined
    late = 0
    for conversation in thousand:
        messages = conversation["messages"]
        first_customer = next((_at(m["at"]) for m in messages if m["author"] == "customer"), None)
        first_agent = next((_at(m["at"]) for m in messages if m["author"] == "agent"), None)
        if first_customer and first_agent and first_agent > first_customer and conversation["channel"] != "phone":
            late += (first_agent - first_customer).total_seconds() > FIRST_REPLY[conversation["channel"]][1]
    assert late > 30


def test_conversations_do_not_look_like_copies(thousand):
    """Customer openings and agent answers repeat rarely across 1,000 conversations."""
    openings = [next(m["text"] for m in c["messages"] if m["author"] == "customer") for c in thousand]
    assert len(set(openings)) > 0.85 * len(openings)
    answers = [m["text"] for c in thousand for m in c["messages"] if m["author"] == "agent" and len(m["text"]) > 120]
    assert len(set(answers)) > 0.9 * len(answers)


def test_jsonl_lines_are_the_import_format(thousand):
    """Each line is one JSON object with the documented fields only."""
    lines = _jsonl(thousand[:50]).decode().splitlines()
    allowed = {"id", "channel", "agent", "language", "customer", "subject", "resolved", "messages"}
    for line in lines:
        record = json.loads(line)
        assert set(record) <= allowed and {"id", "channel", "agent", "messages"} <= set(record)
        assert all(set(m) == {"author", "at", "text"} and m["text"].strip() for m in record["messages"])
