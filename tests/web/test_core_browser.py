"""The browser player through the core workout: two warmup rounds, a superset of three, and a
stretch held in three directions, each labelled as the runner should do it."""

from __future__ import annotations

import time

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CORE = "core-for-runners"

#: Records what the page shows each time it moves to another step.
RECORDER = """
window.__shown = [];
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("player");
  const text = (id) => document.getElementById(id).textContent.trim();
  new MutationObserver(() => {
    window.__shown.push([root.dataset.index, text("step-block"), text("step-round"),
                         text("step-label"), text("step-side")]);
  }).observe(root, {attributes: true, attributeFilter: ["data-index"]});
});
"""


def test_the_core_workout_plays_through_with_its_sides_and_directions(page, live_server):
    steps = httpx.get(f"{live_server}/api/timeline/{CORE}").json()["steps"]
    page.add_init_script(RECORDER)
    page.goto(f"{live_server}/play/{CORE}?speed=100")
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    page.get_by_role("button", name="Start").click()
    deadline = time.monotonic() + 90  # generous: a loaded machine plays slowly
    while time.monotonic() < deadline:
        state = page.evaluate("document.getElementById('player').dataset.state")
        if state == "finished":
            break
        if page.evaluate("Boolean(document.getElementById('player').dataset.waits)"):
            page.keyboard.press("d")
        page.wait_for_timeout(20)
    expect(page.get_by_text("Session complete")).to_be_visible()
    shown = []
    for index, block, round_, label, side in page.evaluate("window.__shown"):
        step = steps[int(index)] if int(index) < len(steps) else None
        entry = (block, round_, label, side)
        if step and step["kind"] == "work" and (not shown or shown[-1] != entry):
            shown.append(entry)
    assert ("Warm Up", "Round 2 of 2", "Cat Cow", "") in shown
    set_a = [
        label
        for block, round_, label, _ in shown
        if (block, round_) == ("Strength Set A", "Round 2 of 2")
    ]
    assert list(dict.fromkeys(set_a)) == [
        "Bird Dog Row",
        "Modified Side Plank Clamshell Lift",
        "Dead Bug Pullover",
    ]
    assert ("Strength Set B", "Round 1 of 2", "High Plank Pull Through", "Left arm") in shown
    assert shown[-3:] == [
        ("Cool Down", "Round 1 of 1", "3-Way Child's Pose", way)
        for way in ("Centre", "Left", "Right")
    ]
