"""After `kohtaamo demo`, the demo supervisor and agents find a living review side in the browser."""

from __future__ import annotations

from sqlalchemy import select

from qa_app.models import Conversation, Dispute, Review
from qa_app.services.demo import load_demo
from qa_app.services.users import find_user

PASSWORD = "demo-password-42"


def test_demo_supervisor_sees_queue_dashboards_reviews_and_the_dispute(client, db, login):
    """The supervisor's queue, rules, dashboards, a transcript, a review's history and the dispute all render."""
    load_demo(password=PASSWORD, conversations=80)
    login(find_user("esihenkilo@example.com"), PASSWORD)
    client.post("/lang", data={"lang": "en"})
    for url in ("/review/queue", "/review/rules", "/review/quality", "/review/conversations", "/review/disputes"):
        response = client.get(url)
        assert response.status_code == 200, url
    revised = next(r for r in db.session.scalars(select(Review)) if len(r.revisions) == 2)
    detail = client.get(f"/review/reviews/{revised.id}").get_data(as_text=True)
    assert "Kuuntelin tallenteen uudelleen" in detail
    transcript = client.get(f"/review/conversations/{revised.conversation_id}")
    assert transcript.status_code == 200
    disputes = client.get("/review/disputes").get_data(as_text=True)
    dispute = db.session.scalars(select(Dispute)).one()
    assert f"/review/reviews/{dispute.review_id}" in disputes


def test_demo_agent_sees_only_their_own_reviews(client, db, login):
    """oppija@example.com's review list shows their reviews; another agent's review is not theirs to open."""
    load_demo(password=PASSWORD, conversations=80)
    oppija = find_user("oppija@example.com")
    login(oppija, PASSWORD)
    page = client.get("/review/mine")
    assert page.status_code == 200
    reviews = list(db.session.scalars(select(Review)))
    own = [r for r in reviews if r.conversation.agent.user_id == oppija.id]
    other = [r for r in reviews if r.conversation.agent.user_id != oppija.id]
    assert own and other
    text = page.get_data(as_text=True)
    assert all(f"/review/reviews/{r.id}" in text for r in own)
    assert client.get(f"/review/reviews/{own[0].id}").status_code == 200
    assert client.get(f"/review/reviews/{other[0].id}").status_code in (403, 404)
    unlinked = db.session.scalars(select(Conversation).where(Conversation.agent.has(user_id=None))).first()
    assert client.get(f"/review/conversations/{unlinked.id}").status_code in (403, 404)
