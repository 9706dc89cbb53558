"""Importing workout articles: the seed article reproduces the built-in routine exactly."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from runstrong.workouts.article_import import NoWorkoutFound, import_article
from runstrong.workouts.article_text import read_article
from runstrong.workouts.catalog import builtin_catalog
from runstrong.workouts.library import builtin_workout

_ROOT = Path(__file__).resolve().parents[2]
#: The seed article lives in shared/ beside the repository (a worktree sits one level deeper).
SEED = next(
    (
        folder / "shared" / "seed" / "lower-body-workout-for-runners.txt"
        for folder in (_ROOT.parent, _ROOT.parent.parent)
        if (folder / "shared" / "seed").is_dir()
    ),
    _ROOT.parent / "shared" / "seed" / "lower-body-workout-for-runners.txt",
)
ARTICLES = Path(__file__).parent / "articles"
CORE_ARTICLE = ARTICLES / "core-for-runners.md"


def _seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    return SEED.read_text()


def shape(workout) -> list:
    """Blocks, rounds, doses and sides: what an import must get exactly right."""
    return [
        (
            block.name,
            block.kind.value,
            block.rounds,
            [
                (
                    e.dose.seconds,
                    e.dose.reps,
                    e.dose.per_side,
                    e.dose.alternating,
                    len(e.dose.directions or []),
                )
                for e in block.exercises
            ],
        )
        for block in workout.blocks
    ]


def _names(workout) -> list[str]:
    return [re.sub(r"[^a-z0-9]+", " ", e.name.lower()).strip() for e in workout.exercises()]


@pytest.mark.parametrize("use_catalog", [True, False])
def test_the_seed_article_reproduces_the_built_in_routine(use_catalog):
    imported = import_article(_seed(), name=SEED.name, use_catalog=use_catalog)
    routine = builtin_workout()
    assert shape(imported.workout) == shape(routine)
    assert _names(imported.workout) == _names(routine)
    assert imported.workout.schedule.recovery_hours_before_quality_run == 48
    assert imported.workout.schedule.sessions_per_week == 1
    assert imported.workout.target_minutes == 20


def test_the_seed_import_credits_the_routine_s_author():
    imported = import_article(_seed(), name=SEED.name)
    credit = imported.workout.credit
    expected = builtin_workout().credit
    assert (credit.author, credit.role) == (expected.author, expected.role)
    assert "line 3: credit: routine by Winnie Yu" in [str(n) for n in imported.notes]


@pytest.mark.parametrize(
    ("line", "author", "role"),
    [
        ("This routine was created by Jane Doe, CSCS, a run coach at Fast Club.", "Jane Doe",
         "CSCS, run coach"),
        ("Workout courtesy of John Smith.", "John Smith", None),
        ("Coach Ana Ruiz designed this 15-minute core circuit for runners.", "Ana Ruiz", None),
        ("Sam Lee, PhD, put together the following workout.", "Sam Lee", "PhD"),
    ],
)  # fmt: skip
def test_the_author_is_read_however_the_article_credits_them(line, author, role):
    article = f"{line}\nCircuit: 2 rounds\n1. Plank\n30 seconds\nHold a straight line.\n"
    credit = import_article(article, name="credit.txt").workout.credit
    assert (credit.author, credit.role) == (author, role)


def test_a_page_s_byline_and_site_complete_the_credit():
    page = _as_html(_seed()).replace("<h1>", "<p class='byline'>By Mallory Creveling</p>\n<h1>")
    credit = import_article(page, name="article.html").workout.credit
    assert (credit.author, credit.writer, credit.source) == (
        "Winnie Yu",
        "Mallory Creveling",
        "Runner's World",
    )


def test_without_an_author_the_gap_is_named():
    article = "Circuit: 2 rounds\n1. Plank\n30 seconds\nHold a straight line.\n"
    imported = import_article(article, name="plank.txt")
    assert imported.workout.credit is None
    assert any("no credit found" in str(n) for n in imported.notes)


def test_the_seed_import_names_every_guess_with_its_line():
    notes = [str(n) for n in import_article(_seed(), name=SEED.name).notes]
    assert "line 12: rounds not stated for Warmup: assumed 1" in notes
    assert any(
        n.startswith("line 35: rounds not stated for Strength Set A: assumed 3") for n in notes
    )
    assert any(
        n.startswith("line 12: no heading before this block: named it 'Warmup'") for n in notes
    )
    assert any("'regular kettlebell swing.'" in n and "repeats 5 times" in n for n in notes)
    assert any("page furniture" in n for n in notes)


def test_the_seed_import_takes_its_exercises_from_the_catalog():
    imported = import_article(_seed(), name=SEED.name)
    assert "- exercise: ffe-split-squat" in imported.yaml
    routine = builtin_workout()
    assert [e.id for e in imported.workout.exercises()] == [e.id for e in routine.exercises()]
    # the article's own sentences stay out: the catalog's instructions are used
    assert "Shift weight to right leg" not in imported.yaml


def test_without_the_catalog_the_article_s_loads_and_variations_are_read():
    workout = import_article(_seed(), name=SEED.name, use_catalog=False).workout
    loads = {e.name: e.load.kind.value for e in workout.exercises()}
    assert loads["Plantarflexion Walk"] == "dumbbells"
    assert loads["B Squat"] == "dumbbell or kettlebell"
    assert loads["Unilateral Alternating Kettlebell Swing"] == "kettlebell"
    assert loads["Dynamic Pigeon"] == "bodyweight"  # the stray swing lines are left out
    pogo = next(e for e in workout.exercises() if e.name == "Forward-Backward Pogo")
    assert [v.kind.value for v in pogo.variations] == ["easier"]
    assert "Eliminate the hop" in pogo.variations[0].steps[0]


def test_without_the_catalog_stray_copies_stay_out_of_the_steps():
    imported = import_article(_seed(), name=SEED.name, use_catalog=False)
    steps = {e.name: " ".join(e.steps) for e in imported.workout.exercises()}
    assert "Lie faceup" not in steps["Forward-Backward Pogo"]  # a copy of the stretch's start
    assert "switch sides" not in steps["Unilateral Alternating Kettlebell Swing"]
    assert "Do this routine" not in steps["Supine Figure 4 Stretch"]  # the introduction's
    assert steps["Supine Figure 4 Stretch"].startswith("Lie faceup on mat.")
    notes = [str(n) for n in imported.notes]
    assert any(n.startswith("line 73: left out 'Lie faceup on mat. .'") for n in notes)
    assert any(n.startswith("line 96: left out 'Do this routine") and "line 11" in n for n in notes)
    # the same sentence under two moves: both kept, and the runner is told
    assert any(
        n.startswith("line 34: 'Then turn around and walk back.' is under High Plank Calf Rock")
        for n in notes
    )


def _as_html(text: str) -> str:
    """The seed as a saved web page, with the furniture a real page carries."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        "<!doctype html>\n<html><head><title>Lower-Body Workout for Runners | Runner's World"
        "</title><script>var ad = '1. Not An Exercise';</script></head>\n<body>\n"
        "<nav><a href='/'>Home</a></nav>\n<h1>Lower-Body Workout for Runners</h1>\n"
        "<figure><img src='x.jpg'><figcaption>Image no longer available</figcaption></figure>\n"
        f"{body}\n<footer>Subscribe</footer></body></html>\n"
    )


def test_a_saved_web_page_reads_the_same_as_the_text():
    page = _as_html(_seed())
    imported = import_article(page, name="article.html")
    assert shape(imported.workout) == shape(builtin_workout())
    assert imported.workout.title == "Lower-Body Workout for Runners"
    warmup_note = next(n for n in imported.notes if "rounds not stated for Warmup" in n.message)
    assert page.splitlines()[warmup_note.line - 1].startswith("<p>1. Standing Figure 8")


def test_html_numbered_lists_and_headings_are_read():
    page = """<html><body><h1>Quick Core</h1>
<h2>Circuit: 3 rounds</h2>
<ol><li>Plank<br>30 seconds</li><li>Side Plank<br>20 seconds each side</li></ol>
</body></html>"""
    workout = import_article(page, name="quick.html").workout
    (block,) = workout.blocks
    assert (block.name, block.kind.value, block.rounds) == ("Circuit", "circuit", 3)
    assert [(e.name, e.dose.seconds, e.dose.per_side) for e in block.exercises] == [
        ("Plank", 30, False),
        ("Side Plank", 20, True),
    ]


def test_a_markdown_article_reproduces_the_core_workout():
    imported = import_article(CORE_ARTICLE.read_text(), name=CORE_ARTICLE.name, use_catalog=False)
    core = builtin_workout("core-for-runners")
    assert shape(imported.workout) == shape(core)
    assert imported.workout.schedule.recovery_hours_before_quality_run == 0
    loads = {e.name: (e.load.kind.value, e.load.weight_class) for e in imported.workout.exercises()}
    assert loads["Bird Dog Row"][0] == "dumbbell"
    assert loads["Bird Dog Row"][1].value == "light to medium"
    assert loads["Unilateral Suitcase March"][0] == "kettlebell"


def test_markdown_keeps_source_lines():
    article = read_article(CORE_ARTICLE.read_text(), CORE_ARTICLE.name)
    source = CORE_ARTICLE.read_text().splitlines()
    for line in article.lines:
        words = line.text.split()[0].strip("*")
        assert words in source[line.number - 1]


def test_an_article_with_no_workout_says_so():
    with pytest.raises(NoWorkoutFound):
        import_article("Running is great.\nStretch sometimes, and sleep well.\n", name="blog.txt")


def test_a_missing_dose_is_assumed_and_named():
    article = "Hip Circuit: 2 rounds\n1. Clamshell\nLie on your side and open the knee.\n"
    article += "2. Glute Bridge\n12 reps\nLift the hips.\n"
    imported = import_article(article, name="hips.txt")
    assert [e.dose.reps for e in imported.workout.exercises()] == [10, 12]
    assert "line 2: no dose found for Clamshell: assumed 10 reps" in [
        str(n) for n in imported.notes
    ]
    assert "no dose found for Clamshell" in imported.yaml  # the file says so too


def test_directions_alternating_and_bands_are_read():
    article = (
        "Warm-up (2 rounds)\n"
        "1. Mini-Band Walk: 10 reps per side (light mini band)\n"
        "2. Alternating Lunge: 12 reps alternating\n"
        "3. Three-Way Reach: 10 seconds per direction\n"
    )
    workout = import_article(article, name="bands.txt").workout
    walk, lunge, reach = workout.exercises()
    assert (walk.load.kind.value, walk.load.weight_class.value) == ("mini band", "light")
    assert walk.dose.per_side and lunge.dose.alternating
    assert reach.dose.directions == ["direction 1", "direction 2", "direction 3"]
    assert workout.blocks[0].rounds == 2


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def test_the_catalog_s_instructions_are_not_the_article_s_sentences():
    """Facts carry over, sentences do not: no six words in a row come from the article."""
    seed = _words(_seed())
    article = {tuple(seed[i : i + 6]) for i in range(len(seed) - 5)}
    for exercise in builtin_catalog().exercises.values():
        moves = [exercise, *exercise.variations]
        texts = [t for m in moves for t in (m.setup or "", *m.steps, *m.cues)]
        for text in texts:
            words = _words(text)
            copied = [words[i : i + 6] for i in range(len(words) - 5)]
            assert not [run for run in copied if tuple(run) in article], (exercise.id, text)
