"""Save where a session is, so a crash or a closed terminal costs at most one step.

The checkpoint is one small JSON file in the data folder, replaced atomically
(write a temp file, then rename), so a kill at any instant leaves either the
previous checkpoint or the new one, never a broken file.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from runstrong.atomic import write_atomic
from runstrong.play.session import Snapshot
from runstrong.settings import Settings

FORMAT = 1


class CheckpointError(ValueError):
    """The checkpoint file exists but cannot be used."""


def checkpoint_path() -> Path:
    return Settings.from_env().checkpoint_file


def save_checkpoint(snapshot: Snapshot, *, source: str | None, path: Path | None = None) -> None:
    """Record `snapshot`; `source` is how the workout was named (id or file), to find it again."""
    document = {"format": FORMAT, "source": source, **asdict(snapshot)}
    write_atomic(path or checkpoint_path(), json.dumps(document, indent=2).encode())


def load_checkpoint(path: Path | None = None) -> tuple[Snapshot, str | None] | None:
    """The saved snapshot and workout source, or None when there is no checkpoint.

    Raises:
        CheckpointError: the file is not a checkpoint this version can read.
    """
    path = path or checkpoint_path()
    try:
        document = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise CheckpointError(f"cannot read the saved session {path}: {err}") from None
    if not isinstance(document, dict) or document.pop("format", None) != FORMAT:
        raise CheckpointError(f"{path} is not a saved session this version understands")
    source = document.pop("source", None)
    try:
        return Snapshot(**document), source
    except TypeError:
        raise CheckpointError(f"{path} is missing parts of the saved session") from None


def clear_checkpoint(path: Path | None = None) -> None:
    """Forget the saved session (it finished, or the runner chose to start over)."""
    (path or checkpoint_path()).unlink(missing_ok=True)
