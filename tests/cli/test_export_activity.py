"""`runstrong export-log --format fit`: a logged session as a FIT strength-training activity."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream


def decode(data: bytes) -> dict[str, list[dict]]:
    """As Garmin's SDK reads it: valid CRC and no errors."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(
        convert_types_to_strings=True, expand_sub_fields=True
    )
    assert errors == []
    return messages


def exercise(message: dict) -> tuple[str, str | None]:
    category = message.get("category")
    name = message.get("category_subtype")
    if name is None:
        return category, None
    return category, Profile["types"][f"{category}_exercise_name"][name]


@pytest.fixture
def logged(run) -> None:
    run("log", "--date", "2026-10-05 07:30", "--rpe", "6", "--load", "b-squat=25lb",
        "--reps", "lateral-step-down=6")  # fmt: skip


@pytest.mark.usefixtures("logged")
def test_a_session_becomes_a_strength_activity(run, tmp_path: Path) -> None:
    path = tmp_path / "session.fit"
    status, _, err = run("export-log", "--format", "fit", "-o", str(path))
    assert status == 0, err
    messages = decode(path.read_bytes())
    assert messages["file_id_mesgs"][0]["type"] == "activity"
    (session,) = messages["session_mesgs"]
    assert (session["sport"], session["sub_sport"]) == ("training", "strength_training")
    started = datetime(2026, 10, 5, 7, 30).astimezone(UTC)
    assert session["start_time"] == started
    (lap,) = messages["lap_mesgs"]
    assert lap["start_time"] == started and lap["timestamp"] == session["timestamp"]
    assert messages["activity_mesgs"][0]["num_sessions"] == 1
    sets = messages["set_mesgs"]
    active = [s for s in sets if s["set_type"] == "active"]
    starts = [s["start_time"] for s in sets]
    assert starts == sorted(starts) and starts[0] == started
    assert sets[-1]["timestamp"] <= session["timestamp"]
    squats = [s for s in active if exercise(s) == ("squat", "weighted_staggered_squat")]
    assert len(squats) == 6  # 3 rounds, both legs
    assert all(abs(s["weight"] - 11.34) <= 1 / 16 for s in squats)  # FIT keeps 1/16 kg
    assert all(s["weight_display_unit"] == "pound" for s in squats)
    step_downs = [s for s in active if exercise(s)[1] == "weighted_elevated_single_leg_squat"]
    assert [s["repetitions"] for s in step_downs] == [6] * 6
    assert all(s["duration"] > 0 for s in sets)


@pytest.mark.usefixtures("logged")
def test_a_second_decoder_reads_the_same_sets(run, tmp_path: Path) -> None:
    path = tmp_path / "session.fit"
    run("export-log", "--format", "fit", "-o", str(path))
    data = path.read_bytes()
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        frames = [f for f in reader if isinstance(f, fitdecode.FitDataMessage)]
    theirs = [(f.get_value("set_type"), f.get_value("repetitions", fallback=None))
              for f in frames if f.name == "set"]  # fmt: skip
    ours = [(s["set_type"], s.get("repetitions")) for s in decode(data)["set_mesgs"]]
    assert theirs == ours


@pytest.mark.usefixtures("logged")
def test_a_session_is_chosen_by_its_uid(run, tmp_path: Path) -> None:
    import json

    run("log", "--date", "2026-10-07 18:00")
    sessions = json.loads(run("export-log", "--format", "json")[1])["sessions"]
    uid = next(s["uid"] for s in sessions if s["started_at"].startswith("2026-10-05"))
    started = datetime(2026, 10, 5, 7, 30).astimezone(UTC)
    for chosen in (uid, "2026-10-05 07:30"):
        path = tmp_path / "older.fit"
        assert run("export-log", "--format", "fit", "--session", chosen, "-o", str(path))[0] == 0
        assert decode(path.read_bytes())["session_mesgs"][0]["start_time"] == started
    status, _, err = run("export-log", "--format", "fit", "--session", "nope")
    assert status == 2 and "no session 'nope' in the log" in err
    status, _, err = run("export-log", "--session", uid)
    assert status == 2 and "--session only applies to --format fit" in err


def test_an_empty_log_says_so(run) -> None:
    status, _, err = run("export-log", "--format", "fit")
    assert status == 2 and "the log has no sessions yet" in err
