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


def test_english_reader_gets_english_titles_levels_and_auto_fail_messages(client, token):
    """With ui_lang=en a Finnish scenario's result reads in English; its quoted content keeps Finnish."""
    text = "Hei, saat alennuksen 30 % ja lupaus pitää."
    response = _post(client, {"text": text, "scenario": "vaara-alennuslupaus", "ui_lang": "en"}, token)
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    assert data["ui_lang"] == "en" and data["content_lang"] == "fi"
    assert data["auto_failed"] and data["auto_failed"][0].startswith("The reply contains a claim")
    assert data["level"] == "Keep practising"
    titles = {c["id"]: c["title"] for c in data["criteria"]}
    assert titles["grammar"] == "Grammar and spelling"
    forbidden = next(f for c in data["criteria"] for f in c["findings"] if f["category"] == "forbidden")
    assert forbidden["code"] == "accuracy.forbidden" and forbidden["message"].startswith("Do not claim this: ")
    assert forbidden["params"]["say"] in forbidden["message"]  # the scenario's own (Finnish) words
    finnish = _post(client, {"text": text, "scenario": "vaara-alennuslupaus", "ui_lang": "fi"}, token).get_json()
    assert finnish["auto_failed"][0].startswith("Vastauksessa on väite")
    assert next(c["title"] for c in finnish["criteria"] if c["id"] == "grammar") == "Kieli ja oikeinkirjoitus"


def test_history_is_accepted_and_checked(client, token):
    """The conversation so far may come with the answer; a malformed history is a 400 naming the field."""
    history = [{"author": "customer", "text": "Miksi minulta veloitettiin jonotusmaksu?"},
               {"author": "agent", "text": "Tarkistan asian."}, {"author": "customer", "text": "No?"}]
    ok = _post(client, {"text": "Hyvitin maksun tilillesi.", "scenario": "jonotusmaksu", "history": history}, token)
    assert ok.status_code == 200
    for bad, fragment in [("nope", "'history' must be a list"), ([{"author": "bot", "text": "x"}], "history[0].author"),
                          ([{"author": "agent"}], "history[0].text")]:
        response = _post(client, {"text": "Hei", "history": bad}, token)
        assert response.status_code == 400 and fragment in response.get_json()["message"]


@pytest.mark.parametrize("field", ["lang", "ui_lang", "channel"])
def test_empty_enum_values_are_refused(client, token, field):
    """An empty string is not a valid language or channel (the schema's enum does not allow it)."""
    response = _post(client, {"text": "Hei", field: ""}, token)
    assert response.status_code == 400 and f"'{field}'" in response.get_json()["message"]
