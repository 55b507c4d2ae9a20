"""End to end: a supervisor reviews an AutoQA-scored conversation with an override (the draft survives a
reload), the agent reads and disputes the review, and the supervisor accepts the dispute."""

from __future__ import annotations

import re

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


def _seed(folder) -> int:
    """Store the two users and one conversation pre-scored by the real AutoQA; return its id."""
    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services import autoqa
    from qa_app.services.users import create_user
    from tests.review_factory import agent_for, conversation

    app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url(folder)})
    with app.app_context():
        create_user(SUPERVISOR, "Essi Esihenkilö", "supervisor", PASSWORD, "Tiimi A", locale="fi")
        agent, _ = create_user(AGENT, "Aku Agentti", "learner", PASSWORD, "Tiimi A", locale="fi")
        db.session.commit()
        conv = conversation(agent_for(agent), "chat-77", customer="asiakas-5", messages=[
            ("customer", "Hei, laskullani on veloitus, jota en tunnista. Sähköpostini on [EMAIL]."),
            ("agent", "Hei! Pahoittelen. Tarkistan veloituksen heti ja palaan asiaan tänään."),
            ("system", "Keskustelu siirrettiin laskutukseen."),
            ("agent", "Veloitus oli virhe, ja hyvitän sen seuraavalla laskulla. Kiitos kärsivällisyydestä!"),
        ])
        autoqa.score_conversations([conv.id])
        db.session.commit()
        return conv.id


def test_review_with_override_draft_dispute_and_acceptance(tmp_path):
    """The whole reviewing loop in Finnish, in the browser, with JavaScript drafts and CSRF on."""
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as url:
        conv_id = _seed(tmp_path)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            log_in(page, url, SUPERVISOR)
            page.get_by_role("link", name="Jono").click()
            page.get_by_role("link", name="Poimintasäännöt (0)").click()
            page.get_by_label("Nimi").fill("Heikoimmat")
            page.get_by_label("Poimii").select_option("lowest_autoqa")
            page.get_by_label("Keskustelujen määrä").fill("5")
            page.get_by_role("button", name="Lisää sääntö").click()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "review-rules.png"), full_page=True)
            page.get_by_role("link", name="Arviointijono").click()
            page.get_by_role("button", name="Aja poimintasäännöt nyt").click()
            page.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=True)
            page.locator(f"main a[href$='/review/conversations/{conv_id}']").click()
            assert page.locator(".redacted").first.inner_text().startswith("[EMAIL]")
            assert page.locator(".turn--system .turn__author").text_content().strip().endswith("Järjestelmä")
            grammar = page.locator('input[name="score__grammar"]')
            assert grammar.input_value() != ""
            grammar.fill("35")
            for cid in MANUAL:
                page.fill(f'input[name="score__{cid}"]', "100")
            page.fill('textarea[name="comment"]', "Selkeä ja ystävällinen.")
            page.wait_for_function("() => document.getElementById('draft-status').textContent.includes('Luonnos tallennettu')")
            assert page.locator("#overall-preview").inner_text() not in ("", "–")  # all filled in: a preview
            page.reload()
            assert page.locator('input[name="score__grammar"]').input_value() == "35"
            assert page.locator('textarea[name="comment"]').input_value() == "Selkeä ja ystävällinen."
            page.screenshot(path=str(SCREENSHOTS / "review-page.png"), full_page=True)
            page.get_by_role("button", name="Lähetä arvio").click()
            assert page.locator(".field__error", has_text="Kerro, miksi muutit AutoQA:n pisteitä.").count() == 1
            page.fill('input[name="override__grammar"]', "Kirjoitusvirheitä")
            page.get_by_role("button", name="Lähetä arvio").click()
            page.wait_for_url(re.compile(r"/review/reviews/\d+$"))
            review_url = page.url
            page.get_by_role("button", name="Kirjaudu ulos").click()

            log_in(page, url, AGENT)
            page.get_by_role("link", name="Omat arvioni").click()
            page.locator("main a[href*='/review/reviews/']").first.click()
            page.get_by_role("button", name="Olen lukenut arvion").click()
            page.get_by_label("Kriteeri").select_option("grammar")
            page.get_by_label("Mistä olet eri mieltä?").fill("Virheitä oli vain yksi.")
            page.get_by_role("button", name="Kiistä", exact=True).click()
            assert "Avoin" in page.inner_text("#disputes-title + ul")
            page.get_by_role("button", name="Kirjaudu ulos").click()

            log_in(page, url, SUPERVISOR)
            page.get_by_role("link", name="Kiistat").click()
            assert "Virheitä oli vain yksi." in page.inner_text("main")
            page.locator("main table a").first.click()
            page.locator("select[name$='-decision']").select_option("accept")
            page.locator("input[name$='-new_score']").fill("70")
            page.get_by_role("button", name="Päätä").click()
            page.wait_for_url(review_url)
            text = page.inner_text("main")
            page.screenshot(path=str(SCREENSHOTS / "review-detail.png"), full_page=True)
            browser.close()
    assert "Hyväksytty" in text and "uudet pisteet versiossa 2" in text and "Versio 2" in text
