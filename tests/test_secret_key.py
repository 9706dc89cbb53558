"""The web app's signing key: one for every worker, kept private, or given by the environment."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor

from runstrong.secret_key import secret_key
from runstrong.settings import Settings


def test_workers_starting_together_agree_on_one_key(tmp_path):
    settings = Settings(data_dir=tmp_path / "home")
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: secret_key(settings), range(32)))
    assert len(keys) == 1
    (key,) = keys
    assert len(key) >= 32
    kept = settings.secret_key_file
    assert kept.read_bytes() == key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600, "only its owner may read it"
    assert [p.name for p in kept.parent.iterdir()] == [kept.name], "no drafts left behind"
    assert secret_key(Settings(data_dir=tmp_path / "home")) == key, "the same after a restart"


def test_a_configured_key_wins_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_SECRET_KEY", "shared-by-every-machine")
    settings = Settings.from_env()
    assert secret_key(settings) == b"shared-by-every-machine"
    assert not settings.secret_key_file.exists()
    assert "shared-by-every-machine" not in repr(settings), "never printed with the settings"
