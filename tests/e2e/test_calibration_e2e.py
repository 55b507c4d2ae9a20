"""End to end: on demo data two supervisors score a calibration session blind in Chromium, the owner
closes it, reads what to discuss and AutoQA as a rater, agrees the scores and makes them a review."""

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
OWNER, OTHER = "esihenkilo@example.com", "pekka.esihenkilo@example.com"
AUTOMATIC = ("grammar", "clarity", "empathy")
MANUAL = ("identified-customer", "first-contact-resolution", "correct-information", "closing-next-steps",
          "data-protection")
ITEMS = 3


def _seed(folder) -> None:
    """`kohtaamo demo` with 40 conversations on the served database (its closed session included)."""
    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services.demo import load_demo
    from qa_app.services.users import find_user

    from .test_practice_e2e import EMAIL

    app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url(folder)})
    with app.app_context():
        db.session.delete(find_user(EMAIL))  # served() made the learner the demo makes too
        db.session.commit()
        load_demo(password=PASSWORD, conversations=40)


def _score_all(page, generous: bool) -> None:
    """Fill every criterion of each conversation in turn and submit (AutoQA's scores are not shown)."""
    for n in range(ITEMS):
        assert page.locator("h1").inner_text().startswith(f"Keskustelu {n + 1}/{ITEMS}")
        assert page.locator(".criterion__auto").count() == 0 and page.locator(".turn__score").count() == 0
        for cid in AUTOMATIC:
            page.fill(f'input[name="score__{cid}"]', "90" if generous else str(40 + 20 * n))
        page.check('input[name="na__accuracy"]')
        for cid in MANUAL:
            page.fill(f'input[name="score__{cid}"]', "100" if generous or cid != "correct-information" else "0")
        page.get_by_role("button", name="Lähetä pisteeni").click()
        page.wait_for_load_state()



def test_two_supervisors_and_autoqa_run_a_session_on_demo_data(tmp_path):
    """Create from the queue, score blind (the other's scores stay hidden), close, read, agree, review."""
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as url:
        _seed(tmp_path)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            owner = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            errors: list[str] = []
            owner.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            log_in(owner, url, OWNER)
            owner.get_by_role("link", name="Kalibrointi").click()
            assert "Joulukuun kalibrointi" in owner.inner_text("main")  # the demo's closed session
            owner.get_by_role("link", name="Uusi kalibrointi-istunto").first.click()
            owner.get_by_label("Nimi").fill("Selaintesti")
            boxes = owner.locator("input[name=conversations]")
            for n in range(ITEMS):
                boxes.nth(n).check()
            owner.get_by_label(re.compile("Pekka Peltonen")).check()
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            owner.screenshot(path=str(SCREENSHOTS / "calibration-new.png"), full_page=True)
            owner.get_by_role("button", name="Luo istunto").click()
            owner.wait_for_url(re.compile(r"/calibration/\d+$"))
            session_url = owner.url
            owner.get_by_role("link", name="Arvioi seuraava keskustelu").click()
            owner.screenshot(path=str(SCREENSHOTS / "calibration-score.png"), full_page=True)
            _score_all(owner, generous=True)
            owner.wait_for_url(re.compile(r"/results$"))  # all done: the results (with only her scores)

            other = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            log_in(other, url, OTHER)
            other.goto(session_url + "/results")
            other.wait_for_url(session_url)  # blind: not yet
            assert "Pisteet näkyvät, kun olet arvioinut" in other.inner_text("main")
            other.get_by_role("link", name="Arvioi seuraava keskustelu").click()
            _score_all(other, generous=False)
            other.wait_for_url(re.compile(r"/results$"))
            assert "Arvioija 1" in other.inner_text("main") and "Sanna" not in other.inner_text("table")

            owner.goto(session_url)
            owner.get_by_role("button", name="Sulje arviointi ja näytä pisteet").click()
            owner.wait_for_url(re.compile(r"/results$"))
            main = owner.inner_text("main")
            assert "Käsitelkää nämä ensin" in main and "pisteet vaihtelevat 0–100" in main
            assert "Sopikaa, mitä ”Osittain oikein” tarkoittaa tässä." in main
            assert "AutoQA arvioijana" in main and "Pekka Peltonen" in main
            owner.wait_for_function("() => document.querySelector('canvas[data-chart=alpha]').width > 0")
            owner.screenshot(path=str(SCREENSHOTS / "calibration-results.png"), full_page=True)
            owner.locator("a", has_text="Kirjaa muistiinpano ja sovitut pisteet").first.click()
            owner.get_by_label(re.compile("Keskustelumuistiinpano")).fill("Oikea tieto: hinta puuttui, muu oikein = 50.")
            owner.fill('input[name="score__correct-information"]', "50")
            owner.get_by_role("button", name="Tallenna sovitut pisteet").click()
            owner.wait_for_url(re.compile(r"/results#item-\d+$"))
            assert "Oikea tieto: hinta puuttui" in owner.inner_text("main")
            owner.locator("a", has_text="Muokkaa sovittua").first.click()
            owner.get_by_role("button", name="Tee tästä keskustelun arvio").click()
            owner.wait_for_url(re.compile(r"/review/reviews/\d+$"))
            review_text = owner.inner_text("main")
            owner.screenshot(path=str(SCREENSHOTS / "calibration-review.png"), full_page=True)
            browser.close()
    assert "Sovittu kalibrointi-istunnossa ”Selaintesti”." in review_text
    assert not errors, errors
