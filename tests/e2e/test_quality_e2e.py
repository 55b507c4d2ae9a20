"""End to end: a supervisor reads the quality dashboard in Chromium, the charts draw offline with
no console errors, and a number opens the conversations behind it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from .test_practice_e2e import CHROMIUM, LAUNCH_ARGS, PASSWORD, SCREENSHOTS, database_url, served

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]
SUPERVISOR = "laatu@example.com"


def _seed(url_folder) -> None:
    """Store three weeks of one agent's conversations with reviews and AutoQA results."""
    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.models import Agent, AutoQAResult, Conversation, Review, ReviewRevision
    from qa_app.services import content_store
    from qa_app.services.users import create_user

    app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url(url_folder)})
    with app.app_context():
        supervisor, _ = create_user(SUPERVISOR, "Laura Laatu", "supervisor", PASSWORD, "Tiimi A", locale="fi")
        agent_user, _ = create_user("agentti@example.com", "Aku Agentti", "learner", PASSWORD, "Tiimi A")
        db.session.flush()
        agent = Agent(external_key="agentti@example.com", user_id=agent_user.id)
        db.session.add(agent)
        db.session.flush()
        version = content_store.record_version("rubric", content_store.library().rubric("supervisor-scorecard"))
        start = datetime(2026, 11, 9, 9, 0)
        for n in range(12):
            conv = Conversation(source="e2e", external_id=f"k{n}", channel=("chat", "email", "phone")[n % 3],
                                agent_id=agent.id, customer=f"asiakas{n % 4}", subject=f"Lasku {n}",
                                first_message_at=start + timedelta(days=2 * n))
            db.session.add(conv)
            db.session.flush()
            phone = conv.channel == "phone"
            db.session.add(AutoQAResult(conversation_id=conv.id, rubric_version_id=version.id, overall=50 + 4 * n,
                                        first_response_met=None if phone else n % 2 == 0,
                                        first_response_target_s=None if phone else 60.0))
            if n % 2 == 0:
                review = Review(conversation_id=conv.id, reviewer_id=supervisor.id, rubric_version_id=version.id,
                                overall=60 + 3 * n)
                review.revisions.append(ReviewRevision(number=1, author_id=supervisor.id, overall=60 + 3 * n,
                                                       scores_json=json.dumps({"grammar": {"score": 70, "na": False}})))
                db.session.add(review)
        db.session.commit()


def test_supervisor_reads_the_dashboard_and_opens_a_number(tmp_path):
    """Charts draw from the JSON block (no CSP or script errors) and the IQS opens its list."""
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as url:
        _seed(tmp_path)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{url}/auth/login")
            page.fill("input[name=email]", SUPERVISOR)
            page.fill("input[name=password]", PASSWORD)
            page.keyboard.press("Enter")
            page.get_by_role("link", name="Laatu").click()
            page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('trend-chart'))")
            drawn = page.evaluate(
                "() => ['trend-chart', 'histogram-chart', 'compliance-chart']"
                ".map(id => !!Chart.getChart(document.getElementById(id)))"
            )
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "quality.png"), full_page=True)
            iqs = page.locator(".stat").first.get_by_role("link")
            iqs.click()
            page.wait_for_selector("#conversation-list")
            rows = page.locator("#conversation-list tbody tr").count()
            browser.close()
    assert drawn == [True, True, True]
    assert rows == 6  # the six reviewed conversations
    assert errors == []
