"""The terminal player driven through Textual's pilot in simulated time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from fake_clock import FakeClock
from runstrong.cli import main
from runstrong.cli.play import opening
from runstrong.play.recording import Outcome
from runstrong.play.session import Cue, CueKind, Session
from runstrong.store.database import Store, open_store
from runstrong.store.entries import SessionEntry, SetEntry
from runstrong.store.live_sessions import LiveSessions
from runstrong.store.recorder import StoreRecorder
from runstrong.store.sessions import all_sessions, last_session
from runstrong.timeline import StepKind
from runstrong.tui.app import Ending, PlayerApp
from runstrong.tui.opening_screen import Opening, OpeningScreen
from runstrong.tui.player_screen import PlayerScreen
from runstrong.tui.quit_screen import QuitScreen
from runstrong.tui.summary_screen import SummaryScreen
from runstrong.workouts.library import builtin_workout

pytestmark = pytest.mark.asyncio

ROUTINE = builtin_workout()
SIZE = (100, 42)

# The routine as DOMAIN.md describes it: (block, rounds, [(exercise, per side)]).
EXPECTED_BLOCKS = [
    (
        "Warmup",
        1,
        [("Standing Figure 8", True), ("Dynamic Pigeon", True), ("High Plank Calf Rock", False)],
    ),
    ("Strength Set A", 3, [("Plantarflexion Walk", False), ("B Squat", True)]),
    ("Strength Set B", 3, [("Lateral Step Down", True), ("Front-Foot-Elevated Split Squat", True)]),
    (
        "Strength Set C",
        3,
        [("Forward-Backward Pogo", False), ("Unilateral Alternating Kettlebell Swing", False)],
    ),
    ("Cooldown", 1, [("Standing Hamstring Stretch", False), ("Supine Figure 4 Stretch", True)]),
]


def expected_work() -> list[tuple[str, int, str, str | None]]:
    return [
        (block, round_, name, side)
        for block, rounds, exercises in EXPECTED_BLOCKS
        for round_ in range(1, rounds + 1)
        for name, per_side in exercises
        for side in (["left", "right"] if per_side else [None])
    ]


@pytest.fixture
def store(runstrong_home: Path) -> Iterator[Store]:
    """The log as `runstrong play` opens it: the default SQLite file in the data folder."""
    with open_store() as opened:
        yield opened


class Player:
    """A player app with a fake clock, recording into the log, and the cues it gave."""

    def __init__(
        self,
        tmp_path: Path,
        store: Store,
        start: Callable[[float], Session] | None = None,
        *,
        opening: Opening | None = None,
    ) -> None:
        self.clock = FakeClock()
        self.cues: list[Cue] = []
        self.store = store
        self.recorder = StoreRecorder(store)
        self.app = PlayerApp(
            start or (lambda now: Session(ROUTINE, now=now)),
            clock=self.clock,
            recorder=self.recorder,
            announce=self.cues.append,
            opening=opening,
        )

    @property
    def session(self) -> Session:
        return self.app.session

    def text(self, widget_id: str) -> str:
        return str(self.app.screen.query_one(f"#{widget_id}").render())

    def logged(self) -> SessionEntry:
        """The session as the training log has it."""
        entry = last_session(self.store)
        assert entry is not None, "nothing was logged"
        return entry


def work_done(entry: SessionEntry, session: Session) -> list[tuple[str, int, str, str | None]]:
    """The logged sets as (block, round, exercise, side); a set's position is its step."""
    steps = session.timeline.steps
    return [(steps[s.position].block_name, s.round, exercise_name(s), s.side) for s in entry.sets]


def exercise_name(done: SetEntry) -> str:
    exercise = ROUTINE.exercise(done.exercise_id)
    return exercise.variation(done.variation_id).name if done.variation_id else exercise.name


async def test_the_whole_routine_plays_to_the_end_in_order(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        while not player.session.finished:
            if player.session.next_deadline() is None:
                await pilot.press("enter")
            else:
                await player.clock.advance(player.session.next_deadline() - player.clock.now())
        await pilot.pause()
        assert isinstance(player.app.screen, SummaryScreen)
        body = player.text("summary-body")
        assert "Sets done: 35" in body and "Sets skipped: 0" in body
        await pilot.press("enter")
    assert player.app.return_value is Ending.COMPLETED

    entry = player.logged()
    assert (entry.status, entry.workout_id) == ("completed", ROUTINE.id)
    assert entry.ended_at is not None
    work = work_done(entry, player.session)
    assert work == expected_work()
    assert all(s.outcome is Outcome.DONE for s in entry.sets)
    timed = [s for s in entry.sets if s.reps_planned is None]
    assert all(s.seconds_done == s.seconds_planned for s in timed)
    assert all(s.reps_done == s.reps_planned for s in entry.sets if s.reps_planned)
    assert LiveSessions(store).current() is None, "nothing is left to resume"

    kinds = [c.kind for c in player.cues]
    switches = [s for s in player.session.timeline.steps if s.kind is StepKind.SWITCH]
    assert kinds.count(CueKind.START) == len(work)
    assert kinds.count(CueKind.END) == len(timed)
    assert kinds.count(CueKind.SWITCH) == len(switches) == 12
    assert kinds.count(CueKind.HALFWAY) == 3
    assert kinds.count(CueKind.LEAD_IN) == 3 * len(timed)
    assert kinds[-1] is CueKind.FINISHED
    first = [(c.kind.value, c.count, c.step and c.step.label) for c in player.cues[:12]]
    assert first == [
        ("lead-in", 3, "Standing Figure 8 (left leg)"),
        ("lead-in", 2, "Standing Figure 8 (left leg)"),
        ("lead-in", 1, "Standing Figure 8 (left leg)"),
        ("start", None, "Standing Figure 8 (left leg)"),
        ("end", None, "Standing Figure 8 (left leg)"),
        ("switch", None, "Standing Figure 8 (right leg)"),
        ("lead-in", 3, "Standing Figure 8 (right leg)"),
        ("lead-in", 2, "Standing Figure 8 (right leg)"),
        ("lead-in", 1, "Standing Figure 8 (right leg)"),
        ("start", None, "Standing Figure 8 (right leg)"),
        ("end", None, "Standing Figure 8 (right leg)"),
        ("lead-in", 3, "Dynamic Pigeon (left leg)"),
    ]


async def test_timed_steps_count_down_and_end_on_their_own(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert player.text("phase") == "Get ready"
        await player.clock.advance(3 + 7.5)
        await pilot.pause()
        assert player.text("title") == "Standing Figure 8"
        assert player.text("target") == "20 s · left leg · bodyweight"
        assert player.text("where") == "Warmup · round 1 / 1"
        assert player.session.index == 0
        assert "Next up: Standing Figure 8 (right leg), 20 s" in player.text("next-up")
        await player.clock.advance(12.5)
        await pilot.pause()
        assert player.text("title") == "Switch sides"
        assert player.text("phase") == "Switch to your right leg"


async def test_the_session_line_says_how_far_and_how_long_left(tmp_path: Path, store: Store):
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert player.text("time-left") == "0% done · about 20:49 left"
        await player.clock.advance(3 + 20 + 5 + 20)
        await pilot.pause()
        assert player.text("time-left") == "3% done · about 20:01 left"


def log_easy_sessions(*days_ago: int) -> None:
    """Log the routine done in full at RPE 6 (16 kg swings, 12 kg squats), as `runstrong log`."""
    today = datetime.now().astimezone().date()
    for days in days_ago:
        status = main(
            ["log", "--date", f"{today - timedelta(days=days)} 07:00", "--rpe", "6",
             "--load", "alternating-kettlebell-swing=16", "--load", "b-squat=12"]
        )  # fmt: skip
        assert status == 0


async def test_a_new_session_opens_on_advice_from_the_log(
    tmp_path: Path, store: Store, artifacts_dir: Path
) -> None:
    log_easy_sessions(9, 2)
    today = datetime.now().astimezone().date()
    player = Player(tmp_path, store, opening=opening(store, ROUTINE, {}, today=today))
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(player.app.screen, OpeningScreen)
        assert player.text("opening-title") == "Lower-Body Strength for Runners"
        assert player.text("opening-planned") == "Planned time: about 20 min 46 s"
        lines = [str(w.render()) for w in player.app.screen.query(".advice-what, .advice-reason")]
        advice = dict(zip(lines[::2], lines[1::2], strict=True))
        twice_easy = "The last two sessions were complete at RPE 7 or easier"
        swing = "Unilateral Alternating Kettlebell Swing"
        assert advice[f"{swing}: 20 kg"] == f"{twice_easy}: add 4 kg."
        assert advice["B Squat: 14.5 kg"] == f"{twice_easy}: add 2.5 kg."
        player.app.save_screenshot("player-opening.svg", str(artifacts_dir))

        await player.clock.advance(90)  # reading takes the time it takes
        await pilot.pause()
        assert len(all_sessions(store)) == 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(player.app.screen, PlayerScreen)
        assert player.session.index == 0
        assert (player.text("title"), player.text("phase")) == ("Standing Figure 8", "Get ready")
        await player.clock.advance(3)
        await pilot.pause()
        assert player.text("phase") == "Work!"
        assert len(all_sessions(store)) == 3


async def test_leaving_from_the_opening_screen_starts_nothing(
    tmp_path: Path, store: Store, artifacts_dir: Path
) -> None:
    player = Player(
        tmp_path, store, opening=opening(store, ROUTINE, {}, today=datetime.now().date())
    )
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reasons = [str(w.render()) for w in player.app.screen.query(".advice-reason")]
        assert reasons and all("Nothing logged for these exercises yet" in r for r in reasons)
        assert len(reasons) == len(set(reasons)), "each reason once, naming its exercises"
        what = " · ".join(str(w.render()) for w in player.app.screen.query(".advice-what"))
        assert "B Squat" in what and "Lateral Step Down" in what
        equipment = player.text("equipment")
        assert "a medium to heavy kettlebell" in equipment and "exercise mat" in equipment
        player.app.save_screenshot("player-opening-first-time.svg", str(artifacts_dir))
        await pilot.press("q")
        await pilot.pause()
    assert player.app.return_value is Ending.NOT_STARTED
    assert all_sessions(store) == []


async def test_screenshots_of_each_kind_of_step(
    tmp_path: Path, store: Store, artifacts_dir: Path
) -> None:
    steps = Session(ROUTINE, now=0).timeline.steps

    def find(kind: StepKind, exercise: str | None = None, round_: int = 1) -> int:
        return next(
            s.index
            for s in steps
            if (s.kind, s.exercise_id, s.round) == (kind, exercise, round_) and s.side != "right"
        )

    shots = [
        (find(StepKind.WORK, "plantarflexion-walk", 2), 3 + 11.2, "player-timed-step.svg", "Work!"),
        (find(StepKind.SWITCH, "b-squat", 2), 2.2, "player-switch.svg", "Switch to your right leg"),
        (find(StepKind.REST_AS_NEEDED, None, 3), 47.3, "player-rest-as-needed.svg",
         "Rest as long as you need, then press Enter"),
        (find(StepKind.WORK, "lateral-step-down", 2), 9.6, "player-rep-step.svg",
         "Press Enter when your reps are done (about 24 s)"),
    ]  # fmt: skip
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        for index, wait, name, phase in shots:
            while player.session.index < index:
                await pilot.press("n")
            await player.clock.advance(wait)
            await pilot.pause()
            assert (player.session.index, player.text("phase")) == (index, phase)
            player.app.save_screenshot(name, str(artifacts_dir))
            assert (artifacts_dir / name).stat().st_size > 1000
        assert player.text("title") == "Lateral Step Down"
        assert player.text("target") == (
            "8 reps · left leg · dumbbell or kettlebell (medium), "
            "in the hand on the standing-leg side, arm by your side"
        )


async def test_rest_as_needed_counts_up_until_enter(tmp_path: Path, store: Store) -> None:
    rest = next(
        i
        for i, s in enumerate(Session(ROUTINE, now=0).timeline.steps)
        if s.kind is StepKind.REST_AS_NEEDED
    )
    player = Player(tmp_path, store, lambda now: Session(ROUTINE, now=now, index=rest))
    async with player.app.run_test(size=SIZE) as pilot:
        await player.clock.advance(75)
        await pilot.pause()
        assert player.session.index == rest
        assert player.text("title") == "Rest as needed"
        assert "Next up: Strength Set A: Plantarflexion Walk, 30 s" in player.text("next-up")
        assert player.app.screen.query_one("#countdown").value == "1:15"
        await pilot.press("enter")
        assert player.session.step.exercise_name == "Plantarflexion Walk"


async def test_space_pauses_and_resumes(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await player.clock.advance(8)
        await pilot.press("space")
        await player.clock.advance(300)
        await pilot.pause()
        assert player.text("phase") == "Paused: press space to carry on"
        assert player.session.elapsed(player.clock.now()) == 5
        await pilot.press("space")
        await player.clock.advance(15)
        assert player.session.step.kind is StepKind.SWITCH


async def test_skip_back_and_easier_keys(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await player.clock.advance(5)
        await pilot.press("n")
        assert player.session.step.kind is StepKind.SWITCH
        await pilot.press("right", "right")
        assert player.text("title") == "Get ready for the next exercise"
        await pilot.press("b")
        assert (player.text("title"), player.session.step.side) == ("Standing Figure 8", "right")
        while player.session.next_step.exercise_id != "high-plank-calf-rock":
            await pilot.press("n")
        assert player.text("title") == "Get ready for the next exercise"
        await pilot.press("e")
        assert "Calf Rock with Knee Taps" in player.text("next-up")
        await pilot.press("n")
        assert player.text("title") == "Calf Rock with Knee Taps"
        await pilot.press("left")
        assert player.session.step.kind is StepKind.TRANSITION
        await pilot.press("e")
        assert player.session.variations == {
            "high-plank-calf-rock": "high-plank-calf-rock-knee-taps"
        }
    first = player.logged().sets[0]
    assert (exercise_name(first), first.side, first.outcome) == (
        "Standing Figure 8",
        "left",
        Outcome.SKIPPED,
    )


async def test_quitting_asks_first_and_keeps_the_place(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    work = [s for s in player_steps() if s.kind is StepKind.WORK]
    async with player.app.run_test(size=SIZE) as pilot:
        while player.session.index <= work[8].index:  # enough done to be worth keeping
            await pilot.press("enter")
        await pilot.press("q")
        await pilot.pause()
        assert "Your place is saved" in player.text("question-body")
        await pilot.press("n")
        assert isinstance(player.app.screen, PlayerScreen)
        await pilot.press("q", "y")
        await pilot.pause()
    assert player.app.return_value is Ending.QUIT
    kept = LiveSessions(store).current()
    assert (kept.uid, kept.index, kept.paused) == (
        player.recorder.session_id,
        work[8].index + 1,
        True,
    )
    assert player.logged().status == "in progress"


async def test_quitting_with_little_done_offers_to_discard(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n", "enter", "q")
        await pilot.pause()
        assert "Only 1 set done so far" in player.text("question-body")
        await pilot.press("d")
        await pilot.pause()
    assert player.app.return_value is Ending.DISCARDED
    assert all_sessions(store) == []


async def test_a_session_ended_elsewhere_stops_the_player(tmp_path: Path, store: Store) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        LiveSessions(store).finish(player.recorder.session_id, completed=False)  # the browser
        await pilot.press("n")
        await pilot.pause()
    assert player.app.return_value is Ending.REFUSED
    assert "abandoned" in player.app.refusal


def player_steps():
    return Session(ROUTINE, now=0).timeline.steps


async def test_the_bell_rings_when_no_voice_is_chosen(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = PlayerApp(
        lambda now: Session(ROUTINE, now=now),
        clock=(clock := FakeClock()),
        recorder=StoreRecorder(store),
    )
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=SIZE):
        await clock.advance(3)
    assert len(rings) == 4  # 3, 2, 1, go


async def test_the_session_waits_while_the_quit_question_is_open(
    tmp_path: Path, store: Store
) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=SIZE) as pilot:
        await player.clock.advance(3 + 8)
        await pilot.pause()
        assert player.app.screen.query_one("#countdown").value == "0:12"
        await pilot.press("q")
        cues = len(player.cues)
        await player.clock.advance(300)
        await pilot.pause()
        assert isinstance(player.app.screen, QuitScreen)
        behind = player.app.screen_stack[-2]
        assert str(behind.query_one("#phase").render()) == "Paused: press space to carry on"
        assert len(player.cues) == cues  # no end-of-step cue while the runner decides
        await pilot.press("n")
        await pilot.pause()
        assert (player.text("title"), player.text("phase")) == ("Standing Figure 8", "Work!")
        assert player.app.screen.query_one("#countdown").value == "0:12"
        await player.clock.advance(12)
        await pilot.pause()
        assert player.text("title") == "Switch sides"

        await pilot.press("space", "q", "n")  # paused by the runner: it stays paused
        await pilot.pause()
        assert player.text("phase") == "Paused: press space to carry on"


async def test_the_move_is_drawn_where_the_terminal_has_room(
    tmp_path: Path, store: Store, artifacts_dir: Path
) -> None:
    player = Player(tmp_path, store)
    async with player.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        figure = player.app.screen.query_one("#figure")
        assert figure.display
        drawing = str(figure.render())
        assert drawing.strip() and set(drawing) <= {chr(c) for c in range(0x2800, 0x2900)} | {
            " ",
            "\n",
        }
        left = drawing  # the routine opens on the left leg: drawn mirrored
        await pilot.press("n", "n")
        await pilot.pause()
        assert player.session.step.side == "right"
        assert str(figure.render()) != left
        player.app.save_screenshot("player-figure.svg", str(artifacts_dir))
    small = Player(tmp_path, store)
    async with small.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not small.app.screen.query_one("#figure").display
