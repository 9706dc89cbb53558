"""A server whose log is some other program's database answers plainly and leaves it alone."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from fastapi.testclient import TestClient

from runstrong.settings import Settings
from runstrong.web.app import create_app


@pytest.mark.parametrize("path", ["/history", "/plan", "/api/log", "/api/plan"])
def test_pages_using_a_foreign_log_are_503_and_the_file_is_untouched(tmp_path, caplog, path):
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE notes (text)")
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    settings = Settings(data_dir=tmp_path / "home", database_url=f"sqlite:///{foreign}")
    with TestClient(
        create_app(settings), base_url="http://localhost", raise_server_exceptions=False
    ) as client:
        response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == 503
    assert "the training log cannot be used" in response.text
    assert str(foreign) not in response.text, "where the log lives is the server's business"
    assert str(foreign) in caplog.text and "did not create" in caplog.text
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob("notes.db-*")), "no -wal or -shm beside it"
