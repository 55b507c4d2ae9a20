"""Two requests at once on the same rows: they share what the first one stored, or the loser is told.

Each thread gets its own app context, so its own session and database connection, as two requests
of a threaded server would. A barrier holds both threads at the racy point, so the race happens on
every run, not by luck; every wait is bounded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from qa_app.models import ContentVersion
from qa_app.services import content_store

WAIT_S = 10


def run_together(app, work: Callable[[int], object], count: int = 2) -> list[object]:
    """Run work(0) .. work(count-1) in threads, each in its own app context; return results or errors."""
    results: list[object] = [None] * count

    def target(number: int) -> None:
        with app.app_context():
            try:
                results[number] = work(number)
            except Exception as error:  # reported to the test, which asserts on it
                results[number] = error

    threads = [threading.Thread(target=target, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_S * 2)
        assert not thread.is_alive(), "a thread did not finish in time (a deadlock?)"
    return results


@dataclass
class Item:
    id: str = "kilpailu"
    version: int = 1
    content_hash: str = "c" * 64
    raw: dict = field(default_factory=lambda: {"id": "kilpailu", "version": 1})


def test_two_first_uses_of_one_version_at_once_share_one_row(app, db, monkeypatch):
    """Both requests look, find nothing, insert: the loser re-reads the winner's row instead of failing."""
    barrier = threading.Barrier(2, timeout=WAIT_S)
    looked = threading.local()
    real = content_store._stored_version

    def look_then_wait(kind, item):
        found = real(kind, item)
        if not getattr(looked, "once", False):  # only the first look waits: both saw "not stored"
            looked.once = True
            barrier.wait()
        return found

    monkeypatch.setattr(content_store, "_stored_version", look_then_wait)

    def first_use(_number: int) -> int:
        stored = content_store.record_version("scenario", Item())
        version_id = stored.id
        content_store.db.session.commit()
        return version_id

    results = run_together(app, first_use)
    assert all(isinstance(result, int) for result in results), results
    assert results[0] == results[1]
    count = db.session.scalar(select(func.count(ContentVersion.id)).where(ContentVersion.content_id == "kilpailu"))
    assert count == 1
