"""End to end: a typed draft survives a language switch (with and without JavaScript), and
starting a scenario again while it is open asks first."""

from __future__ import annotations

from . import test_practice_e2e as shared
from .test_practice_e2e import SCREENSHOTS, browser_tab

live_server = shared.live_server  # the served app and Chromium set-up, shared with the practice tests
pytestmark = shared.pytestmark

DRAFT_FI = "Hei Marja, olen pahoillani jonotuksesta. Tarkistan asian heti"
DRAFT_EN = "Hi Oliver, I'm sorry the refund is late. Let me check"
DRAFT_KEYS = "Object.keys(sessionStorage).filter(function (k) { return k.indexOf('kohtaamo:draft:') === 0; })"


def switch_language(page, lang: str) -> None:
    """Press a language button in the header and wait for the page to come back in that language."""
    with page.expect_navigation():
        page.click(f"header button.lang-switch__btn[value={lang}]")
    page.wait_for_selector(f"html[lang={lang}]")


def start_scenario(page, live_server, scenario: str) -> None:
    """Start a scenario from its catalogue card and wait for the first customer message."""
    page.goto(f"{live_server}/practice/#scenario-{scenario}")
    page.click(f"form[action='/practice/start/{scenario}'] button[type=submit]")
    page.wait_for_selector("#practice-session[data-turn='1']")


def test_draft_survives_a_language_switch_with_javascript(live_server):
    """A draft typed in the Finnish UI is still in the textarea after switching to English and after a reload, and goes once sent."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser_tab(live_server, locale="fi-FI") as (page, errors):
        page.goto(f"{live_server}/practice/")
        if page.locator("html").get_attribute("lang") != "fi":
            switch_language(page, "fi")
        start_scenario(page, live_server, "jonotusmaksu")
        page.locator("textarea[name=reply]").press_sequentially(DRAFT_FI)
        assert len(page.evaluate(DRAFT_KEYS)) == 1
        page.screenshot(path=str(SCREENSHOTS / "draft-fi.png"), full_page=True)

        switch_language(page, "en")
        assert page.locator("textarea[name=reply]").input_value() == DRAFT_FI
        assert page.locator("button[type=submit].btn--primary").inner_text() == "Send reply"
        page.screenshot(path=str(SCREENSHOTS / "draft-kept-en.png"), full_page=True)
        page.reload()
        assert page.locator("textarea[name=reply]").input_value() == DRAFT_FI

        page.wait_for_load_state("networkidle")
        page.locator("textarea[name=reply]").press("Control+Enter")
        page.wait_for_function(
            "() => location.pathname.endsWith('/debrief') || !!document.querySelector(\"#practice-session[data-turn='2']\")"
        )
        if not page.url.endswith("/debrief"):
            assert page.locator("textarea[name=reply]").input_value() == ""
        page.wait_for_function("() => " + DRAFT_KEYS + ".length === 0")  # the stored reply's draft goes once the swap settles
        assert errors == []


def test_draft_survives_a_language_switch_without_javascript(live_server):
    """With JavaScript off, the language buttons post the draft along, and the page comes back in English with it."""
    with browser_tab(live_server, locale="fi-FI", javascript=False) as (page, errors):
        page.goto(f"{live_server}/practice/")
        if page.locator("html").get_attribute("lang") != "fi":
            switch_language(page, "fi")
        start_scenario(page, live_server, "sarcastic-refund")
        page.fill("textarea[name=reply]", DRAFT_EN)
        switch_language(page, "en")
        assert page.locator("textarea[name=reply]").input_value() == DRAFT_EN
        assert page.locator("#practice-session[data-turn='1']").count() == 1  # nothing was sent
        page.screenshot(path=str(SCREENSHOTS / "draft-kept-no-js-en.png"), full_page=True)
        switch_language(page, "fi")
        assert page.locator("textarea[name=reply]").input_value() == DRAFT_EN
        assert errors == []


def test_starting_again_asks_and_leaving_shows_in_the_history(live_server):
    """The catalogue offers Continue for the open attempt; starting over asks, and a left session shows in the progress history."""
    with browser_tab(live_server, locale="en-GB") as (page, errors):
        page.goto(f"{live_server}/practice/")
        if page.locator("html").get_attribute("lang") != "en":
            switch_language(page, "en")
        start_scenario(page, live_server, "energy-bill-estimate")
        first = page.url
        page.goto(f"{live_server}/practice/#scenario-energy-bill-estimate")
        card = page.locator("#scenario-energy-bill-estimate")
        assert card.locator(f"a[href='{first.removeprefix(live_server)}']").inner_text().startswith("Continue")
        page.screenshot(path=str(SCREENSHOTS / "catalogue-continue-en.png"), full_page=True)

        card.locator("button[type=submit]").click()
        page.wait_for_selector("text=Continue the open attempt")
        page.screenshot(path=str(SCREENSHOTS / "start-again-en.png"), full_page=True)
        switch_language(page, "fi")
        page.screenshot(path=str(SCREENSHOTS / "start-again-fi.png"), full_page=True)
        page.click("text=Jätä se kesken ja aloita uusi")
        page.wait_for_selector("#practice-session[data-turn='1']")
        assert page.url != first

        page.goto(f"{live_server}/practice/progress")
        assert page.locator("td", has_text="Jätetty kesken").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "progress-left-fi.png"), full_page=True)
        switch_language(page, "en")
        assert page.locator("td", has_text="Left unfinished").count() == 1
        page.screenshot(path=str(SCREENSHOTS / "progress-left-en.png"), full_page=True)
        page.goto(f"{live_server}/")
        page.screenshot(path=str(SCREENSHOTS / "home-en.png"), full_page=True)
        switch_language(page, "fi")
        page.screenshot(path=str(SCREENSHOTS / "home-fi.png"), full_page=True)
        assert errors == []
