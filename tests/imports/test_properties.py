"""Hypothesis properties: redaction never raises, leaves no valid number, is idempotent; reading
random bytes raises nothing but ImportFileError."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.fi import hetu

from qa_app.imports import ImportFileError, parse_conversations, redact

from .conftest import make_card, make_hetu

VALUES = [make_hetu("131052", "-", 308), make_hetu("010101", "A", 234, lower=True),
          make_hetu("020304", "Y", 950), "FI2112345600000785", "DE89370400440532013000",
          make_card("411111111111111"), make_card("555555555555444"), "040 123 4567",
          "+358 50 123 4567", "matti@example.fi"]
PIECES = st.one_of(
    st.text(alphabet="0123456789 -+.,:/@\nabcFIYAX€[]", max_size=12),
    st.sampled_from(VALUES),
    st.text(max_size=8),
)
TEXTS = st.lists(PIECES, max_size=12).map("".join)
STANDALONE = r"(?<![^\W_]){}(?![^\W_])"
DIGIT_RUN = re.compile(STANDALONE.format(r"[0-9]{13,19}"))
HETU_TOKEN = re.compile(STANDALONE.format(r"[0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y]"), re.IGNORECASE)
IBAN_TOKEN = re.compile(STANDALONE.format(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}"), re.IGNORECASE)
HEADER = "conversation_id,channel,agent,author,at,text,resolved\n"
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10)
    | st.sampled_from(["agent", "customer", "chat", "2026-03-12T10:00:00Z", "id", "messages"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "channel", "agent", "messages", "author", "at",
                                       "text", "resolved", "language"]), children, max_size=6),
    max_leaves=12,
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _json_lines(values: list) -> bytes:
    return "\n".join(json.dumps(v) for v in values).encode()


@SETTINGS
@given(st.text())
def test_redact_never_raises(text):
    """redact() returns a string and counts for any text."""
    redacted, counts = redact(text)
    assert isinstance(redacted, str) and counts.total >= 0


@SETTINGS
@given(TEXTS)
def test_no_valid_number_survives(text):
    """No standalone digit run, HETU or IBAN in the output passes its check."""
    redacted, _ = redact(text)
    assert not [m for m in DIGIT_RUN.findall(redacted) if luhn.is_valid(m)]
    assert not [m for m in HETU_TOKEN.findall(redacted) if hetu.is_valid(m, allow_temporary=True)]
    assert not [m for m in IBAN_TOKEN.findall(redacted) if iban.is_valid(m)]


@SETTINGS
@given(TEXTS)
def test_redact_is_idempotent(text):
    """Redacting redacted text changes nothing and counts nothing."""
    once, _ = redact(text)
    twice, counts = redact(once)
    assert twice == once and counts.total == 0


@pytest.mark.parametrize("format", ["auto", "csv", "jsonl"])
@SETTINGS
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                     st.text(max_size=300).map(lambda t: (HEADER + t).encode()),
                     st.lists(JSON_VALUES, max_size=4).map(_json_lines)))
def test_random_bytes_raise_only_import_file_error(format, data):
    """Reading arbitrary bytes either parses or raises ImportFileError, never anything else."""
    try:
        parse_conversations(data, format, name="random")
    except ImportFileError:
        pass
