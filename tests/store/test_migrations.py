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

TABLES = {"users", "sessions", "sets", "plans", "login_sessions", "api_tokens", "login_failures"}


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


def test_a_log_kept_before_accounts_stays_with_the_local_runner(database_url: str) -> None:
    """Upgrading a one-runner log (schema 0003) loses nothing: the built-in `local` user
    keeps every session, set and the plan with its feed secret, and has no password."""
    engine = make_engine(database_url)
    try:
        migrate(engine, "0003")
        at = "2026-11-01 07:00:00"
        with engine.begin() as connection:
            for statement in (
                "insert into users (id, name, created_at) values (1, 'local', :at)",
                "insert into sessions (id, uid, user_id, workout_id, workout_version, "
                "started_at, status, preview, variations) values "
                "(1, 'kept', 1, 'runners-lower-body', 1, :at, 'completed', false, '{}')",
                "insert into sets (session_id, position, exercise_id, round, outcome, client_id)"
                " values (1, 0, 'standing-figure-8', 1, 'done', 'c-0001')",
                "insert into plans (user_id, feed_token, options, warnings, revisions) "
                "values (1, 'secret-feed-token', '{}', '[]', '{}')",
            ):
                connection.execute(sa.text(statement), {"at": at})
        migrate(engine, "head")
    finally:
        engine.dispose()
    from runstrong.store.accounts import list_users
    from runstrong.store.plans import plan_by_token

    with open_store(database_url) as store:
        [entry] = all_sessions(store)
        [local] = list_users(store)
        plan = plan_by_token(store, "secret-feed-token")
    assert (entry.uid, entry.user, len(entry.sets)) == ("kept", "local", 1)
    assert (local.name, local.can_log_in, local.admin) == ("local", False, False)
    assert plan is not None and plan.user == "local"
