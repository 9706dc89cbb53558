"""A damaged, foreign or newer database gets a clear message and is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from runstrong.cli import main
from runstrong.store.database import open_store
from runstrong.store.errors import StoreError


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_file_that_is_not_a_database_is_left_alone(
    runstrong_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = runstrong_home / "runstrong.db"
    log.parent.mkdir(parents=True)
    log.write_bytes(b"my shopping list\n" * 100)
    for command in (["history"], ["log", "--rpe", "6"], ["db", "upgrade"]):
        status, _, err = _run(capsys, *command)
        assert status == 1
        assert err.startswith("runstrong: error:") and "not a readable runstrong log" in err
        assert "Traceback" not in err
    assert log.read_bytes() == b"my shopping list\n" * 100


def test_a_damaged_sqlite_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    with open_store(f"sqlite:///{path}") as store:
        store.engine.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="is damaged"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes() == bytes(data)


def test_a_newer_schema_is_refused_untouched(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(database_url) as store, store.engine.begin() as connection:
        connection.execute(sa.text("update alembic_version set version_num = '9999'"))
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", database_url)
    status, _, err = _run(capsys, "log", "--rpe", "6")
    assert status == 1
    assert "newer runstrong (schema 9999)" in err and "Traceback" not in err
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        assert (
            connection.execute(sa.text("select version_num from alembic_version")).scalar()
            == "9999"
        )
        assert connection.execute(sa.text("select count(*) from sessions")).scalar() == 0
    engine.dispose()


def test_tables_someone_else_made_are_not_touched(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("create table sessions (id integer primary key, what text)"))
    engine.dispose()
    with pytest.raises(StoreError, match="did not create"):
        open_store(database_url)


def test_an_unreachable_server_is_explained(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "RUNSTRONG_DATABASE_URL", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
    )
    status, _, err = _run(capsys, "history")
    assert status == 1
    assert "cannot reach the log database" in err
    assert "secret" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "url", ["nosuchdb://me@localhost/log", "postgresql+nosuchdriver://me@h/log"]
)
def test_a_database_without_a_driver_is_explained(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", url)
    status, _, err = _run(capsys, "history")
    assert status == 1
    assert "no SQLAlchemy driver" in err and "Traceback" not in err
