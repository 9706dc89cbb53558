"""The Content-Security-Policy in Chromium: the player and the plan page work under it,
and nothing they do is refused by it (a refusal would be a feature silently broken)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from web.web_calendars import next_monday, runs_csv

pytestmark = pytest.mark.browser

ROUTINE = "runners-lower-body"
#: Collects the page's own reports of refused content, from before its first script runs.
_LISTEN = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__refused.push(`${event.effectiveDirective}: ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def refused(page: Page) -> Callable[[], list[str]]:
    """Everything the policy refused on this page: the browser's console and the page's events."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(_LISTEN)

    def found() -> list[str]:
        return console + page.evaluate("() => window.__refused || []")

    return found


def test_the_check_sees_a_refused_inline_handler(page, live_server, refused):
    page.goto(f"{live_server}/")
    page.evaluate(
        """() => document.body.insertAdjacentHTML(
             "beforeend", '<img src="/nowhere.png" onerror="document.title = 1">')"""
    )
    page.wait_for_function("() => window.__refused.length > 0")
    assert any("script-src" in line for line in refused())
    assert page.title() != "1", "the injected handler did not run"


def test_the_player_plays_and_saves_sets_with_nothing_refused(page, live_server, refused):
    page.goto(f"{live_server}/play/{ROUTINE}")
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    for index in range(1, 6):
        page.keyboard.press("d")  # done: the set is sent to the server as it is logged
        page.wait_for_function(
            "(index) => Number(document.getElementById('player').dataset.index) >= index",
            arg=index,
        )
    page.wait_for_function("() => document.getElementById('player').dataset.saved === 'true'")
    figure = page.locator("#step-figure")
    expect(figure).to_be_visible()
    page.wait_for_function("() => document.getElementById('step-figure').naturalWidth > 0")
    assert refused() == []


def test_the_plan_page_works_with_nothing_refused(page, live_server, tmp_path, refused):
    calendar = tmp_path / "runs.csv"
    calendar.write_bytes(runs_csv())
    page.goto(f"{live_server}/plan")
    page.get_by_label("Calendar file").set_input_files(calendar)
    page.get_by_label("Weeks").fill("2")
    page.get_by_label("First day").fill(str(next_monday()))
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Plan my weeks").click()
    expect(page.locator(".day .strength")).to_have_count(2)
    feed = page.locator("input.feed")
    feed.click()  # selects the whole address, ready to copy (a script file, not onclick)
    selected = feed.evaluate(
        "(input) => input.value.slice(input.selectionStart, input.selectionEnd)"
    )
    assert selected == feed.input_value() and "/calendar/" in selected
    page.get_by_role("button", name="New feed address").click()
    expect(page.get_by_text("The feed has a new address")).to_be_visible()
    assert refused() == []
