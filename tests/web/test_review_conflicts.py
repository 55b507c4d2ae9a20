"""Two saves of one review from forms filled on the same revision: no lost update, the loser is told."""

from __future__ import annotations

from sqlalchemy import select

from qa_app.models import Review
from tests.review_factory import agent_for, autoqa, conversation
from tests.web.test_review_pages import scorecard_post


def test_a_save_from_a_form_older_than_the_review_is_refused_and_explained(client, login, make_user, db):
    """Tab A and tab B show version 1; A saves version 2; B's save does not replace A's without a word."""
    sup = make_user("supervisor", team="A", locale="en")
    conv = conversation(agent_for(make_user("learner", team="A", locale="en")))
    autoqa(conv)
    login(sup)
    assert client.post(f"/review/conversations/{conv.id}", data=scorecard_post()).status_code == 303
    review = db.session.scalars(select(Review)).one()
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert 'name="draft_base" value="1"' in page  # both tabs carry this
    tab_a = scorecard_post(**{"score__correct-information": "50", "reason": "Wrong price", "draft_base": "1"})
    tab_b = scorecard_post(**{"score__correct-information": "70", "reason": "Partly right", "draft_base": "1"})
    assert client.post(f"/review/conversations/{conv.id}", data=tab_a).status_code == 303
    response = client.post(f"/review/conversations/{conv.id}", data=tab_b)
    assert response.status_code == 400
    assert "Someone else saved this review while you were editing it" in response.get_data(as_text=True)
    db.session.expire_all()
    assert [r.number for r in review.revisions] == [1, 2]
    assert review.current.reason == "Wrong price" and review.current.scores["correct-information"]["score"] == 50
    # A form from the current version saves as before.
    tab_b["draft_base"] = "2"
    assert client.post(f"/review/conversations/{conv.id}", data=tab_b).status_code == 303
    db.session.expire_all()
    assert [r.number for r in review.revisions] == [1, 2, 3]
