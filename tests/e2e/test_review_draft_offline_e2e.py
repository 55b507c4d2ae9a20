"""End to end: a half-filled scorecard survives a lost connection and a reload (localStorage, then the draft)."""

from __future__ import annotations

import pytest

from .test_practice_e2e import CHROMIUM, LAUNCH_ARGS, log_in, served
from .test_review_e2e import SUPERVISOR, _seed

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="end-to-end tests need Chromium at /usr/bin/chromium"),
]
COMMENT = "Kirjoitettu yhteyden katketessa."


def test_a_scorecard_typed_while_the_draft_cannot_be_saved_comes_back_after_a_reload(tmp_path):
    from playwright.sync_api import sync_playwright

    with served(tmp_path) as url:
        conv_id = _seed(tmp_path)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = browser.new_page(locale="fi-FI")
            page.set_default_timeout(10_000)
            log_in(page, url, SUPERVISOR)
            page.goto(f"{url}/review/conversations/{conv_id}")
            # Fault: the connection to the server is lost for the draft saves (the request fails).
            page.route("**/draft", lambda route: route.abort("internetdisconnected"))
            page.fill('textarea[name="comment"]', COMMENT)
            page.fill('input[name="score__grammar"]', "42")
            page.wait_for_function(
                "() => document.getElementById('draft-status').textContent.includes('Luonnosta ei voitu tallentaa')")
            kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('kohtaamo.scorecard:'))")
            assert len(kept) == 1
            page.unroute("**/draft")  # the connection is back; the browser reloads the page
            page.reload()
            assert page.locator('textarea[name="comment"]').input_value() == COMMENT
            assert page.locator('input[name="score__grammar"]').input_value() == "42"
            page.wait_for_function(
                "() => document.getElementById('draft-status').textContent.includes('Luonnos tallennettu')")
            assert page.evaluate("() => Object.keys(localStorage).length") == 0  # saved: the copy is gone
            page.reload()  # now from the server's draft
            assert page.locator('textarea[name="comment"]').input_value() == COMMENT

            # A submit the server answers with errors: the copy the submit made is dropped, since the
            # answer holds what was posted; restoring it could overwrite what is typed next.
            # (Draft saves are cut off again, so only the page load can drop the copy.)
            page.route("**/draft", lambda route: route.abort("internetdisconnected"))
            with page.expect_navigation():
                page.get_by_role("button", name="Lähetä arvio").click()
            assert page.locator(".field__error").count() >= 1
            assert page.locator('textarea[name="comment"]').input_value() == COMMENT
            assert page.evaluate("() => Object.keys(localStorage).length") == 0
            browser.close()
