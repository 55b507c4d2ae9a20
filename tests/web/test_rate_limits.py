"""Login throttling per account and per address, and per-token API limits (qa_app/throttle.py).

The test configuration sets every limit far too high to trigger; these tests lower one limit at
a time, so each is proved to trigger with the real counting code.
"""

from __future__ import annotations

import os
import uuid

import pytest

from qa_app import create_app
from qa_app.config import TestConfig
from qa_app.extensions import db as _db
from qa_app.models import ApiToken
from qa_app.throttle import login_storage
from tests.conftest import TEST_PASSWORD

EN = {"Accept-Language": "en"}


@pytest.fixture()
def limits(app, monkeypatch):
    """Set low limits on the test app for one test, with empty counters before and after."""

    def set_limits(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setitem(app.config, name, value)

    with app.app_context():
        login_storage().reset()  # the app's one storage: login counters and API limits alike
    yield set_limits
    with app.app_context():
        login_storage().reset()


def _login(client, email, password, address="10.0.0.1", headers=EN):
    return client.post("/auth/login", data={"email": email, "password": password},
                       headers=headers, environ_base={"REMOTE_ADDR": address})


def test_account_is_locked_after_failed_logins_even_with_right_password(client, make_user, limits):
    """After 3 failures for one e-mail the 4th try is refused with 429 and a field message, right password or not."""
    limits(LOGIN_ACCOUNT_LIMIT="3 per 15 minutes")
    user = make_user("learner")
    for _ in range(3):
        assert _login(client, user.email, "wrong-password-1").status_code == 200
    response = _login(client, user.email.upper(), TEST_PASSWORD, address="10.0.0.2")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    page = response.get_data(as_text=True)
    assert "Too many failed logins for this account. Try again in 15 minutes." in page
    assert 'id="email-error"' in page and "session=" not in response.headers.get("Set-Cookie", "")
    other = make_user("learner")
    assert _login(client, other.email, TEST_PASSWORD).status_code == 302  # same address, other account


def test_lockout_message_is_in_finnish(client, make_user, limits):
    """The lockout message is translated."""
    limits(LOGIN_ACCOUNT_LIMIT="1 per 15 minutes")
    user = make_user("learner")
    _login(client, user.email, "wrong-password-1", headers={"Accept-Language": "fi"})
    page = _login(client, user.email, TEST_PASSWORD, headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert "Liian monta epäonnistunutta kirjautumista tälle tilille. Yritä uudelleen 15 minuutin kuluttua." in page


def test_address_is_throttled_after_failed_logins_across_accounts(client, make_user, limits):
    """3 failures from one address (any e-mails) block logins from it, and only from it."""
    limits(LOGIN_ADDRESS_LIMIT="3 per 15 minutes")
    user = make_user("learner")
    for n in range(3):
        assert _login(client, f"nobody{n}@example.com", "wrong-password-1").status_code == 200
    response = _login(client, user.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins from your network address." in response.get_data(as_text=True)
    assert _login(client, user.email, TEST_PASSWORD, address="10.0.0.9").status_code == 302


def test_successful_logins_do_not_count_against_the_address(app, make_user, limits):
    """Colleagues behind one address log in freely: only failures count towards its limit."""
    limits(LOGIN_ADDRESS_LIMIT="2 per 15 minutes")
    users = [make_user("learner") for _ in range(4)]
    _login(app.test_client(), "typo@example.com", "wrong-password-1")  # one failure, below the limit
    for user in users:
        assert _login(app.test_client(), user.email, TEST_PASSWORD).status_code == 302


@pytest.fixture()
def tokens(make_user, db) -> list[str]:
    plains = []
    for name in ("first", "second"):
        record, plain = ApiToken.issue(make_user("trainer"), name)
        _db.session.add(record)
        plains.append(plain)
    _db.session.commit()
    return plains


def _grade(client, token):
    return client.post("/api/v1/grade", json={"text": "Hei, autan mielelläni."},
                       headers={"Authorization": f"Bearer {token}"})


def test_api_grade_limit_per_token_answers_429_json(client, tokens, limits):
    """The 3rd /grade call in a minute with one token gets 429 JSON with Retry-After; another token is not affected."""
    limits(RATELIMIT_API_GRADE="2 per minute")
    first, second = tokens
    assert [_grade(client, first).status_code for _ in range(2)] == [200, 200]
    response = _grade(client, first)
    assert response.status_code == 429
    body = response.get_json()
    assert body["error"] == "rate_limited" and "Try again in" in body["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 61
    assert _grade(client, second).status_code == 200


def test_api_limit_covers_the_whole_api(client, limits):
    """The API-wide limit applies to other API routes too (here per address, as no token is sent)."""
    limits(RATELIMIT_API="2 per minute")
    assert [client.get("/api/v1/openapi.yaml").status_code for _ in range(3)] == [200, 200, 429]


def test_a_wrong_limit_setting_stops_start_up():
    """A limit the library cannot parse is a ConfigError naming the KOHTAAMO_ variable."""
    from qa_app.config import ConfigError

    with pytest.raises(ConfigError, match="KOHTAAMO_LOGIN_ACCOUNT_LIMIT"):
        create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                    "LOGIN_ACCOUNT_LIMIT": "ten per fortnight"})


REDIS_URL = os.environ.get("KOHTAAMO_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def _redis_or_skip():
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except (RedisError, OSError):
        pytest.skip(f"no Redis at {REDIS_URL}")
    return connection


def test_redis_storage_shares_counts_between_processes(app, tmp_path):
    """With Redis storage two app instances (two gunicorn workers) share the failed-login count."""
    from flask_migrate import upgrade

    from qa_app.services.users import create_user

    connection = _redis_or_skip()
    prefix = f"kohtaamo-test-{uuid.uuid4().hex[:8]}"
    settings = {**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'workers.db'}",
                "RATELIMIT_STORAGE": "redis", "REDIS_URL": REDIS_URL, "RATELIMIT_KEY_PREFIX": prefix,
                "LOGIN_ACCOUNT_LIMIT": "2 per 15 minutes"}
    worker_a, worker_b = create_app(settings), create_app(settings)
    try:
        with worker_a.app_context():
            upgrade()
            create_user("redis-user@example.com", "Redis User", "learner", TEST_PASSWORD)
            _db.session.commit()
        for _ in range(2):
            assert _login(worker_a.test_client(), "redis-user@example.com", "wrong-password-1").status_code == 200
        assert _login(worker_b.test_client(), "redis-user@example.com", TEST_PASSWORD).status_code == 429
        assert any(connection.scan_iter(f"*{prefix}*login*"))
    finally:
        for key in connection.scan_iter(f"*{prefix}*"):
            connection.delete(key)
        for application in (worker_a, worker_b):
            with application.app_context():
                _db.engine.dispose()


def test_auto_storage_uses_redis_only_when_it_answers():
    """KOHTAAMO_RATELIMIT_STORAGE=auto picks Redis when it answers at start-up, else memory; the others are taken as said."""
    from types import SimpleNamespace

    from qa_app.throttle import storage_uri

    def pick(mode: str, url: str) -> str:
        return storage_uri(SimpleNamespace(config={"RATELIMIT_STORAGE": mode, "REDIS_URL": url}))

    assert pick("auto", "redis://127.0.0.1:1/0") == "memory://"  # nothing listens on port 1
    assert pick("memory", REDIS_URL) == "memory://"
    assert pick("redis", "redis://127.0.0.1:1/0") == "redis://127.0.0.1:1/0"
    _redis_or_skip()
    assert pick("auto", REDIS_URL) == REDIS_URL


def test_each_app_counts_in_its_own_memory_storage():
    """Two apps in one process (as the tests build) do not share in-memory API counts."""
    settings = {**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}, "RATELIMIT_API": "1 per minute"}
    first, second = create_app(settings), create_app(settings)
    assert [first.test_client().get("/api/v1/openapi.yaml").status_code for _ in range(2)] == [200, 429]
    assert second.test_client().get("/api/v1/openapi.yaml").status_code == 200
