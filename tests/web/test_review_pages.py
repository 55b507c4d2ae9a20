"""The reviewing pages: queue and rules, the review page with drafts, details, disputes, my reviews."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from qa_app.models import Dispute, Review, ReviewAssignment, ReviewDraft, SamplingRule
from qa_app.services import review as service
from qa_app.services.review import CriterionInput as C
from tests.review_factory import agent_for, autoqa, conversation

MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")


def scorecard_post(**changes) -> dict[str, str]:
    """A complete scorecard as the form posts it: AutoQA's values kept, manual ones 100."""
    data = {"score__grammar": "90", "score__clarity": "80", "score__accuracy": "", "score__empathy": "60",
            "comment": "Hyvä vastaus", "submit": "Submit review"}
    data.update({f"score__{cid}": "100" for cid in MANUAL})
    data.update(changes)
    return data


def full_scores() -> dict[str, C]:
    scores = {"grammar": C(90), "clarity": C(80), "accuracy": C(None), "empathy": C(60)}
    scores.update({cid: C(100) for cid in MANUAL})
    return scores


def fresh(db, model, ident):
    """Read a row as the requests left it (they ran in their own sessions)."""
    db.session.expire_all()
    return db.session.get(model, ident)


def token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture()
def people(make_user):
    return {
        "sup": make_user("supervisor", team="A", locale="en"),
        "agent": make_user("learner", team="A", locale="en"),
        "agent2": make_user("learner", team="A", locale="en"),
        "other_sup": make_user("supervisor", team="B", locale="en"),
    }


@pytest.fixture()
def conv(db, people):
    """Team A's conversation with a customer id, AutoQA graded for real, and the same customer's email."""
    agent = agent_for(people["agent"])
    chat = conversation(agent, "chat-1", customer="cust-9")
    autoqa(chat)
    conversation(agent, "mail-1", channel="email", customer="cust-9")
    return chat


def test_review_page_shows_transcript_marks_redactions_and_other_contacts(client, login, people, conv):
    """Authors are labelled, [HETU] is styled with its meaning, AutoQA marks sit in the agent's message."""
    login(people["sup"])
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert 'class="turn turn--customer"' in page and 'class="turn turn--agent"' in page
    assert '<span class="redacted" title="personal identity code removed">[HETU]' in page
    assert 'class="hl hl--' in page and 'id="f-1-1"' in page  # the agent's message is position 1
    assert "This customer’s other conversations" in page and "mail-1" not in page.split("other-contacts")[0]
    assert 'value="90"' in page  # grammar pre-filled from AutoQA
    assert "Not applicable" in page and 'name="na__data-protection"' not in page
    assert "Handling time: 2:00 min" in page


def test_submit_with_override_needs_reason_and_keeps_the_draft(client, login, people, conv, db):
    """A changed AutoQA score without a reason is a field error; what was typed survives a reload."""
    login(people["sup"])
    response = client.post(f"/review/conversations/{conv.id}", data=scorecard_post(score__grammar="40"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Say why you changed the AutoQA score." in page
    assert db.session.scalar(select(func.count(Review.id))) == 0
    reloaded = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert 'value="40"' in reloaded and "Hyvä vastaus" in reloaded
    response = client.post(f"/review/conversations/{conv.id}",
                           data=scorecard_post(score__grammar="40", override__grammar="Many typos"))
    assert response.status_code == 303
    review = db.session.scalars(select(Review)).one()
    assert review.current.scores["grammar"]["override_reason"] == "Many typos"
    assert db.session.scalar(select(func.count(ReviewDraft.id))) == 0


def test_draft_endpoint_and_save_draft_button(client, login, people, conv, db):
    """The JS endpoint and the no-JS button both keep the half-filled form, restored on reload."""
    login(people["sup"])
    response = client.post(f"/review/conversations/{conv.id}/draft",
                           data={"score__identified-customer": "50", "comment": "kesken"})
    assert response.status_code == 200 and response.get_json()["saved"] is True
    assert response.get_json()["overall"] is None  # incomplete: no preview
    complete = client.post(f"/review/conversations/{conv.id}/draft", data=scorecard_post(
        **{"score__first-contact-resolution": "", "na__first-contact-resolution": "y", "score__closing-next-steps": "",
           "na__closing-next-steps": "y", "score__identified-customer": "50"}))
    # By hand: grammar 90, clarity 80, empathy 60 (weight 10 each), identification 50 (15), correct
    # information 100 (15), data protection 100 (10); N/A and unscored accuracy drop out: weights 70.
    assert complete.get_json()["overall"] == pytest.approx((900 + 800 + 600 + 750 + 1500 + 1000) / 70)
    client.post(f"/review/conversations/{conv.id}/draft",
                data={"score__identified-customer": "50", "comment": "kesken"})
    assert 'value="50"' in client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    response = client.post(f"/review/conversations/{conv.id}",
                           data={"score__closing-next-steps": "0", "na__first-contact-resolution": "y",
                                 "save_draft": "Save draft"})
    assert response.status_code == 303
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert re.search(r'id="na__first-contact-resolution" name="na__first-contact-resolution" type="checkbox" value="y" checked', page) \
        or re.search(r'checked[^>]*name="na__first-contact-resolution"', page)
    assert db.session.scalar(select(func.count(Review.id))) == 0


def test_edit_creates_a_new_revision_with_reason_and_history(client, login, people, conv, db):
    """Editing needs a reason, adds version 2 and the review page lists both versions."""
    login(people["sup"])
    client.post(f"/review/conversations/{conv.id}", data=scorecard_post())
    review = db.session.scalars(select(Review)).one()
    response = client.post(f"/review/conversations/{conv.id}", data=scorecard_post(**{"score__correct-information": "50"}))
    assert response.status_code == 400 and "Give a reason." in response.get_data(as_text=True)
    response = client.post(f"/review/conversations/{conv.id}",
                           data=scorecard_post(**{"score__correct-information": "50", "reason": "Wrong price"}))
    assert response.status_code == 303
    db.session.expire_all()
    assert [r.number for r in review.revisions] == [1, 2]
    page = client.get(f"/review/reviews/{review.id}").get_data(as_text=True)
    assert "Version 2" in page and "Version 1" in page and "Wrong price" in page and "First submission" in page


def test_agent_acknowledges_and_disputes_supervisor_accepts(client, login, people, conv, db):
    """The agent sees only their reviews, acknowledges and disputes; the supervisor accepts in a new version."""
    review = service.submit_review(conv, people["sup"], full_scores())
    login(people["agent"])
    mine = client.get("/review/mine").get_data(as_text=True)
    assert f"/review/reviews/{review.id}" in mine and "My reviews" in mine
    assert client.post(f"/review/reviews/{review.id}/acknowledge").status_code == 303
    assert fresh(db, Review, review.id).acknowledged_at is not None
    response = client.post(f"/review/reviews/{review.id}/dispute",
                           data={"dispute-criterion": "closing-next-steps", "dispute-comment": ""})
    assert response.status_code == 400 and "Say what you disagree with." in response.get_data(as_text=True)
    response = client.post(f"/review/reviews/{review.id}/dispute",
                           data={"dispute-criterion": "closing-next-steps", "dispute-comment": "I did summarise"})
    assert response.status_code == 303
    dispute = db.session.scalars(select(Dispute)).one()
    assert client.post(f"/review/disputes/{dispute.id}/resolve").status_code == 404  # agents do not decide

    client.post("/auth/logout")
    login(people["sup"])
    listed = client.get("/review/disputes").get_data(as_text=True)
    assert "I did summarise" in listed
    assert "Closing and next steps" in listed and ">closing-next-steps<" not in listed  # the title, not the id
    response = client.post(f"/review/disputes/{dispute.id}/resolve",
                           data={f"d{dispute.id}-decision": "accept", f"d{dispute.id}-new_score": "90",
                                 f"d{dispute.id}-reason": "Fair"})
    assert response.status_code == 303
    db.session.expire_all()
    assert dispute.status == "accepted" and dispute.revision.number == 2

    client.post("/auth/logout")
    login(people["agent"])
    page = client.get(f"/review/reviews/{review.id}").get_data(as_text=True)
    assert "Accepted" in page and "new score in version 2" in page
    assert "The review changed after you last read it." in page


def test_reject_needs_a_reason(client, login, people, conv, db):
    """Rejecting without a reason is a field error on the dispute's form."""
    review = service.submit_review(conv, people["sup"], full_scores())
    dispute = service.raise_dispute(review, people["agent"], "grammar", "Fine")
    login(people["sup"])
    response = client.post(f"/review/disputes/{dispute.id}/resolve", data={f"d{dispute.id}-decision": "reject"})
    assert response.status_code == 400 and "Give a reason." in response.get_data(as_text=True)
    response = client.post(f"/review/disputes/{dispute.id}/resolve",
                           data={f"d{dispute.id}-decision": "reject", f"d{dispute.id}-reason": "Two typos"})
    assert response.status_code == 303 and fresh(db, Dispute, dispute.id).status == "rejected"


@pytest.mark.parametrize("who", ["other_sup", "agent2", "agent"])
def test_others_get_404_on_the_review_page(client, login, people, conv, who):
    """Another team's supervisor, another agent and even the agent (no scorecard for them) get 404."""
    login(people[who])
    assert client.get(f"/review/conversations/{conv.id}").status_code == 404
    assert client.post(f"/review/conversations/{conv.id}/draft", data={"comment": "x"}).status_code == 404


@pytest.mark.parametrize("who", ["other_sup", "agent2"])
def test_others_get_404_on_review_details(client, login, people, conv, who):
    """Only the reviewer, the agent, the team's supervisors and admins see a review."""
    review = service.submit_review(conv, people["sup"], full_scores())
    login(people[who])
    assert client.get(f"/review/reviews/{review.id}").status_code == 404
    assert client.post(f"/review/reviews/{review.id}/acknowledge").status_code == 404
    assert client.post(f"/review/reviews/{review.id}/dispute", data={"dispute-criterion": "grammar",
                                                                     "dispute-comment": "x"}).status_code == 404
    assert "/review/reviews/" not in client.get("/review/mine").get_data(as_text=True)


def test_other_teams_disputes_are_not_listed(client, login, people, conv):
    """A supervisor of team B sees none of team A's disputes."""
    review = service.submit_review(conv, people["sup"], full_scores())
    service.raise_dispute(review, people["agent"], "grammar", "Team A only")
    login(people["other_sup"])
    page = client.get("/review/disputes").get_data(as_text=True)
    assert "Team A only" not in page and "No open disputes" in page


def test_rules_page_creates_rules_and_queue_applies_them(client, login, people, conv, db):
    """A supervisor adds a rule with field errors shown, applies it and sees the assignment with its counts."""
    login(people["sup"])
    response = client.post("/review/rules", data={"name": "", "kind": "lowest_autoqa", "count": "5"})
    assert response.status_code == 400 and "Give the rule a name." in response.get_data(as_text=True)
    response = client.post("/review/rules", data={"name": "Lowest", "kind": "lowest_autoqa", "count": "5"})
    assert response.status_code == 303
    assert client.post("/review/queue/apply").status_code == 303
    assert db.session.scalar(select(func.count(ReviewAssignment.id))) == 1
    page = client.get("/review/queue").get_data(as_text=True)
    assert f"/review/conversations/{conv.id}" in page and "Lowest" in page
    rule = db.session.scalars(select(SamplingRule)).one()
    assert client.post(f"/review/rules/{rule.id}/active").status_code == 303
    assert fresh(db, SamplingRule, rule.id).active is False
    client.post("/auth/logout")
    login(people["other_sup"])
    assert client.post(f"/review/rules/{rule.id}/active").status_code == 404
    assert "Lowest" not in client.get("/review/rules").get_data(as_text=True)


def test_learners_cannot_open_the_queue_or_disputes(client, login, people):
    """The lists are for supervisors and admins."""
    login(people["agent"])
    assert client.get("/review/queue").status_code == 403
    assert client.get("/review/disputes").status_code == 403
    assert client.get("/review/rules").status_code == 403


def test_finnish_pages(client, login, make_user, conv, people, db):
    """The review page and my reviews read in Finnish."""
    people["sup"].locale = "fi"
    db.session.commit()
    login(people["sup"])
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert "Arviointilomake" in page and "Keskustelu" in page and "Tallenna luonnos" in page
    assert "henkilötunnus poistettu" in page


@pytest.mark.parametrize("path,data", [
    ("/review/conversations/{cid}", scorecard_post()),
    ("/review/conversations/{cid}/draft", {"comment": "x"}),
    ("/review/rules", {"name": "R", "kind": "escalated_negative"}),
    ("/review/queue/apply", {}),
])
def test_forms_need_the_csrf_token(app, client, login, people, conv, db, monkeypatch, path, data):
    """With CSRF on, a post without the token is refused and changes nothing; with it, it works."""
    login(people["sup"])
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    url = path.format(cid=conv.id)
    assert client.post(url, data=data).status_code == 400
    assert db.session.scalar(select(func.count(Review.id))) == 0
    assert db.session.scalar(select(func.count(ReviewDraft.id))) == 0
    csrf = token(client.get(f"/review/conversations/{conv.id}").get_data(as_text=True))
    assert client.post(url, data={**data, "csrf_token": csrf}).status_code in (200, 303)


def test_dispute_and_acknowledge_need_the_csrf_token(app, client, login, people, conv, db, monkeypatch):
    """The agent's forms are CSRF-protected too."""
    review = service.submit_review(conv, people["sup"], full_scores())
    login(people["agent"])
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post(f"/review/reviews/{review.id}/acknowledge").status_code == 400
    assert client.post(f"/review/reviews/{review.id}/dispute",
                       data={"dispute-criterion": "grammar", "dispute-comment": "x"}).status_code == 400
    assert db.session.scalar(select(func.count(Dispute.id))) == 0
    csrf = token(client.get(f"/review/reviews/{review.id}").get_data(as_text=True))
    assert client.post(f"/review/reviews/{review.id}/acknowledge", data={"csrf_token": csrf}).status_code == 303


def test_review_of_a_conversation_pre_scored_by_the_real_autoqa(client, login, people, db):
    """With AutoQA's own result, the page pre-fills its scores and submitting them unchanged needs no reason."""
    from qa_app.services import autoqa as autoqa_service

    conv = conversation(agent_for(people["agent"]), "real-1", messages=[
        ("customer", "Laskussani on virhe ja olen todella pettynyt."),
        ("agent", "Pahoittelen virhettä! Korjaan laskun heti ja lähetän uuden laskun sähköpostiisi tänään."),
        ("customer", "Kiitos."),
        ("agent", "Kiitos yhteydenotosta, mukavaa päivää!"),
    ])
    autoqa_service.score_conversations([conv.id])
    db.session.commit()
    result = autoqa_service.latest_result(conv.id)
    login(people["sup"])
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    data = {"comment": "", "submit": "Submit review"}
    for cid, value in result.criteria.items():
        if value is not None:
            rounded = f"{round(value, 1):g}"
            assert f'name="score__{cid}" type="text" value="{rounded}"' in page
            data[f"score__{cid}"] = rounded
    data.update({f"score__{cid}": "100" for cid in MANUAL})
    assert client.post(f"/review/conversations/{conv.id}", data=data).status_code == 303
    review = db.session.scalars(select(Review)).one()
    assert review.rubric_version_id == result.rubric_version_id
    assert all(entry["override_reason"] is None for entry in review.current.scores.values())


def test_a_draft_posted_after_the_submit_does_not_hide_the_review(client, login, people, conv, db):
    """An autosave that lands after the submit is refused, and an old draft never replaces a newer revision."""
    login(people["sup"])
    client.post(f"/review/conversations/{conv.id}", data=scorecard_post(draft_base="0"))
    late = client.post(f"/review/conversations/{conv.id}/draft", data={"comment": "old", "draft_base": "0"})
    assert late.status_code == 409 and db.session.scalar(select(func.count(ReviewDraft.id))) == 0
    review = db.session.scalars(select(Review)).one()
    service.save_draft(conv, people["sup"], {"comment": "stale", "draft_base": "0"}, review)
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert "Hyvä vastaus" in page and "stale" not in page


def test_a_supervisor_sees_no_scorecard_for_their_own_conversation(client, login, make_user, db):
    """The transcript shows, the form does not; posting one anyway is refused and nothing is stored."""
    sup = make_user("supervisor", team="A", locale="en")
    conv = conversation(agent_for(sup), "own-1")
    login(sup)
    page = client.get(f"/review/conversations/{conv.id}").get_data(as_text=True)
    assert "You handled this conversation" in page and 'id="scorecard"' not in page
    assert client.post(f"/review/conversations/{conv.id}", data=scorecard_post()).status_code == 400
    assert db.session.scalar(select(func.count(Review.id))) == 0
