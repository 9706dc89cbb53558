"""axe-core (from npm) finds no serious or critical problem on any page, light or dark,
and the pages can be used from the keyboard alone."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import expect

from runstrong.cli import main
from web.web_calendars import next_monday, runs_csv

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ROUTINE = "runners-lower-body"


@pytest.fixture
def logged_uid(live_server) -> str:
    """A session in the log, with loads and notes, so History has cards and charts."""
    assert main(["log", "--load", "b-squat=12", "--rpe", "6", "--notes", "steady"]) == 0
    return httpx.get(f"{live_server}/api/log").json()[0]["uid"]


def _pages(uid: str) -> list[str]:
    return [
        "/",
        f"/workouts/{ROUTINE}",
        f"/play/{ROUTINE}",
        "/history",
        f"/log/{uid}",
        "/plan",
        "/import",
        "/workouts/core-for-runners",
        "/no-such-page",
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations_on_any_page(page, live_server, axe_violations, logged_uid, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(PHONE)
    found = {}
    for path in _pages(logged_uid):
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_no_serious_violations_on_a_planned_calendar(page, live_server, axe_violations, tmp_path):
    calendar = tmp_path / "runs.csv"
    calendar.write_bytes(runs_csv())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/plan")
    page.get_by_label("Calendar file").set_input_files(calendar)
    page.get_by_label("First day").fill(str(next_monday()))
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Plan my weeks").click()
    expect(page.get_by_text("From runs.csv")).to_be_visible()
    assert axe_violations(page) == []


def test_the_navigation_and_forms_work_from_the_keyboard(page, live_server, logged_uid):
    page.goto(f"{live_server}/")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert {"Workouts", "History", "Plan"} <= set(reached)
    page.goto(f"{live_server}/history")
    page.get_by_role("link", name="History").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim().startsWith('Edit')"):
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/log/{logged_uid}")
