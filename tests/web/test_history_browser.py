"""History on a phone: a card per session, no sideways scrolling, charts whose text reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runstrong.cli import main

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

#: Every text element's font size, as drawn, in CSS px of the chart itself.
FONT_SIZES = """() => Array.from(document.querySelectorAll("text"))
  .filter((t) => t.textContent.trim() && t.getBBox().width > 0)
  .map((t) => parseFloat(getComputedStyle(t).fontSize))"""


def _log_weeks(weeks: int) -> None:
    """One session a week for `weeks` weeks up to last week, with loads going up."""
    monday = date.today() - timedelta(days=date.today().weekday())
    for n in range(weeks, 0, -1):
        day = monday - timedelta(weeks=n) + timedelta(days=2)
        load = f"b-squat={10 + weeks - n}"
        status = main(["log", "--date", f"{day} 18:00", "--load", load, "--rpe", "6"])
        assert status == 0


def test_history_is_cards_that_fit_a_phone(page, live_server, artifacts_dir):
    _log_weeks(3)
    main(["log", "--notes", "felt strong, left knee fine", "--load", "b-squat=14"])
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/history")
    cards = page.locator("ol.history > li.card")
    assert cards.count() == 4
    newest = cards.first
    assert "35 of 35" in newest.locator("dl").inner_text()
    assert "felt strong" in newest.inner_text()
    assert "14 kg" in newest.inner_text()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, "nothing scrolls sideways"
    page.screenshot(path=artifacts_dir / "history-phone.png", full_page=True)


def test_chart_text_is_at_least_11_css_px_on_a_phone(page, live_server):
    _log_weeks(4)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/history")
    charts = page.locator(".charts img")
    assert charts.count() >= 2, "adherence and a load chart"
    shown = []
    for n in range(charts.count()):
        chart = charts.nth(n)
        chart.scroll_into_view_if_needed()
        src = chart.get_attribute("src")
        scale = chart.evaluate("(img) => img.getBoundingClientRect().width / img.naturalWidth")
        shown.append((src, scale))
    for src, scale in shown:
        page.goto(f"{live_server}{src}")
        smallest = min(page.evaluate(FONT_SIZES)) * scale
        assert smallest >= 11, f"{src}: text {smallest:.1f} px on a phone"


def test_adherence_starts_at_the_first_session(page, live_server):
    _log_weeks(2)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/history/charts/runners-lower-body/adherence.svg")
    title = page.locator("text.title").first.text_content()
    # Two weeks done, this week still under way: not "2 of 12".
    assert title == "Weeks with 1 or more: 2 of 2"
