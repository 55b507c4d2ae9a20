"""Redirect targets: the login `next` and the language switch's `next` never lead to another site.

Every Location the app sends is resolved as a browser resolves it (WHATWG URL parsing: leading
and trailing spaces and controls stripped, tabs and newlines removed, a backslash read as a
slash), not only as Python's urljoin does: `/\\evil.example` is a path to urljoin but a
different host to Chromium and Firefox.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

from qa_app.security import safe_local_path
from tests.conftest import TEST_PASSWORD

HOME = "/"
HOSTILE = [
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "/%2F/evil.example",
    "/%2f/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%252F/evil.example",  # decoded twice by a proxy and then the app
    "/%25252F/evil.example",
    "/%" + "25" * 6 + "2F/evil.example",  # encoded seven times: more decodings than anyone needs
    "https://evil.example",
    "HTTPS://evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " //evil.example",
    "\t//evil.example",
    "\n//evil.example",
    "/\tevil",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%09/evil.example",
    "/\x00/evil.example",
    "///evil.example",
    "http:evil.example",
    "",
]
# Local paths that stay as they are (a query may hold slashes: it is not the host).
LOCAL = ["/practice/", "/review/queue?page=2", "/login?x=//evil", "/practice/attempt/3#reply"]


def browser_url(location: str) -> tuple[str, str]:
    """Return (scheme, host) of a Location header as a browser on http://localhost/ resolves it."""
    cleaned = location.strip("".join(chr(code) for code in range(0x21)))
    cleaned = re.sub(r"[\t\n\r]", "", cleaned).replace("\\", "/")
    parts = urlsplit(urljoin("http://localhost/", cleaned))
    return parts.scheme.lower(), parts.netloc.lower()


def test_browser_url_reads_backslashes_and_tabs_as_a_browser_does():
    """The test's resolver sees the hosts the app must not send people to."""
    assert browser_url("/\\evil.example") == ("http", "evil.example")
    assert browser_url("/\t/evil.example") == ("http", "evil.example")
    assert browser_url(" //evil.example") == ("http", "evil.example")
    assert browser_url("/practice/") == ("http", "localhost")


@pytest.mark.parametrize("target", HOSTILE)
def test_safe_local_path_refuses_every_form_a_browser_resolves_elsewhere(target):
    """Each hostile target gives the fallback."""
    assert safe_local_path(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", LOCAL)
def test_safe_local_path_keeps_local_paths(target):
    """Paths on this site, with their query, are kept as they are."""
    assert safe_local_path(target, "/fallback") == target


def test_safe_local_path_falls_back_without_a_target():
    """None gives the fallback."""
    assert safe_local_path(None, "/fallback") == "/fallback"


def _assert_stays_here(location: str) -> None:
    assert browser_url(location) == ("http", "localhost"), location


@pytest.fixture()
def learner(make_user):
    return make_user("learner")


def _log_in(client, user, target: str):
    return client.post("/auth/login?" + urlencode({"next": target}),
                       data={"email": user.email, "password": TEST_PASSWORD})


@pytest.mark.parametrize("target", HOSTILE)
def test_login_never_sends_the_user_to_another_site(client, learner, target):
    """After logging in with a hostile `next`, the app sends the user home."""
    response = _log_in(client, learner, target)
    assert response.status_code == 302
    _assert_stays_here(response.headers["Location"])
    assert response.headers["Location"] == HOME


@pytest.mark.parametrize("target", LOCAL)
def test_login_returns_to_the_local_page_asked_for(client, learner, target):
    """A local `next` is followed after logging in."""
    response = _log_in(client, learner, target)
    assert response.headers["Location"] == target
    _assert_stays_here(response.headers["Location"])


@pytest.mark.parametrize("target", HOSTILE)
def test_language_switch_never_sends_the_user_to_another_site(client, target):
    """The language switch's `next`, in the form or in the query string, never leaves the site."""
    for response in (client.post("/lang", data={"lang": "en", "next": target}),
                     client.post("/lang?" + urlencode({"next": target}), data={"lang": "fi"})):
        assert response.status_code == 302
        _assert_stays_here(response.headers["Location"])
        assert response.headers["Location"] == HOME


@pytest.mark.parametrize("target", LOCAL)
def test_language_switch_returns_to_the_local_page(client, target):
    """A local `next` is where the language switch goes back to."""
    response = client.post("/lang", data={"lang": "en", "next": target})
    assert response.headers["Location"] == target


def test_a_logged_out_reply_posted_through_the_language_switch_keeps_only_a_local_page(client):
    """A reply kept over a language switch with a hostile `next` is kept for this site's page, not another."""
    client.post("/lang", data={"lang": "en", "next": "/\\evil.example", "reply": "Hei"})
    with client.session_transaction() as stored:
        assert stored["pending_reply"]["path"] == "/lang"
