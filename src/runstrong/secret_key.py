"""The key the web app signs with: configured, or made once and kept in the data folder.

Every worker process must check what any other signed, so the key is never
made per process: `RUNSTRONG_SECRET_KEY` gives it (the way for servers on
several machines), else the first process to need one writes it, whole and
readable only by its owner, and every later one reads that file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from runstrong.settings import Settings

_KEY_BYTES = 32


def secret_key(settings: Settings) -> bytes:
    """The signing key for `settings`, making and keeping one if there is none yet.

    Raises:
        OSError: the data folder cannot be written or the kept key read.
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    path = settings.secret_key_file
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        return _keep_new_key(path)
    if not key:
        raise OSError(f"{path} is empty: delete it, or set RUNSTRONG_SECRET_KEY")
    return key


def _keep_new_key(path: Path) -> bytes:
    """Write a new key beside `path` and link it into place: a process that loses the race
    reads the winner's key, and no process ever reads a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(_KEY_BYTES).encode()
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(key)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            return path.read_bytes().strip()
        return key
    finally:
        draft.unlink(missing_ok=True)
