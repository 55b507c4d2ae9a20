"""Import rejection reasons on the pages are in the reader's language; the CLI keeps English."""

from __future__ import annotations

import json

import pytest
from flask_babel import force_locale

from qa_app.imports import parse_conversations
from qa_app.review.import_reasons import localize


def _line(**changes) -> str:
    conversation = {"id": "c1", "channel": "chat", "agent": "A-1", "messages": [
        {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Hei"},
        {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Hei, autan."}]}
    conversation.update(changes)
    return json.dumps(conversation)


BROKEN_JSONL = "\n".join([
    "{broken", "[1, 2]", _line(id="c2", channel="fax"), _line(id="c3", messages=[]),
    _line(id="c4", messages=[{"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Hei"}]),
    _line(id="c5", messages=[{"author": "agent", "at": "eilen", "text": "Hei"}]),
    _line(id="c6", messages=[{"author": "agent", "at": "2026-11-30T08:00:00", "text": "Hei"}]),
    _line(id="c7", messages=[{"author": "agent", "at": "2026-11-30T08:00:00Z", "text": " "}]),
    _line(id="c8", resolved="maybe"), _line(id="c9", agent=5), _line(id="c9"), _line(id="c9"),
    json.dumps({"id": "c10", "channel": "chat", "messages": []}),
    _line(id="c11", messages=["hei"]),
]) + "\n"
BROKEN_CSV = (
    "conversation_id,channel,agent,author,at,text\n"
    "k1,chat,A-1,customer,2026-11-30T08:00:00Z,Hei\n"
    "k1,email,A-1,agent,2026-11-30T08:01:00Z,Hei\n"
    "k2,chat,A-1,agent,2026-11-30T08:01:00Z\n"
    ",chat,A-1,agent,2026-11-30T08:01:00Z,Hei\n"
)


@pytest.mark.parametrize(("data", "fmt"), [(BROKEN_JSONL, "jsonl"), (BROKEN_CSV, "csv")])
def test_every_reason_the_importer_gives_has_a_finnish_text(app, data, fmt):
    reasons = [r.reason for r in parse_conversations(data.encode(), fmt, f"broken.{fmt}").rejected]
    assert len(reasons) >= (12 if fmt == "jsonl" else 3)
    with app.test_request_context(), force_locale("fi"):
        untranslated = [reason for reason in reasons if localize(reason) == reason]
    assert untranslated == []


def test_reasons_render_with_their_values_and_english_stays_english(app):
    with app.test_request_context():
        with force_locale("fi"):
            assert localize("message 2: missing required field 'at'") == "viesti 2: pakollinen kenttä 'at' puuttuu"
            assert localize("unknown channel 'fax' (expected chat, email, social or phone)") == (
                "tuntematon channel 'fax' (odotettiin chat, email, social tai phone)")
            assert localize("something new") == "something new"
        with force_locale("en"):
            assert localize("no agent message") == "no agent message"
