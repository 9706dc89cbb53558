"""Server-rendered pages: library, overview, card, player; bad input gives a short error page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from runstrong.export.markdown import workout_markdown
from runstrong.workouts.library import builtin_workout

ROUTINE = "runners-lower-body"
HTML = {"accept": "text/html"}


def test_library_links_to_player_overview_and_card(client):
    page = client.get("/", headers=HTML).text
    for link in (f"/play/{ROUTINE}", f"/workouts/{ROUTINE}", f"/workouts/{ROUTINE}/card"):
        assert f'href="{link}"' in page


class _Text(HTMLParser):
    """The text inside `<article class="overview">`, with runs of whitespace made single."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if self.depth or (tag == "article" and ("class", "overview") in attrs):
            self.depth += 1

    def handle_endtag(self, tag) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data) -> None:
        if self.depth:
            self.parts.append(data)

    @classmethod
    def of(cls, page: str) -> str:
        parser = cls()
        parser.feed(page)
        return " ".join("".join(parser.parts).split())


def _sections(markdown: str) -> list[tuple[str, list[str]]]:
    """Each heading of the markdown with its lines, as plain text (list marks, numbering
    of steps, emphasis and code marks removed, as the page shows them)."""
    sections: list[tuple[str, list[str]]] = []
    for line in markdown.splitlines():
        if not line.strip():
            continue
        heading = line.startswith("#")
        text = re.sub(r"^(#+|-|\d+\.)\s+", "", line.strip())
        text = " ".join(re.sub(r"[*`]", "", text).split())
        if heading or not sections:
            sections.append((text, []))
        else:
            sections[-1][1].append(text)
    return sections


def test_overview_has_the_same_content_as_show(client):
    page = client.get(f"/workouts/{ROUTINE}").text
    workout = builtin_workout()
    assert "<h1>Lower-Body Strength for Runners</h1>" in page
    text = _Text.of(page)
    sections = _sections(workout_markdown(workout))
    assert len(sections) > len(workout.exercises()), "a section per block and exercise"
    at = 0
    for heading, lines in sections:
        found = text.find(heading, at)
        assert found >= 0, f"heading {heading!r} missing or out of order"
        at = found + len(heading)
        for line in lines:  # dose, load, works, setup, steps, cues, variations
            assert line in text, f"under {heading!r}: {line!r} missing"


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


def test_a_bad_workout_file_is_listed_and_every_page_still_works(client, runstrong_home):
    from workouts.hostile_yaml import nested_flow

    folder = runstrong_home / "workouts"
    folder.mkdir(parents=True)
    (folder / "deep.yaml").write_text(nested_flow(500))
    library = client.get("/")
    assert library.status_code == 200
    assert "deep.yaml:1:" in library.text and "nested more than" in library.text
    for page in ("/workouts/runners-lower-body", "/play/runners-lower-body", "/plan", "/history"):
        assert client.get(page).status_code == 200, page
    assert client.get("/api/workouts").status_code == 200
