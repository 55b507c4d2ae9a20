"""End to end (issue 16): axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page type.

Chromium visits every page type as the role that uses it (learner, supervisor, trainer, admin, and
the logged-out login page), in English and in Finnish, at desktop width (1280 px) and at phone width
(375 px). On each it injects axe-core (`tests/e2e/.vendor/axe.min.js`, copied there by
scripts/setup.sh from the npm package; never served to users) with `page.evaluate` — the app's CSP
forbids inline script tags — and runs the WCAG 2.0/2.1 A and AA rules. The test fails on any
violation axe rates serious or critical, listing page, width, language, rule and target, and on any
page that scrolls sideways at 375 px.

Accessibility does not depend on the database, so the test skips itself in the PostgreSQL pass of
scripts/test.sh (KOHTAAMO_PG_PASS=1): the SQLite pass has already run it. One browser context per
role; the width changes by resizing the viewport, without reloading the page."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from .test_csp_e2e import _load_demo
from .test_practice_e2e import CHROMIUM, LAUNCH_ARGS, PASSWORD, database_url, log_in, served

AXE = Path(__file__).resolve().parent / ".vendor" / "axe.min.js"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
    pytest.mark.skipif(os.environ.get("KOHTAAMO_PG_PASS") == "1",
                       reason="accessibility does not depend on the database: checked in the SQLite pass"),
]
WIDTHS = ((1280, 900), (375, 800))
LANGUAGES = ("en", "fi")
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
    resultTypes: ['violations'],
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')),
                  summary: v.nodes.slice(0, 3).map((n) => n.failureSummary)}));
}"""
NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def _links(page, pattern: str) -> list[str]:
    """The page's local links whose path matches `pattern` (a regular expression, whole path)."""
    hrefs = page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    return [href for href in hrefs if re.fullmatch(pattern, href.split("#")[0].split("?")[0])]


class Auditor:
    """Runs axe on pages and collects what it found, by page, language and width."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.axe = AXE.read_text(encoding="utf-8")
        self.problems: list[str] = []
        self.rules: Counter[str] = Counter()  # rule id: affected elements, over every run
        self.audited: list[tuple[str, str, int]] = []
        self.job_path: str | None = None

    def audit(self, page, label: str, lang: str) -> None:
        """Audit the page as loaded, at every width (it is left at desktop width)."""
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(self.axe)
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function(f"() => window.innerWidth === {width}")
            page.evaluate(NEXT_FRAMES)  # a11y.js re-marks scrolling tables in the frame after a resize
            where = f"{label} [{lang}, {width}px] {page.url.removeprefix(self.base)}"
            for violation in page.evaluate(RUN_AXE):
                self.rules[violation["id"]] += len(violation["targets"])
                targets = ", ".join(violation["targets"][:6])
                more = len(violation["targets"]) - 6
                self.problems.append(f"{where}: {violation['impact']} {violation['id']} "
                                     f"({len(violation['targets'])}) at {targets}{f' and {more} more' if more > 0 else ''}"
                                     f" — {violation['summary'][0]}")
            if width < 400:
                overflow = page.evaluate(SIDEWAYS)
                if overflow > 0:
                    self.problems.append(f"{where}: scrolls sideways by {overflow}px at {width}px")
                    self.rules["horizontal-scroll"] += 1
            self.audited.append((label, lang, width))
        page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})

    def visit(self, page, path: str, label: str, lang: str) -> None:
        page.goto(self.base + path)
        self.audit(page, label, lang)


FOCUS_LANDED = """() => {
  const id = document.querySelector('[data-error-summary] a').getAttribute('href').slice(1);
  const field = document.activeElement, target = document.getElementById(id);
  return field.matches('input, select, textarea') && (field === target || target.contains(field));
}"""


def _assert_error_summary_leads(page) -> None:
    """A form with errors: its linked summary has the focus, and its first link focuses that field."""
    page.wait_for_function("() => document.activeElement.matches('[data-error-summary]')")
    page.locator("[data-error-summary] a").first.click()
    assert page.evaluate(FOCUS_LANDED), page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")


def _switch_language(page, base: str, lang: str) -> None:
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click(f"button[name=lang][value={lang}]")


def _start_attempt(page, base: str, channel: str) -> str:
    """Start a starter scenario of `channel` and return its practice page's path."""
    page.goto(f"{base}/practice/?channel={channel}")
    with page.expect_navigation():
        page.locator("form[action^='/practice/start/'] button[type=submit]").first.click()
    if "/practice/start/" in page.url:  # a confirmation page first
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector("#practice-session")
    return page.url.removeprefix(base)


def _learner(page, auditor: Auditor, lang: str, attempts: dict[str, str]) -> None:
    base = auditor.base
    auditor.visit(page, "/", "home", lang)
    auditor.visit(page, "/practice/", "catalogue", lang)
    for channel in ("chat", "email", "social"):
        if channel not in attempts:
            attempts[channel] = _start_attempt(page, base, channel)
        auditor.visit(page, attempts[channel], f"practice {channel}", lang)
    auditor.visit(page, "/practice/progress", "progress", lang)
    debriefs = _links(page, r"/practice/attempt/\d+/debrief")
    assert debriefs, "the demo learner has no finished attempt to debrief"
    auditor.visit(page, debriefs[0], "debrief", lang)
    auditor.visit(page, "/review/", "403 page", lang)
    auditor.visit(page, "/no-such-page", "404 page", lang)


def _import_small_file(page, base: str) -> str:
    """Import five generated conversations on the import page; return the job page's path once the
    import has finished (the demo itself has no job)."""
    import io
    import tempfile

    from qa_app.imports.generate import generate_conversations, write_jsonl

    buffer = io.StringIO()
    write_jsonl(generate_conversations(5, seed=16, agents=["oppija@example.com"]), buffer)
    path = Path(tempfile.mkdtemp()) / "pieni.jsonl"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    page.goto(f"{base}/review/import")
    page.set_input_files("input[type=file]", str(path))
    with page.expect_navigation():
        page.locator("main form[enctype] [type=submit]").first.click()
    page.wait_for_url("**/review/jobs/*")
    page.wait_for_selector("#import-result", timeout=60_000)
    return page.url.removeprefix(base)


def _supervisor(page, auditor: Auditor, lang: str) -> None:
    for path, label in (("/", "home"), ("/review/", "review overview"), ("/review/queue", "queue"),
                        ("/review/disputes", "disputes"), ("/review/quality", "quality dashboard"),
                        ("/review/import", "import"), ("/review/rules", "sampling rules"),
                        ("/review/conversations", "conversations")):
        auditor.visit(page, path, label, lang)
    conversations = _links(page, r"/review/conversations/\d+")
    assert conversations, "the demo has no conversations"
    auditor.visit(page, conversations[0], "conversation + scorecard", lang)
    auditor.visit(page, "/review/mine", "my reviews", lang)
    reviews = _links(page, r"/review/reviews/\d+")
    if not reviews:
        page.goto(auditor.base + "/review/disputes")
        reviews = _links(page, r"/review/reviews/\d+")
    if reviews:
        auditor.visit(page, reviews[0], "review detail", lang)
    if auditor.job_path is None:  # import a small file once: the job page as the import leaves it
        auditor.job_path = _import_small_file(page, auditor.base)
    auditor.visit(page, auditor.job_path, "job", lang)
    auditor.visit(page, "/calibration/", "calibration list", lang)
    sessions = _links(page, r"/calibration/\d+")
    assert sessions, "the demo has no calibration session"
    auditor.visit(page, sessions[0], "calibration session", lang)
    items = _links(page, r"/calibration/\d+/items/\d+")
    if items:
        auditor.visit(page, items[0], "calibration score", lang)
    auditor.visit(page, sessions[0] + "/results", "calibration results", lang)
    auditor.visit(page, "/calibration/new", "new calibration session", lang)


def _trainer(page, auditor: Auditor, lang: str) -> None:
    auditor.visit(page, "/authoring/", "authoring library", lang)
    scenario = _links(page, r"/authoring/scenarios/[^/]+/edit")
    rubric = _links(page, r"/authoring/rubrics/[^/]+/edit")
    history = _links(page, r"/authoring/(scenario|rubric)/[^/]+/history")
    assert scenario and rubric, "the library lists no scenario or rubric editor"
    auditor.visit(page, scenario[0], "scenario editor", lang)
    samples = _links(page, r"/authoring/scenarios/[^/]+/samples")
    auditor.visit(page, scenario[0].replace("/edit", "/yaml"), "scenario YAML editor", lang)
    auditor.visit(page, rubric[0], "rubric editor", lang)
    if history:
        auditor.visit(page, history[0], "history", lang)
        tries = _links(page, r"/authoring/versions/\d+/try")
        versions = _links(page, r"/authoring/versions/\d+")
        if tries:
            auditor.visit(page, tries[0], "try-it", lang)
        if versions:
            auditor.visit(page, versions[0], "version", lang)
    if samples:
        auditor.visit(page, samples[0], "sample answers", lang)
    auditor.visit(page, "/authoring/scenarios/new", "new scenario", lang)
    auditor.visit(page, "/authoring/assignments", "assignments", lang)
    assignments = _links(page, r"/authoring/assignments/\d+")
    if assignments:
        auditor.visit(page, assignments[0], "assignment", lang)
    page.goto(auditor.base + "/authoring/assignments/new")
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()
    auditor.audit(page, "new assignment with errors", lang)
    _assert_error_summary_leads(page)


def _admin(page, auditor: Auditor, lang: str) -> None:
    auditor.visit(page, "/admin/users", "admin users", lang)
    auditor.visit(page, "/admin/jobs", "admin jobs", lang)
    auditor.visit(page, "/admin/audit", "audit log", lang)
    auditor.visit(page, "/admin/tokens", "API tokens", lang)
    revoke = _links(page, r"/admin/tokens/\d+/revoke")
    assert revoke, "the demo has no API token in use"
    auditor.visit(page, revoke[0], "revoke token", lang)


def _login(page, auditor: Auditor, lang: str) -> None:
    page.goto(f"{auditor.base}/auth/login")
    with page.expect_navigation():
        page.click(f"button[name=lang][value={lang}]")
    auditor.audit(page, "login", lang)
    page.fill("input[name=email]", "nobody@example.com")
    page.fill("input[name=password]", "wrong-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    auditor.audit(page, "login with an error", lang)
    _assert_error_summary_leads(page)


ROLES = (
    (None, _login),
    ("oppija@example.com", _learner),
    ("esihenkilo@example.com", _supervisor),
    ("kouluttaja@example.com", _trainer),
    ("admin@example.com", _admin),
)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run scripts/setup.sh")
def test_no_serious_accessibility_violations(tmp_path):
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as base:
        _load_demo(database_url(tmp_path))
        auditor = Auditor(base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            try:
                for email, visit in ROLES:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    context.set_default_timeout(30_000)
                    page = context.new_page()
                    if email:
                        log_in(page, base, email, PASSWORD)
                    attempts: dict[str, str] = {}
                    for lang in LANGUAGES:
                        if email:
                            _switch_language(page, base, lang)
                            visit(page, auditor, lang, *([attempts] if visit is _learner else []))
                        else:
                            visit(page, auditor, lang)
                    context.close()
            finally:
                browser.close()
    pages = {label for label, _, _ in auditor.audited}
    assert len(pages) >= 30, sorted(pages)
    print(f"\naxe audited {len(pages)} page types, {len(auditor.audited)} page × language × width runs")
    assert not auditor.problems, f"\nby rule (elements): {dict(auditor.rules.most_common())}\n" + "\n".join(
        auditor.problems)
