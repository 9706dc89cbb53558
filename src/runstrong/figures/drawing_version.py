"""A token for the code that draws figures, so a picture cached under its address is drawn
again when that code changes, even when neither the figure nor runstrong's version did."""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path

#: The modules whose source decides what a figure looks like as SVG.
DRAWING_MODULES = ("model.py", "body.py", "svg.py")


def drawing_version(folder: Path | None = None) -> str:
    """A short hash of the drawing code in `folder` (runstrong's own by default)."""
    if folder is None:
        return _installed()
    digest = hashlib.sha256()
    for name in DRAWING_MODULES:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def _installed() -> str:
    return drawing_version(Path(str(resources.files("runstrong.figures"))))
