"""runstrong migrates only an empty database or its own log; anything else is refused with
every byte left as it was (no tables added, no switch to WAL, no -wal file left behind)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from runstrong.cli import main
from runstrong.store.database import open_store
from runstrong.store.errors import StoreError
from runstrong.store.ownership import APPLICATION_ID


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sqlite(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def _application_id(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return connection.execute("pragma application_id").fetchone()[0]
    finally:
        connection.close()


def _damaged_log(path: Path) -> Path:
    """A runstrong log whose schema page is intact but one of its data pages is not."""
    with open_store(f"sqlite:///{path}") as store, store.engine.begin() as connection:
        connection.exec_driver_sql("create table filler (x text)")  # pages to damage
        for _ in range(200):
            connection.exec_driver_sql("insert into filler values (hex(randomblob(200)))")
    sqlite3.connect(path).execute("pragma wal_checkpoint(truncate)").close()
    data = bytearray(path.read_bytes())
    page = 4096
    data[-3 * page : -2 * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    return path


FOREIGN: dict[str, Callable[[Path], Path]] = {
    "another program's tables": lambda p: _sqlite(
        p,
        "create table notes (id integer primary key, body text)",
        "insert into notes values (1, 'x')",
    ),
    "a table clashing with the log's": lambda p: _sqlite(
        p, "create table sessions (id integer primary key, what text)"
    ),
    "another program's application id": lambda p: _sqlite(p, "pragma application_id = 1196444487"),
    "another program's alembic schema": lambda p: _sqlite(
        p,
        "create table alembic_version (version_num varchar(32) not null)",
        "insert into alembic_version values ('ae1027a6acf')",
        "create table accounts (id integer primary key)",
    ),
    "a WAL-mode file of another program": lambda p: _sqlite(
        p, "pragma journal_mode = wal", "create table notes (id integer primary key)"
    ),
}
COMMANDS = [["db", "upgrade"], ["history"], ["log", "--rpe", "6"]]
# Everyday commands leave reading every page to `db upgrade` and to migrations.
CASES = [(case, command) for case in sorted(FOREIGN) for command in COMMANDS]
CASES += [("a damaged runstrong log", ["db", "upgrade"])]
FOREIGN["a damaged runstrong log"] = _damaged_log


@pytest.mark.parametrize(("case", "command"), CASES)
def test_a_foreign_or_damaged_file_is_refused_byte_for_byte_untouched(
    case, command, runstrong_home, capsys
):
    runstrong_home.mkdir(parents=True)
    path = FOREIGN[case](runstrong_home / "runstrong.db")
    files = sorted(p.name for p in runstrong_home.iterdir())
    before = _sha256(path)
    status = main(command)
    _, err = capsys.readouterr()
    assert status == 1
    assert err.startswith("runstrong: error: ") and "Traceback" not in err
    assert "left untouched" in err
    assert _sha256(path) == before
    assert sorted(p.name for p in runstrong_home.iterdir()) == files  # no -wal, no -shm


def test_a_new_log_is_marked_as_runstrong_s(tmp_path):
    path = tmp_path / "log.db"
    open_store(f"sqlite:///{path}").close()
    assert _application_id(path) == APPLICATION_ID


def test_an_empty_sqlite_file_becomes_a_log(tmp_path):
    path = _sqlite(tmp_path / "log.db", "pragma user_version = 0")
    open_store(f"sqlite:///{path}").close()
    assert _application_id(path) == APPLICATION_ID


def test_a_log_written_before_the_mark_is_recognised_and_marked(tmp_path):
    path = tmp_path / "log.db"
    open_store(f"sqlite:///{path}").close()
    _sqlite(path, "pragma application_id = 0")
    assert _application_id(path) == 0
    with open_store(f"sqlite:///{path}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("select count(*) from sessions").scalar() == 0
    assert _application_id(path) == APPLICATION_ID


def test_db_upgrade_checks_the_whole_file(tmp_path, monkeypatch, capsys):
    path = _damaged_log(tmp_path / "log.db")
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", f"sqlite:///{path}")
    before = _sha256(path)
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "up to date" not in err
    assert _sha256(path) == before


def test_a_postgresql_database_holding_other_tables_is_refused_untouched(postgres_url):
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.text("create table invoices (id integer primary key)"))
    try:
        with pytest.raises(StoreError, match=r"holds tables \(invoices\) that runstrong did not"):
            open_store(postgres_url)
        with engine.connect() as connection:
            tables = sa.inspect(connection).get_table_names()
        assert tables == ["invoices"]
    finally:
        engine.dispose()


def test_a_postgresql_database_of_another_alembic_project_is_refused(postgres_url):
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.text("create table alembic_version (version_num varchar(32))"))
        connection.execute(sa.text("insert into alembic_version values ('ae1027a6acf')"))
    try:
        with pytest.raises(StoreError, match="another program's database"):
            open_store(postgres_url)
    finally:
        engine.dispose()
