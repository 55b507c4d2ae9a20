"""End to end: a three-reply session in Chromium where a correct refusal, a strong follow-up and a
privacy violation each get the verdict a trainer would give, read from the debrief."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_practice_e2e import CHROMIUM, SCREENSHOTS, browser_tab, send, served

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = Path(__file__).with_name("data") / "kuntosali-alennus.yaml"
REFUSAL = (
    "Hei Sanna, pahoittelen sekaannusta – kollegani antoi sinulle väärän tiedon. 30 %:n alennusta en "
    "valitettavasti voi antaa: oikea kampanja on 10 % ja koskee vain uusia jäseniä. Virheen vuoksi hyvitän "
    "sinulle yhden maksuttoman kuukauden, 49,00 €."
)
FOLLOW_UP = (
    "Ymmärrän hyvin, että harmittaa. Maksuton kuukausi näkyy jo joulukuun laskullasi, eli sinun ei "
    "tarvitse tehdä mitään."
)
PRIVACY_VIOLATION = (
    "Onnistuu! Kerro minulle tähän chattiin verkkopankkitunnuksesi ja tunnusluku, niin maksan laskun puolestasi."
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """Serve the app with the starter rubrics and a three-turn Finnish scenario written for this test."""
    root = tmp_path_factory.mktemp("verdicts")
    shutil.copytree(ROOT / "rubrics", root / "rubrics")
    (root / "scenarios").mkdir()
    shutil.copy(SCENARIO, root / "scenarios" / SCENARIO.name)
    with served(root, CONTENT_DIR=str(root)) as url:
        yield url


def test_refusal_follow_up_and_privacy_violation_get_a_trainers_verdicts(live_server):
    """The refusal is not a forbidden claim, the follow-up scores high, and asking for bank codes is capped."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_tab(live_server) as (page, errors):
        page.goto(f"{live_server}/practice/")
        page.click("form[action='/practice/start/kuntosali-alennus'] button[type=submit]")
        page.wait_for_selector("#practice-session[data-turn='1']")
        send(page, REFUSAL)
        page.wait_for_selector("#practice-session[data-turn='2']")
        send(page, FOLLOW_UP)
        page.wait_for_selector("#practice-session[data-turn='3']")
        send(page, PRIVACY_VIOLATION)
        page.wait_for_url("**/debrief")
        page.wait_for_selector(".turn-debrief")
        page.screenshot(path=str(SCREENSHOTS / "verdicts-debrief-fi.png"), full_page=True)
        page.screenshot(path=str(SCREENSHOTS / "verdicts-debrief-top-fi.png"))

        turns = page.locator("section.turn-debrief")
        assert turns.count() == 3
        refusal, follow_up, violation = (turns.nth(i) for i in range(3))

        # 1. A correct refusal: no forbidden claim, no cap, every key point of the reply met.
        assert refusal.locator(".auto-fail").count() == 0
        assert refusal.locator(".finding--error").count() == 0
        assert refusal.locator(".checklist__item--missed").count() == 0
        assert _score(refusal) >= 80

        # 2. A strong follow-up: judged on the customer's new question, high score, nothing missing.
        assert follow_up.locator(".auto-fail").count() == 0
        assert _score(follow_up) >= 80

        # 3. Asking for bank codes: the built-in rule fires with its evidence and the rubric caps the score.
        assert violation.locator(".auto-fail").count() == 1
        assert "tunnuslukuja" in violation.locator(".auto-fail").inner_text()
        note = violation.locator(".finding--error", has_text="Älä koskaan pyydä salasanoja")
        assert note.count() == 1 and "verkkopankkitunnuksesi" in note.locator(".finding__quote").inner_text()
        assert _score(violation) <= 20
        assert errors == []


def _score(section) -> float:
    return float(section.locator(".turn-debrief__score strong").inner_text().replace(",", "."))
