"""`runstrong delete ID`: the id `history` shows, a question first, and nothing else touched."""

from __future__ import annotations

import pytest

from runstrong.store.database import open_store
from runstrong.store.history import SHORT_ID
from runstrong.store.sessions import all_sessions


def _logged_ids(run) -> list[str]:
    status, out, _ = run("history")
    assert status == 0
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_history_shows_ids_and_delete_removes_that_session(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in ("2026-11-02", "2026-11-09"):
        assert run("log", "--date", day, "--rpe", "6")[0] == 0
    newest, oldest = _logged_ids(run)
    assert len(newest) == SHORT_ID

    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    status, out, _ = run("delete", oldest)
    assert status == 0 and "Nothing was deleted." in out
    assert _logged_ids(run) == [newest, oldest]

    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("y\n"))
    status, out, _ = run("delete", oldest)
    assert status == 0
    assert "Delete the runners-lower-body session of 2026-11-02" in out
    assert "(completed, 35/35 sets)" in out
    assert _logged_ids(run) == [newest]
    with open_store() as store:
        [kept] = all_sessions(store)
    assert kept.uid.startswith(newest) and len(kept.sets) == 35


def test_unknown_short_and_ambiguous_ids_are_refused(run) -> None:
    assert run("log", "--date", "2026-11-02")[0] == 0
    status, _, err = run("delete", "zzzzzzzz", "--yes")
    assert status == 2
    assert "runstrong: error: no session has an id starting with 'zzzzzzzz'" in err
    assert "runstrong history" in err
    status, _, err = run("delete", "ab", "--yes")
    assert status == 2 and "is not a session id" in err
    with open_store() as store:
        assert len(all_sessions(store)) == 1
