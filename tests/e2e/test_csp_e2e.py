"""End to end (issue 16): the strict Content-Security-Policy refuses nothing on the main page types.

Chromium visits, as the demo learner, supervisor, trainer and admin, every page type reachable by
links from the home page (one page per endpoint), plus the pages that need a click first (a
practice turn sent through htmx, a trainer's try-it panel, a new API token). The test fails on any
console message about the Content Security Policy, on any `securitypolicyviolation` event, and on
any script error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from .test_practice_e2e import CHROMIUM, EMAIL, LAUNCH_ARGS, PASSWORD, database_url, log_in, served

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]

ROOT = Path(__file__).resolve().parents[2]
ROLES = (
    ("oppija@example.com", "learner"),
    ("esihenkilo@example.com", "supervisor"),
    ("kouluttaja@example.com", "trainer"),
    ("admin@example.com", "admin"),
)
PAGES_PER_ROLE = 30
SKIPPED = ("/static/", "/api/", "/auth/logout")
# Collects violations in the page itself; Playwright's init scripts are not subject to the page's CSP.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
});
"""


def _load_demo(url_for_db: str) -> object:
    """Load the demo into the served database (the learner served() made is renamed out of the way)."""
    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services import content_versions
    from qa_app.services.demo import issue_demo_tokens, load_demo
    from qa_app.services.users import find_user

    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url_for_db})
    with app.app_context():
        content_versions.import_starter(ROOT)
        find_user(EMAIL).email = "oona.served@example.com"
        db.session.commit()
        load_demo(password=PASSWORD, conversations=40)
        issue_demo_tokens()  # as `kohtaamo demo` does: the admin's token page has rows
        db.session.commit()
        db.engine.dispose()
    return app


class Watcher:
    """Everything a page said about the CSP, and every script error, with the page it happened on."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: script error: {error}"))

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text or "Refused to" in text:
            self.problems.append(f"{self.page.url}: console {message.type}: {text}")

    def collect(self) -> None:
        """Add the violations the page recorded itself since it loaded."""
        for violation in self.page.evaluate("window.__csp || []"):
            self.problems.append(f"{self.page.url}: securitypolicyviolation {violation}")
        self.page.evaluate("window.__csp = []")


def _page_type(app, url: str) -> str:
    from werkzeug.exceptions import HTTPException

    try:
        endpoint, _ = app.url_map.bind("localhost").match(urlsplit(url).path, method="GET")
    except HTTPException:
        return urlsplit(url).path
    return endpoint


def _visit_linked_pages(page, watcher: Watcher, app, base: str, starts: list[str]) -> list[str]:
    """Open one page per endpoint reachable by links from `starts`; return the paths visited."""
    queue, seen, visited = list(starts), set(), []
    while queue and len(seen) < PAGES_PER_ROLE:
        path = urldefrag(queue.pop(0)).url
        kind = _page_type(app, path)
        if kind in seen or path.startswith(SKIPPED) or kind.endswith(("export", "_csv")) or ".csv" in path:
            continue
        seen.add(kind)
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        watcher.collect()
        visited.append(path)
        hrefs = page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
        queue.extend(hrefs)
    return visited


def _send_a_practice_turn(page, watcher: Watcher, base: str) -> None:
    """Start a starter scenario and send one reply through htmx (its indicator must need no inline style)."""
    page.goto(f"{base}/practice/?lang=fi&channel=chat")
    page.locator("form[action^='/practice/start/'] button[type=submit]").first.click()
    page.wait_for_selector("#practice-session[data-turn='1']")
    page.fill("textarea[name=reply]", "Hei, olen pahoillani odotuksesta. Hyvitän maksun heti.")
    page.press("textarea[name=reply]", "Control+Enter")
    page.wait_for_selector("#practice-session[data-turn='2']", timeout=60_000)
    watcher.collect()


def _try_an_answer(page, watcher: Watcher, base: str) -> None:
    """Open a scenario's editor and try an answer in its htmx panel."""
    page.goto(f"{base}/authoring/scenarios/jonotusmaksu/edit")
    page.fill("textarea[name='try-answer']", "Hei, hyvitämme jonotusmaksun 5,18 €.")
    page.locator("form[hx-post] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    watcher.collect()


def _create_a_token(page, watcher: Watcher, base: str) -> None:
    """The page that shows a new API token once."""
    page.goto(f"{base}/admin/users")
    page.fill("input[name='token-token_name']", "e2e")
    with page.expect_navigation():
        page.locator("form[action$='/admin/tokens'] [type=submit]").click()
    assert page.locator(".shown-once__value").inner_text().startswith("kht_")
    watcher.collect()


def test_no_page_breaks_the_content_security_policy(tmp_path):
    """No main page type, for any role, logs a CSP violation or a script error in Chromium."""
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as base:
        app = _load_demo(database_url(tmp_path))
        report: dict[str, list[str]] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            try:
                # The watcher itself: a style attribute set from outside must be reported.
                context = browser.new_context(locale="fi-FI")
                context.add_init_script(RECORD_VIOLATIONS)
                page = context.new_page()
                canary = Watcher(page)
                page.goto(f"{base}/auth/login")
                page.evaluate("document.body.setAttribute('style', 'color: red')")
                page.wait_for_timeout(200)
                canary.collect()
                assert any("style-src" in problem for problem in canary.problems), canary.problems
                context.close()

                for email, role in ROLES:
                    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
                    context.set_default_timeout(30_000)
                    context.add_init_script(RECORD_VIOLATIONS)
                    page = context.new_page()
                    watcher = Watcher(page)
                    log_in(page, base, email)
                    visited = _visit_linked_pages(page, watcher, app, base, ["/", "/no-such-page", "/admin/jobs"])
                    assert len(visited) >= 5, (role, visited)
                    if role == "learner":
                        _send_a_practice_turn(page, watcher, base)
                    if role == "trainer":
                        _try_an_answer(page, watcher, base)
                    if role == "admin":
                        _create_a_token(page, watcher, base)
                    report[role] = watcher.problems
                    context.close()
            finally:
                browser.close()
    assert not any(report.values()), report
