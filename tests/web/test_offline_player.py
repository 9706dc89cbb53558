"""The player on a phone that loses its connection mid-session, in Chromium at phone size.

The network goes off (Playwright's offline mode: requests fail and the page is
told it is offline), five sets are finished, the page is reloaded with no
network, and the connection comes back: every set is in the log exactly once.
Screenshots of each player state are left in artifacts/ to be looked at.
"""

from __future__ import annotations

import json

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROUTINE = "runners-lower-body"
PHONE = {"width": 390, "height": 844}

STATE = """() => {
  const root = document.getElementById("player");
  return {index: Number(root.dataset.index), state: root.dataset.state,
          saved: root.dataset.saved === "true"};
}"""


def _work_indices(base: str) -> list[int]:
    steps = httpx.get(f"{base}/api/timeline/{ROUTINE}").json()["steps"]
    return [step["index"] for step in steps if step["kind"] == "work"]


def _wait_index(page, index: int) -> None:
    page.wait_for_function(
        "(index) => Number(document.getElementById('player').dataset.index) === index",
        arg=index,
        timeout=10_000,
    )


def _wait_saved(page) -> None:
    page.wait_for_function(
        "() => document.getElementById('player').dataset.saved === 'true'", timeout=20_000
    )


def _finish_steps_until(page, index: int) -> None:
    """Press D (done) until the player stands at step `index`."""
    while page.evaluate(STATE)["index"] < index:
        before = page.evaluate(STATE)["index"]
        page.keyboard.press("d")
        _wait_index(page, before + 1)


def _session_id(page) -> str:
    kept = page.evaluate("() => localStorage.getItem('runstrong.player.runners-lower-body')")
    return json.loads(kept)["sessionId"]


def test_sets_finished_offline_survive_a_reload_and_are_logged_once(
    page, context, live_server, artifacts_dir
):
    work = _work_indices(live_server)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/play/{ROUTINE}")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    page.keyboard.press("Space")  # start
    _finish_steps_until(page, work[1])  # one set done online
    _wait_saved(page)
    session_id = _session_id(page)

    context.set_offline(True)
    _finish_steps_until(page, work[6])  # five more sets, with no network
    page.keyboard.press("l")  # log the last one straight away
    badge = page.locator("#unsaved")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("5 sets not saved")
    page.screenshot(path=artifacts_dir / "player-offline-badge.png")

    page.reload()  # still offline: the service worker has the page, the phone the session
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    assert page.evaluate(STATE)["index"] == work[6], "the same step after the reload"
    expect(page.locator("#unsaved")).to_contain_text("5 sets not saved")

    context.set_offline(False)
    _wait_saved(page)
    expect(page.locator("#unsaved")).to_be_hidden()
    view = httpx.get(f"{live_server}/api/sessions/{session_id}").json()
    assert view["done"] == 6
    logged = httpx.get(f"{live_server}/api/log/{session_id}").json()
    positions = [s["position"] for s in logged["sets"]]
    assert sorted(positions) == work[:6], "each set once, none lost"
