"""The browser player through the core workout: two warmup rounds, a superset of three, and a
stretch held in three directions, each labelled as the runner should do it."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CORE = "core-for-runners"

SEEN = """() => {
  const text = (id) => document.getElementById(id).textContent.trim();
  const root = document.getElementById("player");
  return {index: Number(root.dataset.index), state: root.dataset.state,
          label: text("step-label"), side: text("step-side"), round: text("step-round"),
          block: text("step-block"),
          waiting: document.getElementById("countdown").classList.contains("counting-up")};
}"""


def test_the_core_workout_plays_through_with_its_sides_and_directions(page, live_server):
    steps = httpx.get(f"{live_server}/api/timeline/{CORE}").json()["steps"]
    page.goto(f"{live_server}/play/{CORE}?speed=100")
    page.wait_for_function("document.getElementById('player').dataset.state === 'paused'")
    page.get_by_role("button", name="Start").click()
    shown = []
    for _ in range(len(steps) + 1):
        seen = page.evaluate(SEEN)
        if seen["state"] == "finished":
            break
        step = steps[seen["index"]]
        if step["kind"] == "work":
            shown.append((seen["block"], seen["round"], seen["label"], seen["side"]))
        if seen["waiting"]:
            page.keyboard.press("d")
        page.wait_for_function(
            """(index) => {
              const root = document.getElementById("player");
              return Number(root.dataset.index) > index || root.dataset.state === "finished";
            }""",
            arg=seen["index"],
            timeout=10_000,
        )
    expect(page.get_by_text("Session complete")).to_be_visible()
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
