"""Calibration pages: roles and object permissions, blind scoring in the browser's forms, results in
Finnish and English, CSRF, drafts, agreement and the review it becomes, the CSV export, the demo."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from qa_app.models import CalibrationScore, Review
from qa_app.services import calibration as service
from qa_app.services import review as review_service
from qa_app.stats.ratings import read_ratings
from tests.review_factory import START, agent_for, autoqa, conversation

MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")


def form_scores(empathy: str = "70", correct: str = "100") -> dict[str, str]:
    data = {"score__grammar": "90", "score__clarity": "80", "na__accuracy": "y", "score__empathy": empathy}
    data.update({f"score__{cid}": "100" for cid in MANUAL})
    data["score__correct-information"] = correct
    return data


@pytest.fixture()
def setup(db, make_user):
    people = {k: make_user("supervisor", team="A") for k in ("owner", "a", "b")}
    people["outsider"] = make_user("supervisor", team="B")
    people["learner"] = make_user("learner", team="A")
    convs = []
    for n in range(3):
        conv = conversation(agent_for(people["learner"]), f"k{n}", at=START + timedelta(hours=n))
        autoqa(conv, overall=50.0 + n, criteria={"grammar": 90.0, "clarity": 80.0, "accuracy": None,
                                                 "empathy": 60.0 + 10 * n}, grade_messages=False)
        convs.append(conv)
    rule = review_service.create_rule(people["owner"], review_service.RuleInput(
        name="Low", kind="lowest_autoqa", count=5, seed=1))
    review_service.apply_rules(people["owner"], [rule])
    session = service.create_session(people["owner"], service.SessionInput(
        title="Kalibrointi 1", participant_ids=(people["a"].id, people["b"].id), source="queue",
        conversation_ids=tuple(c.id for c in convs)))
    return people, convs, session


def _score_everything(client, login, session, person, empathy="70"):
    login(person)
    for item in session.items:
        response = client.post(f"/calibration/{session.id}/items/{item.id}", data=form_scores(empathy), follow_redirects=False)
        assert response.status_code == 303, response.get_data(as_text=True)[:800]
    client.post("/auth/logout")


def test_learners_get_403_and_outsiders_404(client, login, setup):
    """Learners may not use calibration at all; supervisors outside the session do not learn it exists."""
    people, _, session = setup
    login(people["learner"])
    assert client.get("/calibration/").status_code == 403
    assert client.get(f"/calibration/{session.id}").status_code == 403
    client.post("/auth/logout")
    login(people["outsider"])
    assert client.get("/calibration/").status_code == 200
    for path in ("", "/results", f"/items/{session.items[0].id}", "/export.csv"):
        assert client.get(f"/calibration/{session.id}{path}").status_code == 404, path
    assert client.post(f"/calibration/{session.id}/close").status_code == 404


def test_create_session_page_with_field_errors_and_success(client, login, setup):
    """The form lists the queue and the team's supervisors; too few participants is a field error; then it is made."""
    people, convs, _ = setup
    login(people["owner"])
    page = client.get("/calibration/new")
    assert page.status_code == 200 and "k0" in page.get_data(as_text=True)
    data = {"title": "Uusi", "source": "queue", "conversations": [str(c.id) for c in convs[:2]],
            "participants": [str(people["a"].id)], "count": "10", "benchmark": ""}
    bad = client.post("/calibration/new", data=data)
    assert bad.status_code == 400 and "vähintään kaksi osallistujaa" in bad.get_data(as_text=True)
    data["participants"] = [str(people["a"].id), str(people["b"].id)]
    data["benchmark"] = str(people["a"].id)
    data["deadline"] = "2099-01-15T10:00"  # Helsinki time, as typed
    good = client.post("/calibration/new", data=data)
    assert good.status_code == 303
    made = service.sessions_for(people["owner"])[0]
    assert made.title == "Uusi" and len(made.items) == 2 and made.benchmark_id == people["a"].id
    assert made.deadline == datetime(2099, 1, 15, 8, 0)  # stored in UTC (EET is UTC+2 in January)
    assert not made.anonymise  # the box was not ticked in the post


def test_blind_scoring_page_hides_autoqa_and_others_then_results_reveal(client, login, setup, db):
    """The scoring page shows no AutoQA score and no pre-filled value; a participant who has scored all
    sees the results; the one who has not is sent back to the session page."""
    people, _, session = setup
    login(people["a"])
    page = client.get(f"/calibration/{session.id}/items/{session.items[0].id}").get_data(as_text=True)
    assert "Sokkoarviointi" in page and "criterion__auto" not in page and "turn__score" not in page
    assert 'value="90"' not in page and 'value="80"' not in page  # nothing pre-filled from AutoQA
    client.post("/auth/logout")
    _score_everything(client, login, session, people["a"], "70")
    login(people["b"])
    response = client.get(f"/calibration/{session.id}/results")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/calibration/{session.id}")
    client.post("/auth/logout")
    login(people["a"])
    results = client.get(f"/calibration/{session.id}/results")
    assert results.status_code == 200 and "Arvioija 2" in results.get_data(as_text=True)


def test_invalid_scores_are_field_errors_and_kept_as_a_draft(client, login, setup, db):
    """A missing score is refused with the field's error; what was typed is kept and shown again."""
    people, _, session = setup
    login(people["a"])
    data = form_scores(empathy="")
    data["score__grammar"] = "77"
    response = client.post(f"/calibration/{session.id}/items/{session.items[0].id}", data=data)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Anna pisteet väliltä 0–100 tai merkitse kohta, joka ei koske tätä keskustelua." in text
    again = client.get(f"/calibration/{session.id}/items/{session.items[0].id}").get_data(as_text=True)
    assert 'value="77"' in again
    draft = db.session.query(CalibrationScore).one()
    assert draft.submitted_at is None and '"score__grammar": "77"' in draft.draft_json


def test_results_in_english_and_finnish_with_plain_readings_and_what_to_discuss(client, login, setup):
    """After close the owner sees the readings and a sentence naming the criterion and conversation to discuss."""
    people, _, session = setup
    _score_everything(client, login, session, people["a"], "90")
    login(people["b"])
    for item, correct in zip(session.items, ("100", "0", "50"), strict=True):
        client.post(f"/calibration/{session.id}/items/{item.id}", data=form_scores("40", correct))
    client.post("/auth/logout")
    login(people["owner"])
    assert client.post(f"/calibration/{session.id}/close").status_code == 303
    fi = client.get(f"/calibration/{session.id}/results").get_data(as_text=True)
    assert "Käsitelkää nämä ensin" in fi and "Älä luota näihin pisteisiin" in fi
    assert re.search(r"Oikea tieto</strong> · k1</a>:\s*pisteet vaihtelevat 0–100", fi)
    assert "AutoQA arvioijana" in fi
    client.post("/lang", data={"lang": "en", "next": "/"})
    en = client.get(f"/calibration/{session.id}/results").get_data(as_text=True)
    assert "Discuss these first" in en and "Agree what “Partly correct” means here." in en
    assert "Do not rely on these scores" in en and people["a"].name in en


def test_agreement_then_review_and_csv(client, login, setup, db):
    """The owner agrees scores with a note, makes them the review (B's review page), and downloads the CSV."""
    people, _, session = setup
    _score_everything(client, login, session, people["a"], "90")
    _score_everything(client, login, session, people["b"], "50")
    login(people["owner"])
    client.post(f"/calibration/{session.id}/close")
    item = session.items[0]
    page = client.get(f"/calibration/{session.id}/items/{item.id}/agree").get_data(as_text=True)
    assert 'value="70"' in page  # the median of 90 and 50 as a starting point
    data = form_scores("65") | {"comment": "Empatia: pahoittelu + ratkaisu = 65."}
    assert client.post(f"/calibration/{session.id}/items/{item.id}/agree", data=data).status_code == 303
    made = client.post(f"/calibration/{session.id}/items/{item.id}/review")
    assert made.status_code == 303 and "/review/reviews/" in made.headers["Location"]
    review = db.session.query(Review).one()
    assert review.current.scores["empathy"]["score"] == 65.0 and review.current.comment.startswith("Empatia")
    csv = client.get(f"/calibration/{session.id}/export.csv")
    assert csv.status_code == 200 and csv.headers["Content-Disposition"].startswith("attachment")
    ratings = read_ratings(csv.get_data(as_text=True))
    assert {r.rater for r in ratings} == {people["a"].email, people["b"].email, "AutoQA"}


def test_forms_need_the_csrf_token(app, client, login, setup, db):
    """With CSRF on, a score (participant) or a close (owner) without the token is refused; nothing changes."""
    people, _, session = setup

    def without_token(path: str, data: dict | None = None) -> int:
        app.config["WTF_CSRF_ENABLED"] = True
        try:
            return client.post(path, data=data or {}).status_code
        finally:
            app.config["WTF_CSRF_ENABLED"] = False

    login(people["a"])
    assert without_token(f"/calibration/{session.id}/items/{session.items[0].id}", form_scores()) == 400
    client.post("/auth/logout")
    login(people["owner"])
    assert without_token(f"/calibration/{session.id}/close") == 400
    db.session.refresh(session)
    assert not session.items[0].scores and session.is_open


def test_the_draft_endpoint_keeps_typing_and_refuses_after_submit(client, login, setup):
    """review.js posts the form as typed; after the submit a late autosave gets 409."""
    people, _, session = setup
    login(people["a"])
    url = f"/calibration/{session.id}/items/{session.items[0].id}"
    assert client.post(url + "/draft", data={"score__grammar": "55"}).get_json()["saved"] is True
    client.post(url, data=form_scores())
    assert client.post(url + "/draft", data={"score__grammar": "1"}).status_code == 409


def test_nav_link_for_supervisors(client, login, setup):
    people, _, _ = setup
    login(people["owner"])
    assert 'href="/calibration/"' in client.get("/calibration/").get_data(as_text=True)
