"""Fixtures every test area shares: an isolated data folder and the test databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(autouse=True)
def runstrong_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own data folder and the default SQLite store inside it."""
    home = tmp_path / "home"
    monkeypatch.setenv("RUNSTRONG_HOME", str(home))
    monkeypatch.delenv("RUNSTRONG_DATABASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave screenshots and files for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _server_url() -> str:
    return os.environ.get("RUNSTRONG_TEST_DATABASE_URL", DEFAULT_SERVER)


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The PostgreSQL server tests may create databases on.

    Skips (visibly) only when no server answers and CI is not set; under CI a
    missing server is a failure.
    """
    import sqlalchemy as sa

    url = _server_url()
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
    except sa.exc.OperationalError as err:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {url} is required under CI: {err}")
        pytest.skip(f"no PostgreSQL server answers at {url}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = f"runstrong_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'create database "{name}"'))
    try:
        yield make_url(postgres_server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run a test once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'runstrong.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def feed_authority(tmp_path_factory: pytest.TempPathFactory):
    """A throw-away certificate authority and its certificate file, for the HTTPS feed server."""
    import trustme

    authority = trustme.CA()
    pem = tmp_path_factory.mktemp("ca") / "authority.pem"
    authority.cert_pem.write_to_path(str(pem))
    return authority, pem


@pytest.fixture
def feed_server(feed_authority, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A real HTTPS server on loopback, trusted by the application through SSL_CERT_FILE."""
    import ssl

    import feed_server as feeds

    authority, pem = feed_authority
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    # feeds.example: a name only the tests resolve (to this server), for the address checks.
    authority.issue_cert("127.0.0.1", "localhost", "feeds.example").configure_cert(context)
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    # The server is on loopback, which only an install for one person may fetch from.
    monkeypatch.setenv("RUNSTRONG_ALLOW_PRIVATE_FEEDS", "1")
    server, running = feeds.start(context)
    try:
        yield server
    finally:
        running.shutdown()
        running.server_close()
