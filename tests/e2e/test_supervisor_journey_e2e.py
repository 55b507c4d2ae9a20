"""End to end, issue 12's journey in one browser session: a supervisor imports a generated file and
watches it pre-scored, reviews a conversation with an override, and the agent disputes the review."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest

from .test_practice_e2e import (
    CHROMIUM,
    LAUNCH_ARGS,
    PASSWORD,
    SCREENSHOTS,
    database_url,
    log_in,
    served,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]
SUPERVISOR, AGENT = "esihenkilo@example.com", "agentti@example.com"
MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")
COUNT = 40


def _generated_file(folder):
    """Write COUNT generated Finnish conversations of the last two weeks, all handled by AGENT."""
    from qa_app.imports.generate import generate_conversations, write_jsonl

    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=14)
    conversations = generate_conversations(COUNT, seed=49, start=start, agents=[AGENT], days=13,
                                           languages={"fi": 100})
    buffer = io.StringIO()
    write_jsonl(conversations, buffer)
    path = folder / "marraskuu.jsonl"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_import_watch_review_with_override_and_dispute(tmp_path):
    from playwright.sync_api import sync_playwright

    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services.users import create_user

    upload = _generated_file(tmp_path)
    with served(tmp_path, JOBS_INLINE_THREAD=True, JOBS_CHUNK_SIZE=5) as url:
        app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                          "SQLALCHEMY_DATABASE_URI": database_url(tmp_path)})
        with app.app_context():
            create_user(SUPERVISOR, "Essi Esihenkilö", "supervisor", PASSWORD, "Tiimi A", locale="fi")
            create_user(AGENT, "Aku Agentti", "learner", PASSWORD, "Tiimi A", locale="fi")
            db.session.commit()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)

            # Import and watch: the job page polls and fills in without a reload.
            log_in(page, url, SUPERVISOR)
            page.get_by_role("link", name="Tuonti").click()
            page.get_by_label("Keskustelutiedosto").set_input_files(str(upload))
            page.get_by_role("button", name="Tuo tiedosto").click()
            page.wait_for_url("**/review/jobs/*")
            job_url = page.url
            page.wait_for_selector("#import-result", timeout=60_000)
            imported = page.locator("section[aria-labelledby=import-result] .stat").first.inner_text()
            assert imported.split() == [str(COUNT), "tuotu"]
            page.get_by_text(re.compile(r"Kaikki \d+ keskustelua on esiarvioitu\.")).wait_for(timeout=120_000)
            assert page.url == job_url  # it filled in where the supervisor was watching
            page.screenshot(path=str(SCREENSHOTS / "journey-job.png"), full_page=True)

            # Review one pre-scored conversation, overriding AutoQA's empathy with a reason.
            page.goto(f"{url}/review/conversations?autoqa_min=0")
            page.locator("main table a[href*='/review/conversations/']").first.click()
            empathy = page.locator('input[name="score__empathy"]')
            automatic = empathy.input_value()
            assert automatic != ""
            empathy.fill("10" if float(automatic) > 50 else "90")
            for criterion in MANUAL:
                page.fill(f'input[name="score__{criterion}"]', "80")
            page.fill('textarea[name="comment"]', "Hyvä ratkaisu, mutta asiakkaan huoli jäi huomiotta.")
            page.get_by_role("button", name="Lähetä arvio").click()
            assert page.locator(".field__error", has_text="Kerro, miksi muutit AutoQA:n pisteitä.").count() == 1
            page.fill('input[name="override__empathy"]', "Pahoittelu oli kaavamainen.")
            page.get_by_role("button", name="Lähetä arvio").click()
            page.wait_for_url(re.compile(r"/review/reviews/\d+$"))
            assert "Pahoittelu oli kaavamainen." in page.inner_text("main")
            page.get_by_role("button", name="Kirjaudu ulos").click()

            # The agent reads it and disputes the overridden criterion.
            log_in(page, url, AGENT)
            page.get_by_role("link", name="Omat arvioni").click()
            page.locator("main a[href*='/review/reviews/']").first.click()
            page.get_by_label("Kriteeri").select_option("empathy")
            page.get_by_label("Mistä olet eri mieltä?").fill("Pahoittelin ja kerroin, mitä teen seuraavaksi.")
            page.get_by_role("button", name="Kiistä", exact=True).click()
            disputes = page.inner_text("#disputes-title + ul")
            page.screenshot(path=str(SCREENSHOTS / "journey-dispute.png"), full_page=True)
            page.get_by_role("button", name="Kirjaudu ulos").click()

            # The supervisor finds it in the disputes list, by the criterion's title.
            log_in(page, url, SUPERVISOR)
            page.get_by_role("link", name="Kiistat").click()
            listed = page.inner_text("main")
            browser.close()
    assert "Avoin" in disputes
    assert "Pahoittelin ja kerroin" in listed and "Empatia" in listed
    # The submit without a reason is answered 400 (field errors), which Chromium logs; nothing else.
    assert [e for e in errors if "status of 400" not in e] == []
