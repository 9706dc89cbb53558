"""`runstrong users` and `--user`: several runners on one log, each seeing only their own."""

from __future__ import annotations

import io

import pytest

from runstrong.store.accounts import list_users, verify_login
from runstrong.store.database import open_store
from runstrong.store.sessions import all_sessions


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def feed(text: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO(text))

    return feed


def _add(run, stdin, name: str, password: str = "correct horse", *extra: str):
    stdin(password + "\n")
    return run("users", "add", name, "--password-stdin", *extra)


def test_users_add_list_passwd_remove(run, stdin, on_database) -> None:
    status, out, _ = _add(run, stdin, "anna")
    assert status == 0 and "Added anna (an admin)" in out
    assert _add(run, stdin, "ben")[0] == 0
    assert run("--user", "ben", "log", "--date", "2026-11-02")[0] == 0

    status, out, _ = run("users", "list")
    assert status == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "admin" in lines["anna"] and "0 sessions" in lines["anna"]
    assert "1 session" in lines["ben"] and "admin" not in lines["ben"]

    stdin("a new password\n")
    assert run("users", "passwd", "ben", "--password-stdin")[0] == 0
    with open_store(on_database) as store:
        assert verify_login(store, "ben", "correct horse") is None
        assert verify_login(store, "ben", "a new password").name == "ben"

    stdin("n\n")
    status, out, _ = run("users", "remove", "ben")
    assert status == 0 and "Nothing was removed." in out
    status, out, _ = run("users", "remove", "ben", "--yes")
    assert status == 0 and "Removed ben and their 1 logged session." in out
    assert "ben" not in run("users", "list")[1]


def test_bad_names_passwords_and_duplicates_are_refused(run, stdin) -> None:
    status, _, err = _add(run, stdin, "Anna Smith")
    assert status == 2 and "'Anna Smith' cannot be a user name" in err
    status, _, err = _add(run, stdin, "anna", "short")
    assert status == 2 and "shorter than 8 characters" in err
    assert _add(run, stdin, "anna")[0] == 0
    status, _, err = _add(run, stdin, "anna")
    assert status == 2 and "already a user 'anna'" in err and "users passwd anna" in err
    stdin("\n")
    status, _, err = run("users", "passwd", "anna", "--password-stdin")
    assert status == 2 and "no password on standard input" in err
    status, _, err = run("users", "remove", "nobody", "--yes")
    assert status == 2 and "no user 'nobody'" in err


def test_the_password_is_never_an_argument(run) -> None:
    status, _, err = run("users", "add", "anna", "--password", "secret123")
    assert status == 2 and "No such option" in err


def test_each_user_sees_and_changes_only_their_own_log(
    run, stdin, on_database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("anna", "ben"):
        assert _add(run, stdin, name)[0] == 0
    assert run("--user", "anna", "log", "--date", "2026-11-02", "--rpe", "5")[0] == 0
    monkeypatch.setenv("RUNSTRONG_USER", "ben")
    assert run("log", "--date", "2026-11-03", "--rpe", "7")[0] == 0

    ben_history = run("history")[1]
    anna_history = run("--user", "anna", "history")[1]
    assert "2026-11-03" in ben_history and "2026-11-02" not in ben_history
    assert "2026-11-02" in anna_history and "2026-11-03" not in anna_history

    # ben amends his last session: anna's stays as she logged it
    assert run("log", "--amend", "--rpe", "9")[0] == 0
    anna_id = anna_history.splitlines()[1].split()[0]
    status, _, err = run("delete", anna_id, "--yes")
    assert status == 2 and "no session has an id starting with" in err
    with open_store(on_database) as store:
        [anna] = all_sessions(store.acting_as("anna"))
        [ben] = all_sessions(store.acting_as("ben"))
        assert all_sessions(store) == []  # the local runner logged nothing
    assert (anna.rpe, ben.rpe) == (5, 9)


def test_an_unknown_user_is_refused_before_anything_is_written(run, on_database) -> None:
    status, _, err = run("--user", "anan", "log", "--date", "2026-11-02")
    assert status == 2
    assert "there is no user 'anan'" in err and "runstrong users add anan" in err
    with open_store(on_database) as store:
        assert list_users(store) == []


def test_tokens_are_shown_once_listed_without_secret_and_revoked(run, stdin) -> None:
    assert _add(run, stdin, "anna")[0] == 0
    status, out, _ = run("--user", "anna", "tokens", "create", "watch sync")
    assert status == 0 and out.startswith("rs_")
    secret = out.strip()
    status, out, _ = run("--user", "anna", "tokens", "list")
    assert "watch sync" in out and secret not in out
    token_id = out.split()[0]
    assert "No tokens yet" in run("tokens", "list")[1]  # the local runner has none
    status, _, err = run("tokens", "revoke", token_id)
    assert status == 2 and "local has no token" in err
    assert run("--user", "anna", "tokens", "revoke", token_id)[0] == 0
    assert "No tokens yet" in run("--user", "anna", "tokens", "list")[1]
