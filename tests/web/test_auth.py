"""Log-in, log-out and the session cookie."""

from __future__ import annotations

from tests.conftest import TEST_PASSWORD


def test_login_page_renders_form(client):
    """The login page shows labelled email and password fields."""
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'for="email"' in page and 'for="password"' in page
    # Password managers fill the right fields (and browsers stop warning in the console).
    assert 'autocomplete="username"' in page and 'autocomplete="current-password"' in page


def test_anonymous_user_is_sent_to_login(client):
    """Pages need a logged-in user; anonymous visitors are redirected to the login page."""
    response = client.get("/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_login_with_right_password_reaches_home(client, make_user):
    """A user with the right password lands on the home page with their name."""
    user = make_user("learner")
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD}, follow_redirects=True)
    assert response.status_code == 200
    assert user.name.split()[0] in response.get_data(as_text=True)


def test_login_email_is_case_insensitive(client, make_user):
    """Users may type their email in any case."""
    user = make_user("learner")
    response = client.post("/auth/login", data={"email": user.email.upper(), "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_wrong_password_gives_field_error(client, make_user):
    """A wrong password re-shows the form with a message on the field, not a crash."""
    user = make_user("learner")
    response = client.post("/auth/login", data={"email": user.email, "password": "nope-nope"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "field__error" in page and 'aria-invalid="true"' in page


def test_inactive_user_cannot_log_in(client, make_user, db):
    """A deactivated account is refused like a wrong password."""
    user = make_user("learner")
    user.active = False
    db.session.commit()
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200


def test_logout_ends_session(client, make_user, login):
    """After logging out the home page asks for a login again."""
    login(make_user("learner"))
    assert client.get("/").status_code == 200
    assert client.post("/auth/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    """The session cookie cannot be read by scripts and is not sent on cross-site posts."""
    user = make_user("learner")
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_next_parameter_cannot_redirect_offsite(client, make_user):
    """The `next` parameter is only followed for paths on this site."""
    user = make_user("learner")
    response = client.post(
        "/auth/login?next=https://evil.example/", data={"email": user.email, "password": TEST_PASSWORD}
    )
    assert response.headers["Location"] == "/"
