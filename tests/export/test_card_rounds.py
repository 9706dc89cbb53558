"""The printable card: a row per exercise, a tick box per round, doses as a runner reads them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from runstrong.export.card import workout_card_html
from runstrong.workouts.file import load_workout_file
from runstrong.workouts.library import builtin_workout


class _Sections(HTMLParser):
    """Each section's heading, and per row its dose, name and number of tick boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict] = []
        self._cell: str | None = None
        self._in_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "section":
            self.sections.append({"title": "", "rows": []})
        elif tag == "h2" and self.sections:
            self._cell = "title"
        elif tag == "tr":
            self.sections[-1]["rows"].append({"dose": "", "name": "", "boxes": 0})
        elif tag == "td" and "dose" in classes:
            self._cell = "dose"
        elif tag == "strong" and self.sections and self.sections[-1]["rows"]:
            self._cell = "name"
        elif tag == "span" and "box" in classes:
            self.sections[-1]["rows"][-1]["boxes"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "td", "strong"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell == "title":
            self.sections[-1]["title"] += data
        elif self._cell:
            self.sections[-1]["rows"][-1][self._cell] += data.strip()


def _card(workout_id: str) -> list[dict]:
    parser = _Sections()
    parser.feed(workout_card_html(builtin_workout(workout_id)))
    return parser.sections


def test_core_card_has_three_rows_in_set_a_and_two_boxes_a_row():
    sections = _card("core-for-runners")
    titles = [" ".join(s["title"].split()) for s in sections]
    assert titles == [
        "Warm Up warmup · 2 rounds",
        "Strength Set A superset · 2 rounds",
        "Strength Set B superset · 2 rounds",
        "Cool Down cooldown · 1 round",
    ]
    set_a = sections[1]["rows"]
    assert [(r["dose"], r["name"], r["boxes"]) for r in set_a] == [
        ("8 reps per side", "Bird Dog Row", 2),
        ("8 reps per side", "Modified Side Plank Clamshell Lift", 2),
        ("8 reps", "Dead Bug Pullover", 2),
    ]
    assert [r["boxes"] for r in sections[0]["rows"]] == [2, 2]
    pose = sections[3]["rows"][1]
    assert pose["dose"] == "10 s per direction (centre, left, right)"


def test_core_card_says_it_fits_next_to_a_run():
    html = workout_card_html(builtin_workout("core-for-runners"))
    assert "any time, even next to a run" in html
    assert "48 h" not in html


def test_alternating_work_reads_as_such_on_the_card():
    rows = [row for s in _card("runners-lower-body") for row in s["rows"]]
    swing = next(r for r in rows if r["name"] == "Unilateral Alternating Kettlebell Swing")
    assert swing["dose"] == "12 reps alternating"


def test_a_circuit_of_five_has_a_row_each_with_loads_and_rests():
    path = Path(__file__).parents[1] / "workouts" / "files" / "circuit-of-five.yaml"
    html = workout_card_html(load_workout_file(path))
    parser = _Sections()
    parser.feed(html)
    warmup, circuit, _ = parser.sections
    assert [(r["dose"], r["boxes"]) for r in warmup["rows"]] == [
        ("10 reps per side", 3),
        ("30 s alternating", 3),
        ("10 s per direction (direction 1, direction 2, direction 3)", 3),
    ]
    assert [(r["name"], r["boxes"]) for r in circuit["rows"]] == [
        ("Ball Slam", 3),
        ("Barbell Row", 3),
        ("Step Up", 3),
        ("Band Pull Apart", 3),
        ("B Squat", 3),
    ]
    for shown in ("medicine ball (medium)", "barbell (heavy)", "box or step, knee height",
                  "then 20 s rest", "resistance band (medium to heavy)", "then 15 s rest",
                  "mini band (light)", "no equipment", "a towel"):  # fmt: skip
        assert shown in html
