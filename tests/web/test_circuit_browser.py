"""The browser player through a circuit of five: every step of the timeline shows in order,
alternating and per-direction work say which way, and an exercise's own rest is played."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WORKOUT = Path(__file__).parents[1] / "workouts" / "files" / "circuit-of-five.yaml"

#: Records what the page shows each time it moves to another step.
RECORDER = """
window.__shown = [];
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("player");
  const text = (id) => document.getElementById(id).textContent.trim();
  new MutationObserver(() => {
    window.__shown.push([Number(root.dataset.index), text("step-block"), text("step-round"),
                         text("step-label"), text("step-side")]);
  }).observe(root, {attributes: true, attributeFilter: ["data-index"]});
});
"""


def test_a_circuit_of_five_plays_every_step_in_order(page, live_server, runstrong_home):
    (runstrong_home / "workouts").mkdir(parents=True, exist_ok=True)
    shutil.copy(WORKOUT, runstrong_home / "workouts" / WORKOUT.name)
    steps = httpx.get(f"{live_server}/api/timeline/circuit-of-five").json()["steps"]
    page.add_init_script(RECORDER)
    page.clock.install()  # the page's time is simulated: the test steps it on
    page.goto(f"{live_server}/play/circuit-of-five?speed=100")
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    page.get_by_role("button", name="Start").click()
    for _ in range(4 * len(steps)):
        page.clock.run_for(2000)  # past any timed step at this speed, and past the tap guard
        state, index = page.evaluate(
            "[document.getElementById('player').dataset.state,"
            " Number(document.getElementById('player').dataset.index)]"
        )
        if state == "finished":
            break
        if steps[index]["waits_for_runner"]:
            page.keyboard.press("d")
    expect(page.get_by_text("Session complete")).to_be_visible()

    shown: dict[int, tuple[str, str, str, str]] = {}
    for index, block, round_, label, side in page.evaluate("window.__shown"):
        if index < len(steps):
            shown.setdefault(index, (block, round_, label, side))
    assert sorted(shown) == list(range(len(steps)))  # no step skipped

    def at(kind: str, **wanted) -> list[tuple[str, str, str, str]]:
        return [
            shown[s["index"]]
            for s in steps
            if s["kind"] == kind and all(s.get(k) == v for k, v in wanted.items())
        ]

    assert at("work", exercise_id="leg-swing")[0] == (
        "Warm Up",
        "Round 1 of 3",
        "Alternating Leg Swing",
        "Alternating legs",
    )
    assert [side for *_, side in at("work", exercise_id="childs", round=3)] == [
        "Direction 1",
        "Direction 2",
        "Direction 3",
    ]
    ordered = [shown[index] for index in sorted(shown)]
    next_one = ("Get ready for the next exercise", "")
    assert [(label, side) for block, round_, label, side in ordered
            if (block, round_) == ("Circuit", "Round 1 of 3")] == [
        ("Ball Slam", ""), next_one, ("Barbell Row", ""), next_one,
        ("Step Up", "Left leg"), ("Step Up", ""), ("Step Up", "Right leg"), ("Rest", ""),
        ("Band Pull Apart", "Alternating arms"), next_one,
        ("B Squat", "Left leg"), ("B Squat", ""), ("B Squat", "Right leg"), ("Rest", ""),
    ]  # fmt: skip
    last_of_circuit = [entry for entry in ordered if entry[0] == "Circuit"][-1]
    assert last_of_circuit == ("Circuit", "Round 3 of 3", "Rest as needed", "")
    # the step up's own 20 s rest, then the squat's 15 s before the next round
    rests = [s["seconds"] for s in steps if s["kind"] == "rest"]
    assert rests == [20, 15, 20, 15, 20]
    assert len(at("rest")) == 5
