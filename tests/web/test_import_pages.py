"""The import page: paste or upload an article, see the draft and its notes, save it."""

from __future__ import annotations

from pathlib import Path

from web.forms import with_token

ARTICLE = Path(__file__).parents[1] / "workouts" / "articles" / "core-for-runners.md"
HTML = {"accept": "text/html"}


def test_the_form_is_linked_from_every_page(client):
    assert 'href="/import"' in client.get("/", headers=HTML).text
    page = client.get("/import", headers=HTML).text
    assert 'name="article"' in page and 'name="upload"' in page


def test_pasting_shows_the_draft_and_notes_then_saving_adds_it(client, runstrong_home):
    shown = client.post(
        "/import", data=with_token(client, {"article": ARTICLE.read_text()}), headers=HTML
    )
    assert shown.status_code == 200
    assert "- exercise: three-way-childs-pose" in shown.text
    assert "line 10: left out 2 lines of page furniture" in shown.text
    assert not (runstrong_home / "workouts").exists(), "nothing is saved before Save"

    draft = _draft(shown.text)
    saved = client.post(
        "/import/save", data=with_token(client, {"workout_yaml": draft}), follow_redirects=False
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/workouts/a-core-workout-for-runners"
    assert (runstrong_home / "workouts" / "a-core-workout-for-runners.yaml").read_text() == draft
    assert "A Core Workout for Runners" in client.get("/", headers=HTML).text


def test_uploading_a_saved_page_works_like_pasting(client):
    page = "<html><body><h1>Quick Core</h1><h2>Circuit: 3 rounds</h2>"
    page += "<ol><li>Plank<br>30 seconds</li><li>Dead Bug<br>10 reps</li></ol></body></html>"
    shown = client.post(
        "/import",
        files={"upload": ("quick.html", page.encode(), "text/html")},
        data=with_token(client),
        headers=HTML,
    )
    assert shown.status_code == 200
    assert "Quick Core" in shown.text and "rounds: 3" in shown.text


def test_an_article_without_a_workout_says_what_was_looked_for(client):
    shown = client.post(
        "/import", data=with_token(client, {"article": "Nice run today.\n"}), headers=HTML
    )
    assert shown.status_code == 422
    assert "No workout found" in shown.text and "numbered exercises" in shown.text


def test_empty_and_oversized_articles_are_refused(client):
    assert (
        client.post("/import", data=with_token(client, {"article": "  "}), headers=HTML).status_code
        == 422
    )
    big = b"x" * (1024 * 1024 + 1)
    refused = client.post(
        "/import",
        files={"upload": ("a.txt", big, "text/plain")},
        data=with_token(client),
        headers=HTML,
    )
    assert refused.status_code == 413


def test_saving_refuses_an_invalid_draft_naming_the_line(client, runstrong_home):
    draft = "id: x\ntitle: X\nsummary: s\nblocks:\n  - id: b\n    name: B\n    kind: loop\n"
    refused = client.post(
        "/import/save", data=with_token(client, {"workout_yaml": draft}), headers=HTML
    )
    assert refused.status_code == 422
    assert "draft:7:5: blocks[0].kind: Input should be" in refused.text
    assert not (runstrong_home / "workouts").exists()


def test_saving_never_overwrites_without_asking(client, runstrong_home):
    shown = client.post(
        "/import", data=with_token(client, {"article": ARTICLE.read_text()}), headers=HTML
    )
    draft = _draft(shown.text)
    folder = runstrong_home / "workouts"
    folder.mkdir(parents=True)
    mine = folder / "a-core-workout-for-runners.yaml"
    mine.write_text("# mine\n")
    refused = client.post(
        "/import/save", data=with_token(client, {"workout_yaml": draft}), headers=HTML
    )
    assert refused.status_code == 409 and mine.read_text() == "# mine\n"
    replaced = client.post(
        "/import/save",
        data=with_token(client, {"workout_yaml": draft, "replace": "true"}),
        follow_redirects=False,
    )
    assert replaced.status_code == 303 and mine.read_text() == draft
    builtin = draft.replace("id: a-core-workout-for-runners", "id: core-for-runners", 1)
    assert (
        client.post("/import/save", data=with_token(client, {"workout_yaml": builtin})).status_code
        == 409
    )


def _draft(page: str) -> str:
    import html

    start = page.index('name="workout_yaml"')
    body = page[page.index(">", start) + 1 : page.index("</textarea>", start)]
    return html.unescape(body)
