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


def test_two_saves_of_one_review_at_once_keep_one_and_tell_the_other(app, db, make_user):
    """Both reviewers edit revision 1 and save at the same moment: one revision 2, the other is refused."""
    from qa_app.models import Review, User
    from qa_app.services import review as service
    from qa_app.services.review import CriterionInput as C
    from tests.review_factory import agent_for, autoqa, conversation

    sup, admin = make_user("supervisor", team="A"), make_user("admin", team=None)
    conv = conversation(agent_for(make_user("learner", team="A")))
    autoqa(conv, grade_messages=False)
    scores = {"grammar": C(90), "clarity": C(80), "accuracy": C(None), "empathy": C(60)}
    scores.update({cid: C(100) for cid in ("identified-customer", "first-contact-resolution", "correct-information",
                                            "closing-next-steps", "data-protection")})
    review_id = service.submit_review(conv, sup, scores).id
    barrier = threading.Barrier(2, timeout=WAIT_S)
    authors = (sup.id, admin.id)

    def save(number: int) -> int:
        review = content_store.db.session.get(Review, review_id)
        author = content_store.db.session.get(User, authors[number])
        base = review.current.number  # both forms show revision 1
        barrier.wait()
        changed = {**scores, "correct-information": C(50 + number)}
        return service.revise_review(review, author, changed, reason=f"reviewer {number}", base=base).number

    results = run_together(app, save)
    numbers = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, service.ReviewStateError)]
    assert numbers == [2] and len(refused) == 1, results
    assert "someone else" in str(refused[0])
    db.session.expire_all()
    review = db.session.get(Review, review_id)
    assert [r.number for r in review.revisions] == [1, 2]
    winner = results.index(2)
    assert review.current.reason == f"reviewer {winner}"
    assert review.current.scores["correct-information"]["score"] == 50 + winner
