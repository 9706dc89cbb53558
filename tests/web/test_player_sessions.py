"""The session board: a finished session is closed for good, and old sessions are forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from runstrong.play.recording import Outcome
from runstrong.timeline import compile_timeline
from runstrong.web.player_sessions import (
    FINISHED_KEPT,
    IDLE_KEPT,
    SessionBoard,
    SessionClosed,
)
from runstrong.workouts.library import builtin_workout

ROUTINE = "runners-lower-body"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def board(clock: FakeClock) -> SessionBoard:
    return SessionBoard(clock=clock)


def _start(board: SessionBoard):
    workout = builtin_workout()
    return board.start(workout, compile_timeline(workout))


def test_a_finished_session_refuses_every_change(board):
    session = _start(board)
    board.record(session, 0, outcome=Outcome.DONE, seconds=20)
    board.finish(session, completed=True)
    for change in (
        lambda: board.record(session, 1, outcome=Outcome.DONE, seconds=20),
        lambda: board.move(session, index=1, elapsed=0, paused=True),
        lambda: board.change_timeline(session, session.timeline, index=0),
        lambda: board.finish(session, completed=False),
    ):
        with pytest.raises(SessionClosed, match=session.id):
            change()
    assert (session.completed, session.index, list(session.outcomes)) == (True, 0, [0])


def test_finished_sessions_go_after_a_while(board, clock):
    session = _start(board)
    board.finish(session, completed=True)
    clock.advance(FINISHED_KEPT)
    assert board.get(session.id) is session
    clock.advance(timedelta(seconds=1))
    assert board.get(session.id) is None


def test_unfinished_sessions_go_after_a_day_untouched(board, clock):
    kept, left = _start(board), _start(board)
    clock.advance(IDLE_KEPT / 2)
    board.move(kept, index=3, elapsed=0, paused=True)
    clock.advance(IDLE_KEPT / 2 + timedelta(seconds=1))
    assert board.latest_unfinished(ROUTINE) is kept
    assert board.get(left.id) is None
    assert board.get(kept.id) is kept


def test_the_board_does_not_grow_while_the_server_runs(board, clock):
    for _ in range(200):
        board.finish(_start(board), completed=False)
        _start(board)  # opened and left
        clock.advance(timedelta(minutes=30))
    # an hour of finished sessions and a day of unfinished ones, at most
    assert len(board) <= 3 + 49


def test_the_api_answers_404_for_a_forgotten_session(client, app):
    session = client.post("/api/sessions", json={"workout_id": ROUTINE}).json()
    board = app.state.board
    board._now = lambda: datetime.now(UTC) + IDLE_KEPT + timedelta(minutes=1)
    response = client.get(f"/api/sessions/{session['id']}")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "session_id"
    assert client.get("/api/sessions/current", params={"workout_id": ROUTINE}).status_code == 404
