"""End to end: a supervisor uploads a conversation file in Chromium and reads the result."""

from __future__ import annotations

import json

import pytest

from .test_practice_e2e import CHROMIUM, LAUNCH_ARGS, PASSWORD, SCREENSHOTS, database_url, served

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]
SUPERVISOR = "esihenkilo@example.com"


def chats() -> str:
    """Return a JSONL file with two good conversations, one broken line and one without messages."""
    def line(conv_id: str, text: str) -> str:
        return json.dumps({"id": conv_id, "channel": "chat", "agent": "A-17", "messages": [
            {"author": "customer", "at": "2026-11-30T08:00:00Z", "text": text},
            {"author": "agent", "at": "2026-11-30T08:01:00Z", "text": "Tarkistan asian heti."},
        ]}, ensure_ascii=False)
    return "\n".join([
        line("c1", "Henkilötunnukseni on 131052-308T ja puhelin 040 123 4567."),
        "{broken",
        line("c2", "Laskuni on väärin."),
        json.dumps({"id": "c3", "channel": "chat", "messages": []}),
    ]) + "\n"


def test_supervisor_imports_a_file_and_sees_the_counts(tmp_path):
    """The supervisor uploads a JSONL file from the nav and watches its job page fill in (htmx polling):
    counts, rejected lines, then the AutoQA pre-scores."""
    from playwright.sync_api import sync_playwright

    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services.users import create_user

    upload = tmp_path / "chats.jsonl"
    upload.write_text(chats(), encoding="utf-8")
    with served(tmp_path, JOBS_INLINE_THREAD=True) as url:
        app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                          "SQLALCHEMY_DATABASE_URI": database_url(tmp_path)})
        with app.app_context():
            create_user(SUPERVISOR, "Essi Esihenkilö", "supervisor", PASSWORD, "Tiimi A", locale="fi")
            db.session.commit()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/auth/login")
            page.fill("input[name=email]", SUPERVISOR)
            page.fill("input[name=password]", PASSWORD)
            page.keyboard.press("Enter")
            page.get_by_role("link", name="Tuonti").click()
            page.get_by_label("Keskustelutiedosto").set_input_files(str(upload))
            page.get_by_role("button", name="Tuo tiedosto").click()
            page.wait_for_url("**/review/jobs/*")
            page.wait_for_selector("#import-result")
            page.get_by_text("Kaikki 2 keskustelua on esiarvioitu.").wait_for(timeout=60_000)
            text = page.inner_text("main")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "import.png"), full_page=True)
            browser.close()
    assert "chats.jsonl:2" in text and "chats.jsonl:4" in text
    assert "131052-308T" not in text
