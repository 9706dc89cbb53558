"""The player in Chromium: steps in order, pause, back, skip, reload-resume, playing to the end.

`?speed=` scales time (a preview and test aid), so a 20 s exercise takes a
fraction of a second here.
"""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_context_args(browser_context_args):
    """No service worker here: requests it makes on the page's behalf escape `page.route`,
    which these tests use to cut the network. (The offline tests keep it.)"""
    return {**browser_context_args, "service_workers": "block"}


ROUTINE = "runners-lower-body"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 860}

SNAPSHOT = """() => {
  const text = (id) => document.getElementById(id).textContent.trim();
  const root = document.getElementById("player");
  return {index: Number(root.dataset.index), state: root.dataset.state,
          label: text("step-label"), side: text("step-side"), round: text("step-round"),
          block: text("step-block"), countdown: text("countdown"),
          waiting: Boolean(root.dataset.waits)};
}"""


#: Records what the page says and how many beeps it starts, without real audio.
CUE_SPY = """
window.__spoken = [];
window.__beeps = 0;
speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.__beeps += 1;
  return start.apply(this, args);
};
"""


def _steps(base: str) -> list[dict]:
    return httpx.get(f"{base}/api/timeline/{ROUTINE}").json()["steps"]


def _expected(step: dict) -> dict:
    side = step["how"][:1].upper() + step["how"][1:]  # "Left leg", "Alternating hands"
    return {
        "label": step["exercise_name"] or step["label"],
        "side": side,
        "round": f"Round {step['round']} of {step['rounds']}",
        "block": step["block_name"],
    }


def _seen(page) -> dict:
    return page.evaluate(SNAPSHOT)


def _ready(page) -> None:
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")


def _wait_index(page, index: int) -> None:
    """Until the player reaches step `index` or finishes."""
    page.wait_for_function(
        """(index) => {
          const root = document.getElementById("player");
          return Number(root.dataset.index) >= index || root.dataset.state === "finished";
        }""",
        arg=index,
        timeout=10_000,
    )


def test_steps_advance_in_order_with_side_and_round_labels(page, live_server, artifacts_dir):
    steps = _steps(live_server)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/play/{ROUTINE}?speed=20")
    _ready(page)
    first = _seen(page)
    assert {k: first[k] for k in ("label", "side", "round", "block")} == _expected(steps[0])
    page.screenshot(path=artifacts_dir / "player-phone-ready.png")

    page.get_by_role("button", name="Start").click()
    _wait_index(page, 2)
    now = _seen(page)
    assert now["state"] == "playing"
    assert {k: now[k] for k in ("label", "side", "round", "block")} == _expected(
        steps[now["index"]]
    )
    assert steps[2]["side"] == "right" and steps[0]["side"] == "left"
    page.screenshot(path=artifacts_dir / "player-phone.png")

    page.keyboard.press("Space")  # pause holds the clock
    held = _seen(page)
    page.wait_for_timeout(600)  # a deliberate hold: 12 workout seconds at this speed
    assert _seen(page)["countdown"] == held["countdown"]
    assert _seen(page)["index"] == held["index"]
    assert held["state"] == "paused"

    page.keyboard.press("b")
    assert _seen(page)["index"] == held["index"] - 1
    page.wait_for_timeout(450)  # a tap sooner after a step change is taken as a slip
    page.get_by_role("button", name="Skip").click()
    page.wait_for_timeout(450)  # a tap sooner after a step change is taken as a slip
    page.get_by_role("button", name="Skip").click()
    skipped = _seen(page)
    assert skipped["index"] == held["index"] + 1
    assert {k: skipped[k] for k in ("label", "side", "round", "block")} == _expected(
        steps[skipped["index"]]
    )

    page.wait_for_function("() => document.getElementById('player').dataset.saved === 'true'")
    page.reload()  # the same step comes back, paused
    _ready(page)
    assert _seen(page)["index"] == skipped["index"]


def _refused_writes(page) -> list[str]:
    refused: list[str] = []
    page.on(
        "response",
        lambda r: (
            refused.append(f"{r.request.method} {r.url}: {r.status}")
            if "/api/sessions" in r.url and r.request.method != "GET" and r.status >= 400
            else None
        ),
    )
    return refused


def _logged(base: str) -> list[dict]:
    return httpx.get(f"{base}/api/log").json()


def test_a_preview_plays_to_the_end_and_keeps_nothing(page, live_server, artifacts_dir):
    steps = _steps(live_server)
    sets = sum(s["kind"] == "work" for s in steps)
    page.set_viewport_size(DESKTOP)
    refused = _refused_writes(page)
    page.goto(f"{live_server}/play/{ROUTINE}?speed=100")
    _ready(page)
    page.get_by_role("checkbox", name="Voice").uncheck()
    assert page.evaluate("JSON.parse(localStorage['runstrong.player.prefs']).voice") is False
    page.get_by_role("checkbox", name="Voice").check()
    page.get_by_role("button", name="Start").click()
    last, rounds_seen, shot = -1, set(), False
    for _ in range(len(steps) + 1):
        seen = _seen(page)
        if seen["state"] == "finished":
            break
        assert seen["index"] >= last, "steps only move forward"
        step = steps[seen["index"]]
        assert {k: seen[k] for k in ("label", "side", "round", "block")} == _expected(step)
        rounds_seen.add((step["block_id"], step["round"]))
        last = seen["index"]
        if step["block_id"] == "strength-b" and not shot:
            page.screenshot(path=artifacts_dir / "player-desktop.png")
            shot = True
        if seen["waiting"]:
            page.keyboard.press("d")
        _wait_index(page, last + 1)
    assert _seen(page)["state"] == "finished"
    expect(page.get_by_text("Session complete")).to_be_visible()
    assert {("strength-c", 3), ("strength-b", 2)} <= rounds_seen
    expect(page.locator("#finished-summary")).to_contain_text(f"{sets} of {sets} sets done.")
    expect(page.get_by_role("link", name="Review the sets and rate the effort")).to_be_hidden()
    for key in ("b", "ArrowLeft", "d", "s", "Space"):  # keys pressed on the finished screen
        page.keyboard.press(key)
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(300)
    assert _seen(page)["state"] == "finished"
    assert refused == [], "the player never changes a finished session"
    assert page.evaluate("Object.keys(localStorage)") == ["runstrong.player.prefs"]
    assert _logged(live_server) == [], "a preview is not training"


def test_a_session_done_by_hand_goes_to_the_log_form(page, live_server, artifacts_dir):
    steps = _steps(live_server)
    sets = sum(s["kind"] == "work" for s in steps)
    page.set_viewport_size(DESKTOP)
    refused = _refused_writes(page)
    page.goto(f"{live_server}/play/{ROUTINE}")
    _ready(page)
    assert _logged(live_server) == [], "opening the player starts nothing"
    for index in range(len(steps)):
        page.keyboard.press("d")  # done, straight away: the set is logged as done
        _wait_index(page, index + 1)
    assert _seen(page)["state"] == "finished"
    log_link = page.get_by_role("link", name="Review the sets and rate the effort")
    expect(log_link).to_be_visible()  # shown once the server has closed the session
    expect(page.locator("#finished-summary")).to_contain_text(f"{sets} of {sets} sets done.")
    sessions = httpx.get(f"{live_server}/api/sessions/current?workout_id={ROUTINE}")
    assert sessions.status_code == 404, "the finished session is closed on the server"
    [logged] = _logged(live_server)
    assert (logged["status"], logged["sets_done"], logged["sets"]) == ("completed", sets, sets)
    assert refused == []

    log_link.click()
    page.get_by_label("Load for B Squat").fill("14")
    page.get_by_label("RPE for B Squat").fill("7")
    page.get_by_role("radio", name="6", exact=True).check()  # how hard the whole session was
    page.get_by_label("Notes").fill("Felt strong on the step downs")
    page.get_by_role("button", name="Save to the log").click()
    page.wait_for_url("**/history?saved=*")
    expect(page.get_by_text("Saved to the log.")).to_be_visible()
    row = page.locator("li.just-saved")
    expect(row).to_contain_text("completed")
    expect(row).to_contain_text("Felt strong")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.charts img')]"
        ".every(i => i.complete && i.naturalWidth)"
    )
    assert page.locator(".charts img").count() >= 2
    page.screenshot(path=artifacts_dir / "history-desktop.png", full_page=True)


def test_a_session_skipped_through_can_be_discarded(page, live_server):
    steps = _steps(live_server)
    page.goto(f"{live_server}/play/{ROUTINE}")
    _ready(page)
    for index in range(len(steps)):
        page.keyboard.press("s")
        _wait_index(page, index + 1)
    discard = page.get_by_role("button", name="Discard this session")
    expect(discard).to_be_visible()
    assert [s["status"] for s in _logged(live_server)] == ["completed"]
    page.once("dialog", lambda dialog: dialog.accept())
    discard.click()
    expect(page.locator("#finished-summary")).to_have_text(
        "Discarded: this session is not in your log."
    )
    assert _logged(live_server) == []


def test_another_browser_resumes_at_the_same_step(page, live_server, browser):
    page.goto(f"{live_server}/play/{ROUTINE}?speed=20")
    _ready(page)
    page.get_by_role("button", name="Start").click()
    for _ in range(4):
        page.keyboard.press("s")
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.getElementById('player').dataset.index === '4' && "
        "document.getElementById('player').dataset.state === 'paused'"
    )
    at = _seen(page)["index"]
    page.wait_for_function("() => document.getElementById('player').dataset.saved === 'true'")
    other = browser.new_context()  # its own storage: only the server knows the session
    try:
        elsewhere = other.new_page()
        elsewhere.goto(f"{live_server}/play/{ROUTINE}?speed=20")
        _ready(elsewhere)
        assert _seen(elsewhere)["index"] == at
    finally:
        other.close()


def test_a_set_not_saved_is_shown_and_sent_again(page, live_server):
    steps = _steps(live_server)
    first_work = next(s for s in steps if s["kind"] == "work")
    attempts: list[str] = []

    def refuse(route):
        attempts.append(route.request.post_data)
        route.abort("connectionrefused")

    page.goto(f"{live_server}/play/{ROUTINE}")
    _ready(page)
    page.keyboard.press("Space")  # start, so the session exists before writes fail
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'playing'")
    page.route("**/api/sessions/*/sets", refuse)
    page.keyboard.press("d")
    status = page.locator("#save-status")
    expect(status).to_have_text("1 set not saved yet (retrying).")
    page.unroute("**/api/sessions/*/sets")
    expect(status).to_be_hidden(timeout=15_000)
    assert len(set(attempts)) == 1, "every try sends the same outcome, with the same id"
    [logged] = _logged(live_server)
    entry = httpx.get(f"{live_server}/api/log/{logged['uid']}").json()
    assert [(s["position"], s["outcome"]) for s in entry["sets"]] == [(first_work["index"], "done")]


def test_easier_switches_the_current_exercise(page, live_server):
    steps = _steps(live_server)
    target = next(s for s in steps if s["exercise_id"] == "b-squat")
    easier = httpx.get(f"{live_server}/api/timeline/{ROUTINE}").json()["easier"]["b-squat"]
    page.goto(f"{live_server}/play/{ROUTINE}")
    _ready(page)
    for _ in range(target["index"]):
        page.keyboard.press("s")
    _wait_index(page, target["index"])
    assert _seen(page)["label"] == "B Squat"
    expect(page.get_by_role("button", name="Easier")).to_be_enabled()
    page.keyboard.press("e")
    page.wait_for_function(
        "() => document.getElementById('step-kind').textContent === 'Easier variation'"
    )
    changed = httpx.get(
        f"{live_server}/api/timeline/{ROUTINE}", params={"variation": f"b-squat={easier}"}
    ).json()["steps"]
    now = _seen(page)
    assert now["label"] == changed[now["index"]]["exercise_name"] != "B Squat"
    expect(page.get_by_role("button", name="Easier")).to_be_disabled()


@pytest.mark.parametrize("voice_on", [True, False])
def test_voice_and_beeps_follow_their_toggles(page, live_server, voice_on):
    page.add_init_script(CUE_SPY)
    page.goto(f"{live_server}/play/{ROUTINE}?speed=20")
    _ready(page)
    if not voice_on:
        page.keyboard.press("v")
        page.keyboard.press("m")
        assert not page.get_by_role("checkbox", name="Voice").is_checked()
        assert not page.get_by_role("checkbox", name="Beeps").is_checked()
    page.get_by_role("button", name="Start").click()
    _wait_index(page, 1)
    spoken, beeps = page.evaluate("[window.__spoken, window.__beeps]")
    if voice_on:
        assert spoken[0] == "Standing Figure 8 (left leg), 20 seconds"
        assert beeps >= 1
    else:
        assert (spoken, beeps) == ([], 0)
