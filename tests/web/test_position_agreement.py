"""Both players follow one position rule: after any switch to an easier variation, the
terminal's session and the web API stand on the same step of every built-in workout."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runstrong.play.session import NoEasierVariation, Session
from runstrong.timeline import compile_timeline
from runstrong.workouts.library import load_library
from runstrong.workouts.model import Workout

BUILTIN = [entry.workout for entry in load_library().entries if entry.builtin]

#: what the runner does: skip ahead some steps, go back one, or ask for the easier variation
ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("skip"), st.integers(1, 12)),
        st.tuples(st.just("back"), st.just(1)),
        st.tuples(st.just("easier"), st.just(1)),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    from runstrong.settings import Settings
    from runstrong.web.app import create_app

    with tempfile.TemporaryDirectory(prefix="runstrong-agree-") as home:
        settings = Settings(data_dir=Path(home), database_url=f"sqlite:///{home}/log.db")
        with TestClient(create_app(settings), base_url="http://localhost") as client:
            yield client


def test_there_are_builtin_workouts_with_easier_variations() -> None:
    assert any(e.easier() for w in BUILTIN for e in w.exercises())


@pytest.mark.parametrize("workout", BUILTIN, ids=lambda w: w.id)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(actions=ACTIONS)
def test_terminal_and_web_stand_on_the_same_step(
    api: TestClient, workout: Workout, actions: list[tuple[str, int]]
) -> None:
    terminal = Session(workout, now=0.0)
    web = api.post("/api/sessions", json={"workout_id": workout.id}).json()
    url = f"/api/sessions/{web['id']}"
    for action, count in actions:
        if terminal.finished:
            break
        if action == "skip":
            for _ in range(count):
                if not terminal.finished:
                    terminal.skip(0.0)
            view = api.put(f"{url}/position", json={"index": terminal.index, "paused": True})
        elif action == "back":
            terminal.back(0.0)
            view = api.put(f"{url}/position", json={"index": terminal.index, "paused": True})
        else:
            with contextlib.suppress(NoEasierVariation):
                terminal.use_easier(0.0)
            view = api.put(f"{url}/variations", json={"variations": terminal.variations})
        assert view.status_code == 200, view.text
        stored = view.json()
        assert (stored["index"], stored["variations"]) == (terminal.index, terminal.variations)
        here = compile_timeline(workout, stored["variations"]).steps
        if terminal.step is not None:
            assert here[stored["index"]] == terminal.step
