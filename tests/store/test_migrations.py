"""The schema comes from the migrations shipped in the package, on both databases."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from runstrong.store.database import make_engine, open_store
from runstrong.store.migrate import HEAD, alembic_config, migrate, stored_revision
from runstrong.store.schema import Base
from runstrong.store.sessions import all_sessions

TABLES = {"users", "sessions", "sets", "plans"}


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) & TABLES


def test_upgrade_from_empty_then_downgrade_then_upgrade(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "head")
        assert _tables(engine) == TABLES
        assert stored_revision(engine) == HEAD
        migrate(engine, "base", down=True)
        assert _tables(engine) == set()
        migrate(engine, "head")
        assert _tables(engine) == TABLES
    finally:
        engine.dispose()


def test_first_use_creates_the_schema(database_url: str) -> None:
    with open_store(database_url) as store:
        assert _tables(store.engine) == TABLES


def test_models_and_migrations_agree(database_url: str) -> None:
    with open_store(database_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_head_constant_is_the_newest_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_default_log_lives_in_the_data_folder(runstrong_home: Path) -> None:
    with open_store() as store:
        assert Path(store.engine.url.database) == runstrong_home / "runstrong.db"
        with store.engine.connect() as connection:
            mode = connection.exec_driver_sql("pragma journal_mode").scalar()
            keys = connection.exec_driver_sql("pragma foreign_keys").scalar()
            synchronous = connection.exec_driver_sql("pragma synchronous").scalar()
    assert (mode, keys) == ("wal", 1)
    assert synchronous == 2, "FULL: an acknowledged commit survives a power cut"


def test_sessions_logged_before_live_sessions_keep_their_sets(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                sa.text("insert into users (id, name, created_at) values (1, 'local', :at)"),
                {"at": "2026-11-01 07:00:00"},
            )
            connection.execute(
                sa.text(
                    "insert into sessions (id, uid, user_id, workout_id, workout_version, "
                    "started_at, status) values (1, 'old', 1, 'runners-lower-body', 1, :at, "
                    "'completed')"
                ),
                {"at": "2026-11-01 07:00:00"},
            )
            connection.execute(
                sa.text(
                    "insert into sets (session_id, position, exercise_id, round, outcome) "
                    "values (1, 0, 'standing-figure-8', 1, 'done')"
                )
            )
        migrate(engine, "head")
    finally:
        engine.dispose()
    with open_store(database_url) as store:
        [entry] = all_sessions(store)
    assert (entry.uid, len(entry.sets), entry.status) == ("old", 1, "completed")
