"""Server-rendered pages: library, overview, card, player; bad input gives a short error page."""

from __future__ import annotations

from runstrong.export.markdown import workout_markdown
from runstrong.library import builtin_workout

ROUTINE = "runners-lower-body"
HTML = {"accept": "text/html"}


def test_library_links_to_player_overview_and_card(client):
    page = client.get("/", headers=HTML).text
    for link in (f"/play/{ROUTINE}", f"/workouts/{ROUTINE}", f"/workouts/{ROUTINE}/card"):
        assert f'href="{link}"' in page


def test_overview_has_the_same_content_as_show(client):
    page = client.get(f"/workouts/{ROUTINE}").text
    workout = builtin_workout()
    assert "<h1>Lower-Body Strength for Runners</h1>" in page
    for exercise in workout.exercises():
        assert exercise.name in page
    assert "Planned time:" in workout_markdown(workout)
    assert "Planned time:" in page


def test_card_is_the_printable_export(client):
    response = client.get(f"/workouts/{ROUTINE}/card")
    assert response.status_code == 200
    assert "@page" in response.text


def test_player_page_carries_the_speed_and_static_files_are_served(client):
    page = client.get(f"/play/{ROUTINE}", params={"speed": 20}).text
    assert 'data-speed="20.0"' in page
    assert "Preview speed" in page
    assert "Preview speed" not in client.get(f"/play/{ROUTINE}").text
    for asset in ("player.js", "player.css", "app.css"):
        assert client.get(f"/static/{asset}").status_code == 200


def test_bad_speed_is_rejected(client):
    for speed in ("0", "-1", "fast", "1000"):
        response = client.get(f"/play/{ROUTINE}", params={"speed": speed})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "speed"


def test_browsers_get_an_error_page_not_json(client):
    response = client.get("/workouts/nope", headers=HTML)
    assert response.status_code == 404
    assert "no workout called" in response.text
    assert response.headers["content-type"].startswith("text/html")
