"""The player's state machine: order, timing without drift, pauses, keys, easier variations."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.play.recording import Outcome
from runstrong.play.session import (
    LEAD_IN_SECONDS,
    Cue,
    CueKind,
    NoEasierVariation,
    Session,
    SessionFinished,
    StepEnded,
    StepStarted,
)
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import Workout

ROUTINE = builtin_workout()


def timed_workout(*, steps: int = 20, seconds: int = 3) -> Workout:
    """One exercise done `steps` times back to back: a purely timed session."""
    return Workout.model_validate(
        {
            "id": "timed",
            "title": "Timed",
            "summary": "Only timed work.",
            "target_minutes": 1,
            "blocks": [
                {
                    "id": "only",
                    "name": "Only",
                    "kind": "straight sets",
                    "rounds": steps,
                    "exercises": [
                        {
                            "id": "hold",
                            "name": "Hold",
                            "dose": {"seconds": seconds},
                            "steps": ["Hold."],
                        }
                    ],
                }
            ],
        }
    )


def play_through(session: Session, now: float, *, lateness=lambda: 0.0) -> tuple[list, float]:
    """Wake at every deadline (late by `lateness()`), pressing Enter whenever the step waits."""
    events: list = []
    while not session.finished:
        deadline = session.next_deadline()
        if deadline is None:
            events += session.done(now)
        else:
            now = max(now, deadline + lateness())
            events += session.advance(now)
    return events, now


def test_the_routine_plays_every_step_in_timeline_order() -> None:
    session = Session(ROUTINE, now=0.0)
    events, _ = play_through(session, 0.0)
    started = [e.step.label for e in events if isinstance(e, StepStarted)]
    timeline = compile_timeline(ROUTINE)
    assert started == [s.label for s in timeline.steps[1:]]
    ended = [e for e in events if isinstance(e, StepEnded)]
    assert [e.step.index for e in ended] == list(range(len(timeline.steps)))
    assert all(e.outcome is Outcome.DONE for e in ended)
    assert isinstance(events[-1], SessionFinished)


def test_a_timed_session_starts_with_a_lead_in_then_runs_to_plan() -> None:
    session = Session(timed_workout(), now=100.0)
    assert session.elapsed(100.0) == -LEAD_IN_SECONDS
    cues = [(e.kind, e.count) for e in session.advance(103.0) if isinstance(e, Cue)]
    assert cues[:4] == [
        (CueKind.LEAD_IN, 3),
        (CueKind.LEAD_IN, 2),
        (CueKind.LEAD_IN, 1),
        (CueKind.START, None),
    ]
    assert session.advance(162.999) and not session.finished
    assert isinstance(session.advance(163.0)[-1], SessionFinished)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 0.9), min_size=1, max_size=200))
def test_late_wake_ups_never_shift_the_schedule(lateness: list[float]) -> None:
    """However late the player wakes, the planned end stays put: no drift builds up."""
    session = Session(timed_workout(), now=0.0)
    ideal_end = LEAD_IN_SECONDS + 60.0
    delays = iter(lateness * 200)
    now, ended = 0.0, []
    while not session.finished:
        assert session.time_left(now) + now == pytest.approx(ideal_end, abs=1e-9)
        now = session.next_deadline() + next(delays)
        ended += [e.seconds for e in session.advance(now) if isinstance(e, StepEnded)]
    assert ended == [3.0] * 20


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0.01, 60), st.floats(0.01, 120)), max_size=10))
def test_pauses_push_the_end_back_by_exactly_their_length(
    pauses: list[tuple[float, float]],
) -> None:
    session = Session(timed_workout(), now=0.0)
    now, paused_for = 0.0, 0.0
    for at, length in pauses:
        now += at
        session.pause(now)
        now += length
        session.resume(now)
        paused_for += length if not session.finished else 0.0
    ideal_end = LEAD_IN_SECONDS + 60.0 + paused_for
    if session.finished:
        return
    assert session.time_left(now) + now == pytest.approx(ideal_end, abs=1e-6)
    session.advance(ideal_end - 1e-6)
    assert not session.finished
    session.advance(ideal_end + 1e-6)
    assert session.finished


def test_time_stands_still_while_paused() -> None:
    session = Session(ROUTINE, now=0.0)
    session.advance(10.0)
    session.pause(10.0)
    assert session.next_deadline() is None
    assert session.advance(500.0) == []
    assert session.elapsed(500.0) == 7.0
    session.resume(500.0)
    assert session.elapsed(501.0) == 8.0


def test_rep_work_and_open_rests_wait_for_the_runner() -> None:
    timeline = compile_timeline(ROUTINE)
    for step in timeline.steps:
        if not step.waits_for_runner:
            continue
        session = Session(ROUTINE, now=0.0, index=step.index)
        session.advance(10_000.0)
        assert session.index == step.index, step.label
        assert session.next_deadline() is None or step.kind is StepKind.WORK
        session.done(10_000.0)
        assert session.index == step.index + 1


def test_skip_records_a_skipped_step_and_back_returns_to_the_previous_one() -> None:
    session = Session(ROUTINE, now=0.0)
    events = session.skip(8.0)
    ended = [e for e in events if isinstance(e, StepEnded)]
    assert [(e.step.index, e.outcome, e.seconds) for e in ended] == [(0, Outcome.SKIPPED, 5.0)]
    assert session.step.kind is StepKind.SWITCH
    session.back(9.0)
    assert session.index == 0
    assert session.elapsed(9.0) == -LEAD_IN_SECONDS
    session.back(9.5)
    assert session.index == 0


def test_a_skip_into_a_timed_exercise_counts_the_runner_in_again() -> None:
    session = Session(ROUTINE, now=0.0, index=1)  # switch sides, then the right leg
    events = session.skip(1.0)
    assert session.step.side == "right"
    assert session.elapsed(1.0) == -LEAD_IN_SECONDS
    cues = [
        e.count for e in session.advance(4.0) if isinstance(e, Cue) and e.kind is CueKind.LEAD_IN
    ]
    assert cues == [3, 2, 1]
    assert [type(e) for e in events if not isinstance(e, Cue)] == [StepEnded, StepStarted]


def test_halfway_cues_only_long_timed_work() -> None:
    session = Session(ROUTINE, now=0.0)
    events, _ = play_through(session, 0.0)
    halfway = [
        e.step.exercise_name for e in events if isinstance(e, Cue) and e.kind is CueKind.HALFWAY
    ]
    assert halfway == ["Plantarflexion Walk"] * 3


def test_easier_turns_a_per_side_move_into_its_variation_at_the_same_round() -> None:
    timeline = compile_timeline(ROUTINE)
    b_squat_left_round_2 = next(
        s
        for s in timeline.steps
        if s.exercise_id == "b-squat" and s.round == 2 and s.side == "left"
    )
    session = Session(ROUTINE, now=0.0, index=b_squat_left_round_2.index)
    _, step = session.use_easier(10.0)
    assert (step.exercise_name, step.round, step.side) == ("Goblet Squat with Pause", 2, None)
    assert session.variations == {"b-squat": "goblet-squat"}
    assert session.step is step
    with pytest.raises(NoEasierVariation, match="already"):
        session.use_easier(11.0)


def test_easier_keeps_the_time_spent_in_a_rep_set() -> None:
    step_down = next(
        s for s in compile_timeline(ROUTINE).steps if s.exercise_id == "lateral-step-down"
    )
    session = Session(ROUTINE, now=0.0, index=step_down.index)
    session.advance(12.0)
    _, step = session.use_easier(12.0)
    assert (step.exercise_name, step.side) == ("Step Down with a Back Tap", "left")
    assert session.elapsed(12.0) == 12.0


def test_easier_between_exercises_applies_to_the_next_one() -> None:
    calf_rock = next(
        s for s in compile_timeline(ROUTINE).steps if s.exercise_id == "high-plank-calf-rock"
    )
    session = Session(ROUTINE, now=0.0, index=calf_rock.index - 1)  # the transition before it
    _, step = session.use_easier(1.0)
    assert step.kind is StepKind.TRANSITION
    assert session.next_step.exercise_name == "Calf Rock with Knee Taps"


def test_moves_without_an_easier_variation_say_so() -> None:
    session = Session(ROUTINE, now=0.0)
    with pytest.raises(NoEasierVariation, match="Standing Figure 8 has no easier variation"):
        session.use_easier(0.0)


def test_a_snapshot_picks_up_at_the_same_step_paused() -> None:
    session = Session(ROUTINE, now=0.0, variations={"b-squat": "goblet-squat"})
    for _ in range(6):
        session.skip(1.0)
    session.advance(12.0)
    snapshot = session.snapshot(12.5)
    again = Session.from_snapshot(ROUTINE, snapshot, now=1000.0)
    assert (again.index, again.variations, again.paused) == (6, {"b-squat": "goblet-squat"}, True)
    assert again.elapsed(5000.0) == snapshot.elapsed
    assert again.active_seconds == session.active_seconds


def test_a_snapshot_of_another_version_is_refused() -> None:
    snapshot = Session(ROUTINE, now=0.0).snapshot(0.0)
    changed = ROUTINE.model_copy(update={"version": 2})
    with pytest.raises(ValueError, match="version 1"):
        Session.from_snapshot(changed, snapshot, now=0.0)


COMMANDS = ["advance", "skip", "done", "back", "pause", "resume", "easier"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(COMMANDS), st.floats(0, 40)), max_size=60))
def test_any_key_sequence_keeps_the_session_consistent(script: list[tuple[str, float]]) -> None:
    session = Session(ROUTINE, now=0.0)
    now = 0.0
    for command, wait in script:
        now += wait
        if command == "easier":
            events = session.advance(now)
            with contextlib.suppress(NoEasierVariation):
                events += session.use_easier(now)[0]
        else:
            events = getattr(session, command)(now)
        ends = [e.seconds for e in events if isinstance(e, StepEnded)]
        assert all(seconds >= 0 for seconds in ends)
        assert 0 <= session.index <= len(session.timeline.steps)
        if not session.finished:
            assert session.elapsed(now) >= -LEAD_IN_SECONDS - 1e-9
            assert 0 <= session.time_left(now) <= session.timeline.total_seconds + LEAD_IN_SECONDS
            deadline = session.next_deadline()
            assert deadline is None or deadline >= now - 1e-9 or session.paused
        assert session.active_seconds >= 0
