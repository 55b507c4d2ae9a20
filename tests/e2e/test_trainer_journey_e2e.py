"""End to end, issue 14's journey: a trainer creates a small Finnish scenario from nothing in the
browser, tries an answer, publishes it with a note, assigns it to a team, and a learner plays it;
the exported file passes `kohtaamo validate`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from .test_practice_e2e import (
    CHROMIUM,
    EMAIL,
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

ROOT = Path(__file__).resolve().parents[2]
TRAINER = "kouluttaja@example.com"
SCENARIO_ID = "kahvinkeitin-palautus"
OPENING = (
    "Ostin teiltä kahvinkeittimen kaksi viikkoa sitten ja se vuotaa. Haluan rahani takaisin, "
    "se maksoi 49,90 €. Miten tämä hoidetaan?"
)
MODEL_ANSWER = (
    "Hei, olen pahoillani, että uusi keitin vuotaa. Hyvitämme koko hinnan, 49,90 €, kun palautat "
    "keittimen myymälään tai postitse maksutta. Hyvitys näkyy tililläsi viikon kuluessa."
)
LEARNER_REPLY = (
    "Hei, olen todella pahoillani, että keitin vuotaa. Hyvitämme koko hinnan 49,90 €. Palauta "
    "keitin myymälään tai postitse, palautus on maksuton, ja hyvitys näkyy tililläsi viikon kuluessa."
)


def _export_and_validate(database_url: str, target: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KOHTAAMO_DATABASE_URL": database_url}
    kohtaamo = [sys.executable, "-m", "qa_app"]
    exported = subprocess.run(
        [*kohtaamo, "content", "export", str(target)], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert exported.returncode == 0, exported.stderr
    return subprocess.run(
        [*kohtaamo, "validate", str(target / "scenarios" / f"{SCENARIO_ID}.yaml")],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )


def test_trainer_authors_tries_publishes_and_assigns_and_a_learner_plays(tmp_path):
    from playwright.sync_api import sync_playwright

    from qa_app import create_app
    from qa_app.config import TestConfig
    from qa_app.extensions import db
    from qa_app.services import content_versions
    from qa_app.services.users import create_user

    with served(tmp_path) as url:
        settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
        app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": database_url(tmp_path)})
        with app.app_context():
            content_versions.import_starter(ROOT)  # as `make run` does
            create_user(TRAINER, "Kaisa Kouluttaja", "trainer", PASSWORD, "Koulutus", locale="fi")
            db.session.commit()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            errors: list[str] = []
            trainer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            trainer.set_default_timeout(30_000)
            page = trainer.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            log_in(page, url, TRAINER)

            # 1. A new scenario from nothing.
            page.goto(f"{url}/authoring/")
            page.get_by_role("link", name="Uusi harjoitus").first.click()
            page.fill("input[name=id]", SCENARIO_ID)
            page.fill("input[name=title_fi]", "Vuotava kahvinkeitin")
            page.fill("input[name=title_en]", "A leaking coffee maker")
            page.select_option("select[name=language]", "fi")
            page.select_option("select[name=channel]", "chat")
            page.select_option("select[name=rubric]", "chat-reply")
            page.fill("textarea[name=opening]", OPENING)
            with page.expect_navigation():
                page.get_by_role("button", name="Luo luonnos").click()
            assert page.url.endswith(f"/authoring/scenarios/{SCENARIO_ID}/edit")

            # 2. Key points and a model answer, saved as a draft.
            with page.expect_navigation():
                page.get_by_role("button", name="Lisää avainkohta").click()
            page.fill("input[name='key_points-0-id']", "full-refund")
            page.fill("textarea[name='key_points-0-say']", "Lupaa hyvittää koko hinnan 49,90 €")
            page.fill("textarea[name='key_points-0-any']", "hyvittää\nhyvitys")
            page.fill("textarea[name='key_points-0-numbers']", "49,90 €")
            with page.expect_navigation():
                page.get_by_role("button", name="Lisää avainkohta").click()
            page.fill("input[name='key_points-1-id']", "free-return")
            page.fill("textarea[name='key_points-1-say']", "Kertoo, että palautus on maksuton")
            page.fill("textarea[name='key_points-1-any']", "maksuton\nmaksutta")
            page.fill("textarea[name=model_answer]", MODEL_ANSWER)
            with page.expect_navigation():
                page.get_by_role("button", name="Tallenna luonnos").first.click()
            assert page.locator("input[name='key_points-1-id']").input_value() == "free-return"
            page.screenshot(path=str(SCREENSHOTS / "trainer-editor.png"), full_page=True)

            # 3. Try it: an answer with the wrong amount shows which key point matched by what.
            page.fill("textarea[name='try-answer']", "Hei, hyvitämme 20 € ja palautus on maksuton.")
            page.locator("form:has(textarea[name='try-answer']) button[type=submit]").click()
            result = page.locator(".try-outcome")
            result.wait_for()
            assert "maksuton" in result.inner_text()
            assert "20 €" in result.inner_text()
            result.screenshot(path=str(SCREENSHOTS / "trainer-try-it.png"))

            # 4. Publish with a note, after reading what changed.
            page.get_by_role("link", name="Julkaise…").first.click()
            page.wait_for_url("**/publish")
            assert "Ensimmäinen versio" in page.content() or "ensimmäinen versio" in page.content()
            page.fill("textarea[name=note]", "Uusi harjoitus palautuksista")
            page.screenshot(path=str(SCREENSHOTS / "trainer-publish.png"), full_page=True)
            with page.expect_navigation():
                page.get_by_role("button", name="Julkaise").last.click()
            assert "/history" in page.url
            assert "Uusi harjoitus palautuksista" in page.content()

            # 5. Assign it to the learner's team with a minimum score.
            page.goto(f"{url}/authoring/assignments/new?scenario={SCENARIO_ID}")
            assert page.locator("select[name=scenario_id]").input_value() == SCENARIO_ID
            page.get_by_label("Tiimi A").check()
            page.fill("input[name=due_date]", (date.today() + timedelta(days=7)).isoformat())
            page.fill("input[name=min_score]", "50")
            with page.expect_navigation():
                page.get_by_role("button", name="Anna tehtävä").click()
            assert page.get_by_text("Vuotava kahvinkeitin").count() >= 1

            # 6. The learner sees the assignment first, plays the scenario and reads the debrief.
            learner = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
            learner.set_default_timeout(30_000)
            tab = learner.new_page()
            tab.on("pageerror", lambda error: errors.append(str(error)))
            log_in(tab, url, EMAIL)
            tab.goto(f"{url}/practice/")
            start = tab.locator(f"form[action='/practice/start/{SCENARIO_ID}'] button[type=submit]")
            start.click()
            tab.wait_for_selector("#practice-session[data-turn='1']")
            assert "kahvinkeittimen" in tab.content()
            tab.fill("textarea[name=reply]", LEARNER_REPLY)
            tab.press("textarea[name=reply]", "Control+Enter")
            tab.wait_for_url("**/debrief")
            tab.screenshot(path=str(SCREENSHOTS / "trainer-learner-debrief.png"), full_page=True)

            # 7. The trainer's report shows the learner done.
            page.goto(f"{url}/authoring/assignments")
            page.get_by_role("link", name="Vuotava kahvinkeitin").first.click()
            assert page.get_by_text("Oona Oppija").count() == 1
            assert page.locator("text=Valmis").count() >= 1
            page.screenshot(path=str(SCREENSHOTS / "trainer-assignment-report.png"), full_page=True)
            assert errors == []
            browser.close()

        # Inside `served`: on the PostgreSQL pass its scratch database is dropped when it ends.
        checked = _export_and_validate(database_url(tmp_path), tmp_path / "export")
        assert checked.returncode == 0, checked.stdout + checked.stderr
