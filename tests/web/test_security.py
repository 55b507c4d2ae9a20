"""CSRF protection and language switching."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD


@pytest.fixture()
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_form_without_csrf_token_is_rejected(client, make_user, csrf_on):
    """A login post without the CSRF token is refused with 400 and a friendly page."""
    user = make_user("learner")
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "form" in response.get_data(as_text=True).lower()


def test_form_with_csrf_token_is_accepted(client, make_user, csrf_on):
    """The same post with the token from the page logs the user in."""
    import re

    user = make_user("learner")
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_browser_language_sets_default(client):
    """Without a choice, the UI follows the browser's Accept-Language."""
    page = client.get("/auth/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Log in" in page
    page = client.get("/auth/login", headers={"Accept-Language": "fi-FI,fi;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fi">' in page and "Kirjaudu sisään" in page


def test_language_switch_is_remembered(client, make_user, login, db):
    """Choosing English in the header switches the pages and is stored for the user."""
    user = make_user("learner")
    login(user)
    response = client.post("/lang", data={"lang": "en", "next": "/"}, headers={"Accept-Language": "fi"})
    assert response.status_code == 302
    page = client.get("/", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    db.session.refresh(user)
    assert user.locale == "en"


def test_language_switch_ignores_unknown_language(client):
    """An unsupported language code changes nothing."""
    client.post("/lang", data={"lang": "xx"})
    page = client.get("/auth/login", headers={"Accept-Language": "fi"}).get_data(as_text=True)
    assert '<html lang="fi">' in page


def test_reply_posted_without_session_is_kept(client, csrf_on):
    """A reply posted after the session cookie vanished is kept for after the next login."""
    response = client.post("/practice/attempt/1", data={"reply": "Hei Marja, pahoittelen odotusta."})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    with client.session_transaction() as stored:
        assert stored["pending_reply"]["text"] == "Hei Marja, pahoittelen odotusta."
