"""Figures on the web: a cacheable SVG per move and side, linked from every work step, shown
large in the player (mirrored for the left side) without pushing the page over its budget."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from runstrong.export.card import workout_card_html
from runstrong.workouts.library import builtin_dir, builtin_workout

ROUTINE = "runners-lower-body"
ROUTINES = sorted(p.stem for p in builtin_dir().glob("*.yaml"))
PAGE_BUDGET = 100 * 1024


def test_every_work_step_links_its_figure_mirrored_for_the_left_side(client):
    steps = client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
    work = [s for s in steps if s["kind"] == "work"]
    assert work and all(s["figure_url"] for s in work)
    assert not any(s["figure_url"] for s in steps if s["kind"] != "work")
    for step in work:
        query = parse_qs(urlsplit(step["figure_url"]).query)
        assert query.get("side") == ([step["side"]] if step["side"] else None)


def test_an_easier_variation_gets_its_own_figure(client):
    steps = client.get(
        f"/api/timeline/{ROUTINE}", params={"variation": "b-squat=goblet-squat"}
    ).json()["steps"]
    goblet = next(s for s in steps if s["exercise_id"] == "b-squat")
    assert "variation=goblet-squat" in goblet["figure_url"]
    svg = client.get(goblet["figure_url"])
    assert ET.fromstring(svg.text).find("{http://www.w3.org/2000/svg}title").text == (
        "Goblet Squat with Pause"
    )


def test_the_figure_is_an_svg_a_browser_keeps(client):
    url = next(
        s["figure_url"]
        for s in client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
        if s["side"] == "left"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.headers["cache-control"] == "public, max-age=86400"
    root = ET.fromstring(response.text)
    assert root.find("{http://www.w3.org/2000/svg}title").text.endswith("left side")
    assert "scale(-1 -1)" in response.text  # mirrored
    again = client.get(url, headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304 and not again.content
    stale = client.get(url.replace("v=", "v=0"))
    assert stale.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "status", "field"),
    [
        (f"/figures/{ROUTINE}/no-such-move.svg", 404, "exercise_id"),
        (f"/figures/{ROUTINE}/b-squat.svg?variation=no-such-variation", 404, "variation"),
        (f"/figures/{ROUTINE}/b-squat.svg?side=up", 422, "side"),
        ("/figures/no-such-workout/b-squat.svg", 404, "workout_id"),
    ],
)
def test_bad_figure_requests_name_the_input(client, path, status, field):
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.browser
def test_the_player_shows_the_figure_on_a_phone(page, live_server, artifacts_dir):
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/play/{ROUTINE}?speed=20", wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")
    figure = page.locator("#step-figure")
    page.wait_for_function("() => document.getElementById('step-figure').naturalWidth > 0")
    assert "side=left" in figure.get_attribute("src")  # the routine opens on the left leg
    box = figure.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 150  # large on a phone
    assert box["y"] + box["height"] <= page.locator("#countdown").bounding_box()["y"] + 1
    page.screenshot(path=artifacts_dir / "player-phone-figure.png")
    page.keyboard.press("s")  # the next step is the right leg: the picture turns round
    page.wait_for_function(
        "() => document.getElementById('step-figure').src.includes('side=right')"
    )

    assets = sum(size for url, size in sizes.items() if "/api/" not in url)
    assert assets < PAGE_BUDGET, sizes
    steps = httpx.get(f"{live_server}/api/timeline/{ROUTINE}").json()["steps"]
    assert steps[0]["side"] == "left"


def test_the_overview_shows_every_move_and_variation(client):
    page = client.get(f"/workouts/{ROUTINE}", headers={"accept": "text/html"}).text
    shown = re.findall(r'<figure class="move"><img src="([^"]+)" alt="How to do ([^"]+)"', page)
    workout = builtin_workout()
    names = [n for e in workout.exercises() for n in [e.name, *(v.name for v in e.variations)]]
    assert [alt.replace("&#39;", "'") for _, alt in shown] == names
    assert client.get(shown[0][0].replace("&amp;", "&")).status_code == 200


@pytest.mark.browser
@pytest.mark.parametrize("routine", ROUTINES)
def test_the_card_with_figures_still_prints_on_one_page(
    page, tmp_path: Path, artifacts_dir, routine
):
    card = tmp_path / "card.html"
    card.write_text(workout_card_html(builtin_workout(routine)))
    page.goto(card.as_uri())
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.set_viewport_size({"width": 800, "height": 1130})
    page.screenshot(path=artifacts_dir / f"card-with-figures-{routine}.png", full_page=True)


@pytest.mark.browser
def test_the_figure_moves_on_its_own_and_holds_still_for_reduced_motion(page, live_server):
    steps = httpx.get(f"{live_server}/api/timeline/{ROUTINE}").json()["steps"]
    page.goto(live_server + steps[0]["figure_url"])
    shown = "s => getComputedStyle(document.querySelector(s)).display"
    assert page.evaluate(shown, ".rsf-moving") != "none"
    assert page.evaluate(shown, ".rsf-still") == "none"
    moving = page.locator(".rsf-moving g[class]").first
    before = moving.evaluate("g => getComputedStyle(g).transform")
    page.wait_for_timeout(700)
    assert moving.evaluate("g => getComputedStyle(g).transform") != before  # no script needed
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(shown, ".rsf-moving") == "none"
    assert page.evaluate(shown, ".rsf-still") != "none"  # the key poses, side by side
