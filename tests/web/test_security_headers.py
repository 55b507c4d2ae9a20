"""Security headers on every kind of response, no inline code in any page, and secrets shown once
on the page that made them, never through the session cookie (issue 16)."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from qa_app.security_headers import CONTENT_SECURITY_POLICY

PASSWORD = "demo-password-42"
EXPECTED = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(response, url: str) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{url}: {name} is {response.headers.get(name)!r}"
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url


def test_policy_allows_no_inline_code():
    """The policy itself: scripts and styles from this site only, no inline code, no framing, no plugins."""
    directives = dict(part.strip().split(" ", 1) for part in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["object-src"] == directives["base-uri"] == directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == directives["form-action"] == "'self'"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/auth/login", 200),  # a form page
        ("/healthz", 200),
        ("/api/v1/openapi.yaml", 200),
        ("/static/css/app.css", 200),
        ("/static/favicon.svg", 200),
        ("/no-such-page", 404),
    ],
)
def test_headers_on_anonymous_responses(client, url, status):
    """Form pages, health checks, the API description, static files and the 404 page all carry the headers."""
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response, url)


def test_headers_on_readiness_json_and_api_errors(client):
    """/readyz (200 or 503) and the API's JSON answers, errors included, carry the headers."""
    ready = client.get("/readyz")
    assert ready.status_code in (200, 503) and ready.is_json
    assert_security_headers(ready, "/readyz")
    refused = client.post("/api/v1/grade", json={"text": "Hei"})
    assert refused.status_code == 401 and refused.is_json
    assert_security_headers(refused, "/api/v1/grade")


def test_headers_on_api_json_success(client, make_user, db):
    """A successful JSON answer of the grading API carries the headers."""
    from qa_app.models import ApiToken

    token, plain = ApiToken.issue(make_user("admin"), "ci")
    db.session.add(token)
    db.session.commit()
    response = client.post(
        "/api/v1/grade",
        json={"text": "Hei, pahoittelen odotusta. Hyvitän maksun.", "lang": "fi"},
        headers={"Authorization": f"Bearer {plain}"},
    )
    assert response.status_code == 200 and response.is_json, response.get_data(as_text=True)[:300]
    assert_security_headers(response, "/api/v1/grade")


def test_headers_on_logged_in_pages_and_403(client, make_user, login):
    """A logged-in HTML page and the 403 page carry the headers."""
    login(make_user("learner"))
    home = client.get("/")
    assert home.status_code == 200
    assert_security_headers(home, "/")
    refused = client.get("/admin/users")
    assert refused.status_code == 403
    assert_security_headers(refused, "/admin/users")


def test_hsts_only_with_https(app, client):
    """HSTS is sent on HTTPS requests and when cookies are secure, and not on a plain-HTTP set-up."""
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    assert "max-age=" in client.get("/healthz", base_url="https://localhost").headers["Strict-Transport-Security"]
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        assert "max-age=" in client.get("/healthz").headers["Strict-Transport-Security"]
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False


def test_a_view_may_set_its_own_header(app):
    """The hook fills in only the headers a response has not set itself."""
    from flask import Response

    from qa_app.security_headers import add_security_headers

    with app.test_request_context("/"):
        response = add_security_headers(Response(headers={"X-Frame-Options": "SAMEORIGIN"}))
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


# --- No inline code in any page -----------------------------------------------------------------

DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")  # data blocks: browsers never run them


class InlineCodeFinder(HTMLParser):
    """Collect everything a strict CSP would refuse: inline scripts, <style> blocks, style="" and
    on…= attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "style":
            self.found.append("<style> block")
        if tag == "script" and not names.get("src") and (names.get("type") or "") not in DATA_SCRIPT_TYPES:
            self.found.append("<script> without src")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found


def test_inline_code_finder_sees_each_kind():
    """The checker itself finds each kind of inline code and lets data blocks and src scripts pass."""
    page = (
        '<p style="color:red">x</p><button onclick="go()">b</button><style>p{}</style><script>alert(1)</script>'
        '<a href="javascript:void(0)">a</a><svg><rect style="fill:red"/></svg>'
        '<script src="/static/js/a.js"></script><script type="application/json">{}</script>'
    )
    assert len(inline_code(page)) == 6


APP_DIR = Path(__file__).resolve().parents[2] / "qa_app"
# In template source: a style attribute, a <style> block, an on…= handler, a javascript: URL, and
# a <script> tag with neither src nor a JSON type.
TEMPLATE_INLINE_CODE = re.compile(
    r"""\sstyle\s*=|<style[\s>]|\son[a-z]+\s*=|javascript:|<script(?![^>]*\ssrc=)(?![^>]*type="application/(?:ld\+)?json")""",
    re.IGNORECASE,
)


def test_no_template_or_python_markup_has_inline_code():
    """No template (and no HTML or SVG written in Python) holds inline code, reachable by a link or not."""
    for sample in ('<p style="x">', "<style>", '<a onclick="f()">', "<script>", '<script type="module">'):
        assert TEMPLATE_INLINE_CODE.search(sample), sample
    assert not TEMPLATE_INLINE_CODE.search('<script src="/static/js/a.js" defer></script>')
    assert not TEMPLATE_INLINE_CODE.search('<script type="application/json" id="d">')
    offending = []
    for path in sorted(APP_DIR.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if TEMPLATE_INLINE_CODE.search(line):
                offending.append(f"{path.relative_to(APP_DIR)}:{number}: {line.strip()}")
    for path in sorted(APP_DIR.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "<" in line and TEMPLATE_INLINE_CODE.search(line):
                offending.append(f"{path.relative_to(APP_DIR)}:{number}: {line.strip()}")
    assert not offending, "\n".join(offending)


SKIPPED_PREFIXES = ("/static/", "/api/", "/auth/logout", "/healthz", "/readyz")
PER_USER_PAGES = 60
DEMO_USERS = ("oppija@example.com", "esihenkilo@example.com", "kouluttaja@example.com", "admin@example.com")


def _links(html: str) -> list[str]:
    return re.findall(r'href="(/[^"]*)"', html)


def _page_type(client, url: str) -> str:
    """The endpoint a URL leads to: /review/reviews/12 and /review/reviews/7 are one page type."""
    from werkzeug.exceptions import HTTPException

    try:
        endpoint, _ = client.application.url_map.bind("localhost").match(urlsplit(url).path, method="GET")
    except HTTPException:  # not found, or a redirect to the slash form: a page of its own
        return urlsplit(url).path
    return endpoint


def crawl(client, starts: tuple[str, ...] = ("/",)) -> dict[str, list[str]]:
    """Visit up to PER_USER_PAGES page types reachable by links from `starts`; return the inline code
    found per page, and assert every page answered with the headers."""
    queue, seen, problems = deque(starts), set(), {}
    while queue and len(seen) < PER_USER_PAGES:
        url = urldefrag(queue.popleft()).url.replace("&amp;", "&")
        if _page_type(client, url) in seen or url.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(_page_type(client, url))
        response = client.get(url)
        assert response.status_code < 500, url
        assert_security_headers(response, url)
        if not response.mimetype == "text/html":
            continue
        html = response.get_data(as_text=True)
        if found := inline_code(html):
            problems[url] = found
        queue.extend(_links(html))
    return problems


def test_demo_pages_have_no_inline_code(client, db, login):
    """Every page type a demo learner, supervisor, trainer and admin can reach by links is free of inline
    scripts, <style> blocks, style="" and on…= attributes, so the strict CSP refuses nothing on them."""
    from qa_app.services.demo import load_demo
    from qa_app.services.users import find_user

    load_demo(password=PASSWORD, conversations=60)
    problems, visited = {}, 0
    for email in DEMO_USERS:
        login(find_user(email), PASSWORD)
        client.post("/lang", data={"lang": "en"})
        starts = ["/", "/no-such-page", "/admin/users", "/admin/jobs"]  # error pages too (404, 403)
        started = client.post("/practice/start/jonotusmaksu")  # an attempt in progress, or the question
        assert started.status_code == 303, email  # whether to leave the open one
        starts.append(started.headers["Location"])
        if email == "admin@example.com":
            shown = client.post("/admin/tokens", data={"token-token_name": "crawl"}).get_data(as_text=True)
            if found := inline_code(shown):
                problems[f"{email} POST /admin/tokens"] = found
        found = crawl(client, tuple(starts))
        problems.update({f"{email} {url}": kinds for url, kinds in found.items()})
        visited += 1
        client.post("/auth/logout")
    assert visited == len(DEMO_USERS)
    assert not problems, problems


def test_debrief_score_bars_are_drawn_without_style(client, db, login):
    """The debrief's per-criterion bars carry the score as an SVG width, not as style="width: …"."""
    from sqlalchemy import select

    from qa_app.models import Attempt
    from qa_app.services.demo import load_demo
    from qa_app.services.demo_practice import play_demo_attempts
    from qa_app.services.users import find_user

    users = [user for user, _ in load_demo(password=PASSWORD, conversations=0)]
    play_demo_attempts(users)
    learner = find_user("oppija@example.com")
    finished = select(Attempt).where(Attempt.user_id == learner.id, Attempt.status == "finished")
    attempt = db.session.scalars(finished).first()
    assert attempt is not None, "the demo plays finished attempts for oppija@example.com"
    login(learner, PASSWORD)
    html = client.get(f"/practice/attempt/{attempt.id}/debrief").get_data(as_text=True)
    assert 'class="bar__fill" width="' in html
    assert not inline_code(html)


# --- Secrets shown once -------------------------------------------------------------------------


def session_contents(app, client) -> str:
    """The browser's session cookie, decoded with the app's own serializer, as text."""
    cookie = client.get_cookie("session")
    if cookie is None:
        return ""
    serializer = app.session_interface.get_signing_serializer(app)
    return repr(serializer.loads(cookie.value)) + cookie.value


@pytest.mark.parametrize("typed_password", ["", "typed-secret-password-9"])
def test_new_password_is_shown_once_and_never_in_the_cookie(app, client, make_user, login, typed_password):
    """A new user's password (generated or typed) is on the answer to the POST, not cached, not in
    the session cookie, and gone from the next page load."""
    login(make_user("admin"))
    client.post("/lang", data={"lang": "en"})
    response = client.post(
        "/admin/users",
        data={"user-email": "uusi@example.com", "user-name": "Uusi Oppija", "user-role": "learner",
              "user-team": "", "user-password": typed_password},
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    password = re.search(r'<code class="shown-once__value">([^<]+)</code>', html).group(1)
    assert password == (typed_password or password) and len(password) >= 12
    assert "User uusi@example.com created" in html
    assert 'value="uusi@example.com"' not in html  # the form is blank again
    assert password not in session_contents(app, client)
    assert password not in client.get("/admin/users").get_data(as_text=True)
    client.post("/auth/logout")
    from qa_app.services.users import find_user

    login(find_user("uusi@example.com"), password)


def test_new_api_token_is_shown_once_and_never_in_the_cookie(app, client, make_user, login):
    """A new API token is on the answer to the POST, not cached, not in the session cookie, and works."""
    login(make_user("admin"))
    response = client.post("/admin/tokens", data={"token-token_name": "raportit"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    token = re.search(r'<code class="shown-once__value">(kht_[^<]+)</code>', html).group(1)
    assert "raportit" in html
    assert token not in session_contents(app, client)
    assert token not in client.get("/admin/users").get_data(as_text=True)
    graded = client.post("/api/v1/grade", json={"text": "Hei, autan mielelläni.", "lang": "fi"},
                         headers={"Authorization": f"Bearer {token}"})
    assert graded.status_code == 200


def test_shown_once_page_is_in_finnish(app, client, make_user, login):
    """The shown-once notice reads in Finnish for a Finnish admin."""
    login(make_user("admin"))
    client.post("/lang", data={"lang": "fi"})
    html = client.post("/admin/tokens", data={"token-token_name": "raportit"}).get_data(as_text=True)
    assert "API-tunniste raportit luotu" in html and "näytetään vain tämän kerran" in html
