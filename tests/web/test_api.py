"""The JSON grading API: token auth, input errors and the result contract."""

from __future__ import annotations

import pytest

from qa_app.extensions import db as _db
from qa_app.models import ApiToken


@pytest.fixture()
def token(make_user, db) -> str:
    record, plain = ApiToken.issue(make_user("trainer"), "tests")
    _db.session.add(record)
    _db.session.commit()
    return plain


def _post(client, payload, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/v1/grade", json=payload, headers=headers)


def test_grade_without_token_is_401_json(client):
    """Calls without a token get a JSON 401 that says what to send."""
    response = _post(client, {"text": "Hello"})
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"


def test_grade_with_wrong_token_is_401(client, token):
    """A made-up token is refused."""
    assert _post(client, {"text": "Hello"}, "kht_not-a-token").status_code == 401


def test_session_cookie_does_not_authenticate_api(client, make_user, login):
    """A logged-in browser session is not enough for the API (tokens only, so no CSRF hole)."""
    login(make_user("admin"))
    assert _post(client, {"text": "Hello there"}).status_code == 401


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({}, "'text'"),
        ({"text": "   "}, "'text'"),
        ({"text": 42}, "'text'"),
        ({"text": "Hei", "lang": "de"}, "'lang'"),
        ({"text": "Hei", "channel": "fax"}, "'channel'"),
        ({"text": "x" * 20_001}, "at most"),
    ],
)
def test_bad_input_is_400_with_message(client, token, payload, fragment):
    """Malformed requests get 400 and a message naming the field."""
    response = _post(client, payload, token)
    assert response.status_code == 400
    assert fragment in response.get_json()["message"]


def test_non_json_body_is_400(client, token):
    """A body that is not a JSON object is a clear 400."""
    response = client.post("/api/v1/grade", data="text=hi", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400


def test_unknown_scenario_is_404(client, token):
    """An unknown scenario id is reported as not found, naming it."""
    response = _post(client, {"text": "Hei", "scenario": "no-such-scenario"}, token)
    assert response.status_code == 404
    assert "no-such-scenario" in response.get_json()["message"]


def test_grade_returns_contract(client, token):
    """A Finnish answer graded without a scenario returns the documented object, accuracy null."""
    text = "Hei Marja, pahoittelen odotusta. Selvitän asian heti ja palaan sinulle tänään klo 15 mennessä."
    response = _post(client, {"text": text, "lang": "auto", "channel": "chat"}, token)
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    assert data["language"] == "fi"
    assert 0 <= data["overall"] <= 100
    assert set(data["rubric"]) >= {"id", "version"} and data["scenario"] is None
    criteria = {c["id"]: c for c in data["criteria"]}
    assert set(criteria) >= {"grammar", "clarity", "accuracy", "empathy"}
    assert criteria["accuracy"]["score"] is None
    for criterion in criteria.values():
        for finding in criterion["findings"]:
            assert 0 <= finding["start"] <= finding["end"] <= len(text)
            assert {"category", "message", "suggestions"} <= set(finding)


def test_grade_with_scenario_uses_its_rubric(client, token, app):
    """Naming a starter scenario grades accuracy and reports the scenario and rubric versions."""
    from qa_app.services import content_store

    with app.app_context():
        scenario = content_store.library().scenarios()[0]
    response = _post(client, {"text": scenario.model_answer or "Kiitos viestistä.", "scenario": scenario.id}, token)
    assert response.status_code == 200
    data = response.get_json()
    assert data["scenario"]["id"] == scenario.id and data["scenario"]["version"] == scenario.version
    assert next(c for c in data["criteria"] if c["id"] == "accuracy")["score"] is not None


def test_openapi_document_is_served(client):
    """The API is documented by an OpenAPI file the app serves."""
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200 and b"/grade" in response.data
