"""FIT workout export, checked by decoding every file with Garmin's own SDK."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from garmin_fit_sdk import Decoder, Profile, Stream
from hypothesis import HealthCheck, given, settings

from runstrong.cli import main
from runstrong.export.fit import Weight, workout_fit
from runstrong.export.fit_strings import NOTES_SIZE, STEP_NAME_SIZE, WORKOUT_NAME_SIZE
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.file import load_workout_file
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import Workout
from workout_strategies import workouts

REPEAT = "repeat_until_steps_cmplt"


def decode(data: bytes, tmp_path: Path) -> dict[str, list[dict]]:
    """Decode like a watch would: valid CRC, no errors, types as names."""
    path = tmp_path / "workout.fit"
    path.write_bytes(data)
    assert Decoder(Stream.from_file(str(path))).check_integrity()
    messages, errors = Decoder(Stream.from_file(str(path))).read(
        convert_types_to_strings=True, expand_sub_fields=True
    )
    assert errors == []
    return messages


def fit_steps(data: bytes, tmp_path: Path) -> list[dict]:
    messages = decode(data, tmp_path)
    steps = messages["workout_step_mesgs"]
    assert messages["workout_mesgs"][0]["num_valid_steps"] == len(steps)
    assert [s["message_index"] for s in steps] == list(range(len(steps)))
    return steps


def exercise_name(step: dict) -> str | None:
    """The exercise name as Garmin's profile spells it (the decoder leaves it a number)."""
    if "exercise_name" not in step:
        return None
    return Profile["types"][f"{step['exercise_category']}_exercise_name"][step["exercise_name"]]


def dose(step: dict) -> tuple[str, float | None]:
    kind = step["duration_type"]
    value = {"time": "duration_time", "reps": "duration_reps", REPEAT: "repeat_steps"}.get(kind)
    return kind, step[value] if value else None


def unroll(steps: list[dict]) -> list[dict]:
    """The steps in the order a watch plays them, repeats followed."""
    played, done, index = [], {}, 0
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] != REPEAT:
            played.append(step)
            index += 1
            continue
        assert step["duration_step"] < index
        done[index] = done.get(index, 1) + 1
        if done[index] <= step["repeat_steps"]:
            index = step["duration_step"]
        else:
            del done[index]
            index += 1
    return played


def w(name, kind, value, intensity, category, exercise=None):
    return (name, kind, value, intensity, category, exercise)


def rest(name, seconds=None):
    if seconds is None:
        return (name, "open", None, "rest", None, None)
    return (name, "time", float(seconds), "rest", None, None)


def repeat(first, times):
    return (None, REPEAT, times, None, None, None, first)


def summary(step: dict) -> tuple:
    kind, value = dose(step)
    row = (
        step.get("wkt_step_name"),
        kind,
        value,
        step.get("intensity"),
        step.get("exercise_category"),
        exercise_name(step),
    )
    return (*row, step["duration_step"]) if kind == REPEAT else row


NEXT = rest("Next exercise", 10)
SWITCH = rest("Switch sides", 5)
OPEN_REST = rest("Rest")

STEP_DOWN = ("squat", "weighted_elevated_single_leg_squat")
SPLIT = ("lunge", "front_foot_elevated_dumbbell_split_squat")
#: One round of each strength set as a watch shows it, without the step into the next round.
SET_A = [
    w("Toe Walk", "time", 30.0, "active", "carry", "farmers_walk_on_toes"),
    NEXT,
    w("B Squat (left)", "time", 20.0, "active", "squat", "weighted_staggered_squat"),
    SWITCH,
    w("B Squat (right)", "time", 20.0, "active", "squat", "weighted_staggered_squat"),
]
SET_B = [
    w("Step Dn (left)", "reps", 8, "active", *STEP_DOWN),
    SWITCH,
    w("Step Dn (right)", "reps", 8, "active", *STEP_DOWN),
    NEXT,
    w("Split (left)", "reps", 8, "active", *SPLIT),
    SWITCH,
    w("Split (right)", "reps", 8, "active", *SPLIT),
]
SET_C = [
    w("Pogo", "reps", 12, "active", "plyo"),
    NEXT,
    w("Alt KB Swing", "reps", 12, "active", "hip_swing", "single_arm_kettlebell_swing"),
]

#: The built-in routine on a watch: decoded fields, step by step. Each set's first round,
#: with the step into the next round, repeats twice; the last round goes straight on to the
#: rest between sets, as in the players.
GOLDEN = [
    w("Fig 8 (left)", "time", 20.0, "warmup", "warm_up", "hip_circles"),
    SWITCH,
    w("Fig 8 (right)", "time", 20.0, "warmup", "warm_up", "hip_circles"),
    NEXT,
    w("Pigeon (left)", "time", 20.0, "warmup", "warm_up", "stretch_pigeon_pose"),
    SWITCH,
    w("Pigeon (right)", "time", 20.0, "warmup", "warm_up", "stretch_pigeon_pose"),
    NEXT,
    w("Calf Rock", "time", 20.0, "warmup", "plank", "plank"),
    OPEN_REST,
    *SET_A,  # from step 10
    NEXT,
    repeat(10, 2),
    *SET_A,
    OPEN_REST,
    *SET_B,  # from step 23
    NEXT,
    repeat(23, 2),
    *SET_B,
    OPEN_REST,
    *SET_C,  # from step 40
    NEXT,
    repeat(40, 2),
    *SET_C,
    OPEN_REST,
    w("Hamstring", "time", 20.0, "cooldown", "warm_up", "standing_hamstring_stretch"),
    NEXT,
    w("Fig 4 (left)", "time", 20.0, "cooldown", "warm_up", "stretch_lying_piriformis"),
    SWITCH,
    w("Fig 4 (right)", "time", 20.0, "cooldown", "warm_up", "stretch_lying_piriformis"),
]


@pytest.fixture(scope="module")
def routine() -> Workout:
    return builtin_workout()


def test_the_file_is_a_strength_workout(routine, tmp_path):
    messages = decode(workout_fit(routine), tmp_path)
    assert messages["file_id_mesgs"][0]["type"] == "workout"
    (workout,) = messages["workout_mesgs"]
    assert workout["sport"] == "training"
    assert workout["sub_sport"] == "strength_training"
    assert workout["wkt_name"] == "Lower-Body Strength (per side)"


def test_the_two_side_modes_have_different_names(routine, tmp_path):
    names = {
        decode(workout_fit(routine, sides=sides), tmp_path)["workout_mesgs"][0]["wkt_name"]
        for sides in ("per-side", "combined")
    }
    assert names == {"Lower-Body Strength (per side)", "Lower-Body Strength (combined)"}


def test_the_header_is_the_current_sdks_and_a_second_decoder_agrees(routine, tmp_path):
    import io

    import fitdecode

    data = workout_fit(routine)
    assert data[0] == 14 and data[1] == 0x20  # 14-byte header with CRC, protocol 2.0
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        frames = list(reader)
    (header,) = [f for f in frames if isinstance(f, fitdecode.FitHeader)]
    assert header.crc_matched and header.proto_ver == (2, 0)
    steps = [
        f for f in frames if isinstance(f, fitdecode.FitDataMessage) and f.name == "workout_step"
    ]
    ours = fit_steps(data, tmp_path)
    assert [s.get_value("wkt_step_name", fallback=None) for s in steps] == [
        s.get("wkt_step_name") for s in ours
    ]
    assert [s.get_value("notes", fallback=None) for s in steps] == [s.get("notes") for s in ours]


def test_builtin_routine_golden_structure(routine, tmp_path):
    assert [summary(s) for s in fit_steps(workout_fit(routine), tmp_path)] == GOLDEN


def test_three_strength_blocks_play_three_rounds(routine, tmp_path):
    steps = fit_steps(workout_fit(routine), tmp_path)
    repeats = [s for s in steps if s["duration_type"] == REPEAT]
    # the first round twice (with the step into the next round), then the last round
    assert [(s["repeat_steps"], steps[s["duration_step"]]["wkt_step_name"]) for s in repeats] == [
        (2, "Toe Walk"),
        (2, "Step Dn (left)"),
        (2, "Pogo"),
    ]
    played = [s.get("wkt_step_name") for s in unroll(steps)]
    assert played.count("Toe Walk") == played.count("Pogo") == 3


def test_notes_hold_the_whole_first_cue(routine, tmp_path):
    steps = fit_steps(workout_fit(routine), tmp_path)
    pogo = next(s for s in steps if s.get("exercise_category") == "plyo")
    assert pogo["notes"] == "Springy ankles; barely touch the ground."
    split = next(s for s in steps if s.get("exercise_category") == "lunge")
    assert split["notes"] == "Squeeze the inner thighs and brace your core to stay steady."


def test_an_advised_variation_replaces_the_standard_move(routine, tmp_path):
    variation = routine.exercise("b-squat").variation("goblet-squat")
    steps = fit_steps(workout_fit(routine, variations={"b-squat": "goblet-squat"}), tmp_path)
    squats = [s for s in steps if s.get("exercise_category") == "squat"]
    goblet = squats[0]
    assert goblet["wkt_step_name"] == "Goblet Squat"
    assert not any("B Squat" in s["wkt_step_name"] for s in squats)
    assert goblet["duration_type"] == "time" and goblet["duration_time"] == 20
    assert goblet["notes"] == variation.steps[0]
    standard = fit_steps(workout_fit(routine), tmp_path)
    # one 20 s step instead of left, switch, right, in each of the three rounds
    assert len(unroll(steps)) == len(unroll(standard)) - 2 * 3


def played_rows(steps: list[dict]) -> list[tuple]:
    """What a watch plays, step by step: work or rest, and for how long (or how many reps)."""
    return [
        ("rest" if s["intensity"] == "rest" else "work", *_rounded(dose(s))) for s in unroll(steps)
    ]


def timeline_rows(timeline, sides: str = "per-side") -> list[tuple]:
    """The same rows from the timeline; with combined sides, left-switch-right is one step."""
    rows, index, steps = [], 0, timeline.steps
    while index < len(steps):
        step = steps[index]
        group = steps[index : index + 3] if sides == "combined" and step.side else (step,)
        index += len(group)
        if step.kind is StepKind.REST_AS_NEEDED:
            rows.append(("rest", "open", None))
        elif step.kind is not StepKind.WORK:
            rows.append(("rest", *_rounded(("time", step.seconds))))
        elif step.reps is not None:
            rows.append(("work", "reps", step.reps * (2 if len(group) > 1 else 1)))
        else:
            rows.append(("work", *_rounded(("time", sum(s.seconds for s in group)))))
    return rows


def _rounded(row: tuple[str, float | None]) -> tuple[str, float | None]:
    kind, value = row
    return kind, round(value, 3) if kind == "time" else value


def fit_timed_seconds(steps: list[dict]) -> float:
    return sum(s["duration_time"] for s in unroll(steps) if s["duration_type"] == "time")


def timeline_timed_seconds(timeline, sides: str = "per-side") -> float:
    """The timeline's total less its estimates; a combined rep step also takes in its switch."""
    timed = timeline.total_seconds - timeline.estimated_seconds
    if sides == "combined":
        steps = timeline.steps
        timed -= sum(
            s.seconds
            for i, s in enumerate(steps)
            if s.kind is StepKind.SWITCH and steps[i - 1].reps is not None
        )
    return timed


CIRCUIT_OF_FIVE = Path(__file__).parents[1] / "workouts" / "files" / "circuit-of-five.yaml"


@pytest.mark.parametrize("workout_id", ["runners-lower-body", "core-for-runners", "circuit"])
@pytest.mark.parametrize("sides", ["per-side", "combined"])
def test_a_watch_plays_the_timeline_step_for_step(workout_id, sides, tmp_path):
    """No extra transition after a block's last round: the rest between sets comes straight
    after the last exercise, as in the players, and the timed total agrees."""
    if workout_id == "circuit":
        workout = load_workout_file(CIRCUIT_OF_FIVE)
    else:
        workout = builtin_workout(workout_id)
    timeline = compile_timeline(workout)
    steps = fit_steps(workout_fit(workout, sides=sides), tmp_path)
    assert played_rows(steps) == timeline_rows(timeline, sides)
    assert fit_timed_seconds(steps) == pytest.approx(timeline_timed_seconds(timeline, sides))


def test_combined_sides_make_one_step_per_exercise(routine, tmp_path):
    steps = fit_steps(workout_fit(routine, sides="combined"), tmp_path)
    assert not [s for s in steps if s.get("wkt_step_name") == "Switch sides"]
    assert not [s for s in steps if "(left)" in s.get("wkt_step_name", "")]
    squat = next(s for s in steps if s.get("exercise_name") == 65)
    assert (squat["wkt_step_name"], dose(squat)) == ("B Squat", ("time", 45.0))
    assert squat["notes"].startswith("20 s per side. ")
    step_down = next(s for s in steps if s.get("wkt_step_name") == "Step Dn")
    assert dose(step_down) == ("reps", 16)
    assert step_down["notes"] == "8 reps per side. Slow on the way down."
    repeats = [s for s in steps if s["duration_type"] == REPEAT]
    assert [steps[s["duration_step"]]["wkt_step_name"] for s in repeats] == [
        "Toe Walk",
        "Step Dn",
        "Pogo",
    ]


BUILTIN_EXERCISES = {
    "standing-figure-8": ("warm_up", "hip_circles"),
    "dynamic-pigeon": ("warm_up", "stretch_pigeon_pose"),
    "high-plank-calf-rock": ("plank", "plank"),
    "plantarflexion-walk": ("carry", "farmers_walk_on_toes"),
    "b-squat": ("squat", "weighted_staggered_squat"),
    "lateral-step-down": ("squat", "weighted_elevated_single_leg_squat"),
    "ffe-split-squat": ("lunge", "front_foot_elevated_dumbbell_split_squat"),
    "forward-backward-pogo": ("plyo", None),
    "alternating-kettlebell-swing": ("hip_swing", "single_arm_kettlebell_swing"),
    "standing-hamstring-stretch": ("warm_up", "standing_hamstring_stretch"),
    "supine-figure-4-stretch": ("warm_up", "stretch_lying_piriformis"),
}


def test_every_builtin_exercise_has_a_mapping(routine):
    assert sorted(e.id for e in routine.exercises()) == sorted(BUILTIN_EXERCISES)


@pytest.mark.parametrize("exercise_id", sorted(BUILTIN_EXERCISES))
def test_builtin_exercise_category_and_name(routine, tmp_path, exercise_id):
    """Each exercise reaches the watch as the Garmin exercise the table promises."""
    exercise = routine.exercise(exercise_id)
    block = routine.blocks[0].model_copy(update={"exercises": [exercise]})
    steps = fit_steps(workout_fit(routine.model_copy(update={"blocks": [block]})), tmp_path)
    (kind,) = {
        (s["exercise_category"], exercise_name(s)) for s in steps if s["intensity"] != "rest"
    }
    assert kind == BUILTIN_EXERCISES[exercise_id]


def test_user_exercises_get_a_category_from_their_name(tmp_path):
    workout = _one_exercise_workout("Goblet Squat")
    (step,) = fit_steps(workout_fit(workout), tmp_path)
    assert (step["exercise_category"], exercise_name(step)) == ("squat", None)
    other = _one_exercise_workout("Something New")
    (step,) = fit_steps(workout_fit(other), tmp_path)
    assert step["exercise_category"] == "unknown"


def test_rest_between_rounds_does_not_follow_the_last_round(tmp_path):
    """The block's own rest ends it: the rest between rounds is not played a third time."""
    workout = _one_exercise_workout(
        "Plank", rounds=3, rest={"between_rounds": 30, "after_block": "as needed"}, extra_block=True
    )
    steps = fit_steps(workout_fit(workout), tmp_path)
    assert [summary(s)[:3] for s in steps] == [
        ("Plank", "time", 40.0),
        ("Rest", "time", 30.0),
        (None, REPEAT, 2),
        ("Plank", "time", 40.0),
        ("Rest", "open", None),
        ("Plank", "time", 40.0),
    ]
    assert [s["intensity"] for s in steps if s.get("wkt_step_name") == "Rest"] == ["rest"] * 2
    assert played_rows(steps) == timeline_rows(compile_timeline(workout))


def test_rounds_without_a_step_between_them_are_one_plain_repeat(tmp_path):
    workout = _one_exercise_workout("Plank", rounds=3, rest={"after_block": 60}, extra_block=True)
    steps = fit_steps(workout_fit(workout), tmp_path)
    assert [summary(s)[:3] for s in steps] == [
        ("Plank", "time", 40.0),
        (None, REPEAT, 3),
        ("Rest", "time", 60.0),
        ("Plank", "time", 40.0),
    ]


def test_suggested_weights_carry_their_display_unit(routine, tmp_path):
    weights = {"b-squat": Weight(12.5, "lb"), "plantarflexion-walk": Weight(8)}
    steps = fit_steps(workout_fit(routine, weights=weights), tmp_path)
    loaded = {
        (s["wkt_step_name"], s["exercise_weight"], s["weight_display_unit"])
        for s in steps
        if "exercise_weight" in s
    }
    assert loaded == {
        ("B Squat (left)", 12.5, "pound"),
        ("B Squat (right)", 12.5, "pound"),
        ("Toe Walk", 8.0, "kilogram"),
    }


@pytest.mark.parametrize("kg", [0, -1, 700])
def test_weights_out_of_range_are_refused(kg):
    with pytest.raises(ValueError, match="weight"):
        Weight(kg)


@pytest.mark.parametrize(
    "name",
    [
        "Kniebeuge mit Gewichtsweste über Kopf",
        "Приседания с гантелями на одной ноге",
        "片脚スクワットとカーフレイズ",
        "Squat 🏋️‍♀️🏋️‍♀️🏋️‍♀️",
        "Cafe\u0301 cafe\u0301 cafe\u0301 cafe\u0301",
        "Line one\nline\x00two",
    ],
)
def test_long_names_are_cut_cleanly(tmp_path, name):
    workout = _one_exercise_workout(name, per_side=True, title=name, cue=name * 3)
    messages = decode(workout_fit(workout), tmp_path)
    title = messages["workout_mesgs"][0]["wkt_name"]
    left, _, right = messages["workout_step_mesgs"]
    flat = _one_line(name)
    for text, size in [
        (title, WORKOUT_NAME_SIZE),
        (left["wkt_step_name"], STEP_NAME_SIZE),
        (right["wkt_step_name"], STEP_NAME_SIZE),
        (left["notes"], NOTES_SIZE),
    ]:
        assert 0 < len(text.encode("utf-8")) < size
        assert "\x00" not in text and "\n" not in text
        assert "\ufffd" not in text
    assert left["wkt_step_name"].endswith(" (left)")
    assert right["wkt_step_name"].endswith(" (right)")
    assert_clean_cut(title.removesuffix(" (per side)"), flat)
    assert_clean_cut(left["wkt_step_name"].removesuffix(" (left)"), flat)
    assert_clean_cut(right["wkt_step_name"].removesuffix(" (right)"), flat)
    assert_clean_cut(left["notes"], _one_line(name * 3))


def _one_line(text: str) -> str:
    return " ".join(text.replace("\x00", " ").split())


def assert_clean_cut(text: str, original: str) -> None:
    """`text` is the start of `original`, and no accent was split from its letter."""
    assert original.startswith(text)
    assert len(text) == len(original) or not unicodedata.combining(original[len(text)])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workout=workouts())
def test_any_workout_exports_and_decodes(tmp_path_factory, workout):
    tmp_path = tmp_path_factory.mktemp("fit")
    timeline = compile_timeline(workout)
    for sides in ("per-side", "combined"):
        steps = fit_steps(workout_fit(workout, sides=sides), tmp_path)
        assert played_rows(steps) == timeline_rows(timeline, sides)
        timed = timeline_timed_seconds(timeline, sides)
        assert fit_timed_seconds(steps) == pytest.approx(timed, abs=0.01)
        work = [s for s in timeline.steps if s.kind is StepKind.WORK]
        if sides == "combined":
            work = [s for s in work if s.side != "right"]
        played = [s for s in unroll(steps) if s["intensity"] != "rest"]
        for fit, step in zip(played, work, strict=True):
            assert fit["exercise_category"] in Profile["types"]["exercise_category"].values()
            expected = {"warmup": "warmup", "cooldown": "cooldown"}.get(step.block_kind, "active")
            assert fit["intensity"] == expected
        repeats = [s for s in steps if s["duration_type"] == REPEAT]
        assert all(2 <= s["repeat_steps"] < 100 for s in repeats)


def _one_exercise_workout(
    name: str,
    *,
    rounds: int = 1,
    rest: dict | None = None,
    per_side: bool = False,
    title: str = "Test",
    cue: str | None = None,
    extra_block: bool = False,
) -> Workout:
    block = {
        "id": "main",
        "name": "Main",
        "kind": "circuit",
        "rounds": rounds,
        "rest": rest or {},
        "exercises": [
            {
                "id": "move",
                "name": name,
                "dose": {"seconds": 40, "per_side": per_side},
                "steps": ["Move."],
                "cues": [cue] if cue else [],
            }
        ],
    }
    blocks = [block]
    if extra_block:
        blocks.append(
            {
                **block,
                "id": "again",
                "rounds": 1,
                "rest": {},
                "exercises": [{**block["exercises"][0], "id": "move-again"}],
            }
        )
    return Workout.model_validate(
        {"id": "test", "title": title, "summary": "A test.", "target_minutes": 5, "blocks": blocks}
    )


def test_cli_writes_a_fit_file(tmp_path, capsys):
    target = tmp_path / "lower-body.fit"
    assert main(["export", "--format", "fit", "--sides", "combined", "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err
    steps = fit_steps(target.read_bytes(), tmp_path)
    assert not [s for s in steps if s.get("wkt_step_name") == "Switch sides"]


def test_cli_pipes_fit_bytes_when_stdout_is_not_a_terminal(tmp_path, capsysbinary):
    assert main(["export", "--format", "fit"]) == 0
    data = capsysbinary.readouterr().out
    assert len(fit_steps(data, tmp_path)) == len(GOLDEN)


def test_cli_never_prints_fit_bytes_to_a_terminal(tmp_path, monkeypatch, capsys):
    import click

    class Terminal:
        written = b""

        def isatty(self):
            return True

        def write(self, data):
            Terminal.written += data

    monkeypatch.setattr(click, "get_binary_stream", lambda name: Terminal())
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "fit"]) == 0
    assert Terminal.written == b""
    assert "runners-lower-body.fit" in capsys.readouterr().err
    assert fit_steps((tmp_path / "runners-lower-body.fit").read_bytes(), tmp_path)


def test_cli_rejects_an_unknown_sides_mode(capsys):
    assert main(["export", "--format", "fit", "--sides", "both"]) == 2
    assert "runstrong: error:" in capsys.readouterr().err


def test_step_names_prefer_the_full_name_then_the_short_one(tmp_path):
    def exercise(name: str, short: str | None) -> dict:
        entry = {"id": name.lower().replace(" ", "-"), "name": name, "steps": ["Go."]}
        entry["dose"] = {"reps": 5, "per_side": True}
        return entry | ({"short_name": short} if short else {})

    workout = Workout.model_validate(
        {
            "id": "names",
            "title": "Names",
            "summary": "s",
            "target_minutes": 5,
            "blocks": [
                {
                    "id": "main",
                    "name": "Main",
                    "kind": "circuit",
                    "exercises": [
                        exercise("Lunge", "Lg"),
                        exercise("Bulgarian Split Squat", "Bulgar"),
                        exercise("Single Leg Deadlift", None),
                    ],
                }
            ],
        }
    )
    names = [s["wkt_step_name"] for s in fit_steps(workout_fit(workout), tmp_path)]
    work = [n for n in names if n not in ("Switch sides", "Next exercise")]
    assert work == [
        "Lunge (left)",
        "Lunge (right)",
        "Bulgar (left)",
        "Bulgar (right)",
        "Single (left)",
        "Single (right)",
    ]


def test_export_carries_the_loads_the_log_suggests(tmp_path, runstrong_home, capsys):
    out = tmp_path / "lower-body.fit"
    assert main(["export", "--format", "fit", "-o", str(out)]) == 0
    assert not (runstrong_home / "runstrong.db").exists()  # exporting never creates a log
    assert not [s for s in fit_steps(out.read_bytes(), tmp_path) if "exercise_weight" in s]

    for day in ("2026-11-10", "2026-11-17"):
        logged = ["log", "--date", day, "--rpe", "6", "--load", "b-squat=12", "--load"]
        assert main([*logged, "alternating-kettlebell-swing=35lb"]) == 0
    assert main(["export", "--format", "fit", "-o", str(out)]) == 0
    loaded = {
        (s["wkt_step_name"], s["exercise_weight"], s["weight_display_unit"])
        for s in fit_steps(out.read_bytes(), tmp_path)
        if "exercise_weight" in s
    }
    swing = round(45 * 0.45359237, 2)  # 35 lb done easily twice: one bell up, 45 lb
    assert loaded == {
        ("B Squat (left)", 14.5, "kilogram"),
        ("B Squat (right)", 14.5, "kilogram"),
        ("Alt KB Swing", swing, "pound"),
    }


def test_a_damaged_log_only_costs_the_loads(tmp_path, runstrong_home, capsys):
    runstrong_home.mkdir(parents=True, exist_ok=True)
    (runstrong_home / "runstrong.db").write_bytes(b"not a database at all" * 100)
    out = tmp_path / "lower-body.fit"
    assert main(["export", "--format", "fit", "-o", str(out)]) == 0
    assert "exporting without loads" in capsys.readouterr().err
    assert not [s for s in fit_steps(out.read_bytes(), tmp_path) if "exercise_weight" in s]


# -- the core workout: a warmup of two rounds, a superset of three, directions --


@pytest.fixture(scope="module")
def core() -> Workout:
    return builtin_workout("core-for-runners")


def test_blocks_of_two_rounds_are_written_out_round_by_round(core, tmp_path):
    """A repeat of once would play the step into a third round: two rounds are listed."""
    steps = fit_steps(workout_fit(core), tmp_path)
    assert not [s for s in steps if s["duration_type"] == REPEAT]
    names = [s.get("wkt_step_name") for s in steps]
    assert names.count("Cat Cow") == names.count("BD Row (left)") == 2
    last_march = len(names) - 1 - names[::-1].index("March (right)")
    assert names[last_march + 1 : last_march + 3] == ["Next exercise", "Cobra"]


def test_the_superset_of_three_plays_all_three_each_round(core, tmp_path):
    played = unroll(fit_steps(workout_fit(core), tmp_path))
    work = [s["wkt_step_name"] for s in played if s["intensity"] != "rest"]
    one_round = [
        "BD Row (left)",
        "BD Row (right)",
        "SP Clam (left)",
        "SP Clam (right)",
        "DB Pullover",
    ]
    start = work.index("BD Row (left)")
    assert work[start : start + 10] == one_round * 2


def test_core_played_work_matches_the_timeline(core, tmp_path):
    played = unroll(fit_steps(workout_fit(core), tmp_path))
    work = [summary(s)[1:3] for s in played if s["intensity"] != "rest"]
    timeline = [
        ("reps", s.reps) if s.reps else ("time", s.seconds)
        for s in compile_timeline(core).steps
        if s.kind is StepKind.WORK
    ]
    assert work == timeline


def test_each_direction_is_a_named_step(core, tmp_path):
    steps = fit_steps(workout_fit(core), tmp_path)
    pose = [summary(s) for s in steps[-3:]]
    assert pose == [
        (f"Child ({way})", "time", 10.0, "cooldown", "warm_up", "stretch_childs_pose")
        for way in ("centre", "left", "right")
    ]


def test_combined_sides_keep_the_directions_apart(core, tmp_path):
    steps = fit_steps(workout_fit(core, sides="combined"), tmp_path)
    names = [s.get("wkt_step_name") for s in steps]
    assert "Bird Dog Row" in names and "BD Row (left)" not in names
    assert names[-3:] == ["Child (centre)", "Child (left)", "Child (right)"]


def test_alternating_work_says_so_in_the_notes(tmp_path):
    routine = builtin_workout()
    steps = fit_steps(workout_fit(routine), tmp_path)
    swing = next(s for s in steps if s.get("wkt_step_name") == "Alt KB Swing")
    assert swing["notes"].startswith("Alternating hands.")


def test_directions_too_long_for_a_watch_go_by_their_number(tmp_path):
    workout = Workout.model_validate(
        {
            "id": "reach",
            "title": "Reach",
            "summary": "Reaching.",
            "blocks": [
                {
                    "id": "main",
                    "name": "Main",
                    "kind": "cooldown",
                    "exercises": [
                        {
                            "id": "numbered",
                            "name": "Child Pose",
                            "dose": {"seconds": 10, "directions": 3},
                            "steps": ["Sit back."],
                        },
                        {
                            "id": "named",
                            "name": "Side Reach",
                            "dose": {"seconds": 10, "directions": ["up", "to the left"]},
                            "steps": ["Reach."],
                        },
                    ],
                }
            ],
        }
    )
    steps = [s for s in fit_steps(workout_fit(workout), tmp_path) if s["intensity"] != "rest"]
    assert [(s["wkt_step_name"], s["notes"]) for s in steps] == [
        ("Child (dir 1)", "Direction 1. Sit back."),
        ("Child (dir 2)", "Direction 2. Sit back."),
        ("Child (dir 3)", "Direction 3. Sit back."),
        ("Side (up)", "Reach."),
        ("Side (dir 2)", "To the left. Reach."),
    ]


def test_a_shortened_title_does_not_end_on_a_little_word(tmp_path):
    messages = decode(workout_fit(builtin_workout("core-for-runners")), tmp_path)
    assert messages["workout_mesgs"][0]["wkt_name"] == "Core Strength (per side)"
