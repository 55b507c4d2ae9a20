"""Schemathesis fuzzes the JSON API against its own OpenAPI document (qa_app/api/openapi.yaml).

Every generated request, valid or not, must get an answer the document describes: no 500, a
status code it lists, a body matching its schema, a 4xx for data the schema forbids and a 2xx for
data it allows. The normal suite runs a few derandomized examples; KOHTAAMO_FUZZ=long runs many.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from qa_app.api.views import OPENAPI_FILE
from qa_app.extensions import db as _db
from qa_app.models import ApiToken

LONG = os.environ.get("KOHTAAMO_FUZZ") == "long"
FUZZ_SETTINGS = settings(
    max_examples=1500 if LONG else 40,
    derandomize=not LONG,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


# The file the app serves verbatim (test_served_document_is_the_file). Loaded from disk because the
# app is a session fixture and schemathesis's lazy `from_fixture` loader breaks on pytest 9.2
# (it rewrites the removed `Function._nodeid`); requests still go to the app in-process.
schema = schemathesis.openapi.from_path(OPENAPI_FILE)
schema.config.update(base_url="http://localhost/api/v1")


@pytest.fixture()
def api_token(make_user) -> str:
    """A trainer's API token."""
    record, plain = ApiToken.issue(make_user("trainer"), "fuzz")
    _db.session.add(record)
    _db.session.commit()
    return plain


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_answers_every_request_as_documented(case, app, api_token):
    """Generated requests (schema-valid and not) get documented answers and never a 500."""
    # Send in-process, including the checks that resend a variant (other methods, no token).
    case.operation.app = case.operation.schema.app = app
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"})


def test_served_document_is_the_file(client):
    """The fuzzed document is the one the app serves at /api/v1/openapi.yaml."""
    response = client.get("/api/v1/openapi.yaml")
    assert response.get_data(as_text=True) == OPENAPI_FILE.read_text(encoding="utf-8")


def _post(client, token, payload):
    return client.post("/api/v1/grade", json=payload, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize(("payload", "fragment"), [
    ({"text": "Hei", "lang": ""}, "'lang' must be one of"),
    ({"text": "Hei", "ui_lang": ""}, "'ui_lang' must be one of"),
    ({"text": "Hei", "x-schemathesis-unknown-property": 42}, "unknown field(s) 'x-schemathesis-unknown-property'"),
    ({"text": "Hei", "history": [{"author": "customer", "text": "", "x": 1}]}, "'history[0].x'"),
    ({"text": "Hei", "response_time_s": 1.9113030131853544e16}, "from 0 to 10000000"),
])
def test_fuzz_findings_are_refused_with_a_message(client, api_token, payload, fragment):
    """Bodies schemathesis found (or the issue named) that the schema forbids get a 400 naming the field."""
    response = _post(client, api_token, payload)
    assert response.status_code == 400
    assert fragment in response.get_json()["message"]


def test_null_optional_fields_mean_their_defaults(client, api_token):
    """null for lang, ui_lang, channel and history is the default, as the schema now says."""
    response = _post(client, api_token, {"text": "Hei, kiitos viestistä.", "lang": None, "ui_lang": None,
                                         "channel": None, "history": None})
    assert response.status_code == 200 and response.get_json()["ui_lang"] == "en"


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("TRACE", "/api/v1/grade", "POST"),
    ("GET", "/api/v1/grade", "POST"),
    ("DELETE", "/api/v1/openapi.yaml", "GET"),
    ("PUT", "/auth/login", "POST"),
])
def test_405_names_the_allowed_methods(client, method, path, allowed):
    """A 405, JSON under /api and HTML elsewhere, carries the Allow header RFC 9110 requires."""
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert allowed in {m.strip() for m in response.headers["Allow"].split(",")}
    assert response.mimetype == ("application/json" if path.startswith("/api/") else "text/html")


@pytest.mark.parametrize("body", ['{"text": "Hei \\ud800 kiitos", "lang": "fi"}', '{"text": "Hi \\udfff a\\u0000b"}'])
def test_text_with_lone_surrogates_or_nul_is_graded(client, api_token, body):
    """JSON escapes schemathesis does not generate (its strings are UTF-8): a lone surrogate or a
    NUL in the answer is graded like any text and the result is JSON, not a 500."""
    response = client.post("/api/v1/grade", data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 200 and 0 <= response.get_json()["overall"] <= 100


@pytest.mark.parametrize(("text", "valid"), [("\u001d", False), (" \t\u3000\u0085", False), ("a\u001d", True),
                                             ("\ufeff", True)])
def test_schema_refuses_white_space_text_as_the_code_does(text, valid):
    """The document's `text` pattern counts white space as the code's str.strip() does: schemathesis
    sent {"text": "\\u001d"}, valid by minLength alone but refused by the API."""
    import yaml
    from jsonschema import Draft202012Validator

    document = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    schema = document["components"]["schemas"]["GradeRequest"]["properties"]["text"]
    assert Draft202012Validator(schema).is_valid(text) is valid is bool(text.strip())
