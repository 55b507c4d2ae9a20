"""The import service's transaction: a lost race for an id is retried and counted as a duplicate."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from qa_app.imports import parse_conversations
from qa_app.models import Conversation
from qa_app.services import conversations as service


def _parsed(*ids: str):
    lines = [
        json.dumps({"id": conv_id, "channel": "chat", "agent": "agent-7", "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": "Hei"},
            {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Hei, miten voin auttaa?"},
        ]})
        for conv_id in ids
    ]
    return parse_conversations("\n".join(lines).encode(), format="jsonl")


def test_concurrent_import_of_the_same_ids_counts_duplicates(db, monkeypatch):
    """When another import stored an id after the duplicate check, the file is staged again and nothing doubles."""
    service.import_parsed(_parsed("c1"), "import")
    real_existing = service._existing_ids
    calls = []

    def stale_once(source, ids):  # the first check misses c1, as a concurrent import would
        calls.append(ids)
        return set() if len(calls) == 1 else real_existing(source, ids)

    monkeypatch.setattr(service, "_existing_ids", stale_once)
    report = service.import_parsed(_parsed("c1", "c2"), "import")
    assert (report.imported, report.duplicates) == (1, 1) and len(calls) == 2
    assert db.session.scalar(select(func.count(Conversation.id))) == 2
