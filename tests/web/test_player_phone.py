"""The player as a runner holds it: a 390x844 phone, every state looked at.

Screenshots of each state land in artifacts/ (player-state-*.png): a rep step,
a timed step, rest as needed, paused, a set waiting to be logged, the finish.
"""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import pytest
from playwright.sync_api import expect

from runstrong.cli import main

pytestmark = pytest.mark.browser

ROUTINE = "runners-lower-body"
PHONE = {"width": 390, "height": 844}


def _steps(base: str) -> list[dict]:
    return httpx.get(f"{base}/api/timeline/{ROUTINE}").json()["steps"]


def _at(page) -> int:
    return int(page.evaluate("document.getElementById('player').dataset.index"))


def _go_to(page, index: int) -> None:
    """Skip (S) to step `index`; skipped sets are logged as skipped, which is fine here."""
    while _at(page) < index:
        before = _at(page)
        page.keyboard.press("s")
        page.wait_for_function(
            "(i) => Number(document.getElementById('player').dataset.index) > i", arg=before
        )


def _box(page, selector: str) -> tuple[float, float, float, float]:
    box = page.locator(selector).bounding_box()
    return (round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"]))


@pytest.fixture
def logged_before() -> None:
    """Last week's session at 12 kg step-downs and 16 kg swings, so the advice has weights."""
    last_week = (date.today() - timedelta(days=7)).isoformat()
    assert main(["log", "--date", f"{last_week} 07:00", "--rpe", "8",
                 "--load", "lateral-step-down=12", "--load", "alternating-kettlebell-swing=16",
                 ]) == 0  # fmt: skip


def test_every_state_on_a_phone(page, live_server, artifacts_dir, logged_before):
    steps = _steps(live_server)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/play/{ROUTINE}")
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    primary = _box(page, "#btn-primary")
    controls = [_box(page, f"#btn-{name}") for name in ("back", "pause", "skip", "easier")]
    page.get_by_role("button", name="Start").click()

    # A timed step: the countdown is the big thing, the big button pauses.
    expect(page.locator("#primary-label")).to_have_text("Pause")
    page.screenshot(path=artifacts_dir / "player-state-timed.png")

    # A rep step: the reps and the weight from the advice, large; Done is the big button.
    step_down = next(s for s in steps if s["exercise_id"] == "lateral-step-down")
    _go_to(page, step_down["index"])
    expect(page.locator("#step-dose")).to_have_text("8 reps · 12 kg")
    expect(page.locator("#primary-label")).to_have_text("Done")
    next_up = "Lateral Step Down · right leg · 8 reps · 12 kg"
    expect(page.locator("#next-up")).to_contain_text(next_up)
    assert _box(page, "#btn-primary") == primary, "the big button never moves"
    assert [_box(page, f"#btn-{n}") for n in ("back", "pause", "skip", "easier")] == controls
    page.screenshot(path=artifacts_dir / "player-state-reps.png")

    # Done: the set waits to be logged, pre-filled, last time's numbers beside it.
    page.wait_for_timeout(450)
    page.get_by_role("button", name="Done").click()
    check = page.locator("#set-check")
    expect(check).to_be_visible()
    expect(page.locator("#set-check-reps")).to_have_text("8 reps")
    expect(page.locator("#set-check-weight")).to_have_text("12 kg")
    expect(page.locator("#set-check-last")).to_have_text("last time 12 kg × 8 reps")
    # A second tap straight after the step changed is taken as a slip, not as Pause.
    page.get_by_role("button", name="Pause", exact=True).first.click()
    assert page.evaluate("document.getElementById('player').dataset.state") == "playing"
    page.get_by_role("button", name="One rep fewer").click()
    page.get_by_role("button", name="Heavier").click()
    expect(page.locator("#set-check-weight")).to_have_text("13 kg")
    assert _box(page, "#btn-primary") == primary, "the set check does not push the buttons"
    page.screenshot(path=artifacts_dir / "player-state-set-check.png")
    page.get_by_role("button", name="Log it").click()
    expect(check).to_be_hidden()

    # Paused: a banner and a striped page; the big button resumes.
    page.wait_for_timeout(450)
    page.keyboard.press("k")
    expect(page.locator("#paused-banner")).to_be_visible()
    expect(page.locator("#primary-label")).to_have_text("Resume")
    page.screenshot(path=artifacts_dir / "player-state-paused.png")
    page.keyboard.press("k")

    # Rest as needed: a target counting down, then the time over it.
    rest = next(s for s in steps if s["kind"] == "rest as needed" and s["index"] > _at(page))
    _go_to(page, rest["index"])
    target = f"{rest['seconds'] // 60:.0f}:{rest['seconds'] % 60:02.0f}"
    expect(page.locator("#step-clock-note")).to_contain_text(f"Target rest {target}")
    expect(page.locator("#countdown")).to_have_text(target)
    expect(page.locator("#primary-label")).to_have_text("Done resting")
    page.screenshot(path=artifacts_dir / "player-state-rest.png")

    # The finish: counts in the same units as History, and the logged sets listed.
    _go_to(page, len(steps) - 1)
    page.keyboard.press("d")
    expect(page.locator("#finished-summary")).to_contain_text("sets done")
    logged_text = "Lateral Step Down: 1 set · 7 reps · 13 kg"
    expect(page.locator("#finished-sets")).to_contain_text(logged_text)
    page.screenshot(path=artifacts_dir / "player-state-finished.png", full_page=True)
    uid = httpx.get(f"{live_server}/api/log").json()[0]["uid"]
    entry = httpx.get(f"{live_server}/api/log/{uid}").json()
    [logged] = [s for s in entry["sets"] if s["position"] == step_down["index"]]
    assert (logged["reps_done"], logged["load_kg"], logged["load_unit"]) == (7, 13.0, "kg")
    history = httpx.get(f"{live_server}/history").text
    done = sum(1 for s in entry["sets"] if s["outcome"] == "done")
    assert f"{done} of {len(entry['sets'])}" in history
